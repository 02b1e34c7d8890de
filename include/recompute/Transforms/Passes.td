//===- Passes.td - recompute pass definitions --------------*- tablegen -*-===//
//
// Part of the recompute project.
//
//===----------------------------------------------------------------------===//

#ifndef RECOMPUTE_TRANSFORMS_PASSES
#define RECOMPUTE_TRANSFORMS_PASSES

include "mlir/Pass/PassBase.td"

def RecomputeMemoryBudgetPass
    : Pass<"recompute-memory-budget", "mlir::func::FuncOp"> {
  let summary = "Rematerialize forward activations to fit a training step "
                "under a memory budget";
  let description = [{
    Analyses a training-step function (tensor semantics, one block, static
    shapes), splits it into forward and backward phases, builds the graph of
    Kusumoto et al. (NeurIPS 2019) over the forward ops, chooses which
    activations to keep with the dynamic programme, judging each candidate
    plan by the liveness peak of the function it would produce, and clones
    the discarded forward ops right before their first backward user.

    See docs/Passes.md for preconditions, options, the peak definition, and
    what happens when the budget cannot be met.
  }];
  let dependentDialects = [
    "mlir::bufferization::BufferizationDialect",
    "mlir::tensor::TensorDialect",
    "mlir::linalg::LinalgDialect"
  ];
  let options = [
    Option<"budget", "budget", "std::string", /*default=*/"\"\"",
           "Peak budget: bytes with an optional unit (512MiB, 2GB, 1.5GiB) "
           "or N% of the unmodified step's peak; empty = smallest achievable">,
    Option<"solver", "solver", "std::string", /*default=*/"\"auto\"",
           "auto|exact|approx|chen|paper-approx|paper-exact">,
    Option<"strategy", "strategy", "std::string", /*default=*/"\"time-centric\"",
           "time-centric|memory-centric">,
    Option<"costModel", "cost-model", "std::string", /*default=*/"\"flops\"",
           "flops|unit|paper">,
    Option<"lossResult", "loss-result", "unsigned", /*default=*/"0",
           "Index of the function result holding the loss">,
    Option<"report", "report", "std::string", /*default=*/"\"\"",
           "Write a JSON report to this file ('-' for stdout)">,
    Option<"lowerSetCap", "lower-set-cap", "unsigned", /*default=*/"200000",
           "Largest number of lower sets the exact solver may enumerate">,
  ];
  let statistics = [
    Statistic<"numPeakBefore", "peak-bytes-before", "Simulated peak before (bytes)">,
    Statistic<"numPeakAfter", "peak-bytes-after", "Simulated peak after (bytes)">,
    Statistic<"numRecomputedOps", "recomputed-ops", "Forward ops cloned for recomputation">,
    Statistic<"numRecomputeFlops", "recompute-flops", "FLOPs added by recomputation">,
  ];
}

def RecomputeReportPass : Pass<"recompute-report", "mlir::func::FuncOp"> {
  let summary = "Report the training-step analysis and plan without changing the IR";
  let description = [{
    Runs the same analysis and planning as `recompute-memory-budget` and
    prints the facts (phase split, activations, peak before and after the
    plan the pass would choose) as text or JSON. The IR is not modified.
  }];
  let options = [
    Option<"budget", "budget", "std::string", /*default=*/"\"\"",
           "Peak budget, as for recompute-memory-budget">,
    Option<"solver", "solver", "std::string", /*default=*/"\"auto\"",
           "auto|exact|approx|chen|paper-approx|paper-exact">,
    Option<"strategy", "strategy", "std::string", /*default=*/"\"time-centric\"",
           "time-centric|memory-centric">,
    Option<"costModel", "cost-model", "std::string", /*default=*/"\"flops\"",
           "flops|unit|paper">,
    Option<"lossResult", "loss-result", "unsigned", /*default=*/"0",
           "Index of the function result holding the loss">,
    Option<"format", "format", "std::string", /*default=*/"\"text\"",
           "text|json">,
    Option<"output", "output", "std::string", /*default=*/"\"-\"",
           "Where to write the report ('-' for stdout)">,
    Option<"lowerSetCap", "lower-set-cap", "unsigned", /*default=*/"200000",
           "Largest number of lower sets the exact solver may enumerate">,
  ];
}

#endif // RECOMPUTE_TRANSFORMS_PASSES
