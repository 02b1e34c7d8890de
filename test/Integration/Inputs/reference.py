#!/usr/bin/env python3
"""Pure-Python (double precision) reference for the hand-written training steps.

Usage: reference.py {mlp|resnet|attention} OUTPUT.txt

OUTPUT.txt is what the harness main (utils/make-harness.py) printed: one
`RESULT <j>` line per result followed by the result's f32 bit patterns as
printMemrefI32 writes them. The inputs are recomputed with the harness's
fill formula, the loss and gradients are computed here independently
(forward pass plus a hand-derived backward pass, checked in its turn against
central finite differences of the loss), and every result must agree with
the reference within a relative tolerance of 1e-4 of the tensor's largest
magnitude. Prints one line per result and exits 1 on any mismatch.
"""

import math
import re
import struct
import sys


def fill(k, shape):
    n = 1
    for d in shape:
        n *= d
    flat = [(((i * 37 + k * 101 + 11) % 61) - 30) * 0.015625 for i in range(n)]
    return reshape(flat, shape)


def reshape(flat, shape):
    if len(shape) == 1:
        return list(flat)
    step = len(flat) // shape[0]
    return [reshape(flat[i * step:(i + 1) * step], shape[1:]) for i in range(shape[0])]


def flatten(t):
    if isinstance(t, list):
        out = []
        for e in t:
            out.extend(flatten(e))
        return out
    return [t]


def zeros(*shape):
    if len(shape) == 1:
        return [0.0] * shape[0]
    return [zeros(*shape[1:]) for _ in range(shape[0])]


def matmul(a, b):
    n, k, m = len(a), len(b), len(b[0])
    return [[sum(a[i][p] * b[p][j] for p in range(k)) for j in range(m)] for i in range(n)]


def transpose(a):
    return [list(r) for r in zip(*a)]


def relu2(a):
    return [[max(v, 0.0) for v in r] for r in a]


# ---------------------------------------------------------------- MLP
def mlp_loss_and_grads(args, with_grads=True):
    x, y, w1, w2, w3, w4 = args
    B = len(x)
    z1 = matmul(x, w1)
    h1 = relu2(z1)
    z2 = matmul(h1, w2)
    h2 = relu2(z2)
    z3 = matmul(h2, w3)
    h3 = relu2(z3)
    l = matmul(h3, w4)
    loss = 0.0
    dl = []
    for b in range(B):
        mx = max(l[b])
        se = sum(math.exp(v - mx) for v in l[b])
        lse = mx + math.log(se)
        loss += sum(y[b][c] * (lse - l[b][c]) for c in range(len(l[b])))
        ty = sum(y[b])
        dl.append([(math.exp(l[b][c] - mx) / se * ty - y[b][c]) / B for c in range(len(l[b]))])
    loss /= B
    if not with_grads:
        return loss, None

    def mask(g, z):
        return [[g[i][j] if z[i][j] > 0 else 0.0 for j in range(len(g[0]))] for i in range(len(g))]

    dw4 = matmul(transpose(h3), dl)
    dz3 = mask(matmul(dl, transpose(w4)), z3)
    dw3 = matmul(transpose(h2), dz3)
    dz2 = mask(matmul(dz3, transpose(w3)), z2)
    dw2 = matmul(transpose(h1), dz2)
    dz1 = mask(matmul(dz2, transpose(w2)), z1)
    dw1 = matmul(transpose(x), dz1)
    return loss, [dw1, dw2, dw3, dw4]


MLP_SHAPES = [(128, 16), (128, 8), (16, 32), (32, 32), (32, 32), (32, 8)]


# ---------------------------------------------------------------- ResNet
def pad1(h):
    N, H, W, C = len(h), len(h[0]), len(h[0][0]), len(h[0][0][0])
    p = zeros(N, H + 2, W + 2, C)
    for n in range(N):
        for i in range(H):
            for j in range(W):
                p[n][i + 1][j + 1] = list(h[n][i][j])
    return p


def conv3(p, w):
    """Valid 3x3 conv, NHWC input (already padded), HWCF filter."""
    N, C, F = len(p), len(w[0][0]), len(w[0][0][0])
    H, W = len(p[0]) - 2, len(p[0][0]) - 2
    out = zeros(N, H, W, F)
    for n in range(N):
        for y in range(H):
            for x in range(W):
                acc = [0.0] * F
                for i in range(3):
                    for j in range(3):
                        pv = p[n][y + i][x + j]
                        wij = w[i][j]
                        for c in range(C):
                            a = pv[c]
                            if a == 0.0:
                                continue
                            wc = wij[c]
                            for f in range(F):
                                acc[f] += a * wc[f]
                out[n][y][x] = acc
    return out


