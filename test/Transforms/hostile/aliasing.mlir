// Aliasing and in-place updates of forward values by the backward.
// RUN: recompute-opt %s --split-input-file --verify-diagnostics \
// RUN:   --recompute-memory-budget | FileCheck %s

// The backward writes its gradients in place into a2 and a1 (outs): those
// buffers are reused, so nothing is recomputed and the IR is unchanged.
// CHECK-LABEL: func.func @outs_destination
// CHECK-NOT: recompute.remat
// CHECK: return
// expected-remark @+2 {{phase split: 6 forward ops, 4 backward ops, 3 activations crossing, 192 B}}
// expected-remark @+1 {{nothing to do: the plan keeps every activation (peak 256 B)}}
func.func @outs_destination(%x: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>) {
  %e1 = tensor.empty() : tensor<16xf32>
  %a1 = linalg.exp ins(%x : tensor<16xf32>) outs(%e1 : tensor<16xf32>) -> tensor<16xf32>
  %e2 = tensor.empty() : tensor<16xf32>
  %a2 = linalg.exp ins(%a1 : tensor<16xf32>) outs(%e2 : tensor<16xf32>) -> tensor<16xf32>
  %e3 = tensor.empty() : tensor<16xf32>
  %a3 = linalg.exp ins(%a2 : tensor<16xf32>) outs(%e3 : tensor<16xf32>) -> tensor<16xf32>
  %b3 = tensor.empty() : tensor<16xf32>
  %g3 = linalg.exp ins(%a3 : tensor<16xf32>) outs(%b3 : tensor<16xf32>) -> tensor<16xf32>
  %g2 = linalg.add ins(%g3, %a2 : tensor<16xf32>, tensor<16xf32>) outs(%a2 : tensor<16xf32>) -> tensor<16xf32>
  %g1 = linalg.add ins(%g2, %g3 : tensor<16xf32>, tensor<16xf32>) outs(%a1 : tensor<16xf32>) -> tensor<16xf32>
  return %a3, %g1 : tensor<16xf32>, tensor<16xf32>
}
// -----

// The backward inserts into a2 and a1: the activations are kept.
// CHECK-LABEL: func.func @insert_into_forward
// CHECK-NOT: recompute.remat
// CHECK: return
// expected-remark @+2 {{phase split: 6 forward ops, 8 backward ops, 3 activations crossing, 192 B}}
// expected-remark @+1 {{nothing to do: the plan keeps every activation (peak 320 B)}}
func.func @insert_into_forward(%x: tensor<16xf32>, %p: tensor<4xf32>) -> (tensor<16xf32>, tensor<16xf32>) {
  %e1 = tensor.empty() : tensor<16xf32>
  %a1 = linalg.exp ins(%x : tensor<16xf32>) outs(%e1 : tensor<16xf32>) -> tensor<16xf32>
  %e2 = tensor.empty() : tensor<16xf32>
  %a2 = linalg.exp ins(%a1 : tensor<16xf32>) outs(%e2 : tensor<16xf32>) -> tensor<16xf32>
  %e3 = tensor.empty() : tensor<16xf32>
  %a3 = linalg.exp ins(%a2 : tensor<16xf32>) outs(%e3 : tensor<16xf32>) -> tensor<16xf32>
  %b3 = tensor.empty() : tensor<16xf32>
  %g3 = linalg.exp ins(%a3 : tensor<16xf32>) outs(%b3 : tensor<16xf32>) -> tensor<16xf32>
  %i2 = tensor.insert_slice %p into %a2[0] [4] [1] : tensor<4xf32> into tensor<16xf32>
  %i1 = tensor.insert_slice %p into %a1[4] [4] [1] : tensor<4xf32> into tensor<16xf32>
  %b2 = tensor.empty() : tensor<16xf32>
  %g2 = linalg.add ins(%g3, %i2 : tensor<16xf32>, tensor<16xf32>) outs(%b2 : tensor<16xf32>) -> tensor<16xf32>
  %b1 = tensor.empty() : tensor<16xf32>
  %g1 = linalg.add ins(%g2, %i1 : tensor<16xf32>, tensor<16xf32>) outs(%b1 : tensor<16xf32>) -> tensor<16xf32>
  return %a3, %g1 : tensor<16xf32>, tensor<16xf32>
}
// -----

// The backward reads a1 through an extract_slice: a1 is recomputed and the
// view is rewired to the clone; the collapse_shape views stay on kept values.
// CHECK-LABEL: func.func @views
// CHECK: %[[A1:.*]] = linalg.exp ins(%arg0
// CHECK: %[[ALLOC:.*]] = bufferization.alloc_tensor() {recompute.remat = 0 : i64}
// CHECK-NEXT: %[[CLONE:.*]] = linalg.exp {recompute.remat = 0 : i64} ins(%arg0 {{.*}} outs(%[[ALLOC]]
// CHECK-NEXT: tensor.extract_slice %[[CLONE]][0, 0] [1, 4] [1, 1]
// CHECK-NOT: %[[A1]]{{[^0-9]}}
// CHECK: return
// expected-remark @+2 {{phase split: 6 forward ops, 9 backward ops, 3 activations crossing, 192 B}}
// expected-remark @+1 {{recomputing 1 of 3 activations (1 value, 2 ops cloned, overhead 16.67% of the step's FLOPs): peak 320 B -> 256 B}}
func.func @views(%x: tensor<4x4xf32>) -> (tensor<4x4xf32>, tensor<16xf32>) {
  %e1 = tensor.empty() : tensor<4x4xf32>
  %a1 = linalg.exp ins(%x : tensor<4x4xf32>) outs(%e1 : tensor<4x4xf32>) -> tensor<4x4xf32>
  %e2 = tensor.empty() : tensor<4x4xf32>
  %a2 = linalg.exp ins(%a1 : tensor<4x4xf32>) outs(%e2 : tensor<4x4xf32>) -> tensor<4x4xf32>
  %e3 = tensor.empty() : tensor<4x4xf32>
  %a3 = linalg.exp ins(%a2 : tensor<4x4xf32>) outs(%e3 : tensor<4x4xf32>) -> tensor<4x4xf32>
  %v3 = tensor.collapse_shape %a3 [[0, 1]] : tensor<4x4xf32> into tensor<16xf32>
  %b3 = tensor.empty() : tensor<16xf32>
  %g3 = linalg.exp ins(%v3 : tensor<16xf32>) outs(%b3 : tensor<16xf32>) -> tensor<16xf32>
  %v2 = tensor.collapse_shape %a2 [[0, 1]] : tensor<4x4xf32> into tensor<16xf32>
  %b2 = tensor.empty() : tensor<16xf32>
  %g2 = linalg.add ins(%g3, %v2 : tensor<16xf32>, tensor<16xf32>) outs(%b2 : tensor<16xf32>) -> tensor<16xf32>
  %s1 = tensor.extract_slice %a1[0, 0] [1, 4] [1, 1] : tensor<4x4xf32> to tensor<4xf32>
  %b1 = tensor.empty() : tensor<16xf32>
  %g1 = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i mod 4)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]} ins(%g2, %s1 : tensor<16xf32>, tensor<4xf32>) outs(%b1 : tensor<16xf32>) {
  ^bb0(%p: f32, %q: f32, %o: f32):
    %m = arith.mulf %p, %q : f32
    linalg.yield %m : f32
  } -> tensor<16xf32>
  return %a3, %g1 : tensor<4x4xf32>, tensor<16xf32>
}
