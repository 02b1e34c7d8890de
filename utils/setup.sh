#!/usr/bin/env bash
# Installs what the build needs on Debian 12 (idempotent), configures and
# builds recompute into build/ (tools in build/bin). Used by both README
# commands and by CI.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

llvm_major=$(sed -n 's/^set(RECOMPUTE_LLVM_MAJOR \([0-9]*\)).*/\1/p' cmake/RecomputeLLVMVersion.cmake)
packages=(cmake ninja-build clang-${llvm_major} lld-${llvm_major}
          llvm-${llvm_major}-dev llvm-${llvm_major}-tools
          libmlir-${llvm_major}-dev mlir-${llvm_major}-tools
          libgtest-dev libgmock-dev libbenchmark-dev python3)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

prefix="/usr/lib/llvm-${llvm_major}"
if [ ! -f build/build.ninja ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER="clang-${llvm_major}" -DCMAKE_CXX_COMPILER="clang++-${llvm_major}" \
    -DLLVM_USE_LINKER=lld \
    -DMLIR_DIR="$prefix/lib/cmake/mlir" ${RECOMPUTE_CMAKE_ARGS:-} >/dev/null
fi
cmake --build build -- -j"$(nproc)"
