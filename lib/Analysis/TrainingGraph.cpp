//===- TrainingGraph.cpp - A training-step function as a Program ----------===//
//
// Part of the recompute project.
//
//===----------------------------------------------------------------------===//

#include "recompute/Analysis/TrainingGraph.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/DataLayoutInterfaces.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/SetVector.h"

using namespace mlir;

namespace recompute {

/// Whether the data layout can size `type` without a fatal error: builtin
/// scalars, complex numbers and fixed-size vectors of those, and types that
/// implement the data layout interface.
static bool hasFixedLayoutSize(Type type) {
  if (isa<IntegerType, FloatType, IndexType>(type))
    return true;
  if (auto complex = dyn_cast<ComplexType>(type))
    return hasFixedLayoutSize(complex.getElementType());
  if (auto vector = dyn_cast<VectorType>(type))
    return !vector.isScalable() && hasFixedLayoutSize(vector.getElementType());
  return isa<DataLayoutTypeInterface>(type);
}

std::optional<uint64_t> tensorBytes(Operation *scope, TensorType type) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  if (!ranked || !ranked.hasStaticShape() ||
      !hasFixedLayoutSize(ranked.getElementType()))
    return std::nullopt;
  DataLayout layout = DataLayout::closest(scope);
  llvm::TypeSize elemSize = layout.getTypeSize(ranked.getElementType());
  if (elemSize.isScalable())
    return std::nullopt;
  // Sizes above 2^62 bytes are refused so that sums of a few of them cannot
  // wrap around.
  constexpr uint64_t kMaxBytes = uint64_t(1) << 62;
  uint64_t bytes = elemSize.getFixedValue();
  for (int64_t dim : ranked.getShape()) {
    if (dim != 0 && bytes > kMaxBytes / static_cast<uint64_t>(dim))
      return std::nullopt;
    bytes *= static_cast<uint64_t>(dim);
  }
  return bytes;
}

/// Why tensorBytes cannot size `type`, for diagnostics.
static StringRef unsizedReason(TensorType type) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  if (!ranked || !ranked.hasStaticShape())
    return "only statically shaped ranked tensors are supported";
  if (!hasFixedLayoutSize(ranked.getElementType()))
    return "the element type has no fixed size in the data layout";
  return "its size exceeds 2^62 bytes";
}

static std::string typeString(Type type) {
  std::string s;
  llvm::raw_string_ostream os(s);
  type.print(os);
  return s;
}

/// Emits `message` with `severity` at `op` (with its "see current operation"
/// note) or at `loc`; warnings say that the function is left unchanged.
static LogicalResult emitUnsupported(Operation *op, Location loc,
                                     const std::string &message,
                                     DiagnosticSeverity severity) {
  switch (severity) {
  case DiagnosticSeverity::Error:
    if (op)
      op->emitError(message);
    else
      mlir::emitError(loc, message);
    break;
  case DiagnosticSeverity::Warning:
    if (op)
      op->emitWarning(message + "; the function is left unchanged");
    else
      mlir::emitWarning(loc, message + "; the function is left unchanged");
    break;
  default:
    if (op)
      op->emitRemark(message + "; the function is left unchanged");
    else
      mlir::emitRemark(loc, message + "; the function is left unchanged");
    break;
  }
  return failure();
}

