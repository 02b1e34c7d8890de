# The one place that pins the LLVM/MLIR toolchain recompute builds against.
# Debian 12 packages: llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools.
set(RECOMPUTE_LLVM_MAJOR 22)
set(RECOMPUTE_LLVM_VERSION 22.1.8)
set(RECOMPUTE_LLVM_PREFIX "/usr/lib/llvm-${RECOMPUTE_LLVM_MAJOR}"
    CACHE PATH "Installation prefix of the pinned LLVM/MLIR toolchain")
