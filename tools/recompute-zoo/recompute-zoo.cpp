//===- recompute-zoo.cpp - Emit training steps in linalg/tensor IR --------===//
//
// Part of the recompute project.
//
//===----------------------------------------------------------------------===//
//
// recompute-zoo --model=NAME [--batch=N] [--image=H[xW]] [--width=F]
//   [--depth=D] [--classes=C] [--dtype=f32|f64] [--with-main | --gradcheck]
//   -o out.mlir
//
// Emits func @train_step(inputs, labels, params...) -> (loss, param grads...)
// with all forward ops before all backward ops. --with-main adds a @main that
// fills every argument deterministically, calls the step and prints the
// results; --gradcheck adds a forward-only @loss and a @main that compares
// sampled gradient entries with central finite differences and prints the
// largest relative error per parameter.
//
//===----------------------------------------------------------------------===//

#include "Zoo.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace zoo;
namespace cl = llvm::cl;

static cl::opt<std::string> modelName("model", cl::desc("Model to emit"),
                                      cl::Required);
static cl::opt<int64_t> batchOpt("batch", cl::desc("Batch size"), cl::init(-1));
static cl::opt<std::string> imageOpt("image", cl::desc("Input size H or HxW"),
                                     cl::init(""));
static cl::opt<double> widthOpt("width", cl::desc("Channel width multiplier"),
                                cl::init(1.0));
static cl::opt<int64_t> depthOpt("depth", cl::desc("Depth (mlp, gpt)"),
                                 cl::init(-1));
static cl::opt<int64_t> classesOpt("classes",
                                   cl::desc("Classes (vocabulary for gpt)"),
                                   cl::init(-1));
static cl::opt<int64_t> seqOpt("seq", cl::desc("Sequence length (gpt)"),
                               cl::init(-1));
static cl::opt<int64_t> headsOpt("heads", cl::desc("Attention heads (gpt)"),
                                 cl::init(-1));
static cl::opt<double>
    auxWeightOpt("aux-weight",
                 cl::desc("Auxiliary loss weight (googlenet: 1.0 as in the "
                          "paper's graph, pspnet: 0.4)"),
                 cl::init(-1.0));
static cl::opt<std::string> dtypeOpt("dtype", cl::desc("f32 or f64"),
                                     cl::init("f32"));
static cl::opt<bool> withMain("with-main",
                              cl::desc("Add a @main that runs and prints"),
                              cl::init(false));
static cl::opt<bool> gradCheck("gradcheck",
                               cl::desc("Add @loss and a finite-difference "
                                        "gradient-check @main"),
                               cl::init(false));
static cl::opt<int64_t> gcSamples("gradcheck-samples",
                                  cl::desc("Entries checked per parameter"),
                                  cl::init(3));
static cl::opt<int64_t>
    gcDirections("gradcheck-directions",
                 cl::desc("Random directions checked per parameter (whole "
                          "tensor directional derivative)"),
                 cl::init(1));
static cl::opt<bool>
    gcTrace("gradcheck-trace",
            cl::desc("Also print one row per check: parameter, code, E(h/2), "
                     "analytic, relative error, relative spread"),
            cl::init(false));
static cl::opt<int64_t> gcCorruptParam(
    "gradcheck-corrupt-param",
    cl::desc("Self-test: add --gradcheck-corrupt-by to one entry of this "
             "parameter's analytic gradient before comparing"),
    cl::init(-1));
static cl::opt<int64_t>
    gcCorruptEntry("gradcheck-corrupt-entry",
                   cl::desc("Self-test: flat index of the corrupted entry"),
                   cl::init(0));
static cl::opt<double>
    gcCorruptBy("gradcheck-corrupt-by",
                cl::desc("Self-test: amount added to the corrupted entry"),
                cl::init(0.0));
static cl::opt<double> gcStep("gradcheck-step",
                              cl::desc("Finite-difference step h"),
                              cl::init(1e-5));
static cl::list<double> gcFallbackSteps(
    "gradcheck-fallback-steps",
    cl::desc("Step sizes tried in this order when the estimates at "
             "--gradcheck-step disagree (comma separated)"),
    cl::CommaSeparated);
