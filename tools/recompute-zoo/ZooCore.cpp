//===- ZooCore.cpp - Tape, arguments and op helpers for recompute-zoo -----===//
//
// Part of the recompute project.
//
//===----------------------------------------------------------------------===//

#include "Zoo.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/Support/raw_ostream.h"
#include <cmath>
#include <cstdlib>

using namespace mlir;
using namespace zoo;

Value Zoo::input(StringRef name, ArrayRef<int64_t> shape, FillSpec fill,
                 Type elemTy) {
  RankedTensorType ty = tensorTy(shape, elemTy);
  Value v = body->addArgument(ty, loc);
  ArgInfo info;
  info.name = name.str();
  info.shape.assign(shape.begin(), shape.end());
  info.type = ty;
  info.fill = fill;
  args.push_back(info);
  noGrad.insert(v);
  return v;
}

Value Zoo::param(StringRef name, ArrayRef<int64_t> shape, FillSpec fill) {
  RankedTensorType ty = tensorTy(shape);
  Value v = body->addArgument(ty, loc);
  ArgInfo info;
  info.name = name.str();
  info.shape.assign(shape.begin(), shape.end());
  info.type = ty;
  info.fill = fill;
  info.isParam = true;
  args.push_back(info);
  int64_t index = numParams++;
  if (!perturbWhich)
    return v;
  // Gradient-check perturbation of parameter `which` (elementwise):
  //   code >= 0: v + delta at flat index `code` only (one entry);
  //   code <  0: v + delta * u, u = direction -code-1 (hashed, in [-1, 1)).
  unsigned rank = shape.size();
  return generic(
      empty(shape), {v}, {idMap(rank), idMap(rank)}, std::string(rank, 'p'),
      [&](OpBuilder &ob, Location l, ValueRange a) {
        Value flat = arith::ConstantIndexOp::create(ob, l, 0);
        for (unsigned d = 0; d < rank; ++d) {
          flat = arith::MulIOp::create(
              ob, l, flat, arith::ConstantIndexOp::create(ob, l, shape[d]));
          flat = arith::AddIOp::create(ob, l, flat,
                                       linalg::IndexOp::create(ob, l, d));
        }
        Value isP =
            arith::CmpIOp::create(ob, l, arith::CmpIPredicate::eq, perturbWhich,
                                  arith::ConstantIndexOp::create(ob, l, index));
        Value isE = arith::CmpIOp::create(ob, l, arith::CmpIPredicate::eq,
                                          perturbFlat, flat);
        Value hit = arith::AndIOp::create(ob, l, isP, isE);
        Value moved = arith::AddFOp::create(ob, l, a[0], perturbDelta);
        Value r = arith::SelectOp::create(ob, l, hit, moved, a[0]);
        // Direction mode.
        Type i64 = ob.getI64Type();
        Value code = arith::IndexCastOp::create(ob, l, i64, perturbFlat);
        Value zero = arith::ConstantOp::create(ob, l, ob.getI64IntegerAttr(0));
        Value isDir =
            arith::CmpIOp::create(ob, l, arith::CmpIPredicate::slt, code, zero);
        Value dirHit = arith::AndIOp::create(ob, l, isP, isDir);
        Value j = arith::SubIOp::create(
            ob, l, arith::SubIOp::create(ob, l, zero, code),
            arith::ConstantOp::create(ob, l, ob.getI64IntegerAttr(1)));
        Value salt = directionSalt(
            ob, l,
            arith::ConstantOp::create(ob, l, ob.getI64IntegerAttr(index)), j);
        Value u = hashUniform(ob, l, et, flat, salt);
        Value dirMoved = arith::AddFOp::create(
            ob, l, a[0], arith::MulFOp::create(ob, l, perturbDelta, u));
        r = arith::SelectOp::create(ob, l, dirHit, dirMoved, r);
        linalg::YieldOp::create(ob, l, r);
      });
}

