//===- CostModel.cpp - Compute time of tensor ops -------------------------===//
//
// Part of the recompute project.
//
//===----------------------------------------------------------------------===//

#include "recompute/Analysis/CostModel.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;

namespace recompute {

std::optional<CostModelKind> parseCostModel(llvm::StringRef text) {
  if (text == "flops")
    return CostModelKind::Flops;
  if (text == "unit")
    return CostModelKind::Unit;
  if (text == "paper")
    return CostModelKind::Paper;
  return std::nullopt;
}

const char *toString(CostModelKind kind) {
  switch (kind) {
  case CostModelKind::Flops:
    return "flops";
  case CostModelKind::Unit:
    return "unit";
  case CostModelKind::Paper:
    return "paper";
  }
  return "flops";
}

static double numElements(Type type) {
  auto shaped = dyn_cast<ShapedType>(type);
  if (!shaped || !shaped.hasStaticShape())
    return 0;
  return static_cast<double>(shaped.getNumElements());
}

static double resultElements(Operation *op) {
  double total = 0;
  for (Type t : op->getResultTypes())
    total += numElements(t);
  return total;
}

/// Ops that allocate, alias or name data without computing anything.
static bool computesNothing(Operation *op) {
  return isa<tensor::EmptyOp, bufferization::AllocTensorOp,
             tensor::CollapseShapeOp, tensor::ExpandShapeOp,
             tensor::ExtractSliceOp, tensor::CastOp>(op) ||
         op->hasTrait<OpTrait::ConstantLike>();
}

double estimateFlops(Operation *op) {
  if (computesNothing(op))
    return 0;
  if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op)) {
    double space = 1;
    for (int64_t range : linalgOp.getStaticLoopRanges()) {
      if (ShapedType::isDynamic(range))
        return resultElements(op);
      space *= static_cast<double>(range);
    }
    // Payload ops, not counting the terminator; a copy-like body (only a
    // yield) still touches every point once.
    double bodyOps = 0;
    Block *body = linalgOp.getBlock();
    if (body)
      for (Operation &inner : body->without_terminator()) {
        (void)inner;
        bodyOps += 1;
      }
    return space * std::max(bodyOps, 1.0);
  }
  if (auto insert = dyn_cast<tensor::InsertSliceOp>(op))
    return numElements(insert.getSourceType());
  return resultElements(op);
}

bool isConvolution(Operation *op) {
  StringRef name = op->getName().getStringRef();
  return name.starts_with("linalg.conv_") ||
         name.starts_with("linalg.depthwise_conv_");
}

double opCost(Operation *op, CostModelKind kind) {
  switch (kind) {
  case CostModelKind::Flops:
    return estimateFlops(op);
  case CostModelKind::Unit:
    return 1;
  case CostModelKind::Paper:
    return isConvolution(op) ? 10 : 1;
  }
  return 1;
}

} // namespace recompute
