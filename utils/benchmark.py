#!/usr/bin/env python3
# ===- benchmark.py - Benchmark driver for recompute-memory-budget -------=== #
#
# Runs the recompute-memory-budget pass on zoo models over a budget grid for
# each solver/strategy, measures the realized peak of every rewritten step
# (recompute-bufferize + recompute-static-peak), and writes results as JSON
# and CSV plus a Markdown report.
#
# Python 3 standard library only.
#
# ===----------------------------------------------------------------------=== #
"""Benchmark driver: memory saved and FLOPs paid on the recompute zoo.

Examples:
  utils/benchmark.py --bin build/bin --models resnet18,resnet50,vgg19 \
      --results benchmarks/results --markdown docs/Benchmarks.md
  utils/benchmark.py --bin build/bin --quick --models resnet18 --results /tmp/r
  utils/benchmark.py --render-only --results benchmarks/results \
      --markdown docs/Benchmarks.md
"""

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import time

# The paper's settings (Kusumoto et al. 2019, Table 1) plus resnet18 and gpt.
PAPER_SETTINGS = {
    "resnet18": ["--batch=32", "--image=224"],
    "resnet50": ["--batch=32", "--image=224"],
    "resnet152": ["--batch=32", "--image=224"],
    "vgg19": ["--batch=32", "--image=224"],
    "densenet161": ["--batch=32", "--image=224"],
    "googlenet": ["--batch=32", "--image=224"],
    "unet": ["--batch=8", "--image=572"],
    "pspnet": ["--batch=1", "--image=713"],
    "gpt": [],  # zoo default: GPT-2 small, batch 8, T 1024
}

# Reduced sizes for a smoke test: each model plans and bufferizes in seconds.
QUICK_SETTINGS = {
    "mlp": ["--batch=4", "--image=28", "--width=0.25", "--classes=10"],
    "resnet18": ["--batch=4", "--image=96", "--width=0.125", "--classes=10"],
    "resnet50": ["--batch=2", "--image=64", "--width=0.0625", "--classes=10"],
    "resnet152": ["--batch=2", "--image=64", "--width=0.125", "--classes=10"],
    "vgg19": ["--batch=2", "--image=64", "--width=0.125", "--classes=10"],
    "densenet161": ["--batch=2", "--image=64", "--width=0.125", "--classes=10"],
    "googlenet": ["--batch=2", "--image=96", "--width=0.125", "--classes=10"],
    "unet": ["--batch=1", "--image=188", "--width=0.125", "--classes=2"],
    "pspnet": ["--batch=1", "--image=97", "--width=0.125", "--classes=5"],
    "gpt": ["--batch=2", "--seq=32", "--width=0.0625", "--depth=2", "--classes=64"],
}

# Best reduction against the vanilla run in the paper's Table 1 (GPU peak).
PAPER_TABLE1 = {"pspnet": "71%", "unet": "48%", "resnet50": "62%",
                "resnet152": "75%", "vgg19": "36%", "densenet161": "81%",
                "googlenet": "39%"}

DEFAULT_MODELS = ["resnet18", "resnet50", "vgg19", "resnet152", "googlenet",
                  "unet", "densenet161", "pspnet", "gpt"]

# (name, solver, strategy)
CONFIGS = [
    ("approx/time", "approx", "time-centric"),
    ("approx/memory", "approx", "memory-centric"),
    ("exact/time", "exact", "time-centric"),
    ("exact/memory", "exact", "memory-centric"),
    ("chen", "chen", "time-centric"),
    ("paper-approx/time", "paper-approx", "time-centric"),
    ("paper-approx/memory", "paper-approx", "memory-centric"),
]

# Budget labels: percentages of the unmodified peak, and "min" = no budget
# (the smallest achievable peak).
DEFAULT_BUDGETS = ["90%", "70%", "50%", "30%", "min"]

# Our solvers rerun with the realized peak of the paper's method (at "min") as
# a byte budget: the "same memory, less compute" comparison of issue 5.
MATCH_CONFIGS = ["approx/time", "exact/time"]
MATCH_REFERENCE = "paper-approx/time"

