//===- RecomputeReport.cpp - Report the analysis and plan -----------------===//
//
// Part of the recompute project.
//
//===----------------------------------------------------------------------===//
//
// The recompute-report pass: the analysis and plan of
// recompute-memory-budget, printed as text or JSON. The IR is not changed.
//
//===----------------------------------------------------------------------===//

#include "recompute/Transforms/Passes.h"
#include "recompute/Transforms/Rematerialize.h"

#include "recompute/Graph/Simulator.h"

#include <chrono>

namespace recompute {
#define GEN_PASS_DEF_RECOMPUTEREPORTPASS
#include "recompute/Transforms/Passes.h.inc"
} // namespace recompute

using namespace mlir;
using namespace recompute;

namespace {

struct RecomputeReportPass
    : public recompute::impl::RecomputeReportPassBase<RecomputeReportPass> {
  using RecomputeReportPassBase::RecomputeReportPassBase;

  void runOnOperation() override {
    auto start = std::chrono::steady_clock::now();
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    if (format != "text" && format != "json") {
      mlir::emitError(func.getLoc())
          << "unknown format '" << format << "' (expected text or json)";
      return signalPassFailure();
    }
    StepOptions raw{budget,    solver,     strategy,
                    costModel, lossResult, lowerSetCap};
    FailureOr<ResolvedOptions> options = resolveOptions(func, raw);
    if (failed(options))
      return signalPassFailure();
    if (func.getNumResults() == 0 && lossResult == 0)
      return; // no loss: not a training step

    // Analyse what recompute-memory-budget analyses (aggregated ops
    // decomposed); the body is restored before returning.
    ScopedDecomposition decomposition(func);
    if (!decomposition.succeeded())
      return signalPassFailure();
    if (!decomposition.changed())
      markAllAnalysesPreserved();
    FailureOr<TrainingGraph> graph = TrainingGraph::build(func, options->graph);
    if (failed(graph))
      return signalPassFailure();

    StepReport info;
    describeGraph(*graph, *options, info);
    const Program &prog = graph->program();
    uint64_t vanilla = simulateVanilla(prog).peak;
    info.peakBefore = info.peakAfter = info.predictedPeak = vanilla;
    if (options->budget)
      info.budgetBytes = options->budget->resolve(vanilla);

    if (graph->backwardOps().empty()) {
      info.reason = "no backward ops";
    } else if (graph->activations().empty()) {
      info.reason = "no activation crosses from the forward to the backward "
                    "phase";
    } else {
      PlanOptions planOptions = options->plan;
      planOptions.budget = info.budgetBytes;
      PlanResult plan = recompute::plan(prog, planOptions);
      info.solverUsed = plan.solverUsed;
      info.fallbackNote = plan.fallbackNote;
      info.minAchievablePeak = plan.minAchievablePeak;
      if (!plan.feasible) {
        info.status = "infeasible";
        info.reason = "budget " +
                      formatBytesLong(info.budgetBytes.value_or(0)) +
                      " is below the smallest achievable peak of " +
                      formatBytesLong(plan.minAchievablePeak);
      } else if (info.budgetBytes && vanilla <= *info.budgetBytes) {
        info.reason = "the unmodified step already fits the budget";
      } else {
        describePlan(*graph, plan, info);
        info.status = info.recomputed ? "planned" : "unchanged";
        if (!info.recomputed)
          info.reason = "the plan keeps every activation";
      }
    }
    info.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    if (failed(writeReport(func, info, output, format == "json")))
      signalPassFailure();
  }
};

} // namespace
