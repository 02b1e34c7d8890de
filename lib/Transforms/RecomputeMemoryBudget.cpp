//===- RecomputeMemoryBudget.cpp - Rematerialize under a byte budget ------===//
//
// Part of the recompute project.
//
//===----------------------------------------------------------------------===//
//
// The recompute-memory-budget pass: analyse the training step, plan which
// activations to keep so that the simulated peak fits the budget with the
// least recomputation, clone the others before their backward users, and
// check the rewritten function by simulating it again.
//
//===----------------------------------------------------------------------===//

#include "recompute/Transforms/Passes.h"
#include "recompute/Transforms/Rematerialize.h"

#include "recompute/Graph/Simulator.h"

#include "llvm/Support/FormatVariadic.h"

#include <chrono>

#define DEBUG_TYPE "recompute-memory-budget"

namespace recompute {
#define GEN_PASS_DEF_RECOMPUTEMEMORYBUDGETPASS
#include "recompute/Transforms/Passes.h.inc"
} // namespace recompute

using namespace mlir;
using namespace recompute;

namespace {

struct RecomputeMemoryBudgetPass
    : public recompute::impl::RecomputeMemoryBudgetPassBase<
          RecomputeMemoryBudgetPass> {
  using RecomputeMemoryBudgetPassBase::RecomputeMemoryBudgetPassBase;

  void runOnOperation() override;

private:
  /// Writes the info when one was requested.
  void finish(func::FuncOp func, StepReport &info,
              std::chrono::steady_clock::time_point start) {
    info.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    if (!info.empty() && !this->report.empty())
      if (failed(writeReport(func, info, this->report, /*json=*/true)))
        signalPassFailure();
  }
};

} // namespace

