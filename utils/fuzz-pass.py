#!/usr/bin/env python3
"""Differential fuzzing driver for recompute-memory-budget.

Usage:
  fuzz-pass.py --seeds A-B [--batch 50] [--jobs 2] [--max-ops 24]
               [--work DIR] [--results FILE] [--keep] [--quiet]
  fuzz-pass.py --seeds 17 --options 'budget=60% solver=exact'   (replay)
  fuzz-pass.py --seeds 0 --input STEP.mlir --options 'budget=60%' (a given step)

For every seed, utils/fuzz-gen.py generates a training step, and the seed
also picks (deterministically) the element type, a solver, a strategy, a
cost model, sometimes a small lower-set cap, and a budget: a percentage
(10..110%), bytes (around the feasible range), plain units (KiB, KB), the
smallest achievable peak exactly, one byte below it (infeasible), a budget
far below it (infeasible) or none (smallest achievable). Then:

  1. `recompute-report` (same solver, strategy, cost model) gives the
     unmodified peak and the smallest achievable peak, and prints the
     step's IR (the reference version);
  2. `recompute-memory-budget` with the chosen options and `report=`;
     checks: a budget at or above the reported smallest achievable peak
     must be met (success, `peak_bytes_after <= budget`), a budget below it
     must fail with the documented error naming that peak and leave the IR
     unchanged (IR printed after the failure == input); no budget must
     reach the smallest achievable peak; the resolved `budget_bytes` must
     match the requested one; `unchanged` must leave the IR unchanged;
  3. per batch of steps, one module holds every reference step and every
     rewritten step, plus a `main` that calls each between memtrack_reset
     and memtrack_report and prints all results as integer bit patterns.
     The module must parse and verify in stock `mlir-opt`; the static peak
     of each function after `recompute-bufferize` must equal the pass's
     prediction (`peak_bytes_before` / `peak_bytes_after`) exactly; the
     module is lowered with `recompute-lower-to-llvm` and run once with
     `mlir-runner` and libRecomputeMemTrack.so; every rewritten step's
     results must be bit-identical to its reference's, and every measured
     peak P must satisfy predicted <= P <= predicted + 63 * K (K = buffers
     live at the measured peak, the 64-byte alignment padding) and, with a
     budget, P <= budget + 63 * K.
If a batch fails to lower or run, its steps are rerun one by one.

Output: one line per failing step, a summary, and (with --results) one
JSON object per step. Exit code 1 if any step failed.
Tools: recompute-opt, mlir-opt and mlir-runner from PATH (RECOMPUTE_OPT,
MLIR_OPT, MLIR_RUNNER override); libRecomputeMemTrack.so next to
recompute-opt (../lib) unless --memtrack is given.
"""

import argparse
import concurrent.futures
import importlib.util
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("fuzz_gen", os.path.join(HERE, "fuzz-gen.py"))
fuzz_gen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fuzz_gen)
_spec = importlib.util.spec_from_file_location("make_harness", os.path.join(HERE, "make-harness.py"))
make_harness = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_harness)

SOLVERS = ["auto", "auto", "exact", "approx", "chen", "paper-approx", "paper-exact"]
STRATEGIES = ["time-centric", "memory-centric"]
COST_MODELS = ["flops", "flops", "unit", "paper"]
ALIGN = 64
INFEASIBLE_RE = re.compile(r"error: budget (.*) is below the smallest achievable peak of (.*)$", re.M)


def text_bytes(text):
    """Bytes from a formatted size: '1.0 KiB (1075 bytes)' or '60 B'."""
    m = re.search(r"\((\d+) bytes\)", text) or re.match(r"\s*(\d+) B\b", text)
    return int(m.group(1)) if m else None


def errors(err):
    """The diagnostics of stderr that are errors, for messages."""
    lines = [l for l in err.splitlines() if "error:" in l]
    return " | ".join(lines)[-600:] if lines else err.strip()[-300:]

TOOLS = {}


def tool(name, env):
    return os.environ.get(env, shutil.which(name) or name)


def run(cmd, timeout=120, **kw):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True, timeout=timeout, **kw)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return "timeout", "", "timeout after %d s" % timeout


# ---------------------------------------------------------------------------
# Per-seed choices.


