// fuzz-gen.py seed 10 (f32, max-ops 24)
func.func @train_step(%x1: tensor<15x4xf32>, %x2: tensor<15x28xf32>, %w3: tensor<28xf32>, %w6: tensor<28x16xf32>, %w12: tensor<28xf32>) -> (tensor<f32>, tensor<28xf32>, tensor<28x16xf32>, tensor<28xf32>) {
  %e1 = tensor.empty() : tensor<15x28xf32>
  %g2 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x2, %w3 : tensor<15x28xf32>, tensor<28xf32>) outs(%e1 : tensor<15x28xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<15x28xf32>
  %e3 = tensor.empty() : tensor<15x28xf32>
  %g4 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x2 : tensor<15x28xf32>) outs(%e3 : tensor<15x28xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = math.tanh %a0 : f32
    linalg.yield %p1 : f32
  } -> tensor<15x28xf32>
  %e5 = tensor.empty() : tensor<15x16xf32>
  %c6 = arith.constant 0.00000000000000000e+00 : f32
  %f7 = linalg.fill ins(%c6 : f32) outs(%e5 : tensor<15x16xf32>) -> tensor<15x16xf32>
  %mm8 = linalg.matmul ins(%g2, %w6 : tensor<15x28xf32>, tensor<28x16xf32>) outs(%f7 : tensor<15x16xf32>) -> tensor<15x16xf32>
  %e9 = tensor.empty() : tensor<15x28xf32>
  %g10 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g4 : tensor<15x28xf32>) outs(%e9 : tensor<15x28xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = math.exp %a0 : f32
    linalg.yield %p1 : f32
  } -> tensor<15x28xf32>
  %e11 = tensor.empty() : tensor<15x16xf32>
  %g12 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%mm8 : tensor<15x16xf32>) outs(%e11 : tensor<15x16xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = math.tanh %a0 : f32
    linalg.yield %p1 : f32
  } -> tensor<15x16xf32>
  %e13 = tensor.empty() : tensor<15x28xf32>
  %g14 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g10 : tensor<15x28xf32>) outs(%e13 : tensor<15x28xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 2.00000000000000000e+00 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<15x28xf32>
  %e15 = tensor.empty() : tensor<15x28xf32>
  %g16 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g14 : tensor<15x28xf32>) outs(%e15 : tensor<15x28xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.mulf %a0, %a0 : f32
    linalg.yield %p1 : f32
  } -> tensor<15x28xf32>
  %e17 = tensor.empty() : tensor<15x28xf32>
  %g18 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g16, %w12 : tensor<15x28xf32>, tensor<28xf32>) outs(%e17 : tensor<15x28xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<15x28xf32>
  %e19 = tensor.empty() : tensor<15x28xf32>
  %g20 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g14 : tensor<15x28xf32>) outs(%e19 : tensor<15x28xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = math.tanh %a0 : f32
    linalg.yield %p1 : f32
  } -> tensor<15x28xf32>
  %e21 = tensor.empty() : tensor<28x15xf32>
  %g22 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g16 : tensor<15x28xf32>) outs(%e21 : tensor<28x15xf32>) {
  ^bb0(%a0: f32, %out: f32):
    linalg.yield %a0 : f32
  } -> tensor<28x15xf32>
  %e23 = tensor.empty() : tensor<15x16xf32>
  %g24 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g12 : tensor<15x16xf32>) outs(%e23 : tensor<15x16xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.mulf %a0, %a0 : f32
    linalg.yield %p1 : f32
  } -> tensor<15x16xf32>
  %e25 = tensor.empty() : tensor<f32>
  %c26 = arith.constant 0.00000000000000000e+00 : f32
  %f27 = linalg.fill ins(%c26 : f32) outs(%e25 : tensor<f32>) -> tensor<f32>
  %r28 = linalg.reduce ins(%g24 : tensor<15x16xf32>) outs(%f27 : tensor<f32>) dimensions = [0, 1]
    (%in: f32, %acc: f32) {
      %sum = arith.addf %in, %acc : f32
      linalg.yield %sum : f32
    }
  %e29 = tensor.empty() : tensor<f32>
  %g30 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%r28 : tensor<f32>) outs(%e29 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 1.95312500000000000e-03 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e31 = tensor.empty() : tensor<15x28xf32>
  %g32 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g18 : tensor<15x28xf32>) outs(%e31 : tensor<15x28xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.mulf %a0, %a0 : f32
    linalg.yield %p1 : f32
  } -> tensor<15x28xf32>
  %e33 = tensor.empty() : tensor<f32>
  %c34 = arith.constant 0.00000000000000000e+00 : f32
  %f35 = linalg.fill ins(%c34 : f32) outs(%e33 : tensor<f32>) -> tensor<f32>
  %r36 = linalg.reduce ins(%g32 : tensor<15x28xf32>) outs(%f35 : tensor<f32>) dimensions = [0, 1]
    (%in: f32, %acc: f32) {
      %sum = arith.addf %in, %acc : f32
      linalg.yield %sum : f32
    }
  %e37 = tensor.empty() : tensor<f32>
  %g38 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%r36 : tensor<f32>) outs(%e37 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 9.76562500000000000e-04 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e39 = tensor.empty() : tensor<15x28xf32>
  %g40 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g20 : tensor<15x28xf32>) outs(%e39 : tensor<15x28xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.mulf %a0, %a0 : f32
    linalg.yield %p1 : f32
  } -> tensor<15x28xf32>
  %e41 = tensor.empty() : tensor<f32>
  %c42 = arith.constant 0.00000000000000000e+00 : f32
  %f43 = linalg.fill ins(%c42 : f32) outs(%e41 : tensor<f32>) -> tensor<f32>
  %r44 = linalg.reduce ins(%g40 : tensor<15x28xf32>) outs(%f43 : tensor<f32>) dimensions = [0, 1]
    (%in: f32, %acc: f32) {
      %sum = arith.addf %in, %acc : f32
      linalg.yield %sum : f32
    }
  %e45 = tensor.empty() : tensor<f32>
  %g46 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%r44 : tensor<f32>) outs(%e45 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 9.76562500000000000e-04 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e47 = tensor.empty() : tensor<f32>
  %c48 = arith.constant 0.00000000000000000e+00 : f32
  %f49 = linalg.fill ins(%c48 : f32) outs(%e47 : tensor<f32>) -> tensor<f32>
  %g50 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%g22 : tensor<28x15xf32>) outs(%f49 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.mulf %a0, %a0 : f32
    %p2 = arith.addf %p1, %out : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e51 = tensor.empty() : tensor<f32>
  %g52 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%g50 : tensor<f32>) outs(%e51 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 9.76562500000000000e-04 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e53 = tensor.empty() : tensor<f32>
  %g54 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%g30, %g38 : tensor<f32>, tensor<f32>) outs(%e53 : tensor<f32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<f32>
  %e55 = tensor.empty() : tensor<f32>
  %g56 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%g54, %g46 : tensor<f32>, tensor<f32>) outs(%e55 : tensor<f32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<f32>
  %e57 = tensor.empty() : tensor<f32>
  %g58 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%g56, %g52 : tensor<f32>, tensor<f32>) outs(%e57 : tensor<f32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<f32>
  %e59 = tensor.empty() : tensor<15x16xf32>
  %g60 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g12 : tensor<15x16xf32>) outs(%e59 : tensor<15x16xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 3.90625000000000000e-03 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<15x16xf32>
  %e61 = tensor.empty() : tensor<15x28xf32>
  %g62 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g18 : tensor<15x28xf32>) outs(%e61 : tensor<15x28xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 1.95312500000000000e-03 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<15x28xf32>
  %e63 = tensor.empty() : tensor<15x28xf32>
  %g64 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g20 : tensor<15x28xf32>) outs(%e63 : tensor<15x28xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 1.95312500000000000e-03 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<15x28xf32>
  %e65 = tensor.empty() : tensor<28x15xf32>
  %g66 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g22 : tensor<28x15xf32>) outs(%e65 : tensor<28x15xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 1.95312500000000000e-03 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<28x15xf32>
  %e67 = tensor.empty() : tensor<28xf32>
  %c68 = arith.constant 0.00000000000000000e+00 : f32
  %f69 = linalg.fill ins(%c68 : f32) outs(%e67 : tensor<28xf32>) -> tensor<28xf32>
  %g70 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>], iterator_types = ["reduction", "parallel"]} ins(%g62 : tensor<15x28xf32>) outs(%f69 : tensor<28xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.addf %a0, %out : f32
    linalg.yield %p1 : f32
  } -> tensor<28xf32>
  %e71 = tensor.empty() : tensor<15x16xf32>
  %g72 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g60, %g12 : tensor<15x16xf32>, tensor<15x16xf32>) outs(%e71 : tensor<15x16xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.constant 1.00000000000000000e+00 : f32
    %p2 = arith.mulf %a1, %a1 : f32
    %p3 = arith.subf %p1, %p2 : f32
    %p4 = arith.mulf %a0, %p3 : f32
    linalg.yield %p4 : f32
  } -> tensor<15x16xf32>
  %e73 = tensor.empty() : tensor<15x28xf32>
  %c74 = arith.constant 0.00000000000000000e+00 : f32
  %f75 = linalg.fill ins(%c74 : f32) outs(%e73 : tensor<15x28xf32>) -> tensor<15x28xf32>
  %mm76 = linalg.matmul indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1)>] ins(%g72, %w6 : tensor<15x16xf32>, tensor<28x16xf32>) outs(%f75 : tensor<15x28xf32>) -> tensor<15x28xf32>
  %e77 = tensor.empty() : tensor<28x16xf32>
  %c78 = arith.constant 0.00000000000000000e+00 : f32
  %f79 = linalg.fill ins(%c78 : f32) outs(%e77 : tensor<28x16xf32>) -> tensor<28x16xf32>
  %g80 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d2, d0)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%g2, %g72 : tensor<15x28xf32>, tensor<15x16xf32>) outs(%f79 : tensor<28x16xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.mulf %a0, %a1 : f32
    %p2 = arith.addf %out, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<28x16xf32>
  %e81 = tensor.empty() : tensor<28xf32>
  %c82 = arith.constant 0.00000000000000000e+00 : f32
  %f83 = linalg.fill ins(%c82 : f32) outs(%e81 : tensor<28xf32>) -> tensor<28xf32>
  %g84 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>], iterator_types = ["reduction", "parallel"]} ins(%mm76 : tensor<15x28xf32>) outs(%f83 : tensor<28xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.addf %a0, %out : f32
    linalg.yield %p1 : f32
  } -> tensor<28xf32>
  return %g58, %g84, %g80, %g70 : tensor<f32>, tensor<28xf32>, tensor<28x16xf32>, tensor<28xf32>
}
