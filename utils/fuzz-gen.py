#!/usr/bin/env python3
"""Seeded random training-step generator for differential fuzzing.

Usage:
  fuzz-gen.py SEED [-o OUT.mlir] [--elem f32|f64] [--max-ops N] [--func NAME]
  fuzz-gen.py --gradcheck SEED [SEED...] [--max-ops N] [--samples K] [--inject-bug]

The first form prints one `func.func @train_step` (or NAME) in linalg on
tensors: a random DAG of forward ops over data inputs and parameters, a
scalar loss, and the backward pass produced by reverse-mode automatic
differentiation of that DAG over the generator's own op set, so the
gradients are correct by construction. The function returns
(loss, dP_0, dP_1, ...), one gradient per parameter, which is what
`recompute-memory-budget` expects (the loss is result 0; the forward phase
is everything the loss depends on, the backward phase everything else).

Ops (each with several spellings, picked at random): matmul (named, with
transposed `indexing_maps`, or a reduction `linalg.generic`), elementwise
unary (tanh, relu, sigmoid, square, scale, exp of bounded values, negation),
elementwise binary (add, sub, mul; residual adds reuse earlier values),
bias add through a broadcasting `linalg.generic`, `linalg.broadcast`,
row/column sums (`linalg.reduce` or generic), `linalg.transpose`,
`tensor.extract_slice`, `tensor.collapse_shape` / `tensor.expand_shape`
views, row softmax (`linalg.softmax` or written out), and a scale by a
scalar `tensor.extract`ed from another activation (a scalar edge). Values
are reused at random, so the DAG has multi-use values and skip connections.
Shapes are small (2..32 per dimension).

The same description is also evaluated in double-precision Python
(`Step.forward`), which the second form uses: it runs the generated f64
step under mlir-runner (tools found in PATH: recompute-opt, mlir-runner;
libRecomputeMemTrack.so next to recompute-opt) on random inputs and compares
every returned gradient entry it samples with a central finite difference
of the Python forward, and the loss with the Python loss. This shows that
the generated backward is the gradient of the generated forward.

Python standard library only. The output for a seed is deterministic.
"""

import argparse
import math
import os
import random
import struct
import subprocess
import sys
import tempfile

# ---------------------------------------------------------------------------
# Small helpers for the textual IR.


def ttype(shape, elem):
    if not shape:
        return "tensor<%s>" % elem
    return "tensor<%sx%s>" % ("x".join(str(d) for d in shape), elem)


def idmap(rank):
    dims = ", ".join("d%d" % i for i in range(rank))
    return "affine_map<(%s) -> (%s)>" % (dims, dims)


def amap(rank, results):
    dims = ", ".join("d%d" % i for i in range(rank))
    return "affine_map<(%s) -> (%s)>" % (dims, ", ".join(results))


def iters(kinds):
    return "[%s]" % ", ".join('"%s"' % k for k in kinds)


def flit(x):
    """A float literal MLIR accepts (always has a '.')."""
    return "%.17e" % x


def numel(shape):
    n = 1
    for d in shape:
        n *= d
    return n


# ---------------------------------------------------------------------------
# Python reference semantics on flat row-major lists.


def sigmoid(x):
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


class Val(object):
    def __init__(self, name, shape, kind, grad, bounded=False):
        self.name = name  # SSA name without '%'
        self.shape = tuple(shape)
        self.kind = kind  # 'data', 'param', 'act'
        self.grad = grad  # depends on a parameter
        self.bounded = bounded  # |v| <= 1 guaranteed (for exp)
        self.uses = 0


class Op(object):
    def __init__(self, kind, ins, out, **attrs):
        self.kind = kind
        self.ins = ins
        self.out = out
        self.attrs = attrs


class Emitter(object):
    """Accumulates lines of the function body with fresh SSA names."""

    def __init__(self, elem, rng):
        self.elem = elem
        self.rng = rng
        self.lines = []
        self.counter = 0

    def fresh(self, prefix="v"):
        self.counter += 1
        return "%s%d" % (prefix, self.counter)

    def emit(self, line):
        self.lines.append("  " + line)

    def const(self, value):
        name = self.fresh("c")
        self.emit("%%%s = arith.constant %s : %s" % (name, flit(value), self.elem))
        return name

    def empty(self, shape):
        name = self.fresh("e")
        self.emit("%%%s = tensor.empty() : %s" % (name, ttype(shape, self.elem)))
        return name

    def filled(self, shape, value):
        e = self.empty(shape)
        c = self.const(value)
        name = self.fresh("f")
        t = ttype(shape, self.elem)
        self.emit("%%%s = linalg.fill ins(%%%s : %s) outs(%%%s : %s) -> %s"
                  % (name, c, self.elem, e, t, t))
        return name

    def generic(self, ins, in_maps, out_shape, out_map, kinds, body, init=None,
                captured=()):
        """ins: list of (name, shape). body(args, out_arg) -> (lines, result).

        `captured` are names of scalars used inside the payload (only for
        documentation: they are referenced by name in `body`)."""
        elem = self.elem
        t = ttype(out_shape, elem)
        if init is None:
            init = self.empty(out_shape)
        name = self.fresh("g")
        maps = ", ".join(in_maps + [out_map])
        head = "%%%s = linalg.generic {indexing_maps = [%s], iterator_types = %s}" % (
            name, maps, iters(kinds))
        if ins:
            head += " ins(%s : %s)" % (", ".join("%" + n for n, _ in ins),
                                       ", ".join(ttype(s, elem) for _, s in ins))
        head += " outs(%%%s : %s) {" % (init, t)
        self.emit(head)
        args = ["a%d" % i for i in range(len(ins))]
        self.lines.append("  ^bb0(%s):" % ", ".join(
            ["%%%s: %s" % (a, elem) for a in args] + ["%%out: %s" % elem]))
        lines, res = body(args, "out")
        for l in lines:
            self.lines.append("    " + l)
        self.lines.append("    linalg.yield %%%s : %s" % (res, elem))
        self.emit("} -> %s" % t)
        return name

    def elementwise(self, ins, shape, body):
        """Elementwise generic over same-shape inputs."""
        r = len(shape)
        return self.generic([(n, shape) for n in ins], [idmap(r)] * len(ins), shape,
                            idmap(r), ["parallel"] * r, body)

    def named(self, opname, ins, shape):
        t = ttype(shape, self.elem)
        e = self.empty(shape)
        name = self.fresh("n")
        self.emit("%%%s = linalg.%s ins(%s : %s) outs(%%%s : %s) -> %s"
                  % (name, opname, ", ".join("%" + n for n in ins),
                     ", ".join([t] * len(ins)), e, t, t))
        return name


