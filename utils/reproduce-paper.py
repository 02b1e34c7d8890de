#!/usr/bin/env python3
"""Reproduce the paper's experiments on its seven graphs with recompute-plan.

Runs build/bin/recompute-plan on the cg_*.txt graphs of Kusumoto et al.
(NeurIPS 2019) and writes docs/PaperReproduction.md: graph facts, the smallest
feasible model budget per solver, the lowest simulated peak per solver and
strategy, overheads at fixed budgets and solve times, each next to the
authors' figures read from reference-results.md (beside the graphs).

Plain python3, standard library only. Usage:

    python3 utils/reproduce-paper.py [--tool build/bin/recompute-plan]
        [--graphs ../shared/graphs/paper] [--out docs/PaperReproduction.md]
        [--timeout 300] [--only vgg19,unet]
"""

import argparse
import datetime
import json
import os
import platform
import re
import shlex
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GRAPHS = ["vgg19", "unet", "resnet50", "resnet152", "densenet", "googlenet",
          "pspnet"]
GB = 1e9


# --------------------------------------------------------------------------
# The authors' figures, parsed from reference-results.md
# --------------------------------------------------------------------------

def parse_tables(path):
    """Returns {section heading: [row dicts]} for every markdown table."""
    tables = {}
    section = None
    header = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("## "):
                section = line[3:].strip()
                header = None
                continue
            if not line.startswith("|"):
                header = None
                continue
            # Split on unescaped pipes; "\|V\|" is a header, not 3 cells.
            body = line.strip()[1:]
            if body.endswith("|") and not body.endswith("\\|"):
                body = body[:-1]
            cells = [c.strip().replace("\\|", "|")
                     for c in re.split(r"(?<!\\)\|", body)]
            if header is None:
                header = cells
                tables.setdefault(section, [])
                continue
            if all(re.fullmatch(r":?-+:?", c) for c in cells):
                continue
            tables[section].append(dict(zip(header, cells)))
    return tables


def first_number(text):
    """The first decimal number in `text`, or None."""
    if text is None:
        return None
    m = re.search(r"\d+(?:\.\d+)?", text)
    return float(m.group(0)) if m else None


def find_table(tables, prefix):
    for name, rows in tables.items():
        if name and name.startswith(prefix):
            return rows
    return []


class Reference:
    def __init__(self, path):
        self.ok = os.path.exists(path)
        t = parse_tables(path) if self.ok else {}
        self.facts = {r["graph"]: r for r in find_table(t, "Graph facts")}
        self.bmin = {r["graph"]: r for r in
                     find_table(t, "Smallest feasible model budget")}
        self.peaks = {r["graph"]: r for r in
                      find_table(t, "Lowest simulated peak")}
        self.fixed = find_table(t, "Overhead at fixed budgets")
        self.times = {r["graph"]: r for r in find_table(t, "Solve time")}

    @staticmethod
    def col(row, prefix):
        """The cell whose header starts with `prefix` (headers are long)."""
        if not row:
            return None
        for k, v in row.items():
            if k.startswith(prefix):
                return v
        return None


# --------------------------------------------------------------------------
# Running the tool
# --------------------------------------------------------------------------

class Runner:
    def __init__(self, tool, timeout, log):
        self.tool = tool
        self.timeout = timeout
        self.log = log
        self.runs = 0

    def run(self, graph_path, *args):
        """Runs the tool with --json=-; returns (report or None, status)."""
        cmd = [self.tool, "--json=-"] + list(args) + [graph_path]
        self.runs += 1
        t0 = time.time()
        try:
            p = subprocess.run(cmd, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=self.timeout)
        except subprocess.TimeoutExpired:
            self.log("  timeout after %ds: %s" % (self.timeout, shlex.join(cmd)))
            return None, "timeout > %d s" % self.timeout
        dt = time.time() - t0
        err = p.stderr.decode("utf-8", "replace").strip()
        report = None
        if p.stdout:
            try:
                report = json.loads(p.stdout.decode("utf-8", "replace"))
            except ValueError:
                report = None
        if p.returncode not in (0, 2) or report is None:
            self.log("  failed (%d): %s: %s" % (p.returncode, shlex.join(cmd),
                                               err))
            return None, "error: " + (err.splitlines()[0] if err else
                                      "exit %d" % p.returncode)
        self.log("  %5.1fs %s" % (dt, " ".join(args)))
        return report, ("ok" if p.returncode == 0 else "infeasible")


