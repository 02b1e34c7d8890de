//===- TestPlugin.cpp - a minimal pass plugin for the loader tests --------===//
//
// Part of the recompute project.
//
//===----------------------------------------------------------------------===//
//
// RecomputeTestPlugin.so registers one pass that recompute-opt does not
// know, `recompute-test-plugin-pass{tag=...}`, which sets the attribute
// `recompute.test_plugin = "<tag>"` on every function. The tests in this
// folder use it to show that recompute-opt loads plugins before parsing its
// command line (the pass works as a direct flag), which stock mlir-opt 22
// does not.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Tools/Plugins/PassPlugin.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/Compiler.h"

using namespace mlir;

namespace {

struct TestPluginPass
    : public PassWrapper<TestPluginPass, OperationPass<func::FuncOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(TestPluginPass)

  TestPluginPass() = default;
  TestPluginPass(const TestPluginPass &other) : PassWrapper(other) {}

  StringRef getArgument() const final { return "recompute-test-plugin-pass"; }
  StringRef getDescription() const final {
    return "Test pass of RecomputeTestPlugin.so: tags every function";
  }

  Option<std::string> tag{*this, "tag",
                          llvm::cl::desc("Value of the recompute.test_plugin "
                                         "attribute"),
                          llvm::cl::init("default")};

  void runOnOperation() override {
    getOperation()->setAttr("recompute.test_plugin",
                            StringAttr::get(&getContext(), tag.getValue()));
  }
};

} // namespace

extern "C" LLVM_ATTRIBUTE_WEAK ::mlir::PassPluginLibraryInfo
mlirGetPassPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "RecomputeTestPlugin", LLVM_VERSION_STRING,
          []() { PassRegistration<TestPluginPass>(); }};
}
