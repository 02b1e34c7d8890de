#!/usr/bin/env python3
"""Append an executable `main` to an MLIR module holding a tensor training step.

Usage: make-harness.py [--func train_step] [--print-floats] INPUT.mlir [-o OUT]

The generated `main`
  * fills every argument of the step function deterministically: element i
    (row-major linear index) of argument k is
        (((i * 37 + k * 101 + 11) mod 61) - 30) * scale,  scale = 2^-6
    computed in MLIR with a linalg.generic over linalg.index, so values are
    exact binary fractions and independent of the host;
  * calls the step (with `{no_inline}`) between `memtrack_reset()` and
    `memtrack_report()` (libRecomputeMemTrack.so prints the measured peak);
  * prints every result bit-exactly: f32 tensors are bitcast to i32 and
    printed with printMemrefI32 (after a `RESULT <n>` line), so that the
    output of two variants of the step can be compared with `diff` once the
    MEMTRACK line is filtered out. With --print-floats the f32 values are
    printed too (printMemrefF32), for humans.

The input must not already define `main`. Only static shapes and f32/i32/i64
element types are supported; anything else is an error (exit code 1).
"""

import argparse
import re
import sys

TYPE_RE = re.compile(r"tensor<((?:\d+x)*)(f32|i32|i64)>")


def fail(msg):
    sys.stderr.write("make-harness: error: %s\n" % msg)
    sys.exit(1)


def split_top_level(text):
    """Splits on commas that are not nested in <>, (), [] or {}."""
    parts, depth, cur = [], 0, []
    for ch in text:
        if ch in "<([{":
            depth += 1
        elif ch in ">)]}":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    if "".join(cur).strip():
        parts.append("".join(cur).strip())
    return parts


def matching_paren(text, start):
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    fail("unbalanced parentheses in the signature")


def parse_type(text):
    m = TYPE_RE.fullmatch(text.strip())
    if not m:
        fail("unsupported type '%s' (static tensor of f32/i32/i64 only)" % text.strip())
    dims = [int(d) for d in m.group(1).split("x") if d]
    return dims, m.group(2)


def type_str(dims, elem):
    return "tensor<%s%s>" % ("".join("%dx" % d for d in dims), elem)


def parse_signature(src, name):
    m = re.search(r"func\.func\s+(?:public\s+)?@%s\s*\(" % re.escape(name), src)
    if not m:
        fail("no func.func @%s in the input" % name)
    open_idx = m.end() - 1
    close_idx = matching_paren(src, open_idx)
    args = []
    for a in split_top_level(src[open_idx + 1:close_idx]):
        am = re.match(r"%[\w$.-]+\s*:\s*(tensor<[^>]*>)", a)
        if not am:
            fail("cannot parse argument '%s'" % a)
        args.append(parse_type(am.group(1)))
    rest = src[close_idx + 1:]
    rm = re.match(r"\s*->\s*", rest)
    if not rm:
        fail("@%s returns nothing" % name)
    rest = rest[rm.end():]
    if rest.startswith("("):
        end = matching_paren(rest, 0)
        results = [parse_type(t) for t in split_top_level(rest[1:end])]
    else:
        tm = re.match(r"tensor<[^>]*>", rest)
        if not tm:
            fail("cannot parse the result type of @%s" % name)
        results = [parse_type(tm.group(0))]
    return args, results


def maps(rank):
    dims = ", ".join("d%d" % i for i in range(rank))
    return "affine_map<(%s) -> (%s)>" % (dims, dims)


def gen_fill(lines, k, dims, elem, offset=None):
    """Emits %argK filled with the deterministic pattern: exact binary
    fractions (multiples of 1/64 in [-30/64, 30/64]) for floats, small
    integers otherwise. `offset` shifts the pattern (default k * 101 + 11);
    utils/fuzz-pass.py varies it per seed."""
    if offset is None:
        offset = k * 101 + 11
    rank = len(dims)
    t = type_str(dims, elem)
    lines.append("  %%in%d_e = tensor.empty() : %s" % (k, t))
    iters = ", ".join(['"parallel"'] * rank)
    lines.append("  %%in%d = linalg.generic {indexing_maps = [%s], iterator_types = [%s]}"
                 % (k, maps(rank), iters))
    lines.append("      outs(%%in%d_e : %s) {" % (k, t))
    lines.append("  ^bb0(%o: " + elem + "):")
    # linear index = ((i0 * d1 + i1) * d2 + i2) ...
    lines.append("    %lin0 = arith.constant 0 : index")
    cur = "%lin0"
    for d in range(rank):
        lines.append("    %%ix%d = linalg.index %d : index" % (d, d))
        lines.append("    %%dm%d = arith.constant %d : index" % (d, dims[d]))
        lines.append("    %%mu%d = arith.muli %s, %%dm%d : index" % (d, cur, d))
        lines.append("    %%li%d = arith.addi %%mu%d, %%ix%d : index" % (d, d, d))
        cur = "%%li%d" % d
    lines.append("    %c37 = arith.constant 37 : index")
    lines.append("    %%off = arith.constant %d : index" % offset)
    lines.append("    %c61 = arith.constant 61 : index")
    lines.append("    %c30 = arith.constant 30 : index")
    lines.append("    %%p = arith.muli %s, %%c37 : index" % cur)
    lines.append("    %q = arith.addi %p, %off : index")
    lines.append("    %r = arith.remui %q, %c61 : index")
    lines.append("    %s = arith.subi %r, %c30 : index")
    lines.append("    %i = arith.index_cast %s : index to i64")
    if elem in ("f16", "bf16", "f32", "f64"):
        lines.append("    %%f = arith.sitofp %%i : i64 to %s" % elem)
        lines.append("    %%scale = arith.constant 0.015625 : %s" % elem)
        lines.append("    %%v = arith.mulf %%f, %%scale : %s" % elem)
    elif elem == "i32":
        lines.append("    %v = arith.trunci %i : i64 to i32")
    else:
        lines.append("    %v = arith.addi %i, %i : i64")
    lines.append("    linalg.yield %v : " + elem)
    lines.append("  } -> " + t)