COLUMNS = ["model", "size", "config", "solver", "strategy", "budget",
           "status", "budget_bytes", "peak_before", "predicted_peak",
           "realized_peak", "min_achievable", "reduction", "overhead",
           "recompute_flops", "step_flops", "plan_seconds", "wall_seconds",
           "budget_met", "error"]


def log(msg):
    print("[benchmark] " + msg, file=sys.stderr, flush=True)


def run(cmd, timeout):
    """Runs cmd; returns (returncode or None on timeout, stderr tail)."""
    try:
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "timeout after %gs" % timeout
    err = proc.stderr.decode("utf-8", "replace")
    # Keep only diagnostic lines, not the echoed source lines.
    lines = [l for l in err.splitlines() if ": error: " in l or
             l.startswith("recompute-") or "error:" in l[:40]]
    msg = (lines[-1] if lines else err[-300:]).strip()
    # Drop the "file:line:col: " prefix of MLIR diagnostics.
    if ": error: " in msg:
        msg = msg.split(": error: ", 1)[1]
    return proc.returncode, msg


def static_peak(binDir, mlir, work, tag, timeout):
    """Realized peak: bufferize and walk the allocations in program order."""
    report = os.path.join(work, tag + ".peak.json")
    if os.path.exists(report):
        os.remove(report)
    rc, err = run([os.path.join(binDir, "recompute-opt"), mlir,
                   "--recompute-bufferize",
                   "--recompute-static-peak=report=" + report,
                   "-o", os.devnull], timeout)
    if rc != 0 or not os.path.exists(report):
        return None, "static peak failed: " + err
    with open(report) as f:
        data = json.load(f)
    for fn in data.get("functions", []):
        if fn.get("name") == "train_step":
            return fn["peak_bytes"], ""
    funcs = data.get("functions", [])
    if not funcs:
        return None, "static peak: no function"
    return max(fn["peak_bytes"] for fn in funcs), ""


def run_cell(args, model, size, mlir, work, cfg, budget, baseline):
    name, solver, strategy = cfg
    tag = "%s.%s.%s" % (model, name.replace("/", "-"),
                        budget.replace("%", "pct"))
    report = os.path.join(work, tag + ".plan.json")
    out = os.path.join(work, tag + ".mlir")
    for p in (report, out):
        if os.path.exists(p):
            os.remove(p)
    opts = ["solver=" + solver, "strategy=" + strategy, "report=" + report]
    if budget != "min":
        opts.insert(0, "budget=" + budget)
    row = {c: None for c in COLUMNS}
    row.update(model=model, size=size, config=name, solver=solver,
               strategy=strategy, budget=budget, error="")
    start = time.time()
    rc, err = run([os.path.join(args.bin, "recompute-opt"), mlir,
                   "--recompute-memory-budget=" + " ".join(opts), "-o", out],
                  args.timeout)
    plan = None
    if os.path.exists(report):
        with open(report) as f:
            plan = json.load(f)
    if rc is None:
        row.update(status="timeout", error=err)
    elif plan is None:
        row.update(status="error", error=err)
    else:
        row.update(status=plan["status"], budget_bytes=plan["budget_bytes"],
                   peak_before=plan["peak_bytes_before"],
                   predicted_peak=plan["predicted_peak_bytes"],
                   min_achievable=plan["min_achievable_peak_bytes"],
                   overhead=plan["overhead"],
                   recompute_flops=plan["recompute_flops"],
                   step_flops=plan["forward_flops"] + plan["backward_flops"],
                   plan_seconds=plan["seconds"])
        if rc != 0 and plan["status"] != "infeasible":
            row.update(status="error", error=err)
        elif plan["status"] == "infeasible":
            row.update(error=err, predicted_peak=None, overhead=None,
                       recompute_flops=None)
        elif plan["status"] == "unchanged":
            row["realized_peak"] = baseline
        else:
            peak, perr = static_peak(args.bin, out, work, tag, args.timeout)
            row["realized_peak"] = peak
            if perr:
                row["error"] = perr
    row["wall_seconds"] = round(time.time() - start, 3)
    if row["realized_peak"] is not None:
        if baseline:
            row["reduction"] = 1.0 - row["realized_peak"] / baseline
        if row["budget_bytes"] is not None:
            row["budget_met"] = row["realized_peak"] <= row["budget_bytes"]
    if not args.keep and os.path.exists(out):
        os.remove(out)
    return row


