//===- Layers.cpp - Forward and backward emitters of each layer -----------===//
//
// Part of the recompute project.
//
//===----------------------------------------------------------------------===//
//
// Every layer emits its forward ops now and registers its backward emitter on
// the tape. The formulas are written out in docs/Zoo.md. All tensors are
// NHWC; convolution filters are HWCF.
//
//===----------------------------------------------------------------------===//

#include "Zoo.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include <cmath>
#include <limits>

using namespace mlir;
using namespace zoo;

namespace {
constexpr double kNegInf = -std::numeric_limits<double>::infinity();

Value yield(OpBuilder &ob, Location l, Value v) {
  linalg::YieldOp::create(ob, l, v);
  return v;
}
Value addf(OpBuilder &ob, Location l, Value a, Value c) {
  return arith::AddFOp::create(ob, l, a, c);
}
Value subf(OpBuilder &ob, Location l, Value a, Value c) {
  return arith::SubFOp::create(ob, l, a, c);
}
Value mulf(OpBuilder &ob, Location l, Value a, Value c) {
  return arith::MulFOp::create(ob, l, a, c);
}
Value divf(OpBuilder &ob, Location l, Value a, Value c) {
  return arith::DivFOp::create(ob, l, a, c);
}
Value idx(OpBuilder &ob, Location l, int64_t dim) {
  return linalg::IndexOp::create(ob, l, dim);
}
Value ci(OpBuilder &ob, Location l, int64_t v) {
  return arith::ConstantIndexOp::create(ob, l, v);
}
} // namespace

//===----------------------------------------------------------------------===//
// Convolution
//===----------------------------------------------------------------------===//

Value zoo::conv2d(Zoo &z, Value x, Value w, Value bias, ConvOpts o) {
  SmallVector<int64_t> xs = Zoo::shapeOf(x), ws = Zoo::shapeOf(w);
  int64_t n = xs[0], h = xs[1], wd = xs[2], c = xs[3];
  int64_t kh = ws[0], kw = ws[1], f = ws[3];
  int64_t s = o.stride, p = o.pad, dl = o.dilation;
  int64_t hp = h + 2 * p, wp = wd + 2 * p;
  int64_t oh = (hp - dl * (kh - 1) - 1) / s + 1;
  int64_t ow = (wp - dl * (kw - 1) - 1) / s + 1;
  Value xp = z.pad(x, {0, p, p, 0}, {0, p, p, 0}, 0.0);
  Value init;
  if (bias)
    init =
        linalg::BroadcastOp::create(z.b, z.loc, bias, z.empty({n, oh, ow, f}),
                                    ArrayRef<int64_t>{0, 1, 2})
            .getResult()[0];
  else
    init = z.zeros({n, oh, ow, f});
  Value y = z.conv(xp, w, init, s, dl);
  z.act(y);
  z.onBackward([=, &z]() {
    Value dy = z.grad(y);
    if (!dy)
      return;
    if (z.needsGrad(x)) {
      // dX: zero-insert dY (stride), pad by dl*(k-1), correlate with the
      // spatially flipped, C<->F swapped filter, then drop the padding.
      int64_t eh = dl * (kh - 1), ew = dl * (kw - 1);
      Value spread = dy;
      if (s != 1 || eh != 0 || ew != 0 || hp != oh || wp != ow)
        spread = z.insertSlice(dy, z.zeros({n, hp + eh, wp + ew, f}),
                               {0, eh, ew, 0}, {1, s, s, 1});
      AffineMap flip = z.map(4, {z.b.getAffineConstantExpr(kh - 1) - z.d(0),
                                 z.b.getAffineConstantExpr(kw - 1) - z.d(1),
                                 z.d(3), z.d(2)});
      Value wf = z.generic(
          z.empty({kh, kw, f, c}), {w}, {flip, z.idMap(4)}, "pppp",
          [&](OpBuilder &ob, Location l, ValueRange a) { yield(ob, l, a[0]); });
      Value dxp = z.conv(spread, wf, z.zeros({n, hp, wp, c}), 1, dl);
      Value dx = p ? z.extractSlice(dxp, {0, p, p, 0}, {n, h, wd, c}) : dxp;
      z.accumulate(x, dx);
    }
    // dW: correlate the (re-padded) input with dY, batch as the reduction.
    Value xpb = z.pad(x, {0, p, p, 0}, {0, p, p, 0}, 0.0);
    Value xt = z.transpose(xpb, {3, 1, 2, 0});
    Value dyt = z.transpose(dy, {1, 2, 0, 3});
    Value r = z.conv(xt, dyt, z.zeros({c, kh, kw, f}), dl, s);
    z.accumulate(w, z.transpose(r, {1, 2, 0, 3}));
    if (bias)
      z.accumulate(bias, z.reduceSum(dy, {0, 1, 2}));
  });
  return y;
}

Value zoo::convLayer(Zoo &z, StringRef name, Value x, int64_t outC, int64_t k,
                     ConvOpts o, bool bias) {
  int64_t c = Zoo::shapeOf(x)[3];
  Value w =
      z.param((name + "/W").str(), {k, k, c, outC}, Zoo::heInit(k * k * c));
  Value bv;
  if (bias) {
    FillSpec bf;
    bf.scale = 0.1;
    bv = z.param((name + "/b").str(), {outC}, bf);
  }
  return conv2d(z, x, w, bv, o);
}

//===----------------------------------------------------------------------===//
// Normalization
//===----------------------------------------------------------------------===//

