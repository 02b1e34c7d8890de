// A training step of a small residual conv net, written by hand in linalg on
// tensors: forward ops first, then the backward ops. NHWC activations, HWCF
// filters, 3x3 convolutions with stride 1 and zero padding 1 (padding by
// inserting into a zero tensor). Returns (loss, dW0, dW1, dW2, dWf).
//
//   a0 = conv(pad(x), W0),  h0 = relu(a0)                   stem
//   a1 = conv(pad(h0), W1), h1 = relu(a1)                   residual block
//   a2 = conv(pad(h1), W2), s = a2 + h0, h2 = relu(s)
//   g  = mean_{h,w} h2,  o = g Wf                           head
//   loss = 1/(2N) sum (o - y)^2
//
// Backward: for a stride-1, pad-1, 3x3 convolution a = conv(pad(h), W),
//   dh = conv(pad(da), flip(W)),  flip(W)[i, j, f, c] = W[2 - i, 2 - j, c, f]
//   dW[i, j, c, f] = sum_{n, y, x} pad(h)[n, y + i, x + j, c] da[n, y, x, f]
// (the latter as one 7-D linalg.generic).
//
// Shapes: N = 8, 8x8 images, 4 input channels, 8 channels, 6 outputs.

#id4 = affine_map<(n, h, w, c) -> (n, h, w, c)>
#nc = affine_map<(n, h, w, c) -> (n, c)>
#id2 = affine_map<(i, j) -> (i, j)>
#mA  = affine_map<(m, n, k) -> (m, k)>
#mB  = affine_map<(m, n, k) -> (k, n)>
#mC  = affine_map<(m, n, k) -> (m, n)>
#mAt = affine_map<(m, n, k) -> (k, m)>
#mBt = affine_map<(m, n, k) -> (n, k)>
// Weight gradient: iteration space (i, j, c, f, n, y, x).
#dwIn = affine_map<(i, j, c, f, n, y, x) -> (n, y + i, x + j, c)>
#dwDa = affine_map<(i, j, c, f, n, y, x) -> (n, y, x, f)>
#dwOut = affine_map<(i, j, c, f, n, y, x) -> (i, j, c, f)>
// Filter flip with channel swap: out[i, j, f, c] = W[2 - i, 2 - j, c, f].
#flipIn = affine_map<(i, j, f, c) -> (2 - i, 2 - j, c, f)>
#flipOut = affine_map<(i, j, f, c) -> (i, j, f, c)>
#all2 = affine_map<(i, j) -> ()>

