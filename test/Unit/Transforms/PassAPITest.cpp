//===- PassAPITest.cpp - The passes through the public C++ API ------------===//
//
// Part of the recompute project.
//
//===----------------------------------------------------------------------===//
//
// What an ML compiler does when it adds recompute-memory-budget to its own
// pipeline: create the pass with options, run it, read the result.
//
//===----------------------------------------------------------------------===//

#include "recompute/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include "gtest/gtest.h"

using namespace mlir;

namespace {

// Four exponentials, a sum as the loss, and a backward that reads every
// activation in reverse order (each activation is 1 KiB).
const char *kChain = R"mlir(
func.func @chain(%x: tensor<16x16xf32>) -> (tensor<f32>, tensor<16x16xf32>) {
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<16x16xf32>
  %a1 = linalg.exp ins(%x : tensor<16x16xf32>) outs(%e1 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %e2 = tensor.empty() : tensor<16x16xf32>
  %a2 = linalg.exp ins(%a1 : tensor<16x16xf32>) outs(%e2 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %e3 = tensor.empty() : tensor<16x16xf32>
  %a3 = linalg.exp ins(%a2 : tensor<16x16xf32>) outs(%e3 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %e4 = tensor.empty() : tensor<16x16xf32>
  %a4 = linalg.exp ins(%a3 : tensor<16x16xf32>) outs(%e4 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %el = tensor.empty() : tensor<f32>
  %fl = linalg.fill ins(%zero : f32) outs(%el : tensor<f32>) -> tensor<f32>
  %loss = linalg.reduce ins(%a4 : tensor<16x16xf32>) outs(%fl : tensor<f32>) dimensions = [0, 1]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  %b4 = tensor.empty() : tensor<16x16xf32>
  %g4 = linalg.mul ins(%a4, %a4 : tensor<16x16xf32>, tensor<16x16xf32>) outs(%b4 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %b3 = tensor.empty() : tensor<16x16xf32>
  %g3 = linalg.mul ins(%g4, %a3 : tensor<16x16xf32>, tensor<16x16xf32>) outs(%b3 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %b2 = tensor.empty() : tensor<16x16xf32>
  %g2 = linalg.mul ins(%g3, %a2 : tensor<16x16xf32>, tensor<16x16xf32>) outs(%b2 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %b1 = tensor.empty() : tensor<16x16xf32>
  %g1 = linalg.mul ins(%g2, %a1 : tensor<16x16xf32>, tensor<16x16xf32>) outs(%b1 : tensor<16x16xf32>) -> tensor<16x16xf32>
  return %loss, %g1 : tensor<f32>, tensor<16x16xf32>
}
)mlir";

class PassAPITest : public ::testing::Test {
protected:
  PassAPITest() {
    DialectRegistry registry;
    registry.insert<arith::ArithDialect, bufferization::BufferizationDialect,
                    func::FuncDialect, linalg::LinalgDialect,
                    tensor::TensorDialect>();
    context.appendDialectRegistry(registry);
    context.loadAllAvailableDialects();
  }

  /// Runs the pass with `options`; returns the number of cloned ops, or -1
  /// when the pass failed. Diagnostics are collected in `messages`.
  int run(const recompute::RecomputeMemoryBudgetPassOptions &options) {
    OwningOpRef<ModuleOp> module =
        parseSourceString<ModuleOp>(kChain, &context);
    EXPECT_TRUE(module);
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &d) {
      messages.push_back(d.str());
      return success();
    });
    PassManager pm(&context);
    pm.addNestedPass<func::FuncOp>(
        recompute::createRecomputeMemoryBudgetPass(options));
    if (failed(pm.run(*module)))
      return -1;
    int clones = 0;
    module->walk([&](Operation *op) {
      if (op->hasAttr("recompute.remat"))
        ++clones;
    });
    return clones;
  }

  MLIRContext context;
  std::vector<std::string> messages;
};

TEST_F(PassAPITest, SmallestPeakRecomputes) {
  recompute::RecomputeMemoryBudgetPassOptions options;
  int clones = run(options);
  EXPECT_GT(clones, 0);
}

TEST_F(PassAPITest, GenerousBudgetChangesNothing) {
  recompute::RecomputeMemoryBudgetPassOptions options;
  options.budget = "100%";
  EXPECT_EQ(run(options), 0);
}

TEST_F(PassAPITest, InfeasibleBudgetFailsWithTheSmallestPeak) {
  recompute::RecomputeMemoryBudgetPassOptions options;
  options.budget = "1KiB";
  EXPECT_EQ(run(options), -1);
  bool named = false;
  for (const std::string &m : messages)
    named |= m.find("smallest achievable peak") != std::string::npos;
  EXPECT_TRUE(named);
}

} // namespace