namespace {

enum class StorageKind { Alloc, Alias, Argument, Constant };

struct Storage {
  StorageKind kind = StorageKind::Alloc;
  /// The value owning the buffer (itself unless kind == Alias).
  Value root;
  /// Bytes allocated by this value (Alloc only).
  uint64_t bytes = 0;
};

/// Values an op reads: its operands and values used inside its regions that
/// are defined outside of it. Deterministic order, no duplicates.
llvm::SetVector<Value> usedValues(Operation *op) {
  llvm::SetVector<Value> used;
  for (Value v : op->getOperands())
    used.insert(v);
  if (op->getNumRegions() != 0)
    getUsedValuesDefinedAbove(op->getRegions(), used);
  return used;
}

bool isView(Operation *op) {
  return isa<tensor::CollapseShapeOp, tensor::ExpandShapeOp,
             tensor::ExtractSliceOp, tensor::CastOp>(op);
}

/// Row-major strides of a static shape; std::nullopt when it is dynamic.
std::optional<SmallVector<int64_t, 4>> rowMajorStrides(Type type) {
  auto shaped = dyn_cast<RankedTensorType>(type);
  if (!shaped || !shaped.hasStaticShape())
    return std::nullopt;
  SmallVector<int64_t, 4> result(shaped.getRank(), 1);
  for (int64_t i = shaped.getRank() - 2; i >= 0; --i)
    result[i] = result[i + 1] * shaped.getDimSize(i + 1);
  return result;
}

/// The strides of a view's buffer given its source's (`src`), or
/// std::nullopt when unknown. For a collapse_shape, `copies` is set when
/// bufferization cannot collapse the source buffer in place and allocates a
/// copy instead: the same rule as memref.collapse_shape's
/// isGuaranteedCollapsible (within each group, a dimension's stride must be
/// the next one's stride times its size, dimensions of size 1 skipped).
std::optional<SmallVector<int64_t, 4>>
viewStrides(Operation *op, ArrayRef<int64_t> src, bool &copies) {
  copies = false;
  if (auto slice = dyn_cast<tensor::ExtractSliceOp>(op)) {
    ArrayRef<int64_t> steps = slice.getStaticStrides();
    if (steps.size() != src.size() || ShapedType::isDynamicShape(steps))
      return std::nullopt;
    llvm::SmallBitVector dropped = slice.getDroppedDims();
    SmallVector<int64_t, 4> result;
    for (size_t i = 0; i < src.size(); ++i)
      if (!dropped.test(i))
        result.push_back(src[i] * steps[i]);
    return result;
  }
  if (auto collapse = dyn_cast<tensor::CollapseShapeOp>(op)) {
    auto srcType = collapse.getSrcType();
    if (!srcType.hasStaticShape() ||
        static_cast<size_t>(srcType.getRank()) != src.size())
      return std::nullopt;
    SmallVector<int64_t, 4> result;
    for (const ReassociationIndices &group :
         collapse.getReassociationIndices()) {
      int64_t stride = src[group.back()];
      for (size_t k = group.size() - 1; k > 0; --k) {
        stride *= srcType.getDimSize(group[k]);
        if (srcType.getDimSize(group[k - 1]) == 1)
          continue;
        if (src[group[k - 1]] != stride) {
          copies = true;
          return rowMajorStrides(collapse.getType());
        }
      }
      result.push_back(src[group.back()]);
    }
    return result;
  }
  if (auto expand = dyn_cast<tensor::ExpandShapeOp>(op)) {
    auto type = expand.getResultType();
    if (!type.hasStaticShape())
      return std::nullopt;
    SmallVector<int64_t, 4> result(type.getRank(), 0);
    SmallVector<ReassociationIndices> groups = expand.getReassociationIndices();
    if (groups.size() != src.size())
      return std::nullopt;
    for (size_t g = 0; g < groups.size(); ++g) {
      int64_t stride = src[g];
      for (int64_t d : llvm::reverse(groups[g])) {
        result[d] = stride;
        stride *= type.getDimSize(d);
      }
    }
    return result;
  }
  if (auto cast = dyn_cast<tensor::CastOp>(op)) {
    auto type = dyn_cast<RankedTensorType>(cast.getType());
    if (type && static_cast<size_t>(type.getRank()) == src.size())
      return SmallVector<int64_t, 4>(src);
  }
  return std::nullopt;
}

/// Ops that only prepare a destination buffer; merged into their in-place
/// user when that is their only use.
bool isInitOnly(Operation *op) {
  if (isa<tensor::EmptyOp, linalg::FillOp>(op))
    return true;
  if (auto alloc = dyn_cast<bufferization::AllocTensorOp>(op))
    return !alloc.getCopy();
  if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op))
    return llvm::none_of(linalgOp.getDpsInputs(),
                         [](Value v) { return isa<TensorType>(v.getType()); });
  return false;
}

/// Has no memory effect except allocating its own results (recursively).
bool onlyAllocates(Operation *op) {
  if (isMemoryEffectFree(op))
    return true;
  auto iface = dyn_cast<MemoryEffectOpInterface>(op);
  if (!iface)
    return false;
  SmallVector<MemoryEffects::EffectInstance> effects;
  iface.getEffects(effects);
  for (auto &effect : effects)
    if (!isa<MemoryEffects::Allocate>(effect.getEffect()))
      return false;
  if (op->hasTrait<OpTrait::HasRecursiveMemoryEffects>())
    for (Region &region : op->getRegions())
      for (Operation &inner : region.getOps())
        if (!onlyAllocates(&inner))
          return false;
  return true;
}

