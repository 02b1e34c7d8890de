#!/usr/bin/env bash
# One command for the whole test suite: installs what is missing, builds into
# build/, then runs every test (gtest unit tests and the lit suite) via ctest.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/utils/setup.sh"
cd "$root/build"
ctest --output-on-failure -j"$(nproc)" "$@"
