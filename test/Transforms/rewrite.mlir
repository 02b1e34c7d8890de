// RUN: recompute-opt %s --split-input-file --recompute-memory-budget 2>/dev/null | FileCheck %s

// The smallest achievable peak of this chain is reached by recomputing %a1
// from the argument right before its only backward user: the clone gets a
// fresh destination (alloc_tensor) and the recompute.remat tag, and only the
// backward use is rewired.

// CHECK-LABEL: func.func @chain
// CHECK-SAME: (%[[X:.*]]: tensor<16x16xf32>)
// CHECK: %[[A1:.*]] = linalg.exp ins(%[[X]] : tensor<16x16xf32>)
// CHECK: %[[A2:.*]] = linalg.exp ins(%[[A1]] : tensor<16x16xf32>)
// CHECK: %[[G2:.*]] = linalg.mul ins(%{{.*}}, %[[A2]] :
// CHECK-NEXT: %[[OUT:.*]] = tensor.empty()
// CHECK-NEXT: %[[BUF:.*]] = bufferization.alloc_tensor() {recompute.remat = 0 : i64} : tensor<16x16xf32>
// CHECK-NEXT: %[[R1:.*]] = linalg.exp {recompute.remat = 0 : i64} ins(%[[X]] : tensor<16x16xf32>) outs(%[[BUF]] : tensor<16x16xf32>)
// CHECK-NEXT: %[[G1:.*]] = linalg.mul ins(%[[G2]], %[[R1]] : {{.*}}) outs(%[[OUT]] :
// CHECK-NEXT: return %{{.*}}, %[[G1]]
func.func @chain(%x: tensor<16x16xf32>) -> (tensor<f32>, tensor<16x16xf32>) {
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<16x16xf32>
  %a1 = linalg.exp ins(%x : tensor<16x16xf32>) outs(%e1 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %e2 = tensor.empty() : tensor<16x16xf32>
  %a2 = linalg.exp ins(%a1 : tensor<16x16xf32>) outs(%e2 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %e3 = tensor.empty() : tensor<16x16xf32>
  %a3 = linalg.exp ins(%a2 : tensor<16x16xf32>) outs(%e3 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %e4 = tensor.empty() : tensor<16x16xf32>
  %a4 = linalg.exp ins(%a3 : tensor<16x16xf32>) outs(%e4 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %el = tensor.empty() : tensor<f32>
  %fl = linalg.fill ins(%zero : f32) outs(%el : tensor<f32>) -> tensor<f32>
  %loss = linalg.reduce ins(%a4 : tensor<16x16xf32>) outs(%fl : tensor<f32>) dimensions = [0, 1]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  %b4 = tensor.empty() : tensor<16x16xf32>
  %g4 = linalg.mul ins(%a4, %a4 : tensor<16x16xf32>, tensor<16x16xf32>) outs(%b4 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %b3 = tensor.empty() : tensor<16x16xf32>
  %g3 = linalg.mul ins(%g4, %a3 : tensor<16x16xf32>, tensor<16x16xf32>) outs(%b3 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %b2 = tensor.empty() : tensor<16x16xf32>
  %g2 = linalg.mul ins(%g3, %a2 : tensor<16x16xf32>, tensor<16x16xf32>) outs(%b2 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %b1 = tensor.empty() : tensor<16x16xf32>
  %g1 = linalg.mul ins(%g2, %a1 : tensor<16x16xf32>, tensor<16x16xf32>) outs(%b1 : tensor<16x16xf32>) -> tensor<16x16xf32>
  return %loss, %g1 : tensor<f32>, tensor<16x16xf32>
}

// -----

// A matmul node is the chain tensor.empty + linalg.fill + linalg.matmul; its
// recomputation clones the whole chain, the empty becoming an alloc_tensor.
// The backward ops, interleaved with the forward ones in the input, are moved
// after the last forward op, in order.

// CHECK-LABEL: func.func @matmul_chain
// CHECK-SAME: (%[[X:.*]]: tensor<16x16xf32>, %[[W:.*]]: tensor<16x16xf32>)
// CHECK: %[[M:.*]] = linalg.matmul ins(%[[X]], %[[W]]
// CHECK: %[[H:.*]] = linalg.exp ins(%[[M]]
// CHECK-NOT: moved
// CHECK: %[[H2:.*]] = linalg.exp ins(%[[H]]
// CHECK: linalg.reduce
// CHECK: %[[OUT:.*]] = tensor.empty() {moved}
// CHECK: linalg.mul
// CHECK: %[[G:.*]] = linalg.mul ins(%{{.*}}, %[[H2]] :
// CHECK: %[[BUF:.*]] = bufferization.alloc_tensor() {recompute.remat = [[N:[0-9]+]] : i64}
// CHECK-NEXT: %[[F:.*]] = linalg.fill {recompute.remat = [[N]] : i64} ins(%{{.*}} : f32) outs(%[[BUF]]
// CHECK-NEXT: %[[RM:.*]] = linalg.matmul {recompute.remat = [[N]] : i64} ins(%[[X]], %[[W]] : {{.*}}) outs(%[[F]]
// CHECK-NEXT: %[[G1:.*]] = linalg.mul ins(%[[G]], %[[RM]] : {{.*}}) outs(%[[OUT]] :
// CHECK-NEXT: return %{{.*}}, %[[G1]]
func.func @matmul_chain(%x: tensor<16x16xf32>, %w: tensor<16x16xf32>) -> (tensor<f32>, tensor<16x16xf32>) {
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<16x16xf32>
  %f0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %m = linalg.matmul ins(%x, %w : tensor<16x16xf32>, tensor<16x16xf32>) outs(%f0 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %e1 = tensor.empty() : tensor<16x16xf32>
  %h = linalg.exp ins(%m : tensor<16x16xf32>) outs(%e1 : tensor<16x16xf32>) -> tensor<16x16xf32>
  // A backward op in the middle of the forward phase.
  %b0 = tensor.empty() {moved} : tensor<16x16xf32>
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
  %g1 = linalg.mul ins(%g2, %m : tensor<16x16xf32>, tensor<16x16xf32>) outs(%b0 : tensor<16x16xf32>) -> tensor<16x16xf32>
  return %loss, %g1 : tensor<f32>, tensor<16x16xf32>
}
