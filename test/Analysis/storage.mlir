// The storage model against bufferization: in-place destinations, copies
// when the init is read later or is a constant, views, pad, concat and
// insert_slice. For each function the predicted peak (no budget: the
// smallest achievable one, after the rewrite) must equal the static peak of
// the bufferized output.
// RUN: recompute-opt %s --split-input-file --mlir-disable-threading \
// RUN:   --recompute-report=format=json -o /dev/null > %t.report.json
// RUN: recompute-opt %s --split-input-file --recompute-bufferize \
// RUN:   --recompute-static-peak=report=- -o /dev/null > %t.static.json
// RUN: cat %t.report.json %t.static.json | FileCheck %s
// The same after the rewrite (no budget):
// RUN: recompute-opt %s --split-input-file --mlir-disable-threading \
// RUN:   '--recompute-memory-budget=report=-' -o %t.after.mlir > %t.after.json 2>/dev/null
// RUN: recompute-opt %t.after.mlir --split-input-file --recompute-bufferize \
// RUN:   --recompute-static-peak=report=- -o /dev/null > %t.after.static
// RUN: cat %t.after.json %t.after.static | FileCheck %s --check-prefix=AFTER

// CHECK: "function": "copy_when_read_later"
// CHECK: "peak_bytes_before": [[P1:[0-9]+]]
// CHECK: "function": "views"
// CHECK: "peak_bytes_before": [[P2:[0-9]+]]
// CHECK: "function": "pad_concat_insert"
// CHECK: "peak_bytes_before": [[P3:[0-9]+]]
// CHECK: "name": "copy_when_read_later"
// CHECK-NEXT: "peak_bytes": [[P1]]
// CHECK: "name": "views"
// CHECK-NEXT: "peak_bytes": [[P2]]
// CHECK: "name": "pad_concat_insert"
// CHECK-NEXT: "peak_bytes": [[P3]]

