// fuzz-gen.py seed 57 (f32, max-ops 24)
func.func @train_step(%x1: tensor<4x16xf32>, %w8: tensor<19xf32>, %w12: tensor<16x25xf32>, %w14: tensor<8xf32>) -> (tensor<f32>, tensor<19xf32>, tensor<16x25xf32>, tensor<8xf32>) {
  %i1 = arith.constant 1 : index
  %i2 = arith.constant 11 : index
  %s3 = tensor.extract %x1[%i1, %i2] : tensor<4x16xf32>
  %e4 = tensor.empty() : tensor<4x16xf32>
  %g5 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x1 : tensor<4x16xf32>) outs(%e4 : tensor<4x16xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.mulf %a0, %s3 : f32
    linalg.yield %p1 : f32
  } -> tensor<4x16xf32>
  %i6 = arith.constant 1 : index
  %i7 = arith.constant 4 : index
  %s8 = tensor.extract %g5[%i6, %i7] : tensor<4x16xf32>
  %e9 = tensor.empty() : tensor<4x16xf32>
  %g10 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g5 : tensor<4x16xf32>) outs(%e9 : tensor<4x16xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.mulf %a0, %s8 : f32
    linalg.yield %p1 : f32
  } -> tensor<4x16xf32>
  %e11 = tensor.empty() : tensor<4x16xf32>
  %g12 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g10, %g5 : tensor<4x16xf32>, tensor<4x16xf32>) outs(%e11 : tensor<4x16xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.subf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<4x16xf32>
  %e13 = tensor.empty() : tensor<4x16xf32>
  %g14 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g5 : tensor<4x16xf32>) outs(%e13 : tensor<4x16xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 0.00000000000000000e+00 : f32
    %p2 = arith.maximumf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<4x16xf32>
  %sl15 = tensor.extract_slice %g10[0, 14] [4, 1] [1, 1] : tensor<4x16xf32> to tensor<4x1xf32>
  %e16 = tensor.empty() : tensor<4x16xf32>
  %sm17 = linalg.softmax dimension(1) ins(%g14 : tensor<4x16xf32>) outs(%e16 : tensor<4x16xf32>) -> tensor<4x16xf32>
  %e18 = tensor.empty() : tensor<11x19xf32>
  %g19 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%w8 : tensor<19xf32>) outs(%e18 : tensor<11x19xf32>) {
  ^bb0(%a0: f32, %out: f32):
    linalg.yield %a0 : f32
  } -> tensor<11x19xf32>
  %e20 = tensor.empty() : tensor<11x19xf32>
  %n21 = linalg.negf ins(%g19 : tensor<11x19xf32>) outs(%e20 : tensor<11x19xf32>) -> tensor<11x19xf32>
  %e22 = tensor.empty() : tensor<4x16xf32>
  %g23 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%sm17, %sm17 : tensor<4x16xf32>, tensor<4x16xf32>) outs(%e22 : tensor<4x16xf32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.mulf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<4x16xf32>
  %e24 = tensor.empty() : tensor<4x25xf32>
  %c25 = arith.constant 0.00000000000000000e+00 : f32
  %f26 = linalg.fill ins(%c25 : f32) outs(%e24 : tensor<4x25xf32>) -> tensor<4x25xf32>
  %mm27 = linalg.matmul ins(%g12, %w12 : tensor<4x16xf32>, tensor<16x25xf32>) outs(%f26 : tensor<4x25xf32>) -> tensor<4x25xf32>
  %e28 = tensor.empty() : tensor<29x8xf32>
  %g29 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%w14 : tensor<8xf32>) outs(%e28 : tensor<29x8xf32>) {
  ^bb0(%a0: f32, %out: f32):
    linalg.yield %a0 : f32
  } -> tensor<29x8xf32>
  %e30 = tensor.empty() : tensor<4x1xf32>
  %g31 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%sl15 : tensor<4x1xf32>) outs(%e30 : tensor<4x1xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.mulf %a0, %a0 : f32
    linalg.yield %p1 : f32
  } -> tensor<4x1xf32>
  %e32 = tensor.empty() : tensor<f32>
  %c33 = arith.constant 0.00000000000000000e+00 : f32
  %f34 = linalg.fill ins(%c33 : f32) outs(%e32 : tensor<f32>) -> tensor<f32>
  %r35 = linalg.reduce ins(%g31 : tensor<4x1xf32>) outs(%f34 : tensor<f32>) dimensions = [0, 1]
    (%in: f32, %acc: f32) {
      %sum = arith.addf %in, %acc : f32
      linalg.yield %sum : f32
    }
  %e36 = tensor.empty() : tensor<f32>
  %g37 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%r35 : tensor<f32>) outs(%e36 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 1.25000000000000000e-01 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e38 = tensor.empty() : tensor<f32>
  %c39 = arith.constant 0.00000000000000000e+00 : f32
  %f40 = linalg.fill ins(%c39 : f32) outs(%e38 : tensor<f32>) -> tensor<f32>
  %g41 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%n21 : tensor<11x19xf32>) outs(%f40 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.mulf %a0, %a0 : f32
    %p2 = arith.addf %p1, %out : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e42 = tensor.empty() : tensor<f32>
  %g43 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%g41 : tensor<f32>) outs(%e42 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 1.95312500000000000e-03 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e44 = tensor.empty() : tensor<4x16xf32>
  %g45 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g23 : tensor<4x16xf32>) outs(%e44 : tensor<4x16xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.mulf %a0, %a0 : f32
    linalg.yield %p1 : f32
  } -> tensor<4x16xf32>
  %e46 = tensor.empty() : tensor<f32>
  %c47 = arith.constant 0.00000000000000000e+00 : f32
  %f48 = linalg.fill ins(%c47 : f32) outs(%e46 : tensor<f32>) -> tensor<f32>
  %r49 = linalg.reduce ins(%g45 : tensor<4x16xf32>) outs(%f48 : tensor<f32>) dimensions = [0, 1]
    (%in: f32, %acc: f32) {
      %sum = arith.addf %in, %acc : f32
      linalg.yield %sum : f32
    }
  %e50 = tensor.empty() : tensor<f32>
  %g51 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%r49 : tensor<f32>) outs(%e50 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 7.81250000000000000e-03 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e52 = tensor.empty() : tensor<4x25xf32>
  %g53 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%mm27 : tensor<4x25xf32>) outs(%e52 : tensor<4x25xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.mulf %a0, %a0 : f32
    linalg.yield %p1 : f32
  } -> tensor<4x25xf32>
  %e54 = tensor.empty() : tensor<f32>
  %c55 = arith.constant 0.00000000000000000e+00 : f32
  %f56 = linalg.fill ins(%c55 : f32) outs(%e54 : tensor<f32>) -> tensor<f32>
  %r57 = linalg.reduce ins(%g53 : tensor<4x25xf32>) outs(%f56 : tensor<f32>) dimensions = [0, 1]
    (%in: f32, %acc: f32) {
      %sum = arith.addf %in, %acc : f32
      linalg.yield %sum : f32
    }
  %e58 = tensor.empty() : tensor<f32>
  %g59 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%r57 : tensor<f32>) outs(%e58 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 3.90625000000000000e-03 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e60 = tensor.empty() : tensor<29x8xf32>
  %g61 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g29 : tensor<29x8xf32>) outs(%e60 : tensor<29x8xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.mulf %a0, %a0 : f32
    linalg.yield %p1 : f32
  } -> tensor<29x8xf32>
  %e62 = tensor.empty() : tensor<f32>
  %c63 = arith.constant 0.00000000000000000e+00 : f32
  %f64 = linalg.fill ins(%c63 : f32) outs(%e62 : tensor<f32>) -> tensor<f32>
  %r65 = linalg.reduce ins(%g61 : tensor<29x8xf32>) outs(%f64 : tensor<f32>) dimensions = [0, 1]
    (%in: f32, %acc: f32) {
      %sum = arith.addf %in, %acc : f32
      linalg.yield %sum : f32
    }
  %e66 = tensor.empty() : tensor<f32>
  %g67 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%r65 : tensor<f32>) outs(%e66 : tensor<f32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 1.95312500000000000e-03 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<f32>
  %e68 = tensor.empty() : tensor<f32>
  %g69 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%g37, %g43 : tensor<f32>, tensor<f32>) outs(%e68 : tensor<f32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<f32>
  %e70 = tensor.empty() : tensor<f32>
  %g71 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%g69, %g51 : tensor<f32>, tensor<f32>) outs(%e70 : tensor<f32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<f32>
  %e72 = tensor.empty() : tensor<f32>
  %g73 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%g71, %g59 : tensor<f32>, tensor<f32>) outs(%e72 : tensor<f32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<f32>
  %e74 = tensor.empty() : tensor<f32>
  %g75 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%g73, %g67 : tensor<f32>, tensor<f32>) outs(%e74 : tensor<f32>) {
  ^bb0(%a0: f32, %a1: f32, %out: f32):
    %p1 = arith.addf %a0, %a1 : f32
    linalg.yield %p1 : f32
  } -> tensor<f32>
  %e76 = tensor.empty() : tensor<4x1xf32>
  %g77 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%sl15 : tensor<4x1xf32>) outs(%e76 : tensor<4x1xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 2.50000000000000000e-01 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<4x1xf32>
  %e78 = tensor.empty() : tensor<11x19xf32>
  %g79 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%n21 : tensor<11x19xf32>) outs(%e78 : tensor<11x19xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 3.90625000000000000e-03 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<11x19xf32>
  %e80 = tensor.empty() : tensor<4x16xf32>
  %g81 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g23 : tensor<4x16xf32>) outs(%e80 : tensor<4x16xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 1.56250000000000000e-02 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<4x16xf32>
  %e82 = tensor.empty() : tensor<4x25xf32>
  %g83 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%mm27 : tensor<4x25xf32>) outs(%e82 : tensor<4x25xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 7.81250000000000000e-03 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<4x25xf32>
  %e84 = tensor.empty() : tensor<29x8xf32>
  %g85 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g29 : tensor<29x8xf32>) outs(%e84 : tensor<29x8xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.constant 3.90625000000000000e-03 : f32
    %p2 = arith.mulf %a0, %p1 : f32
    linalg.yield %p2 : f32
  } -> tensor<29x8xf32>
  %e86 = tensor.empty() : tensor<8xf32>
  %c87 = arith.constant 0.00000000000000000e+00 : f32
  %f88 = linalg.fill ins(%c87 : f32) outs(%e86 : tensor<8xf32>) -> tensor<8xf32>
  %g89 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>], iterator_types = ["reduction", "parallel"]} ins(%g85 : tensor<29x8xf32>) outs(%f88 : tensor<8xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.addf %a0, %out : f32
    linalg.yield %p1 : f32
  } -> tensor<8xf32>
  %e90 = tensor.empty() : tensor<16x25xf32>
  %c91 = arith.constant 0.00000000000000000e+00 : f32
  %f92 = linalg.fill ins(%c91 : f32) outs(%e90 : tensor<16x25xf32>) -> tensor<16x25xf32>
  %mm93 = linalg.matmul indexing_maps = [affine_map<(d0, d1, d2) -> (d2, d0)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>] ins(%g12, %g83 : tensor<4x16xf32>, tensor<4x25xf32>) outs(%f92 : tensor<16x25xf32>) -> tensor<16x25xf32>
  %e94 = tensor.empty() : tensor<11x19xf32>
  %g95 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g79 : tensor<11x19xf32>) outs(%e94 : tensor<11x19xf32>) {
  ^bb0(%a0: f32, %out: f32):
    %p1 = arith.negf %a0 : f32
    linalg.yield %p1 : f32
  } -> tensor<11x19xf32>
  %e96 = tensor.empty() : tensor<19xf32>
  %c97 = arith.constant 0.00000000000000000e+00 : f32
  %f98 = linalg.fill ins(%c97 : f32) outs(%e96 : tensor<19xf32>) -> tensor<19xf32>
  %rd99 = linalg.reduce ins(%g95 : tensor<11x19xf32>) outs(%f98 : tensor<19xf32>) dimensions = [0]
    (%in: f32, %acc: f32) {
      %sum = arith.addf %in, %acc : f32
      linalg.yield %sum : f32
    }
  return %g75, %rd99, %mm93, %g89 : tensor<f32>, tensor<19xf32>, tensor<16x25xf32>, tensor<8xf32>
}