bool isPureCall(CallOpInterface call) {
  auto callee = dyn_cast_or_null<func::FuncOp>(call.resolveCallable());
  if (!callee || callee->hasAttr(kStatefulAttrName))
    return false;
  if (callee->hasAttr(kPureAttrName))
    return true;
  if (callee.isExternal())
    return false;
  WalkResult walk = callee.walk([&](Operation *inner) {
    if (inner == callee.getOperation())
      return WalkResult::advance();
    if (isa<CallOpInterface>(inner))
      return WalkResult::interrupt(); // no recursion into callees
    if (inner->hasTrait<OpTrait::HasRecursiveMemoryEffects>())
      return WalkResult::advance();
    return onlyAllocates(inner) ? WalkResult::advance()
                                : WalkResult::interrupt();
  });
  return !walk.wasInterrupted();
}

/// Whether `op` or an op nested in it is marked recompute.stateful, or calls
/// a function so marked.
bool isMarkedStateful(Operation *op) {
  WalkResult walk = op->walk([](Operation *inner) {
    if (inner->hasAttr(kStatefulAttrName))
      return WalkResult::interrupt();
    if (auto call = dyn_cast<CallOpInterface>(inner))
      if (Operation *callee = call.resolveCallable())
        if (callee->hasAttr(kStatefulAttrName))
          return WalkResult::interrupt();
    return WalkResult::advance();
  });
  return walk.wasInterrupted();
}

/// Whether cloning `op` before a backward user computes the same value.
bool canRecompute(Operation *op) {
  if (isMarkedStateful(op))
    return false;
  if (auto call = dyn_cast<CallOpInterface>(op))
    return isPureCall(call) && op->getNumRegions() == 0;
  if (op->getNumRegions() != 0 &&
      !isa<linalg::LinalgOp, tensor::PadOp, tensor::GenerateOp>(op))
    return false;
  return onlyAllocates(op);
}

/// Whether `use` reads the data of its value (as opposed to only
/// overwriting it, like the init of linalg.fill).
bool isRead(OpOperand &use) {
  Operation *owner = use.getOwner();
  if (auto linalgOp = dyn_cast<linalg::LinalgOp>(owner))
    if (linalgOp.isDpsInit(&use))
      return linalgOp.payloadUsesValueFromOperand(&use);
  return true;
}

} // namespace

class TrainingGraphBuilder {
public:
  TrainingGraphBuilder(func::FuncOp func, const TrainingGraphOptions &options,
                       TrainingGraph &out)
      : func(func), options(options), out(out), prog(out.prog) {}

  /// Set when run() failed on valid IR the analysis cannot model.
  bool unsupported = false;

  LogicalResult run() {
    out.func = func;
    asmState = std::make_unique<AsmState>(func);
    if (failed(splitPhases()) || failed(computeStorage()))
      return failure();
    groupNodes();
    buildForward();
    buildBackward();
    markReturns();
    std::string error = prog.graph.finalize();
    if (error.empty())
      error = prog.validate();
    if (!error.empty())
      return mlir::emitError(func.getLoc())
             << "internal error while building the graph: " << error;
    summarise();
    return success();
  }

private:
  /// Reports valid IR the analysis cannot model, with the configured
  /// severity, at `op` (or at `loc` when `op` is null).
  LogicalResult reportUnsupported(Operation *op, Location loc,
                                  const std::string &message) {
    unsupported = true;
    return emitUnsupported(op, loc, message, options.unsupportedSeverity);
  }

  Operation *topLevel(Operation *op) {
    return func.getBody().front().findAncestorOpInBlock(*op);
  }

  std::string nameOf(Value v) {
    std::string s;
    llvm::raw_string_ostream os(s);
    v.printAsOperand(os, *asmState);
    return s;
  }

  LogicalResult splitPhases();
  LogicalResult computeStorage();
  bool writesInPlace(Operation *op, OpOperand &init);
  void groupNodes();
  void buildForward();
  void buildBackward();
  void markReturns();
  void summarise();

