// A training step of one single-head self-attention layer with an output
// projection and a squared-error loss, written by hand in linalg on tensors:
// forward ops first, then the backward ops. Returns (loss, dWq, dWk, dWv, dWo).
//
//   Q = X Wq, K = X Wk, V = X Wv          (X as a (B*T) x D matrix)
//   S = c Q K^T (per sequence), c = 1/sqrt(D),  P = softmax_rows(S)
//   O = P V,  Y = O Wo,  loss = 1/(2 B T) sum (Y - Tgt)^2
//
// Backward: dY = (Y - Tgt)/(B T), dWo = O^T dY, dO = dY Wo^T,
//   dP = dO V^T, dV = P^T dO, dS = c P (dP - rowsum(dP * P)),
//   dQ = dS K, dK = dS^T Q, dWq = X^T dQ, dWk = X^T dK, dWv = X^T dV.
//
// Shapes: B = 4 sequences of T = 16 tokens, D = 8. The per-sequence score
// and probability tensors (4 KiB) dominate; the reshapes between the
// (B*T) x D and B x T x D views are tensor.expand_shape/collapse_shape.

#mA  = affine_map<(m, n, k) -> (m, k)>
#mB  = affine_map<(m, n, k) -> (k, n)>
#mC  = affine_map<(m, n, k) -> (m, n)>
#mAt = affine_map<(m, n, k) -> (k, m)>
#mBt = affine_map<(m, n, k) -> (n, k)>
// batched: (b, m, n, k)
#bA  = affine_map<(b, m, n, k) -> (b, m, k)>
#bB  = affine_map<(b, m, n, k) -> (b, k, n)>
#bC  = affine_map<(b, m, n, k) -> (b, m, n)>
#bBt = affine_map<(b, m, n, k) -> (b, n, k)>
#bAt = affine_map<(b, m, n, k) -> (b, k, m)>
#id3 = affine_map<(b, i, j) -> (b, i, j)>
#row3 = affine_map<(b, i, j) -> (b, i)>
#id2 = affine_map<(i, j) -> (i, j)>
#all2 = affine_map<(i, j) -> ()>

