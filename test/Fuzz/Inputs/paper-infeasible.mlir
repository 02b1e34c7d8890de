// fuzz-gen.py seed 9 (f32, max-ops 24)
func.func @train_step(%x1: tensor<16x8xf32>, %w4: tensor<8x4xf32>) -> (tensor<f32>, tensor<8x4xf32>) {
  %e1 = tensor.empty() : tensor<16x8xf32>
  %g2 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x1 : tensor<16x8xf32>) outs(%e1 : tensor<16x8xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.negf %a0 : f32
    %p2 = math.exp %p1 : f32
    %p3 = arith.constant 1.00000000000000000e+00 : f32
    %p4 = arith.constant 1.00000000000000000e+00 : f32
    %p5 = arith.addf %p4, %p2 : f32
    %p6 = arith.divf %p3, %p5 : f32
    linalg.yield %p6 : f32
  } -> tensor<16x8xf32>
  %e3 = tensor.empty() : tensor<16x8xf32>
  %g4 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g2, %x1 : tensor<16x8xf32>, tensor<16x8xf32>) outs(%e3 : tensor<16x8xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<16x8xf32>
  %e5 = tensor.empty() : tensor<16x4xf32>
  %c6 = arith.constant 0.00000000000000000e+00 : f32
  %f7 = linalg.fill ins(%c6 : f32) outs(%e5 : tensor<16x4xf32>) -> tensor<16x4xf32>
  %mm8 = linalg.matmul ins(%x1, %w4 : tensor<16x8xf32>, tensor<8x4xf32>) outs(%f7 : tensor<16x4xf32>) -> tensor<16x4xf32>
  %e9 = tensor.empty() : tensor<16x8xf32>
  %g10 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g4 : tensor<16x8xf32>) outs(%e9 : tensor<16x8xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.mulf %a0, %a0 : f32
    linalg.yield %p1 : f32
  } -> tensor<16x8xf32>
  %e11 = tensor.empty() : tensor<f32>
  %c12 = arith.constant 0.00000000000000000e+00 : f32
  %f13 = linalg.fill ins(%c12 : f32) outs(%e11 : tensor<f32>) -> tensor<f32>
  %r14 = linalg.reduce ins(%g10 : tensor<16x8xf32>) outs(%f13 : tensor<f32>) dimensions = [0, 1]
    (%in: f32, %acc: f32) {
      %sum = arith.addf %in, %acc : f32
      linalg.yield %sum : f32
    }
  %e15 = tensor.empty() : tensor<f32>
  %g16 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%r14 : tensor<f32>) outs(%e15 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 3.90625000000000000e-03 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e17 = tensor.empty() : tensor<f32>
  %c18 = arith.constant 0.00000000000000000e+00 : f32
  %f19 = linalg.fill ins(%c18 : f32) outs(%e17 : tensor<f32>) -> tensor<f32>
  %g20 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%mm8 : tensor<16x4xf32>) outs(%f19 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.mulf %a0, %a0 : f32
    %p2 = arith.addf %p1, %out : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e21 = tensor.empty() : tensor<f32>
  %g22 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%g20 : tensor<f32>) outs(%e21 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 7.81250000000000000e-03 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e23 = tensor.empty() : tensor<f32>
  %g24 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%g16, %g22 : tensor<f32>, tensor<f32>) outs(%e23 : tensor<f32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<f32>
  %e25 = tensor.empty() : tensor<16x8xf32>
  %g26 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g4 : tensor<16x8xf32>) outs(%e25 : tensor<16x8xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 7.81250000000000000e-03 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<16x8xf32>
  %e27 = tensor.empty() : tensor<16x4xf32>
  %g28 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%mm8 : tensor<16x4xf32>) outs(%e27 : tensor<16x4xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 1.56250000000000000e-02 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<16x4xf32>
  %e29 = tensor.empty() : tensor<8x4xf32>
  %c30 = arith.constant 0.00000000000000000e+00 : f32
  %f31 = linalg.fill ins(%c30 : f32) outs(%e29 : tensor<8x4xf32>) -> tensor<8x4xf32>
  %g32 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d2, d0)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%x1, %g28 : tensor<16x8xf32>, tensor<16x4xf32>) outs(%f31 : tensor<8x4xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.mulf %a0, %a1 : f32
    %p2 = arith.addf %out, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<8x4xf32>
  return %g24, %g32 : tensor<f32>, tensor<8x4xf32>
}
