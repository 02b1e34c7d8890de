#!/usr/bin/env python3
"""Finite-difference gradient check of a recompute-zoo training step.

Generates the step with `recompute-zoo --gradcheck` (f64), lowers it with the
pipeline from docs/Zoo.md, runs it under mlir-runner and checks that, for
every parameter, the largest relative error between the analytic gradient
(sampled entries and/or directional derivatives along hashed directions)
and fourth-order central differences of the loss is below --tol. Prints one
summary line; exits 1 on failure.

Engines (--engine):
  jit     mlir-runner compiles the whole lowered module with its JIT. Its
          code generation is slow on big modules (ResNet-50 at a tiny size:
          ~3 minutes, mostly machine scheduling and SCEV; -O0 does not make
          the JIT's codegen fast).
  native  (default) the lowered module is translated to LLVM IR, compiled
          with `llc -O0` (FastISel, fast register allocation; seconds) into
          a shared library, and mlir-runner executes it: its entry is a
          one-op module calling the library's @main.

Usage: zoo-gradcheck.py [--tol 1e-6] [--bin DIR] [--engine native|jit]
                        [--trace] -- <recompute-zoo options>
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

PIPELINE = ("builtin.module(one-shot-bufferize{bufferize-function-boundaries "
            "function-boundary-type-conversion=identity-layout-map},"
            "buffer-deallocation-pipeline,convert-bufferization-to-memref,"
            "convert-linalg-to-loops,convert-scf-to-cf,expand-strided-metadata,"
            "lower-affine,convert-to-llvm,reconcile-unrealized-casts)")


def find(tool, dirs):
    for d in dirs:
        if d and os.path.exists(os.path.join(d, tool)):
            return os.path.join(d, tool)
    found = shutil.which(tool)
    if not found:
        sys.exit("error: cannot find %s" % tool)
    return found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tol", type=float, default=1e-6)
    ap.add_argument("--bin", default="", help="directory of recompute-zoo")
    ap.add_argument("--llvm", default="/usr/lib/llvm-22")
    ap.add_argument("--keep", default="", help="keep intermediate files here")
    ap.add_argument("--mlir", default="",
                    help="check this --gradcheck module instead of generating")
    ap.add_argument("--params", type=int, default=-1,
                    help="number of parameters (with --mlir)")
    ap.add_argument("--engine", choices=["native", "jit"], default="native")
    ap.add_argument("--trace", action="store_true",
                    help="print one row per check (parameter, code, step used, "
                    "E(h/2), analytic, relative error, relative spread)")
    ap.add_argument("zoo_args", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    zargs = [a for a in args.zoo_args if a != "--"]
    llvm_bin = os.path.join(args.llvm, "bin")
    zoo = None if args.mlir else find("recompute-zoo", [args.bin])
    opt = find("mlir-opt", [llvm_bin])
    runner = find("mlir-runner", [llvm_bin])
    libs = ",".join(os.path.join(args.llvm, "lib", l) for l in
                    ("libmlir_runner_utils.so", "libmlir_c_runner_utils.so"))
    args.translate = find("mlir-translate", [llvm_bin])
    args.llc = find("llc", [llvm_bin])
    args.cc = find("clang", [llvm_bin])
    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
        run(args, zargs, zoo, opt, runner, libs, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="zoo-gc-") as work:
            run(args, zargs, zoo, opt, runner, libs, work)


def run(args, zargs, zoo, opt, runner, libs, work):
    src = os.path.join(work, "step.mlir")
    low = os.path.join(work, "step.llvm.mlir")
    if args.mlir:
        src = args.mlir
        nparams = args.params
        nsamples = -1
        zargs = [os.path.basename(args.mlir)]
    else:
        extra = ["--gradcheck-trace"] if args.trace else []
        r = subprocess.run([zoo] + zargs + ["--dtype=f64", "--gradcheck",
                                            "--report", "-o", src] + extra,
                           capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit("error: recompute-zoo failed:\n" + r.stderr)
        m = re.search(r"params=(\d+)", r.stderr)
        nparams = int(m.group(1))
        m = re.search(r"gradcheck_samples=(\d+)", r.stderr)
        nsamples = int(m.group(1))
    t0 = time.time()
    phases = []
    last = [t0]

    def phase(name):
        now = time.time()
        phases.append("%s %.0fs" % (name, now - last[0]))
        last[0] = now

    subprocess.run([opt, src, "--pass-pipeline=" + PIPELINE, "-o", low],
                   check=True)
    phase("lower")
    if args.engine == "jit":
        cmd = [runner, "-O0", "-e", "main", "-entry-point-result=void",
               "-shared-libs=" + libs, low]
    else:
        ll = os.path.join(work, "step.ll")
        obj = os.path.join(work, "step.o")
        so = os.path.join(work, "libstep.so")
        stub = os.path.join(work, "stub.mlir")
        # The library's entry must not be called `main`: the runner's
        # own main would win the symbol lookup.
        with open(low) as f:
            text = f.read()
        if text.count("llvm.func @main(") != 1:
            sys.exit("error: expected one @main in the lowered module")
        with open(low, "w") as f:
            f.write(text.replace("llvm.func @main(",
                                 "llvm.func @zoo_gradcheck_main("))
        subprocess.run([args.translate, "--mlir-to-llvmir", low, "-o", ll],
                       check=True)
        phase("translate")
        subprocess.run([args.llc, "-O0", "-filetype=obj",
                        "-relocation-model=pic", ll, "-o", obj], check=True)
        phase("llc")
        libdir = os.path.join(args.llvm, "lib")
        subprocess.run([args.cc, "-shared", "-fuse-ld=lld", obj, "-o", so,
                        "-L" + libdir, "-lmlir_runner_utils",
                        "-lmlir_c_runner_utils", "-Wl,-rpath," + libdir],
                       check=True)
        with open(stub, "w") as f:
            f.write("llvm.func @zoo_gradcheck_main()\n"
                    "llvm.func @zoo_gradcheck_entry() {\n"
                    "  llvm.call @zoo_gradcheck_main() : () -> ()\n"
                    "  llvm.return\n}\n")
        cmd = [runner, "-e", "zoo_gradcheck_entry", "-entry-point-result=void",
               "-shared-libs=" + libs + "," + so, stub]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("error: mlir-runner failed:\n" + r.stderr)
    phase("run")
    elapsed = time.time() - t0
    # Three printed memrefs: the loss (rank 0), the largest relative error
    # per parameter over its smooth samples, and the number of those samples.
    blocks = re.findall(r"data =\s*\n?(.*?)(?=\nUnranked|\Z)", r.stdout,
                        re.S)
    if len(blocks) < 3:
        sys.exit("error: unexpected runner output:\n" + r.stdout)
    nums = lambda s: [float(x) for x in
                      re.findall(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|nan|inf", s)]
    loss = nums(blocks[0])[0]
    errs = nums(blocks[1])
    counts = nums(blocks[2])
    if len(errs) != nparams or len(counts) != nparams:
        sys.exit("error: expected %d errors and counts, got %d and %d" %
                 (nparams, len(errs), len(counts)))
    worst = max(errs) if errs else 0.0
    bad = [i for i, e in enumerate(errs) if not (e < args.tol)]
    unchecked = [i for i, c in enumerate(counts) if c < 1]
    checked = int(sum(counts))
    if args.trace and len(blocks) > 3:
        tr = nums(blocks[3])
        print("trace: param code step E(h/2) analytic rel_err rel_spread "
              "(code < 0: direction -code-1; step 0: no smooth step)")
        for k in range(0, len(tr) - 6, 7):
            print("  %d %d %g %.6g %.6g %.3g %.3g" % tuple(tr[k:k + 7]))
    status = "PASS" if not bad and not unchecked and loss == loss else "FAIL"
    print("GRADCHECK %s params=%d samples=%d checked=%d loss=%.6g "
          "max_rel_err=%.3g tol=%g engine=%s time=%.0fs (%s) %s" % (
              " ".join(zargs), nparams, nsamples, checked, loss, worst,
              args.tol, args.engine, elapsed, " ".join(phases), status))
    if bad or unchecked:
        if bad:
            print("failing parameter indices: %s" % bad)
        if unchecked:
            print("parameters without a smooth sample: %s" % unchecked)
        print("errors: %s" % errs)
        print("smooth samples: %s" % counts)
        sys.exit(1)


if __name__ == "__main__":
    main()
