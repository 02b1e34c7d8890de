// The recomputation must survive a later -cse -canonicalize: the clones
// start from a fresh alloc_tensor (an allocation, never merged by CSE) and
// carry recompute.remat, so CSE cannot fold them into the forward originals.
//
// RUN: recompute-opt %s --recompute-memory-budget 2>/dev/null \
// RUN:   | recompute-opt -cse -canonicalize | FileCheck %s
//
// Control: the same rewrite without the two mechanisms (tags removed, the
// alloc_tensor turned back into tensor.empty) is folded away by CSE.
// RUN: recompute-opt %s --recompute-memory-budget 2>/dev/null \
// RUN:   | sed -e 's/ {recompute.remat = 0 : i64}//' \
// RUN:         -e 's/bufferization.alloc_tensor()/tensor.empty()/' \
// RUN:   | recompute-opt -cse -canonicalize | FileCheck %s --check-prefix=NOREMAT

// CHECK-LABEL: func.func @step
// CHECK-SAME: (%[[X:.*]]: tensor<16x16xf32>, %[[W:.*]]: tensor<16x16xf32>)
// CHECK: linalg.matmul ins(%[[X]], %[[W]]
// CHECK: %[[BUF:.*]] = bufferization.alloc_tensor() {recompute.remat = 0 : i64}
// CHECK: %[[F:.*]] = linalg.fill {recompute.remat = 0 : i64} ins(%{{.*}} : f32) outs(%[[BUF]]
// CHECK: %[[RM:.*]] = linalg.matmul {recompute.remat = 0 : i64} ins(%[[X]], %[[W]] : {{.*}}) outs(%[[F]]
// CHECK: linalg.mul ins(%{{.*}}, %[[RM]]
// CHECK: return

// NOREMAT-LABEL: func.func @step
// NOREMAT-COUNT-1: linalg.matmul
// NOREMAT-NOT: linalg.matmul
func.func @step(%x: tensor<16x16xf32>, %w: tensor<16x16xf32>) -> (tensor<f32>, tensor<16x16xf32>) {
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<16x16xf32>
  %f0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %m = linalg.matmul ins(%x, %w : tensor<16x16xf32>, tensor<16x16xf32>) outs(%f0 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %e1 = tensor.empty() : tensor<16x16xf32>
  %h = linalg.exp ins(%m : tensor<16x16xf32>) outs(%e1 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %e2 = tensor.empty() : tensor<16x16xf32>
  %h2 = linalg.exp ins(%h : tensor<16x16xf32>) outs(%e2 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %e3 = tensor.empty() : tensor<16x16xf32>
  %h3 = linalg.exp ins(%h2 : tensor<16x16xf32>) outs(%e3 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %el = tensor.empty() : tensor<f32>
  %fl = linalg.fill ins(%zero : f32) outs(%el : tensor<f32>) -> tensor<f32>
  %loss = linalg.reduce ins(%h3 : tensor<16x16xf32>) outs(%fl : tensor<f32>) dimensions = [0, 1]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  %b3 = tensor.empty() : tensor<16x16xf32>
  %g3 = linalg.mul ins(%h3, %h3 : tensor<16x16xf32>, tensor<16x16xf32>) outs(%b3 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %b2 = tensor.empty() : tensor<16x16xf32>
  %g2 = linalg.mul ins(%g3, %h2 : tensor<16x16xf32>, tensor<16x16xf32>) outs(%b2 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %b1 = tensor.empty() : tensor<16x16xf32>
  %g1 = linalg.mul ins(%g2, %m : tensor<16x16xf32>, tensor<16x16xf32>) outs(%b1 : tensor<16x16xf32>) -> tensor<16x16xf32>
  return %loss, %g1 : tensor<f32>, tensor<16x16xf32>
}