static cl::opt<double>
    gcFloor("gradcheck-floor",
            cl::desc("Denominator floor of the relative error"),
            cl::init(1e-3));
static cl::opt<double> gcSmooth(
    "gradcheck-smooth",
    cl::desc("Largest relative disagreement between the finite differences "
             "at h and h/2 for a sample to count as smooth"),
    cl::init(1e-6));
static cl::opt<bool> statsOpt("report",
                              cl::desc("Print size statistics to stderr"),
                              cl::init(false));
static cl::opt<std::string> outputFile("o", cl::desc("Output file"),
                                       cl::init("-"));

namespace {

/// Number of sampled entries of the gradient check (for --report).
int64_t gradCheckSamples = 0;

struct StepInfo {
  func::FuncOp fn;
  SmallVector<ArgInfo> args;
  int64_t activationBytes = 0, numActivations = 0;
  int64_t forwardAllocBytes = 0, forwardOps = 0, totalOps = 0;
};

int64_t tensorBytes(Type t) {
  auto rt = cast<RankedTensorType>(t);
  return Zoo::numel(rt.getShape()) *
         static_cast<int64_t>(rt.getElementTypeBitWidth() / 8);
}

/// Builds @train_step (withBackward) or the forward-only @loss.
FailureOr<StepInfo> buildStep(OpBuilder &b, ModuleOp module, Type et,
                              const ModelOptions &opts, StringRef name,
                              bool withBackward, bool perturb = false) {
  Location loc = b.getUnknownLoc();
  b.setInsertionPointToEnd(module.getBody());
  auto fn = func::FuncOp::create(b, loc, name, b.getFunctionType({}, {}));
  Block *body = fn.addEntryBlock();
  b.setInsertionPointToStart(body);
  Zoo z(b, loc, et, body, withBackward);
  if (perturb) {
    z.perturbWhich = body->addArgument(b.getIndexType(), loc);
    z.perturbFlat = body->addArgument(b.getIndexType(), loc);
    z.perturbDelta = body->addArgument(et, loc);
  }
  FailureOr<Value> loss = buildModel(z, opts);
  if (failed(loss)) {
    fn.erase();
    return failure();
  }
  StepInfo info;
  info.forwardOps = static_cast<int64_t>(body->getOperations().size());
  for (Operation &op : body->getOperations())
    if (isa<tensor::EmptyOp, tensor::PadOp>(op))
      info.forwardAllocBytes += tensorBytes(op.getResult(0).getType());
  z.runBackward(*loss);
  SmallVector<Value> results = {*loss};
  if (withBackward) {
    for (unsigned i = 0; i < z.args.size(); ++i) {
      if (!z.args[i].isParam)
        continue;
      Value g = z.grad(body->getArgument(i));
      if (!g)
        g = z.zeros(z.args[i].shape);
      results.push_back(g);
    }
  }
  func::ReturnOp::create(b, loc, results);
  fn.setType(b.getFunctionType(body->getArgumentTypes(),
                               ValueRange(results).getTypes()));
  info.totalOps = static_cast<int64_t>(body->getOperations().size());
  info.fn = fn;
  info.args = z.args;
  info.activationBytes = z.activationBytes;
  info.numActivations = z.numActivations;
  return info;
}

/// A tensor filled from a hash of the flat index (see FillSpec).
Value emitFill(OpBuilder &b, Location loc, const ArgInfo &a, int64_t seed) {
  auto ty = cast<RankedTensorType>(a.type);
  unsigned rank = ty.getRank();
  Value init =
      tensor::EmptyOp::create(b, loc, ty.getShape(), ty.getElementType());
  SmallVector<utils::IteratorType> its(rank, utils::IteratorType::parallel);
  AffineMap id = AffineMap::getMultiDimIdentityMap(rank, b.getContext());
  auto op = linalg::GenericOp::create(
      b, loc, TypeRange{ty}, ValueRange{}, ValueRange{init},
      ArrayRef<AffineMap>{id}, its, [&](OpBuilder &ob, Location l, ValueRange) {
        auto c64 = [&](int64_t v) {
          return arith::ConstantOp::create(ob, l, ob.getI64IntegerAttr(v))
              .getResult();
        };
        Value flat = arith::ConstantIndexOp::create(ob, l, 0);
        for (unsigned d = 0; d < rank; ++d) {
          Value dim = arith::ConstantIndexOp::create(ob, l, ty.getDimSize(d));
          flat = arith::MulIOp::create(ob, l, flat, dim);
          flat = arith::AddIOp::create(ob, l, flat,
                                       linalg::IndexOp::create(ob, l, d));
        }
        Value salt = c64((seed + 1) * 0x85EBCA77LL);
        Value r;
        Type et = ty.getElementType();
        if (isa<IntegerType>(et)) {
          Value h = hashBits(ob, l, flat, salt);
          Value m = arith::RemUIOp::create(
              ob, l, arith::ShRUIOp::create(ob, l, h, c64(8)),
              c64(a.fill.modulus > 0 ? a.fill.modulus : 1));
          r = arith::TruncIOp::create(ob, l, et, m);
        } else {
          auto cf = [&](double v) {
            return arith::ConstantOp::create(ob, l, ob.getFloatAttr(et, v))
                .getResult();
          };
          // offset + scale * u, u in [-1, 1)
          Value s = hashUniform(ob, l, et, flat, salt);
          s = arith::MulFOp::create(ob, l, s, cf(a.fill.scale));
          r = arith::AddFOp::create(ob, l, s, cf(a.fill.offset));
        }
        linalg::YieldOp::create(ob, l, r);
      });
  return op.getResult(0);
}

func::FuncOp declarePrint(OpBuilder &b, ModuleOp module, Type et) {
  StringRef name = et.isF64() ? "printMemrefF64" : "printMemrefF32";
  if (auto f = module.lookupSymbol<func::FuncOp>(name))
    return f;
  OpBuilder::InsertionGuard g(b);
  b.setInsertionPointToEnd(module.getBody());
  auto f = func::FuncOp::create(
      b, b.getUnknownLoc(), name,
      b.getFunctionType({UnrankedTensorType::get(et)}, {}));
  f.setPrivate();
  return f;
}

void emitPrint(OpBuilder &b, Location loc, func::FuncOp printFn, Value v) {
  auto rt = cast<RankedTensorType>(v.getType());
  Value u = tensor::CastOp::create(
      b, loc, UnrankedTensorType::get(rt.getElementType()), v);
  func::CallOp::create(b, loc, printFn, ValueRange{u});
}

/// Creates @main with the filled arguments; returns them.
SmallVector<Value> beginMain(OpBuilder &b, ModuleOp module,
                             const StepInfo &step, func::FuncOp &mainFn) {
  Location loc = b.getUnknownLoc();
  b.setInsertionPointToEnd(module.getBody());
  mainFn = func::FuncOp::create(b, loc, "main", b.getFunctionType({}, {}));
  Block *body = mainFn.addEntryBlock();
  b.setInsertionPointToStart(body);
  SmallVector<Value> args;
  for (unsigned i = 0; i < step.args.size(); ++i)
    args.push_back(emitFill(b, loc, step.args[i], i));
  return args;
}

void emitRunMain(OpBuilder &b, ModuleOp module, const StepInfo &step, Type et) {
  Location loc = b.getUnknownLoc();
  func::FuncOp mainFn;
  SmallVector<Value> args = beginMain(b, module, step, mainFn);
  func::FuncOp printFn = declarePrint(b, module, et);
  auto call = func::CallOp::create(b, loc, step.fn, args);
  for (Value r : call.getResults())
    emitPrint(b, loc, printFn, r);
  func::ReturnOp::create(b, loc);
}

/// The gradient-check @main. One scf.for over a constant table of checks
/// (parameter number, code): code >= 0 checks the gradient entry at that flat
/// index, code = -j-1 checks the directional derivative along the hashed
/// direction j of the whole parameter tensor (u in [-1, 1) per entry, see
/// directionSalt) against the dot product of the gradient with u. Each check
/// evaluates @loss(which, code, t, args...) at t = +-h/2, +-h, +-2h and forms
/// two fourth-order central differences; the per-parameter maximum relative
/// error over the smooth checks and the number of smooth checks are carried
/// in tensors and printed (with --gradcheck-trace also one row per check:
/// parameter, code, E(h/2), analytic value, relative error, relative spread
/// |E(h/2) - E(h)| / den). Keeping the
/// perturbation inside @loss and a single call site makes the code linear in
/// the number of parameters.
void emitGradCheckMain(OpBuilder &b, ModuleOp module, const StepInfo &step,
                       const StepInfo &lossStep, Type et) {
  Location loc = b.getUnknownLoc();
  func::FuncOp mainFn;
  SmallVector<Value> args = beginMain(b, module, step, mainFn);
  func::FuncOp printFn = declarePrint(b, module, et);
  auto call = func::CallOp::create(b, loc, step.fn, args);
  emitPrint(b, loc, printFn, call.getResult(0));
  auto cf = [&](OpBuilder &ob, double v) {
    return arith::ConstantOp::create(ob, loc, ob.getFloatAttr(et, v))
        .getResult();
  };
  auto cidx = [&](OpBuilder &ob, int64_t v) {
    return arith::ConstantIndexOp::create(ob, loc, v).getResult();
  };
  auto c64 = [&](OpBuilder &ob, int64_t v) {
    return arith::ConstantOp::create(ob, loc, ob.getI64IntegerAttr(v))
        .getResult();
  };
  SmallVector<unsigned> paramArg;
  for (unsigned ai = 0; ai < step.args.size(); ++ai)
    if (step.args[ai].isParam)
      paramArg.push_back(ai);
  int64_t numParams = paramArg.size();
  int64_t numDirs = std::max<int64_t>(gcDirections, 1);

  // The analytic gradients, optionally with one entry deliberately corrupted
  // (--gradcheck-corrupt-*), which the check must then report.
  SmallVector<Value> grads;
  for (int64_t pi = 0; pi < numParams; ++pi)
    grads.push_back(call.getResult(1 + pi));
  if (gcCorruptParam >= 0 && gcCorruptParam < numParams) {
    Value g = grads[gcCorruptParam];
    ArrayRef<int64_t> shape = step.args[paramArg[gcCorruptParam]].shape;
    SmallVector<Value> at(shape.size());
    int64_t rem = gcCorruptEntry % std::max<int64_t>(Zoo::numel(shape), 1);
    for (int d = static_cast<int>(shape.size()) - 1; d >= 0; --d) {
      at[d] = cidx(b, rem % shape[d]);
      rem /= shape[d];
    }
    Value old = tensor::ExtractOp::create(b, loc, g, at);
    Value nv = arith::AddFOp::create(b, loc, old, cf(b, gcCorruptBy));
    grads[gcCorruptParam] = tensor::InsertOp::create(b, loc, nv, g, at);
  }

  // dots[pi, j] = sum(grad_pi * u_j): the analytic directional derivatives.
  Value dots = tensor::EmptyOp::create(
      b, loc, ArrayRef<int64_t>{numParams, numDirs}, et);
  dots =
      linalg::FillOp::create(b, loc, ValueRange{cf(b, 0.0)}, ValueRange{dots})
          .getResult(0);
  if (gcDirections > 0) {
    for (int64_t pi = 0; pi < numParams; ++pi) {
      ArrayRef<int64_t> shape = step.args[paramArg[pi]].shape;
      unsigned rank = shape.size();
      for (int64_t j = 0; j < gcDirections; ++j) {
        Value acc = tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{}, et);
        acc = linalg::FillOp::create(b, loc, ValueRange{cf(b, 0.0)},
                                     ValueRange{acc})
                  .getResult(0);
        SmallVector<utils::IteratorType> its(rank,
                                             utils::IteratorType::reduction);
        AffineMap id = AffineMap::getMultiDimIdentityMap(rank, b.getContext());
        AffineMap scalar = AffineMap::get(rank, 0, {}, b.getContext());
        auto dot = linalg::GenericOp::create(
            b, loc, TypeRange{acc.getType()}, ValueRange{grads[pi]},
            ValueRange{acc}, ArrayRef<AffineMap>{id, scalar}, its,
            [&](OpBuilder &ob, Location l, ValueRange a) {
              Value flat = arith::ConstantIndexOp::create(ob, l, 0);
              for (unsigned d = 0; d < rank; ++d) {
                flat = arith::MulIOp::create(
                    ob, l, flat,
                    arith::ConstantIndexOp::create(ob, l, shape[d]));
                flat = arith::AddIOp::create(ob, l, flat,
                                             linalg::IndexOp::create(ob, l, d));
              }
              Value salt = directionSalt(ob, l, c64(ob, pi), c64(ob, j));
              Value u = hashUniform(ob, l, et, flat, salt);
              linalg::YieldOp::create(
                  ob, l,
                  ValueRange{arith::AddFOp::create(
                      ob, l, a[1], arith::MulFOp::create(ob, l, a[0], u))});
            });
        Value dv =
            tensor::ExtractOp::create(b, loc, dot.getResult(0), ValueRange{});
        dots = tensor::InsertOp::create(b, loc, dv, dots,
                                        ValueRange{cidx(b, pi), cidx(b, j)});
      }
    }
  }