# --------------------------------------------------------------------------
# Formatting helpers
# --------------------------------------------------------------------------

def gb(v, digits=3):
    return "—" if v is None else ("%.*f" % (digits, v / GB))


def num(v):
    if v is None:
        return "—"
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, float):
        return "%.1f" % v
    return str(v)


def secs(v):
    return "—" if v is None else ("%.2f" % v)


def table(header, rows):
    out = ["| " + " | ".join(header) + " |",
           "|" + "|".join("---" for _ in header) + "|"]
    for r in rows:
        out.append("| " + " | ".join(str(c) for c in r) + " |")
    return "\n".join(out)


def vs_theirs(ours, cells):
    """Our peak relative to the lowest of the authors' peaks in `cells`."""
    theirs = [first_number(c) for c in cells]
    theirs = [t for t in theirs if t]
    if ours is None or not theirs:
        return "—"
    t = min(theirs) * GB
    return "%+.1f%%" % (100.0 * (ours - t) / t)


def peak_cell(rep, status):
    """'sim peak GB (T_sched / T_DP)' for a report, or why not."""
    if rep is None:
        return status
    if not rep.get("feasible"):
        return "infeasible"
    return "%s (%s / %s)" % (gb(rep["simulated_peak_bytes"]),
                             num(rep["overhead"]),
                             num(rep["overhead_model"]))


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tool", default=os.path.join(ROOT, "build", "bin",
                                                   "recompute-plan"))
    ap.add_argument("--graphs", default=os.path.normpath(
        os.path.join(ROOT, "..", "shared", "graphs", "paper")))
    ap.add_argument("--out", default=os.path.join(ROOT, "docs",
                                                  "PaperReproduction.md"))
    ap.add_argument("--timeout", type=int, default=300,
                    help="seconds per tool run (default 300)")
    ap.add_argument("--revision", default="",
                    help="the commit the tool was built from (default: "
                         "this checkout's HEAD)")
    ap.add_argument("--raw", default="",
                    help="also save every report to this JSON file")
    ap.add_argument("--render-only", default="",
                    help="do not run the tool: render the reports saved "
                         "with --raw in this file")
    ap.add_argument("--only", default="",
                    help="comma-separated subset of graphs")
    args = ap.parse_args()

    if args.render_only:
        with open(args.render_only, encoding="utf-8") as f:
            saved = json.load(f)
        ref = Reference(os.path.join(args.graphs, "reference-results.md"))
        res = {g: {k: (tuple(v) if isinstance(v, list) else v)
                   for k, v in r.items()} for g, r in saved["res"].items()}
        runner = Runner(args.tool, args.timeout, None)
        runner.runs = saved["runs"]
        args.revision = args.revision or saved.get("revision", "")
        write_report(args, saved["graphs"], res, ref, runner,
                     saved["elapsed"], saved.get("when"))
        return
    if not os.access(args.tool, os.X_OK):
        sys.exit("reproduce-paper: error: %s is not an executable; build "
                 "recompute-plan first (ninja -C build recompute-plan)"
                 % args.tool)
    graphs = [g for g in GRAPHS if not args.only or g in args.only.split(",")]
    ref = Reference(os.path.join(args.graphs, "reference-results.md"))

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    runner = Runner(args.tool, args.timeout, log)
    started = time.time()
    res = {}
    for g in graphs:
        path = os.path.join(args.graphs, "cg_%s.txt" % g)
        log("%s:" % g)
        r = {}
        # The exact lower-set family is the slow part; once an exact or
        # paper-exact run times out on a graph, skip the others on it.
        exact_timeout = []

        def run(*a):
            exact = any(x in ("--solver=exact", "--solver=paper-exact")
                        for x in a)
            if exact and exact_timeout:
                return None, "skipped (an exact run timed out)"
            rep, st = runner.run(path, *a)
            if exact and st.startswith("timeout"):
                exact_timeout.append(True)
            return rep, st

        # Facts and the smallest model budgets of approx and Chen (no exact:
        # a cap of 0 keeps the exact DP out of this run), then exact alone.
        r["min"], r["min_status"] = run("--solver=approx", "--min-budget",
                                        "--lower-set-cap=0")
        r["minx"], r["minx_status"] = run("--solver=exact", "--min-budget")
        # Lowest simulated peak per solver and strategy.
        for solver in ["approx", "exact", "chen", "paper-approx",
                       "paper-exact"]:
            for strat in ["time", "memory"]:
                key = "low/%s/%s" % (solver, strat)
                r[key] = run("--solver=" + solver, "--strategy=" + strat)
        # Overhead at 50% and 30% of our vanilla peak (time-centric).
        for pct in [50, 30]:
            for solver in ["approx", "exact"]:
                r["pct/%d/%s" % (pct, solver)] = run(
                    "--solver=" + solver, "--budget=%d%%" % pct)
        # The authors' fixed budgets: ours with B on the simulated peak, and
        # the paper's method with B as a model budget.
        for row in ref.fixed:
            if row.get("graph") != g:
                continue
            b = first_number(row.get("B"))
            if b is None:
                continue
            budget = "%dB" % round(b * GB)
            for solver in ["approx", "exact", "paper-approx", "paper-exact"]:
                r["fixed/%s/%s" % (row["B"], solver)] = run(
                    "--solver=" + solver, "--budget=" + budget)
        res[g] = r

    elapsed = time.time() - started
    when = datetime.datetime.now(datetime.timezone.utc).strftime(
        "%Y-%m-%d %H:%M UTC")
    if args.raw:
        with open(args.raw, "w", encoding="utf-8") as f:
            json.dump({"graphs": graphs, "res": res, "runs": runner.runs,
                       "elapsed": elapsed, "when": when,
                       "revision": args.revision}, f)
    write_report(args, graphs, res, ref, runner, elapsed, when)
    log("wrote %s (%d runs, %.0f s)" % (args.out, runner.runs, elapsed))


