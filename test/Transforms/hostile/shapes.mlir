// Tensors the analysis cannot size (valid IR it cannot model): a warning at
// the value, the IR is not touched and the pass succeeds, so a pipeline that
// contains the pass keeps going. Also sizes that would overflow 64-bit
// arithmetic. recompute-report, a diagnostic tool, makes them errors.
// RUN: recompute-opt %s --allow-unregistered-dialect --split-input-file \
// RUN:   --verify-diagnostics --recompute-memory-budget | FileCheck %s
// RUN: not recompute-opt %s --allow-unregistered-dialect --split-input-file \
// RUN:   --recompute-report 2>&1 | FileCheck %s --check-prefix=REPORT
// Without -verify-diagnostics (expected-* comments stripped): exit status 0.
// RUN: sed 's#// expected-#// #' %s | recompute-opt - --allow-unregistered-dialect \
// RUN:   --split-input-file --recompute-memory-budget 2>&1 >/dev/null | FileCheck %s --check-prefix=COUNT --implicit-check-not=error
// CHECK-NOT: recompute.remat
// REPORT: error: argument #0 has type 'tensor<?xf32>': only statically shaped ranked tensors are supported{{$}}
// COUNT-COUNT-7: warning: {{.*}}; the function is left unchanged

// expected-warning @+1 {{argument #0 has type 'tensor<?xf32>': only statically shaped ranked tensors are supported; the function is left unchanged}}
func.func @dynamic_argument(%x: tensor<?xf32>) -> (tensor<f32>, tensor<?xf32>) {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %d = tensor.dim %x, %c0 : tensor<?xf32>
  %e1 = tensor.empty(%d) : tensor<?xf32>
  %a1 = linalg.exp ins(%x : tensor<?xf32>) outs(%e1 : tensor<?xf32>) -> tensor<?xf32>
  %el = tensor.empty() : tensor<f32>
  %fl = linalg.fill ins(%zero : f32) outs(%el : tensor<f32>) -> tensor<f32>
  %loss = linalg.reduce ins(%a1 : tensor<?xf32>) outs(%fl : tensor<f32>) dimensions = [0]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  %b = tensor.empty(%d) : tensor<?xf32>
  %g = linalg.mul ins(%a1, %a1 : tensor<?xf32>, tensor<?xf32>) outs(%b : tensor<?xf32>) -> tensor<?xf32>
  return %loss, %g : tensor<f32>, tensor<?xf32>
}

// -----

// expected-warning @+1 {{argument #0 has type 'tensor<*xf32>': only statically shaped ranked tensors are supported; the function is left unchanged}}
func.func @unranked_argument(%x: tensor<*xf32>, %y: tensor<16xf32>) -> (tensor<f32>, tensor<16xf32>) {
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<16xf32>
  %a1 = linalg.exp ins(%y : tensor<16xf32>) outs(%e1 : tensor<16xf32>) -> tensor<16xf32>
  %el = tensor.empty() : tensor<f32>
  %fl = linalg.fill ins(%zero : f32) outs(%el : tensor<f32>) -> tensor<f32>
  %loss = linalg.reduce ins(%a1 : tensor<16xf32>) outs(%fl : tensor<f32>) dimensions = [0]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  return %loss, %a1 : tensor<f32>, tensor<16xf32>
}

// -----

// A dynamic view inside an otherwise static function.
func.func @dynamic_result(%x: tensor<16xf32>, %n: index) -> (tensor<f32>, tensor<16xf32>) {
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<16xf32>
  %a1 = linalg.exp ins(%x : tensor<16xf32>) outs(%e1 : tensor<16xf32>) -> tensor<16xf32>
  // expected-warning @+1 {{result #0 has type 'tensor<?xf32>': only statically shaped ranked tensors are supported; the function is left unchanged}}
  %s0 = tensor.extract_slice %a1[0] [%n] [1] : tensor<16xf32> to tensor<?xf32>
  %el = tensor.empty() : tensor<f32>
  %fl = linalg.fill ins(%zero : f32) outs(%el : tensor<f32>) -> tensor<f32>
  %loss = linalg.reduce ins(%s0 : tensor<?xf32>) outs(%fl : tensor<f32>) dimensions = [0]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  %b = tensor.empty() : tensor<16xf32>
  %g = linalg.mul ins(%a1, %a1 : tensor<16xf32>, tensor<16xf32>) outs(%b : tensor<16xf32>) -> tensor<16xf32>
  return %loss, %g : tensor<f32>, tensor<16xf32>
}

// -----

// An element type without a data layout size used to abort in DataLayout.
// expected-warning @+1 {{argument #0 has type 'tensor<16x!foo.bar>': the element type has no fixed size in the data layout; the function is left unchanged}}
func.func @opaque_element(%x: tensor<16x!foo.bar>) -> tensor<16x!foo.bar> {
  %e1 = tensor.empty() : tensor<16x!foo.bar>
  %a1 = linalg.copy ins(%x : tensor<16x!foo.bar>) outs(%e1 : tensor<16x!foo.bar>) -> tensor<16x!foo.bar>
  return %a1 : tensor<16x!foo.bar>
}

// -----

// expected-warning @+1 {{argument #0 has type 'tensor<4xvector<[4]xf32>>': the element type has no fixed size in the data layout; the function is left unchanged}}
func.func @scalable_vector_element(%x: tensor<4xvector<[4]xf32>>) -> tensor<4xvector<[4]xf32>> {
  return %x : tensor<4xvector<[4]xf32>>
}

// -----

// 2^62 elements of 16 bytes: the byte count does not fit in 64 bits.
// expected-warning @+1 {{argument #0 has type 'tensor<4611686018427387904x4xf32>': its size exceeds 2^62 bytes; the function is left unchanged}}
func.func @overflowing_size(%x: tensor<4611686018427387904x4xf32>) -> tensor<f32> {
  %c = arith.constant dense<0.0> : tensor<f32>
  return %c : tensor<f32>
}

// -----

// Each argument is 2^62 bytes; together they exceed the bound.
// expected-warning @+1 {{the function's tensors total more than 2^62 bytes; the function is left unchanged}}
func.func @overflowing_total(%x: tensor<1152921504606846976xf32>, %y: tensor<1152921504606846976xf32>) -> tensor<f32> {
  %c = arith.constant dense<0.0> : tensor<f32>
  return %c : tensor<f32>
}