  func::FuncOp func;
  const TrainingGraphOptions &options;
  TrainingGraph &out;
  Program &prog;
  std::unique_ptr<AsmState> asmState;
  SmallVector<Operation *> ops; // top level, without the terminator
  DenseMap<Operation *, unsigned> position;
  DenseMap<Value, Storage> storage;
  /// Static strides (in elements) of the buffer layout bufferization gives
  /// a value: row-major for allocations and arguments, derived through views.
  /// Missing when unknown (dynamic); such views are taken as views.
  DenseMap<Value, SmallVector<int64_t, 4>> strides;
  /// Buffer root -> 1 + the largest position of an op reading any value
  /// that shares the buffer (so far), 0 when none does.
  DenseMap<Value, unsigned> lastReadOfClass;
  /// Forward ops producing tensors -> their group; groups by anchor order.
  DenseMap<Operation *, unsigned> groupOf;
  std::vector<SmallVector<Operation *, 3>> groups;
  std::vector<bool> groupAlive;
  DenseMap<Value, ValueId> backwardValue;
  /// Backward value -> forward node owning its buffer (a view of an
  /// activation, or an in-place update of an activation's buffer).
  DenseMap<ValueId, NodeId> backwardRootNode;
};

LogicalResult TrainingGraphBuilder::splitPhases() {
  Block &block = func.getBody().front();
  for (Operation &op : block.without_terminator()) {
    position[&op] = ops.size();
    ops.push_back(&op);
  }
  Operation *terminator = block.getTerminator();
  position[terminator] = ops.size();

  // Explicit phases.
  DenseMap<Operation *, bool> pinnedForward;
  for (Operation *op : ops) {
    Attribute attr = op->getAttr(kPhaseAttrName);
    if (!attr)
      continue;
    auto str = dyn_cast<StringAttr>(attr);
    if (!str || (str.getValue() != "forward" && str.getValue() != "backward"))
      return op->emitError() << "invalid " << kPhaseAttrName << " " << attr
                             << ": expected \"forward\" or \"backward\"";
    pinnedForward[op] = str.getValue() == "forward";
  }
  auto isPinnedBackward = [&](Operation *op) {
    auto it = pinnedForward.find(op);
    return it != pinnedForward.end() && !it->second;
  };

  SmallVector<Operation *> worklist;
  unsigned numResults = terminator->getNumOperands();
  if (numResults != 0 || options.lossResult != 0) {
    if (options.lossResult >= numResults)
      return mlir::emitError(func.getLoc())
             << "loss-result " << options.lossResult
             << " is out of range: the function has " << numResults << " result"
             << (numResults == 1 ? "" : "s");
    Value loss = terminator->getOperand(options.lossResult);
    if (Operation *def = loss.getDefiningOp()) {
      if (isPinnedBackward(def))
        return def->emitError() << "the loss (result " << options.lossResult
                                << ") is computed by an op marked "
                                << kPhaseAttrName << " = \"backward\"";
      worklist.push_back(def);
    }
  }
  for (Operation *op : ops)
    if (pinnedForward.lookup(op))
      worklist.push_back(op);

  DenseSet<Operation *> &forward = out.fwdSet;
  while (!worklist.empty()) {
    Operation *op = worklist.pop_back_val();
    if (!forward.insert(op).second)
      continue;
    for (Value v : usedValues(op)) {
      Operation *def = v.getDefiningOp();
      if (!def)
        continue;
      def = topLevel(def);
      if (!def || def == op)
        continue;
      if (isPinnedBackward(def)) {
        InFlightDiagnostic diag = def->emitError()
                                  << "op marked " << kPhaseAttrName
                                  << " = \"backward\" is used by a forward op";
        diag.attachNote(op->getLoc()) << "forward user";
        return diag;
      }
      worklist.push_back(def);
    }
  }

  int lastForward = -1, firstBackward = -1;
  for (Operation *op : ops) {
    if (forward.count(op)) {
      out.fwdOps.push_back(op);
      lastForward = position[op];
    } else {
      out.bwdOps.push_back(op);
      if (firstBackward < 0)
        firstBackward = position[op];
    }
  }
  out.interleaved = firstBackward >= 0 && lastForward > firstBackward;
  return success();
}

bool TrainingGraphBuilder::writesInPlace(Operation *op, OpOperand &init) {
  auto it = storage.find(init.get());
  if (it == storage.end())
    return false;
  Value root = it->second.root;
  if (storage[root].kind == StorageKind::Constant)
    return false; // globals are read-only: bufferization copies
  // Not in place when the old contents are read after this write.
  return lastReadOfClass.lookup(root) <= position[op] + 1;
}

