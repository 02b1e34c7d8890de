// fuzz-gen.py seed 106 (f32, max-ops 24)
func.func @train_step(%x1: tensor<30x32xf32>, %x2: tensor<30x27xf32>, %w3: tensor<27x11xf32>, %w5: tensor<32xf32>, %w8: tensor<11x8xf32>) -> (tensor<f32>, tensor<27x11xf32>, tensor<32xf32>, tensor<11x8xf32>) {
  %e1 = tensor.empty() : tensor<30x11xf32>
  %c2 = arith.constant 0.00000000000000000e+00 : f32
  %f3 = linalg.fill ins(%c2 : f32) outs(%e1 : tensor<30x11xf32>) -> tensor<30x11xf32>
  %g5 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%x2, %w3 : tensor<30x27xf32>, tensor<27x11xf32>) outs(%f3 : tensor<30x11xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.mulf %a0, %a1 : f32
    %p2 = arith.addf %out, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<30x11xf32>
  %e6 = tensor.empty() : tensor<32x7xf32>
  %bc7 = linalg.broadcast ins(%w5 : tensor<32xf32>) outs(%e6 : tensor<32x7xf32>) dimensions = [1]
  %e8 = tensor.empty() : tensor<30x11xf32>
  %g9 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g5 : tensor<30x11xf32>) outs(%e8 : tensor<30x11xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = math.tanh %a0 : f32
    linalg.yield %p1 : f32
  } -> tensor<30x11xf32>
  %e10 = tensor.empty() : tensor<30x8xf32>
  %c11 = arith.constant 0.00000000000000000e+00 : f32
  %f12 = linalg.fill ins(%c11 : f32) outs(%e10 : tensor<30x8xf32>) -> tensor<30x8xf32>
  %g14 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%g5, %w8 : tensor<30x11xf32>, tensor<11x8xf32>) outs(%f12 : tensor<30x8xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.mulf %a0, %a1 : f32
    %p2 = arith.addf %out, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<30x8xf32>
  %e15 = tensor.empty() : tensor<f32>
  %c16 = arith.constant 0.00000000000000000e+00 : f32
  %f17 = linalg.fill ins(%c16 : f32) outs(%e15 : tensor<f32>) -> tensor<f32>
  %g18 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%bc7 : tensor<32x7xf32>) outs(%f17 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.mulf %a0, %a0 : f32
    %p2 = arith.addf %p1, %out : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e19 = tensor.empty() : tensor<f32>
  %g20 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%g18 : tensor<f32>) outs(%e19 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 1.95312500000000000e-03 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e21 = tensor.empty() : tensor<f32>
  %c22 = arith.constant 0.00000000000000000e+00 : f32
  %f23 = linalg.fill ins(%c22 : f32) outs(%e21 : tensor<f32>) -> tensor<f32>
  %g24 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%g9 : tensor<30x11xf32>) outs(%f23 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.mulf %a0, %a0 : f32
    %p2 = arith.addf %p1, %out : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e25 = tensor.empty() : tensor<f32>
  %g26 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%g24 : tensor<f32>) outs(%e25 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 1.95312500000000000e-03 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e27 = tensor.empty() : tensor<30x8xf32>
  %g28 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g14 : tensor<30x8xf32>) outs(%e27 : tensor<30x8xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.mulf %a0, %a0 : f32
    linalg.yield %p1 : f32
  } -> tensor<30x8xf32>
  %e29 = tensor.empty() : tensor<f32>
  %c30 = arith.constant 0.00000000000000000e+00 : f32
  %f31 = linalg.fill ins(%c30 : f32) outs(%e29 : tensor<f32>) -> tensor<f32>
  %r32 = linalg.reduce ins(%g28 : tensor<30x8xf32>) outs(%f31 : tensor<f32>) dimensions = [0, 1]
    (%in: f32, %acc: f32) {
      %sum = arith.addf %in, %acc : f32
      linalg.yield %sum : f32
    }
  %e33 = tensor.empty() : tensor<f32>
  %g34 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%r32 : tensor<f32>) outs(%e33 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 1.95312500000000000e-03 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e35 = tensor.empty() : tensor<f32>
  %g36 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%g20, %g26 : tensor<f32>, tensor<f32>) outs(%e35 : tensor<f32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<f32>
  %e37 = tensor.empty() : tensor<f32>
  %g38 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%g36, %g34 : tensor<f32>, tensor<f32>) outs(%e37 : tensor<f32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<f32>
  %e39 = tensor.empty() : tensor<32x7xf32>
  %g40 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%bc7 : tensor<32x7xf32>) outs(%e39 : tensor<32x7xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 3.90625000000000000e-03 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<32x7xf32>
  %e41 = tensor.empty() : tensor<30x11xf32>
  %g42 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g9 : tensor<30x11xf32>) outs(%e41 : tensor<30x11xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 3.90625000000000000e-03 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<30x11xf32>
  %e43 = tensor.empty() : tensor<30x8xf32>
  %g44 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g14 : tensor<30x8xf32>) outs(%e43 : tensor<30x8xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 3.90625000000000000e-03 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<30x8xf32>
  %e45 = tensor.empty() : tensor<30x11xf32>
  %c46 = arith.constant 0.00000000000000000e+00 : f32
  %f47 = linalg.fill ins(%c46 : f32) outs(%e45 : tensor<30x11xf32>) -> tensor<30x11xf32>
  %e48 = tensor.empty() : tensor<8x11xf32>
  %g49 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%w8 : tensor<11x8xf32>) outs(%e48 : tensor<8x11xf32>) {
  ^bb0(%a0: f32, %out: f32):
    linalg.yield %a0 : f32
  } -> tensor<8x11xf32>
  %mm50 = linalg.matmul ins(%g44, %g49 : tensor<30x8xf32>, tensor<8x11xf32>) outs(%f47 : tensor<30x11xf32>) -> tensor<30x11xf32>
  %e51 = tensor.empty() : tensor<11x8xf32>
  %c52 = arith.constant 0.00000000000000000e+00 : f32
  %f53 = linalg.fill ins(%c52 : f32) outs(%e51 : tensor<11x8xf32>) -> tensor<11x8xf32>
  %e54 = tensor.empty() : tensor<11x30xf32>
  %tr55 = linalg.transpose ins(%g5 : tensor<30x11xf32>) outs(%e54 : tensor<11x30xf32>) permutation = [1, 0]
  %mm56 = linalg.matmul ins(%tr55, %g44 : tensor<11x30xf32>, tensor<30x8xf32>) outs(%f53 : tensor<11x8xf32>) -> tensor<11x8xf32>
  %e57 = tensor.empty() : tensor<30x11xf32>
  %g58 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g42, %g9 : tensor<30x11xf32>, tensor<30x11xf32>) outs(%e57 : tensor<30x11xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.constant 1.00000000000000000e+00 : f32
    %p2 = arith.mulf %a1, %a1 : f32
    %p3 = arith.subf %p1, %p2 : f32
    %p4 = arith.mulf %a0, %p3 : f32
    linalg.yield %p4 : f32
  } -> tensor<30x11xf32>
  %e59 = tensor.empty() : tensor<30x11xf32>
  %g60 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%mm50, %g58 : tensor<30x11xf32>, tensor<30x11xf32>) outs(%e59 : tensor<30x11xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<30x11xf32>
  %e61 = tensor.empty() : tensor<32xf32>
  %c62 = arith.constant 0.00000000000000000e+00 : f32
  %f63 = linalg.fill ins(%c62 : f32) outs(%e61 : tensor<32xf32>) -> tensor<32xf32>
  %rd64 = linalg.reduce ins(%g40 : tensor<32x7xf32>) outs(%f63 : tensor<32xf32>) dimensions = [1]
    (%in: f32, %acc: f32) {
      %sum = arith.addf %in, %acc : f32
      linalg.yield %sum : f32
    }
  %e65 = tensor.empty() : tensor<27x11xf32>
  %c66 = arith.constant 0.00000000000000000e+00 : f32
  %f67 = linalg.fill ins(%c66 : f32) outs(%e65 : tensor<27x11xf32>) -> tensor<27x11xf32>
  %g68 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d2, d0)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%x2, %g60 : tensor<30x27xf32>, tensor<30x11xf32>) outs(%f67 : tensor<27x11xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.mulf %a0, %a1 : f32
    %p2 = arith.addf %out, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<27x11xf32>
  return %g38, %g68, %rd64, %mm56 : tensor<f32>, tensor<27x11xf32>, tensor<32xf32>, tensor<11x8xf32>
}
