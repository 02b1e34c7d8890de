#!/usr/bin/env python3
"""Prints the result of utils/run-example.sh: predicted and measured peaks
before and after recompute-memory-budget, the overhead, and whether the
outputs of the two executions are bit-identical. Exits 1 if they are not, or
if the measured peak exceeds the budget by more than allocator alignment."""

import argparse
import json
import sys


def fmt(n):
    units = ["B", "KiB", "MiB", "GiB", "TiB"]
    v = float(n)
    i = 0
    while v >= 1024 and i + 1 < len(units):
        v /= 1024
        i += 1
    return f"{n} B" if i == 0 else f"{v:.1f} {units[i]} ({n} bytes)"


def run(path):
    memtrack = None
    results = []
    with open(path) as f:
        for line in f:
            if line.startswith("MEMTRACK "):
                memtrack = dict(kv.split("=", 1) for kv in line.split()[1:])
            else:
                results.append(line)
    if memtrack is None:
        sys.exit(f"summarize-example: {path}: no MEMTRACK line")
    return memtrack, results


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--report", required=True)
    ap.add_argument("--before", required=True)
    ap.add_argument("--after", required=True)
    args = ap.parse_args()
    with open(args.report) as f:
        rep = json.load(f)
    mb, rb = run(args.before)
    ma, ra = run(args.after)
    identical = rb == ra
    budget = rep.get("budget_bytes")
    measured_after = int(ma["peak_bytes"])
    align_slack = 63 * int(ma.get("peak_live_allocs", "0"))
    fits = budget is None or measured_after <= budget + align_slack
    print(f"function            @{rep.get('function')}")
    print(f"solver / strategy   {rep.get('solver')} ({rep.get('solver_used')}) / {rep.get('strategy')}")
    print(f"budget              {fmt(budget) if budget is not None else 'smallest achievable'}")
    print(f"peak before         predicted {fmt(rep['peak_bytes_before'])}, measured {fmt(int(mb['peak_bytes']))}")
    print(f"peak after          predicted {fmt(rep['peak_bytes_after'])}, measured {fmt(measured_after)}")
    red = 100.0 * (1 - measured_after / int(mb["peak_bytes"]))
    print(f"measured reduction  {red:.1f}%")
    print(f"activations         {rep.get('activations')} crossing ({fmt(rep.get('activation_bytes', 0))}); "
          f"{rep.get('kept')} values kept, {rep.get('recomputed')} recomputed by {rep.get('recomputed_ops')} cloned ops")
    print(f"overhead            {rep.get('recompute_flops')} FLOPs = {100.0 * rep.get('overhead', 0):.2f}% "
          f"of the step's {rep.get('forward_flops', 0) + rep.get('backward_flops', 0)} FLOPs")
    print(f"outputs             {'bit-identical' if identical else 'DIFFERENT'} ({len(rb)} lines compared)")
    if not identical or not fits:
        print("summarize-example: FAILED", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
