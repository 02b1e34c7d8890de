// Control flow, calls and memory effects around the forward work: calls to
// external (impure) functions, scf regions (if, for, forall) and memref ops
// are never cloned;
// functions with several blocks get a warning and are left unchanged.
// RUN: recompute-opt %s --split-input-file --verify-diagnostics \
// RUN:   --recompute-memory-budget | FileCheck %s

// External callee: unknown effects, so every activation it makes is kept.
func.func private @ext(tensor<16xf32>) -> tensor<16xf32>
// CHECK-LABEL: func.func @call_external
// CHECK-NOT: recompute.remat
// CHECK: return
// expected-remark @+2 {{phase split: 3 forward ops, 6 backward ops, 3 activations crossing, 192 B}}
// expected-remark @+1 {{nothing to do: the plan keeps every activation (peak 320 B)}}
func.func @call_external(%x: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>) {
  %a1 = func.call @ext(%x) : (tensor<16xf32>) -> tensor<16xf32>
  %a2 = func.call @ext(%a1) : (tensor<16xf32>) -> tensor<16xf32>
  %a3 = func.call @ext(%a2) : (tensor<16xf32>) -> tensor<16xf32>
  %b3 = tensor.empty() : tensor<16xf32>
  %g3 = linalg.copy ins(%a3 : tensor<16xf32>) outs(%b3 : tensor<16xf32>) -> tensor<16xf32>
  %b2 = tensor.empty() : tensor<16xf32>
  %g2 = linalg.add ins(%g3, %a2 : tensor<16xf32>, tensor<16xf32>) outs(%b2 : tensor<16xf32>) -> tensor<16xf32>
  %b1 = tensor.empty() : tensor<16xf32>
  %g1 = linalg.add ins(%g2, %a1 : tensor<16xf32>, tensor<16xf32>) outs(%b1 : tensor<16xf32>) -> tensor<16xf32>
  return %a3, %g1 : tensor<16xf32>, tensor<16xf32>
}
// -----

// Branches at the top level: valid IR the analysis cannot model. A warning,
// the IR is untouched and the pass succeeds.
// CHECK-LABEL: func.func @multi_block
// CHECK-NEXT: cf.cond_br
// CHECK-NOT: recompute.remat
// expected-warning @+1 {{expected a function with a single block, found 3; the function is left unchanged}}
func.func @multi_block(%x: tensor<16xf32>, %c: i1) -> tensor<16xf32> {
  cf.cond_br %c, ^a, ^b
^a:
  return %x : tensor<16xf32>
^b:
  return %x : tensor<16xf32>
}
// -----

// The scf.if is never cloned; the pure copy before it is.
// CHECK-LABEL: func.func @scf_if
// CHECK: scf.if
// CHECK-NOT: scf.if
// CHECK: linalg.copy {recompute.remat = 0 : i64} ins(%arg0
// CHECK-NOT: scf.if
// expected-remark @+2 {{phase split: 5 forward ops, 6 backward ops, 3 activations crossing, 192 B}}
// expected-remark @+1 {{recomputing 1 of 3 activations (1 value, 2 ops cloned, overhead 16.67% of the step's FLOPs): peak 320 B -> 256 B}}
func.func @scf_if(%x: tensor<16xf32>, %c: i1) -> (tensor<16xf32>, tensor<16xf32>) {
  %e1 = tensor.empty() : tensor<16xf32>
  %a1 = linalg.copy ins(%x : tensor<16xf32>) outs(%e1 : tensor<16xf32>) -> tensor<16xf32>
  %a2 = scf.if %c -> tensor<16xf32> {
    %e2 = tensor.empty() : tensor<16xf32>
    %t = linalg.copy ins(%a1 : tensor<16xf32>) outs(%e2 : tensor<16xf32>) -> tensor<16xf32>
    scf.yield %t : tensor<16xf32>
  } else {
    scf.yield %a1 : tensor<16xf32>
  }
  %e3 = tensor.empty() : tensor<16xf32>
  %a3 = linalg.copy ins(%a2 : tensor<16xf32>) outs(%e3 : tensor<16xf32>) -> tensor<16xf32>
  %b3 = tensor.empty() : tensor<16xf32>
  %g3 = linalg.copy ins(%a3 : tensor<16xf32>) outs(%b3 : tensor<16xf32>) -> tensor<16xf32>
  %b2 = tensor.empty() : tensor<16xf32>
  %g2 = linalg.add ins(%g3, %a2 : tensor<16xf32>, tensor<16xf32>) outs(%b2 : tensor<16xf32>) -> tensor<16xf32>
  %b1 = tensor.empty() : tensor<16xf32>
  %g1 = linalg.add ins(%g2, %a1 : tensor<16xf32>, tensor<16xf32>) outs(%b1 : tensor<16xf32>) -> tensor<16xf32>
  return %a3, %g1 : tensor<16xf32>, tensor<16xf32>
}
// -----