func.func @train_step(%x: tensor<64x8xf32>, %tgt: tensor<64x8xf32>,
                      %wq: tensor<8x8xf32>, %wk: tensor<8x8xf32>,
                      %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>)
    -> (tensor<f32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>,
        tensor<8x8xf32>) {
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %c = arith.constant 0.353553385 : f32
  %invN = arith.constant 0.015625 : f32
  %halfInvN = arith.constant 0.0078125 : f32

  // ---- forward ----
  %eq = tensor.empty() : tensor<64x8xf32>
  %fq = linalg.fill ins(%zero : f32) outs(%eq : tensor<64x8xf32>) -> tensor<64x8xf32>
  %q2 = linalg.matmul ins(%x, %wq : tensor<64x8xf32>, tensor<8x8xf32>)
                      outs(%fq : tensor<64x8xf32>) -> tensor<64x8xf32>
  %ek = tensor.empty() : tensor<64x8xf32>
  %fk = linalg.fill ins(%zero : f32) outs(%ek : tensor<64x8xf32>) -> tensor<64x8xf32>
  %k2 = linalg.matmul ins(%x, %wk : tensor<64x8xf32>, tensor<8x8xf32>)
                      outs(%fk : tensor<64x8xf32>) -> tensor<64x8xf32>
  %ev = tensor.empty() : tensor<64x8xf32>
  %fv = linalg.fill ins(%zero : f32) outs(%ev : tensor<64x8xf32>) -> tensor<64x8xf32>
  %v2 = linalg.matmul ins(%x, %wv : tensor<64x8xf32>, tensor<8x8xf32>)
                      outs(%fv : tensor<64x8xf32>) -> tensor<64x8xf32>
  %q = tensor.expand_shape %q2 [[0, 1], [2]] output_shape [4, 16, 8] : tensor<64x8xf32> into tensor<4x16x8xf32>
  %k = tensor.expand_shape %k2 [[0, 1], [2]] output_shape [4, 16, 8] : tensor<64x8xf32> into tensor<4x16x8xf32>
  %v = tensor.expand_shape %v2 [[0, 1], [2]] output_shape [4, 16, 8] : tensor<64x8xf32> into tensor<4x16x8xf32>

  // S = c Q K^T
  %es = tensor.empty() : tensor<4x16x16xf32>
  %fs = linalg.fill ins(%zero : f32) outs(%es : tensor<4x16x16xf32>) -> tensor<4x16x16xf32>
  %qk = linalg.batch_matmul indexing_maps = [#bA, #bBt, #bC]
      ins(%q, %k : tensor<4x16x8xf32>, tensor<4x16x8xf32>)
      outs(%fs : tensor<4x16x16xf32>) -> tensor<4x16x16xf32>
  %es2 = tensor.empty() : tensor<4x16x16xf32>
  %s = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%qk : tensor<4x16x16xf32>) outs(%es2 : tensor<4x16x16xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.mulf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<4x16x16xf32>

  // P = softmax over the last dimension
  %emx = tensor.empty() : tensor<4x16xf32>
  %fmx = linalg.fill ins(%ninf : f32) outs(%emx : tensor<4x16xf32>) -> tensor<4x16xf32>
  %mx = linalg.reduce ins(%s : tensor<4x16x16xf32>) outs(%fmx : tensor<4x16xf32>) dimensions = [2]
    (%in: f32, %acc: f32) {
      %m = arith.maximumf %in, %acc : f32
      linalg.yield %m : f32
    }
  %eex = tensor.empty() : tensor<4x16x16xf32>
  %ex = linalg.generic {indexing_maps = [#id3, #row3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%s, %mx : tensor<4x16x16xf32>, tensor<4x16xf32>) outs(%eex : tensor<4x16x16xf32>) {
  ^bb0(%a: f32, %m: f32, %o: f32):
    %d = arith.subf %a, %m : f32
    %e = math.exp %d : f32
    linalg.yield %e : f32
  } -> tensor<4x16x16xf32>
  %ese = tensor.empty() : tensor<4x16xf32>
  %fse = linalg.fill ins(%zero : f32) outs(%ese : tensor<4x16xf32>) -> tensor<4x16xf32>
  %se = linalg.reduce ins(%ex : tensor<4x16x16xf32>) outs(%fse : tensor<4x16xf32>) dimensions = [2]
    (%in: f32, %acc: f32) {
      %r = arith.addf %in, %acc : f32
      linalg.yield %r : f32
    }
  %ep = tensor.empty() : tensor<4x16x16xf32>
  %p = linalg.generic {indexing_maps = [#id3, #row3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%ex, %se : tensor<4x16x16xf32>, tensor<4x16xf32>) outs(%ep : tensor<4x16x16xf32>) {
  ^bb0(%e: f32, %t: f32, %o: f32):
    %r = arith.divf %e, %t : f32
    linalg.yield %r : f32
  } -> tensor<4x16x16xf32>

  // O = P V, Y = O Wo
  %eo = tensor.empty() : tensor<4x16x8xf32>
  %fo = linalg.fill ins(%zero : f32) outs(%eo : tensor<4x16x8xf32>) -> tensor<4x16x8xf32>
  %o = linalg.batch_matmul ins(%p, %v : tensor<4x16x16xf32>, tensor<4x16x8xf32>)
                           outs(%fo : tensor<4x16x8xf32>) -> tensor<4x16x8xf32>
  %o2 = tensor.collapse_shape %o [[0, 1], [2]] : tensor<4x16x8xf32> into tensor<64x8xf32>
  %ey = tensor.empty() : tensor<64x8xf32>
  %fy = linalg.fill ins(%zero : f32) outs(%ey : tensor<64x8xf32>) -> tensor<64x8xf32>
  %y = linalg.matmul ins(%o2, %wo : tensor<64x8xf32>, tensor<8x8xf32>)
                     outs(%fy : tensor<64x8xf32>) -> tensor<64x8xf32>
  %el = tensor.empty() : tensor<f32>
  %fl = linalg.fill ins(%zero : f32) outs(%el : tensor<f32>) -> tensor<f32>
  %sq = linalg.generic {indexing_maps = [#id2, #id2, #all2], iterator_types = ["reduction", "reduction"]}
      ins(%y, %tgt : tensor<64x8xf32>, tensor<64x8xf32>) outs(%fl : tensor<f32>) {
  ^bb0(%a: f32, %t: f32, %acc: f32):
    %d = arith.subf %a, %t : f32
    %d2 = arith.mulf %d, %d : f32
    %r = arith.addf %acc, %d2 : f32
    linalg.yield %r : f32
  } -> tensor<f32>
  %eloss = tensor.empty() : tensor<f32>
  %loss = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []}
      ins(%sq : tensor<f32>) outs(%eloss : tensor<f32>) {
  ^bb0(%a: f32, %out: f32):
    %r = arith.mulf %a, %halfInvN : f32
    linalg.yield %r : f32
  } -> tensor<f32>

  // ---- backward ----
  %edy = tensor.empty() : tensor<64x8xf32>
  %dy = linalg.generic {indexing_maps = [#id2, #id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%y, %tgt : tensor<64x8xf32>, tensor<64x8xf32>) outs(%edy : tensor<64x8xf32>) {
  ^bb0(%a: f32, %t: f32, %out: f32):
    %d = arith.subf %a, %t : f32
    %r = arith.mulf %d, %invN : f32
    linalg.yield %r : f32
  } -> tensor<64x8xf32>
  %ewo = tensor.empty() : tensor<8x8xf32>
  %fwo = linalg.fill ins(%zero : f32) outs(%ewo : tensor<8x8xf32>) -> tensor<8x8xf32>
  %dwo = linalg.matmul indexing_maps = [#mAt, #mB, #mC]
      ins(%o2, %dy : tensor<64x8xf32>, tensor<64x8xf32>) outs(%fwo : tensor<8x8xf32>) -> tensor<8x8xf32>
  %edo = tensor.empty() : tensor<64x8xf32>
  %fdo = linalg.fill ins(%zero : f32) outs(%edo : tensor<64x8xf32>) -> tensor<64x8xf32>
  %do2 = linalg.matmul indexing_maps = [#mA, #mBt, #mC]
      ins(%dy, %wo : tensor<64x8xf32>, tensor<8x8xf32>) outs(%fdo : tensor<64x8xf32>) -> tensor<64x8xf32>
  %do = tensor.expand_shape %do2 [[0, 1], [2]] output_shape [4, 16, 8] : tensor<64x8xf32> into tensor<4x16x8xf32>

  // dP = dO V^T, dV = P^T dO
  %edp = tensor.empty() : tensor<4x16x16xf32>
  %fdp = linalg.fill ins(%zero : f32) outs(%edp : tensor<4x16x16xf32>) -> tensor<4x16x16xf32>
  %dp = linalg.batch_matmul indexing_maps = [#bA, #bBt, #bC]
      ins(%do, %v : tensor<4x16x8xf32>, tensor<4x16x8xf32>)
      outs(%fdp : tensor<4x16x16xf32>) -> tensor<4x16x16xf32>
  %edv = tensor.empty() : tensor<4x16x8xf32>
  %fdv = linalg.fill ins(%zero : f32) outs(%edv : tensor<4x16x8xf32>) -> tensor<4x16x8xf32>
  %dv = linalg.batch_matmul indexing_maps = [#bAt, #bB, #bC]
      ins(%p, %do : tensor<4x16x16xf32>, tensor<4x16x8xf32>)
      outs(%fdv : tensor<4x16x8xf32>) -> tensor<4x16x8xf32>

  // dS = c P (dP - rowsum(dP * P))
  %ers = tensor.empty() : tensor<4x16xf32>
  %frs = linalg.fill ins(%zero : f32) outs(%ers : tensor<4x16xf32>) -> tensor<4x16xf32>
  %rs = linalg.generic {indexing_maps = [#id3, #id3, #row3], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%dp, %p : tensor<4x16x16xf32>, tensor<4x16x16xf32>) outs(%frs : tensor<4x16xf32>) {
  ^bb0(%g: f32, %pp: f32, %acc: f32):
    %m = arith.mulf %g, %pp : f32
    %r = arith.addf %acc, %m : f32
    linalg.yield %r : f32
  } -> tensor<4x16xf32>
  %eds = tensor.empty() : tensor<4x16x16xf32>
  %ds = linalg.generic {indexing_maps = [#id3, #id3, #row3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%dp, %p, %rs : tensor<4x16x16xf32>, tensor<4x16x16xf32>, tensor<4x16xf32>)
      outs(%eds : tensor<4x16x16xf32>) {
  ^bb0(%g: f32, %pp: f32, %r: f32, %out: f32):
    %d = arith.subf %g, %r : f32
    %m = arith.mulf %pp, %d : f32
    %s2 = arith.mulf %m, %c : f32
    linalg.yield %s2 : f32
  } -> tensor<4x16x16xf32>

  // dQ = dS K, dK = dS^T Q
  %edq = tensor.empty() : tensor<4x16x8xf32>
  %fdq = linalg.fill ins(%zero : f32) outs(%edq : tensor<4x16x8xf32>) -> tensor<4x16x8xf32>
  %dq = linalg.batch_matmul ins(%ds, %k : tensor<4x16x16xf32>, tensor<4x16x8xf32>)
                            outs(%fdq : tensor<4x16x8xf32>) -> tensor<4x16x8xf32>
  %edk = tensor.empty() : tensor<4x16x8xf32>
  %fdk = linalg.fill ins(%zero : f32) outs(%edk : tensor<4x16x8xf32>) -> tensor<4x16x8xf32>
  %dk = linalg.batch_matmul indexing_maps = [#bAt, #bB, #bC]
      ins(%ds, %q : tensor<4x16x16xf32>, tensor<4x16x8xf32>)
      outs(%fdk : tensor<4x16x8xf32>) -> tensor<4x16x8xf32>

  // weight gradients
  %dq2 = tensor.collapse_shape %dq [[0, 1], [2]] : tensor<4x16x8xf32> into tensor<64x8xf32>
  %dk2 = tensor.collapse_shape %dk [[0, 1], [2]] : tensor<4x16x8xf32> into tensor<64x8xf32>
  %dv2 = tensor.collapse_shape %dv [[0, 1], [2]] : tensor<4x16x8xf32> into tensor<64x8xf32>
  %ewq = tensor.empty() : tensor<8x8xf32>
  %fwq = linalg.fill ins(%zero : f32) outs(%ewq : tensor<8x8xf32>) -> tensor<8x8xf32>
  %dwq = linalg.matmul indexing_maps = [#mAt, #mB, #mC]
      ins(%x, %dq2 : tensor<64x8xf32>, tensor<64x8xf32>) outs(%fwq : tensor<8x8xf32>) -> tensor<8x8xf32>
  %ewk = tensor.empty() : tensor<8x8xf32>
  %fwk = linalg.fill ins(%zero : f32) outs(%ewk : tensor<8x8xf32>) -> tensor<8x8xf32>
  %dwk = linalg.matmul indexing_maps = [#mAt, #mB, #mC]
      ins(%x, %dk2 : tensor<64x8xf32>, tensor<64x8xf32>) outs(%fwk : tensor<8x8xf32>) -> tensor<8x8xf32>
  %ewv = tensor.empty() : tensor<8x8xf32>
  %fwv = linalg.fill ins(%zero : f32) outs(%ewv : tensor<8x8xf32>) -> tensor<8x8xf32>
  %dwv = linalg.matmul indexing_maps = [#mAt, #mB, #mC]
      ins(%x, %dv2 : tensor<64x8xf32>, tensor<64x8xf32>) outs(%fwv : tensor<8x8xf32>) -> tensor<8x8xf32>

  return %loss, %dwq, %dwk, %dwv, %dwo
      : tensor<f32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>
}