func.func @train_step(%x: tensor<8x8x8x4xf32>, %y: tensor<8x6xf32>,
                      %w0: tensor<3x3x4x8xf32>, %w1: tensor<3x3x8x8xf32>,
                      %w2: tensor<3x3x8x8xf32>, %wf: tensor<8x6xf32>)
    -> (tensor<f32>, tensor<3x3x4x8xf32>, tensor<3x3x8x8xf32>,
        tensor<3x3x8x8xf32>, tensor<8x6xf32>) {
  %zero = arith.constant 0.0 : f32
  %inv64 = arith.constant 0.015625 : f32
  %invN = arith.constant 0.125 : f32
  %halfInvN = arith.constant 0.0625 : f32

  // ---- forward ----
  // stem
  %ex = tensor.empty() : tensor<8x10x10x4xf32>
  %zx = linalg.fill ins(%zero : f32) outs(%ex : tensor<8x10x10x4xf32>) -> tensor<8x10x10x4xf32>
  %xp = tensor.insert_slice %x into %zx[0, 1, 1, 0] [8, 8, 8, 4] [1, 1, 1, 1]
      : tensor<8x8x8x4xf32> into tensor<8x10x10x4xf32>
  %ea0 = tensor.empty() : tensor<8x8x8x8xf32>
  %fa0 = linalg.fill ins(%zero : f32) outs(%ea0 : tensor<8x8x8x8xf32>) -> tensor<8x8x8x8xf32>
  %a0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%xp, %w0 : tensor<8x10x10x4xf32>, tensor<3x3x4x8xf32>)
      outs(%fa0 : tensor<8x8x8x8xf32>) -> tensor<8x8x8x8xf32>
  %eh0 = tensor.empty() : tensor<8x8x8x8xf32>
  %h0 = linalg.generic {indexing_maps = [#id4, #id4],
                        iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%a0 : tensor<8x8x8x8xf32>) outs(%eh0 : tensor<8x8x8x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.maximumf %a, %zero : f32
    linalg.yield %m : f32
  } -> tensor<8x8x8x8xf32>

  // residual block, first conv
  %ep1 = tensor.empty() : tensor<8x10x10x8xf32>
  %zp1 = linalg.fill ins(%zero : f32) outs(%ep1 : tensor<8x10x10x8xf32>) -> tensor<8x10x10x8xf32>
  %p1 = tensor.insert_slice %h0 into %zp1[0, 1, 1, 0] [8, 8, 8, 8] [1, 1, 1, 1]
      : tensor<8x8x8x8xf32> into tensor<8x10x10x8xf32>
  %ea1 = tensor.empty() : tensor<8x8x8x8xf32>
  %fa1 = linalg.fill ins(%zero : f32) outs(%ea1 : tensor<8x8x8x8xf32>) -> tensor<8x8x8x8xf32>
  %a1 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%p1, %w1 : tensor<8x10x10x8xf32>, tensor<3x3x8x8xf32>)
      outs(%fa1 : tensor<8x8x8x8xf32>) -> tensor<8x8x8x8xf32>
  %eh1 = tensor.empty() : tensor<8x8x8x8xf32>
  %h1 = linalg.generic {indexing_maps = [#id4, #id4],
                        iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%a1 : tensor<8x8x8x8xf32>) outs(%eh1 : tensor<8x8x8x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.maximumf %a, %zero : f32
    linalg.yield %m : f32
  } -> tensor<8x8x8x8xf32>

  // residual block, second conv and the skip connection
  %ep2 = tensor.empty() : tensor<8x10x10x8xf32>
  %zp2 = linalg.fill ins(%zero : f32) outs(%ep2 : tensor<8x10x10x8xf32>) -> tensor<8x10x10x8xf32>
  %p2 = tensor.insert_slice %h1 into %zp2[0, 1, 1, 0] [8, 8, 8, 8] [1, 1, 1, 1]
      : tensor<8x8x8x8xf32> into tensor<8x10x10x8xf32>
  %ea2 = tensor.empty() : tensor<8x8x8x8xf32>
  %fa2 = linalg.fill ins(%zero : f32) outs(%ea2 : tensor<8x8x8x8xf32>) -> tensor<8x8x8x8xf32>
  %a2 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%p2, %w2 : tensor<8x10x10x8xf32>, tensor<3x3x8x8xf32>)
      outs(%fa2 : tensor<8x8x8x8xf32>) -> tensor<8x8x8x8xf32>
  %es = tensor.empty() : tensor<8x8x8x8xf32>
  %s = linalg.generic {indexing_maps = [#id4, #id4, #id4],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%a2, %h0 : tensor<8x8x8x8xf32>, tensor<8x8x8x8xf32>) outs(%es : tensor<8x8x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %r = arith.addf %a, %b : f32
    linalg.yield %r : f32
  } -> tensor<8x8x8x8xf32>
  %eh2 = tensor.empty() : tensor<8x8x8x8xf32>
  %h2 = linalg.generic {indexing_maps = [#id4, #id4],
                        iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%s : tensor<8x8x8x8xf32>) outs(%eh2 : tensor<8x8x8x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.maximumf %a, %zero : f32
    linalg.yield %m : f32
  } -> tensor<8x8x8x8xf32>

  // head: global average pooling, linear, squared error
  %eg = tensor.empty() : tensor<8x8xf32>
  %fg = linalg.fill ins(%zero : f32) outs(%eg : tensor<8x8xf32>) -> tensor<8x8xf32>
  %g = linalg.generic {indexing_maps = [#id4, #nc],
                       iterator_types = ["parallel", "reduction", "reduction", "parallel"]}
      ins(%h2 : tensor<8x8x8x8xf32>) outs(%fg : tensor<8x8xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %v = arith.mulf %a, %inv64 : f32
    %r = arith.addf %acc, %v : f32
    linalg.yield %r : f32
  } -> tensor<8x8xf32>
  %eo = tensor.empty() : tensor<8x6xf32>
  %fo = linalg.fill ins(%zero : f32) outs(%eo : tensor<8x6xf32>) -> tensor<8x6xf32>
  %o = linalg.matmul ins(%g, %wf : tensor<8x8xf32>, tensor<8x6xf32>)
                     outs(%fo : tensor<8x6xf32>) -> tensor<8x6xf32>
  %el = tensor.empty() : tensor<f32>
  %fl = linalg.fill ins(%zero : f32) outs(%el : tensor<f32>) -> tensor<f32>
  %sq = linalg.generic {indexing_maps = [#id2, #id2, #all2],
                        iterator_types = ["reduction", "reduction"]}
      ins(%o, %y : tensor<8x6xf32>, tensor<8x6xf32>) outs(%fl : tensor<f32>) {
  ^bb0(%a: f32, %t: f32, %acc: f32):
    %d = arith.subf %a, %t : f32
    %d2 = arith.mulf %d, %d : f32
    %r = arith.addf %acc, %d2 : f32
    linalg.yield %r : f32
  } -> tensor<f32>
  %eloss = tensor.empty() : tensor<f32>
  %loss = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>],
                          iterator_types = []}
      ins(%sq : tensor<f32>) outs(%eloss : tensor<f32>) {
  ^bb0(%a: f32, %out: f32):
    %m = arith.mulf %a, %halfInvN : f32
    linalg.yield %m : f32
  } -> tensor<f32>

  // ---- backward ----
  // do = (o - y) / N
  %edo = tensor.empty() : tensor<8x6xf32>
  %do = linalg.generic {indexing_maps = [#id2, #id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%o, %y : tensor<8x6xf32>, tensor<8x6xf32>) outs(%edo : tensor<8x6xf32>) {
  ^bb0(%a: f32, %t: f32, %out: f32):
    %d = arith.subf %a, %t : f32
    %r = arith.mulf %d, %invN : f32
    linalg.yield %r : f32
  } -> tensor<8x6xf32>
  // dWf = g^T do, dg = do Wf^T
  %ewf = tensor.empty() : tensor<8x6xf32>
  %fwf = linalg.fill ins(%zero : f32) outs(%ewf : tensor<8x6xf32>) -> tensor<8x6xf32>
  %dwf = linalg.matmul indexing_maps = [#mAt, #mB, #mC]
      ins(%g, %do : tensor<8x8xf32>, tensor<8x6xf32>)
      outs(%fwf : tensor<8x6xf32>) -> tensor<8x6xf32>
  %edg = tensor.empty() : tensor<8x8xf32>
  %fdg = linalg.fill ins(%zero : f32) outs(%edg : tensor<8x8xf32>) -> tensor<8x8xf32>
  %dg = linalg.matmul indexing_maps = [#mA, #mBt, #mC]
      ins(%do, %wf : tensor<8x6xf32>, tensor<8x6xf32>)
      outs(%fdg : tensor<8x8xf32>) -> tensor<8x8xf32>
  // ds = dg / 64 (pooling) * [s > 0] (ReLU)
  %eds = tensor.empty() : tensor<8x8x8x8xf32>
  %ds = linalg.generic {indexing_maps = [#nc, #id4, #id4],
                        iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%dg, %s : tensor<8x8xf32>, tensor<8x8x8x8xf32>) outs(%eds : tensor<8x8x8x8xf32>) {
  ^bb0(%d: f32, %v: f32, %out: f32):
    %dd = arith.mulf %d, %inv64 : f32
    %c = arith.cmpf ogt, %v, %zero : f32
    %r = arith.select %c, %dd, %zero : f32
    linalg.yield %r : f32
  } -> tensor<8x8x8x8xf32>

  // second conv: dW2 and dh1
  %ew2 = tensor.empty() : tensor<3x3x8x8xf32>
  %fw2 = linalg.fill ins(%zero : f32) outs(%ew2 : tensor<3x3x8x8xf32>) -> tensor<3x3x8x8xf32>
  %dw2 = linalg.generic {indexing_maps = [#dwIn, #dwDa, #dwOut],
                         iterator_types = ["parallel", "parallel", "parallel", "parallel",
                                           "reduction", "reduction", "reduction"]}
      ins(%p2, %ds : tensor<8x10x10x8xf32>, tensor<8x8x8x8xf32>) outs(%fw2 : tensor<3x3x8x8xf32>) {
  ^bb0(%a: f32, %d: f32, %acc: f32):
    %m = arith.mulf %a, %d : f32
    %r = arith.addf %acc, %m : f32
    linalg.yield %r : f32
  } -> tensor<3x3x8x8xf32>
  %ef2 = tensor.empty() : tensor<3x3x8x8xf32>
  %w2f = linalg.generic {indexing_maps = [#flipIn, #flipOut],
                         iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%w2 : tensor<3x3x8x8xf32>) outs(%ef2 : tensor<3x3x8x8xf32>) {
  ^bb0(%a: f32, %out: f32):
    linalg.yield %a : f32
  } -> tensor<3x3x8x8xf32>
  %eds_p = tensor.empty() : tensor<8x10x10x8xf32>
  %zds_p = linalg.fill ins(%zero : f32) outs(%eds_p : tensor<8x10x10x8xf32>) -> tensor<8x10x10x8xf32>
  %dsp = tensor.insert_slice %ds into %zds_p[0, 1, 1, 0] [8, 8, 8, 8] [1, 1, 1, 1]
      : tensor<8x8x8x8xf32> into tensor<8x10x10x8xf32>
  %edh1 = tensor.empty() : tensor<8x8x8x8xf32>
  %fdh1 = linalg.fill ins(%zero : f32) outs(%edh1 : tensor<8x8x8x8xf32>) -> tensor<8x8x8x8xf32>
  %dh1 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%dsp, %w2f : tensor<8x10x10x8xf32>, tensor<3x3x8x8xf32>)
      outs(%fdh1 : tensor<8x8x8x8xf32>) -> tensor<8x8x8x8xf32>
  %eda1 = tensor.empty() : tensor<8x8x8x8xf32>
  %da1 = linalg.generic {indexing_maps = [#id4, #id4, #id4],
                         iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%dh1, %a1 : tensor<8x8x8x8xf32>, tensor<8x8x8x8xf32>) outs(%eda1 : tensor<8x8x8x8xf32>) {
  ^bb0(%d: f32, %v: f32, %out: f32):
    %c = arith.cmpf ogt, %v, %zero : f32
    %r = arith.select %c, %d, %zero : f32
    linalg.yield %r : f32
  } -> tensor<8x8x8x8xf32>

  // first conv: dW1 and the conv part of dh0
  %ew1 = tensor.empty() : tensor<3x3x8x8xf32>
  %fw1 = linalg.fill ins(%zero : f32) outs(%ew1 : tensor<3x3x8x8xf32>) -> tensor<3x3x8x8xf32>
  %dw1 = linalg.generic {indexing_maps = [#dwIn, #dwDa, #dwOut],
                         iterator_types = ["parallel", "parallel", "parallel", "parallel",
                                           "reduction", "reduction", "reduction"]}
      ins(%p1, %da1 : tensor<8x10x10x8xf32>, tensor<8x8x8x8xf32>) outs(%fw1 : tensor<3x3x8x8xf32>) {
  ^bb0(%a: f32, %d: f32, %acc: f32):
    %m = arith.mulf %a, %d : f32
    %r = arith.addf %acc, %m : f32
    linalg.yield %r : f32
  } -> tensor<3x3x8x8xf32>
  %ef1 = tensor.empty() : tensor<3x3x8x8xf32>
  %w1f = linalg.generic {indexing_maps = [#flipIn, #flipOut],
                         iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%w1 : tensor<3x3x8x8xf32>) outs(%ef1 : tensor<3x3x8x8xf32>) {
  ^bb0(%a: f32, %out: f32):
    linalg.yield %a : f32
  } -> tensor<3x3x8x8xf32>
  %eda1_p = tensor.empty() : tensor<8x10x10x8xf32>
  %zda1_p = linalg.fill ins(%zero : f32) outs(%eda1_p : tensor<8x10x10x8xf32>) -> tensor<8x10x10x8xf32>
  %da1p = tensor.insert_slice %da1 into %zda1_p[0, 1, 1, 0] [8, 8, 8, 8] [1, 1, 1, 1]
      : tensor<8x8x8x8xf32> into tensor<8x10x10x8xf32>
  %edh0 = tensor.empty() : tensor<8x8x8x8xf32>
  %fdh0 = linalg.fill ins(%zero : f32) outs(%edh0 : tensor<8x8x8x8xf32>) -> tensor<8x8x8x8xf32>
  %dh0c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%da1p, %w1f : tensor<8x10x10x8xf32>, tensor<3x3x8x8xf32>)
      outs(%fdh0 : tensor<8x8x8x8xf32>) -> tensor<8x8x8x8xf32>

  // stem: da0 = (dh0c + ds) * [a0 > 0], dW0
  %eda0 = tensor.empty() : tensor<8x8x8x8xf32>
  %da0 = linalg.generic {indexing_maps = [#id4, #id4, #id4, #id4],
                         iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%dh0c, %ds, %a0 : tensor<8x8x8x8xf32>, tensor<8x8x8x8xf32>, tensor<8x8x8x8xf32>)
      outs(%eda0 : tensor<8x8x8x8xf32>) {
  ^bb0(%d: f32, %skip: f32, %v: f32, %out: f32):
    %sum = arith.addf %d, %skip : f32
    %c = arith.cmpf ogt, %v, %zero : f32
    %r = arith.select %c, %sum, %zero : f32
    linalg.yield %r : f32
  } -> tensor<8x8x8x8xf32>
  %ew0 = tensor.empty() : tensor<3x3x4x8xf32>
  %fw0 = linalg.fill ins(%zero : f32) outs(%ew0 : tensor<3x3x4x8xf32>) -> tensor<3x3x4x8xf32>
  %dw0 = linalg.generic {indexing_maps = [#dwIn, #dwDa, #dwOut],
                         iterator_types = ["parallel", "parallel", "parallel", "parallel",
                                           "reduction", "reduction", "reduction"]}
      ins(%xp, %da0 : tensor<8x10x10x4xf32>, tensor<8x8x8x8xf32>) outs(%fw0 : tensor<3x3x4x8xf32>) {
  ^bb0(%a: f32, %d: f32, %acc: f32):
    %m = arith.mulf %a, %d : f32
    %r = arith.addf %acc, %m : f32
    linalg.yield %r : f32
  } -> tensor<3x3x4x8xf32>

  return %loss, %dw0, %dw1, %dw2, %dwf
      : tensor<f32>, tensor<3x3x4x8xf32>, tensor<3x3x8x8xf32>, tensor<3x3x8x8xf32>, tensor<8x6xf32>
}