def payload(elem, expr):
    """Builds a payload body from a tiny expression language.

    expr is a function (b, args) -> result name, where b(op, *operands)
    appends an arith/math op and returns its name; constants via b('const', x).
    """

    def body(args, out):
        lines = []
        cnt = [0]

        def b(op, *xs):
            cnt[0] += 1
            n = "p%d" % cnt[0]
            if op == "const":
                lines.append("%%%s = arith.constant %s : %s" % (n, flit(xs[0]), elem))
            elif op == "cmpgt":
                lines.append("%%%s = arith.cmpf ogt, %%%s, %%%s : %s" % (n, xs[0], xs[1], elem))
            elif op == "select":
                lines.append("%%%s = arith.select %%%s, %%%s, %%%s : %s" % (n, xs[0], xs[1], xs[2], elem))
            elif op in ("math.tanh", "math.exp", "arith.negf"):
                lines.append("%%%s = %s %%%s : %s" % (n, op, xs[0], elem))
            else:
                lines.append("%%%s = %s %%%s, %%%s : %s" % (n, op, xs[0], xs[1], elem))
            return n

        res = expr(b, args, out)
        return lines, res

    return body


# ---------------------------------------------------------------------------
# The generator.

UNARY = ["tanh", "relu", "sigmoid", "square", "scale", "neg", "exp"]
BINARY = ["add", "sub", "mul"]