// %f is read by the backward op, so the matmul cannot write into it: a
// copy. The constant init of the add is read-only: another copy.
// AFTER: "function": "copy_when_read_later"
// AFTER: "peak_bytes_after": [[A1:[0-9]+]]
// AFTER: "activations": 3
// AFTER-NEXT: "activation_bytes": 768
func.func @copy_when_read_later(%x: tensor<8x8xf32>) -> (tensor<f32>, tensor<8x8xf32>) {
  %zero = arith.constant 0.0 : f32
  %cst = arith.constant dense<1.0> : tensor<8x8xf32>
  %e = tensor.empty() : tensor<8x8xf32>
  %f = linalg.exp ins(%x : tensor<8x8xf32>) outs(%e : tensor<8x8xf32>) -> tensor<8x8xf32>
  %m = linalg.matmul ins(%x, %x : tensor<8x8xf32>, tensor<8x8xf32>) outs(%f : tensor<8x8xf32>) -> tensor<8x8xf32>
  %c = linalg.add ins(%m, %m : tensor<8x8xf32>, tensor<8x8xf32>) outs(%cst : tensor<8x8xf32>) -> tensor<8x8xf32>
  %el = tensor.empty() : tensor<f32>
  %fl = linalg.fill ins(%zero : f32) outs(%el : tensor<f32>) -> tensor<f32>
  %loss = linalg.reduce ins(%c : tensor<8x8xf32>) outs(%fl : tensor<f32>) dimensions = [0, 1]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  %b = tensor.empty() : tensor<8x8xf32>
  %g = linalg.mul ins(%f, %m : tensor<8x8xf32>, tensor<8x8xf32>) outs(%b : tensor<8x8xf32>) -> tensor<8x8xf32>
  %b2 = tensor.empty() : tensor<8x8xf32>
  %g2 = linalg.mul ins(%g, %c : tensor<8x8xf32>, tensor<8x8xf32>) outs(%b2 : tensor<8x8xf32>) -> tensor<8x8xf32>
  // Reading the constant in the backward phase does not make it an
  // activation: it is a global.
  %b3 = tensor.empty() : tensor<8x8xf32>
  %g3 = linalg.add ins(%g2, %cst : tensor<8x8xf32>, tensor<8x8xf32>) outs(%b3 : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %loss, %g3 : tensor<f32>, tensor<8x8xf32>
}

// -----

// Views add no bytes; a view created in the backward phase keeps its
// activation alive until the view's last use.
// AFTER: "function": "views"
// AFTER: "peak_bytes_after": [[A2:[0-9]+]]
// AFTER: "activation_bytes": 512
func.func @views(%x: tensor<8x8xf32>) -> (tensor<f32>, tensor<64xf32>) {
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<8x8xf32>
  %a = linalg.exp ins(%x : tensor<8x8xf32>) outs(%e1 : tensor<8x8xf32>) -> tensor<8x8xf32>
  %v = tensor.collapse_shape %a [[0, 1]] : tensor<8x8xf32> into tensor<64xf32>
  %e2 = tensor.empty() : tensor<64xf32>
  %a2 = linalg.exp ins(%v : tensor<64xf32>) outs(%e2 : tensor<64xf32>) -> tensor<64xf32>
  %s = tensor.extract_slice %a2[0] [32] [1] : tensor<64xf32> to tensor<32xf32>
  %el = tensor.empty() : tensor<f32>
  %fl = linalg.fill ins(%zero : f32) outs(%el : tensor<f32>) -> tensor<f32>
  %loss = linalg.reduce ins(%s : tensor<32xf32>) outs(%fl : tensor<f32>) dimensions = [0]
    (%in: f32, %acc: f32) {
      %t = arith.addf %in, %acc : f32
      linalg.yield %t : f32
    }
  %w = tensor.collapse_shape %a [[0, 1]] : tensor<8x8xf32> into tensor<64xf32>
  %b = tensor.empty() : tensor<64xf32>
  %g = linalg.mul ins(%a2, %a2 : tensor<64xf32>, tensor<64xf32>) outs(%b : tensor<64xf32>) -> tensor<64xf32>
  %b2 = tensor.empty() : tensor<64xf32>
  %g2 = linalg.mul ins(%g, %w : tensor<64xf32>, tensor<64xf32>) outs(%b2 : tensor<64xf32>) -> tensor<64xf32>
  return %loss, %g2 : tensor<f32>, tensor<64xf32>
}

// -----

// The pad and the exp are recomputed.
// AFTER: "function": "pad_concat_insert"
// AFTER: "status": "rewritten"
// AFTER: "peak_bytes_before": 1152
// AFTER: "peak_bytes_after": [[A3:864]]
// AFTER: "recomputed": 2
// AFTER: "name": "copy_when_read_later"
// AFTER-NEXT: "peak_bytes": [[A1]]
// AFTER: "name": "views"
// AFTER-NEXT: "peak_bytes": [[A2]]
// AFTER: "name": "pad_concat_insert"
// AFTER-NEXT: "peak_bytes": [[A3]]
func.func @pad_concat_insert(%x: tensor<4x4xf32>) -> (tensor<f32>, tensor<6x6xf32>) {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[1, 1] high[1, 1] {
  ^bb0(%i: index, %j: index):
    tensor.yield %zero : f32
  } : tensor<4x4xf32> to tensor<6x6xf32>
  %e1 = tensor.empty() : tensor<6x6xf32>
  %a = linalg.exp ins(%p : tensor<6x6xf32>) outs(%e1 : tensor<6x6xf32>) -> tensor<6x6xf32>
  %c = tensor.concat dim(0) %a, %p : (tensor<6x6xf32>, tensor<6x6xf32>) -> tensor<12x6xf32>
  %e2 = tensor.empty() : tensor<12x6xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e2 : tensor<12x6xf32>) -> tensor<12x6xf32>
  %i = tensor.insert_slice %x into %z[2, 1] [4, 4] [1, 1] : tensor<4x4xf32> into tensor<12x6xf32>
  %e3 = tensor.empty() : tensor<12x6xf32>
  %h = linalg.add ins(%c, %i : tensor<12x6xf32>, tensor<12x6xf32>) outs(%e3 : tensor<12x6xf32>) -> tensor<12x6xf32>
  %el = tensor.empty() : tensor<f32>
  %fl = linalg.fill ins(%zero : f32) outs(%el : tensor<f32>) -> tensor<f32>
  %loss = linalg.reduce ins(%h : tensor<12x6xf32>) outs(%fl : tensor<f32>) dimensions = [0, 1]
    (%in: f32, %acc: f32) {
      %t = arith.addf %in, %acc : f32
      linalg.yield %t : f32
    }
  %b = tensor.empty() : tensor<6x6xf32>
  %g = linalg.mul ins(%a, %p : tensor<6x6xf32>, tensor<6x6xf32>) outs(%b : tensor<6x6xf32>) -> tensor<6x6xf32>
  return %loss, %g : tensor<f32>, tensor<6x6xf32>
}