def bench_model(args, model, settings):
    size = " ".join(settings)
    work = os.path.join(args.results, "work")
    os.makedirs(work, exist_ok=True)
    mlir = os.path.join(work, model + ".mlir")
    rows = []
    log("%s (%s): generating" % (model, size or "defaults"))
    rc, err = run([os.path.join(args.bin, "recompute-zoo"), "--model=" + model]
                  + settings + ["-o", mlir], args.timeout)
    if rc != 0:
        base = {c: None for c in COLUMNS}
        base.update(model=model, size=size, config="unmodified",
                    status="error", error="generation failed: " + err)
        return [base]
    deadline = time.time() + args.model_timeout
    start = time.time()
    baseline, perr = static_peak(args.bin, mlir, work, model + ".unmodified",
                                 args.timeout)
    base = {c: None for c in COLUMNS}
    base.update(model=model, size=size, config="unmodified", budget="-",
                status="unmodified" if baseline else "error",
                realized_peak=baseline, peak_before=baseline, reduction=0.0 if baseline else None,
                overhead=0.0, wall_seconds=round(time.time() - start, 3),
                error=perr)
    rows.append(base)
    if baseline is None:
        return rows
    for cfg in [c for c in CONFIGS if c[0] in args.configs]:
        for budget in args.budgets:
            if time.time() > deadline:
                row = {c: None for c in COLUMNS}
                row.update(model=model, size=size, config=cfg[0],
                           solver=cfg[1], strategy=cfg[2], budget=budget,
                           status="skipped",
                           error="model time limit of %gs reached" %
                           args.model_timeout)
                rows.append(row)
                continue
            row = run_cell(args, model, size, mlir, work, cfg, budget,
                           baseline)
            log("  %-20s %-4s %-10s realized=%s overhead=%s %.1fs" %
                (cfg[0], budget, row["status"], row["realized_peak"],
                 fmt_pct(row["overhead"]), row["wall_seconds"]))
            rows.append(row)
    # The pass's own simulated peak of the unmodified step.
    simulated = [r["peak_before"] for r in rows[1:] if r["peak_before"]]
    if simulated:
        base["predicted_peak"] = simulated[0]
    # Same memory as the paper's method, less compute?
    ref = [r for r in rows if r["config"] == MATCH_REFERENCE and
           r["budget"] == "min" and r["realized_peak"] is not None]
    if ref and "min" in args.budgets:
        budgetBytes = str(ref[0]["realized_peak"])
        for cfg in [c for c in CONFIGS if c[0] in MATCH_CONFIGS and
                    c[0] in args.configs]:
            if time.time() > deadline:
                break
            row = run_cell(args, model, size, mlir, work, cfg, budgetBytes,
                           baseline)
            row["budget"] = "paper-min"
            log("  %-20s %-9s %-10s realized=%s overhead=%s" %
                (cfg[0], "paper-min", row["status"], row["realized_peak"],
                 fmt_pct(row["overhead"])))
            rows.append(row)
    if not args.keep and os.path.exists(mlir):
        os.remove(mlir)
    return rows


# ---------------------------------------------------------------- rendering


def fmt_bytes(n):
    if n is None:
        return "—"
    return "%.3f" % (n / 2.0**30) if n >= 2**27 else "%.1f Ki" % (n / 1024.0)


def fmt_gib(n):
    if n is None:
        return "—"
    if n >= 2**27:
        return "%.3f GiB" % (n / 2.0**30)
    if n >= 2**17:
        return "%.2f MiB" % (n / 2.0**20)
    return "%.1f KiB" % (n / 1024.0)


