//===- Models.cpp - The zoo's network topologies --------------------------===//
//
// Part of the recompute project.
//
//===----------------------------------------------------------------------===//
//
// Each model follows its published topology, with the structural choices of
// the Chainer implementations that produced the paper's graphs where they
// differ (documented in docs/Zoo.md). `--width` scales channel counts,
// `--image` the input resolution.
//
//===----------------------------------------------------------------------===//

#include "Zoo.h"

#include "mlir/IR/Diagnostics.h"
#include <cmath>

using namespace mlir;
using namespace zoo;

namespace {

struct Ctx {
  Zoo &z;
  const ModelOptions &o;
  int64_t ch(int64_t c) const {
    int64_t v = static_cast<int64_t>(std::lround(c * o.width));
    return v < 1 ? 1 : v;
  }
};

int64_t pick(int64_t v, int64_t dflt) { return v > 0 ? v : dflt; }

FillSpec imageFill() { return FillSpec(); }
FillSpec labelFill(int64_t classes) {
  FillSpec f;
  f.modulus = classes;
  return f;
}

struct ImageArgs {
  Value x, labels;
  int64_t n, h, w, classes;
};

ImageArgs imageInputs(
    Ctx &c, int64_t dBatch, int64_t dImage, int64_t chans, int64_t dClasses,
    std::function<SmallVector<int64_t>(int64_t, int64_t, int64_t)> labelShape =
        nullptr) {
  ImageArgs a;
  a.n = pick(c.o.batch, dBatch);
  a.h = pick(c.o.imageH, dImage);
  a.w = pick(c.o.imageW, a.h);
  a.classes = pick(c.o.classes, dClasses);
  a.x = c.z.input("x", {a.n, a.h, a.w, chans}, imageFill());
  SmallVector<int64_t> ls =
      labelShape ? labelShape(a.n, a.h, a.w) : SmallVector<int64_t>{a.n};
  a.labels = c.z.input("labels", ls, labelFill(a.classes), c.z.b.getI32Type());
  return a;
}

Value convBnRelu(Ctx &c, const std::string &name, Value x, int64_t outC,
                 int64_t k, ConvOpts o, bool withRelu = true) {
  Value h = convLayer(c.z, name + "/conv", x, outC, k, o, /*bias=*/false);
  h = batchNorm(c.z, name + "/bn", h);
  return withRelu ? relu(c.z, h) : h;
}

//===----------------------------------------------------------------------===//
// MLP
//===----------------------------------------------------------------------===//

FailureOr<Value> buildMlp(Ctx &c) {
  ImageArgs a = imageInputs(c, 32, 28, 1, 10);
  int64_t hidden = c.ch(512);
  int64_t depth = pick(c.o.depth, 2);
  Value h = flatten(c.z, a.x);
  for (int64_t i = 0; i < depth; ++i)
    h = relu(c.z, linear(c.z, "fc" + std::to_string(i + 1), h, hidden));
  h = linear(c.z, "fc" + std::to_string(depth + 1), h, a.classes);
  return softmaxCrossEntropy(c.z, h, a.labels);
}

//===----------------------------------------------------------------------===//
// ResNet (Chainer/MSRA variant: stride on the first 1x1 of a bottleneck)
//===----------------------------------------------------------------------===//

Value bottleneck(Ctx &c, const std::string &name, Value x, int64_t mid,
                 int64_t out, int64_t stride, int64_t dilation,
                 bool strideOn3x3, bool projection) {
  ConvOpts o1, o2, o3;
  if (strideOn3x3)
    o2.stride = stride;
  else
    o1.stride = stride;
  o2.pad = dilation;
  o2.dilation = dilation;
  Value h = convBnRelu(c, name + "/conv1", x, mid, 1, o1);
  h = convBnRelu(c, name + "/conv2", h, mid, 3, o2);
  h = convBnRelu(c, name + "/conv3", h, out, 1, o3, /*withRelu=*/false);
  Value sc = x;
  if (projection) {
    ConvOpts os;
    os.stride = stride;
    sc = convBnRelu(c, name + "/shortcut", x, out, 1, os, false);
  }
  return relu(c.z, addLayer(c.z, h, sc));
}

Value basicBlock(Ctx &c, const std::string &name, Value x, int64_t out,
                 int64_t stride, bool projection) {
  ConvOpts o1, o2;
  o1.stride = stride;
  o1.pad = 1;
  o2.pad = 1;
  Value h = convBnRelu(c, name + "/conv1", x, out, 3, o1);
  h = convBnRelu(c, name + "/conv2", h, out, 3, o2, false);
  Value sc = x;
  if (projection) {
    ConvOpts os;
    os.stride = stride;
    sc = convBnRelu(c, name + "/shortcut", x, out, 1, os, false);
  }
  return relu(c.z, addLayer(c.z, h, sc));
}

FailureOr<Value> buildResNet(Ctx &c, ArrayRef<int64_t> blocks, bool basic) {
  ImageArgs a = imageInputs(c, 32, 224, 3, 1000);
  ConvOpts o;
  o.stride = 2;
  o.pad = 3;
  Value h = convLayer(c.z, "conv1", a.x, c.ch(64), 7, o, /*bias=*/true);
  h = relu(c.z, batchNorm(c.z, "bn1", h));
  h = maxPool(c.z, h, 3, 2, 0, /*ceilMode=*/true);
  int64_t inC = c.ch(64);
  for (unsigned s = 0; s < blocks.size(); ++s) {
    int64_t mid = c.ch(64 << s);
    int64_t out = basic ? mid : 4 * mid;
    for (int64_t i = 0; i < blocks[s]; ++i) {
      std::string name =
          "res" + std::to_string(s + 2) + "/" + std::to_string(i);
      int64_t stride = (i == 0 && s > 0) ? 2 : 1;
      bool proj = i == 0 && (stride != 1 || inC != out);
      h = basic ? basicBlock(c, name, h, out, stride, proj)
                : bottleneck(c, name, h, mid, out, stride, 1,
                             /*strideOn3x3=*/false, proj);
      inC = out;
    }
  }
  h = globalAvgPool(c.z, h);
  h = linear(c.z, "fc", h, a.classes);
  return softmaxCrossEntropy(c.z, h, a.labels);
}

//===----------------------------------------------------------------------===//
// VGG-19
//===----------------------------------------------------------------------===//

FailureOr<Value> buildVgg19(Ctx &c) {
  ImageArgs a = imageInputs(c, 32, 224, 3, 1000);
  const int64_t cfg[5][2] = {{64, 2}, {128, 2}, {256, 4}, {512, 4}, {512, 4}};
  Value h = a.x;
  ConvOpts o;
  o.pad = 1;
  for (int s = 0; s < 5; ++s) {
    for (int64_t i = 0; i < cfg[s][1]; ++i)
      h = relu(c.z, convLayer(c.z,
                              "conv" + std::to_string(s + 1) + "_" +
                                  std::to_string(i + 1),
                              h, c.ch(cfg[s][0]), 3, o, true));
    h = maxPool(c.z, h, 2, 2, 0, true);
  }
  h = flatten(c.z, h);
  h = relu(c.z, linear(c.z, "fc6", h, c.ch(4096)));
  h = relu(c.z, linear(c.z, "fc7", h, c.ch(4096)));
  h = linear(c.z, "fc8", h, a.classes);
  return softmaxCrossEntropy(c.z, h, a.labels);
}

//===----------------------------------------------------------------------===//
// U-Net (Ronneberger et al. 2015: valid convolutions, crop and concat)
//===----------------------------------------------------------------------===//

FailureOr<Value> buildUNet(Ctx &c) {
  // Output size of the original: 572 -> 388.
  auto outSize = [](int64_t s) {
    for (int i = 0; i < 4; ++i)
      s = (s - 4) / 2;
    s -= 4;
    for (int i = 0; i < 4; ++i)
      s = s * 2 - 4;
    return s;
  };
  int64_t img = pick(c.o.imageH, 572);
  // Valid sizes need (s-4) even at every level.
  int64_t t = img;
  for (int i = 0; i < 4; ++i) {
    if ((t - 4) % 2 != 0 || t <= 4)
      return failure();
    t = (t - 4) / 2;
  }
  if (t <= 4)
    return failure();
  int64_t os = outSize(img);
  ImageArgs a = imageInputs(c, 8, 572, 1, 2, [&](int64_t n, int64_t, int64_t) {
    return SmallVector<int64_t>{n, os, os};
  });
  ConvOpts o; // 3x3 valid
  auto block = [&](const std::string &name, Value x, int64_t f) {
    Value h = relu(c.z, convLayer(c.z, name + "a", x, f, 3, o, true));
    return relu(c.z, convLayer(c.z, name + "b", h, f, 3, o, true));
  };
  SmallVector<Value> skips;
  Value h = a.x;
  for (int l = 0; l < 4; ++l) {
    h = block("down" + std::to_string(l), h, c.ch(64 << l));
    skips.push_back(h);
    h = maxPool(c.z, h, 2, 2, 0, true);
  }
  h = block("down4", h, c.ch(1024));
  for (int l = 3; l >= 0; --l) {
    h = relu(c.z, upConv2x2(c.z, "up" + std::to_string(l) + "/upconv", h,
                            c.ch(64 << l)));
    SmallVector<int64_t> hs = Zoo::shapeOf(h);
    Value skip = crop(c.z, skips[l], hs[1], hs[2]);
    h = concat(c.z, {skip, h});
    h = block("up" + std::to_string(l), h, c.ch(64 << l));
  }
  h = convLayer(c.z, "score", h, a.classes, 1, ConvOpts(), true);
  return softmaxCrossEntropy(c.z, h, a.labels);
}

//===----------------------------------------------------------------------===//
// DenseNet (BN-ReLU-Conv bottleneck layers, concat after every layer)
//===----------------------------------------------------------------------===//

FailureOr<Value> buildDenseNet(Ctx &c, int64_t growth, int64_t init,
                               ArrayRef<int64_t> blocks) {
  ImageArgs a = imageInputs(c, 32, 224, 3, 1000);
  ConvOpts o;
  o.stride = 2;
  o.pad = 3;
  int64_t k = c.ch(growth);
  int64_t feat = c.ch(init);
  Value h = convLayer(c.z, "conv0", a.x, feat, 7, o, false);
  h = relu(c.z, batchNorm(c.z, "bn0", h));
  // 112 -> 56 as in the published DenseNet (floor, not Chainer's cover_all).
  h = maxPool(c.z, h, 3, 2, 1, /*ceilMode=*/false);
  for (unsigned b = 0; b < blocks.size(); ++b) {
    for (int64_t i = 0; i < blocks[b]; ++i) {
      std::string name =
          "block" + std::to_string(b + 1) + "/" + std::to_string(i);
      Value t = relu(c.z, batchNorm(c.z, name + "/bn1", h));
      t = convLayer(c.z, name + "/conv1", t, 4 * k, 1, ConvOpts(), false);
      t = relu(c.z, batchNorm(c.z, name + "/bn2", t));
      ConvOpts o3;
      o3.pad = 1;
      t = convLayer(c.z, name + "/conv2", t, k, 3, o3, false);
      h = concat(c.z, {h, t});
      feat += k;
    }
    if (b + 1 < blocks.size()) {
      std::string name = "trans" + std::to_string(b + 1);
      Value t = relu(c.z, batchNorm(c.z, name + "/bn", h));
      feat = feat / 2;
      t = convLayer(c.z, name + "/conv", t, feat, 1, ConvOpts(), false);
      h = avgPool(c.z, t, 2, 2, 0);
    }
  }
  h = relu(c.z, batchNorm(c.z, "bn5", h));
  h = globalAvgPool(c.z, h);
  h = linear(c.z, "fc", h, a.classes);
  return softmaxCrossEntropy(c.z, h, a.labels);
}

//===----------------------------------------------------------------------===//
// GoogLeNet (Inception v1, Chainer's Inception: ReLU after the concat)
//===----------------------------------------------------------------------===//

Value inception(Ctx &c, const std::string &name, Value x, int64_t o1,
                int64_t p3, int64_t o3, int64_t p5, int64_t o5, int64_t pp) {
  ConvOpts one, three, five;
  three.pad = 1;
  five.pad = 2;
  Value b1 = convLayer(c.z, name + "/conv1", x, c.ch(o1), 1, one, true);
  Value b3 =
      relu(c.z, convLayer(c.z, name + "/proj3", x, c.ch(p3), 1, one, true));
  b3 = convLayer(c.z, name + "/conv3", b3, c.ch(o3), 3, three, true);
  Value b5 =
      relu(c.z, convLayer(c.z, name + "/proj5", x, c.ch(p5), 1, one, true));
  b5 = convLayer(c.z, name + "/conv5", b5, c.ch(o5), 5, five, true);
  Value bp = maxPool(c.z, x, 3, 1, 1, true);
  bp = convLayer(c.z, name + "/projp", bp, c.ch(pp), 1, one, true);
  return relu(c.z, concat(c.z, {b1, b3, b5, bp}));
}

Value auxHead(Ctx &c, const std::string &name, Value x, Value labels,
              int64_t classes) {
  Value h = avgPool(c.z, x, 5, 3, 0);
  h = relu(c.z,
           convLayer(c.z, name + "/conv", h, c.ch(128), 1, ConvOpts(), true));
  h = flatten(c.z, h);
  h = relu(c.z, linear(c.z, name + "/fc1", h, c.ch(1024)));
  h = linear(c.z, name + "/fc2", h, classes);
  return softmaxCrossEntropy(c.z, h, labels);
}

FailureOr<Value> buildGoogLeNet(Ctx &c, double auxWeight) {
  ImageArgs a = imageInputs(c, 32, 224, 3, 1000);
  ConvOpts o;
  o.stride = 2;
  o.pad = 3;
  Value h = relu(c.z, convLayer(c.z, "conv1", a.x, c.ch(64), 7, o, true));
  h = maxPool(c.z, h, 3, 2, 0, true);
  h = lrn(c.z, h);
  h = relu(c.z,
           convLayer(c.z, "conv2_reduce", h, c.ch(64), 1, ConvOpts(), true));
  ConvOpts p1;
  p1.pad = 1;
  h = relu(c.z, convLayer(c.z, "conv2", h, c.ch(192), 3, p1, true));
  h = lrn(c.z, h);
  h = maxPool(c.z, h, 3, 2, 0, true);
  h = inception(c, "inc3a", h, 64, 96, 128, 16, 32, 32);
  h = inception(c, "inc3b", h, 128, 128, 192, 32, 96, 64);
  h = maxPool(c.z, h, 3, 2, 0, true);
  h = inception(c, "inc4a", h, 192, 96, 208, 16, 48, 64);
  Value l1 = auxHead(c, "loss1", h, a.labels, a.classes);
  h = inception(c, "inc4b", h, 160, 112, 224, 24, 64, 64);
  h = inception(c, "inc4c", h, 128, 128, 256, 24, 64, 64);
  h = inception(c, "inc4d", h, 112, 144, 288, 32, 64, 64);
  Value l2 = auxHead(c, "loss2", h, a.labels, a.classes);
  h = inception(c, "inc4e", h, 256, 160, 320, 32, 128, 128);
  h = maxPool(c.z, h, 3, 2, 0, true);
  h = inception(c, "inc5a", h, 256, 160, 320, 32, 128, 128);
  h = inception(c, "inc5b", h, 384, 192, 384, 48, 128, 128);
  h = globalAvgPool(c.z, h);
  h = linear(c.z, "loss3/fc", h, a.classes);
  Value l3 = softmaxCrossEntropy(c.z, h, a.labels);
  if (auxWeight != 1.0) {
    l1 = scaleLoss(c.z, l1, auxWeight);
    l2 = scaleLoss(c.z, l2, auxWeight);
  }
  return addLayer(c.z, addLayer(c.z, l1, l2), l3);
}

//===----------------------------------------------------------------------===//
// PSPNet (chainercv: deep stem, dilated ResNet-101, pyramid pooling)
//===----------------------------------------------------------------------===//

FailureOr<Value> buildPSPNet(Ctx &c, double auxWeight) {
  ImageArgs a =
      imageInputs(c, 1, 713, 3, 17, [](int64_t n, int64_t h, int64_t w) {
        return SmallVector<int64_t>{n, h, w};
      });
  ConvOpts s2, p1;
  s2.stride = 2;
  s2.pad = 1;
  p1.pad = 1;
  Value h = convBnRelu(c, "conv1_1", a.x, c.ch(64), 3, s2);
  h = convBnRelu(c, "conv1_2", h, c.ch(64), 3, p1);
  h = convBnRelu(c, "conv1_3", h, c.ch(128), 3, p1);
  h = maxPool(c.z, h, 3, 2, 1, true);
  const int64_t blocks[4] = {3, 4, 23, 3};
  const int64_t strides[4] = {1, 2, 1, 1};
  const int64_t dilations[4] = {1, 1, 2, 4};
  int64_t inC = c.ch(128);
  Value aux;
  for (int s = 0; s < 4; ++s) {
    int64_t mid = c.ch(64 << s), out = 4 * mid;
    for (int64_t i = 0; i < blocks[s]; ++i) {
      int64_t stride = i == 0 ? strides[s] : 1;
      bool proj = i == 0;
      h = bottleneck(c, "res" + std::to_string(s + 2) + "/" + std::to_string(i),
                     h, mid, out, stride, dilations[s], /*strideOn3x3=*/true,
                     proj && (stride != 1 || inC != out));
      inC = out;
    }
    if (s == 2)
      aux = h;
  }
  SmallVector<int64_t> fs = Zoo::shapeOf(h);
  int64_t fh = fs[1], fw = fs[2];
  SmallVector<Value> parts = {h};
  const int64_t bins[4] = {1, 2, 3, 6};
  for (int i = 0; i < 4; ++i) {
    int64_t k = (fh - 1) / bins[i];
    if (k < 1 || (fh - k) / k + 1 != bins[i] || fh != fw)
      return failure();
    Value p = avgPool(c.z, h, k, k, 0);
    p = convBnRelu(c, "ppm/" + std::to_string(i), p, c.ch(512), 1, ConvOpts());
    parts.push_back(resizeBilinear(c.z, p, fh, fw));
  }
  h = concat(c.z, parts);
  h = convBnRelu(c, "head_conv1", h, c.ch(512), 3, p1);
  h = convLayer(c.z, "head_conv2", h, a.classes, 1, ConvOpts(), true);
  h = resizeBilinear(c.z, h, a.h, a.w);
  Value mainLoss = softmaxCrossEntropy(c.z, h, a.labels);
  Value ax = convBnRelu(c, "aux_conv1", aux, c.ch(512), 3, p1);
  ax = convLayer(c.z, "aux_conv2", ax, a.classes, 3, p1, true);
  ax = resizeBilinear(c.z, ax, a.h, a.w);
  Value auxLoss =
      scaleLoss(c.z, softmaxCrossEntropy(c.z, ax, a.labels), auxWeight);
  return addLayer(c.z, mainLoss, auxLoss);
}

//===----------------------------------------------------------------------===//
// GPT (decoder-only transformer, pre-LN, tied embeddings)
//===----------------------------------------------------------------------===//

FailureOr<Value> buildGpt(Ctx &c) {
  int64_t b = pick(c.o.batch, 8);
  int64_t t = pick(c.o.seq, 1024);
  int64_t vocab = pick(c.o.classes, 50257);
  int64_t dm = c.ch(768);
  int64_t heads = pick(c.o.heads, 12);
  int64_t depth = pick(c.o.depth, 12);
  if (dm % heads != 0)
    return failure();
  int64_t dh = dm / heads;
  int64_t rows = b * t;
  Value tokens =
      c.z.input("tokens", {rows}, labelFill(vocab), c.z.b.getI32Type());
  Value labels =
      c.z.input("labels", {rows}, labelFill(vocab), c.z.b.getI32Type());
  FillSpec embFill;
  embFill.scale = 0.5;
  Value wte = c.z.param("wte", {vocab, dm}, embFill);
  Value wpe = c.z.param("wpe", {t, dm}, embFill);
  Value h = matmulLayer(c.z, oneHot(c.z, tokens, vocab), false, wte, false);
  // Add positions: [B, T, D] + [T, D].
  {
    Value h3 = reshapeLayer(c.z, h, {b, t, dm});
    h = reshapeLayer(c.z, addBroadcast(c.z, h3, wpe), {rows, dm});
  }
  auto splitHeads = [&](Value x) {
    Value x4 = reshapeLayer(c.z, x, {b, t, heads, dh});
    Value xt = transposeLayer(c.z, x4, {0, 2, 1, 3});
    return reshapeLayer(c.z, xt, {b * heads, t, dh});
  };
  for (int64_t l = 0; l < depth; ++l) {
    std::string name = "h" + std::to_string(l);
    Value n1 = layerNorm(c.z, name + "/ln1", h);
    Value q = splitHeads(linear(c.z, name + "/q", n1, dm));
    Value k = splitHeads(linear(c.z, name + "/k", n1, dm));
    Value v = splitHeads(linear(c.z, name + "/v", n1, dm));
    Value s = matmulLayer(c.z, q, false, k, true);
    Value p = causalSoftmax(c.z, s, 1.0 / std::sqrt(static_cast<double>(dh)));
    Value ctx = matmulLayer(c.z, p, false, v, false);
    ctx = reshapeLayer(c.z, ctx, {b, heads, t, dh});
    ctx = transposeLayer(c.z, ctx, {0, 2, 1, 3});
    ctx = reshapeLayer(c.z, ctx, {rows, dm});
    h = addLayer(c.z, h, linear(c.z, name + "/proj", ctx, dm));
    Value n2 = layerNorm(c.z, name + "/ln2", h);
    Value f = gelu(c.z, linear(c.z, name + "/fc", n2, 4 * dm));
    h = addLayer(c.z, h, linear(c.z, name + "/fc_proj", f, dm));
  }
  h = layerNorm(c.z, "ln_f", h);
  Value logits = matmulLayer(c.z, h, false, wte, true);
  return softmaxCrossEntropy(c.z, logits, labels);
}

//===----------------------------------------------------------------------===//
// Single-layer test models: x -> conv 1x1 -> LAYER -> flatten -> linear -> loss
//===----------------------------------------------------------------------===//

FailureOr<Value> buildLayerTest(Ctx &c, StringRef kind) {
  ImageArgs a = imageInputs(c, 2, 6, 3, 3);
  Value h = convLayer(c.z, "pre", a.x, 4, 1, ConvOpts(), true);
  ConvOpts o;
  if (kind == "layer-conv") {
    o.stride = 2;
    o.pad = 1;
    h = convLayer(c.z, "c1", h, 5, 3, o, true);
    ConvOpts o2;
    o2.pad = 2;
    o2.dilation = 2;
    h = convLayer(c.z, "c2", h, 3, 3, o2, false);
    ConvOpts o3;
    o3.stride = 2;
    h = convLayer(c.z, "c3", h, 4, 1, o3, false);
  } else if (kind == "layer-bn") {
    h = batchNorm(c.z, "bn", h);
  } else if (kind == "layer-relu") {
    h = relu(c.z, h);
  } else if (kind == "layer-maxpool") {
    h = maxPool(c.z, h, 3, 2, 1, true);
    h = maxPool(c.z, h, 2, 2, 0, true);
  } else if (kind == "layer-avgpool") {
    h = avgPool(c.z, h, 3, 2, 1);
    h = avgPool(c.z, h, 2, 1, 0);
  } else if (kind == "layer-gap") {
    h = globalAvgPool(c.z, h);
  } else if (kind == "layer-concat-add") {
    Value b1 = convLayer(c.z, "b1", h, 2, 1, o, false);
    Value b2 = convLayer(c.z, "b2", h, 2, 1, o, false);
    h = addLayer(c.z, concat(c.z, {b1, h, b2}),
                 convLayer(c.z, "b3", h, 8, 1, o, false));
  } else if (kind == "layer-upconv") {
    h = upConv2x2(c.z, "up", h, 3);
    h = crop(c.z, h, 8, 8);
  } else if (kind == "layer-resize") {
    h = resizeBilinear(c.z, h, 9, 11);
  } else if (kind == "layer-lrn") {
    h = lrn(c.z, convLayer(c.z, "wide", h, 7, 1, o, false));
  } else {
    return failure();
  }
  if (Zoo::shapeOf(h).size() == 4)
    h = flatten(c.z, h);
  h = linear(c.z, "fc", h, a.classes);
  return softmaxCrossEntropy(c.z, h, a.labels);
}

} // namespace

