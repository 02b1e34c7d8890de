//===- recompute-opt.cpp - mlir-opt with the recompute passes -------------===//
//
// Part of the recompute project.
//
//===----------------------------------------------------------------------===//
//
// An MlirOptMain driver with every upstream dialect, extension and pass, plus
// the recompute passes and pipelines.
//
// Unlike stock mlir-opt 22, pass plugins named with --load-pass-plugin are
// loaded before the command line is parsed, so their passes work as direct
// flags (`--my-plugin-pass=opt=1`) and in --mlir-print-ir-after=..., not only
// inside --pass-pipeline. A plugin that cannot be loaded is an error (exit
// code 1), where mlir-opt only warns.
//
//===----------------------------------------------------------------------===//

#include "recompute/Transforms/Passes.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/Plugins/PassPlugin.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace {

/// Collects the plugin paths named by `--load-pass-plugin=PATH`,
/// `-load-pass-plugin=PATH` or the two-argument form `--load-pass-plugin PATH`.
/// Stops at a bare `--` (everything after it is positional). Returns false
/// (with a message) if the two-argument form lacks its value.
bool collectPassPlugins(int argc, char **argv,
                        llvm::SmallVectorImpl<std::string> &plugins) {
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg(argv[i]);
    if (arg == "--")
      break;
    if (!arg.consume_front("--") && !arg.consume_front("-"))
      continue;
    if (!arg.consume_front("load-pass-plugin"))
      continue;
    if (arg.consume_front("=")) {
      plugins.push_back(arg.str());
      continue;
    }
    if (!arg.empty())
      continue; // A different option that merely shares the prefix.
    if (i + 1 >= argc) {
      llvm::errs() << argv[0]
                   << ": --load-pass-plugin requires a plugin file name\n";
      return false;
    }
    plugins.push_back(argv[++i]);
  }
  return true;
}

} // namespace

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  recompute::registerRecomputePasses();
  recompute::registerRecomputePipelines();

  // Load pass plugins now, so that the passes they register exist when
  // MlirOptMain builds its pass-name parsers. MlirOptMain loads them a second
  // time from its own option callback; dlopen returns the same handle and
  // re-registering a pass with the same TypeID is accepted.
  llvm::SmallVector<std::string> plugins;
  if (!collectPassPlugins(argc, argv, plugins))
    return 1;
  for (const std::string &path : plugins) {
    llvm::Expected<mlir::PassPlugin> plugin = mlir::PassPlugin::load(path);
    if (!plugin) {
      llvm::errs() << argv[0] << ": cannot load pass plugin '" << path
                   << "': " << llvm::toString(plugin.takeError()) << "\n";
      return 1;
    }
    plugin->registerPassRegistryCallbacks();
  }

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv,
      "recompute-opt: MLIR optimizer driver with the recompute passes\n",
      registry));
}