def fmt_pct(x):
    return "—" if x is None else "%.1f%%" % (100.0 * x)


def fmt_met(row):
    if row["budget_met"] is None:
        return "—"
    return "yes" if row["budget_met"] else "**NO**"


def render(results, path):
    rows = results["rows"]
    models = []
    for r in rows:
        if r["model"] not in models:
            models.append(r["model"])
    out = []
    w = out.append
    w("# Benchmarks: peak memory saved and FLOPs paid on the zoo")
    w("")
    commands = results.get("commands") or [results["command"]]
    w("Generated by `utils/benchmark.py` (issue 5); do not edit by hand, "
      "the tables are rewritten on every run. Regenerate with (from the "
      "source root, tools on `PATH` or `--bin=build/bin`):")
    w("")
    w("```sh")
    for c in commands:
        w(c)
    if results.get("render_command"):
        w(results["render_command"])
    w("```")
    w("")
    w("Run on %s, recompute-opt from `%s`, %d-core machine shared with other "
      "jobs (wall times are under load)." %
      (results["date"], results["bin"], results["cpus"]))
    w("")
    w("What each column means:")
    w("")
    w("- **budget**: `N%` of the unmodified step's peak (resolved by the pass "
      "against its simulated peak of the unmodified step); `min` = no budget, "
      "the smallest achievable peak with the least overhead; `paper-min` = "
      "the realized peak of `paper-approx/time` at `min` given as a byte "
      "budget (same memory as the paper's method: what do we pay?); a plain "
      "number is a byte budget (a separate run giving that budget counts as "
      "`paper-min` in the summary when it equals the paper's realized peak).")
    w("- **predicted**: the pass's simulated peak of the rewritten function "
      "(`peak_bytes_after`).")
    w("- **realized**: `recompute-opt --recompute-bufferize "
      "--recompute-static-peak` on the rewritten function: the bufferized "
      "step with deallocation and `optimize-allocation-liveness`, "
      "allocations walked in program order (unrounded bytes). Independent "
      "of the pass's model. `unmodified` is the same measurement on the "
      "step as generated.")
    w("- **reduction**: 1 − realized / realized(unmodified).")
    w("- **overhead**: recomputed FLOPs / FLOPs of the step (forward + "
      "backward), from the pass's cost model.")
    w("- **plan s**: the pass's own wall time (`seconds` in its report); "
      "**met**: realized ≤ budget bytes.")
    w("- `infeasible`: the budget is below the smallest peak the solver can "
      "reach (the pass refuses and leaves the step unchanged).")
    w("")
    w("Peaks in GiB (2^30 bytes) for full-size models, KiB/MiB otherwise.")
    w("")
    # Summary
    w("## Summary: targets of issue 5 per network")
    w("")
    w("`ours` = `approx/time` (the approximate solver, time-centric, "
      "selecting by simulated peak). All peaks realized (static, "
      "bufferized).")
    w("")
    w("| model | unmodified | ours min | reduction | paper Table 1 | "
      "paper-approx/time min | paper-approx/memory min | chen min | "
      "ours < paper & chen | overhead at paper-min: ours / paper | "
      "overhead at 50% | max plan s (approx) | realized ≤ budget |")
    w("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for m in models:
        mr = [r for r in rows if r["model"] == m]
        base = next((r for r in mr if r["config"] == "unmodified"), None)

        def cell(cfg, budget="min"):
            return next((r for r in mr if r["config"] == cfg and
                         r["budget"] == budget and
                         r["status"] not in ("skipped", "timeout")), None)

        def peak(r):
            return r["realized_peak"] if r else None
        ours = cell("approx/time")
        paperT = cell("paper-approx/time")
        paperM = cell("paper-approx/memory")
        chen = cell("chen")
        beats = "—"
        others = [peak(x) for x in (paperT, paperM, chen)
                  if peak(x) is not None]
        if peak(ours) is not None and others:
            if all(peak(ours) < o for o in others):
                beats = "yes"
            elif all(peak(ours) <= o for o in others):
                beats = "**no** (ties)"
            else:
                beats = "**no** (above)"
            if len(others) < 3:
                beats += " (only %d of 3 baselines measured)" % len(others)
        match = cell("approx/time", "paper-min")
        if match is None and peak(paperT) is not None:
            # A separate run with the paper's realized peak as byte budget.
            match = cell("approx/time", str(peak(paperT)))
        matchStr = "—"
        if match and paperT and match["overhead"] is not None:
            matchStr = "%s / %s" % (fmt_pct(match["overhead"]),
                                    fmt_pct(paperT["overhead"]))
        half = cell("approx/time", "50%")
        halfStr = fmt_pct(half["overhead"]) if half and \
            half["status"] != "infeasible" else \
            ("infeasible" if half else "—")
        secs = [r["plan_seconds"] for r in mr if r["solver"] == "approx" and
                r["plan_seconds"] is not None]
        met = [r["budget_met"] for r in mr if r["budget_met"] is not None]
        w("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |"
          % (m, fmt_gib(peak(base)), fmt_gib(peak(ours)),
             fmt_pct(ours and ours["reduction"]),
             PAPER_TABLE1.get(m, "—"), fmt_gib(peak(paperT)),
             fmt_gib(peak(paperM)), fmt_gib(peak(chen)), beats, matchStr,
             halfStr, "%.2f" % max(secs) if secs else "—",
             ("%d/%d" % (sum(1 for x in met if x), len(met))) if met
             else "—"))
    w("")
    w("Model sizes: " + "; ".join(
        "%s `%s`" % (m, next(r["size"] for r in rows if r["model"] == m)
                     or "(zoo defaults)") for m in models) + ".")
    w("")
    for m in models:
        mr = [r for r in rows if r["model"] == m]
        w("## %s" % m)
        w("")
        w("`recompute-zoo --model=%s %s`" % (m, mr[0]["size"]))
        w("")
        w("| config | budget | status | budget bytes | predicted | realized "
          "| reduction | overhead | plan s | met |")
        w("|---|---|---|---|---|---|---|---|---|---|")
        for r in mr:
            status = r["status"] or ""
            if r["error"] and status in ("error", "timeout", "skipped"):
                status += " (%s)" % r["error"].replace("|", "/")[:80]
            elif status == "infeasible" and "exceeds" in (r["error"] or ""):
                status += " (plan over budget once emitted; refused)"
            w("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                r["config"], r["budget"] or "", status,
                fmt_gib(r["budget_bytes"]), fmt_gib(r["predicted_peak"]),
                fmt_gib(r["realized_peak"]), fmt_pct(r["reduction"]),
                fmt_pct(r["overhead"]),
                "—" if r["plan_seconds"] is None else "%.2f" %
                r["plan_seconds"], fmt_met(r)))
        w("")
    render_gaps(results, models, w)
    plots = results.get("plots") or []
    if plots:
        w("## Plots")
        w("")
        w("Realized peak against FLOP overhead, one marker per rewritten "
          "cell (every budget), per configuration; the dashed line is the "
          "unmodified step.")
        w("")
        for m, rel in plots:
            w("![%s: peak vs overhead](%s)" % (m, rel))
            w("")
    extra = results.get("notes_file")
    if extra and os.path.exists(extra):
        with open(extra) as f:
            w(f.read().rstrip())
            w("")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def render_gaps(results, models, w):
    """Lists what this run did not measure and which targets it missed."""
    rows = results["rows"]
    w("## Not measured yet, and targets missed")
    w("")
    w("Computed from the results of this run:")
    w("")
    missing = [m for m in DEFAULT_MODELS if m not in models]
    if missing and not results.get("quick"):
        w("- Networks not in this run: %s." % ", ".join(missing))
    for status in ("timeout", "skipped", "error"):
        bad = [r for r in rows if r["status"] == status]
        if bad:
            w("- %d cells %s: %s." % (len(bad), status, ", ".join(
                "%s %s %s" % (r["model"], r["config"], r["budget"])
                for r in bad[:12]) + (" ..." if len(bad) > 12 else "")))
    over = [r for r in rows if r["budget_met"] is False]
    w("- Realized peak above the budget: %s." % (
        ", ".join("%s %s %s (%d > %d)" % (r["model"], r["config"],
                                         r["budget"], r["realized_peak"],
                                         r["budget_bytes"]) for r in over)
        if over else "none (target met in every measured cell)"))
    for m in models:
        mr = [r for r in rows if r["model"] == m]

        def cell(cfg, budget="min"):
            return next((r for r in mr if r["config"] == cfg and
                         r["budget"] == budget and
                         r["status"] not in ("skipped", "timeout")), None)
        ours = cell("approx/time")
        if not ours or ours["realized_peak"] is None:
            continue
        for ref in ("paper-approx/time", "paper-approx/memory", "chen"):
            o = cell(ref)
            if o and o["realized_peak"] is not None and \
                    ours["realized_peak"] >= o["realized_peak"]:
                w("- %s: smallest achievable peak not below %s (%s vs %s)."
                  % (m, ref, fmt_gib(ours["realized_peak"]),
                     fmt_gib(o["realized_peak"])))
        half = cell("approx/time", "50%")
        if half and half["status"] == "infeasible":
            w("- %s: 50%% infeasible (smallest achievable %s = %.1f%% of the "
              "pass's simulated unmodified peak)." %
              (m, fmt_gib(half["min_achievable"]),
               100.0 * half["min_achievable"] / half["peak_before"]))
        elif half and half["overhead"] is not None and \
                half["overhead"] >= 0.25:
            w("- %s: overhead at 50%% is %s (target < 25%%)." %
              (m, fmt_pct(half["overhead"])))
        slow = [r for r in mr if r["solver"] == "approx" and
                (r["plan_seconds"] or 0) >= 5.0]
        if slow:
            w("- %s: approximate planning took up to %.1f s (target < 5 s; "
              "wall time on a loaded shared machine)." %
              (m, max(r["plan_seconds"] for r in slow)))
        paperT = cell("paper-approx/time")
        match = cell("approx/time", "paper-min")
        if match is None and paperT and paperT["realized_peak"] is not None:
            match = cell("approx/time", str(paperT["realized_peak"]))
        if match and paperT and match["overhead"] is not None and \
                paperT["overhead"] is not None and \
                match["overhead"] > paperT["overhead"]:
            w("- %s: at the paper's realized peak our overhead %s is above "
              "the paper's %s." % (m, fmt_pct(match["overhead"]),
                                   fmt_pct(paperT["overhead"])))
    w("")
    w("Not implemented in the driver yet:")
    w("")
    w("- Measured runtime overhead and the counting allocator's peak "
      "(`mlir-runner` on reduced sizes): only FLOP overhead from the pass's "
      "cost model and the static realized peak are reported.")
    w("- `paper-exact` and the memory-over-time profile of the ResNet-50 "
      "step; the physical bound (largest working set of a backward step) "
      "is not computed, so where 50% or the paper's reduction is not "
      "reached the page shows only the solvers' smallest achievable peak.")
    w("- The paper's Table 1 figures are GPU peaks against a framework's "
      "default run; ours are static peaks against a step that already "
      "frees every buffer after its last use, so the percentages are not "
      "directly comparable (ours is the stronger baseline).")
    w("")