LogicalResult TrainingGraphBuilder::computeStorage() {
  // lastReadOfClass[root] is kept up to date as members join the class, so
  // that writesInPlace costs O(1) instead of a scan of the whole class (a
  // chain of in-place updates of one buffer made this quadratic).
  auto record = [&](Value v, Storage s) {
    storage[v] = s;
    unsigned &last = lastReadOfClass[s.root];
    for (OpOperand &use : v.getUses()) {
      Operation *owner = topLevel(use.getOwner());
      if (owner && isRead(use))
        last = std::max(last, position.lookup(owner) + 1);
    }
  };
  // Every peak is a sum of some of these sizes; bounding their total keeps
  // the arithmetic of the model and the planner from wrapping around.
  constexpr uint64_t kMaxTotalBytes = uint64_t(1) << 62;
  uint64_t totalBytes = 0;
  for (BlockArgument arg : func.getArguments()) {
    auto type = dyn_cast<TensorType>(arg.getType());
    if (!type)
      continue;
    std::optional<uint64_t> bytes = tensorBytes(func, type);
    if (!bytes)
      return reportUnsupported(
          nullptr, arg.getLoc(),
          "argument #" + std::to_string(arg.getArgNumber()) + " has type '" +
              typeString(type) + "': " + unsizedReason(type).str());
    out.argBytes += *bytes;
    totalBytes += *bytes;
    if (totalBytes > kMaxTotalBytes)
      return reportUnsupported(
          nullptr, arg.getLoc(),
          "the function's tensors total more than 2^62 bytes");
    record(arg, {StorageKind::Argument, arg, 0});
    if (auto st = rowMajorStrides(type))
      strides[arg] = *st;
  }

  for (Operation *op : ops) {
    for (OpResult r : op->getResults()) {
      auto type = dyn_cast<TensorType>(r.getType());
      if (!type)
        continue;
      std::optional<uint64_t> bytes = tensorBytes(func, type);
      if (!bytes)
        return reportUnsupported(
            op, op->getLoc(),
            "result #" + std::to_string(r.getResultNumber()) + " has type '" +
                typeString(type) + "': " + unsizedReason(type).str());
      Storage s{StorageKind::Alloc, r, *bytes};
      std::optional<SmallVector<int64_t, 4>> layout = rowMajorStrides(type);
      if (op->hasTrait<OpTrait::ConstantLike>()) {
        s = {StorageKind::Constant, r, 0};
      } else if (isView(op) && storage.count(op->getOperand(0))) {
        s = {StorageKind::Alias, storage[op->getOperand(0)].root, 0};
        layout = std::nullopt;
        bool copies = false;
        auto src = strides.find(op->getOperand(0));
        if (src != strides.end())
          layout = viewStrides(op, src->second, copies);
        if (copies) // bufferization allocates and copies
          s = {StorageKind::Alloc, r, *bytes};
      } else if (auto dps = dyn_cast<DestinationStyleOpInterface>(op)) {
        OpOperand *init = dps.getTiedOpOperand(r);
        if (init && storage.count(init->get()) && writesInPlace(op, *init)) {
          s = {StorageKind::Alias, storage[init->get()].root, 0};
          auto src = strides.find(init->get());
          layout = std::nullopt;
          if (src != strides.end())
            layout = src->second;
        }
      }
      if (layout)
        strides[r] = *layout;
      record(r, s);
      totalBytes += s.bytes;
      if (totalBytes > kMaxTotalBytes)
        return reportUnsupported(
            op, op->getLoc(),
            "the function's tensors total more than 2^62 bytes");
    }
  }
  return success();
}

void TrainingGraphBuilder::groupNodes() {
  for (Operation *op : out.fwdOps) {
    if (llvm::none_of(op->getResultTypes(),
                      [](Type t) { return isa<TensorType>(t); }))
      continue;
    // Tensor constants become read-only globals: no buffer to keep or
    // recompute, so no node (clones keep using the original constant).
    if (op->hasTrait<OpTrait::ConstantLike>())
      continue;
    SmallVector<Operation *, 3> members;
    if (auto dps = dyn_cast<DestinationStyleOpInterface>(op)) {
      for (OpOperand &init : dps.getDpsInitsMutable()) {
        Value v = init.get();
        Operation *producer = v.getDefiningOp();
        if (!producer || !isInitOnly(producer) || !v.hasOneUse() ||
            producer->getNumResults() != 1)
          continue;
        auto found = groupOf.find(producer);
        if (found == groupOf.end() || !groupAlive[found->second])
          continue;
        OpResult tied = dps.getTiedOpResult(&init);
        const Storage &s = storage[tied];
        if (s.kind != StorageKind::Alias || s.root != storage[v].root)
          continue; // not written in place
        members.append(groups[found->second].begin(),
                       groups[found->second].end());
        groupAlive[found->second] = false;
      }
    }
    members.push_back(op);
    llvm::sort(members, [&](Operation *a, Operation *b) {
      return position[a] < position[b];
    });
    unsigned id = groups.size();
    groups.push_back(members);
    groupAlive.push_back(true);
    for (Operation *m : members)
      groupOf[m] = id;
  }
}