void RecomputeMemoryBudgetPass::runOnOperation() {
  auto start = std::chrono::steady_clock::now();
  func::FuncOp func = getOperation();
  if (func.isExternal())
    return;

  StepOptions raw{budget, solver, strategy, costModel, lossResult, lowerSetCap};
  FailureOr<ResolvedOptions> options = resolveOptions(func, raw);
  if (failed(options))
    return signalPassFailure();

  if (func.getNumResults() == 0 && lossResult == 0) {
    mlir::emitRemark(func.getLoc())
        << "nothing to do: the function returns nothing, so "
           "it has no loss";
    return markAllAnalysesPreserved();
  }

  // Aggregated ops (linalg.softmax) allocate temporaries once decomposed,
  // which the lowering always does; analyse and rewrite the decomposed form so
  // that the plan counts them. The original body is put back on every path
  // that does not rewrite, so such a function is then left unchanged too.
  ScopedDecomposition decomposition(func);
  if (!decomposition.succeeded())
    return signalPassFailure();
  // Cached analyses refer to the ops of the body being analysed; after a
  // restore they are gone, so only an untouched body preserves analyses.
  auto preserveIfUntouched = [&] {
    if (!decomposition.changed())
      markAllAnalysesPreserved();
  };

  // Valid IR the analysis cannot model (several blocks, dynamic shapes, ...)
  // gets a warning and is left alone: the pass runs inside other people's
  // pipelines and must not fail them on such input. Misuse of the pass's own
  // controls (recompute.phase, loss-result) stays an error.
  TrainingGraphOptions analysisOptions = options->graph;
  analysisOptions.unsupportedSeverity = DiagnosticSeverity::Warning;
  bool unsupported = false;
  FailureOr<TrainingGraph> graph =
      TrainingGraph::build(func, analysisOptions, &unsupported);
  if (failed(graph)) {
    if (unsupported)
      return preserveIfUntouched();
    return signalPassFailure();
  }

  StepReport info;
  describeGraph(*graph, *options, info);
  mlir::emitRemark(func.getLoc())
      << "phase split: " << info.forwardOps << " forward ops, "
      << info.backwardOps << " backward ops, " << info.activations.size()
      << " activations crossing, " << formatBytesLong(info.activationBytes);

  const Program &prog = graph->program();
  uint64_t vanilla = simulateVanilla(prog).peak;
  info.peakBefore = info.peakAfter = info.predictedPeak = vanilla;
  numPeakBefore = vanilla;
  numPeakAfter = vanilla;
  if (options->budget)
    info.budgetBytes = options->budget->resolve(vanilla);

  auto unchanged = [&](const Twine &reason) {
    info.reason = reason.str();
    mlir::emitRemark(func.getLoc()) << "nothing to do: " << info.reason;
    finish(func, info, start);
    preserveIfUntouched();
  };
  if (graph->backwardOps().empty()) {
    // Usually the loss is not result 0: everything then feeds "the loss".
    if (func.getNumResults() > 1 && lossResult == 0)
      return unchanged("no backward ops (the loss is taken to be result 0, "
                       "which depends on every op; set loss-result if the "
                       "loss is another result)");
    return unchanged("no backward ops");
  }
  if (graph->activations().empty())
    return unchanged("no activation crosses from the forward to the "
                     "backward phase");
  if (info.budgetBytes && vanilla <= *info.budgetBytes)
    return unchanged("the unmodified step's peak of " +
                     formatBytesLong(vanilla) + " already fits the budget of " +
                     formatBytesLong(*info.budgetBytes));

  PlanOptions planOptions = options->plan;
  planOptions.budget = info.budgetBytes;
  PlanResult plan = recompute::plan(prog, planOptions);
  info.solverUsed = plan.solverUsed;
  info.fallbackNote = plan.fallbackNote;
  info.minAchievablePeak = plan.minAchievablePeak;
  if (!plan.fallbackNote.empty())
    mlir::emitRemark(func.getLoc()) << "solver fallback: " << plan.fallbackNote;
  if (!plan.feasible) {
    info.status = "infeasible";
    uint64_t budgetBytes = info.budgetBytes.value_or(0);
    mlir::emitError(func.getLoc())
        << "budget " << formatBytesLong(budgetBytes)
        << " is below the smallest achievable peak of "
        << formatBytesLong(plan.minAchievablePeak);
    finish(func, info, start);
    return signalPassFailure();
  }
  describePlan(*graph, plan, info);
  if (info.recomputed == 0 && info.budgetBytes && vanilla > *info.budgetBytes) {
    // Only the paper's baselines, which read the budget as a model budget,
    // take a plan that keeps everything under a budget below its peak.
    info.status = "infeasible";
    InFlightDiagnostic diag = mlir::emitError(func.getLoc());
    if (plan.minAchievablePeak > *info.budgetBytes)
      diag << "budget " << formatBytesLong(*info.budgetBytes)
           << " is below the smallest achievable peak of "
           << formatBytesLong(plan.minAchievablePeak);
    else
      diag << "the plan keeps every activation: its peak of "
           << formatBytesLong(vanilla) << " exceeds the budget of "
           << formatBytesLong(*info.budgetBytes);
    finish(func, info, start);
    return signalPassFailure();
  }
  if (info.recomputed == 0) {
    info.peakAfter = vanilla;
    return unchanged("the plan keeps every activation (peak " +
                     formatBytesLong(vanilla) + ")");
  }

  // Rewrite, then check the rewritten function by simulating it again.
  func::FuncOp saved = func.clone();
  unsigned cloned = rematerialize(*graph, plan.chosen.kept);
  FailureOr<TrainingGraph> after = TrainingGraph::build(func, options->graph);
  std::optional<uint64_t> peakAfter;
  if (succeeded(after))
    peakAfter = simulateVanilla(after->program()).peak;
  if (!peakAfter || (info.budgetBytes && *peakAfter > *info.budgetBytes)) {
    func.getBody().takeBody(saved.getBody());
    saved.erase();
    info.status = "infeasible";
    InFlightDiagnostic diag = mlir::emitError(func.getLoc());
    if (!peakAfter)
      diag << "cannot analyse the rewritten function; the function was left "
              "unchanged";
    else
      diag << "the rewritten function's simulated peak of "
           << formatBytesLong(*peakAfter) << " exceeds the budget of "
           << formatBytesLong(*info.budgetBytes) << " (planner predicted "
           << formatBytesLong(info.predictedPeak)
           << "); the function was left unchanged";
    finish(func, info, start);
    return signalPassFailure();
  }
  saved.erase();
  decomposition.keep();

  info.status = "rewritten";
  info.peakAfter = *peakAfter;
  info.recomputedOps = cloned;
  numPeakAfter = *peakAfter;
  numRecomputedOps = cloned;
  numRecomputeFlops = static_cast<uint64_t>(info.recomputeFlops);

  InFlightDiagnostic remark = mlir::emitRemark(func.getLoc());
  remark << "recomputing " << info.activations.size() - info.kept << " of "
         << info.activations.size() << " activations (" << info.recomputed
         << (info.recomputed == 1 ? " value, " : " values, ") << cloned
         << (cloned == 1 ? " op" : " ops") << " cloned, overhead "
         << llvm::formatv("{0:F2}", info.overhead() * 100)
         << "% of the step's FLOPs): peak " << formatBytesLong(vanilla)
         << " -> " << formatBytesLong(*peakAfter);
  if (info.budgetBytes)
    remark << ", budget " << formatBytesLong(*info.budgetBytes);
  if (*peakAfter != info.predictedPeak)
    remark << " (planner predicted " << formatBytesLong(info.predictedPeak)
           << ")";
  remark.report();
  finish(func, info, start);
}
