"""Experiments of chapter 39: the disparity matrix of a one-hidden-layer network, tested.

Each function returns plain results (dicts of numbers and arrays); the chapter calls them at small
sizes and ``python -m dlnotes convexity`` runs them at full size and prints tables.
"""
import time

import numpy as np

from .. import canonical as cn
from .. import cli


def data_1d(N=16, target="random", seed=1):
    """N points x_i = (i + 1/2)/N on [0, 1] as X (1, N) and targets y (N,): sin(2 pi x) for
    "smooth", random signs for "random"."""
    X = cn.grid(N, 1)
    if target == "smooth":
        return X, np.sin(2 * np.pi * X[0])
    return X, np.random.default_rng(seed).choice([-1.0, 1.0], N)


def data_2d(n=4, target="random", seed=1):
    """An n x n grid of points on [0, 1]^2 as X (2, n^2) and targets: sin(2 pi x1) cos(pi x2)
    for "smooth", random signs for "random"."""
    X = cn.grid(n, 2)
    if target == "smooth":
        return X, np.sin(2 * np.pi * X[0]) * np.cos(np.pi * X[1])
    return X, np.random.default_rng(seed).choice([-1.0, 1.0], X.shape[1])


# 1. H at initialisation ------------------------------------------------------------------------

def spectrum_vs_width(widths, activations=("relu", "tanh"), G=1024, init="kink", seed=0,
                      rtol=1e-10, scale=1.0):
    """Singular values and numerical rank of H (L = G, so rank H = rank of the grid Jacobian) at
    initialisation, for each width and activation; for ReLU also the kink count, the rule
    2k + 1 + [some unit is alive on all of [0, 1]] ("law", exact when the grid separates the
    kinks) and the rank the grid can show (:func:`dlnotes.canonical.relu_rank_on_grid`,
    "grid_law"). ``scale`` multiplies every W_j and b_j (the kinks stay where they are; a
    larger scale makes tanh units steeper)."""
    X = cn.grid(G, 1)
    Phi = cn.basis(X, G)
    rows = []
    for act in activations:
        for m in widths:
            W, b, a, c = cn.unpack(cn.init_params(m, 1, init=init, seed=seed))
            w = cn.pack(scale * W, scale * b, a, c)
            s = cn.singular_values(cn.disparity(w, X, Phi, act))
            row = {"activation": act, "m": m, "M": w.size, "sv": s,
                   "rank": int(np.sum(s > rtol * s[0])), "ratio": s[min(w.size, G) - 1] / s[0]}
            if act == "relu":
                W, b, _, _ = cn.unpack(w)
                whole = np.any((b > 0) & (W[:, 0] + b > 0))
                row["kinks"] = len(cn.kinks(w))
                row["law"] = 2 * row["kinks"] + 1 + int(whole)
                row["grid_law"] = cn.relu_rank_on_grid(w, G)
            rows.append(row)
    return rows


# 2. gradient descent with H tracked ------------------------------------------------------------

def lazy_vs_rich(K=1, m=256, alphas=(1000.0, 1.0), targets=("smooth", "random"), steps=20000,
                 L=None, G=None, seed=0, n_records=40):
    """Train one network from the same kink initialisation with each output scale alpha on each
    target, recording the loss, sigma_min(H) and the smallest NTK eigenvalue.

    K = 1: N = 16 points, H from G = 256 grid points, L = 32. K = 2: a 4 x 4 set of points,
    G = 8 x 8, L = 64."""
    G = G or (256 if K == 1 else 8)
    L = L or (32 if K == 1 else 64)
    Xg = cn.grid(G, K)
    Phi = cn.basis(Xg, L)
    w0 = cn.init_params(m, K, seed=seed)
    out = {}
    for target in targets:
        X, y = data_1d(target=target) if K == 1 else data_2d(target=target)
        for alpha in alphas:
            t = time.perf_counter()
            rec = cn.train(w0, X, y, alpha=alpha, steps=steps, X_grid=Xg, Phi=Phi,
                           n_records=n_records)
            rec["seconds"] = time.perf_counter() - t
            rec["moved"] = float(np.linalg.norm(rec["w"] - w0) / np.linalg.norm(w0))
            out[(target, alpha)] = rec
    return out


# 3. dead and duplicated units -------------------------------------------------------------------

