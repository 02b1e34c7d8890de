#!/usr/bin/env python3
"""Finite-difference gradient check of a recompute-zoo training step.

Generates the step with `recompute-zoo --gradcheck` (f64), lowers it with the
pipeline from docs/Zoo.md, runs it under mlir-runner and checks that, for
every parameter, the largest relative error between the analytic gradient
and the central difference (L(p+h) - L(p-h)) / 2h over the sampled entries
is below --tol. Prints one summary line; exits 1 on failure.

Usage: zoo-gradcheck.py [--tol 1e-6] [--bin DIR] -- <recompute-zoo options>
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

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
    ap.add_argument("zoo_args", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    zargs = [a for a in args.zoo_args if a != "--"]
    llvm_bin = os.path.join(args.llvm, "bin")
    zoo = None if args.mlir else find("recompute-zoo", [args.bin])
    opt = find("mlir-opt", [llvm_bin])
    runner = find("mlir-runner", [llvm_bin])
    libs = ",".join(os.path.join(args.llvm, "lib", l) for l in
                    ("libmlir_runner_utils.so", "libmlir_c_runner_utils.so"))
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
        r = subprocess.run([zoo] + zargs + ["--dtype=f64", "--gradcheck",
                                            "--report", "-o", src],
                           capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit("error: recompute-zoo failed:\n" + r.stderr)
        m = re.search(r"params=(\d+)", r.stderr)
        nparams = int(m.group(1))
        m = re.search(r"gradcheck_samples=(\d+)", r.stderr)
        nsamples = int(m.group(1))
    subprocess.run([opt, src, "--pass-pipeline=" + PIPELINE, "-o", low],
                   check=True)
    r = subprocess.run([runner, "-O0", "-e", "main", "-entry-point-result=void",
                        "-shared-libs=" + libs, low],
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("error: mlir-runner failed:\n" + r.stderr)
    # Three printed memrefs: the loss (rank 0), the largest relative error
    # per parameter over its smooth samples, and the number of those samples.
    blocks = re.findall(r"data =\s*\n?(.*?)(?=\nUnranked|\Z)", r.stdout,
                        re.S)
    if len(blocks) != 3:
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
    status = "PASS" if not bad and not unchecked and loss == loss else "FAIL"
    print("GRADCHECK %s params=%d samples=%d checked=%d loss=%.6g "
          "max_rel_err=%.3g tol=%g %s" % (" ".join(zargs), nparams, nsamples,
                                          checked, loss, worst, args.tol,
                                          status))
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
