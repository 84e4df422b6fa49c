"""Chapter 21: how small can a trained network be and still fit n-bit parity?

For each n, networks of a given depth (the number of hidden layers) and width (units per hidden
layer) are trained on all 2ⁿ inputs of :func:`dlnotes.parity.parity_data`: ReLU hidden units,
a sigmoid output with the cross-entropy, He initialisation, full-batch Adam for a fixed number
of iterations. A run succeeds when, after its budget, every one of the 2ⁿ inputs is on the right
side of 0.5. The widths are scanned upwards from 1 for several seeds; the table gives the
smallest width at which some seed succeeded, with the share of seeds that did.

The seeds of one (n, depth, width) are trained together, their weights stacked along a first
axis; each seed's run is the same as ``dense.fit(X, Y, dims, init="he", optimizer="adam",
seed=seed, ...)``, which tests/test_parity.py checks.

    python -m dlnotes parity [--max-bits 10] [--seeds 10] [--iterations 3000]
"""
from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from .. import cli, dense, parity
from .._validate import integer, number, positive_int, sequence
from ..activations import sigmoid
from ..losses import binary_cross_entropy
from ..progress import progress_bar

ITERATIONS = 3000
LEARNING_RATE = 0.01
SEEDS = (0, 1, 2, 3, 4)
WIDTHS = (1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64)   # roughly geometric: a scan, not a search


def deep_depth(n):
    """The depth of the hand-built tree, ⌈log₂ n⌉ hidden layers (at least 1)."""
    return max(1, math.ceil(math.log2(integer(n, "n", 1, parity.MAX_BITS))))


class Runs(NamedTuple):
    """Seeds trained at one (n, depth, width): per seed, whether all 2ⁿ inputs are right
    (``fitted``), the training accuracy and the final cross-entropy ``cost``; ``params`` holds
    the trained weights, each with a leading axis of seeds ({"W1": (seeds, n[1], n[0]), ...})."""
    n: int
    depth: int
    width: int
    seeds: tuple
    fitted: np.ndarray
    accuracy: np.ndarray
    cost: np.ndarray
    params: dict

    @property
    def rate(self):
        return float(self.fitted.mean())


def _seeds(seeds):
    seeds = sequence(seeds, "seeds", what="a tuple of seeds")
    if not seeds:
        raise ValueError("seeds must hold at least one seed, got an empty tuple")
    return tuple(integer(s, f"seeds[{i}]", 0) for i, s in enumerate(seeds))


def train_seeds(n, depth, width, seeds=SEEDS, iterations=ITERATIONS,
                learning_rate=LEARNING_RATE, beta1=0.9, beta2=0.999, epsilon=1e-8):
    """Train [n, width × depth, 1] networks on n-bit parity from each seed; returns :class:`Runs`.

    Full-batch Adam on all 2ⁿ inputs (ReLU hidden layers, sigmoid output, He initialisation).
    """
    n = integer(n, "n", 1, 12)
    depth, width = positive_int(depth, "depth"), positive_int(width, "width")
    seeds = _seeds(seeds)
    iterations = positive_int(iterations, "iterations")
    lr = number(learning_rate, "learning_rate", lo=0, lo_open=True)
    X, Y = parity.parity_data(n)
    dims = [n] + [width] * depth + [1]
    starts = [dense.init_params(dims, "he", s) for s in seeds]
    flat = np.stack([np.concatenate([p[k].ravel() for p in [q] for k in q]) for q in starts])
    P = _views(flat, starts[0])
    _adam_train(X, Y, flat, P, len(dims) - 1, iterations, lr, beta1, beta2, epsilon)
    A = _forward(X, P, len(dims) - 1)[0][-1]
    acc = np.mean((A > 0.5) == (Y == 1), axis=(1, 2))
    cost = np.array([binary_cross_entropy(a, Y) for a in A])
    params = {k: v.copy() for k, v in P.items()}
    return Runs(n, depth, width, seeds, acc == 1.0, acc, cost, params)


def dead_layer(runs):
    """Per seed of ``runs``, whether some hidden layer outputs 0 on every one of the 2ⁿ inputs
    (then the network's output is the same for every input)."""
    X, _ = parity.parity_data(runs.n)
    A, _ = _forward(X, runs.params, runs.depth + 1)
    return np.array([any(not a[s].any() for a in A[1:-1]) for s in range(len(runs.seeds))])


def _views(flat, like):
    """{name: view of ``flat`` (seeds, total) shaped (seeds,) + like[name].shape}, in order."""
    out, at = {}, 0
    for k, v in like.items():
        out[k] = flat[:, at:at + v.size].reshape((flat.shape[0],) + v.shape)
        assert np.shares_memory(out[k], flat)
        at += v.size
    return out


def _forward(X, P, L):
    A, Z = [X[None]], []
    for l in range(1, L + 1):
        Z.append(P[f"W{l}"] @ A[-1] + P[f"b{l}"])
        A.append(np.maximum(Z[-1], 0) if l < L else sigmoid(Z[-1]))
    return A, Z


