#!/usr/bin/env bash
# Runs a tensor training step end to end and prints what it computed:
#
#   [recompute-opt --recompute-memory-budget=OPTS]   (only with --pass)
#   utils/make-harness.py                            (adds main)
#   recompute-opt --recompute-lower-to-llvm
#   mlir-runner -e main (runner utils + libRecomputeMemTrack.so)
#
# Output (stdout or -o FILE): the MEMTRACK line with the measured peak, then
# `RESULT <j>` and the bit patterns of every result of @train_step. Buffer
# addresses printed by the runner are replaced by <addr>, so two runs of the
# same computation give identical text apart from the MEMTRACK line.
#
# Usage: run-step.sh [options] STEP.mlir
#   --pass=OPTS        run recompute-memory-budget first with these options,
#                      e.g. --pass='budget=60% report=out.json'; --pass= runs
#                      it with its defaults (smallest achievable peak)
#   --opt-args=ARGS    extra recompute-opt arguments for that first step
#   --memtrack=LIB     libRecomputeMemTrack.so (default: ../lib next to the
#                      recompute-opt found in PATH)
#   --llvm-lib=DIR     directory of libmlir_{c_,}runner_utils.so
#                      (default /usr/lib/llvm-22/lib)
#   --keep=DIR         keep the intermediate files in DIR
#   --trace            per-allocation trace on stderr (MEMTRACK_TRACE=1)
#   -o FILE            write the output to FILE
# Environment: RECOMPUTE_OPT, MLIR_RUNNER override the tool paths.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
opt="${RECOMPUTE_OPT:-recompute-opt}"
runner="${MLIR_RUNNER:-mlir-runner}"
llvm_lib=/usr/lib/llvm-22/lib
memtrack=""
pass_set=0
pass_opts=""
opt_args=""
keep=""
out=""
input=""

die() { echo "run-step: error: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --pass=*) pass_set=1; pass_opts="${1#--pass=}" ;;
    --opt-args=*) opt_args="${1#--opt-args=}" ;;
    --memtrack=*) memtrack="${1#--memtrack=}" ;;
    --llvm-lib=*) llvm_lib="${1#--llvm-lib=}" ;;
    --keep=*) keep="${1#--keep=}" ;;
    --trace) export MEMTRACK_TRACE=1 ;;
    -o) shift; [ $# -gt 0 ] || die "-o needs a file name"; out="$1" ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option '$1'" ;;
    *) [ -z "$input" ] || die "more than one input file"; input="$1" ;;
  esac
  shift
done
[ -n "$input" ] || die "no input file"
[ -f "$input" ] || die "cannot open '$input'"
if [ -z "$memtrack" ]; then
  optpath="$(command -v "$opt" || true)"
  [ -n "$optpath" ] || die "cannot find $opt"
  memtrack="$(dirname "$optpath")/../lib/libRecomputeMemTrack.so"
fi
[ -f "$memtrack" ] || die "cannot find the memory tracker '$memtrack'"
for lib in libmlir_runner_utils.so libmlir_c_runner_utils.so; do
  [ -f "$llvm_lib/$lib" ] || die "cannot find $llvm_lib/$lib"
done

if [ -n "$keep" ]; then
  mkdir -p "$keep"
  work="$keep"
else
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi

step="$input"
if [ "$pass_set" = 1 ]; then
  # shellcheck disable=SC2086
  "$opt" "$step" $opt_args "--recompute-memory-budget=$pass_opts" -o "$work/step.opt.mlir"
  step="$work/step.opt.mlir"
fi
python3 "$here/make-harness.py" "$step" -o "$work/main.mlir"
"$opt" "$work/main.mlir" --recompute-lower-to-llvm -o "$work/main.llvm.mlir"
"$runner" "$work/main.llvm.mlir" -e main -entry-point-result=void \
  "-shared-libs=$llvm_lib/libmlir_runner_utils.so,$llvm_lib/libmlir_c_runner_utils.so,$memtrack" \
  > "$work/run.out"
sed -e 's/base@ = 0x[0-9a-fA-F]*/base@ = <addr>/' "$work/run.out" > "$work/run.txt"
grep -q '^MEMTRACK peak_bytes=' "$work/run.txt" || die "the run printed no MEMTRACK line"
if [ -n "$out" ]; then
  cp "$work/run.txt" "$out"
else
  cat "$work/run.txt"
fi
