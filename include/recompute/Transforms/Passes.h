//===- Passes.h - recompute passes ------------------------------*- C++ -*-===//
//
// Part of the recompute project.
//
//===----------------------------------------------------------------------===//
//
// Public C++ API: add the passes to your own pipeline, e.g.
//
//   #include "recompute/Transforms/Passes.h"
//   pm.addNestedPass<mlir::func::FuncOp>(
//       recompute::createRecomputeMemoryBudgetPass({/*budget=*/"60%"}));
//
//===----------------------------------------------------------------------===//

#ifndef RECOMPUTE_TRANSFORMS_PASSES_H
#define RECOMPUTE_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/Pass.h"

namespace recompute {

#define GEN_PASS_DECL
#include "recompute/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "recompute/Transforms/Passes.h.inc"

/// Registers the lowering pipeline used by the execution tests and the
/// benchmarks: "recompute-lower-to-llvm" (bufferize with deallocation, free
/// each buffer after its last use, lower to the LLVM dialect with the
/// generic allocation functions that the runtime memory counter hooks).
void registerRecomputePipelines();

/// Replaces every op under `root` implementing linalg::AggregatedOpInterface
/// (in MLIR 22: linalg.softmax) with its decomposition into simpler linalg
/// ops, the form bufferization sees. Returns true when an op was decomposed;
/// fails (with an error at the op) when one cannot be.
mlir::FailureOr<bool> decomposeAggregatedOps(mlir::Operation *root);

} // namespace recompute

#endif // RECOMPUTE_TRANSFORMS_PASSES_H