  // The table of checks: entries first and last, then hashed positions;
  // then the directions.
  SmallVector<int64_t> table;
  for (int64_t pi = 0; pi < numParams; ++pi) {
    int64_t n = Zoo::numel(step.args[paramArg[pi]].shape);
    SmallVector<int64_t> flats;
    for (int64_t j = 0; j < gcSamples && j < n; ++j) {
      int64_t f =
          j == 0 ? 0
          : j == 1
              ? n - 1
              : static_cast<int64_t>((static_cast<uint64_t>(j) * 2654435761ULL +
                                      static_cast<uint64_t>(pi) * 40503ULL) %
                                     static_cast<uint64_t>(n));
      if (!llvm::is_contained(flats, f))
        flats.push_back(f);
    }
    for (int64_t f : flats) {
      table.push_back(pi);
      table.push_back(f);
    }
    for (int64_t j = 0; j < gcDirections; ++j) {
      table.push_back(pi);
      table.push_back(-j - 1);
    }
  }
  int64_t numSamples = table.size() / 2;
  gradCheckSamples = numSamples;
  auto tblTy = RankedTensorType::get({numSamples, 2}, b.getI64Type());
  Value tbl = arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(tblTy, ArrayRef<int64_t>(table)));
  Value errs =
      tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{numParams}, et);
  errs =
      linalg::FillOp::create(b, loc, ValueRange{cf(b, 0.0)}, ValueRange{errs})
          .getResult(0);
  Value trace = tensor::EmptyOp::create(
      b, loc, ArrayRef<int64_t>{gcTrace ? numSamples : 0, 7}, et);
  // The step sizes: --gradcheck-step, then --gradcheck-fallback-steps.
  SmallVector<double> steps = {gcStep};
  for (double f : gcFallbackSteps)
    steps.push_back(f);
  int64_t numSteps = steps.size();
  auto stepTy = RankedTensorType::get({numSteps}, et);
  Value stepTbl = arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(stepTy, ArrayRef<double>(steps)));
  auto falseV = [&](OpBuilder &ob) {
    return arith::ConstantOp::create(ob, loc, ob.getBoolAttr(false))
        .getResult();
  };
  auto loop = scf::ForOp::create(
      b, loc, cidx(b, 0), cidx(b, numSamples), cidx(b, 1),
      ValueRange{errs, errs, trace},
      [&](OpBuilder &ob, Location l, Value s, ValueRange iter) {
        auto field = [&](int64_t k) {
          return tensor::ExtractOp::create(ob, l, tbl,
                                           ValueRange{s, cidx(ob, k)})
              .getResult();
        };
        Value which =
            arith::IndexCastOp::create(ob, l, ob.getIndexType(), field(0));
        Value code64 = field(1);
        Value flat =
            arith::IndexCastOp::create(ob, l, ob.getIndexType(), code64);
        // Fourth-order central differences (truncation O(h^4)) at h and h/2:
        // E(h) = (8 d(h) - d(2h)) / 12h with d(t) = L(p+t) - L(p-t). The
        // loss is smooth around p when both estimates agree; a ReLU kink or
        // a max-pool switch within 2h makes them differ, and so does
        // round-off when h is too small for the loss' noise. The step sizes
        // are tried in the order given (an scf.for that stops evaluating
        // after the first smooth one); the decision reads only loss values,
        // never the backward. Checks without any smooth step are skipped
        // (counted in the printed vector).
        auto ladder = scf::ForOp::create(
            ob, l, cidx(ob, 0), cidx(ob, numSteps), cidx(ob, 1),
            ValueRange{falseV(ob), cf(ob, 0.0), cf(ob, 0.0), cf(ob, 0.0)},
            [&](OpBuilder &lb, Location l2, Value k, ValueRange st) {
              auto ifOp = scf::IfOp::create(
                  lb, l2, st[0],
                  [&](OpBuilder &tb, Location l3) {
                    scf::YieldOp::create(tb, l3, st);
                  },
                  [&](OpBuilder &eb, Location l3) {
                    Value h = tensor::ExtractOp::create(eb, l3, stepTbl,
                                                        ValueRange{k});
                    auto lossAt = [&](double mul) {
                      Value delta =
                          arith::MulFOp::create(eb, l3, h, cf(eb, mul));
                      SmallVector<Value> a2 = {which, flat, delta};
                      a2.append(args.begin(), args.end());
                      auto c = func::CallOp::create(eb, l3, lossStep.fn, a2);
                      return tensor::ExtractOp::create(eb, l3, c.getResult(0),
                                                       ValueRange{})
                          .getResult();
                    };
                    auto sub = [&](Value x, Value y) {
                      return arith::SubFOp::create(eb, l3, x, y).getResult();
                    };
                    Value dh2 = sub(lossAt(0.5), lossAt(-0.5));
                    Value dh = sub(lossAt(1.0), lossAt(-1.0));
                    Value d2h = sub(lossAt(2.0), lossAt(-2.0));
                    auto richardson = [&](Value dSmall, Value dBig,
                                          double stepMul) {
                      Value num = sub(
                          arith::MulFOp::create(eb, l3, dSmall, cf(eb, 8.0)),
                          dBig);
                      Value den = arith::MulFOp::create(eb, l3, h,
                                                        cf(eb, 12.0 * stepMul));
                      return arith::DivFOp::create(eb, l3, num, den)
                          .getResult();
                    };
                    Value fdBig = richardson(dh, d2h, 1.0);
                    Value fd = richardson(dh2, dh, 0.5);
                    Value sden = arith::MaximumFOp::create(
                        eb, l3, math::AbsFOp::create(eb, l3, fd),
                        math::AbsFOp::create(eb, l3, fdBig));
                    sden = arith::MaximumFOp::create(eb, l3, sden,
                                                     cf(eb, gcFloor));
                    Value spread = arith::DivFOp::create(
                        eb, l3, math::AbsFOp::create(eb, l3, sub(fd, fdBig)),
                        sden);
                    Value smooth =
                        arith::CmpFOp::create(eb, l3, arith::CmpFPredicate::OLE,
                                              spread, cf(eb, gcSmooth));
                    Value used =
                        arith::SelectOp::create(eb, l3, smooth, h, cf(eb, 0.0));
                    scf::YieldOp::create(eb, l3,
                                         ValueRange{smooth, fd, spread, used});
                  });
              scf::YieldOp::create(lb, l2, ifOp.getResults());
            });
        Value smooth = ladder.getResult(0);
        Value fd = ladder.getResult(1);
        Value spread = ladder.getResult(2);
        Value usedStep = ladder.getResult(3);
        // Analytic value: the entry (scf.index_switch over the gradients;
        // the indices are taken modulo the shape, so a direction's negative
        // code reads some valid entry that is then not used) or the dot.
        SmallVector<int64_t> cases;
        for (int64_t pi = 0; pi < numParams; ++pi)
          cases.push_back(pi);
        auto sw = scf::IndexSwitchOp::create(ob, l, TypeRange{et}, which, cases,
                                             numParams);
        for (int64_t pi = 0; pi < numParams; ++pi) {
          Block &blk = sw.getCaseRegions()[pi].emplaceBlock();
          OpBuilder cb = OpBuilder::atBlockEnd(&blk);
          ArrayRef<int64_t> shape = step.args[paramArg[pi]].shape;
          SmallVector<Value> at(shape.size());
          Value rem = flat;
          for (int d = static_cast<int>(shape.size()) - 1; d >= 0; --d) {
            Value dim = cidx(cb, shape[d]);
            at[d] = arith::RemUIOp::create(cb, l, rem, dim);
            rem = arith::DivUIOp::create(cb, l, rem, dim);
          }
          Value g = tensor::ExtractOp::create(cb, l, grads[pi], at);
          scf::YieldOp::create(cb, l, g);
        }
        {
          Block &blk = sw.getDefaultRegion().emplaceBlock();
          OpBuilder cb = OpBuilder::atBlockEnd(&blk);
          scf::YieldOp::create(cb, l, cf(cb, 0.0));
        }
        Value isDir = arith::CmpIOp::create(ob, l, arith::CmpIPredicate::slt,
                                            code64, c64(ob, 0));
        Value j64 = arith::SelectOp::create(
            ob, l, isDir,
            arith::SubIOp::create(ob, l, c64(ob, -1), code64).getResult(),
            c64(ob, 0));
        Value jIdx = arith::IndexCastOp::create(ob, l, ob.getIndexType(), j64);
        Value dotv =
            tensor::ExtractOp::create(ob, l, dots, ValueRange{which, jIdx});
        Value g = arith::SelectOp::create(ob, l, isDir, dotv, sw.getResult(0));
        Value diff =
            math::AbsFOp::create(ob, l, arith::SubFOp::create(ob, l, fd, g));
        Value den =
            arith::MaximumFOp::create(ob, l, math::AbsFOp::create(ob, l, fd),
                                      math::AbsFOp::create(ob, l, g));
        den = arith::MaximumFOp::create(ob, l, den, cf(ob, gcFloor));
        Value err = arith::DivFOp::create(ob, l, diff, den);
        Value old =
            tensor::ExtractOp::create(ob, l, iter[0], ValueRange{which});
        Value nv = arith::SelectOp::create(
            ob, l, smooth, arith::MaximumFOp::create(ob, l, old, err), old);
        Value upd =
            tensor::InsertOp::create(ob, l, nv, iter[0], ValueRange{which});
        Value cnt =
            tensor::ExtractOp::create(ob, l, iter[1], ValueRange{which});
        Value inc =
            arith::SelectOp::create(ob, l, smooth, cf(ob, 1.0), cf(ob, 0.0));
        Value cupd = tensor::InsertOp::create(
            ob, l, arith::AddFOp::create(ob, l, cnt, inc), iter[1],
            ValueRange{which});
        Value tr = iter[2];
        if (gcTrace) {
          Value row[7] = {arith::UIToFPOp::create(ob, l, et, field(0)),
                          arith::SIToFPOp::create(ob, l, et, code64),
                          usedStep,
                          fd,
                          g,
                          err,
                          spread};
          for (int64_t k = 0; k < 7; ++k)
            tr = tensor::InsertOp::create(ob, l, row[k], tr,
                                          ValueRange{s, cidx(ob, k)});
        }
        scf::YieldOp::create(ob, l, ValueRange{upd, cupd, tr});
      });
  emitPrint(b, loc, printFn, loop.getResult(0));
  emitPrint(b, loc, printFn, loop.getResult(1));
  if (gcTrace)
    emitPrint(b, loc, printFn, loop.getResult(2));
  func::ReturnOp::create(b, loc);
}

