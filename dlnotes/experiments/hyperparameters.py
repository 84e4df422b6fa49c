"""Chapter 22: parameters and hyperparameters, swept and searched on the digits.

scikit-learn's 1,797 8 × 8 digits, split once (seed 0) into 800 training, 500 validation and
497 test images (:func:`split`). Every run is :func:`dlnotes.dense.fit`: ReLU hidden layers, a
softmax output, He initialisation, full-batch gradient descent. The validation images choose the
hyperparameters; the test images are touched only to report the chosen run.

- :func:`sweep`: one hyperparameter varied, the others fixed: the final training cost and the
  validation accuracy of each value.
- :func:`compare_search`: grid search against random search with the same number of trials over
  the learning rate (which matters) and the L2 strength λ (which matters little here), repeated;
  per repetition, the best validation accuracy each found and the test accuracy of its choice.

    python -m dlnotes hyperparameters [--repetitions 20] [--points 3] [--iterations 200]
"""
from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from .. import cli, data, dense, optim, search
from .._validate import choice, integer, positive_int, sequence
from ..progress import progress_bar

HIDDEN, DEPTH, ITERATIONS, LEARNING_RATE = 16, 1, 200, 0.3
SPACE = {"learning_rate": (0.01, 3.0, "log"), "lambd": (0.001, 1.0, "log")}


class Split(NamedTuple):
    """Dense layout: X (64, m) with pixels / 16, Y (10, m) one-hot, for each part."""
    X_train: np.ndarray
    Y_train: np.ndarray
    X_val: np.ndarray
    Y_val: np.ndarray
    X_test: np.ndarray
    Y_test: np.ndarray


def split(seed=0, n_train=800, n_val=500):
    """The digits shuffled with ``seed``: the first ``n_train`` for training, the next
    ``n_val`` for validation, the rest (1797 − n_train − n_val) for the test."""
    images, labels = data.load_digits()
    m = len(labels)
    n_train, n_val = positive_int(n_train, "n_train"), positive_int(n_val, "n_val")
    if n_train + n_val >= m:
        raise ValueError(f"n_train + n_val must leave test images out of the {m}, got "
                         f"{n_train} + {n_val}")
    order = np.random.default_rng(integer(seed, "seed", 0)).permutation(m)
    X, Y = images.reshape(m, -1).T / 16.0, np.eye(10)[labels].T
    parts = (order[:n_train], order[n_train:n_train + n_val], order[n_train + n_val:])
    return Split(*[a for idx in parts for a in (X[:, idx], Y[:, idx])])


def layer_dims(hidden=HIDDEN, depth=DEPTH, n_x=64, n_y=10):
    """[n_x, hidden × depth, n_y]."""
    hidden, depth = positive_int(hidden, "hidden"), integer(depth, "depth", 0)
    return [positive_int(n_x, "n_x")] + [hidden] * depth + [positive_int(n_y, "n_y")]


def parameter_count(layer_dims):
    """Σ_l n[l] (n[l−1] + 1): the entries of every W[l] and b[l] for layer sizes
    ``layer_dims`` = [n[0], ..., n[L]]."""
    dims = dense._layer_dims(layer_dims)
    return int(sum(dims[l] * (dims[l - 1] + 1) for l in range(1, len(dims))))


def train(sp, learning_rate=LEARNING_RATE, hidden=HIDDEN, depth=DEPTH, iterations=ITERATIONS,
          lambd=0.0, seed=0, test=False):
    """Train on ``sp`` (a :class:`Split`); returns {"cost": final training cost (NaN if it
    diverged), "val": validation accuracy, "params"} and "test" when ``test`` is true."""
    dims = layer_dims(hidden, depth, sp.X_train.shape[0], sp.Y_train.shape[0])
    try:
        params, costs = dense.fit(sp.X_train, sp.Y_train, dims, output="softmax", init="he",
                                  learning_rate=learning_rate, num_iterations=iterations,
                                  lambd=lambd, seed=seed)
    except optim.DivergedError:
        out = {"cost": float("nan"), "val": 0.1, "params": None}   # a guess among 10 classes
        return {**out, "test": 0.1} if test else out
    out = {"cost": costs[max(costs)], "params": params,
           "val": dense.accuracy(sp.X_val, sp.Y_val, params, output="softmax")}
    if test:
        out["test"] = dense.accuracy(sp.X_test, sp.Y_test, params, output="softmax")
    return out