namespace {
/// The shape of a normalization layer. x is normalized per statistic (mean
/// and variance over the elements sharing a statistics index, `statMap`
/// from x's iteration space), then scaled and shifted by gamma and beta
/// indexed by `affMap`. Batch norm: one statistic and one (gamma, beta) per
/// channel. Layer norm: one statistic per row, (gamma, beta) per column.
struct NormShape {
  SmallVector<int64_t> statShape, affShape;
  AffineMap statMap, affMap;
  /// Iterators ('p'/'r' per dim of x) of the statistics reductions and of
  /// the gamma-gradient reduction.
  std::string statIters, affIters;
  /// Dims of x summed for dbeta.
  SmallVector<int64_t> affRedDims;
  /// 1 / number of elements per statistic.
  double invM;
  /// Whether gamma is constant over each statistic's elements (batch norm):
  /// then the sums in dx are dbeta and dgamma themselves.
  bool gammaPerStat;
};

/// Forward and backward of a normalization; see docs/Zoo.md for the
/// formulas. The backward reads x, the batch statistics and gamma.
Value normalize(Zoo &z, StringRef name, Value x, double eps,
                const NormShape &ns) {
  SmallVector<int64_t> xs = Zoo::shapeOf(x);
  unsigned r = xs.size();
  FillSpec gf, bf;
  gf.scale = 0.1;
  gf.offset = 1.0;
  bf.scale = 0.1;
  Value gamma = z.param((name + "/gamma").str(), ns.affShape, gf);
  Value beta = z.param((name + "/beta").str(), ns.affShape, bf);
  AffineMap id = z.idMap(r), st = ns.statMap, af = ns.affMap;
  double invM = ns.invM;
  Value mean = z.generic(
      z.zeros(ns.statShape), {x}, {id, st}, ns.statIters,
      [&](OpBuilder &ob, Location l, ValueRange a) {
        yield(ob, l, addf(ob, l, a[1], mulf(ob, l, a[0], z.sc(ob, invM))));
      });
  Value var = z.generic(
      z.zeros(ns.statShape), {x, mean}, {id, st, st}, ns.statIters,
      [&](OpBuilder &ob, Location l, ValueRange a) {
        Value dv = subf(ob, l, a[0], a[1]);
        Value sq = mulf(ob, l, dv, dv);
        yield(ob, l, addf(ob, l, a[2], mulf(ob, l, sq, z.sc(ob, invM))));
      });
  Value invStd = z.map({var}, [&](OpBuilder &ob, Location l, ValueRange a) {
    Value sd = math::SqrtOp::create(ob, l, addf(ob, l, a[0], z.sc(ob, eps)));
    yield(ob, l, divf(ob, l, z.sc(ob, 1.0), sd));
  });
  Value y = z.generic(z.empty(xs), {x, mean, invStd, gamma, beta},
                      {id, st, st, af, af, id}, std::string(r, 'p'),
                      [&](OpBuilder &ob, Location l, ValueRange a) {
                        Value xh = mulf(ob, l, subf(ob, l, a[0], a[1]), a[2]);
                        yield(ob, l, addf(ob, l, mulf(ob, l, a[3], xh), a[4]));
                      });
  z.act(y);
  z.onBackward([=, &z]() {
    Value dy = z.grad(y);
    if (!dy)
      return;
    std::string par(r, 'p');
    Value dbeta = z.reduceSum(dy, ns.affRedDims);
    Value dgamma = z.generic(
        z.zeros(ns.affShape), {dy, x, mean, invStd}, {id, id, st, st, af},
        ns.affIters, [&](OpBuilder &ob, Location l, ValueRange a) {
          Value xh = mulf(ob, l, subf(ob, l, a[1], a[2]), a[3]);
          yield(ob, l, addf(ob, l, a[4], mulf(ob, l, a[0], xh)));
        });
    if (z.needsGrad(x)) {
      Value dx;
      if (ns.gammaPerStat) {
        // dx = gamma invstd (dy - dbeta/M - xh dgamma/M)
        dx = z.generic(z.empty(xs), {dy, x, mean, invStd, gamma, dbeta, dgamma},
                       {id, id, st, st, af, af, af, id}, par,
                       [&](OpBuilder &ob, Location l, ValueRange a) {
                         Value xh = mulf(ob, l, subf(ob, l, a[1], a[2]), a[3]);
                         Value m = z.sc(ob, invM);
                         Value t = subf(ob, l, a[0], mulf(ob, l, a[5], m));
                         t = subf(ob, l, t,
                                  mulf(ob, l, xh, mulf(ob, l, a[6], m)));
                         yield(ob, l, mulf(ob, l, mulf(ob, l, a[4], a[3]), t));
                       });
      } else {
        // dx = invstd (dy gamma - mean(dy gamma) - xh mean(dy gamma xh))
        Value s1 = z.generic(
            z.zeros(ns.statShape), {dy, gamma}, {id, af, st}, ns.statIters,
            [&](OpBuilder &ob, Location l, ValueRange a) {
              Value g = mulf(ob, l, a[0], a[1]);
              yield(ob, l, addf(ob, l, a[2], mulf(ob, l, g, z.sc(ob, invM))));
            });
        Value s2 = z.generic(
            z.zeros(ns.statShape), {dy, gamma, x, mean, invStd},
            {id, af, id, st, st, st}, ns.statIters,
            [&](OpBuilder &ob, Location l, ValueRange a) {
              Value xh = mulf(ob, l, subf(ob, l, a[2], a[3]), a[4]);
              Value g = mulf(ob, l, mulf(ob, l, a[0], a[1]), xh);
              yield(ob, l, addf(ob, l, a[5], mulf(ob, l, g, z.sc(ob, invM))));
            });
        dx = z.generic(z.empty(xs), {dy, gamma, x, mean, invStd, s1, s2},
                       {id, af, id, st, st, st, st, id}, par,
                       [&](OpBuilder &ob, Location l, ValueRange a) {
                         Value xh = mulf(ob, l, subf(ob, l, a[2], a[3]), a[4]);
                         Value t = subf(ob, l, mulf(ob, l, a[0], a[1]), a[5]);
                         t = subf(ob, l, t, mulf(ob, l, xh, a[6]));
                         yield(ob, l, mulf(ob, l, a[4], t));
                       });
      }
      z.accumulate(x, dx);
    }
    z.accumulate(gamma, dgamma);
    z.accumulate(beta, dbeta);
  });
  return y;
}
} // namespace

Value zoo::batchNorm(Zoo &z, StringRef name, Value x, double eps) {
  // Statistics and parameters per channel (the last dim), reduced over all
  // other dims.
  SmallVector<int64_t> xs = Zoo::shapeOf(x);
  unsigned r = xs.size();
  int64_t c = xs.back();
  NormShape ns;
  ns.statShape = ns.affShape = {c};
  ns.statMap = ns.affMap = z.map(r, {z.d(r - 1)});
  ns.statIters.assign(r, 'r');
  ns.statIters[r - 1] = 'p';
  ns.affIters = ns.statIters;
  for (unsigned i = 0; i + 1 < r; ++i)
    ns.affRedDims.push_back(i);
  ns.invM = 1.0 / static_cast<double>(Zoo::numel(xs) / c);
  ns.gammaPerStat = true;
  return normalize(z, name, x, eps, ns);
}

