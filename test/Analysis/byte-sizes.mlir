// Byte sizes from static shapes and the data layout: 15 elements of f16 (2),
// i8 (1), i1 (1, as stored after bufferization), f64 (8) and index (8); an
// f32 fill written in place into an argument takes no bytes. The predicted
// peak is checked against the static peak of the bufferized function.
// RUN: recompute-opt %s --recompute-report=format=json -o /dev/null | FileCheck %s
// RUN: recompute-opt %s --recompute-report=format=json -o /dev/null > %t.json
// RUN: recompute-opt %s --recompute-bufferize --recompute-static-peak=report=%t.static -o /dev/null
// RUN: cat %t.json %t.static | FileCheck %s --check-prefix=PEAK

// CHECK: "argument_bytes": 60
// CHECK: "activations": 6
// CHECK-NEXT: "activation_bytes": 300
// CHECK: "op": "linalg.fill"
// CHECK-NEXT: "bytes": 30
// CHECK: "op": "linalg.fill"
// CHECK-NEXT: "bytes": 15
// CHECK: "op": "linalg.fill"
// CHECK-NEXT: "bytes": 15
// CHECK: "op": "linalg.fill"
// CHECK-NEXT: "bytes": 120
// CHECK: "op": "linalg.fill"
// CHECK-NEXT: "bytes": 120
// CHECK: "op": "linalg.fill"
// CHECK-NEXT: "bytes": 0

// PEAK: "peak_bytes_before": [[PEAK:[0-9]+]]
// PEAK: "peak_bytes": [[PEAK]]

#id = affine_map<(i, j) -> (i, j)>
#scalar = affine_map<(i, j) -> ()>
func.func @sizes(%x: tensor<3x5xf32>) -> (tensor<f32>, tensor<3x5xf32>) {
  %zero = arith.constant 0.0 : f32
  %h = arith.constant 1.0 : f16
  %b = arith.constant 1 : i8
  %t = arith.constant true
  %d = arith.constant 1.0 : f64
  %n = arith.constant 1 : index
  %e0 = tensor.empty() : tensor<3x5xf16>
  %a0 = linalg.fill ins(%h : f16) outs(%e0 : tensor<3x5xf16>) -> tensor<3x5xf16>
  %e1 = tensor.empty() : tensor<3x5xi8>
  %a1 = linalg.fill ins(%b : i8) outs(%e1 : tensor<3x5xi8>) -> tensor<3x5xi8>
  %e2 = tensor.empty() : tensor<3x5xi1>
  %a2 = linalg.fill ins(%t : i1) outs(%e2 : tensor<3x5xi1>) -> tensor<3x5xi1>
  %e3 = tensor.empty() : tensor<3x5xf64>
  %a3 = linalg.fill ins(%d : f64) outs(%e3 : tensor<3x5xf64>) -> tensor<3x5xf64>
  %e4 = tensor.empty() : tensor<3x5xindex>
  %a4 = linalg.fill ins(%n : index) outs(%e4 : tensor<3x5xindex>) -> tensor<3x5xindex>
  // Written in place into the argument: no bytes of its own.
  %a5 = linalg.fill ins(%zero : f32) outs(%x : tensor<3x5xf32>) -> tensor<3x5xf32>
  %el = tensor.empty() : tensor<f32>
  %fl = linalg.fill ins(%zero : f32) outs(%el : tensor<f32>) -> tensor<f32>
  %loss = linalg.generic {indexing_maps = [#id, #id, #id, #id, #id, #id, #scalar],
                          iterator_types = ["reduction", "reduction"]}
      ins(%a0, %a1, %a2, %a3, %a4, %a5 : tensor<3x5xf16>, tensor<3x5xi8>, tensor<3x5xi1>, tensor<3x5xf64>, tensor<3x5xindex>, tensor<3x5xf32>)
      outs(%fl : tensor<f32>) {
  ^bb0(%v0: f16, %v1: i8, %v2: i1, %v3: f64, %v4: index, %v5: f32, %acc: f32):
    %s = arith.addf %acc, %v5 : f32
    linalg.yield %s : f32
  } -> tensor<f32>
  %eb = tensor.empty() : tensor<3x5xf32>
  %g = linalg.generic {indexing_maps = [#id, #id, #id, #id, #id, #id, #id],
                       iterator_types = ["parallel", "parallel"]}
      ins(%a0, %a1, %a2, %a3, %a4, %a5 : tensor<3x5xf16>, tensor<3x5xi8>, tensor<3x5xi1>, tensor<3x5xf64>, tensor<3x5xindex>, tensor<3x5xf32>)
      outs(%eb : tensor<3x5xf32>) {
  ^bb0(%v0: f16, %v1: i8, %v2: i1, %v3: f64, %v4: index, %v5: f32, %o: f32):
    %w = arith.extf %v0 : f16 to f32
    %s = arith.addf %w, %v5 : f32
    linalg.yield %s : f32
  } -> tensor<3x5xf32>
  return %loss, %g : tensor<f32>, tensor<3x5xf32>
}
