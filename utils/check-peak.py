#!/usr/bin/env python3
"""Checks a run of a rematerialized training step against the unmodified one.

  check-peak.py --reference REF.txt --report REPORT.json [--budget-bytes N]
                [--tolerance 0.05] [--align 64] OUT.txt
  check-peak.py --monotone RUN1.txt RUN2.txt ...
  check-peak.py --static STATIC.json [--function train_step] RUN.txt
  check-peak.py --static-vs-report STATIC.json [--function train_step] REPORT.json

REF.txt and OUT.txt are outputs of utils/run-step.sh (a MEMTRACK line with the
measured peak, then the bit patterns of every result). REPORT.json is the JSON
report that recompute-memory-budget wrote (report=FILE) for OUT's step.

Checks, in the first form:
  1. every result of OUT is bit-identical to REF (all lines but MEMTRACK);
  2. measured peak <= budget + padding, where budget is the report's
     budget_bytes (or --budget-bytes) and padding = (align - 1) * K bounds the
     bytes the 64-byte aligned allocator adds to the K allocations live at the
     measured peak (the runtime prints K as peak_live_allocs); skipped when
     there is no budget in bytes (smallest-achievable mode) unless
     --require-budget is given;
  3. |measured - predicted| <= tolerance * predicted, predicted being the
     report's peak_bytes_after.
In the second form: the measured peaks of the runs (given from the largest
budget to the smallest) never increase, and the last is below the first.
In the third form: the measured peak and the bytes live at the end equal
exactly what recompute-static-peak{round-to-alignment=1} computed for the
function (report=STATIC.json) from the bufferized IR of the same run.
In the fourth form: recompute-static-peak (unrounded) of the bufferized
rewritten step equals the peak_bytes_after that recompute-memory-budget
predicted for it, exactly.

Prints one summary line (`check-peak: ...`) and one line per failed check,
and exits 1 if any check fails.
"""

import argparse
import json
import re
import sys

MEMTRACK_RE = re.compile(r"^MEMTRACK (.*)$")


def read_run(path):
    stats, body = None, []
    with open(path) as f:
        for line in f:
            m = MEMTRACK_RE.match(line.rstrip("\n"))
            if m:
                if stats is not None:
                    sys.exit("check-peak: error: %s has more than one MEMTRACK line" % path)
                stats = {}
                for kv in m.group(1).split():
                    k, _, v = kv.partition("=")
                    stats[k] = int(v)
            else:
                body.append(line)
    if stats is None or "peak_bytes" not in stats:
        sys.exit("check-peak: error: %s has no MEMTRACK line" % path)
    if not any(l.startswith("RESULT ") for l in body):
        sys.exit("check-peak: error: %s has no RESULT lines" % path)
    return stats, body


def find_key(obj, names):
    """Depth-first search for the first of `names` in nested dicts."""
    if isinstance(obj, dict):
        for n in names:
            if n in obj and obj[n] is not None:
                return obj[n]
        for v in obj.values():
            r = find_key(v, names)
            if r is not None:
                return r
    elif isinstance(obj, list):
        for v in obj:
            r = find_key(v, names)
            if r is not None:
                return r
    return None


def check_one(opts):
    ref_stats, ref_body = read_run(opts.reference)
    stats, body = read_run(opts.run)
    failures = []

    if body != ref_body:
        ndiff = sum(1 for a, b in zip(body, ref_body) if a != b) + abs(len(body) - len(ref_body))
        failures.append("results differ from the reference in %d lines" % ndiff)

    with open(opts.report) as f:
        report = json.load(f)
    predicted = find_key(report, ["peak_bytes_after"])
    if predicted is None:
        sys.exit("check-peak: error: %s has no peak_bytes_after" % opts.report)
    budget = opts.budget_bytes
    if budget is None:
        budget = find_key(report, ["budget_bytes"])
    if budget is None and opts.require_budget:
        sys.exit("check-peak: error: %s has no budget_bytes" % opts.report)

    measured = stats["peak_bytes"]
    live_at_peak = stats.get("peak_live_allocs")
    if live_at_peak is None:
        sys.exit("check-peak: error: the MEMTRACK line lacks peak_live_allocs")
    padding = (opts.align - 1) * live_at_peak

    if budget is not None and measured > budget + padding:
        failures.append("measured peak %d B exceeds the budget %d B + alignment padding "
                        "%d B (%d live allocations)" % (measured, budget, padding, live_at_peak))
    dev = abs(measured - predicted) / float(predicted) if predicted else float("inf")
    if dev > opts.tolerance:
        failures.append("measured peak %d B deviates %.2f%% from the predicted %d B "
                        "(tolerance %.2f%%)" % (measured, 100 * dev, predicted, 100 * opts.tolerance))

    print("check-peak: reference=%d measured=%d predicted=%d budget=%s deviation=%.2f%% "
          "live_at_peak=%d results=%s %s"
          % (ref_stats["peak_bytes"], measured, predicted,
             "none" if budget is None else str(budget), 100 * dev, live_at_peak,
             "identical" if body == ref_body else "DIFFERENT",
             "FAIL" if failures else "ok"))
    for f in failures:
        print("check-peak: FAIL: " + f)
    return 1 if failures else 0


