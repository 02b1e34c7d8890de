//===- RecomputePlugin.cpp - recompute passes as an mlir-opt plugin -------===//
//
// Part of the recompute project.
//
//===----------------------------------------------------------------------===//
//
// A pass plugin for stock mlir-opt 22:
//
//   mlir-opt --load-pass-plugin=RecomputePlugin.so \
//     -p 'builtin.module(func.func(recompute-memory-budget{budget=60%}))'
//
// It registers only the recompute passes and pipelines, never the upstream
// ones (mlir-opt already has those), and nothing at all when a host that has
// them built in (recompute-opt) loads it: registering a pass name a second
// time from another copy of the pass library is a fatal error in MLIR. mlir-opt
// 22 loads plugins while parsing its command line, so plugin passes can be
// named only inside a textual pipeline (--pass-pipeline / -p); recompute-opt
// has no such restriction.
//
//===----------------------------------------------------------------------===//

#include "recompute/Transforms/Passes.h"

#include "mlir/Pass/PassRegistry.h"
#include "mlir/Tools/Plugins/PassPlugin.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/Compiler.h"

extern "C" LLVM_ATTRIBUTE_WEAK ::mlir::PassPluginLibraryInfo
mlirGetPassPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "RecomputePlugin", LLVM_VERSION_STRING,
          []() {
            if (!mlir::PassInfo::lookup("recompute-memory-budget"))
              recompute::registerRecomputePasses();
            if (!mlir::PassPipelineInfo::lookup("recompute-lower-to-llvm"))
              recompute::registerRecomputePipelines();
          }};
}