void TrainingGraphBuilder::buildForward() {
  // Forward ops without tensor results (scalar arithmetic, tensor.extract,
  // ...) are not nodes. Bufferization reads a tensor such an op uses where
  // the op is (a tensor.extract becomes a load) and may free it right after,
  // while the scalar is a value of its own: a node using the scalar does not
  // need the tensor, also when it is recomputed (its clone uses the same
  // scalar). So a tensor read by a scalar op is only kept live up to that
  // op: an edge to the latest node before the op, if that is a later node
  // than the tensor's; none when the tensor is the latest node.
  for (Operation *op : out.fwdOps) {
    auto g = groupOf.find(op);
    if (g == groupOf.end()) {
      if (prog.graph.size() == 0)
        continue;
      NodeId latest = static_cast<NodeId>(prog.graph.size() - 1);
      SmallVector<NodeId, 2> read;
      for (Value v : usedValues(op))
        if (auto n = out.nodeOf(v))
          if (*n != latest && !llvm::is_contained(read, *n))
            read.push_back(*n);
      for (NodeId n : read)
        prog.graph.addEdge(n, latest);
      continue;
    }
    if (!groupAlive[g->second] || groups[g->second].back() != op)
      continue; // absorbed into a later op's node

    const SmallVector<Operation *, 3> &members = groups[g->second];
    double time = 0, flops = 0;
    uint64_t bytes = 0;
    bool recomputable = true;
    bool hasConvolution = false;
    for (Operation *m : members) {
      flops += estimateFlops(m);
      hasConvolution = hasConvolution || isConvolution(m);
      recomputable = recomputable && canRecompute(m);
      for (Value r : m->getResults())
        if (auto it = storage.find(r);
            it != storage.end() && it->second.kind == StorageKind::Alloc)
          bytes += it->second.bytes;
    }
    switch (options.costModel) {
    case CostModelKind::Flops:
      time = flops;
      break;
    case CostModelKind::Unit:
      time = 1;
      break;
    case CostModelKind::Paper:
      time = hasConvolution ? 10 : 1;
      break;
    }
    Value primary;
    for (Value r : op->getResults())
      if (isa<TensorType>(r.getType())) {
        primary = r;
        break;
      }
    NodeId id = prog.graph.addNode(time, bytes, nameOf(primary));
    out.nodeMembers.push_back(members);
    out.flopsOfNode.push_back(flops);
    prog.recomputable.push_back(recomputable);
    prog.escapes.push_back(false);
    NodeId alias = kNoNode;
    const Storage &ps = storage[primary];
    if (bytes == 0 && ps.kind == StorageKind::Alias)
      if (auto root = out.nodeOf(ps.root))
        alias = *root;
    prog.aliasOf.push_back(alias);
    for (Operation *m : members)
      for (Value r : m->getResults())
        out.valueToNode[r] = id;

    for (Operation *m : members)
      for (Value v : usedValues(m)) {
        if (auto n = out.nodeOf(v))
          if (*n != id)
            prog.graph.addEdge(*n, id);
      }
  }
}