bool parseImage(StringRef s, ModelOptions &o) {
  if (s.empty())
    return true;
  auto [hs, ws] = s.split('x');
  if (hs.getAsInteger(10, o.imageH) || o.imageH <= 0)
    return false;
  if (ws.empty()) {
    o.imageW = o.imageH;
    return true;
  }
  return !ws.getAsInteger(10, o.imageW) && o.imageW > 0;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  cl::ParseCommandLineOptions(argc, argv,
                              "recompute-zoo: training steps in linalg IR\n");
  ModelOptions opts;
  opts.model = modelName;
  opts.batch = batchOpt;
  opts.width = widthOpt;
  opts.depth = depthOpt;
  opts.classes = classesOpt;
  opts.seq = seqOpt;
  opts.heads = headsOpt;
  opts.auxWeight = auxWeightOpt;
  if (!parseImage(imageOpt, opts)) {
    llvm::errs() << "error: invalid --image '" << imageOpt
                 << "', expected H or HxW\n";
    return 1;
  }
  if (!llvm::is_contained(modelNames(), StringRef(opts.model))) {
    llvm::errs() << "error: unknown model '" << opts.model << "'; known:";
    for (StringRef n : modelNames())
      llvm::errs() << " " << n;
    llvm::errs() << "\n";
    return 1;
  }
  if (dtypeOpt != "f32" && dtypeOpt != "f64") {
    llvm::errs() << "error: invalid --dtype '" << dtypeOpt
                 << "', expected f32 or f64\n";
    return 1;
  }
  if (withMain && gradCheck) {
    llvm::errs() << "error: --with-main and --gradcheck are exclusive\n";
    return 1;
  }

  MLIRContext ctx;
  ctx.loadDialect<func::FuncDialect, linalg::LinalgDialect,
                  tensor::TensorDialect, arith::ArithDialect, math::MathDialect,
                  scf::SCFDialect>();
  OpBuilder b(&ctx);
  Type et = dtypeOpt == "f64" ? Type(b.getF64Type()) : Type(b.getF32Type());
  OwningOpRef<ModuleOp> module = ModuleOp::create(b.getUnknownLoc());

  FailureOr<StepInfo> step =
      buildStep(b, *module, et, opts, "train_step", /*withBackward=*/true);
  if (failed(step)) {
    llvm::errs() << "error: cannot build model '" << opts.model
                 << "' with these sizes (image " << opts.imageH << "x"
                 << opts.imageW << ", width " << opts.width << ")\n";
    return 1;
  }
  if (withMain)
    emitRunMain(b, *module, *step, et);
  if (gradCheck) {
    FailureOr<StepInfo> lossStep = buildStep(
        b, *module, et, opts, "loss", /*withBackward=*/false, /*perturb=*/true);
    if (failed(lossStep))
      return 1;
    lossStep->fn.setPrivate();
    emitGradCheckMain(b, *module, *step, *lossStep, et);
  }
  if (failed(verify(*module))) {
    llvm::errs() << "error: generated module does not verify\n";
    return 1;
  }
  if (statsOpt) {
    int64_t params = 0, paramBytes = 0;
    for (const ArgInfo &a : step->args) {
      if (!a.isParam)
        continue;
      ++params;
      paramBytes += tensorBytes(a.type);
    }
    llvm::errs() << "model=" << opts.model << " params=" << params
                 << " param_bytes=" << paramBytes
                 << " activations=" << step->numActivations
                 << " activation_bytes=" << step->activationBytes
                 << " forward_alloc_bytes=" << step->forwardAllocBytes
                 << " forward_ops=" << step->forwardOps
                 << " total_ops=" << step->totalOps;
    if (gradCheck)
      llvm::errs() << " gradcheck_samples=" << gradCheckSamples;
    llvm::errs() << "\n";
  }
  std::string err;
  auto out = openOutputFile(outputFile, &err);
  if (!out) {
    llvm::errs() << "error: " << err << "\n";
    return 1;
  }
  module->print(out->os());
  out->os() << "\n";
  out->keep();
  return 0;
}
