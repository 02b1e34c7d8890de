#!/usr/bin/env python3
"""Compare recompute-zoo's forward activation bytes with the paper's graphs.

For each network, M(V) is the total bytes of the non-parameter variables that
forward records of the matching ../shared/graphs/paper/cg_*.txt produce. Ours
is `activation_bytes` from `recompute-zoo --report` at the same batch size and
input size in f32: the bytes of every layer output the forward pass
materializes (views such as reshape and crop excluded). `forward_alloc_bytes`
(every tensor.empty / tensor.pad of the forward part, i.e. buffers including
temporaries such as padded inputs and batch statistics) is shown too.

Usage: zoo-fidelity.py --graphs DIR [--bin DIR] [--tol 0.15] [--check]
                       [--models resnet50,...]
Prints a markdown table; with --check exits 1 if a ratio is outside 1 +- tol.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import time

# model -> (graph file, recompute-zoo arguments matching the dump)
MODELS = {
    "vgg19": ("cg_vgg19.txt", ["--model=vgg19", "--batch=32", "--image=224"]),
    "unet": ("cg_unet.txt", ["--model=unet", "--batch=8", "--image=572"]),
    "resnet50": ("cg_resnet50.txt",
                 ["--model=resnet50", "--batch=32", "--image=224"]),
    "resnet152": ("cg_resnet152.txt",
                  ["--model=resnet152", "--batch=32", "--image=224"]),
    "densenet161": ("cg_densenet.txt",
                    ["--model=densenet161", "--batch=32", "--image=224"]),
    "googlenet": ("cg_googlenet.txt",
                  ["--model=googlenet", "--batch=32", "--image=224"]),
    "pspnet": ("cg_pspnet.txt", ["--model=pspnet", "--batch=1", "--image=713"]),
}


def graph_stats(path):
    """Returns (M(V) bytes, number of forward records, parameter count)."""
    with open(path) as f:
        lines = f.read().split("\n")
    n, m = map(int, lines[0].split())
    size = {}
    params = 0
    i = 1
    for _ in range(n):
        vid, nbytes, name = lines[i].split()
        size[int(vid)] = int(nbytes)
        params += name.startswith("/")
        i += 1
    produced = set()
    forward = 0
    for _ in range(m):
        direction = lines[i]
        k, p = map(int, lines[i + 1].split())
        i += 2 + k
        outs = [int(lines[i + j]) for j in range(p)]
        i += p + 2
        if direction == "forward":
            forward += 1
            produced.update(outs)
    return sum(size[v] for v in produced), forward, params


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--graphs", required=True)
    ap.add_argument("--bin", default="")
    ap.add_argument("--tol", type=float, default=0.15)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--models", default=",".join(MODELS))
    args = ap.parse_args()
    zoo = os.path.join(args.bin, "recompute-zoo") if args.bin else \
        shutil.which("recompute-zoo")
    print("| model | batch, input | M(V) paper GB | ours GB | ours/paper | "
          "forward buffers GB | params paper / ours | generate s |")
    print("|---|---|---|---|---|---|---|---|")
    bad = []
    for name in args.models.split(","):
        gfile, zargs = MODELS[name]
        mv, _, gparams = graph_stats(os.path.join(args.graphs, gfile))
        t0 = time.time()
        r = subprocess.run([zoo] + zargs + ["--report", "-o", os.devnull],
                           capture_output=True, text=True)
        dt = time.time() - t0
        if r.returncode != 0:
            sys.exit("error: recompute-zoo failed for %s:\n%s" % (name, r.stderr))
        rep = dict(re.findall(r"(\w+)=(\S+)", r.stderr))
        ours = int(rep["activation_bytes"])
        alloc = int(rep["forward_alloc_bytes"])
        ratio = ours / mv
        if abs(ratio - 1.0) > args.tol:
            bad.append(name)
        print("| %s | %s | %.3f | %.3f | %.3f | %.3f | %d / %s | %.1f |" %
              (name, " ".join(zargs[1:]), mv / 1e9, ours / 1e9, ratio,
               alloc / 1e9, gparams, rep["params"], dt))
    if args.check and bad:
        print("outside 1 +- %g: %s" % (args.tol, ", ".join(bad)))
        sys.exit(1)


if __name__ == "__main__":
    main()