def make_plots(results, outDir, mdPath):
    """Peak-vs-overhead plot per model; returns [(model, relative path)]."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        log("matplotlib not available: no plots")
        return []
    os.makedirs(outDir, exist_ok=True)
    rows = results["rows"]
    models = []
    for r in rows:
        if r["model"] not in models:
            models.append(r["model"])
    out = []
    for m in models:
        mr = [r for r in rows if r["model"] == m]
        base = next((r for r in mr if r["config"] == "unmodified"), None)
        if not base or not base["realized_peak"]:
            continue
        fig, ax = plt.subplots(figsize=(6, 4))
        markers = "osD^v<>"
        for i, (name, _, _) in enumerate(CONFIGS):
            pts = sorted({(100.0 * r["overhead"],
                           r["realized_peak"] / 2.0**30)
                          for r in mr if r["config"] == name and
                          r["realized_peak"] is not None and
                          r["overhead"] is not None})
            if pts:
                ax.plot([p[0] for p in pts], [p[1] for p in pts],
                        marker=markers[i % len(markers)], label=name,
                        alpha=0.8)
        ax.axhline(base["realized_peak"] / 2.0**30, linestyle="--",
                   color="gray", label="unmodified")
        ax.set_xlabel("FLOP overhead (% of the step)")
        ax.set_ylabel("realized peak (GiB)")
        ax.set_title("%s (%s)" % (m, base["size"] or "defaults"))
        ax.legend(fontsize=7)
        fig.tight_layout()
        path = os.path.join(outDir, "%s-peak-vs-overhead.png" % m)
        fig.savefig(path, dpi=90)
        plt.close(fig)
        out.append((m, os.path.relpath(path, os.path.dirname(
            os.path.abspath(mdPath)))))
    return out


def write_results(args, rows, command):
    os.makedirs(args.results, exist_ok=True)
    results = {
        "command": command,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "bin": args.bin,
        "cpus": os.cpu_count() or 0,
        "quick": args.quick,
        "columns": COLUMNS,
        "rows": rows,
    }
    with open(os.path.join(args.results, "results.json"), "w") as f:
        json.dump(results, f, indent=1, sort_keys=True)
    with open(os.path.join(args.results, "results.csv"), "w",
              newline="") as f:
        wr = csv.DictWriter(f, fieldnames=COLUMNS)
        wr.writeheader()
        for r in rows:
            wr.writerow({c: ("" if r.get(c) is None else r.get(c))
                         for c in COLUMNS})
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--bin", default=None,
                    help="directory with recompute-opt and recompute-zoo "
                    "(default: found on PATH)")
    ap.add_argument("--models", default=None,
                    help="comma-separated zoo models (default: %s)" %
                    ",".join(DEFAULT_MODELS))
    ap.add_argument("--quick", action="store_true",
                    help="reduced sizes (smoke test)")
    ap.add_argument("--budgets", default=",".join(DEFAULT_BUDGETS),
                    help="comma-separated budgets (N%%, bytes, or min)")
    ap.add_argument("--configs", default=",".join(c[0] for c in CONFIGS),
                    help="comma-separated configs among: " +
                    ", ".join(c[0] for c in CONFIGS))
    ap.add_argument("--results", default="benchmarks/results",
                    help="results directory (results.json, results.csv)")
    ap.add_argument("--markdown", default=None,
                    help="write the Markdown report here")
    ap.add_argument("--notes", default=None,
                    help="Markdown file appended to the report (gaps, "
                    "comments)")
    ap.add_argument("--plots", default=None,
                    help="directory for PNG plots (needs matplotlib; "
                    "made when the report is rendered)")
    ap.add_argument("--timeout", type=float, default=300,
                    help="seconds per tool invocation")
    ap.add_argument("--model-timeout", type=float, default=1800,
                    help="seconds per model; later cells are skipped")
    ap.add_argument("--keep", action="store_true",
                    help="keep generated and rewritten MLIR files")
    ap.add_argument("--check", action="store_true",
                    help="exit 1 if a cell failed, timed out, or realized a "
                    "peak above its budget")
    ap.add_argument("--render-only", action="store_true",
                    help="only render --markdown from results.json")
    ap.add_argument("--merge", action="append",
                    help="with --render-only: also render the rows of this "
                    "results directory (repeatable)")
    ap.add_argument("--append", action="store_true",
                    help="keep rows of other models from an existing "
                    "results.json")
    args = ap.parse_args()

    resultsJson = os.path.join(args.results, "results.json")
    if args.render_only:
        if not args.markdown:
            ap.error("--render-only needs --markdown")
        with open(resultsJson) as f:
            results = json.load(f)
        # Further runs (other models or configs) rendered into the same page.
        results["commands"] = [results["command"]]
        for extra in args.merge or []:
            with open(os.path.join(extra, "results.json")) as f:
                more = json.load(f)
            results["rows"].extend(more["rows"])
            results["commands"].append(more["command"])
        # A cell skipped or timed out in one run and measured in another is
        # shown once, measured.
        done = {(r["model"], r["config"], r["budget"]) for r in
                results["rows"] if r["status"] not in ("skipped", "timeout")}
        results["rows"] = [r for r in results["rows"] if
                           r["status"] not in ("skipped", "timeout") or
                           (r["model"], r["config"], r["budget"]) not in done]
        # Keep one unmodified row per model (the first measured).
        seen = set()
        kept = []
        for r in results["rows"]:
            if r["config"] == "unmodified":
                if r["model"] in seen:
                    continue
                seen.add(r["model"])
            kept.append(r)
        results["rows"] = kept
        results["notes_file"] = args.notes
        results["render_command"] = "utils/benchmark.py " + " ".join(
            sys.argv[1:])
        if args.plots:
            results["plots"] = make_plots(results, args.plots, args.markdown)
        render(results, args.markdown)
        return 0

    if args.bin is None:
        found = shutil.which("recompute-opt")
        if not found:
            ap.error("recompute-opt not on PATH; pass --bin")
        args.bin = os.path.dirname(found)
    for tool in ("recompute-opt", "recompute-zoo"):
        if not os.access(os.path.join(args.bin, tool), os.X_OK):
            ap.error("no executable %s in %s" % (tool, args.bin))
    settings = QUICK_SETTINGS if args.quick else PAPER_SETTINGS
    models = args.models.split(",") if args.models else DEFAULT_MODELS
    for m in models:
        if m not in settings:
            ap.error("unknown model '%s' (expected one of %s)" %
                     (m, ", ".join(sorted(settings))))
    args.budgets = [b.strip() for b in args.budgets.split(",") if b.strip()]
    args.configs = [c.strip() for c in args.configs.split(",") if c.strip()]
    known = [c[0] for c in CONFIGS]
    for c in args.configs:
        if c not in known:
            ap.error("unknown config '%s'" % c)

    rows = []
    if args.append and os.path.exists(resultsJson):
        with open(resultsJson) as f:
            rows = [r for r in json.load(f)["rows"] if r["model"] not in
                    models]
    command = "utils/benchmark.py " + " ".join(
        a for a in sys.argv[1:] if not a.startswith("--bin"))
    for m in models:
        rows.extend(bench_model(args, m, settings[m]))
        # Write after each model so a killed run keeps what it measured.
        results = write_results(args, rows, command)
        if args.markdown:
            results["notes_file"] = args.notes
            if args.plots:
                results["plots"] = make_plots(results, args.plots,
                                              args.markdown)
            render(results, args.markdown)
    if args.check:
        return check(rows)
    return 0


def check(rows):
    """Fails on errors, timeouts and any realized peak above the budget."""
    bad = 0
    budgeted = 0
    rewritten = 0
    for r in rows:
        where = "%s %s %s" % (r["model"], r["config"], r["budget"])
        if r["status"] in ("error", "timeout", "skipped"):
            print("benchmark-check: %s: %s %s" % (where, r["status"],
                                                  r["error"]))
            bad += 1
        if r["status"] == "rewritten":
            rewritten += 1
            if r["realized_peak"] is None:
                print("benchmark-check: %s: no realized peak" % where)
                bad += 1
        if r["budget_bytes"] is not None and r["realized_peak"] is not None:
            budgeted += 1
            if r["realized_peak"] > r["budget_bytes"]:
                print("benchmark-check: %s: realized peak %d above budget %d"
                      % (where, r["realized_peak"], r["budget_bytes"]))
                bad += 1
    print("benchmark-check: %d cells, %d rewritten, %d with a budget and a "
          "realized peak, %d problems: %s" %
          (len(rows), rewritten, budgeted, bad, "FAIL" if bad else "ok"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
