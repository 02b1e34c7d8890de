// The pass inside someone else's pipeline, on a module mixing functions it
// can rewrite with valid IR it cannot model (several blocks, dynamic shapes):
// warnings for the latter, which stay untouched, the others are rewritten,
// and the pipeline runs to the end with exit status 0.
// RUN: recompute-opt %s --mlir-disable-threading --pass-pipeline='builtin.module(func.func(recompute-memory-budget),canonicalize)' \
// RUN:   2>%t.err | FileCheck %s
// RUN: FileCheck %s --check-prefix=DIAG --input-file=%t.err

// DIAG: warning: expected a function with a single block, found 3; the function is left unchanged
// DIAG: warning: argument #0 has type 'tensor<?xf32>': only statically shaped ranked tensors are supported; the function is left unchanged
// DIAG: remark: recomputing 1 of 3 activations
// DIAG-NOT: error

// CHECK-LABEL: func.func @branches
// CHECK: cf.cond_br
// CHECK-NOT: recompute.remat
func.func @branches(%x: tensor<16xf32>, %c: i1) -> tensor<16xf32> {
  cf.cond_br %c, ^a, ^b
^a:
  return %x : tensor<16xf32>
^b:
  %e = tensor.empty() : tensor<16xf32>
  %y = linalg.exp ins(%x : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  return %y : tensor<16xf32>
}

// CHECK-LABEL: func.func @dynamic
// CHECK-NOT: recompute.remat
// CHECK: return
func.func @dynamic(%x: tensor<?xf32>) -> tensor<?xf32> {
  %c0 = arith.constant 0 : index
  %d = tensor.dim %x, %c0 : tensor<?xf32>
  %e = tensor.empty(%d) : tensor<?xf32>
  %y = linalg.exp ins(%x : tensor<?xf32>) outs(%e : tensor<?xf32>) -> tensor<?xf32>
  return %y : tensor<?xf32>
}

// CHECK-LABEL: func.func @step
// CHECK: linalg.exp {recompute.remat = 0 : i64} ins(%arg0
func.func @step(%x: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>) {
  %e1 = tensor.empty() : tensor<16xf32>
  %a1 = linalg.exp ins(%x : tensor<16xf32>) outs(%e1 : tensor<16xf32>) -> tensor<16xf32>
  %e2 = tensor.empty() : tensor<16xf32>
  %a2 = linalg.exp ins(%a1 : tensor<16xf32>) outs(%e2 : tensor<16xf32>) -> tensor<16xf32>
  %e3 = tensor.empty() : tensor<16xf32>
  %a3 = linalg.exp ins(%a2 : tensor<16xf32>) outs(%e3 : tensor<16xf32>) -> tensor<16xf32>
  %b3 = tensor.empty() : tensor<16xf32>
  %g3 = linalg.exp ins(%a3 : tensor<16xf32>) outs(%b3 : tensor<16xf32>) -> tensor<16xf32>
  %b2 = tensor.empty() : tensor<16xf32>
  %g2 = linalg.add ins(%g3, %a2 : tensor<16xf32>, tensor<16xf32>) outs(%b2 : tensor<16xf32>) -> tensor<16xf32>
  %b1 = tensor.empty() : tensor<16xf32>
  %g1 = linalg.add ins(%g2, %a1 : tensor<16xf32>, tensor<16xf32>) outs(%b1 : tensor<16xf32>) -> tensor<16xf32>
  return %a3, %g1 : tensor<16xf32>, tensor<16xf32>
}
