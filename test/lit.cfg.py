# -*- Python -*-
# lit configuration for recompute. The site config (generated into the build
# tree) sets the paths used here.
import os
import lit.formats

config.name = "recompute"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".mlir", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.recompute_obj_root, "test")
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "Unit"]

# Our tools first, then the pinned LLVM tools (FileCheck, not, mlir-opt, ...).
config.environment["PATH"] = os.pathsep.join(
    [config.recompute_tools_dir, config.llvm_tools_dir, config.environment.get("PATH", os.environ.get("PATH", ""))]
)

config.substitutions.append(("%paper_graphs", config.paper_graphs_dir))
config.substitutions.append(("%recompute_src", config.recompute_src_root))
config.substitutions.append(("%recompute_lib", config.recompute_lib_dir))
config.substitutions.append(("%llvm_lib", config.llvm_lib_dir))
config.substitutions.append(("%shlibext", ".so"))

if config.enable_mlir:
    config.available_features.add("mlir")
else:
    # Only the graph library and recompute-plan exist without MLIR.
    config.excludes += ["Transforms", "Analysis", "Plugin", "Integration", "Zoo", "Benchmarks", "Fuzz"]

# Extra configuration owned by individual test folders lives in their own
# lit.local.cfg files.
