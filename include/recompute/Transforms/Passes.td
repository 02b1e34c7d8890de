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
    "mlir::arith::ArithDialect",
    "mlir::bufferization::BufferizationDialect",
    "mlir::linalg::LinalgDialect",
    "mlir::math::MathDialect",
    "mlir::tensor::TensorDialect"
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

def RecomputeStaticPeakPass : Pass<"recompute-static-peak", "mlir::ModuleOp"> {
  let summary = "Compute the peak of live heap buffers of bufferized functions";
  let description = [{
    Simulates every function with a body in program order and reports the
    largest number of bytes held at once by heap buffers that the function
    itself allocates: `memref.alloc`, `bufferization.clone` and
    `memref.realloc` allocate (static shapes; sizes via the data layout),
    `memref.dealloc` and `bufferization.dealloc` free the allocation their
    operand is a view of. Function arguments, globals, `memref.alloca` and
    the callees of calls are not counted. The regions of an op (`scf.if`,
    `scf.for`, ...) are simulated as alternatives, each from the state
    before the op and once (a loop body once): the op's peak is the largest
    region peak and the state after it is that of the region ending with the
    most bytes live. A buffer that leaves a region through the op's results
    counts as live until the end of the function.

    Meant to run after `recompute-bufferize` (or any pipeline that places
    deallocations), before lowering to LLVM: the static peak of a training
    step that way is the peak the recompute passes predict and that
    libRecomputeMemTrack.so measures at run time. With
    `round-to-alignment`, each size is rounded up to a multiple of the
    allocation's alignment (the `alignment` attribute, else
    max(16, element size rounded to a power of two)), as the aligned
    allocation lowering (`finalize-memref-to-llvm{use-aligned-alloc=1}`)
    does; the result then equals the measured peak exactly.

    Sets `recompute.static_peak_bytes` (i64) on every analysed function,
    optionally emits a remark per function and writes a JSON report: an
    object whose "functions" array holds one object per function with the
    keys name, peak_bytes, live_allocs_at_peak, allocs, frees and
    end_live_bytes. A dynamically shaped allocation is an error.

    With `profile=FILE`, also writes the memory-over-time profile: per
    function, "curve" holds one [op, live_bytes] point after every
    allocation and free of the function's top-level block, `op` being the
    ordinal of the op in a walk of the body in program order (`num_ops` in
    total; an op with regions is one point, after it, with "region_peaks"
    listing [op, peak] of its regions); "peak_op" is the ordinal where the
    peak is first reached and "live_at_peak" the largest buffers live then
    ([bytes, op name of the allocation's first user, ordinal of the
    allocation, its type, its location]).
  }];
  let dependentDialects = ["mlir::memref::MemRefDialect"];
  let options = [
    Option<"roundToAlignment", "round-to-alignment", "bool", /*default=*/"false",
           "Round each allocation up to a multiple of its alignment, as the "
           "aligned allocation lowering does">,
    Option<"emitRemarks", "emit-remarks", "bool", /*default=*/"false",
           "Emit a remark with the peak on each function">,
    Option<"report", "report", "std::string", /*default=*/"\"\"",
           "Write a JSON report to this file ('-' for stdout)">,
    Option<"profile", "profile", "std::string", /*default=*/"\"\"",
           "Write the live-bytes curve of every function (program order) "
           "and the buffers live at its peak as JSON to this file ('-' for "
           "stdout)">,
    Option<"profileTop", "profile-top", "unsigned", /*default=*/"12",
           "Number of buffers live at the peak listed in the profile, "
           "largest first">,
  ];
  let statistics = [
    Statistic<"numPeakBytes", "static-peak-bytes",
              "Largest static peak over the functions (bytes)">,
  ];
}


#endif // RECOMPUTE_TRANSFORMS_PASSES
