// Stochastic or stateful ops are never recomputed: a second execution would
// produce different values and silently corrupt the gradients. The pass
// refuses to clone
//  - an op or a callee func.func marked with the unit attribute
//    recompute.stateful (even when MLIR considers it pure: a random number
//    generator written with pure ops and a seed held elsewhere), and any op
//    whose regions contain such an op or call;
//  - ops with unknown or non-allocating memory effects (unregistered ops,
//    calls to external functions or to functions with effects).
// Each case is shown next to the same step without the marking, where the
// plan does recompute the op: the marking, not the plan, keeps it.
// RUN: recompute-opt %s --split-input-file --allow-unregistered-dialect \
// RUN:   --verify-diagnostics --recompute-memory-budget | FileCheck %s

// Baseline: the first exp is recomputed for its backward user.
// CHECK-LABEL: func.func @plain
// CHECK-COUNT-1: linalg.exp {recompute.remat = 0 : i64} ins(%arg0
// expected-remark @+2 {{phase split: 6 forward ops, 6 backward ops, 3 activations crossing, 192 B}}
// expected-remark @+1 {{recomputing 1 of 3 activations (1 value, 2 ops cloned, overhead 16.67% of the step's FLOPs): peak 320 B -> 256 B}}
func.func @plain(%x: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>) {
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

// -----

// The same exp marked recompute.stateful: kept, nothing cloned.
// CHECK-LABEL: func.func @marked_op
// CHECK-NOT: recompute.remat
// CHECK: return
// expected-remark @+2 {{phase split: 6 forward ops, 6 backward ops, 3 activations crossing, 192 B}}
// expected-remark @+1 {{nothing to do: the plan keeps every activation (peak 320 B)}}
func.func @marked_op(%x: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>) {
  %e1 = tensor.empty() : tensor<16xf32>
  %a1 = linalg.exp {recompute.stateful} ins(%x : tensor<16xf32>) outs(%e1 : tensor<16xf32>) -> tensor<16xf32>
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

// -----

// A marked op nested in the payload of a linalg.generic: the generic is kept.
// CHECK-LABEL: func.func @marked_nested
// CHECK-NOT: recompute.remat
// CHECK: return
// expected-remark @+2 {{phase split: 6 forward ops, 6 backward ops, 3 activations crossing, 192 B}}
// expected-remark @+1 {{nothing to do: the plan keeps every activation (peak 320 B)}}
func.func @marked_nested(%x: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>) {
  %e1 = tensor.empty() : tensor<16xf32>
  %a1 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
                        iterator_types = ["parallel"]}
      ins(%x : tensor<16xf32>) outs(%e1 : tensor<16xf32>) {
    ^bb0(%in: f32, %out: f32):
      %r = math.exp %in {recompute.stateful} : f32
      linalg.yield %r : f32
  } -> tensor<16xf32>
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

// -----

// A call to a function whose body is pure is recomputed...
// CHECK-LABEL: func.func @pure_call
// CHECK: call @noise(%arg0) {recompute.remat = 0 : i64}
// The callees are functions too: analysed, nothing to do.
// expected-remark @+2 {{phase split: 2 forward ops, 0 backward ops, 0 activations crossing, 0 B}}
// expected-remark @+1 {{nothing to do: no backward ops}}
func.func private @noise(%x: tensor<16xf32>) -> tensor<16xf32> {
  %e = tensor.empty() : tensor<16xf32>
  %r = linalg.exp ins(%x : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  return %r : tensor<16xf32>
}
// expected-remark @+2 {{phase split: 5 forward ops, 6 backward ops, 3 activations crossing, 192 B}}
// expected-remark @+1 {{recomputing 1 of 3 activations (1 value, 1 op cloned, overhead 16.67% of the step's FLOPs): peak 320 B -> 256 B}}
func.func @pure_call(%x: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>) {
  %a1 = func.call @noise(%x) : (tensor<16xf32>) -> tensor<16xf32>
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

// -----

// ...but not when the callee is marked recompute.stateful (a random draw),
// even together with recompute.pure.
// CHECK-LABEL: func.func @random_call
// CHECK-COUNT-1: call @uniform
// CHECK-NOT: recompute.remat
// CHECK: return
// expected-remark @+2 {{phase split: 2 forward ops, 0 backward ops, 0 activations crossing, 0 B}}
// expected-remark @+1 {{nothing to do: no backward ops}}
func.func private @uniform(%x: tensor<16xf32>) -> tensor<16xf32> attributes {recompute.stateful, recompute.pure} {
  %e = tensor.empty() : tensor<16xf32>
  %r = linalg.exp ins(%x : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  return %r : tensor<16xf32>
}
// expected-remark @+2 {{phase split: 5 forward ops, 6 backward ops, 3 activations crossing, 192 B}}
// expected-remark @+1 {{nothing to do: the plan keeps every activation (peak 320 B)}}
func.func @random_call(%x: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>) {
  %a1 = func.call @uniform(%x) : (tensor<16xf32>) -> tensor<16xf32>
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

// -----

// A call to a function with a side effect in its body (a counter in a
// global memref): unknown state, never recomputed.
// CHECK-LABEL: func.func @stateful_body
// CHECK-COUNT-1: call @counted
// CHECK-NOT: recompute.remat
// CHECK: return
memref.global "private" @counter : memref<i64> = dense<0>
// expected-remark @+2 {{phase split: 2 forward ops, 5 backward ops, 0 activations crossing, 0 B}}
// expected-remark @+1 {{nothing to do: no activation crosses from the forward to the backward phase}}
func.func private @counted(%x: tensor<16xf32>) -> tensor<16xf32> {
  %m = memref.get_global @counter : memref<i64>
  %c = memref.load %m[] : memref<i64>
  %one = arith.constant 1 : i64
  %n = arith.addi %c, %one : i64
  memref.store %n, %m[] : memref<i64>
  %e = tensor.empty() : tensor<16xf32>
  %r = linalg.exp ins(%x : tensor<16xf32>) outs(%e : tensor<16xf32>) -> tensor<16xf32>
  return %r : tensor<16xf32>
}
// expected-remark @+2 {{phase split: 5 forward ops, 6 backward ops, 3 activations crossing, 192 B}}
// expected-remark @+1 {{nothing to do: the plan keeps every activation (peak 320 B)}}
func.func @stateful_body(%x: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>) {
  %a1 = func.call @counted(%x) : (tensor<16xf32>) -> tensor<16xf32>
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

// -----

// An unregistered op (unknown effects, e.g. a random normal draw from another
// dialect): kept, never cloned.
// CHECK-LABEL: func.func @unregistered_rng
// CHECK-COUNT-1: "rng.normal"
// CHECK-NOT: "rng.normal"
// CHECK: return
// expected-remark @+2 {{phase split: 7 forward ops, 6 backward ops, 3 activations crossing, 192 B}}
// expected-remark @+1 {{nothing to do: the plan keeps every activation (peak 320 B)}}
func.func @unregistered_rng(%x: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>) {
  %r = "rng.normal"() : () -> tensor<16xf32>
  %e1 = tensor.empty() : tensor<16xf32>
  %a1 = linalg.mul ins(%x, %r : tensor<16xf32>, tensor<16xf32>) outs(%e1 : tensor<16xf32>) -> tensor<16xf32>
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