def _adam_train(X, Y, flat, P, L, iterations, lr, beta1, beta2, epsilon):
    """Stacked full-batch Adam on ``flat`` (seeds, all parameters), of which P holds the
    per-layer views; the update is dlnotes.optim's, element by element. Updated in place."""
    m = X.shape[1]
    G, M, V = np.zeros_like(flat), np.zeros_like(flat), np.zeros_like(flat)
    grads = _views(G, {k: v[0] for k, v in P.items()})
    for t in range(1, iterations + 1):
        A, Z = _forward(X, P, L)
        dZ = A[L] - Y                                  # sigmoid + cross-entropy
        for l in range(L, 0, -1):
            np.matmul(dZ, A[l - 1].swapaxes(1, 2), out=grads[f"W{l}"])
            grads[f"W{l}"] /= m
            grads[f"b{l}"][...] = dZ.sum(axis=2, keepdims=True) / m
            if l > 1:
                dZ = np.where(Z[l - 2] > 0, P[f"W{l}"].swapaxes(1, 2) @ dZ, 0)
        c1, c2 = 1 - beta1 ** t, 1 - beta2 ** t
        M *= beta1
        M += (1 - beta1) * G
        V *= beta2
        V += (1 - beta2) * np.square(G)
        flat -= lr * (M / c1) / (np.sqrt(V / c2) + epsilon)
    return flat


class WidthScan(NamedTuple):
    """:func:`smallest_width`'s result: ``runs`` {width: Runs} for the widths tried, the
    smallest width at which some seed fitted (``first``, None if none did) and the smallest at
    which every seed did (``all_fit``, None if none)."""
    n: int
    depth: int
    runs: dict
    first: int | None
    all_fit: int | None


def smallest_width(n, depth, widths=WIDTHS, seeds=SEEDS, iterations=ITERATIONS,
                   learning_rate=LEARNING_RATE):
    """Try the ``widths`` in increasing order and stop at the first width where every seed fits
    all 2ⁿ inputs. Returns a :class:`WidthScan`."""
    n = integer(n, "n", 1, 12)
    depth = positive_int(depth, "depth")
    widths = sequence(widths, "widths", what="a tuple of widths")
    widths = sorted({positive_int(w, f"widths[{i}]") for i, w in enumerate(widths)})
    if not widths:
        raise ValueError("widths must hold at least one width, got an empty tuple")
    runs, first, all_fit = {}, None, None
    for w in widths:
        r = train_seeds(n, depth, w, seeds, iterations, learning_rate)
        runs[w] = r
        if first is None and r.fitted.any():
            first = w
        if r.fitted.all():
            all_fit = w
            break
    return WidthScan(n, depth, runs, first, all_fit)


def size_rows(ns=range(2, 9), seeds=SEEDS, iterations=ITERATIONS,
              learning_rate=LEARNING_RATE, widths=WIDTHS, progress=None):
    """One dict per n: the hand-built networks' hidden units (tree, counting, minterms) and the
    width scans of a trained shallow network (depth 1) and a trained deep one (the tree's
    depth, :func:`deep_depth`)."""
    rows = []
    for n in progress_bar(list(ns), progress, "parity"):
        n = integer(n, "n", 1, 12)
        depth = deep_depth(n)
        rows.append({
            "n": n, "tree_units": parity.hidden_units(parity.deep_parity(n)),
            "tree_depth": len(parity.deep_parity(n)) // 2 - 1,
            "count_units": parity.hidden_units(parity.shallow_parity(n)),
            "minterm_units": 2 ** (n - 1),
            "shallow": smallest_width(n, 1, widths, seeds, iterations, learning_rate),
            "deep": smallest_width(n, depth, widths, seeds, iterations, learning_rate)})
    return rows


def _cell(scan):
    if scan.first is None:
        return f"none ≤ {max(scan.runs)}"
    rate = scan.runs[scan.first].rate
    all_fit = f", all at {scan.all_fit}" if scan.all_fit else ""
    return f"{scan.first} ({rate:.0%}{all_fit})"


def size_table(rows):
    """The rows of :func:`size_rows` as a text table."""
    lines = [f"{'n':>3}{'tree units':>12}{'depth':>6}{'count units':>12}{'minterms':>9}"
             f"{'trained shallow width':>24}{'trained deep width (units)':>30}"]
    for r in rows:
        deep = r["deep"]
        units = f" [{deep.first * deep.depth}]" if deep.first else ""
        lines.append(f"{r['n']:3d}{r['tree_units']:12d}{r['tree_depth']:6d}{r['count_units']:12d}"
                     f"{r['minterm_units']:9d}{_cell(r['shallow']):>24}"
                     f"{_cell(deep) + units:>30}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = cli.parser("parity", __doc__)
    parser.add_argument("--max-bits", type=cli.integer(2, 12), default=10,
                        help="n runs from 2 to this")
    parser.add_argument("--seeds", type=cli.positive_int, default=10, metavar="N",
                        help="seeds 0..N-1 for every width")
    parser.add_argument("--iterations", type=cli.positive_int, default=3000,
                        help="full-batch Adam iterations per run")
    parser.add_argument("--learning-rate", type=cli.positive_float, default=LEARNING_RATE,
                        help="Adam's learning rate")
    args = parser.parse_args(argv)
    print(f"seeds 0..{args.seeds - 1}, {args.iterations} Adam iterations, learning rate "
          f"{args.learning_rate}; success = all 2^n inputs right", flush=True)
    rows = size_rows(range(2, args.max_bits + 1), tuple(range(args.seeds)), args.iterations,
                     args.learning_rate, progress=None)
    print(size_table(rows), flush=True)
    return 0