Value zoo::hashBits(OpBuilder &ob, Location l, Value flat, Value salt) {
  Type i64 = ob.getI64Type();
  auto c64 = [&](int64_t v) {
    return arith::ConstantOp::create(ob, l, ob.getI64IntegerAttr(v))
        .getResult();
  };
  Value h = arith::IndexCastOp::create(ob, l, i64, flat);
  h = arith::MulIOp::create(ob, l, h, c64(0x9E3779B1LL));
  h = arith::AddIOp::create(ob, l, h, salt);
  auto mix = [&](int64_t shift, int64_t mul) {
    h = arith::XOrIOp::create(ob, l, h,
                              arith::ShRUIOp::create(ob, l, h, c64(shift)));
    if (mul)
      h = arith::MulIOp::create(ob, l, h, c64(mul));
  };
  mix(15, 0x2C1B3C6DLL);
  mix(12, 0x297A2D39LL);
  mix(15, 0);
  return h;
}

Value zoo::hashUniform(OpBuilder &ob, Location l, Type et, Value flat,
                       Value salt) {
  Value h = hashBits(ob, l, flat, salt);
  Value bits = arith::AndIOp::create(
      ob, l, h,
      arith::ConstantOp::create(ob, l, ob.getI64IntegerAttr(0xFFFFFF)));
  Value u = arith::UIToFPOp::create(ob, l, et, bits);
  // 2u/2^24 - 1, in [-1, 1).
  u = arith::MulFOp::create(
      ob, l, u,
      arith::ConstantOp::create(ob, l, ob.getFloatAttr(et, 2.0 / 16777216.0)));
  return arith::SubFOp::create(
      ob, l, u, arith::ConstantOp::create(ob, l, ob.getFloatAttr(et, 1.0)));
}

Value zoo::directionSalt(OpBuilder &ob, Location l, Value param, Value j) {
  // (param * 64 + j + 4099) * K, distinct from the argument fills' salts
  // (seed + 1) * K for the few hundred arguments of a model.
  auto c64 = [&](int64_t v) {
    return arith::ConstantOp::create(ob, l, ob.getI64IntegerAttr(v))
        .getResult();
  };
  Value s = arith::MulIOp::create(ob, l, param, c64(64));
  s = arith::AddIOp::create(ob, l, s, j);
  s = arith::AddIOp::create(ob, l, s, c64(4099));
  return arith::MulIOp::create(ob, l, s, c64(0x85EBCA77LL));
}

FillSpec Zoo::heInit(int64_t fanIn) {
  FillSpec f;
  f.scale = std::sqrt(6.0 / static_cast<double>(fanIn > 0 ? fanIn : 1));
  return f;
}

void Zoo::accumulate(Value v, Value g) {
  if (!needsGrad(v))
    return;
  auto it = grads.find(v);
  if (it == grads.end()) {
    grads[v] = g;
    return;
  }
  it->second = add(it->second, g);
}

void Zoo::runBackward(Value loss) {
  if (!withBackward)
    return;
  grads[loss] = fill({}, 1.0);
  for (auto it = tape.rbegin(); it != tape.rend(); ++it)
    (*it)();
}

static const bool debugActs =
    std::getenv("RECOMPUTE_ZOO_DEBUG_ACTS") != nullptr;

void Zoo::act(Value v) {
  if (!seenActs.insert(v).second)
    return;
  activationBytes += bytesOf(v);
  ++numActivations;
  if (debugActs) {
    llvm::errs() << "act " << numActivations << " "
                 << v.getDefiningOp()->getName() << " " << v.getType() << " "
                 << bytesOf(v) << "\n";
  }
}

RankedTensorType Zoo::tensorTy(ArrayRef<int64_t> shape, Type elemTy) const {
  return RankedTensorType::get(shape, elemTy ? elemTy : et);
}

Value Zoo::empty(ArrayRef<int64_t> shape, Type elemTy) {
  return tensor::EmptyOp::create(b, loc, shape, elemTy ? elemTy : et);
}

Value Zoo::cst(double v) {
  return arith::ConstantOp::create(b, loc, b.getFloatAttr(et, v));
}

Value Zoo::sc(OpBuilder &ob, double v) {
  return arith::ConstantOp::create(ob, loc, ob.getFloatAttr(et, v));
}

