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
//   unit   1 per graph node;
//   paper  10 for a node holding a convolution, 1 for every other node (the
//          paper's setting).
// A graph node may stand for a short chain of ops (tensor.empty + linalg.fill
// + linalg.matmul): flops sums the chain, unit and paper count the node.
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

/// The time of a single op under `kind` (a node's time: see the file
/// comment).
double opCost(mlir::Operation *op, CostModelKind kind);

} // namespace recompute

#endif // RECOMPUTE_ANALYSIS_COSTMODEL_H