def damage(w, case, seed=0):
    """A copy of the 1-D network w with units made dead or duplicated.

    "kill k": k random units get b_j = -10 (with |W_j| <= 2 they are dead on [0, 1]);
    "identical": every unit becomes a copy of unit 0; "pairs": unit 2i+1 becomes a copy of 2i.
    """
    W, b, a, c = (v.copy() for v in cn.unpack(w))
    m = W.shape[0]
    if case.startswith("kill"):
        dead = np.random.default_rng(seed).choice(m, int(case.split()[1]), replace=False)
        b[dead] = -10.0
    elif case == "identical":
        W[:], b[:], a[:] = W[0], b[0], a[0]
    elif case == "pairs":
        W[1::2], b[1::2], a[1::2] = W[0::2], b[0::2], a[0::2]
    elif case != "none":
        raise ValueError(f"case must be 'none', 'kill k', 'identical' or 'pairs', got {case!r}")
    return cn.pack(W, b, a, c)


def dead_and_duplicated(cases=("none", "kill 244", "kill 252", "identical", "pairs"), m=256,
                        alpha=1000.0, steps=20000, G=256, L=32, seed=0, rtol=1e-10):
    """Lazy training on random labels (N = 16) from damaged networks: rank H (L columns), rank of
    the Jacobian on the data, and the final loss."""
    X, y = data_1d(target="random")
    Xg = cn.grid(G, 1)
    Phi = cn.basis(Xg, L)
    rows = []
    for case in cases:
        w0 = damage(cn.init_params(m, 1, seed=seed), case, seed=seed)
        rec = cn.train(w0, X, y, alpha=alpha, steps=steps, n_records=30)
        rows.append({"case": case, "rank_H": cn.numerical_rank(cn.disparity(w0, Xg, Phi), rtol),
                     "rank_J": cn.numerical_rank(cn.jacobian(w0, X), rtol),
                     "loss": rec["loss"][-1], "curve": (rec["step"], rec["loss"]),
                     "w_end": rec["w"], "w0": w0})
    return rows


# 4. width sweep --------------------------------------------------------------------------------

def width_sweep(widths=(8, 16, 24, 32, 64), Ns=(16,), Ls=(32,), seeds=20, steps=5000,
                alpha=1000.0, G=256, tol=1e-8, rtol=1e-10):
    """For each (N, L, m): over ``seeds`` kink initialisations, the fraction with rank J_N = N,
    with rank H_L = L, and with loss < tol after ``steps`` steps of lazy gradient descent on
    random labels (starting from 0.5), and the median final loss."""
    Xg = cn.grid(G, 1)
    Phis = {L: cn.basis(Xg, L) for L in Ls}
    rows = []
    for N in Ns:
        X, y = data_1d(N, target="random")
        for m in widths:
            full_J, full_H, final = 0, dict.fromkeys(Ls, 0), []
            for s in range(seeds):
                w0 = cn.init_params(m, 1, seed=1000 + s)
                full_J += cn.numerical_rank(cn.jacobian(w0, X), rtol) == N
                for L in Ls:
                    full_H[L] += cn.numerical_rank(cn.disparity(w0, Xg, Phis[L]), rtol) == L
                if steps:
                    final.append(cn.train(w0, X, y, alpha=alpha, steps=steps,
                                          n_records=2)["loss"][-1])
            final = np.array(final) if steps else np.full(1, np.nan)
            for L in Ls:
                rows.append({"N": N, "L": L, "m": m, "p_rank_J": full_J / seeds,
                             "p_rank_H": full_H[L] / seeds, "p_zero": float(np.mean(final < tol)),
                             "median_loss": float(np.median(final))})
    return rows


# 5. the gradient identity ------------------------------------------------------------------------