Value Zoo::cstIndex(int64_t v) {
  return arith::ConstantIndexOp::create(b, loc, v);
}

Value Zoo::fill(ArrayRef<int64_t> shape, double v) {
  Value e = empty(shape);
  return linalg::FillOp::create(b, loc, ValueRange{cst(v)}, ValueRange{e})
      .getResult(0);
}

SmallVector<int64_t> Zoo::shapeOf(Value v) {
  auto ty = cast<RankedTensorType>(v.getType());
  return SmallVector<int64_t>(ty.getShape().begin(), ty.getShape().end());
}

int64_t Zoo::numel(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t s : shape)
    n *= s;
  return n;
}

int64_t Zoo::bytesOf(Value v) const {
  auto ty = cast<RankedTensorType>(v.getType());
  return numel(ty.getShape()) *
         static_cast<int64_t>(ty.getElementTypeBitWidth() / 8);
}

Value Zoo::generic(Value init, ValueRange ins, ArrayRef<AffineMap> maps,
                   StringRef iters, BodyFn bodyFn) {
  SmallVector<utils::IteratorType> its;
  for (char c : iters)
    its.push_back(c == 'r' ? utils::IteratorType::reduction
                           : utils::IteratorType::parallel);
  auto op = linalg::GenericOp::create(
      b, loc, TypeRange{init.getType()}, ins, ValueRange{init}, maps, its,
      [&](OpBuilder &ob, Location l, ValueRange a) { bodyFn(ob, l, a); });
  return op.getResult(0);
}

Value Zoo::map(ValueRange ins, BodyFn bodyFn) {
  SmallVector<int64_t> shape = shapeOf(ins[0]);
  unsigned n = shape.size();
  SmallVector<AffineMap> maps(ins.size() + 1, idMap(n));
  return generic(empty(shape), ins, maps, std::string(n, 'p'), bodyFn);
}

Value Zoo::add(Value a, Value c) {
  Value init = empty(shapeOf(a));
  return linalg::AddOp::create(b, loc, TypeRange{a.getType()}, ValueRange{a, c},
                               ValueRange{init})
      .getResult(0);
}

Value Zoo::matmul(Value a, bool ta, Value c, bool tc) {
  SmallVector<int64_t> sa = shapeOf(a), sc = shapeOf(c);
  bool batched = sa.size() == 3;
  unsigned r = sa.size();
  int64_t m = ta ? sa[r - 1] : sa[r - 2];
  int64_t n = tc ? sc[r - 2] : sc[r - 1];
  SmallVector<int64_t> outShape;
  if (batched)
    outShape.push_back(sa[0]);
  outShape.push_back(m);
  outShape.push_back(n);
  Value init = zeros(outShape);
  // Loops: [batch,] m, n, k.
  unsigned nd = batched ? 4 : 3;
  unsigned o = batched ? 1 : 0;
  auto pre = [&](SmallVector<AffineExpr> e) {
    if (batched)
      e.insert(e.begin(), d(0));
    return map(nd, e);
  };
  AffineExpr mm = d(o), nn = d(o + 1), kk = d(o + 2);
  AffineMap amap = ta ? pre({kk, mm}) : pre({mm, kk});
  AffineMap cmap = tc ? pre({nn, kk}) : pre({kk, nn});
  AffineMap omap = pre({mm, nn});
  Attribute maps = b.getAffineMapArrayAttr({amap, cmap, omap});
  Operation *op;
  if (batched)
    op = linalg::BatchMatmulOp::create(b, loc, TypeRange{init.getType()},
                                       ValueRange{a, c}, ValueRange{init});
  else
    op = linalg::MatmulOp::create(b, loc, TypeRange{init.getType()},
                                  ValueRange{a, c}, ValueRange{init});
  op->setAttr("indexing_maps", maps);
  return op->getResult(0);
}

Value Zoo::transpose(Value x, ArrayRef<int64_t> perm) {
  SmallVector<int64_t> s = shapeOf(x), out;
  for (int64_t p : perm)
    out.push_back(s[p]);
  return linalg::TransposeOp::create(b, loc, x, empty(out), perm)
      .getResult()[0];
}

