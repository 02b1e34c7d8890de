// A training step of a 4-layer perceptron (no biases) with ReLU and a
// softmax cross-entropy loss, written by hand in linalg on tensors: forward
// ops first, then the backward ops. Returns (loss, dW1, dW2, dW3, dW4).
//
//   z1 = x W1, h1 = relu(z1), z2 = h1 W2, h2 = relu(z2), z3 = h2 W3,
//   h3 = relu(z3), l = h3 W4,
//   loss = (1/B) sum_b [ sum_c y_bc * (lse_b - l_bc) ],  lse_b = log sum_c exp l_bc
//
// The targets y may be soft and need not sum to one per row, so
//   dl = (1/B) (softmax(l) * rowsum(y) - y).
//
// Shapes: B = 128, features 16 -> 32 -> 32 -> 32 -> 8. The activations
// (16 KiB each) dominate the weights, as in real training.

#mA  = affine_map<(m, n, k) -> (m, k)>
#mB  = affine_map<(m, n, k) -> (k, n)>
#mC  = affine_map<(m, n, k) -> (m, n)>
#mAt = affine_map<(m, n, k) -> (k, m)>
#mBt = affine_map<(m, n, k) -> (n, k)>
#id2 = affine_map<(i, j) -> (i, j)>
#row = affine_map<(i, j) -> (i)>