class Config(object):
    def __init__(self, seed, override=None):
        rng = random.Random(seed * 1000003 + 12345)
        self.seed = seed
        self.elem = "f64" if rng.random() < 0.15 else "f32"
        self.solver = rng.choice(SOLVERS)
        self.strategy = rng.choice(STRATEGIES)
        self.cost_model = rng.choice(COST_MODELS)
        # The exact families grow exponentially with the width of the DAG and
        # the DP quadratically with the family: bound them (the default cap of
        # 200000 can take minutes on a wide 24-op step).
        if self.solver in ("exact", "paper-exact"):
            self.cap = rng.choice([2000, 2000, 5000, 1000, 30])
        else:
            self.cap = rng.choice([None] * 8 + [30, 1000])
        r = rng.random()
        if r < 0.35:
            self.mode = "percent"
        elif r < 0.55:
            self.mode = "bytes"
        elif r < 0.62:
            self.mode = "unit"
        elif r < 0.72:
            self.mode = "min"
        elif r < 0.79:
            self.mode = "min-1"
        elif r < 0.84:
            self.mode = "far-below"
        else:
            self.mode = "none"
        self.rng = rng
        self.override = override

    def common(self):
        opts = ["solver=" + self.solver, "strategy=" + self.strategy, "cost-model=" + self.cost_model]
        if self.cap is not None:
            opts.append("lower-set-cap=%d" % self.cap)
        return opts

    def pick_budget(self, before, smallest):
        """Returns (budget string or None, expected bytes or None, tolerance)."""
        rng = self.rng
        if self.mode == "percent":
            # Resolved against the unmodified peak; checked after the run.
            if rng.random() < 0.3:
                return "%d%%" % rng.randint(10, 110), None, 0
            return "%.1f%%" % rng.uniform(10, 110), None, 0
        if self.mode == "bytes":
            lo, hi = int(smallest * 0.9), int(before * 1.1) + 1
            b = rng.randint(max(0, lo), max(lo, hi))
            return str(b), b, 0
        if self.mode == "unit":
            lo, hi = int(smallest * 0.9), int(before * 1.1) + 1
            b = rng.randint(max(0, lo), max(lo, hi))
            unit, mult = rng.choice([("KiB", 1024), ("KB", 1000), ("B", 1)])
            n = max(1, b // mult)
            if rng.random() < 0.5 and mult > 1:
                frac = "%d.%d" % (n, rng.randint(0, 9))
                return frac + unit, int(float(frac) * mult), 1
            return "%d%s" % (n, unit), n * mult, 0
        if self.mode == "min":
            return str(smallest), smallest, 0
        if self.mode == "min-1":
            return str(max(0, smallest - 1)), max(0, smallest - 1), 0
        if self.mode == "far-below":
            b = rng.randint(0, max(0, smallest - 1))
            return str(b), b, 0
        return None, None, 0

    def describe(self):
        return "%s %s %s %s%s" % (self.elem, self.solver, self.strategy, self.cost_model,
                                  "" if self.cap is None else " cap=%d" % self.cap)


# ---------------------------------------------------------------------------
# One step through the pass.


NEEDS_REPORT = ("bytes", "unit", "min", "min-1", "far-below")
PAPER = ("paper-exact", "paper-approx")


def dumped_module(err, marker):
    """The module printed to stderr after a line containing `marker`."""
    i = err.find(marker)
    if i < 0:
        return None
    lines = err[i:].splitlines()[1:]
    out = []
    for l in lines:
        out.append(l)
        if l == "}":
            return "\n".join(out) + "\n"
    return None


TENSOR_RE = re.compile(r"tensor<((?:\d+x)*)(f32|f64)>")


def signature(text):
    """Argument and result shapes and the element type of @train_step."""
    m = re.search(r"func\.func\s+@train_step\s*\((.*?)\)\s*->\s*\((.*?)\)\s*(?:attributes.*?)?\{", text, re.S)
    if not m:
        sys.exit("fuzz-pass: error: no func.func @train_step(...) -> (...) in the input")
    def shapes(part):
        out = [([int(d) for d in t[0].split("x") if d], t[1]) for t in TENSOR_RE.findall(part)]
        return out
    args, results = shapes(m.group(1)), shapes(m.group(2))
    elems = set(e for _, e in args + results)
    if len(elems) != 1:
        sys.exit("fuzz-pass: error: expected one element type (f32 or f64), found %s" % sorted(elems))
    return [a for a, _ in args], [r for r, _ in results], elems.pop()


def pass_step(seed, cfg, work, max_ops):
    """Runs the generator and the pass for one seed. Returns a record dict."""
    rec = {"seed": seed, "elem": cfg.elem, "solver": cfg.solver, "strategy": cfg.strategy,
           "cost_model": cfg.cost_model, "cap": cfg.cap, "mode": cfg.mode, "failures": []}
    fail = rec["failures"].append
    src = os.path.join(work, "s%d.mlir" % seed)
    if TOOLS.get("input"):
        # A checked-in step (a regression test) instead of a generated one.
        with open(TOOLS["input"]) as f:
            text = f.read()
        args, results, elem = signature(text)
        rec["elem"] = elem
        rec["result_shapes"], rec["arg_shapes"] = results, args
    else:
        step = fuzz_gen.generate(seed, cfg.elem, max_ops, exclude=TOOLS.get("exclude", ()))
        rec["ops"] = len(step.ops)
        rec["params"] = len(step.params)
        text = step.mlir()
        rec["result_shapes"] = step.result_shapes
        rec["arg_shapes"] = [list(v.shape) for v in step.args]
    with open(src, "w") as f:
        f.write(text)
    rec["src"] = src
    opt = TOOLS["opt"]
    rjson = os.path.join(work, "s%d.report.json" % seed)
    ref = os.path.join(work, "s%d.ref.mlir" % seed)
    common = cfg.common()
    if cfg.override is not None:
        common = [o for o in cfg.override.split() if not o.startswith(("budget=", "report="))]
        for o in common:
            k, _, v = o.partition("=")
            if k == "solver":
                rec["solver"] = cfg.solver = v
            elif k == "strategy":
                rec["strategy"] = v
            elif k == "cost-model":
                rec["cost_model"] = v
        rec["mode"] = "given"
    report_opts = "format=json output=%s %s" % (rjson, " ".join(common))
    separate = cfg.mode in NEEDS_REPORT or cfg.override is not None
    before = smallest = None
    if separate:
        # The budget depends on the peaks: ask recompute-report first.
        rc, out, err = run([opt, src, "--mlir-print-local-scope", "--recompute-report=" + report_opts,
                            "-o", ref])
        if rc != 0:
            fail("recompute-report failed (rc=%s): %s" % (rc, errors(err)))
            return rec
        with open(rjson) as f:
            report = json.load(f)
        before = report.get("peak_bytes_before")
        smallest = report.get("min_achievable_peak_bytes")
        if before is None or smallest is None:
            fail("recompute-report gave no peak_bytes_before/min_achievable_peak_bytes: %s"
                 % report.get("status"))
            return rec
    if cfg.override is not None:
        budget, expect, tol = None, None, 0
        opts = cfg.override
        m = re.search(r"budget=(\S+)", opts)
        budget = m.group(1) if m else None
    else:
        budget, expect, tol = cfg.pick_budget(before, smallest)
        opts = " ".join(cfg.common() + ([] if budget is None else ["budget=" + budget]))
    rec["budget"] = budget
    rec["options"] = opts
    pjson = os.path.join(work, "s%d.pass.json" % seed)
    out_mlir = os.path.join(work, "s%d.opt.mlir" % seed)
    pipeline = "recompute-memory-budget{%s report=%s}" % (opts, pjson)
    t0 = time.time()
    rc, out, err = run([opt, src, "--mlir-print-local-scope", "--mlir-disable-threading",
                        "--mlir-print-ir-module-scope", "--mlir-print-ir-before=recompute-memory-budget",
                        "--mlir-print-ir-after-failure",
                        "--pass-pipeline=builtin.module(func.func(%s))" % pipeline, "-o", out_mlir])
    rec["pass_seconds"] = round(time.time() - t0, 3)
    rec["opt_out"] = out_mlir
    if rc == "timeout":
        fail("the pass timed out")
        return rec
    before_text = dumped_module(err, "IR Dump Before")
    if before_text is None:
        fail("no IR dump before the pass (rc=%s): %s" % (rc, errors(err)))
        return rec
    if not separate:
        with open(ref, "w") as f:
            f.write(before_text)
    with open(ref) as f:
        ref_text = f.read()
    if strip_module(before_text) != strip_module(ref_text):
        fail("the IR printed before the pass differs from recompute-report's")
    preport = None
    if os.path.exists(pjson):
        try:
            with open(pjson) as f:
                preport = json.load(f)
        except ValueError as e:
            fail("the pass wrote an unreadable report: %s" % e)
    if preport is None:
        fail("the pass wrote no report (rc=%s): %s" % (rc, errors(err)))
        return rec
    rec["ref"] = ref
    if not separate:
        # Percentages and no budget: the pass's own report is the only one
        # (planning twice would double the cost of a step); the smallest
        # achievable peak is known when the pass planned.
        before = preport.get("peak_bytes_before")
        smallest = preport.get("min_achievable_peak_bytes")
        if before is None:
            fail("the pass reported no peak_bytes_before: %s" % preport.get("status"))
            return rec
    rec["before"] = before
    rec["smallest"] = smallest
    rec["status"] = preport.get("status")
    bb = preport.get("budget_bytes")
    rec["budget_bytes"] = bb
    if expect is not None and bb is not None and abs(bb - expect) > tol:
        fail("budget %s resolved to %d bytes, expected %d" % (budget, bb, expect))
    if budget is not None and bb is None:
        fail("budget %s not in the report" % budget)
    if budget is not None and cfg.mode == "percent" and bb is not None:
        pct = float(budget[:-1])
        if abs(bb - int(before * pct / 100.0)) > 1:
            fail("budget %s of %d B resolved to %d B" % (budget, before, bb))
    if preport.get("peak_bytes_before") != before:
        fail("peak_bytes_before %s != recompute-report's %s" % (preport.get("peak_bytes_before"), before))
    paper = cfg.solver in PAPER
    # The smallest peak any plan reaches: keeping everything is a plan.
    floor = before if smallest is None else min(before, smallest)
    if smallest is not None and smallest > before and not paper:
        fail("smallest achievable peak %d B above the unmodified %d B" % (smallest, before))
    if rc != 0:
        rec["expect"] = "infeasible"
        after_fail = dumped_module(err, "Failed")
        if after_fail is None:
            fail("no IR printed after the failure")
        elif strip_module(after_fail) != strip_module(ref_text):
            fail("the IR after the failed pass differs from the input")
        if rec["status"] != "infeasible":
            fail("report status %s after a failure" % rec["status"])
        m = INFEASIBLE_RE.search(err)
        resim = "the rewritten function's simulated peak of" in err
        if bb is None:
            fail("the pass failed without a budget: %s" % errors(err))
        elif m:
            named = text_bytes(m.group(2))
            if named is None:
                fail("cannot read the smallest achievable peak in: %s" % m.group(0))
            elif named <= bb:
                fail("budget %d B refused although the error names a smallest achievable peak of %d B"
                     % (bb, named))
            if named is not None and not paper and separate and named != smallest:
                fail("the error names a smallest achievable peak of %d B, recompute-report said %d B"
                     % (named, smallest))
            if not paper and bb >= floor:
                fail("feasible budget %d B refused (smallest achievable %d B)" % (bb, floor))
        elif resim and paper:
            pass  # paper-*: the DP plan is taken as is; its real peak may exceed the budget
        else:
            fail("unexpected error: %s" % errors(err))
        return rec
    rec["expect"] = "feasible"
    if bb is not None and smallest is not None and bb < floor and not paper:
        fail("budget %d B below the smallest achievable peak %d B was accepted (status %s, peak_after %s)"
             % (bb, floor, rec["status"], preport.get("peak_bytes_after")))
    after = preport.get("peak_bytes_after")
    rec["after"] = after
    rec["recomputed_ops"] = preport.get("recomputed_ops")
    rec["overhead"] = preport.get("overhead")
    if after is None:
        fail("no peak_bytes_after")
        return rec
    if bb is not None and after > bb:
        fail("predicted peak %d B exceeds the budget %d B" % (after, bb))
    if preport.get("predicted_peak_bytes") not in (None, after):
        fail("predicted_peak_bytes %s != peak_bytes_after %d" % (preport.get("predicted_peak_bytes"), after))
    if budget is None and not paper and after != floor:
        fail("no budget: peak %d B is not the smallest achievable %d B" % (after, floor))
    if after > before:
        fail("the rewritten peak %d B is above the unmodified %d B" % (after, before))
    with open(out_mlir) as f:
        out_text = f.read()
    if rec["status"] == "unchanged":
        if strip_module(out_text) != strip_module(ref_text):
            fail("status unchanged but the IR changed")
        if after != before:
            fail("status unchanged but peak_bytes_after %d != before %d" % (after, before))
    elif rec["status"] == "rewritten":
        rec["opt"] = out_mlir
        if "recompute.remat" not in out_text:
            fail("status rewritten but no recompute.remat op in the output")
    else:
        fail("unexpected status %s" % rec["status"])
    return rec


def strip_module(text):
    """Normalises a printed module for comparison."""
    lines = [l.rstrip() for l in text.strip().splitlines() if l.strip() and not l.startswith("//")]
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Batched execution.


def func_body(path, newname):
    """The func.func of a printed module, renamed."""
    with open(path) as f:
        text = f.read()
    start = text.index("func.func @train_step")
    # The printed module ends with the closing brace of the module.
    end = text.rstrip().rindex("}")
    body = text[start:end].rstrip() + "\n"
    return body.replace("func.func @train_step(", "func.func @%s(" % newname, 1)


def fill_lines(lines, k, shape, elem, seed):
    """Fills argument k with utils/make-harness.py's pattern, shifted by seed."""
    make_harness.gen_fill(lines, k, shape, elem,
                          offset=(k * 101 + seed * 13 + 11) % 61)


def print_lines(lines, j, value, shape, elem):
    r = len(shape)
    it = "i32" if elem == "f32" else "i64"
    t = fuzz_gen.ttype(shape, elem)
    ti = fuzz_gen.ttype(shape, it)
    lines.append("  %%bits%d_e = tensor.empty() : %s" % (j, ti))
    lines.append("  %%bits%d = linalg.generic {indexing_maps = [%s, %s], iterator_types = %s} ins(%s : %s) outs(%%bits%d_e : %s) {"
                 % (j, fuzz_gen.idmap(r), fuzz_gen.idmap(r), fuzz_gen.iters(["parallel"] * r), value, t, j, ti))
    lines.append("  ^bb0(%%a: %s, %%o: %s):" % (elem, it))
    lines.append("    %%b = arith.bitcast %%a : %s to %s" % (elem, it))
    lines.append("    linalg.yield %%b : %s" % it)
    lines.append("  } -> " + ti)
    lines.append("  %%u%d = tensor.cast %%bits%d : %s to tensor<*x%s>" % (j, j, ti, it))
    lines.append("  func.call @printMemref%s(%%u%d) : (tensor<*x%s>) -> ()" % (it.upper(), j, it))


def driver_func(rec, variant):
    seed, elem = rec["seed"], rec["elem"]
    name = "s%d_%s" % (seed, variant)
    lines = ["func.func @drive_%s() {" % name]
    args = rec["arg_shapes"]
    for k, shape in enumerate(args):
        fill_lines(lines, k, shape, elem, seed)
    res = rec["result_shapes"]
    at = ", ".join(fuzz_gen.ttype(s, elem) for s in args)
    rt = ", ".join(fuzz_gen.ttype(s, elem) for s in res)
    lines.append('  vector.print str "FUZZSTEP %d %s\\n"' % (seed, variant))
    lines.append("  func.call @memtrack_reset() : () -> ()")
    lines.append("  %%res:%d = func.call @%s(%s) {no_inline} : (%s) -> (%s)"
                 % (len(res), name, ", ".join("%%in%d" % k for k in range(len(args))), at, rt))
    lines.append("  func.call @memtrack_report() : () -> ()")
    for j, s in enumerate(res):
        print_lines(lines, j, "%%res#%d" % j, s, elem)
    lines += ["  return", "}"]
    return "\n".join(lines) + "\n"


def build_module(recs, execute=None):
    """All step functions; drivers and calls only for the steps in
    `execute` (default: all)."""
    parts = ["module {",
             "func.func private @memtrack_reset()",
             "func.func private @memtrack_report()",
             "func.func private @printMemrefI32(tensor<*xi32>)",
             "func.func private @printMemrefI64(tensor<*xi64>)"]
    calls = []
    for rec in recs:
        for variant in ("ref", "opt"):
            path = rec.get(variant)
            if not path:
                continue
            parts.append(func_body(path, "s%d_%s" % (rec["seed"], variant)))
            if execute is not None and rec["seed"] not in execute:
                continue
            parts.append(driver_func(rec, variant))
            calls.append("  func.call @drive_s%d_%s() : () -> ()" % (rec["seed"], variant))
    parts.append("func.func @main() {")
    parts += calls
    parts += ["  return", "}", "}"]
    return "\n".join(parts) + "\n"


def parse_run(text):
    """FUZZSTEP blocks -> {(seed, variant): (memtrack dict, result lines)}."""
    blocks = {}
    cur = None
    for line in text.splitlines():
        if line.startswith("FUZZSTEP "):
            _, seed, variant = line.split()
            cur = (int(seed), variant)
            blocks[cur] = [None, []]
            continue
        if cur is None:
            continue
        if line.startswith("MEMTRACK "):
            stats = {}
            for kv in line.split()[1:]:
                k, _, v = kv.partition("=")
                stats[k] = int(v)
            blocks[cur][0] = stats
        else:
            blocks[cur][1].append(re.sub(r"base@ = 0x[0-9a-fA-F]+", "base@ = <addr>", line))
    return blocks


def run_batch(recs, work, tag):
    """Phase 3 on the steps of `recs` that have a reference. Adds failures."""
    recs = [r for r in recs if r.get("ref")]
    if not recs:
        return
    mod = os.path.join(work, "%s.batch.mlir" % tag)
    with open(mod, "w") as f:
        f.write(build_module(recs))
    opt = TOOLS["opt"]
    # 1. Stock mlir-opt parses and verifies everything.
    rc, _, err = run([TOOLS["mlir_opt"], mod, "-o", os.devnull])
    if rc != 0:
        return batch_failed(recs, work, tag, "mlir-opt rejects the module: " + errors(err))
    # 2. Static peaks of the bufferized functions.
    sjson = os.path.join(work, "%s.static.json" % tag)
    rc, _, err = run([opt, mod, "--recompute-bufferize", "--recompute-static-peak=report=%s" % sjson,
                      "-o", os.devnull])
    if rc != 0:
        return batch_failed(recs, work, tag, "recompute-bufferize/static-peak failed: " + errors(err))
    with open(sjson) as f:
        static = {e["name"]: e for e in json.load(f).get("functions", [])}
    # 3. Lower and run the rewritten steps and their references, and a
    # quarter of the other references.
    run_recs = [r for r in recs if r.get("opt") or r["seed"] % 4 == 0 or len(recs) == 1]
    for r in recs:
        if r not in run_recs:
            r["static_only"] = True
            check_static(r, static)
    if not run_recs:
        return
    exe = os.path.join(work, "%s.exec.mlir" % tag)
    with open(exe, "w") as f:
        f.write(build_module(run_recs))
    llvm = os.path.join(work, "%s.llvm.mlir" % tag)
    rc, _, err = run([opt, exe, "--recompute-lower-to-llvm", "-o", llvm], timeout=900)
    if rc != 0:
        return batch_failed(recs, work, tag, "recompute-lower-to-llvm failed: " + errors(err))
    libs = ",".join([os.path.join(TOOLS["llvm_lib"], "libmlir_runner_utils.so"),
                     os.path.join(TOOLS["llvm_lib"], "libmlir_c_runner_utils.so"), TOOLS["memtrack"]])
    rc, out, err = run([TOOLS["runner"], llvm, "-e", "main", "-entry-point-result=void",
                        "-shared-libs=" + libs], timeout=900)
    if rc != 0:
        return batch_failed(recs, work, tag, "mlir-runner failed (rc=%s): %s" % (rc, errors(err)))
    blocks = parse_run(out)
    for rec in run_recs:
        check_executed(rec, blocks, static)
    if len(recs) > 0 and not TOOLS["keep"]:
        for p in (mod, exe, llvm, sjson):
            if os.path.exists(p):
                os.remove(p)


def batch_failed(recs, work, tag, why):
    if len(recs) == 1:
        recs[0]["failures"].append(why)
        return
    # Find the culprits one by one.
    for rec in recs:
        run_batch([rec], work, "%s.s%d" % (tag, rec["seed"]))


def check_static(rec, static):
    """Static peaks of the bufferized functions against the predictions."""
    variants = [("ref", rec.get("before"))]
    if rec.get("opt"):
        variants.append(("opt", rec.get("after")))
    for variant, predicted in variants:
        st = static.get("s%d_%s" % (rec["seed"], variant))
        if st is None:
            rec["failures"].append("%s: no static peak" % variant)
        elif st["peak_bytes"] != predicted:
            rec["failures"].append("%s: static peak of the bufferized step %d B != predicted %d B"
                                   % (variant, st["peak_bytes"], predicted))


def check_executed(rec, blocks, static):
    fail = rec["failures"].append
    seed = rec["seed"]
    variants = [("ref", rec.get("before"))]
    if rec.get("opt"):
        variants.append(("opt", rec.get("after")))
    for variant, predicted in variants:
        blk = blocks.get((seed, variant))
        if blk is None or blk[0] is None:
            fail("%s: the run printed nothing for this step" % variant)
            return
        stats, _ = blk
        measured = stats["peak_bytes"]
        k = stats.get("peak_live_allocs", 0)
        rec["measured_" + variant] = measured
        if stats.get("unknown_frees"):
            fail("%s: %d frees of unknown pointers" % (variant, stats["unknown_frees"]))
        if not (predicted <= measured <= predicted + (ALIGN - 1) * k):
            fail("%s: measured peak %d B outside [predicted %d B, + %d B alignment padding (%d live)]"
                 % (variant, measured, predicted, (ALIGN - 1) * k, k))
        if variant == "opt" and rec.get("budget_bytes") is not None:
            if measured > rec["budget_bytes"] + (ALIGN - 1) * k:
                fail("opt: measured peak %d B exceeds the budget %d B + padding %d B"
                     % (measured, rec["budget_bytes"], (ALIGN - 1) * k))
    check_static(rec, static)
    if rec.get("opt"):
        a, b = blocks[(seed, "ref")][1], blocks[(seed, "opt")][1]
        if a != b:
            nd = sum(1 for x, y in zip(a, b) if x != y) + abs(len(a) - len(b))
            fail("results differ from the unmodified step in %d lines" % nd)
        else:
            rec["identical_lines"] = len(a)


# ---------------------------------------------------------------------------


def do_batch(args):
    seeds, work, max_ops, override, keep, tools = args
    os.makedirs(work, exist_ok=True)
    TOOLS.update(tools)
    recs = []
    t0 = time.time()
    for s in seeds:
        cfg = Config(s, override)
        try:
            recs.append(pass_step(s, cfg, work, max_ops))
        except Exception as e:  # a driver bug must not hide the other steps
            recs.append({"seed": s, "failures": ["driver error: %r" % e]})
    t1 = time.time()
    try:
        run_batch(recs, work, "b%d" % seeds[0])
    except Exception as e:
        for r in recs:
            r["failures"].append("driver error in the batch: %r" % e)
    if recs:
        recs[0]["timing"] = {"pass_phase": round(t1 - t0, 1), "batch_phase": round(time.time() - t1, 1)}
    if not keep:
        for r in recs:
            if not r["failures"]:
                for key in ("src", "ref", "opt", "opt_out"):
                    if r.get(key) and os.path.exists(r[key]):
                        os.remove(r[key])
                for suffix in (".report.json", ".pass.json"):
                    p = os.path.join(work, "s%d%s" % (r["seed"], suffix))
                    if os.path.exists(p):
                        os.remove(p)
    return recs


def parse_seeds(text):
    out = []
    for part in text.split(","):
        if "-" in part:
            a, b = part.split("-")
            out += list(range(int(a), int(b) + 1))
        else:
            out.append(int(part))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", help="e.g. 1-100 or 3,17,40-45")
    ap.add_argument("--summarize", metavar="RESULTS",
                    help="print the summary of a --results file (e.g. of an interrupted campaign)")
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--max-ops", type=int, default=24)
    ap.add_argument("--work", help="work directory (default: a temporary one)")
    ap.add_argument("--results", help="append one JSON line per step here")
    ap.add_argument("--options", help="pass options replacing the seed's choice (replay)")
    ap.add_argument("--input", help="use this step (func.func @train_step, f32 or f64, returning "
                    "(loss, gradients...)) instead of a generated one; with --options")
    ap.add_argument("--keep", action="store_true", help="keep every intermediate file")
    ap.add_argument("--exclude", help="op kinds the generator leaves out (fuzz-gen.py --exclude)")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--memtrack")
    ap.add_argument("--llvm-lib", default="/usr/lib/llvm-22/lib")
    opts = ap.parse_args()
    if opts.summarize:
        with open(opts.summarize) as f:
            recs = [json.loads(l) for l in f if l.strip()]
        recs.sort(key=lambda r: r["seed"])
        summarize(recs, 0)
        return 1 if any(r["failures"] for r in recs) else 0
    if not opts.seeds:
        ap.error("--seeds is required")

    TOOLS["opt"] = tool("recompute-opt", "RECOMPUTE_OPT")
    TOOLS["mlir_opt"] = tool("mlir-opt", "MLIR_OPT")
    TOOLS["runner"] = tool("mlir-runner", "MLIR_RUNNER")
    TOOLS["llvm_lib"] = opts.llvm_lib
    if opts.memtrack:
        TOOLS["memtrack"] = opts.memtrack
    else:
        TOOLS["memtrack"] = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(TOOLS["opt"]))),
                                         "lib", "libRecomputeMemTrack.so")
    if not os.path.exists(TOOLS["memtrack"]):
        sys.exit("fuzz-pass: error: cannot find %s" % TOOLS["memtrack"])
    TOOLS["keep"] = opts.keep
    TOOLS["input"] = opts.input and os.path.abspath(opts.input)
    TOOLS["exclude"] = tuple(opts.exclude.split(",")) if opts.exclude else ()
    if opts.input and not opts.options:
        ap.error("--input needs --options")
    seeds = parse_seeds(opts.seeds)
    work = opts.work or tempfile.mkdtemp(prefix="fuzz-pass-")
    os.makedirs(work, exist_ok=True)
    batches = [seeds[i:i + opts.batch] for i in range(0, len(seeds), opts.batch)]
    t0 = time.time()
    tasks = [(b, os.path.join(work, "b%d" % b[0]), opts.max_ops, opts.options, opts.keep, dict(TOOLS))
             for b in batches]
    allrecs = []
    resf = open(opts.results, "a") if opts.results else None

    def consume(recs):
        for r in recs:
            allrecs.append(r)
            if resf:
                resf.write(json.dumps({k: v for k, v in r.items() if k not in ("result_shapes", "arg_shapes")},
                                      sort_keys=True) + "\n")
                resf.flush()
            if r["failures"]:
                print("FAIL seed %d [%s]: %s" % (r["seed"], r.get("options", ""), "; ".join(r["failures"])))
        if recs and "timing" in recs[0] and not opts.quiet:
            print("fuzz-pass: batch %d: %s" % (recs[0]["seed"], recs[0]["timing"]))
        if not opts.quiet:
            nf = sum(1 for r in allrecs if r["failures"])
            print("fuzz-pass: %d/%d steps, %d failing, %.0f s" % (len(allrecs), len(seeds), nf, time.time() - t0))
        sys.stdout.flush()

    if opts.jobs <= 1:
        for t in tasks:
            consume(do_batch(t))
    else:
        with concurrent.futures.ProcessPoolExecutor(max_workers=opts.jobs) as ex:
            futures = [ex.submit(do_batch, t) for t in tasks]
            for fut in concurrent.futures.as_completed(futures):
                consume(fut.result())
    allrecs.sort(key=lambda r: r["seed"])
    summarize(allrecs, time.time() - t0)
    if not opts.work and not opts.keep and not any(r["failures"] for r in allrecs):
        shutil.rmtree(work, ignore_errors=True)
    return 1 if any(r["failures"] for r in allrecs) else 0


