// Cost models. flops: iteration space times payload ops (an 8x8x8 matmul
// with mulf+addf = 1024, its 8x8 fill 64, exp over 64 elements 64, the
// reduction 64, the rank-0 fill 1); unit: 1 per node; paper: 10 per node
// holding a convolution, 1 otherwise. The report always gives FLOPs;
// recompute_cost is the planner's overhead in the model's units.
// RUN: recompute-opt %s --split-input-file --mlir-disable-threading \
// RUN:   '--recompute-report=format=json cost-model=flops' -o /dev/null | FileCheck %s --check-prefix=FLOPS
// RUN: recompute-opt %s --split-input-file --mlir-disable-threading \
// RUN:   '--recompute-report=format=json cost-model=unit' -o /dev/null | FileCheck %s --check-prefix=UNIT
// RUN: recompute-opt %s --split-input-file --mlir-disable-threading \
// RUN:   '--recompute-report=format=json cost-model=paper' -o /dev/null | FileCheck %s --check-prefix=PAPER

// The plan recomputes the matmul node (fill + matmul: 1088 FLOPs).
// FLOPS: "function": "matmul"
// FLOPS: "cost_model": "flops"
// FLOPS: "forward_flops": 1345
// FLOPS-NEXT: "backward_flops": 192
// FLOPS-NEXT: "recompute_flops": 1088
// FLOPS: "recompute_cost": 1088
// UNIT: "function": "matmul"
// UNIT: "cost_model": "unit"
// UNIT: "forward_flops": 1345
// UNIT: "recompute_flops": 1088
// UNIT: "recompute_cost": 1
// PAPER: "function": "matmul"
// PAPER: "recompute_cost": 1
func.func @matmul(%x: tensor<8x8xf32>, %w: tensor<8x8xf32>) -> (tensor<f32>, tensor<8x8xf32>) {
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<8x8xf32>
  %f0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<8x8xf32>) -> tensor<8x8xf32>
  %m = linalg.matmul ins(%x, %w : tensor<8x8xf32>, tensor<8x8xf32>) outs(%f0 : tensor<8x8xf32>) -> tensor<8x8xf32>
  %e1 = tensor.empty() : tensor<8x8xf32>
  %h = linalg.exp ins(%m : tensor<8x8xf32>) outs(%e1 : tensor<8x8xf32>) -> tensor<8x8xf32>
  %e2 = tensor.empty() : tensor<8x8xf32>
  %h2 = linalg.exp ins(%h : tensor<8x8xf32>) outs(%e2 : tensor<8x8xf32>) -> tensor<8x8xf32>
  %e3 = tensor.empty() : tensor<8x8xf32>
  %h3 = linalg.exp ins(%h2 : tensor<8x8xf32>) outs(%e3 : tensor<8x8xf32>) -> tensor<8x8xf32>
  %el = tensor.empty() : tensor<f32>
  %fl = linalg.fill ins(%zero : f32) outs(%el : tensor<f32>) -> tensor<f32>
  %loss = linalg.reduce ins(%h3 : tensor<8x8xf32>) outs(%fl : tensor<f32>) dimensions = [0, 1]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  %b3 = tensor.empty() : tensor<8x8xf32>
  %g3 = linalg.mul ins(%h3, %h3 : tensor<8x8xf32>, tensor<8x8xf32>) outs(%b3 : tensor<8x8xf32>) -> tensor<8x8xf32>
  %b2 = tensor.empty() : tensor<8x8xf32>
  %g2 = linalg.mul ins(%g3, %h2 : tensor<8x8xf32>, tensor<8x8xf32>) outs(%b2 : tensor<8x8xf32>) -> tensor<8x8xf32>
  %b1 = tensor.empty() : tensor<8x8xf32>
  %g1 = linalg.mul ins(%g2, %m : tensor<8x8xf32>, tensor<8x8xf32>) outs(%b1 : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %loss, %g1 : tensor<f32>, tensor<8x8xf32>
}

// -----

// A convolution (1x6x6x1 input, 3x3 filter, 1x4x4x1 output: 16*9 points of
// mulf+addf = 288 FLOPs, its fill 16) recomputed: 10 in the paper model, 1
// in unit.
// FLOPS: "function": "conv"
// FLOPS: "recompute_flops": 304
// FLOPS: "recompute_cost": 304
// UNIT: "function": "conv"
// UNIT: "recompute_cost": 1
// PAPER: "function": "conv"
// PAPER: "recompute_flops": 304
// PAPER: "recompute_cost": 10
func.func @conv(%x: tensor<1x6x6x1xf32>, %k: tensor<3x3x1x1xf32>) -> (tensor<f32>, tensor<1x4x4x1xf32>) {
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<1x4x4x1xf32>
  %f0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<1x4x4x1xf32>) -> tensor<1x4x4x1xf32>
  %m = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %k : tensor<1x6x6x1xf32>, tensor<3x3x1x1xf32>) outs(%f0 : tensor<1x4x4x1xf32>) -> tensor<1x4x4x1xf32>
  %e1 = tensor.empty() : tensor<1x4x4x1xf32>
  %h = linalg.exp ins(%m : tensor<1x4x4x1xf32>) outs(%e1 : tensor<1x4x4x1xf32>) -> tensor<1x4x4x1xf32>
  %e2 = tensor.empty() : tensor<1x4x4x1xf32>
  %h2 = linalg.exp ins(%h : tensor<1x4x4x1xf32>) outs(%e2 : tensor<1x4x4x1xf32>) -> tensor<1x4x4x1xf32>
  %e3 = tensor.empty() : tensor<1x4x4x1xf32>
  %h3 = linalg.exp ins(%h2 : tensor<1x4x4x1xf32>) outs(%e3 : tensor<1x4x4x1xf32>) -> tensor<1x4x4x1xf32>
  %el = tensor.empty() : tensor<f32>
  %fl = linalg.fill ins(%zero : f32) outs(%el : tensor<f32>) -> tensor<f32>
  %loss = linalg.reduce ins(%h3 : tensor<1x4x4x1xf32>) outs(%fl : tensor<f32>) dimensions = [0, 1, 2, 3]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  %b3 = tensor.empty() : tensor<1x4x4x1xf32>
  %g3 = linalg.mul ins(%h3, %h3 : tensor<1x4x4x1xf32>, tensor<1x4x4x1xf32>) outs(%b3 : tensor<1x4x4x1xf32>) -> tensor<1x4x4x1xf32>
  %b2 = tensor.empty() : tensor<1x4x4x1xf32>
  %g2 = linalg.mul ins(%g3, %h2 : tensor<1x4x4x1xf32>, tensor<1x4x4x1xf32>) outs(%b2 : tensor<1x4x4x1xf32>) -> tensor<1x4x4x1xf32>
  %b1 = tensor.empty() : tensor<1x4x4x1xf32>
  %g1 = linalg.mul ins(%g2, %m : tensor<1x4x4x1xf32>, tensor<1x4x4x1xf32>) outs(%b1 : tensor<1x4x4x1xf32>) -> tensor<1x4x4x1xf32>
  return %loss, %g1 : tensor<f32>, tensor<1x4x4x1xf32>
}
