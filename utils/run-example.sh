#!/usr/bin/env bash
# The main job, in one command: installs what is missing, builds into build/,
# then runs recompute-memory-budget on a bundled training step, executes the
# step before and after with mlir-runner, and prints the peak (predicted and
# measured), the recomputation overhead and whether the outputs are
# bit-identical.
#
# Usage: utils/run-example.sh [BUDGET [STEP.mlir]]
#   BUDGET defaults to 70% (of the unmodified step's peak); "min" asks for the
#   smallest achievable peak. STEP defaults to examples/resnet-train-step.mlir.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/utils/setup.sh"

budget="${1:-70%}"
step="${2:-$root/examples/resnet-train-step.mlir}"
export PATH="$root/build/bin:/usr/lib/llvm-22/bin:$PATH"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

opts="report=$work/report.json"
[ "$budget" = "min" ] || opts="budget=$budget $opts"

echo "== recompute-opt --recompute-memory-budget='$opts' $(basename "$step")"
recompute-opt "$step" "--recompute-memory-budget=$opts" -o "$work/after.mlir"
echo "== executing the step before and after (mlir-runner, counting allocator)"
bash "$root/utils/run-step.sh" "$step" -o "$work/before.txt"
bash "$root/utils/run-step.sh" "$work/after.mlir" -o "$work/after.txt"
python3 "$root/utils/summarize-example.py" --report "$work/report.json" \
  --before "$work/before.txt" --after "$work/after.txt"