def sweep(sp, name, values, seeds=(0,), **fixed):
    """Vary ``name`` ("learning_rate", "hidden" or "depth") over ``values``, the other
    arguments of :func:`train` fixed; returns {"values", "cost", "val"}, arrays of shape
    (len(values), len(seeds))."""
    choice(name, "name", ("learning_rate", "hidden", "depth", "iterations", "lambd"))
    values = sequence(values, "values", what="a tuple of values")
    seeds = sequence(seeds, "seeds", what="a tuple of seeds")
    cost = np.empty((len(values), len(seeds)))
    val = np.empty_like(cost)
    for i, v in enumerate(values):
        for j, s in enumerate(seeds):
            r = train(sp, **{**fixed, name: v, "seed": s})
            cost[i, j], val[i, j] = r["cost"], r["val"]
    return {"values": list(values), "cost": cost, "val": val}


class SearchResult(NamedTuple):
    """One repetition of one search method: the trials (scored by validation accuracy), the
    best one's hyperparameters, its validation accuracy and its test accuracy."""
    method: str
    repetition: int
    trials: list
    best: dict
    val: float
    test: float


def _search(sp, method, trials, repetition, iterations):
    def objective(learning_rate, lambd):
        r = train(sp, learning_rate, lambd=lambd, iterations=iterations, seed=repetition)
        return {"score": r["val"], "params": r["params"], "cost": r["cost"]}

    scored = search.run_trials(objective, trials)
    best = search.best_trial(scored)
    test = (dense.accuracy(sp.X_test, sp.Y_test, best.info["params"], output="softmax")
            if best.info["params"] is not None else 0.1)
    slim = [search.Trial(t.params, t.score, {"cost": t.info["cost"]}) for t in scored]
    return SearchResult(method, repetition, slim, best.params, best.score, test)


def compare_search(sp, space=None, points_per_axis=3, repetitions=8, iterations=ITERATIONS,
                   progress=None):
    """Grid search (``points_per_axis``ᵈ trials) against random search with as many trials, in
    each of ``repetitions`` repetitions r: random search draws its trials with seed r, and
    every network (of both methods) starts from weight seed r. Returns a list of
    :class:`SearchResult`, grid and random alternating."""
    space = SPACE if space is None else space
    points = positive_int(points_per_axis, "points_per_axis")
    repetitions = positive_int(repetitions, "repetitions")
    grid = search.grid_trials(space, points)
    out = []
    for r in progress_bar(range(repetitions), progress, "search"):
        out.append(_search(sp, "grid", grid, r, iterations))
        out.append(_search(sp, "random", search.random_trials(space, len(grid), seed=r), r,
                           iterations))
    return out


def search_table(results):
    """Mean (min-max) of the best validation accuracy and of the chosen run's test accuracy,
    per method, and how often random search's choice validated at least as well as grid's."""
    lines = [f"{'method':<8}{'trials':>7}{'best validation':>24}{'test of the choice':>24}"]
    for method in ("grid", "random"):
        rs = [r for r in results if r.method == method]
        v, t = np.array([r.val for r in rs]), np.array([r.test for r in rs])
        lines.append(f"{method:<8}{len(rs[0].trials):7d}"
                     f"{f'{v.mean():.1%} ({v.min():.1%}-{v.max():.1%})':>24}"
                     f"{f'{t.mean():.1%} ({t.min():.1%}-{t.max():.1%})':>24}")
    g = [r for r in results if r.method == "grid"]
    q = [r for r in results if r.method == "random"]
    wins = sum(b.val >= a.val for a, b in zip(g, q))
    lines.append(f"random ≥ grid on validation in {wins} of {len(g)} repetitions")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = cli.parser("hyperparameters", __doc__)
    parser.add_argument("--repetitions", type=cli.positive_int, default=20, metavar="R",
                        help="repetitions of the grid/random comparison")
    parser.add_argument("--points", type=cli.integer(2), default=3, metavar="P",
                        help="grid points per hyperparameter; trials = points^2")
    parser.add_argument("--iterations", type=cli.positive_int, default=ITERATIONS, metavar="K",
                        help="gradient-descent iterations per run")
    args = parser.parse_args(argv)
    sp = split()
    print(f"digits: {sp.X_train.shape[1]} training, {sp.X_val.shape[1]} validation, "
          f"{sp.X_test.shape[1]} test images", flush=True)
    sweeps = {"learning_rate": [10 ** e for e in np.arange(-3, 1.01, 0.5)],
              "hidden": [1, 2, 4, 8, 16, 32, 64], "depth": [1, 2, 3, 4, 6]}
    for name, values in sweeps.items():
        s = sweep(sp, name, values, seeds=(0, 1, 2), iterations=args.iterations)
        print(f"\nsweep of {name} (mean over seeds 0-2):", flush=True)
        for v, c, a in zip(s["values"], s["cost"], s["val"]):
            print(f"  {v:<10.4g} final cost {np.nanmean(c) if np.isfinite(c).any() else math.nan:8.4f}"
                  f"   validation {a.mean():.1%}", flush=True)
    results = compare_search(sp, points_per_axis=args.points, repetitions=args.repetitions,
                             iterations=args.iterations)
    print("\n" + search_table(results), flush=True)
    return 0