class Step(object):
    """A generated training step: its op list, arguments and IR."""

    def __init__(self, seed, elem="f32", max_ops=24, func="train_step", inject_bug=False, truncate=None,
                 exclude=()):
        self.seed = seed
        self.exclude = set(exclude)
        self.truncate = truncate
        self.inject_bug = inject_bug
        self.elem = elem
        self.func = func
        self.rng = random.Random(seed)
        self.max_ops = max_ops
        self.args = []  # Val, in signature order
        self.params = []
        self.ops = []
        self.vals = []  # forward values (data, params, activations)
        self.counter = 0
        self._build()

    # -- forward DAG ------------------------------------------------------

    def _dim(self):
        r = self.rng.random()
        if r < 0.55:
            return self.rng.choice([4, 8, 16, 32])
        if r < 0.85:
            return self.rng.randint(2, 32)
        return self.rng.choice([1, 3, 5, 7])

    def _new(self, shape, kind, grad, bounded=False):
        self.counter += 1
        prefix = {"data": "x", "param": "w", "act": "a"}[kind]
        v = Val("%s%d" % (prefix, self.counter), shape, kind, grad, bounded)
        if kind in ("data", "param"):
            self.args.append(v)
            if kind == "param":
                self.params.append(v)
        self.vals.append(v)
        return v

    def _param(self, shape):
        return self._new(shape, "param", True)

    def _pick(self, pred=lambda v: True, recent=True):
        cands = [v for v in self.vals if v.kind != "param" and pred(v)]
        if not cands:
            return None
        if recent and self.rng.random() < 0.6:
            # Prefer recent values: deep chains.
            cands = cands[-3:]
        return self.rng.choice(cands)

    def _add_op(self, kind, ins, shape, bounded=False, **attrs):
        if kind in self.exclude:
            # An excluded kind becomes a tanh of its first operand (used for
            # control runs that leave a construct out).
            kind, shape, bounded, attrs = "tanh", ins[0].shape, True, {}
            ins = ins[:1]
        grad = any(v.grad for v in ins)
        out = self._new(shape, "act", grad, bounded)
        for v in ins:
            v.uses += 1
        op = Op(kind, ins, out, **attrs)
        op.style = self.rng.random()
        self.ops.append(op)
        return out

    def _build(self):
        rng = self.rng
        b = self._dim()
        d0 = self._dim()
        self._new((b, d0), "data", False)
        if rng.random() < 0.3:
            self._new((b, self._dim()), "data", False)
        nops = rng.randint(2, self.max_ops)
        for _ in range(nops):
            self._step_op()
        if self.truncate is not None:
            # Minimising: keep a prefix of the forward ops (the same ops as
            # without truncation, up to there).
            self.ops = self.ops[:self.truncate]
            live = set()
            for op in self.ops:
                live.update(v.name for v in op.ins)
                live.add(op.out.name)
            for v in self.vals:
                v.uses = 0
            for op in self.ops:
                for v in op.ins:
                    v.uses += 1
            self.vals = [v for v in self.vals if v.kind == "act" and v.name in live or v.kind != "act"]
            used = set(v.name for op in self.ops for v in op.ins)
            self.args = [v for v in self.args if v.name in used or v.kind == "data"]
            self.params = [v for v in self.params if v.name in used]
        # Make sure a parameter exists.
        if not self.params:
            a = self._pick(lambda v: len(v.shape) == 2)
            w = self._param((a.shape[1], self._dim()))
            self._add_op("matmul", [a, w], (a.shape[0], w.shape[1]))

    def _step_op(self):
        rng = self.rng
        r = rng.random()
        mats = lambda v: len(v.shape) == 2
        vecs = lambda v: len(v.shape) == 1
        if r < 0.22:  # matmul
            a = self._pick(mats)
            k = a.shape[1]
            if rng.random() < 0.15:
                partner = self._pick(lambda v: len(v.shape) == 2 and v.shape[0] == k and v is not a,
                                     recent=False)
            else:
                partner = None
            if partner is None:
                partner = self._param((k, self._dim()))
            self._add_op("matmul", [a, partner], (a.shape[0], partner.shape[1]))
        elif r < 0.47:  # unary
            a = self._pick()
            kind = rng.choice(UNARY)
            if kind == "exp" and not a.bounded:
                kind = "tanh"
            bounded = kind in ("tanh", "sigmoid") or (kind in ("neg", "relu") and a.bounded)
            if kind == "scale":
                c = rng.choice([0.5, 0.25, 2.0, -1.0, 0.125])
                bounded = a.bounded and abs(c) <= 1
                self._add_op("scale", [a], a.shape, bounded, c=c)
            else:
                self._add_op(kind, [a], a.shape, bounded)
        elif r < 0.62:  # binary, often a residual add with an older value
            a = self._pick()
            b = self._pick(lambda v: v.shape == a.shape, recent=False)
            if b is None or rng.random() < 0.2:
                b = self._param(a.shape)
            kind = rng.choice(BINARY + ["add"])
            self._add_op(kind, [a, b], a.shape)
        elif r < 0.68:  # bias add over rows
            a = self._pick(mats)
            v = self._pick(lambda x: x.shape == (a.shape[1],), recent=False)
            if v is None or rng.random() < 0.5:
                v = self._param((a.shape[1],))
            self._add_op("biasadd", [a, v], a.shape)
        elif r < 0.74:  # reduce a matrix to a vector
            a = self._pick(mats)
            dim = rng.randint(0, 1)
            shape = (a.shape[1 - dim],)
            self._add_op("reduce", [a], shape, dim=dim)
        elif r < 0.80:  # broadcast a vector to a matrix
            v = self._pick(vecs)
            if v is None:
                v = self._param((self._dim(),))
            n = self._dim()
            dim = rng.randint(0, 1)  # the new dimension
            shape = (n, v.shape[0]) if dim == 0 else (v.shape[0], n)
            self._add_op("broadcast", [v], shape, v.bounded, dim=dim)
        elif r < 0.85:  # transpose
            a = self._pick(mats)
            self._add_op("transpose", [a], (a.shape[1], a.shape[0]), a.bounded)
        elif r < 0.89:  # slice (a view)
            a = self._pick(lambda v: len(v.shape) >= 1 and max(v.shape) > 1)
            if a is None:
                return
            offs, sizes = [], []
            for d in a.shape:
                s = rng.randint(1, d)
                o = rng.randint(0, d - s)
                offs.append(o)
                sizes.append(s)
            self._add_op("slice", [a], tuple(sizes), a.bounded, offs=tuple(offs))
        elif r < 0.93:  # collapse to a vector or expand a vector (views)
            if rng.random() < 0.5:
                a = self._pick(mats)
                self._add_op("collapse", [a], (numel(a.shape),), a.bounded)
            else:
                v = self._pick(lambda x: len(x.shape) == 1 and x.shape[0] > 1)
                if v is None:
                    return
                n = v.shape[0]
                divs = [d for d in range(1, n + 1) if n % d == 0]
                d = rng.choice(divs)
                self._add_op("expand", [v], (d, n // d), v.bounded)
        elif r < 0.97:  # row softmax
            a = self._pick(mats)
            self._add_op("softmax", [a], a.shape, True)
        else:  # scale by a scalar read from another activation
            a = self._pick()
            s = self._pick(lambda v: len(v.shape) >= 1, recent=False)
            idx = tuple(rng.randint(0, d - 1) for d in s.shape)
            self._add_op("xscale", [a, s], a.shape, False, idx=idx)

    # -- Python semantics -------------------------------------------------

    def forward(self, env):
        """env: name -> flat list for data and params. Returns (loss, env)."""
        env = dict(env)
        for op in self.ops:
            env[op.out.name] = self._eval(op, [env[v.name] for v in op.ins])
        loss = 0.0
        for s, c in self.sinks:
            loss += c * sum(x * x for x in env[s.name])
        return loss, env

    def _eval(self, op, xs):
        k = op.kind
        a = xs[0]
        if k == "matmul":
            (m, kk), (_, n) = op.ins[0].shape, op.ins[1].shape
            b = xs[1]
            out = [0.0] * (m * n)
            for i in range(m):
                for j in range(n):
                    acc = 0.0
                    for t in range(kk):
                        acc += a[i * kk + t] * b[t * n + j]
                    out[i * n + j] = acc
            return out
        if k == "tanh":
            return [math.tanh(x) for x in a]
        if k == "relu":
            return [max(x, 0.0) for x in a]
        if k == "sigmoid":
            return [sigmoid(x) for x in a]
        if k == "square":
            return [x * x for x in a]
        if k == "scale":
            return [op.attrs["c"] * x for x in a]
        if k == "neg":
            return [-x for x in a]
        if k == "exp":
            return [math.exp(x) for x in a]
        if k == "add":
            return [x + y for x, y in zip(a, xs[1])]
        if k == "sub":
            return [x - y for x, y in zip(a, xs[1])]
        if k == "mul":
            return [x * y for x, y in zip(a, xs[1])]
        if k == "biasadd":
            m, n = op.ins[0].shape
            return [a[i * n + j] + xs[1][j] for i in range(m) for j in range(n)]
        if k == "reduce":
            m, n = op.ins[0].shape
            if op.attrs["dim"] == 1:
                return [sum(a[i * n + j] for j in range(n)) for i in range(m)]
            return [sum(a[i * n + j] for i in range(m)) for j in range(n)]
        if k == "broadcast":
            m, n = op.out.shape
            if op.attrs["dim"] == 0:
                return [a[j] for i in range(m) for j in range(n)]
            return [a[i] for i in range(m) for j in range(n)]
        if k == "transpose":
            m, n = op.ins[0].shape
            return [a[i * n + j] for j in range(n) for i in range(m)]
        if k == "slice":
            return self._slice(a, op.ins[0].shape, op.attrs["offs"], op.out.shape)
        if k in ("collapse", "expand"):
            return list(a)
        if k == "softmax":
            m, n = op.ins[0].shape
            out = []
            for i in range(m):
                row = a[i * n:(i + 1) * n]
                mx = max(row)
                e = [math.exp(x - mx) for x in row]
                s = sum(e)
                out += [x / s for x in e]
            return out
        if k == "xscale":
            s = xs[1][self._lin(op.ins[1].shape, op.attrs["idx"])]
            return [x * s for x in a]
        raise ValueError(k)

    @staticmethod
    def _lin(shape, idx):
        lin = 0
        for d, i in zip(shape, idx):
            lin = lin * d + i
        return lin

    @staticmethod
    def _slice(a, shape, offs, sizes):
        if len(shape) == 1:
            return a[offs[0]:offs[0] + sizes[0]]
        n = shape[1]
        return [a[i * n + j] for i in range(offs[0], offs[0] + sizes[0])
                for j in range(offs[1], offs[1] + sizes[1])]

    # -- IR ---------------------------------------------------------------

    def _finish(self):
        # Every activation without a user becomes a loss term c * sum(v * v),
        # so that the loss depends on every forward op.
        acts = [op.out for op in self.ops]
        sinks = [v for v in acts if v.uses == 0]
        if not sinks:
            sinks = [acts[-1]]
        self.sinks = []
        for s in sinks:
            k = max(0, int(round(math.log(max(1, numel(s.shape)), 2))))
            self.sinks.append((s, 0.5 * 2.0 ** -k))

    def mlir(self):
        """The function's text (no module wrapper, no attribute aliases)."""
        return self._text

    def _emit_all(self):
        self._finish()
        rng = random.Random(self.seed * 7919 + 17)
        em = Emitter(self.elem, rng)
        el = self.elem
        names = {}
        for v in self.args:
            names[v.name] = v.name
        # ---- forward
        for op in self.ops:
            names[op.out.name] = self._emit_fwd(em, op, [names[v.name] for v in op.ins], rng)
        # ---- loss: sum over sinks of c * sum(v * v)
        terms = []
        for s, c in self.sinks:
            src = names[s.name]
            r = len(s.shape)
            if rng.random() < 0.5:
                # One reduction generic.
                init = em.filled((), 0.0)
                t = em.generic([(src, s.shape)], [idmap(r)], (), amap(r, []), ["reduction"] * r,
                               payload(el, lambda b, a, o: b("arith.addf", b("arith.mulf", a[0], a[0]), o)),
                               init=init)
            else:
                sq = em.elementwise([src], s.shape,
                                    payload(el, lambda b, a, o: b("arith.mulf", a[0], a[0])))
                init = em.filled((), 0.0)
                t = em.fresh("r")
                em.emit("%%%s = linalg.reduce ins(%%%s : %s) outs(%%%s : %s) dimensions = [%s]"
                        % (t, sq, ttype(s.shape, el), init, ttype((), el),
                           ", ".join(str(i) for i in range(r))))
                em.lines.append("    (%%in: %s, %%acc: %s) {" % (el, el))
                em.lines.append("      %%sum = arith.addf %%in, %%acc : %s" % el)
                em.lines.append("      linalg.yield %%sum : %s" % el)
                em.lines.append("    }")
            cc = c
            t2 = em.elementwise([t], (), payload(el, lambda b, a, o: b("arith.mulf", a[0], b("const", cc))))
            terms.append(t2)
        loss = terms[0]
        for t in terms[1:]:
            loss = em.elementwise([loss, t], (), payload(el, lambda b, a, o: b("arith.addf", a[0], a[1])))
        # ---- backward
        grads = {}

        def acc(v, g):
            if not v.grad:
                return
            if v.name in grads:
                old = grads[v.name]
                if rng.random() < 0.5:
                    grads[v.name] = em.named("add", [old, g], v.shape)
                else:
                    grads[v.name] = em.elementwise([old, g], v.shape,
                                                   payload(el, lambda b, a, o: b("arith.addf", a[0], a[1])))
            else:
                grads[v.name] = g

        for s, c in self.sinks:
            cc = 2.0 * c
            if self.inject_bug:
                # A wrong derivative, to show that --gradcheck notices.
                cc = 2.5 * c
            acc(s, em.elementwise([names[s.name]], s.shape,
                                  payload(el, lambda b, a, o: b("arith.mulf", a[0], b("const", cc)))))
        for op in reversed(self.ops):
            g = grads.get(op.out.name)
            if g is None or not op.out.grad:
                continue
            self._emit_bwd(em, op, [names[v.name] for v in op.ins], names[op.out.name], g, acc, rng)
        # ---- results
        results = [(loss, ())]
        returned = set([loss])
        for p in self.params:
            g = grads[p.name]
            if g in returned or g in names.values():
                # Never return one value twice (or a forward value).
                g = em.elementwise([g], p.shape, payload(el, lambda b, a, o: a[0]))
            returned.add(g)
            results.append((g, p.shape))
        sig = ", ".join("%%%s: %s" % (v.name, ttype(v.shape, el)) for v in self.args)
        rtys = ", ".join(ttype(s, el) for _, s in results)
        head = "func.func @%s(%s) -> (%s) {" % (self.func, sig, rtys)
        ret = "  return %s : %s" % (", ".join("%" + n for n, _ in results), rtys)
        self.result_shapes = [s for _, s in results]
        self._text = "\n".join([head] + em.lines + [ret, "}"]) + "\n"

    # Forward emission -----------------------------------------------------

    def _emit_fwd(self, em, op, xs, rng):
        k, el, shape = op.kind, self.elem, op.out.shape
        st = op.style
        if k == "matmul":
            (m, kk), (_, n) = op.ins[0].shape, op.ins[1].shape
            init = em.filled((m, n), 0.0)
            name = em.fresh("mm")
            if st < 0.6:
                em.emit("%%%s = linalg.matmul ins(%%%s, %%%s : %s, %s) outs(%%%s : %s) -> %s"
                        % (name, xs[0], xs[1], ttype((m, kk), el), ttype((kk, n), el), init,
                           ttype((m, n), el), ttype((m, n), el)))
                return name
            return em.generic([(xs[0], (m, kk)), (xs[1], (kk, n))],
                              [amap(3, ["d0", "d2"]), amap(3, ["d2", "d1"])], (m, n),
                              amap(3, ["d0", "d1"]), ["parallel", "parallel", "reduction"],
                              payload(el, lambda b, a, o: b("arith.addf", o, b("arith.mulf", a[0], a[1]))),
                              init=init)
        if k in ("tanh", "exp", "neg", "square", "add", "sub", "mul") and st < 0.4:
            opname = {"neg": "negf"}.get(k, k)
            return em.named(opname, xs, shape)
        if k == "tanh":
            return em.elementwise(xs, shape, payload(el, lambda b, a, o: b("math.tanh", a[0])))
        if k == "exp":
            return em.elementwise(xs, shape, payload(el, lambda b, a, o: b("math.exp", a[0])))
        if k == "neg":
            return em.elementwise(xs, shape, payload(el, lambda b, a, o: b("arith.negf", a[0])))
        if k == "square":
            return em.elementwise(xs, shape, payload(el, lambda b, a, o: b("arith.mulf", a[0], a[0])))
        if k == "relu":
            return em.elementwise(xs, shape, payload(el, lambda b, a, o: b("arith.maximumf", a[0], b("const", 0.0))))
        if k == "sigmoid":
            def sig(b, a, o):
                e = b("math.exp", b("arith.negf", a[0]))
                return b("arith.divf", b("const", 1.0), b("arith.addf", b("const", 1.0), e))
            return em.elementwise(xs, shape, payload(el, sig))
        if k == "scale":
            c = op.attrs["c"]
            return em.elementwise(xs, shape, payload(el, lambda b, a, o: b("arith.mulf", a[0], b("const", c))))
        if k in ("add", "sub", "mul"):
            ar = {"add": "arith.addf", "sub": "arith.subf", "mul": "arith.mulf"}[k]
            return em.elementwise(xs, shape, payload(el, lambda b, a, o: b(ar, a[0], a[1])))
        if k == "biasadd":
            m, n = shape
            return em.generic([(xs[0], (m, n)), (xs[1], (n,))], [idmap(2), amap(2, ["d1"])], (m, n),
                              idmap(2), ["parallel", "parallel"],
                              payload(el, lambda b, a, o: b("arith.addf", a[0], a[1])))
        if k == "reduce":
            return self._emit_reduce(em, xs[0], op.ins[0].shape, op.attrs["dim"], st)
        if k == "broadcast":
            return self._emit_broadcast(em, xs[0], op.ins[0].shape, shape, op.attrs["dim"], st)
        if k == "transpose":
            return self._emit_transpose(em, xs[0], op.ins[0].shape, st)
        if k == "slice":
            name = em.fresh("sl")
            offs = op.attrs["offs"]
            em.emit("%%%s = tensor.extract_slice %%%s[%s] [%s] [%s] : %s to %s"
                    % (name, xs[0], ", ".join(str(o) for o in offs),
                       ", ".join(str(s) for s in shape), ", ".join("1" for _ in shape),
                       ttype(op.ins[0].shape, el), ttype(shape, el)))
            return name
        if k == "collapse":
            name = em.fresh("cl")
            em.emit("%%%s = tensor.collapse_shape %%%s [[0, 1]] : %s into %s"
                    % (name, xs[0], ttype(op.ins[0].shape, el), ttype(shape, el)))
            return name
        if k == "expand":
            return self._emit_expand(em, xs[0], op.ins[0].shape, shape)
        if k == "softmax":
            m, n = shape
            if st < 0.5:
                e = em.empty(shape)
                name = em.fresh("sm")
                em.emit("%%%s = linalg.softmax dimension(1) ins(%%%s : %s) outs(%%%s : %s) -> %s"
                        % (name, xs[0], ttype(shape, el), e, ttype(shape, el), ttype(shape, el)))
                return name
            # Written out: max, exp(x - max), sum, divide.
            # Finite, so that the literal is the same in f32 and f64.
            ninf = em.filled((m,), -3.0e38)
            mx = em.generic([(xs[0], shape)], [idmap(2)], (m,), amap(2, ["d0"]),
                            ["parallel", "reduction"],
                            payload(el, lambda b, a, o: b("arith.maximumf", a[0], o)), init=ninf)
            ex = em.generic([(xs[0], shape), (mx, (m,))], [idmap(2), amap(2, ["d0"])], shape, idmap(2),
                            ["parallel", "parallel"],
                            payload(el, lambda b, a, o: b("math.exp", b("arith.subf", a[0], a[1]))))
            zero = em.filled((m,), 0.0)
            sm = em.generic([(ex, shape)], [idmap(2)], (m,), amap(2, ["d0"]), ["parallel", "reduction"],
                            payload(el, lambda b, a, o: b("arith.addf", a[0], o)), init=zero)
            return em.generic([(ex, shape), (sm, (m,))], [idmap(2), amap(2, ["d0"])], shape, idmap(2),
                              ["parallel", "parallel"],
                              payload(el, lambda b, a, o: b("arith.divf", a[0], a[1])))
        if k == "xscale":
            s = self._emit_extract(em, xs[1], op.ins[1].shape, op.attrs["idx"])
            return em.elementwise([xs[0]], shape, payload(el, lambda b, a, o: b("arith.mulf", a[0], s)))
        raise ValueError(k)

    def _emit_extract(self, em, src, shape, idx):
        cs = []
        for i in idx:
            c = em.fresh("i")
            em.emit("%%%s = arith.constant %d : index" % (c, i))
            cs.append("%" + c)
        s = em.fresh("s")
        em.emit("%%%s = tensor.extract %%%s[%s] : %s" % (s, src, ", ".join(cs), ttype(shape, em.elem)))
        return s

    def _emit_reduce(self, em, src, shape, dim, st):
        el = em.elem
        m, n = shape
        out = (n,) if dim == 0 else (m,)
        init = em.filled(out, 0.0)
        if st < 0.5:
            name = em.fresh("rd")
            em.emit("%%%s = linalg.reduce ins(%%%s : %s) outs(%%%s : %s) dimensions = [%d]"
                    % (name, src, ttype(shape, el), init, ttype(out, el), dim))
            em.lines.append("    (%%in: %s, %%acc: %s) {" % (el, el))
            em.lines.append("      %%sum = arith.addf %%in, %%acc : %s" % el)
            em.lines.append("      linalg.yield %%sum : %s" % el)
            em.lines.append("    }")
            return name
        kinds = ["reduction", "parallel"] if dim == 0 else ["parallel", "reduction"]
        return em.generic([(src, shape)], [idmap(2)], out, amap(2, ["d1" if dim == 0 else "d0"]), kinds,
                          payload(el, lambda b, a, o: b("arith.addf", a[0], o)), init=init)

    def _emit_broadcast(self, em, src, vshape, shape, dim, st):
        el = em.elem
        if st < 0.5:
            e = em.empty(shape)
            name = em.fresh("bc")
            em.emit("%%%s = linalg.broadcast ins(%%%s : %s) outs(%%%s : %s) dimensions = [%d]"
                    % (name, src, ttype(vshape, el), e, ttype(shape, el), dim))
            return name
        return em.generic([(src, vshape)], [amap(2, ["d1" if dim == 0 else "d0"])], shape, idmap(2),
                          ["parallel", "parallel"], payload(el, lambda b, a, o: a[0]))

    def _emit_transpose(self, em, src, shape, st):
        el = em.elem
        out = (shape[1], shape[0])
        if st < 0.5:
            e = em.empty(out)
            name = em.fresh("tr")
            em.emit("%%%s = linalg.transpose ins(%%%s : %s) outs(%%%s : %s) permutation = [1, 0]"
                    % (name, src, ttype(shape, el), e, ttype(out, el)))
            return name
        return em.generic([(src, shape)], [amap(2, ["d1", "d0"])], out, idmap(2), ["parallel", "parallel"],
                          payload(el, lambda b, a, o: a[0]))

    def _emit_expand(self, em, src, vshape, shape):
        name = em.fresh("ex")
        em.emit("%%%s = tensor.expand_shape %%%s [[0, 1]] output_shape [%d, %d] : %s into %s"
                % (name, src, shape[0], shape[1], ttype(vshape, em.elem), ttype(shape, em.elem)))
        return name

    def _emit_matmul_t(self, em, a, ashape, b, bshape, ta, tb, rng):
        """a^(T?) @ b^(T?) into a fresh zero-filled tensor."""
        el = em.elem
        m = ashape[1] if ta else ashape[0]
        n = bshape[0] if tb else bshape[1]
        kk = ashape[0] if ta else ashape[1]
        init = em.filled((m, n), 0.0)
        amp = amap(3, ["d2", "d0"] if ta else ["d0", "d2"])
        bmp = amap(3, ["d1", "d2"] if tb else ["d2", "d1"])
        cmp_ = amap(3, ["d0", "d1"])
        r = rng.random()
        if r < 0.4:
            name = em.fresh("mm")
            em.emit("%%%s = linalg.matmul indexing_maps = [%s, %s, %s] ins(%%%s, %%%s : %s, %s) outs(%%%s : %s) -> %s"
                    % (name, amp, bmp, cmp_, a, b, ttype(ashape, el), ttype(bshape, el), init,
                       ttype((m, n), el), ttype((m, n), el)))
            return name
        if r < 0.7:
            return em.generic([(a, ashape), (b, bshape)], [amp, bmp], (m, n), cmp_,
                              ["parallel", "parallel", "reduction"],
                              payload(el, lambda bb, x, o: bb("arith.addf", o, bb("arith.mulf", x[0], x[1]))),
                              init=init)
        # Explicit transposes and a plain matmul.
        if ta:
            a = self._emit_transpose(em, a, ashape, rng.random())
            ashape = (ashape[1], ashape[0])
        if tb:
            b = self._emit_transpose(em, b, bshape, rng.random())
            bshape = (bshape[1], bshape[0])
        name = em.fresh("mm")
        em.emit("%%%s = linalg.matmul ins(%%%s, %%%s : %s, %s) outs(%%%s : %s) -> %s"
                % (name, a, b, ttype(ashape, el), ttype(bshape, el), init, ttype((m, n), el),
                   ttype((m, n), el)))
        return name

    # Backward emission ----------------------------------------------------

    def _emit_bwd(self, em, op, xs, y, g, acc, rng):
        k, el, shape = op.kind, self.elem, op.out.shape
        ins = op.ins
        P = lambda f: payload(el, f)
        if k == "matmul":
            a, b = ins
            if a.grad:
                acc(a, self._emit_matmul_t(em, g, shape, xs[1], b.shape, False, True, rng))
            if b.grad:
                acc(b, self._emit_matmul_t(em, xs[0], a.shape, g, shape, True, False, rng))
        elif k == "tanh":
            acc(ins[0], em.elementwise([g, y], shape, P(lambda b, a, o: b(
                "arith.mulf", a[0], b("arith.subf", b("const", 1.0), b("arith.mulf", a[1], a[1]))))))
        elif k == "relu":
            acc(ins[0], em.elementwise([g, xs[0]], shape, P(lambda b, a, o: b(
                "select", b("cmpgt", a[1], b("const", 0.0)), a[0], b("const", 0.0)))))
        elif k == "sigmoid":
            acc(ins[0], em.elementwise([g, y], shape, P(lambda b, a, o: b(
                "arith.mulf", a[0], b("arith.mulf", a[1], b("arith.subf", b("const", 1.0), a[1]))))))
        elif k == "square":
            acc(ins[0], em.elementwise([g, xs[0]], shape, P(lambda b, a, o: b(
                "arith.mulf", b("arith.mulf", a[0], a[1]), b("const", 2.0)))))
        elif k == "scale":
            c = op.attrs["c"]
            acc(ins[0], em.elementwise([g], shape, P(lambda b, a, o: b("arith.mulf", a[0], b("const", c)))))
        elif k == "neg":
            acc(ins[0], em.elementwise([g], shape, P(lambda b, a, o: b("arith.negf", a[0]))))
        elif k == "exp":
            acc(ins[0], em.elementwise([g, y], shape, P(lambda b, a, o: b("arith.mulf", a[0], a[1]))))
        elif k == "add":
            acc(ins[0], g)
            acc(ins[1], g)
        elif k == "sub":
            acc(ins[0], g)
            if ins[1].grad:
                acc(ins[1], em.elementwise([g], shape, P(lambda b, a, o: b("arith.negf", a[0]))))
        elif k == "mul":
            if ins[0].grad:
                acc(ins[0], em.elementwise([g, xs[1]], shape, P(lambda b, a, o: b("arith.mulf", a[0], a[1]))))
            if ins[1].grad:
                acc(ins[1], em.elementwise([g, xs[0]], shape, P(lambda b, a, o: b("arith.mulf", a[0], a[1]))))
        elif k == "biasadd":
            acc(ins[0], g)
            if ins[1].grad:
                acc(ins[1], self._emit_reduce(em, g, shape, 0, rng.random()))
        elif k == "reduce":
            dim = op.attrs["dim"]
            acc(ins[0], self._emit_broadcast(em, g, shape, ins[0].shape, dim, rng.random()))
        elif k == "broadcast":
            acc(ins[0], self._emit_reduce(em, g, shape, op.attrs["dim"], rng.random()))
        elif k == "transpose":
            acc(ins[0], self._emit_transpose(em, g, shape, rng.random()))
        elif k == "slice":
            z = em.filled(ins[0].shape, 0.0)
            name = em.fresh("is")
            offs = op.attrs["offs"]
            em.emit("%%%s = tensor.insert_slice %%%s into %%%s[%s] [%s] [%s] : %s into %s"
                    % (name, g, z, ", ".join(str(o) for o in offs), ", ".join(str(s) for s in shape),
                       ", ".join("1" for _ in shape), ttype(shape, el), ttype(ins[0].shape, el)))
            acc(ins[0], name)
        elif k == "collapse":
            acc(ins[0], self._emit_expand(em, g, shape, ins[0].shape))
        elif k == "expand":
            name = em.fresh("cl")
            em.emit("%%%s = tensor.collapse_shape %%%s [[0, 1]] : %s into %s"
                    % (name, g, ttype(shape, el), ttype(ins[0].shape, el)))
            acc(ins[0], name)
        elif k == "softmax":
            # dx = y * (g - rowsum(g * y))
            m, n = shape
            gy = em.elementwise([g, y], shape, P(lambda b, a, o: b("arith.mulf", a[0], a[1])))
            s = self._emit_reduce(em, gy, shape, 1, rng.random())
            acc(ins[0], em.generic([(g, shape), (y, shape), (s, (m,))], [idmap(2), idmap(2), amap(2, ["d0"])],
                                   shape, idmap(2), ["parallel", "parallel"],
                                   P(lambda b, a, o: b("arith.mulf", a[1], b("arith.subf", a[0], a[2])))))
        elif k == "xscale":
            a, sv = ins
            # The scalar again, read in the backward from the forward value.
            s = self._emit_extract(em, xs[1], sv.shape, op.attrs["idx"])
            if a.grad:
                acc(a, em.elementwise([g], shape, P(lambda b, x, o: b("arith.mulf", x[0], s))))
            if sv.grad:
                r = len(shape)
                init = em.filled((), 0.0)
                t = em.generic([(g, shape), (xs[0], shape)], [idmap(r), idmap(r)], (), amap(r, []),
                               ["reduction"] * r,
                               P(lambda b, x, o: b("arith.addf", o, b("arith.mulf", x[0], x[1]))), init=init)
                ts = self._emit_extract(em, t, (), ())
                # A tensor of sv's shape holding ts at idx and 0 elsewhere.
                sr = len(sv.shape)
                e = em.empty(sv.shape)
                name = em.fresh("oh")
                em.emit("%%%s = linalg.generic {indexing_maps = [%s], iterator_types = %s} outs(%%%s : %s) {"
                        % (name, idmap(sr), iters(["parallel"] * sr), e, ttype(sv.shape, el)))
                em.lines.append("  ^bb0(%%out: %s):" % el)
                conds = []
                for d, i in enumerate(op.attrs["idx"]):
                    em.lines.append("    %%ix%d = linalg.index %d : index" % (d, d))
                    em.lines.append("    %%ic%d = arith.constant %d : index" % (d, i))
                    em.lines.append("    %%eq%d = arith.cmpi eq, %%ix%d, %%ic%d : index" % (d, d, d))
                    conds.append("%%eq%d" % d)
                cur = conds[0]
                for j, c in enumerate(conds[1:]):
                    em.lines.append("    %%and%d = arith.andi %s, %s : i1" % (j, cur, c))
                    cur = "%%and%d" % j
                em.lines.append("    %%zero = arith.constant %s : %s" % (flit(0.0), el))
                em.lines.append("    %%sel = arith.select %s, %%%s, %%zero : %s" % (cur, ts, el))
                em.lines.append("    linalg.yield %%sel : %s" % el)
                em.emit("} -> %s" % ttype(sv.shape, el))
                acc(sv, name)
        else:
            raise ValueError(k)


def generate(seed, elem="f32", max_ops=24, func="train_step", inject_bug=False, truncate=None, exclude=()):
    step = Step(seed, elem, max_ops, func, inject_bug, truncate, exclude)
    step._emit_all()
    return step


# ---------------------------------------------------------------------------
# Gradient check against finite differences (f64).


def find_memtrack():
    for d in os.environ.get("PATH", "").split(os.pathsep):
        p = os.path.join(d, "recompute-opt")
        if os.path.isfile(p):
            lib = os.path.join(os.path.dirname(d.rstrip("/")), "lib", "libRecomputeMemTrack.so")
            return p, lib
    sys.exit("fuzz-gen: error: recompute-opt not found in PATH")


def dense_literal(shape, vals):
    def rec(dims, off):
        if not dims:
            return "%.17e" % vals[off]
        stride = numel(dims[1:])
        return "[" + ", ".join(rec(dims[1:], off + i * stride) for i in range(dims[0])) + "]"
    if not shape:
        return "%.17e" % vals[0]
    return rec(list(shape), 0)


def gradcheck(seed, max_ops, samples, llvm_lib, keep=None, inject_bug=False):
    step = generate(seed, "f64", max_ops, inject_bug=inject_bug)
    rng = random.Random(seed + 1000003)
    inputs = {}
    for v in step.args:
        inputs[v.name] = [rng.uniform(-1.0, 1.0) for _ in range(numel(v.shape))]
    lines = [step.mlir(), "func.func private @printMemrefI64(tensor<*xi64>)", "func.func @main() {"]
    for v in step.args:
        lines.append("  %%in_%s = arith.constant dense<%s> : %s"
                     % (v.name, dense_literal(v.shape, inputs[v.name]), ttype(v.shape, "f64")))
    res_t = ", ".join(ttype(s, "f64") for s in step.result_shapes)
    lines.append("  %%res:%d = func.call @train_step(%s) : (%s) -> (%s)"
                 % (len(step.result_shapes), ", ".join("%in_" + v.name for v in step.args),
                    ", ".join(ttype(v.shape, "f64") for v in step.args), res_t))
    for j, s in enumerate(step.result_shapes):
        r = len(s)
        lines.append("  %%be%d = tensor.empty() : %s" % (j, ttype(s, "i64")))
        lines.append("  %%b%d = linalg.generic {indexing_maps = [%s, %s], iterator_types = %s} "
                     "ins(%%res#%d : %s) outs(%%be%d : %s) {" % (j, idmap(r), idmap(r),
                                                                iters(["parallel"] * r), j, ttype(s, "f64"),
                                                                j, ttype(s, "i64")))
        lines.append("  ^bb0(%a: f64, %o: i64):")
        lines.append("    %c = arith.bitcast %a : f64 to i64")
        lines.append("    linalg.yield %c : i64")
        lines.append("  } -> %s" % ttype(s, "i64"))
        lines.append("  %%u%d = tensor.cast %%b%d : %s to tensor<*xi64>" % (j, j, ttype(s, "i64")))
        lines.append("  func.call @printMemrefI64(%%u%d) : (tensor<*xi64>) -> ()" % j)
    lines += ["  return", "}"]
    opt, memtrack = find_memtrack()
    work = keep or tempfile.mkdtemp(prefix="fuzz-gradcheck-")
    os.makedirs(work, exist_ok=True)
    src = os.path.join(work, "gc%d.mlir" % seed)
    with open(src, "w") as f:
        f.write("\n".join(lines) + "\n")
    llvm = src + ".llvm.mlir"
    subprocess.run([opt, src, "--recompute-lower-to-llvm", "-o", llvm], check=True)
    out = subprocess.run(["mlir-runner", llvm, "-e", "main", "-entry-point-result=void",
                          "-shared-libs=%s/libmlir_runner_utils.so,%s/libmlir_c_runner_utils.so,%s"
                          % (llvm_lib, llvm_lib, memtrack)],
                         check=True, stdout=subprocess.PIPE, universal_newlines=True).stdout
    results = parse_printed(out, "i64")
    vals = [[struct.unpack("<d", struct.pack("<q", x))[0] for x in r] for r in results]
    loss_py, _ = step.forward(inputs)
    worst = 0.0
    checked = 0
    lerr = abs(vals[0][0] - loss_py) / max(1e-12, abs(loss_py))
    for pi, p in enumerate(step.params):
        grad = vals[pi + 1]
        n = numel(p.shape)
        idxs = list(range(n)) if n <= samples else rng.sample(range(n), samples)
        for i in idxs:
            h = 1e-6
            x0 = inputs[p.name][i]
            pert = dict(inputs)
            pert[p.name] = list(inputs[p.name])
            pert[p.name][i] = x0 + h
            lp, _ = step.forward(pert)
            pert[p.name][i] = x0 - h
            lm, _ = step.forward(pert)
            fd = (lp - lm) / (2 * h)
            err = abs(fd - grad[i]) / max(1e-3, abs(fd), abs(grad[i]))
            worst = max(worst, err)
            checked += 1
    return step, lerr, worst, checked


def parse_printed(text, _kind):
    """Parses the values printed by printMemref* (one result per call)."""
    results = []
    cur = None
    for line in text.splitlines():
        if line.startswith("Unranked Memref") or line.startswith("Memref"):
            cur = []
            results.append(cur)
            # Rank-0 memrefs print their value on the header line ending in ']'.
            if "data =" in line:
                tail = line.split("data =", 1)[1]
                cur.extend(int(t) for t in tail.replace("[", " ").replace("]", " ").replace(",", " ").split())
            continue
        if cur is None:
            continue
        cur.extend(int(t) for t in line.replace("[", " ").replace("]", " ").replace(",", " ").split()
                   if t.lstrip("-").isdigit())
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("seeds", nargs="+", type=int)
    ap.add_argument("-o", "--output", default="-")
    ap.add_argument("--elem", default="f32", choices=["f32", "f64"])
    ap.add_argument("--max-ops", type=int, default=24)
    ap.add_argument("--func", default="train_step")
    ap.add_argument("--gradcheck", action="store_true")
    ap.add_argument("--truncate", type=int, help="keep only the first N forward ops (for minimising)")
    ap.add_argument("--exclude", help="op kinds to leave out, e.g. xscale,softmax,collapse (replaced by tanh)")
    ap.add_argument("--samples", type=int, default=12, help="gradient entries checked per parameter")
    ap.add_argument("--tolerance", type=float, default=1e-4)
    ap.add_argument("--inject-bug", action="store_true",
                    help="emit a wrong backward (the loss gradient scaled by 1.25), for testing --gradcheck")
    ap.add_argument("--llvm-lib", default="/usr/lib/llvm-22/lib")
    ap.add_argument("--keep", help="keep the gradcheck files in this directory")
    opts = ap.parse_args()
    if opts.gradcheck:
        bad = 0
        for seed in opts.seeds:
            step, lerr, worst, checked = gradcheck(seed, opts.max_ops, opts.samples, opts.llvm_lib, opts.keep,
                                                   opts.inject_bug)
            ok = lerr <= opts.tolerance and worst <= opts.tolerance
            bad += not ok
            print("gradcheck seed=%d ops=%d params=%d entries=%d loss_rel_err=%.2e worst_rel_err=%.2e %s"
                  % (seed, len(step.ops), len(step.params), checked, lerr, worst, "ok" if ok else "FAIL"))
        return 1 if bad else 0
    if len(opts.seeds) != 1:
        ap.error("one seed without --gradcheck")
    text = generate(opts.seeds[0], opts.elem, opts.max_ops, opts.func, truncate=opts.truncate,
                    exclude=opts.exclude.split(",") if opts.exclude else ()).mlir()
    text = "// fuzz-gen.py seed %d (%s, max-ops %d)\n" % (opts.seeds[0], opts.elem, opts.max_ops) + text
    if opts.output == "-":
        sys.stdout.write(text)
    else:
        with open(opts.output, "w") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