Value zoo::layerNorm(Zoo &z, StringRef name, Value x, double eps) {
  // x is [R, D]: statistics per row, parameters per column.
  SmallVector<int64_t> xs = Zoo::shapeOf(x);
  NormShape ns;
  ns.statShape = {xs[0]};
  ns.affShape = {xs[1]};
  ns.statMap = z.map(2, {z.d(0)});
  ns.affMap = z.map(2, {z.d(1)});
  ns.statIters = "pr";
  ns.affIters = "rp";
  ns.affRedDims = {0};
  ns.invM = 1.0 / static_cast<double>(xs[1]);
  ns.gammaPerStat = false;
  return normalize(z, name, x, eps, ns);
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

Value zoo::relu(Zoo &z, Value x) {
  Value y = z.map({x}, [&](OpBuilder &ob, Location l, ValueRange a) {
    yield(ob, l, arith::MaximumFOp::create(ob, l, a[0], z.sc(ob, 0.0)));
  });
  z.act(y);
  z.onBackward([=, &z]() {
    Value dy = z.grad(y);
    if (!dy || !z.needsGrad(x))
      return;
    // Reads the forward output, as Chainer's ReLU retains it.
    Value dx = z.map({y, dy}, [&](OpBuilder &ob, Location l, ValueRange a) {
      Value pos = arith::CmpFOp::create(ob, l, arith::CmpFPredicate::OGT, a[0],
                                        z.sc(ob, 0.0));
      yield(ob, l, arith::SelectOp::create(ob, l, pos, a[1], z.sc(ob, 0.0)));
    });
    z.accumulate(x, dx);
  });
  return y;
}

Value zoo::gelu(Zoo &z, Value x) {
  // tanh approximation: 0.5 x (1 + tanh(k (x + 0.044715 x^3))).
  const double k = std::sqrt(2.0 / M_PI), a3 = 0.044715;
  Value y = z.map({x}, [&](OpBuilder &ob, Location l, ValueRange a) {
    Value v = a[0];
    Value v3 = mulf(ob, l, mulf(ob, l, v, v), v);
    Value in =
        mulf(ob, l, z.sc(ob, k), addf(ob, l, v, mulf(ob, l, z.sc(ob, a3), v3)));
    Value t = math::TanhOp::create(ob, l, in);
    Value r = mulf(ob, l, mulf(ob, l, z.sc(ob, 0.5), v),
                   addf(ob, l, z.sc(ob, 1.0), t));
    yield(ob, l, r);
  });
  z.act(y);
  z.onBackward([=, &z]() {
    Value dy = z.grad(y);
    if (!dy || !z.needsGrad(x))
      return;
    Value dx = z.map({x, dy}, [&](OpBuilder &ob, Location l, ValueRange a) {
      Value v = a[0];
      Value v2 = mulf(ob, l, v, v);
      Value v3 = mulf(ob, l, v2, v);
      Value in = mulf(ob, l, z.sc(ob, k),
                      addf(ob, l, v, mulf(ob, l, z.sc(ob, a3), v3)));
      Value t = math::TanhOp::create(ob, l, in);
      Value sech2 = subf(ob, l, z.sc(ob, 1.0), mulf(ob, l, t, t));
      Value din =
          mulf(ob, l, z.sc(ob, k),
               addf(ob, l, z.sc(ob, 1.0), mulf(ob, l, z.sc(ob, 3.0 * a3), v2)));
      Value g = addf(
          ob, l, mulf(ob, l, z.sc(ob, 0.5), addf(ob, l, z.sc(ob, 1.0), t)),
          mulf(ob, l, mulf(ob, l, z.sc(ob, 0.5), v), mulf(ob, l, sech2, din)));
      yield(ob, l, mulf(ob, l, g, a[1]));
    });
    z.accumulate(x, dx);
  });
  return y;
}

Value zoo::addLayer(Zoo &z, Value a, Value c) {
  Value y = z.add(a, c);
  z.act(y);
  z.onBackward([=, &z]() {
    Value dy = z.grad(y);
    if (!dy)
      return;
    z.accumulate(a, dy);
    z.accumulate(c, dy);
  });
  return y;
}

Value zoo::scaleLoss(Zoo &z, Value lv, double s) {
  Value y = z.map({lv}, [&](OpBuilder &ob, Location l, ValueRange a) {
    yield(ob, l, mulf(ob, l, a[0], z.sc(ob, s)));
  });
  z.act(y);
  z.onBackward([=, &z]() {
    Value dy = z.grad(y);
    if (!dy)
      return;
    z.accumulate(lv, z.map({dy}, [&](OpBuilder &ob, Location l, ValueRange a) {
      yield(ob, l, mulf(ob, l, a[0], z.sc(ob, s)));
    }));
  });
  return y;
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

/// Gather-form backward of a k x k / stride s pooling with low padding p:
/// dx[n,h,w,c] = sum over window offsets (i, j) whose output position
/// (h+p-i)/s, (w+p-j)/s exists, of dy there (max: only where x equals the
/// pooled maximum; average: scaled by 1/k^2).
static Value poolBackward(Zoo &z, Value x, Value y, Value dy, int64_t k,
                          int64_t s, int64_t p, bool isMax) {
  SmallVector<int64_t> xs = Zoo::shapeOf(x), ys = Zoo::shapeOf(dy);
  int64_t oh = ys[1], ow = ys[2];
  Value window = z.empty({k, k});
  AffineMap xm = z.map(6, {z.d(0), z.d(1), z.d(2), z.d(3)});
  AffineMap wm = z.map(6, {z.d(4), z.d(5)});
  double invK = 1.0 / static_cast<double>(k * k);
  return z.generic(
      z.zeros(xs), {x, window}, {xm, wm, xm}, "pppprr",
      [&](OpBuilder &ob, Location l, ValueRange a) {
        auto axis = [&](int64_t dim, int64_t kdim, int64_t outSize,
                        Value &pos) {
          Value t = arith::SubIOp::create(
              ob, l,
              arith::AddIOp::create(ob, l, idx(ob, l, dim), ci(ob, l, p)),
              idx(ob, l, kdim));
          Value ge = arith::CmpIOp::create(ob, l, arith::CmpIPredicate::sge, t,
                                           ci(ob, l, 0));
          Value lt = arith::CmpIOp::create(ob, l, arith::CmpIPredicate::slt, t,
                                           ci(ob, l, outSize * s));
          Value rem = arith::RemSIOp::create(ob, l, t, ci(ob, l, s));
          Value div = arith::CmpIOp::create(ob, l, arith::CmpIPredicate::eq,
                                            rem, ci(ob, l, 0));
          Value ok = arith::AndIOp::create(
              ob, l, ge, arith::AndIOp::create(ob, l, lt, div));
          Value q = arith::DivSIOp::create(ob, l, t, ci(ob, l, s));
          pos = arith::SelectOp::create(ob, l, ok, q, ci(ob, l, 0));
          return ok;
        };
        Value ph, pw;
        Value okh = axis(1, 4, oh, ph);
        Value okw = axis(2, 5, ow, pw);
        Value ok = arith::AndIOp::create(ob, l, okh, okw);
        SmallVector<Value> at = {idx(ob, l, 0), ph, pw, idx(ob, l, 3)};
        Value g = tensor::ExtractOp::create(ob, l, dy, at);
        if (isMax) {
          Value m = tensor::ExtractOp::create(ob, l, y, at);
          Value eq =
              arith::CmpFOp::create(ob, l, arith::CmpFPredicate::OEQ, a[0], m);
          ok = arith::AndIOp::create(ob, l, ok, eq);
          // First maximum in scan order only (like Chainer's argmax index):
          // drop the gradient if an earlier window element equals the max.
          Value kh = idx(ob, l, 4), kw = idx(ob, l, 5);
          Value taken = arith::ConstantOp::create(ob, l, ob.getBoolAttr(false));
          for (int64_t i = 0; i < k; ++i) {
            for (int64_t j = 0; j < k; ++j) {
              Value ii = ci(ob, l, i), jj = ci(ob, l, j);
              Value before = arith::OrIOp::create(
                  ob, l,
                  arith::CmpIOp::create(ob, l, arith::CmpIPredicate::slt, ii,
                                        kh),
                  arith::AndIOp::create(
                      ob, l,
                      arith::CmpIOp::create(ob, l, arith::CmpIPredicate::eq, ii,
                                            kh),
                      arith::CmpIOp::create(ob, l, arith::CmpIPredicate::slt,
                                            jj, kw)));
              auto coord = [&](Value base, int64_t off, int64_t size,
                               Value &inb) {
                Value r = arith::SubIOp::create(
                    ob, l,
                    arith::AddIOp::create(
                        ob, l, arith::MulIOp::create(ob, l, base, ci(ob, l, s)),
                        ci(ob, l, off)),
                    ci(ob, l, p));
                inb = arith::AndIOp::create(
                    ob, l,
                    arith::CmpIOp::create(ob, l, arith::CmpIPredicate::sge, r,
                                          ci(ob, l, 0)),
                    arith::CmpIOp::create(ob, l, arith::CmpIPredicate::slt, r,
                                          ci(ob, l, size)));
                return arith::SelectOp::create(ob, l, inb, r, ci(ob, l, 0))
                    .getResult();
              };
              Value inH, inW;
              Value rr = coord(ph, i, xs[1], inH);
              Value cc = coord(pw, j, xs[2], inW);
              Value xv = tensor::ExtractOp::create(
                  ob, l, x, ValueRange{idx(ob, l, 0), rr, cc, idx(ob, l, 3)});
              Value same = arith::CmpFOp::create(
                  ob, l, arith::CmpFPredicate::OEQ, xv, m);
              Value hit = arith::AndIOp::create(
                  ob, l, before,
                  arith::AndIOp::create(
                      ob, l, same, arith::AndIOp::create(ob, l, inH, inW)));
              taken = arith::OrIOp::create(ob, l, taken, hit);
            }
          }
          Value notTaken = arith::XOrIOp::create(
              ob, l, taken,
              arith::ConstantOp::create(ob, l, ob.getBoolAttr(true)));
          ok = arith::AndIOp::create(ob, l, ok, notTaken);
        } else {
          g = mulf(ob, l, g, z.sc(ob, invK));
        }
        Value c = arith::SelectOp::create(ob, l, ok, g, z.sc(ob, 0.0));
        yield(ob, l, addf(ob, l, a[2], c));
      });
}

Value zoo::maxPool(Zoo &z, Value x, int64_t k, int64_t s, int64_t p,
                   bool ceilMode) {
  SmallVector<int64_t> xs = Zoo::shapeOf(x);
  int64_t n = xs[0], h = xs[1], w = xs[2], c = xs[3];
  int64_t oh =
      ceilMode ? (h + 2 * p - k + s - 1) / s + 1 : (h + 2 * p - k) / s + 1;
  int64_t ow =
      ceilMode ? (w + 2 * p - k + s - 1) / s + 1 : (w + 2 * p - k) / s + 1;
  int64_t hiH = std::max(p, (oh - 1) * s + k - h - p);
  int64_t hiW = std::max(p, (ow - 1) * s + k - w - p);
  Value xp = z.pad(x, {0, p, p, 0}, {0, hiH, hiW, 0}, kNegInf);
  Value init = z.fill({n, oh, ow, c}, kNegInf);
  auto attr = [&](int64_t v) {
    return DenseIntElementsAttr::get(
        RankedTensorType::get({2}, z.b.getI64Type()), ArrayRef<int64_t>{v, v});
  };
  Value y =
      linalg::PoolingNhwcMaxOp::create(z.b, z.loc, TypeRange{init.getType()},
                                       ValueRange{xp, z.empty({k, k})},
                                       ValueRange{init}, attr(s), attr(1))
          .getResult(0);
  z.act(y);
  z.onBackward([=, &z]() {
    Value dy = z.grad(y);
    if (!dy || !z.needsGrad(x))
      return;
    z.accumulate(x, poolBackward(z, x, y, dy, k, s, p, /*isMax=*/true));
  });
  return y;
}

Value zoo::avgPool(Zoo &z, Value x, int64_t k, int64_t s, int64_t p) {
  SmallVector<int64_t> xs = Zoo::shapeOf(x);
  int64_t n = xs[0], h = xs[1], w = xs[2], c = xs[3];
  int64_t oh = (h + 2 * p - k) / s + 1, ow = (w + 2 * p - k) / s + 1;
  Value xp = z.pad(x, {0, p, p, 0}, {0, p, p, 0}, 0.0);
  double invK = 1.0 / static_cast<double>(k * k);
  AffineMap xm =
      z.map(6, {z.d(0), z.d(1) * s + z.d(4), z.d(2) * s + z.d(5), z.d(3)});
  AffineMap wm = z.map(6, {z.d(4), z.d(5)});
  AffineMap om = z.map(6, {z.d(0), z.d(1), z.d(2), z.d(3)});
  Value y = z.generic(
      z.zeros({n, oh, ow, c}), {xp, z.empty({k, k})}, {xm, wm, om}, "pppprr",
      [&](OpBuilder &ob, Location l, ValueRange a) {
        yield(ob, l, addf(ob, l, a[2], mulf(ob, l, a[0], z.sc(ob, invK))));
      });
  z.act(y);
  z.onBackward([=, &z]() {
    Value dy = z.grad(y);
    if (!dy || !z.needsGrad(x))
      return;
    z.accumulate(x, poolBackward(z, x, y, dy, k, s, p, /*isMax=*/false));
  });
  return y;
}

Value zoo::globalAvgPool(Zoo &z, Value x) {
  SmallVector<int64_t> xs = Zoo::shapeOf(x);
  int64_t n = xs[0], c = xs[3];
  double inv = 1.0 / static_cast<double>(xs[1] * xs[2]);
  AffineMap nc = z.map(4, {z.d(0), z.d(3)});
  Value y = z.generic(
      z.zeros({n, c}), {x}, {z.idMap(4), nc}, "prrp",
      [&](OpBuilder &ob, Location l, ValueRange a) {
        yield(ob, l, addf(ob, l, a[1], mulf(ob, l, a[0], z.sc(ob, inv))));
      });
  z.act(y);
  z.onBackward([=, &z]() {
    Value dy = z.grad(y);
    if (!dy || !z.needsGrad(x))
      return;
    AffineMap nc = z.map(4, {z.d(0), z.d(3)});
    Value dx = z.generic(z.empty(xs), {dy}, {nc, z.idMap(4)}, "pppp",
                         [&](OpBuilder &ob, Location l, ValueRange a) {
                           yield(ob, l, mulf(ob, l, a[0], z.sc(ob, inv)));
                         });
    z.accumulate(x, dx);
  });
  return y;
}

//===----------------------------------------------------------------------===//
// Dense layers and shape ops
//===----------------------------------------------------------------------===//

Value zoo::linear(Zoo &z, StringRef name, Value x, int64_t outF, bool bias) {
  SmallVector<int64_t> xs = Zoo::shapeOf(x);
  int64_t n = xs[0], k = xs[1];
  Value w = z.param((name + "/W").str(), {k, outF}, Zoo::heInit(k));
  Value bv, init;
  if (bias) {
    FillSpec bf;
    bf.scale = 0.1;
    bv = z.param((name + "/b").str(), {outF}, bf);
    init = linalg::BroadcastOp::create(z.b, z.loc, bv, z.empty({n, outF}),
                                       ArrayRef<int64_t>{0})
               .getResult()[0];
  } else {
    init = z.zeros({n, outF});
  }
  Value y = linalg::MatmulOp::create(z.b, z.loc, TypeRange{init.getType()},
                                     ValueRange{x, w}, ValueRange{init})
                .getResult(0);
  z.act(y);
  z.onBackward([=, &z]() {
    Value dy = z.grad(y);
    if (!dy)
      return;
    if (z.needsGrad(x))
      z.accumulate(x, z.matmul(dy, false, w, true));
    z.accumulate(w, z.matmul(x, true, dy, false));
    if (bv)
      z.accumulate(bv, z.reduceSum(dy, {0}));
  });
  return y;
}

Value zoo::matmulLayer(Zoo &z, Value a, bool ta, Value c, bool tc) {
  Value y = z.matmul(a, ta, c, tc);
  z.act(y);
  z.onBackward([=, &z]() {
    Value dy = z.grad(y);
    if (!dy)
      return;
    // y = op(a) op(c).
    if (z.needsGrad(a))
      z.accumulate(a, ta ? z.matmul(c, tc, dy, true)
                         : z.matmul(dy, false, c, !tc));
    if (z.needsGrad(c))
      z.accumulate(c, tc ? z.matmul(dy, true, a, ta)
                         : z.matmul(a, !ta, dy, false));
  });
  return y;
}

Value zoo::transposeLayer(Zoo &z, Value x, ArrayRef<int64_t> perm) {
  Value y = z.transpose(x, perm);
  z.act(y);
  SmallVector<int64_t> inv(perm.size());
  for (unsigned i = 0; i < perm.size(); ++i)
    inv[perm[i]] = i;
  z.onBackward([=, &z]() {
    Value dy = z.grad(y);
    if (dy && z.needsGrad(x))
      z.accumulate(x, z.transpose(dy, inv));
  });
  return y;
}

Value zoo::reshapeLayer(Zoo &z, Value x, ArrayRef<int64_t> shape) {
  Value y = z.reshape(x, shape);
  if (y == x)
    return x;
  SmallVector<int64_t> xs = Zoo::shapeOf(x);
  z.onBackward([=, &z]() {
    Value dy = z.grad(y);
    if (dy && z.needsGrad(x))
      z.accumulate(x, z.reshape(dy, xs));
  });
  return y;
}

Value zoo::flatten(Zoo &z, Value x) {
  SmallVector<int64_t> xs = Zoo::shapeOf(x);
  return reshapeLayer(z, x, {xs[0], Zoo::numel(xs) / xs[0]});
}

Value zoo::concat(Zoo &z, ArrayRef<Value> xs) {
  SmallVector<int64_t> s = Zoo::shapeOf(xs[0]);
  unsigned r = s.size();
  int64_t total = 0;
  for (Value v : xs)
    total += Zoo::shapeOf(v).back();
  s.back() = total;
  Value y = z.empty(s);
  SmallVector<int64_t> offsets;
  int64_t off = 0;
  for (Value v : xs) {
    SmallVector<int64_t> o(r, 0);
    o.back() = off;
    offsets.push_back(off);
    y = z.insertSlice(v, y, o);
    off += Zoo::shapeOf(v).back();
  }
  z.act(y);
  SmallVector<Value> ins(xs.begin(), xs.end());
  z.onBackward([=, &z]() {
    Value dy = z.grad(y);
    if (!dy)
      return;
    for (unsigned i = 0; i < ins.size(); ++i) {
      if (!z.needsGrad(ins[i]))
        continue;
      SmallVector<int64_t> o(r, 0);
      o.back() = offsets[i];
      z.accumulate(ins[i], z.extractSlice(dy, o, Zoo::shapeOf(ins[i])));
    }
  });
  return y;
}

Value zoo::crop(Zoo &z, Value x, int64_t h, int64_t w) {
  SmallVector<int64_t> xs = Zoo::shapeOf(x);
  int64_t oh = (xs[1] - h) / 2, ow = (xs[2] - w) / 2;
  Value y = z.extractSlice(x, {0, oh, ow, 0}, {xs[0], h, w, xs[3]});
  z.onBackward([=, &z]() {
    Value dy = z.grad(y);
    if (dy && z.needsGrad(x))
      z.accumulate(x, z.insertSlice(dy, z.zeros(xs), {0, oh, ow, 0}));
  });
  return y;
}

Value zoo::upConv2x2(Zoo &z, StringRef name, Value x, int64_t outC) {
  SmallVector<int64_t> xs = Zoo::shapeOf(x);
  int64_t n = xs[0], h = xs[1], w = xs[2], c = xs[3];
  Value wt = z.param((name + "/W").str(), {2, 2, c, outC}, Zoo::heInit(c));
  FillSpec bf;
  bf.scale = 0.1;
  Value bv = z.param((name + "/b").str(), {outC}, bf);
  Value init = linalg::BroadcastOp::create(z.b, z.loc, bv,
                                           z.empty({n, 2 * h, 2 * w, outC}),
                                           ArrayRef<int64_t>{0, 1, 2})
                   .getResult()[0];
  // Loops (n, oh, ow, f, c).
  AffineMap xm =
      z.map(5, {z.d(0), z.d(1).floorDiv(2), z.d(2).floorDiv(2), z.d(4)});
  AffineMap wm = z.map(5, {z.d(1) % 2, z.d(2) % 2, z.d(4), z.d(3)});
  AffineMap om = z.map(5, {z.d(0), z.d(1), z.d(2), z.d(3)});
  Value y =
      z.generic(init, {x, wt}, {xm, wm, om}, "ppppr",
                [&](OpBuilder &ob, Location l, ValueRange a) {
                  yield(ob, l, addf(ob, l, a[2], mulf(ob, l, a[0], a[1])));
                });
  z.act(y);
  z.onBackward([=, &z]() {
    Value dy = z.grad(y);
    if (!dy)
      return;
    if (z.needsGrad(x)) {
      Value wtT = z.transpose(wt, {0, 1, 3, 2});
      z.accumulate(x, z.conv(dy, wtT, z.zeros({n, h, w, c}), 2, 1));
    }
    // Loops (a, b, c, f, n, i, j).
    AffineMap xm2 = z.map(7, {z.d(4), z.d(5), z.d(6), z.d(2)});
    AffineMap dym =
        z.map(7, {z.d(4), z.d(5) * 2 + z.d(0), z.d(6) * 2 + z.d(1), z.d(3)});
    AffineMap om2 = z.map(7, {z.d(0), z.d(1), z.d(2), z.d(3)});
    Value dw =
        z.generic(z.zeros({2, 2, c, outC}), {x, dy}, {xm2, dym, om2}, "pppprrr",
                  [&](OpBuilder &ob, Location l, ValueRange a) {
                    yield(ob, l, addf(ob, l, a[2], mulf(ob, l, a[0], a[1])));
                  });
    z.accumulate(wt, dw);
    z.accumulate(bv, z.reduceSum(dy, {0, 1, 2}));
  });
  return y;
}

/// Source coordinate of output index o for an aligned-corners resize.
static Value srcCoord(Zoo &z, OpBuilder &ob, Location l, Value o, int64_t in,
                      int64_t out) {
  double ratio = out > 1 ? static_cast<double>(in - 1) / (out - 1) : 0.0;
  Value oi = arith::IndexCastOp::create(ob, l, ob.getI64Type(), o);
  Value of = arith::SIToFPOp::create(ob, l, z.et, oi);
  return mulf(ob, l, of, z.sc(ob, ratio));
}

/// Interpolation matrix R[o, i] = max(0, 1 - |src(o) - i|).
static Value interpMatrix(Zoo &z, int64_t in, int64_t out) {
  return z.generic(
      z.empty({out, in}), {}, {z.idMap(2)}, "pp",
      [&](OpBuilder &ob, Location l, ValueRange a) {
        Value src = srcCoord(z, ob, l, idx(ob, l, 0), in, out);
        Value ii =
            arith::IndexCastOp::create(ob, l, ob.getI64Type(), idx(ob, l, 1));
        Value fi = arith::SIToFPOp::create(ob, l, z.et, ii);
        Value dist = math::AbsFOp::create(ob, l, subf(ob, l, src, fi));
        Value wgt = subf(ob, l, z.sc(ob, 1.0), dist);
        yield(ob, l, arith::MaximumFOp::create(ob, l, wgt, z.sc(ob, 0.0)));
      });
}

Value zoo::resizeBilinear(Zoo &z, Value x, int64_t oh, int64_t ow) {
  SmallVector<int64_t> xs = Zoo::shapeOf(x);
  int64_t n = xs[0], h = xs[1], w = xs[2], c = xs[3];
  Value y = z.generic(
      z.empty({n, oh, ow, c}), {}, {z.idMap(4)}, "pppp",
      [&](OpBuilder &ob, Location l, ValueRange a) {
        auto axis = [&](int64_t dim, int64_t in, int64_t out, Value &i0,
                        Value &i1, Value &frac) {
          Value src = srcCoord(z, ob, l, idx(ob, l, dim), in, out);
          Value fl = math::FloorOp::create(ob, l, src);
          Value fi = arith::FPToSIOp::create(ob, l, ob.getI64Type(), fl);
          Value i = arith::IndexCastOp::create(ob, l, ob.getIndexType(), fi);
          int64_t maxLo = in > 1 ? in - 2 : 0;
          i = arith::MinSIOp::create(ob, l, i, ci(ob, l, maxLo));
          Value iF = arith::SIToFPOp::create(
              ob, l, z.et,
              arith::IndexCastOp::create(ob, l, ob.getI64Type(), i));
          frac = subf(ob, l, src, iF);
          i0 = i;
          i1 = in > 1
                   ? arith::AddIOp::create(ob, l, i, ci(ob, l, 1)).getResult()
                   : i;
        };
        Value h0, h1, fh, w0, w1, fw;
        axis(1, h, oh, h0, h1, fh);
        axis(2, w, ow, w0, w1, fw);
        Value nn = idx(ob, l, 0), cc = idx(ob, l, 3);
        auto at = [&](Value hh, Value ww) {
          return tensor::ExtractOp::create(ob, l, x, ValueRange{nn, hh, ww, cc})
              .getResult();
        };
        Value one = z.sc(ob, 1.0);
        Value gh = subf(ob, l, one, fh), gw = subf(ob, l, one, fw);
        Value r = mulf(ob, l, mulf(ob, l, gh, gw), at(h0, w0));
        r = addf(ob, l, r, mulf(ob, l, mulf(ob, l, gh, fw), at(h0, w1)));
        r = addf(ob, l, r, mulf(ob, l, mulf(ob, l, fh, gw), at(h1, w0)));
        r = addf(ob, l, r, mulf(ob, l, mulf(ob, l, fh, fw), at(h1, w1)));
        yield(ob, l, r);
      });
  z.act(y);
  z.onBackward([=, &z]() {
    Value dy = z.grad(y);
    if (!dy || !z.needsGrad(x))
      return;
    Value rh = interpMatrix(z, h, oh), rw = interpMatrix(z, w, ow);
    // t[n,h,ow,c] = sum_oh Rh[oh,h] dy[n,oh,ow,c]; loops (n,h,ow,c,oh).
    Value t = z.generic(
        z.zeros({n, h, ow, c}), {rh, dy},
        {z.map(5, {z.d(4), z.d(1)}), z.map(5, {z.d(0), z.d(4), z.d(2), z.d(3)}),
         z.map(5, {z.d(0), z.d(1), z.d(2), z.d(3)})},
        "ppppr", [&](OpBuilder &ob, Location l, ValueRange a) {
          yield(ob, l, addf(ob, l, a[2], mulf(ob, l, a[0], a[1])));
        });
    // dx[n,h,w,c] = sum_ow Rw[ow,w] t[n,h,ow,c]; loops (n,h,w,c,ow).
    Value dx = z.generic(
        z.zeros(xs), {rw, t},
        {z.map(5, {z.d(4), z.d(2)}), z.map(5, {z.d(0), z.d(1), z.d(4), z.d(3)}),
         z.map(5, {z.d(0), z.d(1), z.d(2), z.d(3)})},
        "ppppr", [&](OpBuilder &ob, Location l, ValueRange a) {
          yield(ob, l, addf(ob, l, a[2], mulf(ob, l, a[0], a[1])));
        });
    z.accumulate(x, dx);
  });
  return y;
}

//===----------------------------------------------------------------------===//
// Losses and attention pieces
//===----------------------------------------------------------------------===//

Value zoo::softmaxCrossEntropy(Zoo &z, Value logits, Value labels) {
  SmallVector<int64_t> ls = Zoo::shapeOf(logits);
  int64_t c = ls.back();
  int64_t rows = Zoo::numel(ls) / c;
  Value lg = z.reshape(logits, {rows, c});
  Value lab = z.reshape(labels, {rows});
  double invP = 1.0 / static_cast<double>(rows);
  AffineMap id = z.idMap(2), row = z.map(2, {z.d(0)}), scalar = z.map(2, {});
  Value m =
      z.generic(z.fill({rows}, kNegInf), {lg}, {id, row}, "pr",
                [&](OpBuilder &ob, Location l, ValueRange a) {
                  yield(ob, l, arith::MaximumFOp::create(ob, l, a[0], a[1]));
                });
  Value se =
      z.generic(z.zeros({rows}), {lg, m}, {id, row, row}, "pr",
                [&](OpBuilder &ob, Location l, ValueRange a) {
                  Value e = math::ExpOp::create(ob, l, subf(ob, l, a[0], a[1]));
                  yield(ob, l, addf(ob, l, a[2], e));
                });
  Value lse = z.map({m, se}, [&](OpBuilder &ob, Location l, ValueRange a) {
    yield(ob, l, addf(ob, l, a[0], math::LogOp::create(ob, l, a[1])));
  });
  auto isLabel = [&](OpBuilder &ob, Location l, Value labelI32) {
    Value li = arith::IndexCastOp::create(ob, l, ob.getIndexType(), labelI32);
    return arith::CmpIOp::create(ob, l, arith::CmpIPredicate::eq, li,
                                 idx(ob, l, 1))
        .getResult();
  };
  Value loss = z.generic(z.zeros({}), {lg, lse, lab}, {id, row, row, scalar},
                         "rr", [&](OpBuilder &ob, Location l, ValueRange a) {
                           Value t = mulf(ob, l, subf(ob, l, a[1], a[0]),
                                          z.sc(ob, invP));
                           Value sel = arith::SelectOp::create(
                               ob, l, isLabel(ob, l, a[2]), t, z.sc(ob, 0.0));
                           yield(ob, l, addf(ob, l, a[3], sel));
                         });
  z.act(loss);
  z.onBackward([=, &z]() {
    Value dl = z.grad(loss);
    if (!dl || !z.needsGrad(logits))
      return;
    AffineMap id = z.idMap(2), row = z.map(2, {z.d(0)}), scalar = z.map(2, {});
    Value dlg = z.generic(
        z.empty({rows, c}), {lg, lse, lab, dl}, {id, row, row, scalar, id},
        "pp", [&](OpBuilder &ob, Location l, ValueRange a) {
          Value p = math::ExpOp::create(ob, l, subf(ob, l, a[0], a[1]));
          Value oh = arith::SelectOp::create(ob, l, isLabel(ob, l, a[2]),
                                             z.sc(ob, 1.0), z.sc(ob, 0.0));
          Value g = mulf(ob, l, subf(ob, l, p, oh),
                         mulf(ob, l, a[3], z.sc(ob, invP)));
          yield(ob, l, g);
        });
    z.accumulate(logits, z.reshape(dlg, ls));
  });
  return loss;
}

Value zoo::causalSoftmax(Zoo &z, Value s, double scale) {
  SmallVector<int64_t> ss = Zoo::shapeOf(s); // [B, T, T]
  int64_t bt = ss[0], t = ss[1];
  AffineMap id = z.idMap(3), row = z.map(3, {z.d(0), z.d(1)});
  auto masked = [&](OpBuilder &ob, Location l) {
    return arith::CmpIOp::create(ob, l, arith::CmpIPredicate::ugt,
                                 idx(ob, l, 2), idx(ob, l, 1))
        .getResult();
  };
  Value m = z.generic(z.fill({bt, t}, kNegInf), {s}, {id, row}, "ppr",
                      [&](OpBuilder &ob, Location l, ValueRange a) {
                        Value v = mulf(ob, l, a[0], z.sc(ob, scale));
                        v = arith::SelectOp::create(ob, l, masked(ob, l),
                                                    z.sc(ob, kNegInf), v);
                        yield(ob, l, arith::MaximumFOp::create(ob, l, v, a[1]));
                      });
  Value se = z.generic(
      z.zeros({bt, t}), {s, m}, {id, row, row}, "ppr",
      [&](OpBuilder &ob, Location l, ValueRange a) {
        Value e = math::ExpOp::create(
            ob, l, subf(ob, l, mulf(ob, l, a[0], z.sc(ob, scale)), a[1]));
        e = arith::SelectOp::create(ob, l, masked(ob, l), z.sc(ob, 0.0), e);
        yield(ob, l, addf(ob, l, a[2], e));
      });
  Value y = z.generic(
      z.empty(ss), {s, m, se}, {id, row, row, id}, "ppp",
      [&](OpBuilder &ob, Location l, ValueRange a) {
        Value e = math::ExpOp::create(
            ob, l, subf(ob, l, mulf(ob, l, a[0], z.sc(ob, scale)), a[1]));
        e = divf(ob, l, e, a[2]);
        yield(ob, l,
              arith::SelectOp::create(ob, l, masked(ob, l), z.sc(ob, 0.0), e));
      });
  z.act(y);
  z.onBackward([=, &z]() {
    Value dy = z.grad(y);
    if (!dy || !z.needsGrad(s))
      return;
    AffineMap id = z.idMap(3), row = z.map(3, {z.d(0), z.d(1)});
    Value dot =
        z.generic(z.zeros({bt, t}), {dy, y}, {id, id, row}, "ppr",
                  [&](OpBuilder &ob, Location l, ValueRange a) {
                    yield(ob, l, addf(ob, l, a[2], mulf(ob, l, a[0], a[1])));
                  });
    Value ds = z.generic(z.empty(ss), {dy, y, dot}, {id, id, row, id}, "ppp",
                         [&](OpBuilder &ob, Location l, ValueRange a) {
                           Value g = mulf(ob, l, a[1], subf(ob, l, a[0], a[2]));
                           yield(ob, l, mulf(ob, l, g, z.sc(ob, scale)));
                         });
    z.accumulate(s, ds);
  });
  return y;
}

Value zoo::oneHot(Zoo &z, Value ids, int64_t classes) {
  int64_t rows = Zoo::shapeOf(ids)[0];
  Value y = z.generic(
      z.empty({rows, classes}), {ids}, {z.map(2, {z.d(0)}), z.idMap(2)}, "pp",
      [&](OpBuilder &ob, Location l, ValueRange a) {
        Value li = arith::IndexCastOp::create(ob, l, ob.getIndexType(), a[0]);
        Value eq = arith::CmpIOp::create(ob, l, arith::CmpIPredicate::eq, li,
                                         idx(ob, l, 1));
        yield(ob, l,
              arith::SelectOp::create(ob, l, eq, z.sc(ob, 1.0), z.sc(ob, 0.0)));
      });
  z.act(y);
  return y;
}

/// out[n,h,w,c] = sum_{|j|<=half, 0<=c+j<C} f(v[n,h,w,c+j]).
static Value channelWindowSum(Zoo &z, Value v, int64_t half, bool square) {
  SmallVector<int64_t> vs = Zoo::shapeOf(v);
  int64_t chans = vs[3];
  return z.generic(
      z.empty(vs), {}, {z.idMap(4)}, "pppp",
      [&](OpBuilder &ob, Location l, ValueRange) {
        Value acc = z.sc(ob, 0.0);
        Value c = idx(ob, l, 3);
        for (int64_t j = -half; j <= half; ++j) {
          Value cj = arith::AddIOp::create(ob, l, c, ci(ob, l, j));
          Value ge = arith::CmpIOp::create(ob, l, arith::CmpIPredicate::sge, cj,
                                           ci(ob, l, 0));
          Value lt = arith::CmpIOp::create(ob, l, arith::CmpIPredicate::slt, cj,
                                           ci(ob, l, chans));
          Value ok = arith::AndIOp::create(ob, l, ge, lt);
          Value cs = arith::SelectOp::create(ob, l, ok, cj, ci(ob, l, 0));
          Value e = tensor::ExtractOp::create(
              ob, l, v,
              ValueRange{idx(ob, l, 0), idx(ob, l, 1), idx(ob, l, 2), cs});
          if (square)
            e = mulf(ob, l, e, e);
          acc = addf(ob, l, acc,
                     arith::SelectOp::create(ob, l, ok, e, z.sc(ob, 0.0)));
        }
        yield(ob, l, acc);
      });
}

Value zoo::lrn(Zoo &z, Value x, int64_t n, double k, double alpha,
               double beta) {
  int64_t half = n / 2;
  auto scaleOf = [&z, k, alpha](Value sq) {
    return z.map({sq}, [&](OpBuilder &ob, Location l, ValueRange a) {
      yield(ob, l,
            addf(ob, l, z.sc(ob, k), mulf(ob, l, a[0], z.sc(ob, alpha))));
    });
  };
  // Forward: the window sum is a temporary; y is the layer output.
  Value s = scaleOf(channelWindowSum(z, x, half, true));
  Value y = z.map({x, s}, [&](OpBuilder &ob, Location l, ValueRange a) {
    Value p = math::PowFOp::create(ob, l, a[1], z.sc(ob, -beta));
    yield(ob, l, mulf(ob, l, a[0], p));
  });
  z.act(y);
  z.onBackward([=, &z]() {
    Value dy = z.grad(y);
    if (!dy || !z.needsGrad(x))
      return;
    // Recompute the scale from x (Chainer retains x and y only).
    Value s2 = scaleOf(channelWindowSum(z, x, half, true));
    Value t = z.map({dy, y, s2}, [&](OpBuilder &ob, Location l, ValueRange a) {
      yield(ob, l, divf(ob, l, mulf(ob, l, a[0], a[1]), a[2]));
    });
    Value ts = channelWindowSum(z, t, half, false);
    Value dx =
        z.map({dy, x, s2, ts}, [&](OpBuilder &ob, Location l, ValueRange a) {
          Value p = math::PowFOp::create(ob, l, a[2], z.sc(ob, -beta));
          Value g = mulf(ob, l, a[0], p);
          Value corr = mulf(
              ob, l, mulf(ob, l, z.sc(ob, 2.0 * alpha * beta), a[1]), a[3]);
          yield(ob, l, subf(ob, l, g, corr));
        });
    z.accumulate(x, dx);
  });
  return y;
}

Value zoo::addBroadcast(Zoo &z, Value x, Value p) {
  SmallVector<int64_t> xs = Zoo::shapeOf(x);
  AffineMap pm = z.map(3, {z.d(1), z.d(2)});
  Value y = z.generic(z.empty(xs), {x, p}, {z.idMap(3), pm, z.idMap(3)}, "ppp",
                      [&](OpBuilder &ob, Location l, ValueRange a) {
                        yield(ob, l, addf(ob, l, a[0], a[1]));
                      });
  z.act(y);
  z.onBackward([=, &z]() {
    Value dy = z.grad(y);
    if (!dy)
      return;
    z.accumulate(x, dy);
    z.accumulate(p, z.reduceSum(dy, {0}));
  });
  return y;
}