ArrayRef<StringRef> zoo::modelNames() {
  static const StringRef names[] = {
      "mlp",           "resnet18",     "resnet50",
      "resnet152",     "vgg19",        "unet",
      "densenet121",   "densenet161",  "googlenet",
      "pspnet",        "gpt",          "layer-conv",
      "layer-bn",      "layer-relu",   "layer-maxpool",
      "layer-avgpool", "layer-gap",    "layer-concat-add",
      "layer-upconv",  "layer-resize", "layer-lrn"};
  return names;
}

FailureOr<Value> zoo::buildModel(Zoo &z, const ModelOptions &o) {
  Ctx c{z, o};
  StringRef m = o.model;
  if (m == "mlp")
    return buildMlp(c);
  if (m == "resnet18")
    return buildResNet(c, {2, 2, 2, 2}, true);
  if (m == "resnet50")
    return buildResNet(c, {3, 4, 6, 3}, false);
  if (m == "resnet152")
    return buildResNet(c, {3, 8, 36, 3}, false);
  if (m == "vgg19")
    return buildVgg19(c);
  if (m == "unet")
    return buildUNet(c);
  if (m == "densenet121")
    return buildDenseNet(c, 32, 64, {6, 12, 24, 16});
  if (m == "densenet161")
    return buildDenseNet(c, 48, 96, {6, 12, 36, 24});
  if (m == "googlenet")
    return buildGoogLeNet(c, o.auxWeight >= 0 ? o.auxWeight : 1.0);
  if (m == "pspnet")
    return buildPSPNet(c, o.auxWeight >= 0 ? o.auxWeight : 0.4);
  if (m == "gpt")
    return buildGpt(c);
  if (m.starts_with("layer-"))
    return buildLayerTest(c, m);
  return failure();
}