void TrainingGraphBuilder::buildBackward() {
  for (Operation *op : out.bwdOps) {
    BackwardOp bop;
    bop.name = op->getName().getStringRef().str();
    auto addForward = [&](NodeId n) {
      if (!llvm::is_contained(bop.forwardUses, n))
        bop.forwardUses.push_back(n);
    };
    for (Value v : usedValues(op)) {
      if (!isa<TensorType>(v.getType()))
        continue;
      if (auto n = out.nodeOf(v)) {
        addForward(*n);
      } else if (auto it = backwardValue.find(v); it != backwardValue.end()) {
        if (!llvm::is_contained(bop.valueUses, it->second))
          bop.valueUses.push_back(it->second);
        if (auto root = backwardRootNode.find(it->second);
            root != backwardRootNode.end())
          addForward(root->second);
      }
    }
    for (Value r : op->getResults()) {
      if (!isa<TensorType>(r.getType()))
        continue;
      ValueId id = prog.values.size();
      BackwardValue value;
      value.name = nameOf(r);
      const Storage &s = storage[r];
      if (s.kind == StorageKind::Alloc) {
        value.bytes = s.bytes;
      } else if (s.kind == StorageKind::Alias) {
        if (auto n = out.nodeOf(s.root)) {
          backwardRootNode[id] = *n;
          addForward(*n);
        } else if (auto it = backwardValue.find(s.root);
                   it != backwardValue.end()) {
          value.aliasOf = it->second;
        }
      }
      prog.values.push_back(value);
      backwardValue[r] = id;
      bop.defines.push_back(id);
    }
    if (!bop.forwardUses.empty() || !bop.valueUses.empty() ||
        !bop.defines.empty()) {
      llvm::sort(bop.forwardUses);
      prog.backward.push_back(std::move(bop));
    }
  }
}

void TrainingGraphBuilder::markReturns() {
  auto escapeNode = [&](NodeId n) {
    for (; n != kNoNode; n = prog.aliasOf[n])
      prog.escapes[n] = true;
  };
  Operation *terminator = func.getBody().front().getTerminator();
  for (Value v : terminator->getOperands()) {
    if (!isa<TensorType>(v.getType()))
      continue;
    if (auto n = out.nodeOf(v)) {
      escapeNode(*n);
    } else if (auto it = backwardValue.find(v); it != backwardValue.end()) {
      for (ValueId id = it->second; id != kNoValue;
           id = prog.values[id].aliasOf) {
        prog.values[id].persistent = true;
        if (auto root = backwardRootNode.find(id);
            root != backwardRootNode.end())
          escapeNode(root->second);
      }
    }
  }
  for (NodeId n = 0; n < prog.escapes.size(); ++n)
    if (prog.escapes[n])
      prog.recomputable[n] = false; // live to the end anyway
}

void TrainingGraphBuilder::summarise() {
  std::vector<NodeId> &acts = out.acts;
  for (const BackwardOp &bop : prog.backward)
    acts.insert(acts.end(), bop.forwardUses.begin(), bop.forwardUses.end());
  llvm::sort(acts);
  acts.erase(std::unique(acts.begin(), acts.end()), acts.end());
  std::vector<NodeId> roots;
  for (NodeId n : acts)
    roots.push_back(out.storageRoot(n));
  llvm::sort(roots);
  roots.erase(std::unique(roots.begin(), roots.end()), roots.end());
  for (NodeId r : roots)
    out.actBytes += prog.graph.bytes(r);
  for (Operation *op : out.fwdOps)
    out.fwdFlops += estimateFlops(op);
  for (Operation *op : out.bwdOps)
    out.bwdFlops += estimateFlops(op);
}

FailureOr<TrainingGraph>
TrainingGraph::build(func::FuncOp func, const TrainingGraphOptions &options,
                     bool *unsupported) {
  if (unsupported)
    *unsupported = false;
  if (func.isExternal())
    return mlir::emitError(func.getLoc()) << "expected a function with a body";
  if (!func.getBody().hasOneBlock()) {
    if (unsupported)
      *unsupported = true;
    return emitUnsupported(
        nullptr, func.getLoc(),
        "expected a function with a single block, found " +
            std::to_string(func.getBody().getBlocks().size()),
        options.unsupportedSeverity);
  }
  TrainingGraph graph;
  TrainingGraphBuilder builder(func, options, graph);
  if (failed(builder.run())) {
    if (unsupported)
      *unsupported = builder.unsupported;
    return failure();
  }
  return graph;
}

std::optional<NodeId> TrainingGraph::nodeOf(Value v) const {
  auto it = valueToNode.find(v);
  if (it == valueToNode.end())
    return std::nullopt;
  return it->second;
}

llvm::StringRef TrainingGraph::nodeOpName(NodeId v) const {
  return anchor(v)->getName().getStringRef();
}

NodeId TrainingGraph::storageRoot(NodeId v) const {
  while (!prog.aliasOf.empty() && prog.aliasOf[v] != kNoNode)
    v = prog.aliasOf[v];
  return v;
}

} // namespace recompute
