#!/usr/bin/env bash
#===- run-fuzzers.sh - Build and run the graph-reader libFuzzer targets ---===#
#
# Part of the recompute project.
#
#===----------------------------------------------------------------------===#
#
# usage: utils/run-fuzzers.sh [SECONDS] [TARGET...]
#
# Builds the libFuzzer targets (fuzz/, -DRECOMPUTE_ENABLE_FUZZERS=ON: clang,
# ASan + UBSan, graph library only) in their own build directory, seeds a
# corpus per target and runs each target for SECONDS (default 60) of wall
# clock, all targets in parallel. TARGET is cgreader, jsonreader or budget
# (default: all three). Crashers, timeouts and out-of-memory inputs are saved
# under $RECOMPUTE_FUZZ_DIR/artifacts/<target>/; the grown corpus stays in
# $RECOMPUTE_FUZZ_DIR/corpus/<target>/ for the next run; each log ends with
# libFuzzer's final statistics. Exit status 1 when any target found something.
#
# Environment:
#   RECOMPUTE_FUZZ_BUILD  build directory (default <repo>/build-fuzz)
#   RECOMPUTE_FUZZ_DIR    working directory (default <build>/fuzz-run)
#   RECOMPUTE_PAPER_GRAPHS the paper's cg_*.txt (default <repo>/../shared/graphs/paper)
#   CC, CXX               compilers (default clang-22, clang++-22)
#   NICE                  niceness of the fuzzing processes (default 10)
#
#===----------------------------------------------------------------------===#
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(cgreader jsonreader budget)
build=${RECOMPUTE_FUZZ_BUILD:-$repo/build-fuzz}
work=${RECOMPUTE_FUZZ_DIR:-$build/fuzz-run}
paper=${RECOMPUTE_PAPER_GRAPHS:-$repo/../shared/graphs/paper}
niceness=${NICE:-10}

case $seconds in
  ''|*[!0-9]*) echo "run-fuzzers.sh: SECONDS must be a whole number, got '$seconds'" >&2; exit 2 ;;
esac
for t in "${targets[@]}"; do
  case $t in
    cgreader|jsonreader|budget) ;;
    *) echo "run-fuzzers.sh: unknown target '$t' (cgreader, jsonreader, budget)" >&2; exit 2 ;;
  esac
done

if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER="${CC:-clang-22}" -DCMAKE_CXX_COMPILER="${CXX:-clang++-22}" \
    -DRECOMPUTE_ENABLE_MLIR=OFF -DRECOMPUTE_ENABLE_TESTS=OFF \
    -DRECOMPUTE_ENABLE_FUZZERS=ON >/dev/null
fi
ninja -C "$build" $(printf 'recompute-fuzz-%s ' "${targets[@]}") >/dev/null

# Seed corpora: the paper's graphs, the tools' test inputs, their JSON forms
# and the checked-in regression inputs (fuzz/corpus/<target>/).
seed() {
  local t=$1 dir=$work/corpus/$1
  mkdir -p "$dir" "$work/artifacts/$t"
  case $t in
    cgreader)
      cp -f "$paper"/cg_vgg19.txt "$paper"/cg_unet.txt "$dir"/ 2>/dev/null || true
      cp -f "$repo"/test/Tools/Inputs/*.txt "$dir"/ ;;
    jsonreader)
      cp -f "$repo"/test/Tools/Inputs/*.json "$dir"/
      local plan=$build/bin/recompute-plan
      if ninja -C "$build" recompute-plan >/dev/null 2>&1; then
        for g in "$repo"/test/Tools/Inputs/tiny-chain.txt "$paper"/cg_vgg19.txt "$paper"/cg_unet.txt; do
          [ -f "$g" ] && ASAN_OPTIONS=detect_leaks=0 "$plan" --write-json-graph="$dir/$(basename "$g" .txt).json" "$g" >/dev/null 2>&1 || true
        done
      fi ;;
    budget)
      local i=0
      for s in 0 123 512MiB 2GB 1.5GiB "64 KB" 60% 100% 150% -1 12XB % 1e400 \
               "  7 tib " 9223372036854775808 18446744073709551616 0x10 1e3KB nan inf; do
        printf '%s' "$s" > "$dir/seed-$i"; i=$((i + 1))
      done ;;
  esac
  if [ -d "$repo/fuzz/corpus/$t" ]; then cp -f "$repo/fuzz/corpus/$t"/* "$dir"/ 2>/dev/null || true; fi
}

pids=()
for t in "${targets[@]}"; do
  seed "$t"
  dict=()
  [ -f "$repo/fuzz/$t.dict" ] && dict=(-dict="$repo/fuzz/$t.dict")
  # Inputs up to 32 KiB (the VGG-19 and U-Net dumps fit): larger ones make
  # every execution slow without reaching new code.
  maxlen=32768
  [ "$t" = budget ] && maxlen=256
  echo "fuzzing $t for ${seconds}s (log $work/$t.log)"
  ( cd "$work" && nice -n "$niceness" "$build/bin/recompute-fuzz-$t" \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$maxlen" \
      -print_final_stats=1 -artifact_prefix="$work/artifacts/$t/" "${dict[@]}" \
      "$work/corpus/$t" >"$work/$t.log" 2>&1 ) &
  pids+=($!)
done
status=0
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || status=1
done
for t in "${targets[@]}"; do
  echo "== $t: $(grep -E '^(#[0-9]+[[:space:]]+DONE|Done [0-9]+ runs)' "$work/$t.log" | tail -2 | tr '\n' ' ')"
  grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "$work/$t.log" || true
  found=$(find "$work/artifacts/$t" -type f | wc -l)
  echo "   artifacts: $found in $work/artifacts/$t"
  [ "$found" -eq 0 ] || status=1
done
exit $status