def gen_print(lines, j, value, dims, elem, print_floats):
    rank = len(dims)
    t = type_str(dims, elem)
    lines.append("  vector.print str \"RESULT %d\\n\"" % j)
    if elem == "f32":
        ti = type_str(dims, "i32")
        iters = ", ".join(['"parallel"'] * rank)
        lines.append("  %%bits%d_e = tensor.empty() : %s" % (j, ti))
        lines.append("  %%bits%d = linalg.generic {indexing_maps = [%s, %s], iterator_types = [%s]}"
                     % (j, maps(rank), maps(rank), iters))
        lines.append("      ins(%s : %s) outs(%%bits%d_e : %s) {" % (value, t, j, ti))
        lines.append("  ^bb0(%a: f32, %o: i32):")
        lines.append("    %b = arith.bitcast %a : f32 to i32")
        lines.append("    linalg.yield %b : i32")
        lines.append("  } -> " + ti)
        lines.append("  %%u%d = tensor.cast %%bits%d : %s to tensor<*xi32>" % (j, j, ti))
        lines.append("  func.call @printMemrefI32(%%u%d) : (tensor<*xi32>) -> ()" % j)
        if print_floats:
            lines.append("  %%uf%d = tensor.cast %s : %s to tensor<*xf32>" % (j, value, t))
            lines.append("  func.call @printMemrefF32(%%uf%d) : (tensor<*xf32>) -> ()" % j)
    elif elem == "i32":
        lines.append("  %%u%d = tensor.cast %s : %s to tensor<*xi32>" % (j, value, t))
        lines.append("  func.call @printMemrefI32(%%u%d) : (tensor<*xi32>) -> ()" % j)
    else:
        lines.append("  %%u%d = tensor.cast %s : %s to tensor<*xi64>" % (j, value, t))
        lines.append("  func.call @printMemrefI64(%%u%d) : (tensor<*xi64>) -> ()" % j)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input")
    ap.add_argument("-o", "--output", default="-")
    ap.add_argument("--func", default="train_step")
    ap.add_argument("--print-floats", action="store_true")
    opts = ap.parse_args()

    src = sys.stdin.read() if opts.input == "-" else open(opts.input).read()
    if re.search(r"func\.func\s+(?:public\s+)?@main\b", src):
        fail("the input already defines @main")
    args, results = parse_signature(src, opts.func)

    lines = []
    lines.append("func.func private @memtrack_reset()")
    lines.append("func.func private @memtrack_report()")
    lines.append("func.func private @printMemrefI32(tensor<*xi32>)")
    lines.append("func.func private @printMemrefI64(tensor<*xi64>)")
    lines.append("func.func private @printMemrefF32(tensor<*xf32>)")
    lines.append("func.func @main() {")
    for k, (dims, elem) in enumerate(args):
        gen_fill(lines, k, dims, elem)
    arg_vals = ", ".join("%%in%d" % k for k in range(len(args)))
    arg_tys = ", ".join(type_str(d, e) for d, e in args)
    res_tys = ", ".join(type_str(d, e) for d, e in results)
    lines.append("  func.call @memtrack_reset() : () -> ()")
    lines.append("  %%res:%d = func.call @%s(%s) {no_inline} : (%s) -> (%s)"
                 % (len(results), opts.func, arg_vals, arg_tys, res_tys))
    lines.append("  func.call @memtrack_report() : () -> ()")
    for j, (dims, elem) in enumerate(results):
        gen_print(lines, j, "%%res#%d" % j, dims, elem, opts.print_floats)
    lines.append("  return")
    lines.append("}")
    harness = "\n".join(lines) + "\n"

    # Insert into an explicit top-level module if there is one, else append.
    stripped = src.rstrip()
    if re.match(r"(?:\s|//[^\n]*\n|#[^\n]*\n)*module\b", src) and stripped.endswith("}"):
        out = stripped[:-1] + "\n// ---- harness (utils/make-harness.py) ----\n" + harness + "}\n"
    else:
        out = stripped + "\n\n// ---- harness (utils/make-harness.py) ----\n" + harness
    if opts.output == "-":
        sys.stdout.write(out)
    else:
        with open(opts.output, "w") as f:
            f.write(out)


if __name__ == "__main__":
    main()