func.func @train_step(%x: tensor<128x16xf32>, %y: tensor<128x8xf32>,
                      %w1: tensor<16x32xf32>, %w2: tensor<32x32xf32>,
                      %w3: tensor<32x32xf32>, %w4: tensor<32x8xf32>)
    -> (tensor<f32>, tensor<16x32xf32>, tensor<32x32xf32>,
        tensor<32x32xf32>, tensor<32x8xf32>) {
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %invB = arith.constant 0.0078125 : f32

  // ---- forward ----
  %e1 = tensor.empty() : tensor<128x32xf32>
  %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<128x32xf32>) -> tensor<128x32xf32>
  %z1 = linalg.matmul ins(%x, %w1 : tensor<128x16xf32>, tensor<16x32xf32>)
                      outs(%f1 : tensor<128x32xf32>) -> tensor<128x32xf32>
  %r1 = tensor.empty() : tensor<128x32xf32>
  %h1 = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%z1 : tensor<128x32xf32>) outs(%r1 : tensor<128x32xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.maximumf %a, %zero : f32
    linalg.yield %m : f32
  } -> tensor<128x32xf32>

  %e2 = tensor.empty() : tensor<128x32xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<128x32xf32>) -> tensor<128x32xf32>
  %z2 = linalg.matmul ins(%h1, %w2 : tensor<128x32xf32>, tensor<32x32xf32>)
                      outs(%f2 : tensor<128x32xf32>) -> tensor<128x32xf32>
  %r2 = tensor.empty() : tensor<128x32xf32>
  %h2 = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%z2 : tensor<128x32xf32>) outs(%r2 : tensor<128x32xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.maximumf %a, %zero : f32
    linalg.yield %m : f32
  } -> tensor<128x32xf32>

  %e3 = tensor.empty() : tensor<128x32xf32>
  %f3 = linalg.fill ins(%zero : f32) outs(%e3 : tensor<128x32xf32>) -> tensor<128x32xf32>
  %z3 = linalg.matmul ins(%h2, %w3 : tensor<128x32xf32>, tensor<32x32xf32>)
                      outs(%f3 : tensor<128x32xf32>) -> tensor<128x32xf32>
  %r3 = tensor.empty() : tensor<128x32xf32>
  %h3 = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%z3 : tensor<128x32xf32>) outs(%r3 : tensor<128x32xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.maximumf %a, %zero : f32
    linalg.yield %m : f32
  } -> tensor<128x32xf32>

  %e4 = tensor.empty() : tensor<128x8xf32>
  %f4 = linalg.fill ins(%zero : f32) outs(%e4 : tensor<128x8xf32>) -> tensor<128x8xf32>
  %l = linalg.matmul ins(%h3, %w4 : tensor<128x32xf32>, tensor<32x8xf32>)
                     outs(%f4 : tensor<128x8xf32>) -> tensor<128x8xf32>

  // Softmax cross-entropy, numerically stable: lse = mx + log sum exp(l - mx).
  %emx = tensor.empty() : tensor<128xf32>
  %fmx = linalg.fill ins(%ninf : f32) outs(%emx : tensor<128xf32>) -> tensor<128xf32>
  %mx = linalg.reduce ins(%l : tensor<128x8xf32>) outs(%fmx : tensor<128xf32>) dimensions = [1]
    (%in: f32, %acc: f32) {
      %m = arith.maximumf %in, %acc : f32
      linalg.yield %m : f32
    }
  %eex = tensor.empty() : tensor<128x8xf32>
  %ex = linalg.generic {indexing_maps = [#id2, #row, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%l, %mx : tensor<128x8xf32>, tensor<128xf32>) outs(%eex : tensor<128x8xf32>) {
  ^bb0(%a: f32, %m: f32, %o: f32):
    %d = arith.subf %a, %m : f32
    %e = math.exp %d : f32
    linalg.yield %e : f32
  } -> tensor<128x8xf32>
  %ese = tensor.empty() : tensor<128xf32>
  %fse = linalg.fill ins(%zero : f32) outs(%ese : tensor<128xf32>) -> tensor<128xf32>
  %se = linalg.reduce ins(%ex : tensor<128x8xf32>) outs(%fse : tensor<128xf32>) dimensions = [1]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  // Per-row loss: sum_c y (mx + log se - l).
  %erl = tensor.empty() : tensor<128xf32>
  %frl = linalg.fill ins(%zero : f32) outs(%erl : tensor<128xf32>) -> tensor<128xf32>
  %rl = linalg.generic {indexing_maps = [#id2, #id2, #row, #row, #row],
                        iterator_types = ["parallel", "reduction"]}
      ins(%l, %y, %mx, %se : tensor<128x8xf32>, tensor<128x8xf32>, tensor<128xf32>, tensor<128xf32>)
      outs(%frl : tensor<128xf32>) {
  ^bb0(%a: f32, %t: f32, %m: f32, %s: f32, %acc: f32):
    %lg = math.log %s : f32
    %lse = arith.addf %m, %lg : f32
    %d = arith.subf %lse, %a : f32
    %p = arith.mulf %t, %d : f32
    %r = arith.addf %acc, %p : f32
    linalg.yield %r : f32
  } -> tensor<128xf32>
  %el = tensor.empty() : tensor<f32>
  %fl = linalg.fill ins(%zero : f32) outs(%el : tensor<f32>) -> tensor<f32>
  %lsum = linalg.reduce ins(%rl : tensor<128xf32>) outs(%fl : tensor<f32>) dimensions = [0]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  %eloss = tensor.empty() : tensor<f32>
  %loss = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>],
                          iterator_types = []}
      ins(%lsum : tensor<f32>) outs(%eloss : tensor<f32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.mulf %a, %invB : f32
    linalg.yield %m : f32
  } -> tensor<f32>

  // ---- backward ----
  // dl = (exp(l - mx) / se * rowsum(y) - y) / B
  %ety = tensor.empty() : tensor<128xf32>
  %fty = linalg.fill ins(%zero : f32) outs(%ety : tensor<128xf32>) -> tensor<128xf32>
  %ty = linalg.reduce ins(%y : tensor<128x8xf32>) outs(%fty : tensor<128xf32>) dimensions = [1]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  %edl = tensor.empty() : tensor<128x8xf32>
  %dl = linalg.generic {indexing_maps = [#id2, #row, #row, #id2, #id2],
                        iterator_types = ["parallel", "parallel"]}
      ins(%ex, %se, %ty, %y : tensor<128x8xf32>, tensor<128xf32>, tensor<128xf32>, tensor<128x8xf32>)
      outs(%edl : tensor<128x8xf32>) {
  ^bb0(%e: f32, %s: f32, %t: f32, %yy: f32, %o: f32):
    %p = arith.divf %e, %s : f32
    %pt = arith.mulf %p, %t : f32
    %d = arith.subf %pt, %yy : f32
    %g = arith.mulf %d, %invB : f32
    linalg.yield %g : f32
  } -> tensor<128x8xf32>

  // dW4 = h3^T dl, dh3 = dl W4^T
  %ew4 = tensor.empty() : tensor<32x8xf32>
  %fw4 = linalg.fill ins(%zero : f32) outs(%ew4 : tensor<32x8xf32>) -> tensor<32x8xf32>
  %dw4 = linalg.matmul indexing_maps = [#mAt, #mB, #mC]
      ins(%h3, %dl : tensor<128x32xf32>, tensor<128x8xf32>)
      outs(%fw4 : tensor<32x8xf32>) -> tensor<32x8xf32>
  %eh3 = tensor.empty() : tensor<128x32xf32>
  %fh3 = linalg.fill ins(%zero : f32) outs(%eh3 : tensor<128x32xf32>) -> tensor<128x32xf32>
  %dh3 = linalg.matmul indexing_maps = [#mA, #mBt, #mC]
      ins(%dl, %w4 : tensor<128x8xf32>, tensor<32x8xf32>)
      outs(%fh3 : tensor<128x32xf32>) -> tensor<128x32xf32>
  // dz3 = dh3 * [z3 > 0]
  %ez3 = tensor.empty() : tensor<128x32xf32>
  %dz3 = linalg.generic {indexing_maps = [#id2, #id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%dh3, %z3 : tensor<128x32xf32>, tensor<128x32xf32>) outs(%ez3 : tensor<128x32xf32>) {
  ^bb0(%g: f32, %z: f32, %o: f32):
    %c = arith.cmpf ogt, %z, %zero : f32
    %s = arith.select %c, %g, %zero : f32
    linalg.yield %s : f32
  } -> tensor<128x32xf32>

  // dW3 = h2^T dz3, dh2 = dz3 W3^T
  %ew3 = tensor.empty() : tensor<32x32xf32>
  %fw3 = linalg.fill ins(%zero : f32) outs(%ew3 : tensor<32x32xf32>) -> tensor<32x32xf32>
  %dw3 = linalg.matmul indexing_maps = [#mAt, #mB, #mC]
      ins(%h2, %dz3 : tensor<128x32xf32>, tensor<128x32xf32>)
      outs(%fw3 : tensor<32x32xf32>) -> tensor<32x32xf32>
  %eh2 = tensor.empty() : tensor<128x32xf32>
  %fh2 = linalg.fill ins(%zero : f32) outs(%eh2 : tensor<128x32xf32>) -> tensor<128x32xf32>
  %dh2 = linalg.matmul indexing_maps = [#mA, #mBt, #mC]
      ins(%dz3, %w3 : tensor<128x32xf32>, tensor<32x32xf32>)
      outs(%fh2 : tensor<128x32xf32>) -> tensor<128x32xf32>
  %ez2 = tensor.empty() : tensor<128x32xf32>
  %dz2 = linalg.generic {indexing_maps = [#id2, #id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%dh2, %z2 : tensor<128x32xf32>, tensor<128x32xf32>) outs(%ez2 : tensor<128x32xf32>) {
  ^bb0(%g: f32, %z: f32, %o: f32):
    %c = arith.cmpf ogt, %z, %zero : f32
    %s = arith.select %c, %g, %zero : f32
    linalg.yield %s : f32
  } -> tensor<128x32xf32>

  // dW2 = h1^T dz2 (via an explicit transpose), dh1 = dz2 W2^T
  %et1 = tensor.empty() : tensor<32x128xf32>
  %h1t = linalg.transpose ins(%h1 : tensor<128x32xf32>) outs(%et1 : tensor<32x128xf32>) permutation = [1, 0]
  %ew2 = tensor.empty() : tensor<32x32xf32>
  %fw2 = linalg.fill ins(%zero : f32) outs(%ew2 : tensor<32x32xf32>) -> tensor<32x32xf32>
  %dw2 = linalg.matmul ins(%h1t, %dz2 : tensor<32x128xf32>, tensor<128x32xf32>)
                       outs(%fw2 : tensor<32x32xf32>) -> tensor<32x32xf32>
  %eh1 = tensor.empty() : tensor<128x32xf32>
  %fh1 = linalg.fill ins(%zero : f32) outs(%eh1 : tensor<128x32xf32>) -> tensor<128x32xf32>
  %dh1 = linalg.matmul indexing_maps = [#mA, #mBt, #mC]
      ins(%dz2, %w2 : tensor<128x32xf32>, tensor<32x32xf32>)
      outs(%fh1 : tensor<128x32xf32>) -> tensor<128x32xf32>
  %ez1 = tensor.empty() : tensor<128x32xf32>
  %dz1 = linalg.generic {indexing_maps = [#id2, #id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%dh1, %z1 : tensor<128x32xf32>, tensor<128x32xf32>) outs(%ez1 : tensor<128x32xf32>) {
  ^bb0(%g: f32, %z: f32, %o: f32):
    %c = arith.cmpf ogt, %z, %zero : f32
    %s = arith.select %c, %g, %zero : f32
    linalg.yield %s : f32
  } -> tensor<128x32xf32>

  // dW1 = x^T dz1
  %ew1 = tensor.empty() : tensor<16x32xf32>
  %fw1 = linalg.fill ins(%zero : f32) outs(%ew1 : tensor<16x32xf32>) -> tensor<16x32xf32>
  %dw1 = linalg.matmul indexing_maps = [#mAt, #mB, #mC]
      ins(%x, %dz1 : tensor<128x16xf32>, tensor<128x32xf32>)
      outs(%fw1 : tensor<16x32xf32>) -> tensor<16x32xf32>

  return %loss, %dw1, %dw2, %dw3, %dw4
      : tensor<f32>, tensor<16x32xf32>, tensor<32x32xf32>, tensor<32x32xf32>, tensor<32x8xf32>
}