def gradient_identity(Ls=(32, 128, 1024), G=4096, m=256, N=16, seed=0,
                      combos=(("relu", "fourier"), ("relu", "cosine"),
                              ("tanh", "fourier"), ("tanh", "cosine"))):
    """Relative error of grad_w Q = H grad_theta Q.

    On the grid: data = 16 of G = 65 grid points, L = G (exact up to rounding). Off the grid: N random
    points, H from a grid of G points truncated to L coefficients. Q = (1/2N)|f - y|^2 with random
    signs y; grad_w Q = J^T r / N and grad_theta Q = Phi_N^T r / N with r = f - y.
    """
    rng = np.random.default_rng(seed)
    w = cn.init_params(m, 1, seed=seed)
    y = rng.choice([-1.0, 1.0], N)

    def error(X, Xg, L, act, kind):
        Phi_g, Phi_N = cn.basis(Xg, L, kind), cn.basis(X, L, kind)
        r = cn.forward(w, X, act) - y
        exact = cn.jacobian(w, X, act).T @ r / N
        via_theta = cn.disparity(w, Xg, Phi_g, act) @ (Phi_N.T @ r / N)
        return float(np.linalg.norm(via_theta - exact) / np.linalg.norm(exact))

    Xg65 = cn.grid(65, 1)   # odd, so that the Fourier basis is a basis of the grid too
    on_grid = {(a, k): error(Xg65[:, 2::4], Xg65, 65, a, k) for a, k in combos}
    X = rng.uniform(0, 1, (1, N))
    Xg = cn.grid(G, 1)
    off_grid = {(a, k, L): error(X, Xg, L, a, k) for a, k in combos for L in Ls}
    return {"on_grid": on_grid, "off_grid": off_grid}


# 6. straight lines -----------------------------------------------------------------------------