// memref.load/store are never cloned; the pure copy is.
// CHECK-LABEL: func.func @memref_inside
// CHECK: memref.load
// CHECK-NOT: memref.load
// CHECK: linalg.copy {recompute.remat = 0 : i64} ins(%arg0
// CHECK-NOT: memref.load
// expected-remark @+2 {{phase split: 9 forward ops, 7 backward ops, 3 activations crossing, 192 B}}
// expected-remark @+1 {{recomputing 1 of 3 activations (1 value, 2 ops cloned, overhead 14.29% of the step's FLOPs): peak 320 B -> 256 B}}
func.func @memref_inside(%x: tensor<16xf32>, %m: memref<16xf32>) -> (tensor<16xf32>, tensor<16xf32>) {
  %c0 = arith.constant 0 : index
  %e1 = tensor.empty() : tensor<16xf32>
  %a1 = linalg.copy ins(%x : tensor<16xf32>) outs(%e1 : tensor<16xf32>) -> tensor<16xf32>
  %v = memref.load %m[%c0] : memref<16xf32>
  %e2 = tensor.empty() : tensor<16xf32>
  %f2 = linalg.fill ins(%v : f32) outs(%e2 : tensor<16xf32>) -> tensor<16xf32>
  %a2 = linalg.add ins(%a1, %f2 : tensor<16xf32>, tensor<16xf32>) outs(%f2 : tensor<16xf32>) -> tensor<16xf32>
  %e3 = tensor.empty() : tensor<16xf32>
  %a3 = linalg.copy ins(%a2 : tensor<16xf32>) outs(%e3 : tensor<16xf32>) -> tensor<16xf32>
  %b3 = tensor.empty() : tensor<16xf32>
  %g3 = linalg.copy ins(%a3 : tensor<16xf32>) outs(%b3 : tensor<16xf32>) -> tensor<16xf32>
  %b2 = tensor.empty() : tensor<16xf32>
  %g2 = linalg.add ins(%g3, %a2 : tensor<16xf32>, tensor<16xf32>) outs(%b2 : tensor<16xf32>) -> tensor<16xf32>
  %b1 = tensor.empty() : tensor<16xf32>
  %g1 = linalg.add ins(%g2, %a1 : tensor<16xf32>, tensor<16xf32>) outs(%b1 : tensor<16xf32>) -> tensor<16xf32>
  memref.store %v, %m[%c0] : memref<16xf32>
  return %a3, %g1 : tensor<16xf32>, tensor<16xf32>
}

// -----

// scf.for carrying forward work: the loop is kept, never cloned; the exp
// that feeds it is recomputed for its backward user.
// CHECK-LABEL: func.func @scf_for
// CHECK: scf.for
// CHECK-NOT: scf.for
// CHECK: linalg.exp {recompute.remat = 0 : i64} ins(%arg0
// CHECK-NOT: scf.for
// expected-remark @+2 {{phase split: 8 forward ops, 6 backward ops, 3 activations crossing, 192 B}}
// expected-remark @+1 {{recomputing 1 of 3 activations (1 value, 2 ops cloned, overhead 16.67% of the step's FLOPs): peak 320 B -> 256 B}}
func.func @scf_for(%x: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %e1 = tensor.empty() : tensor<16xf32>
  %a1 = linalg.exp ins(%x : tensor<16xf32>) outs(%e1 : tensor<16xf32>) -> tensor<16xf32>
  %a2 = scf.for %i = %c0 to %c3 step %c1 iter_args(%t = %a1) -> tensor<16xf32> {
    %e = tensor.empty() : tensor<16xf32>
    %n = linalg.exp ins(%t : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
    scf.yield %n : tensor<16xf32>
  }
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

// -----

// scf.forall holding forward work (a tiled exp writing into shared_outs):
// the loop is kept, never cloned; the exp that feeds it is recomputed.
// CHECK-LABEL: func.func @scf_forall
// CHECK: scf.forall (
// CHECK-NOT: scf.forall (
// CHECK: linalg.exp {recompute.remat = 0 : i64} ins(%arg0
// CHECK-NOT: scf.forall (
// expected-remark @+2 {{phase split: 7 forward ops, 6 backward ops, 3 activations crossing, 192 B}}
// expected-remark @+1 {{recomputing 1 of 3 activations (1 value, 2 ops cloned, overhead 16.67% of the step's FLOPs): peak 320 B -> 256 B}}
func.func @scf_forall(%x: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>) {
  %c4 = arith.constant 4 : index
  %e1 = tensor.empty() : tensor<16xf32>
  %a1 = linalg.exp ins(%x : tensor<16xf32>) outs(%e1 : tensor<16xf32>) -> tensor<16xf32>
  %e2 = tensor.empty() : tensor<16xf32>
  %a2 = scf.forall (%i) in (4) shared_outs(%o = %e2) -> (tensor<16xf32>) {
    %off = arith.muli %i, %c4 : index
    %s = tensor.extract_slice %a1[%off] [4] [1] : tensor<16xf32> to tensor<4xf32>
    %se = tensor.empty() : tensor<4xf32>
    %t = linalg.exp ins(%s : tensor<4xf32>) outs(%se : tensor<4xf32>) -> tensor<4xf32>
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %t into %o[%off] [4] [1] : tensor<4xf32> into tensor<16xf32>
    }
  }
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
