//===- TrainingGraph.h - A training-step function as a Program --*- C++ -*-===//
//
// Part of the recompute project.
//
//===----------------------------------------------------------------------===//
//
// Turns a `func.func` that runs one training step (one block, tensor
// semantics, static shapes) into a recompute::Program whose simulated
// liveness peak is the peak of the function after bufferization
// (one-shot-bufferize, buffer-deallocation-pipeline and
// optimize-allocation-liveness, which frees every buffer after its last use).
//
// Phase split: the loss is result #lossResult of the function; the forward
// phase is every op the loss transitively depends on, plus every op that an
// op marked `recompute.phase = "forward"` depends on; the backward phase is
// the rest. `recompute.phase = "forward" | "backward"` on an op overrides
// the heuristic for that op.
//
// Storage model (per tensor value, in program order):
//   - tensor.empty, bufferization.alloc_tensor, tensor.pad, tensor.concat and
//     every other op that creates a tensor allocate static-shape bytes;
//   - destination-passing ops (linalg ops, tensor.insert_slice) write into
//     the buffer of their init when no later op reads the init's buffer
//     (the result then aliases it), else into a new buffer (a copy);
//     an init that is a constant is never written in place;
//   - views (collapse_shape, expand_shape, extract_slice, cast) alias their
//     source; constants are globals and take no bytes; function arguments
//     are not counted (their bytes are reported separately).
//
// Graph nodes: one per forward op producing tensors, except that an
// initialisation op (tensor.empty, alloc_tensor, linalg.fill, a linalg op
// without tensor inputs) whose only use is the in-place init of the next
// op is merged into that op: the node then stands for the whole chain
// (e.g. empty + fill + matmul) and owns the chain's buffer. Recomputing the
// node clones the chain.
//
//===----------------------------------------------------------------------===//

#ifndef RECOMPUTE_ANALYSIS_TRAININGGRAPH_H
#define RECOMPUTE_ANALYSIS_TRAININGGRAPH_H

#include "recompute/Analysis/CostModel.h"
#include "recompute/Graph/Program.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Value.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>
#include <vector>

namespace recompute {

/// The attribute that pins an op to a phase ("forward" or "backward").
inline constexpr llvm::StringLiteral kPhaseAttrName = "recompute.phase";
/// The attribute that tags ops cloned for recomputation (value: node id).
inline constexpr llvm::StringLiteral kRematAttrName = "recompute.remat";
/// A unit attribute on a func.func declaring it pure, so calls to it may be
/// recomputed even when its body cannot be inspected.
inline constexpr llvm::StringLiteral kPureAttrName = "recompute.pure";
/// A unit attribute declaring an op, or a func.func (then every call to it),
/// stateful or random: its results are never recomputed, whatever its memory
/// effects say (a random-number generator, a dropout mask from a stateful
/// generator, a counter). Wins over kPureAttrName; it also applies to ops
/// nested in the regions of an op.
inline constexpr llvm::StringLiteral kStatefulAttrName = "recompute.stateful";

struct TrainingGraphOptions {
  unsigned lossResult = 0;
  CostModelKind costModel = CostModelKind::Flops;
  /// Severity of the diagnostic for valid IR the analysis cannot model:
  /// several blocks, dynamic or unranked shapes, element types without a
  /// fixed data layout size, tensors over 2^62 bytes. recompute-memory-budget
  /// uses Warning and then leaves the function unchanged; with Warning the
  /// message ends with "; the function is left unchanged".
  mlir::DiagnosticSeverity unsupportedSeverity =
      mlir::DiagnosticSeverity::Error;
};

class TrainingGraph {
public:
  /// Analyses `func` (which must have a body). On a violated precondition,
  /// emits a diagnostic at the offending location and fails. When the
  /// failure is valid IR the analysis cannot model (see
  /// TrainingGraphOptions::unsupportedSeverity) and `unsupported` is given,
  /// sets `*unsupported` to true; other failures (invalid recompute.phase,
  /// loss-result out of range) set it to false.
  static mlir::FailureOr<TrainingGraph>
  build(mlir::func::FuncOp func, const TrainingGraphOptions &options,
        bool *unsupported = nullptr);

  mlir::func::FuncOp getFunc() const { return func; }
  const Program &program() const { return prog; }

  /// Phase split, in program order (the terminator is in neither).
  llvm::ArrayRef<mlir::Operation *> forwardOps() const { return fwdOps; }
  llvm::ArrayRef<mlir::Operation *> backwardOps() const { return bwdOps; }
  bool isForward(mlir::Operation *op) const { return fwdSet.count(op); }
  /// True when some backward op comes before some forward op.
  bool isInterleaved() const { return interleaved; }

  size_t numNodes() const { return nodeMembers.size(); }
  /// The ops a node stands for, in program order; the last one (the
  /// anchor) produces the value the rest of the function uses.
  llvm::ArrayRef<mlir::Operation *> nodeOps(NodeId v) const {
    return nodeMembers[v];
  }
  mlir::Operation *anchor(NodeId v) const { return nodeMembers[v].back(); }
  /// The node producing a forward tensor value.
  std::optional<NodeId> nodeOf(mlir::Value v) const;
  /// FLOPs of a node (flops cost model, whatever model sets the times).
  double nodeFlops(NodeId v) const { return flopsOfNode[v]; }
  /// Op name of the anchor (e.g. "linalg.matmul").
  llvm::StringRef nodeOpName(NodeId v) const;

  /// Forward nodes read by the backward phase (directly or through a view),
  /// sorted by id, and the bytes of their distinct buffers.
  llvm::ArrayRef<NodeId> activations() const { return acts; }
  uint64_t activationBytes() const { return actBytes; }

  uint64_t argumentBytes() const { return argBytes; }
  double forwardFlops() const { return fwdFlops; }
  double backwardFlops() const { return bwdFlops; }

  /// Walks `v`'s alias chain in the program to the node owning its buffer.
  NodeId storageRoot(NodeId v) const;

private:
  friend class TrainingGraphBuilder;
  TrainingGraph() = default;

  mlir::func::FuncOp func;
  Program prog;
  std::vector<mlir::Operation *> fwdOps, bwdOps;
  llvm::DenseSet<mlir::Operation *> fwdSet;
  bool interleaved = false;
  std::vector<llvm::SmallVector<mlir::Operation *, 3>> nodeMembers;
  llvm::DenseMap<mlir::Value, NodeId> valueToNode;
  std::vector<double> flopsOfNode;
  std::vector<NodeId> acts;
  uint64_t actBytes = 0;
  uint64_t argBytes = 0;
  double fwdFlops = 0, bwdFlops = 0;
};

/// Byte size of a statically shaped tensor type under the data layout in
/// scope of `scope`; std::nullopt for dynamic or unranked shapes, element
/// types the data layout cannot size, and sizes above 2^62 bytes.
std::optional<uint64_t> tensorBytes(mlir::Operation *scope,
                                    mlir::TensorType type);

} // namespace recompute

#endif // RECOMPUTE_ANALYSIS_TRAININGGRAPH_H
