// Unusual phase structures: backward-only steps, returned activations,
// conflicting or malformed recompute.phase attributes, multi-result ops.
// RUN: recompute-opt %s --split-input-file --verify-diagnostics \
// RUN:   --recompute-memory-budget | FileCheck %s

// Activations arrive as arguments: there is no forward work to recompute.
// expected-remark @+2 {{phase split: 0 forward ops, 4 backward ops, 0 activations crossing, 0 B}}
// expected-remark @+1 {{nothing to do: no activation crosses from the forward to the backward phase}}
func.func @backward_only(%a1: tensor<16xf32>, %a2: tensor<16xf32>, %g: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>) {
  %b2 = tensor.empty() : tensor<16xf32>
  %g2 = linalg.mul ins(%g, %a2 : tensor<16xf32>, tensor<16xf32>) outs(%b2 : tensor<16xf32>) -> tensor<16xf32>
  %b1 = tensor.empty() : tensor<16xf32>
  %g1 = linalg.mul ins(%g2, %a1 : tensor<16xf32>, tensor<16xf32>) outs(%b1 : tensor<16xf32>) -> tensor<16xf32>
  return %g, %g1 : tensor<16xf32>, tensor<16xf32>
}
// -----

// a1 and a2 are returned as well as read by the backward: returned values
// live to the end, so they are never recomputed.
// CHECK-LABEL: func.func @returns_activations
// CHECK-NOT: recompute.remat
// CHECK: return
// expected-remark @+2 {{phase split: 6 forward ops, 6 backward ops, 3 activations crossing, 192 B}}
// expected-remark @+1 {{nothing to do: the plan keeps every activation (peak 320 B)}}
func.func @returns_activations(%x: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) {
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
  return %a3, %g1, %a1, %a2 : tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>
}
// -----

// An op forced into the backward feeds an op forced into the forward.
func.func @conflicting_phase(%x: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>) {
  %e1 = tensor.empty() : tensor<16xf32>
  // expected-error @+1 {{op marked recompute.phase = "backward" is used by a forward op}}
  %a1 = linalg.exp {recompute.phase = "backward"} ins(%x : tensor<16xf32>) outs(%e1 : tensor<16xf32>) -> tensor<16xf32>
  %e2 = tensor.empty() : tensor<16xf32>
  // expected-note @+1 {{forward user}}
  %a2 = linalg.exp {recompute.phase = "forward"} ins(%a1 : tensor<16xf32>) outs(%e2 : tensor<16xf32>) -> tensor<16xf32>
  %b1 = tensor.empty() : tensor<16xf32>
  %g1 = linalg.add ins(%a2, %a1 : tensor<16xf32>, tensor<16xf32>) outs(%b1 : tensor<16xf32>) -> tensor<16xf32>
  return %a2, %g1 : tensor<16xf32>, tensor<16xf32>
}
// -----

func.func @phase_not_string(%x: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>) {
  %e1 = tensor.empty() : tensor<16xf32>
  // expected-error @+1 {{invalid recompute.phase 3 : i64: expected "forward" or "backward"}}
  %a1 = linalg.exp {recompute.phase = 3 : i64} ins(%x : tensor<16xf32>) outs(%e1 : tensor<16xf32>) -> tensor<16xf32>
  %b1 = tensor.empty() : tensor<16xf32>
  %g1 = linalg.add ins(%a1, %a1 : tensor<16xf32>, tensor<16xf32>) outs(%b1 : tensor<16xf32>) -> tensor<16xf32>
  return %a1, %g1 : tensor<16xf32>, tensor<16xf32>
}
// -----

// A two-result linalg.generic: it is kept (both results are read by the
// backward); the single-result exp before it is recomputed.
// CHECK-LABEL: func.func @multi_result
// CHECK: %[[R:.*]]:2 = linalg.generic
// CHECK-NOT: linalg.generic {{.*}}recompute.remat
// CHECK: linalg.exp {recompute.remat = 0 : i64} ins(%arg0
// CHECK: return
// expected-remark @+2 {{phase split: 11 forward ops, 8 backward ops, 3 activations crossing, 256 B}}
// expected-remark @+1 {{recomputing 1 of 3 activations (1 value, 2 ops cloned, overhead 11.03% of the step's FLOPs): peak 324 B -> 260 B}}
func.func @multi_result(%x: tensor<16xf32>) -> (tensor<f32>, tensor<16xf32>) {
  %e1 = tensor.empty() : tensor<16xf32>
  %a1 = linalg.exp ins(%x : tensor<16xf32>) outs(%e1 : tensor<16xf32>) -> tensor<16xf32>
  %e2 = tensor.empty() : tensor<16xf32>
  %e3 = tensor.empty() : tensor<16xf32>
  %r:2 = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]} ins(%a1 : tensor<16xf32>) outs(%e2, %e3 : tensor<16xf32>, tensor<16xf32>) {
  ^bb0(%p: f32, %o1: f32, %o2: f32):
    %m = math.exp %p : f32
    %n = arith.mulf %p, %p : f32
    linalg.yield %m, %n : f32, f32
  } -> (tensor<16xf32>, tensor<16xf32>)
  %e4 = tensor.empty() : tensor<16xf32>
  %a4 = linalg.exp ins(%r#0 : tensor<16xf32>) outs(%e4 : tensor<16xf32>) -> tensor<16xf32>
  %zero = arith.constant 0.0 : f32
  %el = tensor.empty() : tensor<f32>
  %fl = linalg.fill ins(%zero : f32) outs(%el : tensor<f32>) -> tensor<f32>
  %loss = linalg.reduce ins(%a4 : tensor<16xf32>) outs(%fl : tensor<f32>) dimensions = [0]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  %b4 = tensor.empty() : tensor<16xf32>
  %g4 = linalg.exp ins(%a4 : tensor<16xf32>) outs(%b4 : tensor<16xf32>) -> tensor<16xf32>
  %b3 = tensor.empty() : tensor<16xf32>
  %g3 = linalg.add ins(%g4, %r#1 : tensor<16xf32>, tensor<16xf32>) outs(%b3 : tensor<16xf32>) -> tensor<16xf32>
  %b2 = tensor.empty() : tensor<16xf32>
  %g2 = linalg.add ins(%g3, %r#0 : tensor<16xf32>, tensor<16xf32>) outs(%b2 : tensor<16xf32>) -> tensor<16xf32>
  %b1 = tensor.empty() : tensor<16xf32>
  %g1 = linalg.add ins(%g2, %a1 : tensor<16xf32>, tensor<16xf32>) outs(%b1 : tensor<16xf32>) -> tensor<16xf32>
  return %loss, %g1 : tensor<f32>, tensor<16xf32>
}
