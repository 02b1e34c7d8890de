//===- Zoo.h - Training-step emitters for recompute-zoo ---------*- C++ -*-===//
//
// Part of the recompute project.
//
//===----------------------------------------------------------------------===//
//
// A small reverse-mode "tape" over MLIR builders. Each layer emits its forward
// ops immediately and pushes a backward emitter; after the loss, the tape is
// replayed in reverse so that every backward op follows every forward op in
// the function body. Backward emitters read the forward values that an
// autodiff framework would retain (ReLU reads its output, convolution reads
// its input, batch normalization reads its input and batch statistics).
//
//===----------------------------------------------------------------------===//

#ifndef RECOMPUTE_TOOLS_ZOO_ZOO_H
#define RECOMPUTE_TOOLS_ZOO_ZOO_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include <functional>
#include <string>

namespace zoo {

using mlir::Value;

/// How a parameter or input is filled deterministically by the generated main:
/// value = offset + scale * u, u in [-1, 1) from a hash of the flat index.
struct FillSpec {
  double scale = 1.0;
  double offset = 0.0;
  /// For integer tensors (labels, tokens): values in [0, modulus).
  int64_t modulus = 0;
};

struct ArgInfo {
  std::string name;
  llvm::SmallVector<int64_t> shape;
  mlir::Type type; // full tensor type
  FillSpec fill;
  bool isParam = false;
};

/// Options shared by all models (command line).
struct ModelOptions {
  std::string model;
  int64_t batch = -1;
  int64_t imageH = -1, imageW = -1;
  double width = 1.0;
  int64_t depth = -1;
  int64_t classes = -1;
  int64_t seq = -1;      // gpt sequence length
  int64_t heads = -1;    // gpt attention heads
  double auxWeight = -1; // googlenet / pspnet auxiliary loss weight
};

/// Emission context: the builder, the tape, the arguments and statistics.
class Zoo {
public:
  Zoo(mlir::OpBuilder &b, mlir::Location loc, mlir::Type elemTy,
      mlir::Block *body, bool withBackward)
      : b(b), loc(loc), et(elemTy), body(body), withBackward(withBackward) {}

  mlir::OpBuilder &b;
  mlir::Location loc;
  mlir::Type et;
  /// Gradient-check mode: when set, parameter number `which` is perturbed
  /// before use (scalar function arguments): `delta` added at flat index
  /// `flat` when flat >= 0, else `delta` times the hashed direction number
  /// -flat-1 (see directionSalt) added to the whole tensor.
  Value perturbWhich, perturbFlat, perturbDelta;
  int64_t numParams = 0;
  mlir::Block *body;
  bool withBackward;

  // --- arguments -----------------------------------------------------------
  llvm::SmallVector<ArgInfo> args;
  Value input(llvm::StringRef name, llvm::ArrayRef<int64_t> shape,
              FillSpec fill, mlir::Type elemTy = {});
  Value param(llvm::StringRef name, llvm::ArrayRef<int64_t> shape,
              FillSpec fill);
  /// He-style uniform init for a weight with the given fan-in.
  static FillSpec heInit(int64_t fanIn);

  // --- tape ----------------------------------------------------------------
  void onBackward(std::function<void()> fn) { tape.push_back(std::move(fn)); }
  /// Gradient of v accumulated so far, or null.
  Value grad(Value v) const { return grads.lookup(v); }
  void accumulate(Value v, Value g);
  /// Whether a gradient is wanted for v (false for inputs and labels).
  bool needsGrad(Value v) const { return !noGrad.contains(v); }
  /// Seeds d(loss)/d(loss) = 1 and replays the tape in reverse.
  void runBackward(Value loss);

  // --- statistics ----------------------------------------------------------
  /// Records v as a layer output (a forward activation).
  void act(Value v);
  int64_t activationBytes = 0;
  int64_t numActivations = 0;

  // --- helpers -------------------------------------------------------------
  mlir::RankedTensorType tensorTy(llvm::ArrayRef<int64_t> shape,
                                  mlir::Type elemTy = {}) const;
  Value empty(llvm::ArrayRef<int64_t> shape, mlir::Type elemTy = {});
  Value fill(llvm::ArrayRef<int64_t> shape, double v);
  Value zeros(llvm::ArrayRef<int64_t> shape) { return fill(shape, 0.0); }
  Value cst(double v);
  Value cstIndex(int64_t v);
  static llvm::SmallVector<int64_t> shapeOf(Value v);
  static int64_t numel(llvm::ArrayRef<int64_t> shape);
  int64_t bytesOf(Value v) const;

  mlir::AffineExpr d(unsigned i) { return b.getAffineDimExpr(i); }
  mlir::AffineMap map(unsigned numDims, llvm::ArrayRef<mlir::AffineExpr> e) {
    return mlir::AffineMap::get(numDims, 0, e, b.getContext());
  }
  mlir::AffineMap idMap(unsigned n) {
    return mlir::AffineMap::getMultiDimIdentityMap(n, b.getContext());
  }
  using BodyFn =
      std::function<void(mlir::OpBuilder &, mlir::Location, mlir::ValueRange)>;
  /// linalg.generic with one result; `iters` uses 'p' / 'r' per loop.
  Value generic(Value init, mlir::ValueRange ins,
                llvm::ArrayRef<mlir::AffineMap> maps, llvm::StringRef iters,
                BodyFn body);
  /// Elementwise generic over same-shaped inputs; result shape of ins[0].
  Value map(mlir::ValueRange ins, BodyFn body);
  Value add(Value a, Value c);
  /// Matmul (2-D) or batch matmul (3-D) with optional transposed operands.
  Value matmul(Value a, bool ta, Value c, bool tc);
  Value transpose(Value x, llvm::ArrayRef<int64_t> perm);
  Value reshape(Value x, llvm::ArrayRef<int64_t> shape);
  Value pad(Value x, llvm::ArrayRef<int64_t> lo, llvm::ArrayRef<int64_t> hi,
            double value);
  Value extractSlice(Value x, llvm::ArrayRef<int64_t> offsets,
                     llvm::ArrayRef<int64_t> sizes,
                     llvm::ArrayRef<int64_t> strides = {});
  Value insertSlice(Value src, Value dest, llvm::ArrayRef<int64_t> offsets,
                    llvm::ArrayRef<int64_t> strides = {});
  /// Sum of x over `dims`, result keeps the other dims in order.
  Value reduceSum(Value x, llvm::ArrayRef<int64_t> dims);
  Value conv(Value x, Value w, Value init, int64_t stride, int64_t dilation);