Value Zoo::reshape(Value x, ArrayRef<int64_t> shape) {
  SmallVector<int64_t> s = shapeOf(x);
  if (s == SmallVector<int64_t>(shape.begin(), shape.end()))
    return x;
  Value flat = x;
  if (s.size() != 1) {
    ReassociationIndices all;
    for (unsigned i = 0; i < s.size(); ++i)
      all.push_back(i);
    flat = tensor::CollapseShapeOp::create(b, loc, x,
                                           ArrayRef<ReassociationIndices>{all});
  }
  if (shape.size() == 1)
    return flat;
  ReassociationIndices all;
  for (unsigned i = 0; i < shape.size(); ++i)
    all.push_back(i);
  return tensor::ExpandShapeOp::create(
      b, loc,
      tensorTy(shape, cast<RankedTensorType>(x.getType()).getElementType()),
      flat, ArrayRef<ReassociationIndices>{all});
}

static SmallVector<OpFoldResult> ofrs(OpBuilder &b, ArrayRef<int64_t> v) {
  SmallVector<OpFoldResult> r;
  for (int64_t x : v)
    r.push_back(b.getIndexAttr(x));
  return r;
}

Value Zoo::pad(Value x, ArrayRef<int64_t> lo, ArrayRef<int64_t> hi,
               double value) {
  bool any = false;
  for (unsigned i = 0; i < lo.size(); ++i)
    any |= lo[i] != 0 || hi[i] != 0;
  if (!any)
    return x;
  SmallVector<int64_t> s = shapeOf(x);
  for (unsigned i = 0; i < s.size(); ++i)
    s[i] += lo[i] + hi[i];
  return tensor::PadOp::create(b, loc, tensorTy(s), x, ofrs(b, lo), ofrs(b, hi),
                               cst(value));
}

Value Zoo::extractSlice(Value x, ArrayRef<int64_t> offsets,
                        ArrayRef<int64_t> sizes, ArrayRef<int64_t> strides) {
  SmallVector<int64_t> st(strides.begin(), strides.end());
  if (st.empty())
    st.assign(offsets.size(), 1);
  return tensor::ExtractSliceOp::create(b, loc, x, ofrs(b, offsets),
                                        ofrs(b, sizes), ofrs(b, st));
}

Value Zoo::insertSlice(Value src, Value dest, ArrayRef<int64_t> offsets,
                       ArrayRef<int64_t> strides) {
  SmallVector<int64_t> st(strides.begin(), strides.end());
  if (st.empty())
    st.assign(offsets.size(), 1);
  return tensor::InsertSliceOp::create(b, loc, src, dest, ofrs(b, offsets),
                                       ofrs(b, shapeOf(src)), ofrs(b, st));
}

Value Zoo::reduceSum(Value x, ArrayRef<int64_t> dims) {
  SmallVector<int64_t> s = shapeOf(x), out;
  SmallVector<AffineExpr> outE;
  std::string iters;
  for (unsigned i = 0; i < s.size(); ++i) {
    bool red = llvm::is_contained(dims, static_cast<int64_t>(i));
    iters += red ? 'r' : 'p';
    if (!red) {
      out.push_back(s[i]);
      outE.push_back(d(i));
    }
  }
  unsigned n = s.size();
  return generic(zeros(out), {x}, {idMap(n), map(n, outE)}, iters,
                 [&](OpBuilder &ob, Location l, ValueRange a) {
                   Value r = arith::AddFOp::create(ob, l, a[0], a[1]);
                   linalg::YieldOp::create(ob, l, r);
                 });
}

Value Zoo::conv(Value x, Value w, Value init, int64_t stride,
                int64_t dilation) {
  auto attr = [&](int64_t v) {
    return DenseIntElementsAttr::get(RankedTensorType::get({2}, b.getI64Type()),
                                     ArrayRef<int64_t>{v, v});
  };
  return linalg::Conv2DNhwcHwcfOp::create(b, loc, TypeRange{init.getType()},
                                          ValueRange{x, w}, ValueRange{init},
                                          attr(stride), attr(dilation))
      .getResult(0);
}