def conv3_wgrad(p, da):
    N, H, W, F = len(da), len(da[0]), len(da[0][0]), len(da[0][0][0])
    C = len(p[0][0][0])
    dw = zeros(3, 3, C, F)
    for i in range(3):
        for j in range(3):
            for n in range(N):
                for y in range(H):
                    for x in range(W):
                        pv = p[n][y + i][x + j]
                        dv = da[n][y][x]
                        for c in range(C):
                            a = pv[c]
                            if a == 0.0:
                                continue
                            row = dw[i][j][c]
                            for f in range(F):
                                row[f] += a * dv[f]
    return dw


def conv3_dgrad(da, w):
    """Input gradient of a = conv3(pad1(h), w), computed by scattering."""
    N, H, W, F = len(da), len(da[0]), len(da[0][0]), len(da[0][0][0])
    C = len(w[0][0])
    dp = zeros(N, H + 2, W + 2, C)
    for n in range(N):
        for y in range(H):
            for x in range(W):
                dv = da[n][y][x]
                for i in range(3):
                    for j in range(3):
                        row = dp[n][y + i][x + j]
                        wij = w[i][j]
                        for c in range(C):
                            row[c] += sum(wij[c][f] * dv[f] for f in range(F))
    return [[[dp[n][y + 1][x + 1] for x in range(W)] for y in range(H)] for n in range(N)]


def map4(fn, *ts):
    return [[[[fn(*vals) for vals in zip(*cs)] for cs in zip(*ws)] for ws in zip(*hs)]
            for hs in zip(*ts)]


def resnet_loss_and_grads(args, with_grads=True):
    x, y, w0, w1, w2, wf = args
    N = len(x)
    xp = pad1(x)
    a0 = conv3(xp, w0)
    h0 = map4(lambda v: max(v, 0.0), a0)
    p1 = pad1(h0)
    a1 = conv3(p1, w1)
    h1 = map4(lambda v: max(v, 0.0), a1)
    p2 = pad1(h1)
    a2 = conv3(p2, w2)
    s = map4(lambda u, v: u + v, a2, h0)
    h2 = map4(lambda v: max(v, 0.0), s)
    H, W, C = len(h2[0]), len(h2[0][0]), len(h2[0][0][0])
    g = [[sum(h2[n][i][j][c] for i in range(H) for j in range(W)) / (H * W) for c in range(C)]
         for n in range(N)]
    o = matmul(g, wf)
    loss = sum((o[n][k] - y[n][k]) ** 2 for n in range(N) for k in range(len(o[0]))) / (2 * N)
    if not with_grads:
        return loss, None
    do = [[(o[n][k] - y[n][k]) / N for k in range(len(o[0]))] for n in range(N)]
    dwf = matmul(transpose(g), do)
    dg = matmul(do, transpose(wf))
    ds = [[[[dg[n][c] / (H * W) if s[n][i][j][c] > 0 else 0.0 for c in range(C)]
            for j in range(W)] for i in range(H)] for n in range(N)]
    dw2 = conv3_wgrad(p2, ds)
    dh1 = conv3_dgrad(ds, w2)
    da1 = map4(lambda d, v: d if v > 0 else 0.0, dh1, a1)
    dw1 = conv3_wgrad(p1, da1)
    dh0 = conv3_dgrad(da1, w1)
    da0 = map4(lambda d, sk, v: d + sk if v > 0 else 0.0, dh0, ds, a0)
    dw0 = conv3_wgrad(xp, da0)
    return loss, [dw0, dw1, dw2, dwf]


RESNET_SHAPES = [(8, 8, 8, 4), (8, 6), (3, 3, 4, 8), (3, 3, 8, 8), (3, 3, 8, 8), (8, 6)]

# ---------------------------------------------------------------- attention
ATT_B, ATT_T, ATT_D = 4, 16, 8