def summarize(recs, seconds):
    n = len(recs)
    failing = [r for r in recs if r["failures"]]
    def count(key):
        c = {}
        for r in recs:
            c[r.get(key)] = c.get(r.get(key), 0) + 1
        return ", ".join("%s %d" % (k, v) for k, v in sorted(c.items(), key=lambda kv: str(kv[0])))
    executed = sum(1 for r in recs if "measured_ref" in r)
    static_only = sum(1 for r in recs if r.get("static_only"))
    rewritten = sum(1 for r in recs if "measured_opt" in r)
    identical = sum(1 for r in recs if "identical_lines" in r)
    print("fuzz-pass: summary: %d steps, %d failing, %.0f s" % (n, len(failing), seconds))
    if recs:
        print("fuzz-pass: seeds %d-%d" % (recs[0]["seed"], recs[-1]["seed"]))
    print("fuzz-pass: element types: " + count("elem"))
    print("fuzz-pass: budgets: " + count("mode"))
    print("fuzz-pass: solvers: " + count("solver"))
    print("fuzz-pass: strategies: " + count("strategy"))
    print("fuzz-pass: cost models: " + count("cost_model"))
    print("fuzz-pass: statuses: " + count("status"))
    print("fuzz-pass: executed %d reference steps (%d more checked statically only), "
          "%d rewritten steps, %d bit-identical" % (executed, static_only, rewritten, identical))
    if failing:
        print("fuzz-pass: failing seeds: " + ",".join(str(r["seed"]) for r in failing))


if __name__ == "__main__":
    sys.exit(main())