def check_monotone(paths):
    peaks = [read_run(p)[0]["peak_bytes"] for p in paths]
    failures = []
    for i in range(1, len(peaks)):
        if peaks[i] > peaks[i - 1]:
            failures.append("peak rises from %d B (%s) to %d B (%s)"
                            % (peaks[i - 1], paths[i - 1], peaks[i], paths[i]))
    if len(peaks) > 1 and not peaks[-1] < peaks[0]:
        failures.append("the smallest budget's peak %d B is not below the first run's %d B"
                        % (peaks[-1], peaks[0]))
    print("check-peak: monotone peaks=%s %s"
          % (",".join(str(p) for p in peaks), "FAIL" if failures else "ok"))
    for f in failures:
        print("check-peak: FAIL: " + f)
    return 1 if failures else 0


def check_static(opts):
    stats, _ = read_run(opts.runs[0])
    entry = static_entry(opts.static, opts.function, True)
    failures = []
    if entry["peak_bytes"] != stats["peak_bytes"]:
        failures.append("measured peak %d B != static peak %d B"
                        % (stats["peak_bytes"], entry["peak_bytes"]))
    if entry["end_live_bytes"] != stats["live_bytes"]:
        failures.append("measured end live bytes %d B != static %d B"
                        % (stats["live_bytes"], entry["end_live_bytes"]))
    print("check-peak: static function=%s measured=%d static=%d %s"
          % (opts.function, stats["peak_bytes"], entry["peak_bytes"],
             "FAIL" if failures else "ok"))
    for f in failures:
        print("check-peak: FAIL: " + f)
    return 1 if failures else 0


def static_entry(path, function, rounded):
    with open(path) as f:
        report = json.load(f)
    if bool(report.get("round_to_alignment")) != rounded:
        sys.exit("check-peak: error: %s was %scomputed with round-to-alignment=1"
                 % (path, "not " if rounded else ""))
    entry = next((e for e in report.get("functions", []) if e.get("name") == function), None)
    if entry is None:
        sys.exit("check-peak: error: %s has no function %s" % (path, function))
    return entry


def check_static_vs_report(opts):
    entry = static_entry(opts.static_vs_report, opts.function, False)
    with open(opts.runs[0]) as f:
        predicted = find_key(json.load(f), ["peak_bytes_after"])
    if predicted is None:
        sys.exit("check-peak: error: %s has no peak_bytes_after" % opts.runs[0])
    ok = entry["peak_bytes"] == predicted
    print("check-peak: static-vs-report function=%s static=%d predicted=%d %s"
          % (opts.function, entry["peak_bytes"], predicted, "ok" if ok else "FAIL"))
    return 0 if ok else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reference")
    ap.add_argument("--report")
    ap.add_argument("--budget-bytes", type=int)
    ap.add_argument("--require-budget", action="store_true",
                    help="fail if the report has no budget_bytes")
    ap.add_argument("--tolerance", type=float, default=0.05)
    ap.add_argument("--align", type=int, default=64)
    ap.add_argument("--monotone", action="store_true")
    ap.add_argument("--static")
    ap.add_argument("--static-vs-report")
    ap.add_argument("--function", default="train_step")
    ap.add_argument("runs", nargs="+")
    opts = ap.parse_args()
    if opts.monotone:
        return check_monotone(opts.runs)
    if opts.static_vs_report:
        if len(opts.runs) != 1:
            ap.error("--static-vs-report needs exactly one report")
        return check_static_vs_report(opts)
    if opts.static:
        if len(opts.runs) != 1:
            ap.error("--static needs exactly one run")
        return check_static(opts)
    if not opts.reference or not opts.report or len(opts.runs) != 1:
        ap.error("need --reference, --report and exactly one run")
    opts.run = opts.runs[0]
    return check_one(opts)


if __name__ == "__main__":
    sys.exit(main())