def attention_loss_and_grads(args, with_grads=True):
    x, tgt, wq, wk, wv, wo = args
    B, T, D = ATT_B, ATT_T, ATT_D
    c = 1.0 / math.sqrt(D)
    q2, k2, v2 = matmul(x, wq), matmul(x, wk), matmul(x, wv)
    seq = lambda m, b: m[b * T:(b + 1) * T]
    P = []
    O2 = []
    for b in range(B):
        q, k, v = seq(q2, b), seq(k2, b), seq(v2, b)
        s = [[c * sum(q[i][d] * k[j][d] for d in range(D)) for j in range(T)] for i in range(T)]
        p = []
        for row in s:
            mx = max(row)
            e = [math.exp(a - mx) for a in row]
            tot = sum(e)
            p.append([a / tot for a in e])
        P.append(p)
        O2.extend(matmul(p, v))
    y = matmul(O2, wo)
    N = B * T
    loss = sum((y[i][j] - tgt[i][j]) ** 2 for i in range(N) for j in range(D)) / (2 * N)
    if not with_grads:
        return loss, None
    dy = [[(y[i][j] - tgt[i][j]) / N for j in range(D)] for i in range(N)]
    dwo = matmul(transpose(O2), dy)
    do2 = matmul(dy, transpose(wo))
    dq2, dk2, dv2 = [], [], []
    for b in range(B):
        q, k, v, do, p = seq(q2, b), seq(k2, b), seq(v2, b), seq(do2, b), P[b]
        dp = matmul(do, transpose(v))
        dv2.extend(matmul(transpose(p), do))
        ds = []
        for i in range(T):
            rs = sum(dp[i][j] * p[i][j] for j in range(T))
            ds.append([c * p[i][j] * (dp[i][j] - rs) for j in range(T)])
        dq2.extend(matmul(ds, k))
        dk2.extend(matmul(transpose(ds), q))
    xt = transpose(x)
    return loss, [matmul(xt, dq2), matmul(xt, dk2), matmul(xt, dv2), dwo]


ATTENTION_SHAPES = [(64, 8), (64, 8), (8, 8), (8, 8), (8, 8), (8, 8)]

MODELS = {
    "mlp": (MLP_SHAPES, mlp_loss_and_grads),
    "resnet": (RESNET_SHAPES, resnet_loss_and_grads),
    "attention": (ATTENTION_SHAPES, attention_loss_and_grads),
}


def set_flat(t, idx, value):
    """Sets element idx (row-major) of nested list t; returns the old value."""
    shape = []
    u = t
    while isinstance(u, list):
        shape.append(len(u))
        u = u[0]
    pos = []
    for d in reversed(shape):
        pos.append(idx % d)
        idx //= d
    pos.reverse()
    u = t
    for p in pos[:-1]:
        u = u[p]
    old = u[pos[-1]]
    u[pos[-1]] = value
    return old


def check_backward(args, fn):
    """Central finite differences of the reference loss (double precision)
    at a few weight entries: guards the hand-derived backward pass."""
    _, grads = fn(args)
    eps = 1e-5
    worst = 0.0
    for wi, grad in enumerate(grads):
        flat = flatten(grad)
        scale = max(abs(v) for v in flat) or 1.0
        n = len(flat)
        for idx in sorted({0, n // 3, (2 * n) // 3, n - 1, flat.index(max(flat, key=abs))}):
            old = set_flat(args[2 + wi], idx, 0.0)
            set_flat(args[2 + wi], idx, old + eps)
            lp, _ = fn(args, False)
            set_flat(args[2 + wi], idx, old - eps)
            lm, _ = fn(args, False)
            set_flat(args[2 + wi], idx, old)
            fd = (lp - lm) / (2 * eps)
            worst = max(worst, abs(fd - flat[idx]) / scale)
    return worst


def parse_results(path):
    results = {}
    cur = None
    for line in open(path):
        m = re.match(r"RESULT (\d+)", line)
        if m:
            cur = int(m.group(1))
            results[cur] = []
            continue
        if cur is None or line.startswith("Unranked Memref") or line.startswith("MEMTRACK"):
            continue
        for tok in re.findall(r"-?\d+", line):
            results[cur].append(struct.unpack("<f", struct.pack("<i", int(tok)))[0])
    return results


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in MODELS:
        sys.stderr.write(__doc__)
        return 2
    shapes, fn = MODELS[sys.argv[1]]
    args = [fill(k, s) for k, s in enumerate(shapes)]
    loss, grads = fn(args)
    fd_err = check_backward(args, fn)
    ok = fd_err < 1e-4
    print("finite-difference check: max relative error %.2e %s" % (fd_err, "ok" if ok else "FAIL"))
    expected = [[loss]] + [flatten(g) for g in grads]
    got = parse_results(sys.argv[2])
    for j, exp in enumerate(expected):
        act = got.get(j)
        if act is None or len(act) != len(exp):
            print("result %d: missing or wrong size" % j)
            ok = False
            continue
        scale = max(abs(v) for v in exp) or 1.0
        err = max(abs(a - e) for a, e in zip(act, exp)) / scale
        good = err < 1e-4
        ok = ok and good
        print("result %d: %d values, max relative error %.2e %s"
              % (j, len(exp), err, "ok" if good else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
