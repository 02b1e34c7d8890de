// Ops with side effects and calls to functions not known to be pure are never
// recomputed; a call to a function whose body is free of side effects, or
// that carries recompute.pure, may be.
// RUN: recompute-opt %s --split-input-file --mlir-disable-threading \
// RUN:   '--recompute-memory-budget=report=-' -o %t.mlir 2>/dev/null | FileCheck %s --check-prefix=JSON
// RUN: recompute-opt %t.mlir --split-input-file | FileCheck %s

// An external callee: unknown effects, so %m is kept and the peak stays.
// JSON: "function": "impure"
// JSON: "status": "unchanged"
// JSON: "reason": "the plan keeps every activation
// JSON: "name": "%0"
// JSON-NEXT: "op": "func.call"
// JSON-NEXT: "bytes": 256
// JSON-NEXT: "kept": true
// CHECK-LABEL: func.func @impure
// CHECK-NOT: recompute.remat
func.func private @opaque(tensor<8x8xf32>) -> tensor<8x8xf32>
func.func @impure(%x: tensor<8x8xf32>) -> (tensor<f32>, tensor<8x8xf32>) {
  %zero = arith.constant 0.0 : f32
  %m = func.call @opaque(%x) : (tensor<8x8xf32>) -> tensor<8x8xf32>
  %e1 = tensor.empty() : tensor<8x8xf32>
  %h = linalg.exp ins(%m : tensor<8x8xf32>) outs(%e1 : tensor<8x8xf32>) -> tensor<8x8xf32>
  %e2 = tensor.empty() : tensor<8x8xf32>
  %h2 = linalg.exp ins(%h : tensor<8x8xf32>) outs(%e2 : tensor<8x8xf32>) -> tensor<8x8xf32>
  %el = tensor.empty() : tensor<f32>
  %fl = linalg.fill ins(%zero : f32) outs(%el : tensor<f32>) -> tensor<f32>
  %loss = linalg.reduce ins(%h2 : tensor<8x8xf32>) outs(%fl : tensor<f32>) dimensions = [0, 1]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  %b2 = tensor.empty() : tensor<8x8xf32>
  %g2 = linalg.mul ins(%h2, %h2 : tensor<8x8xf32>, tensor<8x8xf32>) outs(%b2 : tensor<8x8xf32>) -> tensor<8x8xf32>
  %bh = tensor.empty() : tensor<8x8xf32>
  %gh = linalg.mul ins(%g2, %h : tensor<8x8xf32>, tensor<8x8xf32>) outs(%bh : tensor<8x8xf32>) -> tensor<8x8xf32>
  %b1 = tensor.empty() : tensor<8x8xf32>
  %g1 = linalg.mul ins(%gh, %m : tensor<8x8xf32>, tensor<8x8xf32>) outs(%b1 : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %loss, %g1 : tensor<f32>, tensor<8x8xf32>
}

// -----

// The callee's body only computes on tensors: the call is recomputed.
// JSON: "function": "pure"
// JSON: "status": "rewritten"
// JSON: "recomputed": 1
// CHECK-LABEL: func.func @pure
// CHECK: %[[M:.*]] = call @scale(%[[X:.*]]) :
// CHECK: call @scale(%[[X]]) {recompute.remat = 0 : i64}
func.func private @scale(%t: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %e = tensor.empty() : tensor<8x8xf32>
  %r = linalg.add ins(%t, %t : tensor<8x8xf32>, tensor<8x8xf32>) outs(%e : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %r : tensor<8x8xf32>
}
func.func @pure(%x: tensor<8x8xf32>) -> (tensor<f32>, tensor<8x8xf32>) {
  %zero = arith.constant 0.0 : f32
  %m = func.call @scale(%x) : (tensor<8x8xf32>) -> tensor<8x8xf32>
  %e1 = tensor.empty() : tensor<8x8xf32>
  %h = linalg.exp ins(%m : tensor<8x8xf32>) outs(%e1 : tensor<8x8xf32>) -> tensor<8x8xf32>
  %e2 = tensor.empty() : tensor<8x8xf32>
  %h2 = linalg.exp ins(%h : tensor<8x8xf32>) outs(%e2 : tensor<8x8xf32>) -> tensor<8x8xf32>
  %el = tensor.empty() : tensor<f32>
  %fl = linalg.fill ins(%zero : f32) outs(%el : tensor<f32>) -> tensor<f32>
  %loss = linalg.reduce ins(%h2 : tensor<8x8xf32>) outs(%fl : tensor<f32>) dimensions = [0, 1]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  %b2 = tensor.empty() : tensor<8x8xf32>
  %g2 = linalg.mul ins(%h2, %h2 : tensor<8x8xf32>, tensor<8x8xf32>) outs(%b2 : tensor<8x8xf32>) -> tensor<8x8xf32>
  %bh = tensor.empty() : tensor<8x8xf32>
  %gh = linalg.mul ins(%g2, %h : tensor<8x8xf32>, tensor<8x8xf32>) outs(%bh : tensor<8x8xf32>) -> tensor<8x8xf32>
  %b1 = tensor.empty() : tensor<8x8xf32>
  %g1 = linalg.mul ins(%gh, %m : tensor<8x8xf32>, tensor<8x8xf32>) outs(%b1 : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %loss, %g1 : tensor<f32>, tensor<8x8xf32>
}

// -----

// recompute.pure vouches for an external callee.
// JSON: "function": "declared_pure"
// JSON: "status": "rewritten"
// CHECK-LABEL: func.func @declared_pure
// CHECK: call @ext_pure(%{{.*}}) {recompute.remat = 0 : i64}
func.func private @ext_pure(tensor<8x8xf32>) -> tensor<8x8xf32> attributes {recompute.pure}
func.func @declared_pure(%x: tensor<8x8xf32>) -> (tensor<f32>, tensor<8x8xf32>) {
  %zero = arith.constant 0.0 : f32
  %m = func.call @ext_pure(%x) : (tensor<8x8xf32>) -> tensor<8x8xf32>
  %e1 = tensor.empty() : tensor<8x8xf32>
  %h = linalg.exp ins(%m : tensor<8x8xf32>) outs(%e1 : tensor<8x8xf32>) -> tensor<8x8xf32>
  %e2 = tensor.empty() : tensor<8x8xf32>
  %h2 = linalg.exp ins(%h : tensor<8x8xf32>) outs(%e2 : tensor<8x8xf32>) -> tensor<8x8xf32>
  %el = tensor.empty() : tensor<f32>
  %fl = linalg.fill ins(%zero : f32) outs(%el : tensor<f32>) -> tensor<f32>
  %loss = linalg.reduce ins(%h2 : tensor<8x8xf32>) outs(%fl : tensor<f32>) dimensions = [0, 1]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  %b2 = tensor.empty() : tensor<8x8xf32>
  %g2 = linalg.mul ins(%h2, %h2 : tensor<8x8xf32>, tensor<8x8xf32>) outs(%b2 : tensor<8x8xf32>) -> tensor<8x8xf32>
  %bh = tensor.empty() : tensor<8x8xf32>
  %gh = linalg.mul ins(%g2, %h : tensor<8x8xf32>, tensor<8x8xf32>) outs(%bh : tensor<8x8xf32>) -> tensor<8x8xf32>
  %b1 = tensor.empty() : tensor<8x8xf32>
  %g1 = linalg.mul ins(%gh, %m : tensor<8x8xf32>, tensor<8x8xf32>) outs(%b1 : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %loss, %g1 : tensor<f32>, tensor<8x8xf32>
}
