//===- CostModel.h - Compute time of tensor ops -----------------*- C++ -*-===//
//
// Part of the recompute project.
//
//===----------------------------------------------------------------------===//
//
// The time T_v of a graph node. Three models:
//   flops  iteration-space size times the number of payload ops for linalg
//          ops; the number of result elements for other tensor ops; 0 for
//          allocations, views and constants (they compute nothing);
//   unit   1 per op that produces a tensor;
//   paper  10 for convolutions, 1 for every other op (the paper's setting).
//
//===----------------------------------------------------------------------===//

#ifndef RECOMPUTE_ANALYSIS_COSTMODEL_H
#define RECOMPUTE_ANALYSIS_COSTMODEL_H

#include "mlir/IR/Operation.h"
#include "llvm/ADT/StringRef.h"

#include <optional>

namespace recompute {

enum class CostModelKind { Flops, Unit, Paper };

/// Parses flops|unit|paper.
std::optional<CostModelKind> parseCostModel(llvm::StringRef text);
const char *toString(CostModelKind kind);

/// Estimated floating-point (or integer) operations executed by `op` on its
/// tensors; see the file comment. Never negative.
double estimateFlops(mlir::Operation *op);

/// True for linalg convolutions (conv_*, depthwise_conv_*).
bool isConvolution(mlir::Operation *op);

/// The time of `op` under `kind`.
double opCost(mlir::Operation *op, CostModelKind kind);

} // namespace recompute

#endif // RECOMPUTE_ANALYSIS_COSTMODEL_H
