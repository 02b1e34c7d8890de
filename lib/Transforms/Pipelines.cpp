//===- Pipelines.cpp - lowering pipelines for execution and measurement ---===//
//
// Part of the recompute project.
//
//===----------------------------------------------------------------------===//
//
// Registers two pass pipelines on `builtin.module`:
//
//   recompute-bufferize     tensor training step -> memrefs with explicit
//                           deallocations, each placed right after the last
//                           use of its buffer (the form whose program-order
//                           peak is the peak the recompute passes model);
//   recompute-lower-to-llvm recompute-bufferize, then down to the LLVM
//                           dialect with the generic allocation functions
//                           (`_mlir_memref_to_llvm_aligned_alloc`,
//                           `_mlir_memref_to_llvm_free`) that the runtime
//                           memory counter libRecomputeMemTrack.so defines.
//
// Both start by decomposing aggregated linalg ops (linalg.softmax), which
// `convert-linalg-to-loops` would otherwise leave behind unlowered.
//
//===----------------------------------------------------------------------===//

#include "recompute/Transforms/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/IR/Builders.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"

using namespace mlir;

FailureOr<bool> recompute::decomposeAggregatedOps(Operation *root) {
  SmallVector<linalg::AggregatedOpInterface> worklist;
  root->walk([&](linalg::AggregatedOpInterface op) { worklist.push_back(op); });
  for (linalg::AggregatedOpInterface op : worklist) {
    OpBuilder builder(op);
    FailureOr<SmallVector<Value>> replacements = op.decomposeOperation(builder);
    if (failed(replacements))
      return op->emitError("cannot decompose aggregated op");
    op->replaceAllUsesWith(*replacements);
    op->erase();
  }
  return !worklist.empty();
}

namespace {

/// Replaces every op implementing linalg::AggregatedOpInterface (in MLIR 22:
/// linalg.softmax) with its decomposition into simpler linalg ops. Internal to
/// the pipelines; not registered as a stand-alone pass.
struct DecomposeAggregatedOpsPass
    : public PassWrapper<DecomposeAggregatedOpsPass,
                         OperationPass<func::FuncOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(DecomposeAggregatedOpsPass)

  StringRef getArgument() const final {
    return "recompute-internal-decompose-aggregated-ops";
  }
  StringRef getDescription() const final {
    return "Decompose aggregated linalg ops (linalg.softmax)";
  }

  void getDependentDialects(DialectRegistry &registry) const override {
    registry.insert<linalg::LinalgDialect>();
  }

  void runOnOperation() override {
    if (failed(recompute::decomposeAggregatedOps(getOperation())))
      signalPassFailure();
  }
};

/// Bufferize, insert deallocations and move each one right after the last use
/// of its buffer.
void buildBufferizePipeline(OpPassManager &pm) {
  pm.addNestedPass<func::FuncOp>(
      std::make_unique<DecomposeAggregatedOpsPass>());

  bufferization::OneShotBufferizePassOptions bufferizeOptions;
  bufferizeOptions.bufferizeFunctionBoundaries = true;
  bufferizeOptions.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferizeOptions));

  // Ownership-based deallocation puts every dealloc at the end of its block;
  // optimize-allocation-liveness then frees each buffer after its last use.
  bufferization::buildBufferDeallocationPipeline(pm);
  pm.addNestedPass<func::FuncOp>(
      bufferization::createOptimizeAllocationLivenessPass());
}

/// The full lowering to the LLVM dialect for mlir-runner.
void buildLowerToLLVMPipeline(OpPassManager &pm) {
  buildBufferizePipeline(pm);
  // bufferization.clone / dealloc ops that survive the dealloc pipeline.
  pm.addPass(createConvertBufferizationToMemRefPass());
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());

  // Route every allocation through the generic, hookable functions.
  FinalizeMemRefToLLVMConversionPassOptions memrefOptions;
  memrefOptions.useGenericFunctions = true;
  memrefOptions.useAlignedAlloc = true;
  pm.addPass(createFinalizeMemRefToLLVMConversionPass(memrefOptions));

  pm.addPass(createConvertToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
}

} // namespace

void recompute::registerRecomputePipelines() {
  PassPipelineRegistration<>(
      "recompute-bufferize",
      "Bufferize a tensor training step (function boundaries included, "
      "identity layouts), insert deallocations and free each buffer right "
      "after its last use",
      buildBufferizePipeline);
  PassPipelineRegistration<>(
      "recompute-lower-to-llvm",
      "recompute-bufferize, then lower to the LLVM dialect; allocations call "
      "_mlir_memref_to_llvm_aligned_alloc/_free (64-byte aligned), which "
      "libRecomputeMemTrack.so counts",
      buildLowerToLLVMPipeline);
}