def write_report(args, graphs, res, ref, runner, elapsed, when=None):
    L = []
    add = L.append
    rel_tool = os.path.relpath(os.path.abspath(args.tool), ROOT)
    if rel_tool.startswith(".."):
        rel_tool = os.path.abspath(args.tool)
    add("# Reproducing the paper's results with recompute-plan")
    add("")
    add("Generated by `utils/reproduce-paper.py` (do not edit by hand). "
        "Regenerate with:")
    add("")
    add("    ninja -C build recompute-plan")
    add("    python3 utils/reproduce-paper.py --timeout %d" % args.timeout)
    add("")
    add("(`--tool` picks another binary; this run used `%s`, built from "
        "the commit named below.)" % rel_tool)
    add("")
    rev = args.revision
    try:
        rev = rev or subprocess.run(["git", "-C", ROOT, "rev-parse", "--short",
                              "HEAD"], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL).stdout.decode().strip()
    except OSError:
        rev = ""
    add("Run on %s, commit %s, %s (%d cores), %d tool runs, %.0f s in "
        "total; per-run timeout %d s. Times are wall-clock seconds of one "
        "process on a machine shared with other jobs: compare orders of "
        "magnitude, not digits." % (
            when or "?",
            rev or "?", platform.machine(), os.cpu_count() or 0, runner.runs,
            elapsed, args.timeout))
    add("")
    add("Authors' figures: `../shared/graphs/paper/reference-results.md` "
        "(their solver on the same files, same cost model: T_v = 10 for "
        "convolutions, else 1; M_v = bytes). GB = 10^9 bytes. "
        "**Model budget** = the paper's conservative peak M of a sequence "
        "(what the DP constrains). **Simulated peak** = our simulator's "
        "liveness peak of the emitted schedule (`include/recompute/Graph/"
        "Simulator.h`); the authors' \"sim peak\" and \"vanilla_live\" are "
        "their own replay, defined in reference-results.md, so small "
        "differences in the two simulators' accounting show up as a constant "
        "offset in the vanilla column. **T_sched** = summed T_v of the "
        "recompute steps of the simulated schedule (our `overhead`); "
        "**T_DP** = the model's T of the sequence (`overhead_model`).")
    add("")

    def rep(g, key):
        v = res[g].get(key)
        if isinstance(v, tuple):
            return v
        return v, res[g].get(key + "_status")

    # ---- Graph facts
    add("## Graph facts")
    add("")
    rows = []
    for g in graphs:
        m, st = rep(g, "min")
        mx, _ = rep(g, "minx")
        f = ref.facts.get(g, {})
        if m is None:
            rows.append([g, st] + [""] * 9)
            continue
        # The tool counts lower sets up to the cap in every run but the
        # capped min-budget one; take the count from the approx run.
        low = res[g]["low/approx/time"][0] or {}
        lower = low.get("lower_sets")
        rows.append([
            g,
            "%d / %s" % (m["nodes"], f.get("|V|", "—")),
            "%d / %s" % (m["edges"], f.get("|E|", "—")),
            "%s / %s" % (num(lower) if lower is not None else "> cap",
                         f.get("lower sets", "—")),
            "%s / %s" % (num(m["total_time"]), f.get("T(V)", "—")),
            "%s / %s" % (gb(m["total_bytes"]), Reference.col(f, "M(V)") or
                         "—"),
            gb(m["vanilla_peak_bytes"]),
            Reference.col(f, "vanilla_live") or "—",
            gb(m["peak_lower_bound_bytes"]),
            gb(m["persistent_gradient_bytes"]),
        ])
    add(table(["graph", "\\|V\\| ours / theirs", "\\|E\\|", "lower sets",
               "T(V)", "M(V) GB", "vanilla sim peak GB (ours)",
               "vanilla_live GB (theirs)", "peak lower bound GB",
               "param+input grads GB"], rows))
    add("")
    add("The peak lower bound is the most any single backward op must hold "
        "at once (`peakLowerBound`): no schedule with this backward order "
        "can go below it.")
    add("")

    # ---- Smallest feasible model budget
    add("## Smallest feasible model budget (GB)")
    add("")
    add("Computed exactly (a minimax DP, no bisection); the authors bisected "
        "to 0.5%. Chen's value is the model peak of its chain. Ours / "
        "theirs.")
    add("")
    rows = []
    for g in graphs:
        m, st = rep(g, "min")
        mx, stx = rep(g, "minx")
        b = ref.bmin.get(g, {})
        mb = (m or {}).get("min_budget_bytes") or {}
        mbx = (mx or {}).get("min_budget_bytes") or {}
        exact = gb(mbx.get("exact")) if mx else stx
        if mx and mbx.get("exact") is None:
            exact = "n/a (%s)" % (mx.get("min_budget_note") or "")
        rows.append([
            g,
            "%s / %s" % (gb(mb.get("approx")) if m else st,
                         Reference.col(b, "approx") or "—"),
            "%s / %s" % (exact, Reference.col(b, "corrected") or "—"),
            Reference.col(b, "authors") or "—",
            "%s / %s" % (gb(mb.get("chen")) if m else st,
                         Reference.col(b, "Chen") or "—"),
            secs((m or {}).get("min_budget_seconds")),
            secs((mx or {}).get("min_budget_seconds")),
        ])
    add(table(["graph", "approx DP", "exact DP / their corrected exact",
               "their \"exact\" (DFS order)", "Chen", "s (approx+chen)",
               "s (approx+exact+chen)"], rows))
    add("")

    # ---- Lowest simulated peak
    add("## Lowest simulated peak reached (GB), with T_sched / T_DP")
    add("")
    add("No budget: each solver returns the lowest simulated peak it can "
        "reach, then the least overhead among plans reaching it (time- and "
        "memory-centric differ only in how ties and the paper-* selection "
        "work). `paper-*` = the paper's method as published: the DP at its "
        "smallest feasible model budget, plan taken as is (time-centric: "
        "least T; memory-centric: largest T), then simulated.")
    add("")
    solvers = ["approx", "exact", "chen", "paper-approx", "paper-exact"]
    rows = []
    for g in graphs:
        row = [g]
        for s in solvers:
            for strat in ["time", "memory"]:
                v, st = res[g]["low/%s/%s" % (s, strat)]
                row.append(peak_cell(v, st))
        rows.append(row)
    hdr = ["graph"]
    for s in solvers:
        hdr += ["%s TC" % s, "%s MC" % s]
    add(table(hdr, rows))
    add("")
    add("The authors' figures (their simulator, approximate DP):")
    add("")
    rows = []
    for g in graphs:
        p = ref.peaks.get(g, {})
        best = None
        for s in solvers:
            for strat in ["time", "memory"]:
                v, _ = res[g]["low/%s/%s" % (s, strat)]
                if v and v.get("feasible"):
                    pk = v["simulated_peak_bytes"]
                    if best is None or pk < best[0]:
                        best = (pk, s, strat)
        rows.append([
            g,
            Reference.col(p, "TC sim peak") or "—",
            Reference.col(p, "best MC") or "—",
            Reference.col(p, "T_DP") or "—",
            Reference.col(p, "Chen sim") or "—",
            Reference.col(p, "Chen T_sched") or "—",
            "%s (%s %s)" % (gb(best[0]), best[1], best[2]) if best else "—",
            vs_theirs(best[0] if best else None,
                      [Reference.col(p, "TC sim peak"),
                       Reference.col(p, "best MC"),
                       Reference.col(p, "Chen sim")]),
        ])
    add(table(["graph", "their TC peak at B_min (approx)",
               "their best MC peak (approx)", "their T_DP / T_sched there",
               "their Chen peak", "their Chen T_sched",
               "our lowest peak (solver)",
               "ours vs their lowest"], rows))
    add("")

    # ---- Fixed fractions of our vanilla peak
    add("## Overhead at 50% and 30% of our vanilla simulated peak "
        "(time-centric)")
    add("")
    add("Cells: simulated peak GB (T_sched / T_DP), or infeasible. T(V) is "
        "the cost of recomputing the whole forward pass once.")
    add("")
    rows = []
    for g in graphs:
        m, _ = rep(g, "min")
        row = [g, gb(m["vanilla_peak_bytes"]) if m else "—",
               num(m["total_time"]) if m else "—"]
        for pct in [50, 30]:
            for s in ["approx", "exact"]:
                v, st = res[g]["pct/%d/%s" % (pct, s)]
                row.append(peak_cell(v, st))
        rows.append(row)
    add(table(["graph", "vanilla GB", "T(V)", "50% approx", "50% exact",
               "30% approx", "30% exact"], rows))
    add("")

    # ---- The authors' fixed budgets
    add("## At the authors' fixed budgets")
    add("")
    add("Their B is a model budget; their cells are T_DP / T_sched ; sim "
        "peak GB. Ours: `approx`/`exact` = our planner with B as a budget on "
        "the *simulated* peak; `paper-*` = the paper's method with B as a "
        "*model* budget. Our cells: sim peak GB (T_sched / T_DP).")
    add("")
    rows = []
    for row in ref.fixed:
        g = row.get("graph")
        if g not in res:
            continue
        cells = [g, row.get("B", "")]
        for s in ["approx", "exact", "paper-approx", "paper-exact"]:
            v, st = res[g].get("fixed/%s/%s" % (row["B"], s), (None, "—"))
            cells.append(peak_cell(v, st))
        cells.append(Reference.col(row, "approx") or "—")
        cells.append(Reference.col(row, "corrected") or "—")
        rows.append(cells)
    add(table(["graph", "B (GB)", "ours approx", "ours exact",
               "paper-approx", "paper-exact", "theirs approx",
               "theirs corrected exact"], rows))
    add("")

    # ---- Solve times
    add("## Solve time (s)")
    add("")
    add("Planner time of the no-budget runs (all candidates generated and "
        "simulated), ours, next to the authors' CPU seconds.")
    add("")
    rows = []
    for g in graphs:
        t = ref.times.get(g, {})

        def s_of(key):
            v, st = res[g][key]
            return secs(v["seconds"]) if v else st
        rows.append([
            g, s_of("low/approx/time"), s_of("low/exact/time"),
            s_of("low/chen/time"), s_of("low/paper-exact/time"),
            Reference.col(t, "approx at B_min") or "—",
            Reference.col(t, "approx, largest") or "—",
            Reference.col(t, "corrected") or "—",
        ])
    add(table(["graph", "ours approx", "ours exact", "ours chen",
               "ours paper-exact", "theirs approx at B_min",
               "theirs approx, largest", "theirs corrected exact"], rows))
    add("")

    problems = []
    for g in graphs:
        for k, v in res[g].items():
            if isinstance(v, tuple) and v[0] is None:
                problems.append("%s %s: %s" % (g, k, v[1]))
            elif k in ("min", "minx") and v is None:
                problems.append("%s %s: %s" % (g, k, res[g].get(k + "_status")))
    if problems:
        add("## Runs that did not produce a report")
        add("")
        for p in problems:
            add("- " + p)
        add("")

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(L))


if __name__ == "__main__":
    main()
