//===- Rematerialize.h - Plan and rewrite a training step -------*- C++ -*-===//
//
// Part of the recompute project.
//
//===----------------------------------------------------------------------===//
//
// The pieces shared by recompute-memory-budget and recompute-report: option
// parsing, planning a function, the IR rewrite, and the report.
//
//===----------------------------------------------------------------------===//

#ifndef RECOMPUTE_TRANSFORMS_REMATERIALIZE_H
#define RECOMPUTE_TRANSFORMS_REMATERIALIZE_H

#include "recompute/Analysis/TrainingGraph.h"
#include "recompute/Graph/Planner.h"
#include "recompute/Graph/Size.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>
#include <vector>

namespace recompute {

/// The options both passes take, as written on the command line.
struct StepOptions {
  std::string budget;
  std::string solver = "auto";
  std::string strategy = "time-centric";
  std::string costModel = "flops";
  unsigned lossResult = 0;
  unsigned lowerSetCap = 200000;
};

/// Validated options.
struct ResolvedOptions {
  std::optional<BudgetSpec> budget;
  PlanOptions plan; // budget left unset; see resolveBudget
  TrainingGraphOptions graph;
  std::string solverName, strategyName;
};

/// Parses `options`; on a malformed value emits an error at the function.
mlir::FailureOr<ResolvedOptions> resolveOptions(mlir::func::FuncOp func,
                                                const StepOptions &options);

/// What the passes found and did, for remarks and the JSON/text report.
struct StepReport {
  struct Activation {
    std::string name, op;
    uint64_t bytes = 0; // bytes of the buffer it keeps alive
    bool kept = true;
  };
  std::string function, solver, solverUsed, strategy, costModel, fallbackNote;
  /// "rewritten", "unchanged" or "infeasible"; `reason` says why unchanged.
  std::string status = "unchanged", reason;
  std::optional<uint64_t> budgetBytes;
  uint64_t peakBefore = 0, peakAfter = 0, predictedPeak = 0;
  /// Known once the planner ran.
  std::optional<uint64_t> minAchievablePeak;
  uint64_t argumentBytes = 0, activationBytes = 0;
  double forwardFlops = 0, backwardFlops = 0, recomputeFlops = 0;
  /// Recomputation time in the units of the cost model (the planner's
  /// overhead).
  double recomputeCost = 0;
  size_t forwardOps = 0, backwardOps = 0, kept = 0, recomputed = 0;
  size_t recomputedOps = 0, candidates = 0;
  /// Size of the graph given to the planner.
  size_t graphNodes = 0, graphEdges = 0;
  std::vector<Activation> activations;
  double seconds = 0;

  /// False for a report that was never filled (nothing analysed).
  bool empty() const { return function.empty(); }
  double overhead() const {
    double base = forwardFlops + backwardFlops;
    return base > 0 ? recomputeFlops / base : 0;
  }
  void printJSON(llvm::raw_ostream &os) const;
  void printText(llvm::raw_ostream &os) const;
};

/// The forward nodes a plan recomputes, in topological order: the
/// discarded (not kept, recomputable) nodes the backward phase needs,
/// directly or as inputs of other recomputed nodes.
std::vector<NodeId> recomputedNodes(const TrainingGraph &graph,
                                    const NodeSet &kept);

/// Replaces the aggregated ops of a function (linalg.softmax) with their
/// decomposition, the form the lowering bufferizes, so that the analysis
/// counts their temporaries; the original body is put back when the object
/// is destroyed unless keep() was called. Functions without aggregated ops
/// are not touched (changed() is false).
class ScopedDecomposition {
public:
  explicit ScopedDecomposition(mlir::func::FuncOp func);
  ~ScopedDecomposition();
  ScopedDecomposition(const ScopedDecomposition &) = delete;
  ScopedDecomposition &operator=(const ScopedDecomposition &) = delete;

  /// False when an aggregated op could not be decomposed (error emitted).
  bool succeeded() const { return ok; }
  /// True when the body currently holds decomposed ops.
  bool changed() const { return decomposed; }
  /// Keep the decomposed body (the function was rewritten from it).
  void keep() { kept = true; }

private:
  mlir::func::FuncOp func, original;
  bool ok = true, decomposed = false, kept = false;
};

/// Rewrites the function of `graph`: moves the backward ops after the
/// forward ops (stable) when they are interleaved, then clones every
/// recomputed node right before the first backward op that needs it (in
/// topological order, each node once), tags the clones with
/// `recompute.remat`, gives cloned tensor.empty ops fresh
/// bufferization.alloc_tensor destinations, and rewires the backward uses.
/// Returns the number of ops cloned. `graph` is stale afterwards.
unsigned rematerialize(const TrainingGraph &graph, const NodeSet &kept);

/// Writes `report` as JSON or text to `path` ('-' = stdout). A report
/// without activations (nothing to plan) does not replace a file that this
/// process already wrote a report with activations to. Emits an error at the
/// function on failure.
mlir::LogicalResult writeReport(mlir::func::FuncOp func,
                                const StepReport &report, llvm::StringRef path,
                                bool json);

/// Fills the analysis part of a report (function, phase split, FLOPs).
void describeGraph(const TrainingGraph &graph, const ResolvedOptions &options,
                   StepReport &report);

/// Fills the plan part of a report from a plan of `graph` (before any
/// rewrite): activations kept/recomputed, recompute FLOPs, predicted peak.
void describePlan(const TrainingGraph &graph, const PlanResult &plan,
                  StepReport &report);

} // namespace recompute

#endif // RECOMPUTE_TRANSFORMS_REMATERIALIZE_H