def straight_lines(m=64, steps=20000, target="smooth", G=240, seed=0, n_t=41):
    """Loss along straight segments in weight space and in canonical space (1-D, N = 16 points,
    the plain network f trained with alpha = 1).

    Segments: a trained net w1 to a copy with its hidden units permuted, and w1 to a second trained
    net w2 (another seed). The grid of G = 240 = 16 * 15 midpoints contains the 16 data points and
    L = G, so the canonical coordinates give the outputs on the data exactly: f = Phi theta.
    """
    X, y = data_1d(target=target)
    Xg = cn.grid(G, 1)
    Phi = cn.basis(Xg, G)
    on_data = np.arange(G // 32, G, G // 16)        # where the data points sit in the grid
    if not np.allclose(Xg[0, on_data], X[0]):
        raise ValueError(f"G = {G} must be 16 times an odd number so the data lie on the grid")
    w1, w2 = (cn.train(cn.init_params(m, 1, seed=s), X, y, steps=steps, n_records=2,
                       center=False)["w"] for s in (seed, seed + 1))
    w1p = cn.permute_units(w1, np.random.default_rng(seed).permutation(m))
    theta1, theta1p, theta2 = (cn.canonical_coords(cn.forward(w, Xg), Phi) for w in (w1, w1p, w2))
    t = np.linspace(0, 1, n_t)

    def q_w(w):
        return cn.loss(cn.forward(w, X), y)

    def q_theta(theta):
        return cn.loss((Phi @ theta)[on_data], y)

    return {"t": t, "w1": w1, "w2": w2, "loss_w1": q_w(w1), "loss_w1p": q_w(w1p), "loss_w2": q_w(w2),
            "perm_gap_theta": float(np.abs(theta1 - theta1p).max()),
            "perm_weight": np.array([q_w((1 - s) * w1 + s * w1p) for s in t]),
            "perm_theta": np.array([q_theta((1 - s) * theta1 + s * theta1p) for s in t]),
            "pair_weight": np.array([q_w((1 - s) * w1 + s * w2) for s in t]),
            "pair_theta": np.array([q_theta((1 - s) * theta1 + s * theta2) for s in t])}


def second_differences(values):
    """v[i-1] - 2 v[i] + v[i+1]: all >= 0 (up to rounding) along a convex curve."""
    v = np.asarray(values, dtype=float)
    return v[:-2] - 2 * v[1:-1] + v[2:]


# the command line ------------------------------------------------------------------------------

def _table(rows, keys):
    print("  ".join(f"{k:>11}" for k in keys))
    for r in rows:
        print("  ".join(f"{r[k]:>11.3g}" if isinstance(r[k], float) else f"{r[k]!s:>11}"
                        for k in keys))


def main(argv=None):
    p = cli.parser("convexity", __doc__)
    p.add_argument("--only", type=cli.integer(1, 6), nargs="+", default=[1, 2, 3, 4, 5, 6],
                   metavar="E", help="which experiments (1-6) to run, in this order")
    p.add_argument("--steps", type=cli.positive_int, default=20000, metavar="K",
                   help="gradient-descent steps (experiments 2, 3, 6)")
    p.add_argument("--sweep-steps", type=cli.positive_int, default=20000, metavar="K",
                   help="steps per run (experiment 4)")
    p.add_argument("--seeds", type=cli.positive_int, default=20, metavar="N",
                   help="initialisations per width (experiment 4)")
    p.add_argument("--quick", action="store_true",
                   help="tiny sizes and steps, to test the command")
    args = p.parse_args(argv)
    p.refuse_unless(args, len(set(args.only)) == len(args.only), "only",
                    f"names an experiment twice: {' '.join(map(str, args.only))}")
    p.refuse_unless(args, not args.quick, ["steps", "sweep_steps", "seeds"],
                    "cannot be combined with --quick (which sets its own tiny sizes)")
    p.refuse_unless(args, bool({2, 3, 6} & set(args.only)), "steps",
                    "applies only to experiments 2, 3 and 6 (see --only)")
    p.refuse_unless(args, 4 in args.only, ["sweep_steps", "seeds"],
                    "applies only to experiment 4 (see --only)")
    q = args.quick
    steps = 200 if q else args.steps
    for n in args.only:
        t0 = time.perf_counter()
        print(f"\n=== experiment {n} ===")
        if n == 1:
            rows = spectrum_vs_width((4, 8) if q else (4, 8, 16, 32, 64, 128, 256),
                                     G=256 if q else 2048)
            for r in rows:
                r.setdefault("kinks", "-")
                r.setdefault("law", "-")
                r.setdefault("grid_law", "-")
            _table(rows, ["activation", "m", "M", "kinks", "law", "grid_law", "rank", "ratio"])
        elif n == 2:
            for K in (1, 2):
                res = lazy_vs_rich(K=K, m=32 if q else 256, steps=steps)
                for (target, alpha), r in res.items():
                    print(f"K={K} {target:>6} alpha={alpha:>6g}: loss {r['loss'][-1]:.2e}, "
                          f"sigma_min(H) {r['sigma_min'][0]:.2e} -> {r['sigma_min'][-1]:.2e} "
                          f"(min {r['sigma_min'].min():.2e}), lambda_min(NTK) "
                          f"{r['ntk_min'][0]:.2e} -> {r['ntk_min'][-1]:.2e}, |w-w0|/|w0| "
                          f"{r['moved']:.2e}, {r['seconds']:.1f} s")
            if not q:
                res = lazy_vs_rich(K=1, alphas=(1.0,), steps=10 * steps)
                for (target, _), r in res.items():
                    print(f"K=1 {target:>6} alpha=1, {10 * steps} steps: loss "
                          f"{r['loss'][-1]:.2e}, sigma_min(H) min {r['sigma_min'].min():.2e}, "
                          f"end {r['sigma_min'][-1]:.2e}")
        elif n == 3:
            rows = dead_and_duplicated(m=32 if q else 256, steps=steps,
                                       cases=("none", "kill 28", "identical", "pairs") if q
                                       else ("none", "kill 128", "kill 244", "kill 252",
                                             "identical", "pairs"))
            _table(rows, ["case", "rank_H", "rank_J", "loss"])
        elif n == 4:
            rows = width_sweep(widths=(8, 32) if q else (8, 16, 24, 32, 48, 64, 128, 256),
                               Ns=(16,) if q else (8, 16, 32), Ls=(32,) if q else (16, 32, 64),
                               seeds=2 if q else args.seeds,
                               steps=100 if q else args.sweep_steps)
            _table(rows, ["N", "L", "m", "p_rank_J", "p_rank_H", "p_zero", "median_loss"])
        elif n == 5:
            r = gradient_identity(Ls=(32,) if q else (32, 128, 1024, 4096),
                                  G=512 if q else 16384)
            for k, v in r["on_grid"].items():
                print(f"on the grid, L = G: {k[0]:>4} + {k[1]:<7} {v:.1e}")
            for k, v in r["off_grid"].items():
                print(f"off the grid:       {k[0]:>4} + {k[1]:<7} L = {k[2]:>5}: {v:.1e}")
        elif n == 6:
            r = straight_lines(m=16 if q else 64, steps=steps)
            print(f"loss w1 {r['loss_w1']:.2e}, permuted copy {r['loss_w1p']:.2e}, "
                  f"max on the weight segment {r['perm_weight'].max():.3f}, "
                  f"canonical gap {r['perm_gap_theta']:.1e}")
            print(f"w1 -> w2: smallest second difference in weight space "
                  f"{second_differences(r['pair_weight']).min():.2e}, in canonical space "
                  f"{second_differences(r['pair_theta']).min():.2e}")
        else:
            raise SystemExit(f"no experiment {n}; choose from 1-6")
        print(f"({time.perf_counter() - t0:.1f} s)")
    return 0