  // Scalar helpers usable inside generic bodies.
  Value sc(mlir::OpBuilder &ob, double v);

private:
  llvm::SmallVector<std::function<void()>> tape;
  llvm::DenseMap<Value, Value> grads;
  llvm::DenseSet<Value> noGrad;
  llvm::DenseSet<Value> seenActs;
};

// --- layers (Layers.cpp) ----------------------------------------------------

struct ConvOpts {
  int64_t stride = 1, pad = 0, dilation = 1;
};
Value conv2d(Zoo &z, Value x, Value w, Value bias, ConvOpts o);
/// Creates the parameters and applies conv2d (HWCF filter, optional bias).
Value convLayer(Zoo &z, llvm::StringRef name, Value x, int64_t outC, int64_t k,
                ConvOpts o, bool bias);
Value batchNorm(Zoo &z, llvm::StringRef name, Value x, double eps = 2e-5);
Value relu(Zoo &z, Value x);
/// Max pooling, Chainer's cover_all (ceil) output size when ceilMode is set.
Value maxPool(Zoo &z, Value x, int64_t k, int64_t s, int64_t p, bool ceilMode);
/// Average pooling (sum / k^2, padding counted as zeros).
Value avgPool(Zoo &z, Value x, int64_t k, int64_t s, int64_t p);
Value globalAvgPool(Zoo &z, Value x);
Value linear(Zoo &z, llvm::StringRef name, Value x, int64_t outF,
             bool bias = true);
Value addLayer(Zoo &z, Value a, Value c);
Value concat(Zoo &z, llvm::ArrayRef<Value> xs);
Value crop(Zoo &z, Value x, int64_t h, int64_t w);
Value flatten(Zoo &z, Value x);
/// 2x2 stride-2 transposed convolution with bias (U-Net up-convolution).
Value upConv2x2(Zoo &z, llvm::StringRef name, Value x, int64_t outC);
/// Bilinear resize with aligned corners (Chainer's resize_images).
Value resizeBilinear(Zoo &z, Value x, int64_t oh, int64_t ow);
/// Mean softmax cross-entropy over the last dim; labels are i32 class ids
/// shaped like logits without the last dim. Returns a rank-0 tensor.
Value softmaxCrossEntropy(Zoo &z, Value logits, Value labels);
Value scaleLoss(Zoo &z, Value l, double s);
Value layerNorm(Zoo &z, llvm::StringRef name, Value x, double eps = 1e-5);
/// Softmax over the last dim of [B, T, T] scores, scaled, with causal mask.
Value causalSoftmax(Zoo &z, Value s, double scale);
Value gelu(Zoo &z, Value x);
Value matmulLayer(Zoo &z, Value a, bool ta, Value c, bool tc);
Value transposeLayer(Zoo &z, Value x, llvm::ArrayRef<int64_t> perm);
Value reshapeLayer(Zoo &z, Value x, llvm::ArrayRef<int64_t> shape);
/// Local response normalization across channels (Chainer's formula:
/// y = x / (k + alpha * sum_{|j|<=n/2} x_{c+j}^2)^beta).
Value lrn(Zoo &z, Value x, int64_t n = 5, double k = 1.0, double alpha = 2e-5,
          double beta = 0.75);
/// x [B, T, D] + p [T, D] broadcast over B.
Value addBroadcast(Zoo &z, Value x, Value p);
/// One-hot encoding of i32 ids [R] into [R, classes] (no gradient).
Value oneHot(Zoo &z, Value ids, int64_t classes);

// --- deterministic hashes (ZooCore.cpp) --------------------------------------

/// Mixed 64-bit hash of a flat element index (index type) and an i64 salt.
Value hashBits(mlir::OpBuilder &ob, mlir::Location l, Value flat, Value salt);
/// Uniform value in [-1, 1) of type `et` from hashBits' low 24 bits.
Value hashUniform(mlir::OpBuilder &ob, mlir::Location l, mlir::Type et,
                  Value flat, Value salt);
/// Salt of gradient-check direction `j` (i64) of parameter number `param`
/// (i64); the generated @main and the perturbed @loss use the same one.
Value directionSalt(mlir::OpBuilder &ob, mlir::Location l, Value param,
                    Value j);

// --- models (Models.cpp)
// ------------------------------------------------------

/// Emits the model's forward pass and loss; returns the rank-0 loss or a
/// failure (unknown model / invalid sizes) with a diagnostic.
mlir::FailureOr<Value> buildModel(Zoo &z, const ModelOptions &opts);
llvm::ArrayRef<llvm::StringRef> modelNames();

} // namespace zoo

#endif // RECOMPUTE_TOOLS_ZOO_ZOO_H
