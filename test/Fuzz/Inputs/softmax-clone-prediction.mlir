// fuzz-gen.py seed 2 (f32, max-ops 24)
func.func @train_step(%x1: tensor<1x16xf32>, %w5: tensor<1x14xf32>, %w18: tensor<14x4xf32>, %w21: tensor<8x8xf32>, %w24: tensor<8x11xf32>, %w26: tensor<11x7xf32>) -> (tensor<f32>, tensor<1x14xf32>, tensor<14x4xf32>, tensor<8x8xf32>, tensor<8x11xf32>, tensor<11x7xf32>) {
  %sl1 = tensor.extract_slice %x1[0, 2] [1, 14] [1, 1] : tensor<1x16xf32> to tensor<1x14xf32>
  %e2 = tensor.empty() : tensor<1xf32>
  %c3 = arith.constant 0.00000000000000000e+00 : f32
  %f4 = linalg.fill ins(%c3 : f32) outs(%e2 : tensor<1xf32>) -> tensor<1xf32>
  %g5 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%sl1 : tensor<1x14xf32>) outs(%f4 : tensor<1xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.addf %a0, %out : f32
    linalg.yield %p1 : f32
  } -> tensor<1xf32>
  %e6 = tensor.empty() : tensor<1x14xf32>
  %g7 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%sl1 : tensor<1x14xf32>) outs(%e6 : tensor<1x14xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.mulf %a0, %a0 : f32
    linalg.yield %p1 : f32
  } -> tensor<1x14xf32>
  %e8 = tensor.empty() : tensor<1x14xf32>
  %n9 = linalg.mul ins(%sl1, %w5 : tensor<1x14xf32>, tensor<1x14xf32>) outs(%e8 : tensor<1x14xf32>) -> tensor<1x14xf32>
  %e10 = tensor.empty() : tensor<1x14xf32>
  %g11 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%n9, %n9 : tensor<1x14xf32>, tensor<1x14xf32>) outs(%e10 : tensor<1x14xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<1x14xf32>
  %e12 = tensor.empty() : tensor<1xf32>
  %c13 = arith.constant 0.00000000000000000e+00 : f32
  %f14 = linalg.fill ins(%c13 : f32) outs(%e12 : tensor<1xf32>) -> tensor<1xf32>
  %rd15 = linalg.reduce ins(%g7 : tensor<1x14xf32>) outs(%f14 : tensor<1xf32>) dimensions = [1]
    (%in: f32, %acc: f32) {
      %sum = arith.addf %in, %acc : f32
      linalg.yield %sum : f32
    }
  %sl16 = tensor.extract_slice %n9[0, 2] [1, 8] [1, 1] : tensor<1x14xf32> to tensor<1x8xf32>
  %e17 = tensor.empty() : tensor<1x14xf32>
  %n18 = linalg.add ins(%g11, %g11 : tensor<1x14xf32>, tensor<1x14xf32>) outs(%e17 : tensor<1x14xf32>) -> tensor<1x14xf32>
  %e19 = tensor.empty() : tensor<1xf32>
  %c20 = arith.constant 0.00000000000000000e+00 : f32
  %f21 = linalg.fill ins(%c20 : f32) outs(%e19 : tensor<1xf32>) -> tensor<1xf32>
  %g22 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%sl16 : tensor<1x8xf32>) outs(%f21 : tensor<1xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.addf %a0, %out : f32
    linalg.yield %p1 : f32
  } -> tensor<1xf32>
  %e23 = tensor.empty() : tensor<1x14xf32>
  %sm24 = linalg.softmax dimension(1) ins(%n18 : tensor<1x14xf32>) outs(%e23 : tensor<1x14xf32>) -> tensor<1x14xf32>
  %cl25 = tensor.collapse_shape %g11 [[0, 1]] : tensor<1x14xf32> into tensor<14xf32>
  %e26 = tensor.empty() : tensor<14x8xf32>
  %g27 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%cl25 : tensor<14xf32>) outs(%e26 : tensor<14x8xf32>) {
  ^bb0(%a0: f32, %out: f32):
    linalg.yield %a0 : f32
  } -> tensor<14x8xf32>
  %e28 = tensor.empty() : tensor<1xf32>
  %c29 = arith.constant -3.00000000000000012e+38 : f32
  %f30 = linalg.fill ins(%c29 : f32) outs(%e28 : tensor<1xf32>) -> tensor<1xf32>
  %g31 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%sl1 : tensor<1x14xf32>) outs(%f30 : tensor<1xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.maximumf %a0, %out : f32
    linalg.yield %p1 : f32
  } -> tensor<1xf32>
  %e32 = tensor.empty() : tensor<1x14xf32>
  %g33 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%sl1, %g31 : tensor<1x14xf32>, tensor<1xf32>) outs(%e32 : tensor<1x14xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.subf %a0, %a1 : f32
    %p2 = math.exp %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<1x14xf32>
  %e34 = tensor.empty() : tensor<1xf32>
  %c35 = arith.constant 0.00000000000000000e+00 : f32
  %f36 = linalg.fill ins(%c35 : f32) outs(%e34 : tensor<1xf32>) -> tensor<1xf32>
  %g37 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%g33 : tensor<1x14xf32>) outs(%f36 : tensor<1xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.addf %a0, %out : f32
    linalg.yield %p1 : f32
  } -> tensor<1xf32>
  %e38 = tensor.empty() : tensor<1x14xf32>
  %g39 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g33, %g37 : tensor<1x14xf32>, tensor<1xf32>) outs(%e38 : tensor<1x14xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.divf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<1x14xf32>
  %e40 = tensor.empty() : tensor<14xf32>
  %n41 = linalg.negf ins(%cl25 : tensor<14xf32>) outs(%e40 : tensor<14xf32>) -> tensor<14xf32>
  %e42 = tensor.empty() : tensor<14xf32>
  %g43 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%n41, %cl25 : tensor<14xf32>, tensor<14xf32>) outs(%e42 : tensor<14xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<14xf32>
  %e44 = tensor.empty() : tensor<1x4xf32>
  %c45 = arith.constant 0.00000000000000000e+00 : f32
  %f46 = linalg.fill ins(%c45 : f32) outs(%e44 : tensor<1x4xf32>) -> tensor<1x4xf32>
  %mm47 = linalg.matmul ins(%sm24, %w18 : tensor<1x14xf32>, tensor<14x4xf32>) outs(%f46 : tensor<1x4xf32>) -> tensor<1x4xf32>
  %e48 = tensor.empty() : tensor<14xf32>
  %n49 = linalg.tanh ins(%n41 : tensor<14xf32>) outs(%e48 : tensor<14xf32>) -> tensor<14xf32>
  %e50 = tensor.empty() : tensor<14x8xf32>
  %c51 = arith.constant 0.00000000000000000e+00 : f32
  %f52 = linalg.fill ins(%c51 : f32) outs(%e50 : tensor<14x8xf32>) -> tensor<14x8xf32>
  %g54 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%g27, %w21 : tensor<14x8xf32>, tensor<8x8xf32>) outs(%f52 : tensor<14x8xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.mulf %a0, %a1 : f32
    %p2 = arith.addf %out, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<14x8xf32>
  %e55 = tensor.empty() : tensor<14x8xf32>
  %n56 = linalg.sub ins(%g54, %g27 : tensor<14x8xf32>, tensor<14x8xf32>) outs(%e55 : tensor<14x8xf32>) -> tensor<14x8xf32>
  %e57 = tensor.empty() : tensor<14x11xf32>
  %c58 = arith.constant 0.00000000000000000e+00 : f32
  %f59 = linalg.fill ins(%c58 : f32) outs(%e57 : tensor<14x11xf32>) -> tensor<14x11xf32>
  %mm60 = linalg.matmul ins(%n56, %w24 : tensor<14x8xf32>, tensor<8x11xf32>) outs(%f59 : tensor<14x11xf32>) -> tensor<14x11xf32>
  %e61 = tensor.empty() : tensor<14x7xf32>
  %c62 = arith.constant 0.00000000000000000e+00 : f32
  %f63 = linalg.fill ins(%c62 : f32) outs(%e61 : tensor<14x7xf32>) -> tensor<14x7xf32>
  %g65 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%mm60, %w26 : tensor<14x11xf32>, tensor<11x7xf32>) outs(%f63 : tensor<14x7xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.mulf %a0, %a1 : f32
    %p2 = arith.addf %out, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<14x7xf32>
  %e66 = tensor.empty() : tensor<8xf32>
  %c67 = arith.constant 0.00000000000000000e+00 : f32
  %f68 = linalg.fill ins(%c67 : f32) outs(%e66 : tensor<8xf32>) -> tensor<8xf32>
  %g69 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>], iterator_types = ["reduction", "parallel"]} ins(%n56 : tensor<14x8xf32>) outs(%f68 : tensor<8xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.addf %a0, %out : f32
    linalg.yield %p1 : f32
  } -> tensor<8xf32>
  %e70 = tensor.empty() : tensor<1xf32>
  %g71 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%g5 : tensor<1xf32>) outs(%e70 : tensor<1xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.mulf %a0, %a0 : f32
    linalg.yield %p1 : f32
  } -> tensor<1xf32>
  %e72 = tensor.empty() : tensor<f32>
  %c73 = arith.constant 0.00000000000000000e+00 : f32
  %f74 = linalg.fill ins(%c73 : f32) outs(%e72 : tensor<f32>) -> tensor<f32>
  %r75 = linalg.reduce ins(%g71 : tensor<1xf32>) outs(%f74 : tensor<f32>) dimensions = [0]
    (%in: f32, %acc: f32) {
      %sum = arith.addf %in, %acc : f32
      linalg.yield %sum : f32
    }
  %e76 = tensor.empty() : tensor<f32>
  %g77 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%r75 : tensor<f32>) outs(%e76 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 5.00000000000000000e-01 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e78 = tensor.empty() : tensor<f32>
  %c79 = arith.constant 0.00000000000000000e+00 : f32
  %f80 = linalg.fill ins(%c79 : f32) outs(%e78 : tensor<f32>) -> tensor<f32>
  %g81 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]} ins(%rd15 : tensor<1xf32>) outs(%f80 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.mulf %a0, %a0 : f32
    %p2 = arith.addf %p1, %out : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e82 = tensor.empty() : tensor<f32>
  %g83 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%g81 : tensor<f32>) outs(%e82 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 5.00000000000000000e-01 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e84 = tensor.empty() : tensor<1xf32>
  %g85 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%g22 : tensor<1xf32>) outs(%e84 : tensor<1xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.mulf %a0, %a0 : f32
    linalg.yield %p1 : f32
  } -> tensor<1xf32>
  %e86 = tensor.empty() : tensor<f32>
  %c87 = arith.constant 0.00000000000000000e+00 : f32
  %f88 = linalg.fill ins(%c87 : f32) outs(%e86 : tensor<f32>) -> tensor<f32>
  %r89 = linalg.reduce ins(%g85 : tensor<1xf32>) outs(%f88 : tensor<f32>) dimensions = [0]
    (%in: f32, %acc: f32) {
      %sum = arith.addf %in, %acc : f32
      linalg.yield %sum : f32
    }
  %e90 = tensor.empty() : tensor<f32>
  %g91 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%r89 : tensor<f32>) outs(%e90 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 5.00000000000000000e-01 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e92 = tensor.empty() : tensor<f32>
  %c93 = arith.constant 0.00000000000000000e+00 : f32
  %f94 = linalg.fill ins(%c93 : f32) outs(%e92 : tensor<f32>) -> tensor<f32>
  %g95 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%g39 : tensor<1x14xf32>) outs(%f94 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.mulf %a0, %a0 : f32
    %p2 = arith.addf %p1, %out : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e96 = tensor.empty() : tensor<f32>
  %g97 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%g95 : tensor<f32>) outs(%e96 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 3.12500000000000000e-02 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e98 = tensor.empty() : tensor<14xf32>
  %g99 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%g43 : tensor<14xf32>) outs(%e98 : tensor<14xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.mulf %a0, %a0 : f32
    linalg.yield %p1 : f32
  } -> tensor<14xf32>
  %e100 = tensor.empty() : tensor<f32>
  %c101 = arith.constant 0.00000000000000000e+00 : f32
  %f102 = linalg.fill ins(%c101 : f32) outs(%e100 : tensor<f32>) -> tensor<f32>
  %r103 = linalg.reduce ins(%g99 : tensor<14xf32>) outs(%f102 : tensor<f32>) dimensions = [0]
    (%in: f32, %acc: f32) {
      %sum = arith.addf %in, %acc : f32
      linalg.yield %sum : f32
    }
  %e104 = tensor.empty() : tensor<f32>
  %g105 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%r103 : tensor<f32>) outs(%e104 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 3.12500000000000000e-02 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e106 = tensor.empty() : tensor<f32>
  %c107 = arith.constant 0.00000000000000000e+00 : f32
  %f108 = linalg.fill ins(%c107 : f32) outs(%e106 : tensor<f32>) -> tensor<f32>
  %g109 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%mm47 : tensor<1x4xf32>) outs(%f108 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.mulf %a0, %a0 : f32
    %p2 = arith.addf %p1, %out : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e110 = tensor.empty() : tensor<f32>
  %g111 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%g109 : tensor<f32>) outs(%e110 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 1.25000000000000000e-01 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e112 = tensor.empty() : tensor<f32>
  %c113 = arith.constant 0.00000000000000000e+00 : f32
  %f114 = linalg.fill ins(%c113 : f32) outs(%e112 : tensor<f32>) -> tensor<f32>
  %g115 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]} ins(%n49 : tensor<14xf32>) outs(%f114 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.mulf %a0, %a0 : f32
    %p2 = arith.addf %p1, %out : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e116 = tensor.empty() : tensor<f32>
  %g117 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%g115 : tensor<f32>) outs(%e116 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 3.12500000000000000e-02 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e118 = tensor.empty() : tensor<14x7xf32>
  %g119 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g65 : tensor<14x7xf32>) outs(%e118 : tensor<14x7xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.mulf %a0, %a0 : f32
    linalg.yield %p1 : f32
  } -> tensor<14x7xf32>
  %e120 = tensor.empty() : tensor<f32>
  %c121 = arith.constant 0.00000000000000000e+00 : f32
  %f122 = linalg.fill ins(%c121 : f32) outs(%e120 : tensor<f32>) -> tensor<f32>
  %r123 = linalg.reduce ins(%g119 : tensor<14x7xf32>) outs(%f122 : tensor<f32>) dimensions = [0, 1]
    (%in: f32, %acc: f32) {
      %sum = arith.addf %in, %acc : f32
      linalg.yield %sum : f32
    }
  %e124 = tensor.empty() : tensor<f32>
  %g125 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%r123 : tensor<f32>) outs(%e124 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 3.90625000000000000e-03 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e126 = tensor.empty() : tensor<8xf32>
  %g127 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%g69 : tensor<8xf32>) outs(%e126 : tensor<8xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.mulf %a0, %a0 : f32
    linalg.yield %p1 : f32
  } -> tensor<8xf32>
  %e128 = tensor.empty() : tensor<f32>
  %c129 = arith.constant 0.00000000000000000e+00 : f32
  %f130 = linalg.fill ins(%c129 : f32) outs(%e128 : tensor<f32>) -> tensor<f32>
  %r131 = linalg.reduce ins(%g127 : tensor<8xf32>) outs(%f130 : tensor<f32>) dimensions = [0]
    (%in: f32, %acc: f32) {
      %sum = arith.addf %in, %acc : f32
      linalg.yield %sum : f32
    }
  %e132 = tensor.empty() : tensor<f32>
  %g133 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%r131 : tensor<f32>) outs(%e132 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 6.25000000000000000e-02 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e134 = tensor.empty() : tensor<f32>
  %g135 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%g77, %g83 : tensor<f32>, tensor<f32>) outs(%e134 : tensor<f32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<f32>
  %e136 = tensor.empty() : tensor<f32>
  %g137 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%g135, %g91 : tensor<f32>, tensor<f32>) outs(%e136 : tensor<f32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<f32>
  %e138 = tensor.empty() : tensor<f32>
  %g139 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%g137, %g97 : tensor<f32>, tensor<f32>) outs(%e138 : tensor<f32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<f32>
  %e140 = tensor.empty() : tensor<f32>
  %g141 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%g139, %g105 : tensor<f32>, tensor<f32>) outs(%e140 : tensor<f32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<f32>
  %e142 = tensor.empty() : tensor<f32>
  %g143 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%g141, %g111 : tensor<f32>, tensor<f32>) outs(%e142 : tensor<f32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<f32>
  %e144 = tensor.empty() : tensor<f32>
  %g145 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%g143, %g117 : tensor<f32>, tensor<f32>) outs(%e144 : tensor<f32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<f32>
  %e146 = tensor.empty() : tensor<f32>
  %g147 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%g145, %g125 : tensor<f32>, tensor<f32>) outs(%e146 : tensor<f32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<f32>
  %e148 = tensor.empty() : tensor<f32>
  %g149 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%g147, %g133 : tensor<f32>, tensor<f32>) outs(%e148 : tensor<f32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<f32>
  %e150 = tensor.empty() : tensor<1xf32>
  %g151 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%g5 : tensor<1xf32>) outs(%e150 : tensor<1xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 1.00000000000000000e+00 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<1xf32>
  %e152 = tensor.empty() : tensor<1xf32>
  %g153 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%rd15 : tensor<1xf32>) outs(%e152 : tensor<1xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 1.00000000000000000e+00 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<1xf32>
  %e154 = tensor.empty() : tensor<1xf32>
  %g155 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%g22 : tensor<1xf32>) outs(%e154 : tensor<1xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 1.00000000000000000e+00 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<1xf32>
  %e156 = tensor.empty() : tensor<1x14xf32>
  %g157 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g39 : tensor<1x14xf32>) outs(%e156 : tensor<1x14xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 6.25000000000000000e-02 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<1x14xf32>
  %e158 = tensor.empty() : tensor<14xf32>
  %g159 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%g43 : tensor<14xf32>) outs(%e158 : tensor<14xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 6.25000000000000000e-02 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<14xf32>
  %e160 = tensor.empty() : tensor<1x4xf32>
  %g161 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%mm47 : tensor<1x4xf32>) outs(%e160 : tensor<1x4xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 2.50000000000000000e-01 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<1x4xf32>
  %e162 = tensor.empty() : tensor<14xf32>
  %g163 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%n49 : tensor<14xf32>) outs(%e162 : tensor<14xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 6.25000000000000000e-02 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<14xf32>
  %e164 = tensor.empty() : tensor<14x7xf32>
  %g165 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g65 : tensor<14x7xf32>) outs(%e164 : tensor<14x7xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 7.81250000000000000e-03 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<14x7xf32>
  %e166 = tensor.empty() : tensor<8xf32>
  %g167 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%g69 : tensor<8xf32>) outs(%e166 : tensor<8xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 1.25000000000000000e-01 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<8xf32>
  %e168 = tensor.empty() : tensor<14x8xf32>
  %bc169 = linalg.broadcast ins(%g167 : tensor<8xf32>) outs(%e168 : tensor<14x8xf32>) dimensions = [0]
  %e170 = tensor.empty() : tensor<14x11xf32>
  %c171 = arith.constant 0.00000000000000000e+00 : f32
  %f172 = linalg.fill ins(%c171 : f32) outs(%e170 : tensor<14x11xf32>) -> tensor<14x11xf32>
  %mm173 = linalg.matmul indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1)>] ins(%g165, %w26 : tensor<14x7xf32>, tensor<11x7xf32>) outs(%f172 : tensor<14x11xf32>) -> tensor<14x11xf32>
  %e174 = tensor.empty() : tensor<11x7xf32>
  %c175 = arith.constant 0.00000000000000000e+00 : f32
  %f176 = linalg.fill ins(%c175 : f32) outs(%e174 : tensor<11x7xf32>) -> tensor<11x7xf32>
  %mm177 = linalg.matmul indexing_maps = [affine_map<(d0, d1, d2) -> (d2, d0)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>] ins(%mm60, %g165 : tensor<14x11xf32>, tensor<14x7xf32>) outs(%f176 : tensor<11x7xf32>) -> tensor<11x7xf32>
  %e178 = tensor.empty() : tensor<14x8xf32>
  %c179 = arith.constant 0.00000000000000000e+00 : f32
  %f180 = linalg.fill ins(%c179 : f32) outs(%e178 : tensor<14x8xf32>) -> tensor<14x8xf32>
  %mm181 = linalg.matmul indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1)>] ins(%mm173, %w24 : tensor<14x11xf32>, tensor<8x11xf32>) outs(%f180 : tensor<14x8xf32>) -> tensor<14x8xf32>
  %e182 = tensor.empty() : tensor<14x8xf32>
  %g183 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%bc169, %mm181 : tensor<14x8xf32>, tensor<14x8xf32>) outs(%e182 : tensor<14x8xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<14x8xf32>
  %e184 = tensor.empty() : tensor<8x11xf32>
  %c185 = arith.constant 0.00000000000000000e+00 : f32
  %f186 = linalg.fill ins(%c185 : f32) outs(%e184 : tensor<8x11xf32>) -> tensor<8x11xf32>
  %e187 = tensor.empty() : tensor<8x14xf32>
  %tr188 = linalg.transpose ins(%n56 : tensor<14x8xf32>) outs(%e187 : tensor<8x14xf32>) permutation = [1, 0]
  %mm189 = linalg.matmul ins(%tr188, %mm173 : tensor<8x14xf32>, tensor<14x11xf32>) outs(%f186 : tensor<8x11xf32>) -> tensor<8x11xf32>
  %e190 = tensor.empty() : tensor<14x8xf32>
  %g191 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g183 : tensor<14x8xf32>) outs(%e190 : tensor<14x8xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.negf %a0 : f32
    linalg.yield %p1 : f32
  } -> tensor<14x8xf32>
  %e192 = tensor.empty() : tensor<14x8xf32>
  %c193 = arith.constant 0.00000000000000000e+00 : f32
  %f194 = linalg.fill ins(%c193 : f32) outs(%e192 : tensor<14x8xf32>) -> tensor<14x8xf32>
  %mm195 = linalg.matmul indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1)>] ins(%g183, %w21 : tensor<14x8xf32>, tensor<8x8xf32>) outs(%f194 : tensor<14x8xf32>) -> tensor<14x8xf32>
  %e196 = tensor.empty() : tensor<14x8xf32>
  %n197 = linalg.add ins(%g191, %mm195 : tensor<14x8xf32>, tensor<14x8xf32>) outs(%e196 : tensor<14x8xf32>) -> tensor<14x8xf32>
  %e198 = tensor.empty() : tensor<8x8xf32>
  %c199 = arith.constant 0.00000000000000000e+00 : f32
  %f200 = linalg.fill ins(%c199 : f32) outs(%e198 : tensor<8x8xf32>) -> tensor<8x8xf32>
  %e201 = tensor.empty() : tensor<8x14xf32>
  %tr202 = linalg.transpose ins(%g27 : tensor<14x8xf32>) outs(%e201 : tensor<8x14xf32>) permutation = [1, 0]
  %mm203 = linalg.matmul ins(%tr202, %g183 : tensor<8x14xf32>, tensor<14x8xf32>) outs(%f200 : tensor<8x8xf32>) -> tensor<8x8xf32>
  %e204 = tensor.empty() : tensor<14xf32>
  %g205 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%g163, %n49 : tensor<14xf32>, tensor<14xf32>) outs(%e204 : tensor<14xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.constant 1.00000000000000000e+00 : f32
    %p2 = arith.mulf %a1, %a1 : f32
    %p3 = arith.subf %p1, %p2 : f32
    %p4 = arith.mulf %a0, %p3 : f32
    linalg.yield %p4 : f32
  } -> tensor<14xf32>
  %e206 = tensor.empty() : tensor<1x14xf32>
  %c207 = arith.constant 0.00000000000000000e+00 : f32
  %f208 = linalg.fill ins(%c207 : f32) outs(%e206 : tensor<1x14xf32>) -> tensor<1x14xf32>
  %g209 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%g161, %w18 : tensor<1x4xf32>, tensor<14x4xf32>) outs(%f208 : tensor<1x14xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.mulf %a0, %a1 : f32
    %p2 = arith.addf %out, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<1x14xf32>
  %e210 = tensor.empty() : tensor<14x4xf32>
  %c211 = arith.constant 0.00000000000000000e+00 : f32
  %f212 = linalg.fill ins(%c211 : f32) outs(%e210 : tensor<14x4xf32>) -> tensor<14x4xf32>
  %g213 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d2, d0)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%sm24, %g161 : tensor<1x14xf32>, tensor<1x4xf32>) outs(%f212 : tensor<14x4xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.mulf %a0, %a1 : f32
    %p2 = arith.addf %out, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<14x4xf32>
  %e214 = tensor.empty() : tensor<14xf32>
  %g215 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%g205, %g159 : tensor<14xf32>, tensor<14xf32>) outs(%e214 : tensor<14xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<14xf32>
  %e216 = tensor.empty() : tensor<14xf32>
  %g217 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%g215 : tensor<14xf32>) outs(%e216 : tensor<14xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.negf %a0 : f32
    linalg.yield %p1 : f32
  } -> tensor<14xf32>
  %e218 = tensor.empty() : tensor<14xf32>
  %g219 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%g159, %g217 : tensor<14xf32>, tensor<14xf32>) outs(%e218 : tensor<14xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<14xf32>
  %e220 = tensor.empty() : tensor<14xf32>
  %c221 = arith.constant 0.00000000000000000e+00 : f32
  %f222 = linalg.fill ins(%c221 : f32) outs(%e220 : tensor<14xf32>) -> tensor<14xf32>
  %g223 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%n197 : tensor<14x8xf32>) outs(%f222 : tensor<14xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.addf %a0, %out : f32
    linalg.yield %p1 : f32
  } -> tensor<14xf32>
  %e224 = tensor.empty() : tensor<14xf32>
  %g225 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%g219, %g223 : tensor<14xf32>, tensor<14xf32>) outs(%e224 : tensor<14xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<14xf32>
  %ex226 = tensor.expand_shape %g225 [[0, 1]] output_shape [1, 14] : tensor<14xf32> into tensor<1x14xf32>
  %e227 = tensor.empty() : tensor<1x14xf32>
  %g228 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g209, %sm24 : tensor<1x14xf32>, tensor<1x14xf32>) outs(%e227 : tensor<1x14xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.mulf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<1x14xf32>
  %e229 = tensor.empty() : tensor<1xf32>
  %c230 = arith.constant 0.00000000000000000e+00 : f32
  %f231 = linalg.fill ins(%c230 : f32) outs(%e229 : tensor<1xf32>) -> tensor<1xf32>
  %g232 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%g228 : tensor<1x14xf32>) outs(%f231 : tensor<1xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.addf %a0, %out : f32
    linalg.yield %p1 : f32
  } -> tensor<1xf32>
  %e233 = tensor.empty() : tensor<1x14xf32>
  %g234 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g209, %sm24, %g232 : tensor<1x14xf32>, tensor<1x14xf32>, tensor<1xf32>) outs(%e233 : tensor<1x14xf32>) {
  ^bb0(%a0: f32, %a1: f32, %a2: f32, %out: f32):
    %p1 = arith.subf %a0, %a2 : f32
    %p2 = arith.mulf %a1, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<1x14xf32>
  %e235 = tensor.empty() : tensor<1x8xf32>
  %bc236 = linalg.broadcast ins(%g155 : tensor<1xf32>) outs(%e235 : tensor<1x8xf32>) dimensions = [1]
  %e237 = tensor.empty() : tensor<1x14xf32>
  %n238 = linalg.add ins(%ex226, %g234 : tensor<1x14xf32>, tensor<1x14xf32>) outs(%e237 : tensor<1x14xf32>) -> tensor<1x14xf32>
  %e239 = tensor.empty() : tensor<1x14xf32>
  %g240 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%n238, %g234 : tensor<1x14xf32>, tensor<1x14xf32>) outs(%e239 : tensor<1x14xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<1x14xf32>
  %e241 = tensor.empty() : tensor<1x14xf32>
  %c242 = arith.constant 0.00000000000000000e+00 : f32
  %f243 = linalg.fill ins(%c242 : f32) outs(%e241 : tensor<1x14xf32>) -> tensor<1x14xf32>
  %is244 = tensor.insert_slice %bc236 into %f243[0, 2] [1, 8] [1, 1] : tensor<1x8xf32> into tensor<1x14xf32>
  %e245 = tensor.empty() : tensor<1x14xf32>
  %g246 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%is244, %g240 : tensor<1x14xf32>, tensor<1x14xf32>) outs(%e245 : tensor<1x14xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<1x14xf32>
  %e247 = tensor.empty() : tensor<1x14xf32>
  %g248 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g246, %g240 : tensor<1x14xf32>, tensor<1x14xf32>) outs(%e247 : tensor<1x14xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<1x14xf32>
  %e249 = tensor.empty() : tensor<1x14xf32>
  %g250 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g248, %sl1 : tensor<1x14xf32>, tensor<1x14xf32>) outs(%e249 : tensor<1x14xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.mulf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<1x14xf32>
  return %g149, %g250, %g213, %mm203, %mm189, %mm177 : tensor<f32>, tensor<1x14xf32>, tensor<14x4xf32>, tensor<8x8xf32>, tensor<8x11xf32>, tensor<11x7xf32>
}
