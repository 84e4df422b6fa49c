"""Chapter 18: the course's initialisation experiment, and activations layer by layer.

A [2, 10, 5, 1] network (ReLU, ReLU, sigmoid) on scikit-learn's ``make_circles`` (noise 0.05,
the default radius ratio 0.8; 300 training and 100 test points), full-batch gradient descent
with learning rate 0.01 for 15,000 iterations, with the weights drawn three ways: zeros,
N(0, 1) × 10 and He. :data:`PUBLISHED` holds the course's reported accuracies.

    python -m dlnotes init [--seeds N] [--iterations K]
"""
from __future__ import annotations

import time
from typing import NamedTuple

import numpy as np

from .. import activations, cli, dense, init, planar
from .._validate import _got, generator, positive_int

__all__ = ["LAYERS", "METHODS", "PUBLISHED", "SOURCE", "SAITO_PUBLISHED", "SAITO_SOURCE", "load_circles", "InitResult", "run",
           "published_table", "layer_activations", "main"]

LAYERS = [2, 10, 5, 1]
METHODS = ("zeros", "large", "he")
# deeplearning.ai, "Improving Deep Neural Networks", week 1, the initialisation exercise, as
# published in its public copies (see the references page's "Deeper networks" section).
SOURCE = ("deeplearning.ai, Improving Deep Neural Networks (course 2), week 1, "
          "initialisation exercise")
PUBLISHED = {
    "zeros": {"train": 0.50, "test": 0.50, "remark": "the cost stays at 0.693"},
    "large": {"train": 0.83, "test": 0.86, "remark": "the first cost is infinite (log 0)"},
    "he": {"train": 0.993, "test": 0.96, "remark": ""},
}
# Saito, "Deep Learning from Scratch", the weight-initialisation comparison of its repository's
# scripts: a 5-layer, 100-unit ReLU network on MNIST, training loss after 1,900 iterations.
SAITO_SOURCE = ("Saito, Deep Learning from Scratch (2016), weight-initialisation comparison, "
                "5-layer 100-unit ReLU network on MNIST")
SAITO_PUBLISHED = {"small": 2.30, "xavier": 0.38, "he": 0.29}
LABELS = {"zeros": "zeros", "large": "N(0, 1) × 10", "he": "He"}


def load_circles(seed=1) -> planar.Planar:
    """The circles of the course's set-up: 300 training and 100 test points, noise 0.05,
    radius ratio 0.8 (scikit-learn's default), drawn from ``seed``."""
    return planar.load("circles", n_train=300, n_test=100, noise=0.05, seed=seed, factor=0.8)


class InitResult(NamedTuple):
    """One run: ``costs`` {iteration: cost} as :func:`dlnotes.dense.fit` records them,
    accuracies as fractions, wall-clock ``seconds`` and the trained ``params``."""
    method: str
    seed: int
    costs: dict
    train_accuracy: float
    test_accuracy: float
    seconds: float
    params: dict


def run(method="he", seed=0, data=None, num_iterations=15000, learning_rate=0.01,
        record_every=1000, progress=None) -> InitResult:
    """Train the [2, 10, 5, 1] network with weights drawn by ``method`` (an
    :mod:`dlnotes.init` name) from ``seed``, on ``data`` (default :func:`load_circles`)."""
    init.get(method)
    generator(seed)
    if data is not None and not isinstance(data, planar.Planar):
        raise TypeError(f"data must be a dlnotes.planar.Planar set (see load_circles) or None, "
                        f"got {_got(data)}")
    positive_int(num_iterations, "num_iterations")
    positive_int(record_every, "record_every")
    d = load_circles() if data is None else data
    start = time.perf_counter()
    params, costs = dense.fit(d.X_train, d.Y_train, LAYERS, init=method, seed=seed,
                              learning_rate=learning_rate, num_iterations=num_iterations,
                              record_every=record_every, progress=progress)
    seconds = time.perf_counter() - start
    return InitResult(method, seed, costs, dense.accuracy(d.X_train, d.Y_train, params),
                      dense.accuracy(d.X_test, d.Y_test, params), seconds, params)


def published_table() -> str:
    """The course's published accuracies as a small text table, with the source."""
    lines = [f"{'initialisation':<15}{'train':>7}{'test':>7}  remark"]
    for method, row in PUBLISHED.items():
        lines.append(f"{LABELS[method]:<15}{row['train']:7.1%}{row['test']:7.0%}  {row['remark']}")
    return "\n".join(lines + [f"source: {SOURCE}"])


def layer_activations(X, params, hidden="relu"):
    """The activations A[1], ..., A[L] of a forward pass of X through ``params``, every layer
    using ``hidden`` (no separate output layer: this looks at a stack of hidden layers).

    X (n[0], m); returns a list of L arrays, A[l] of shape (n[l], m).
    """
    _, caches = dense.model_forward(X, params, hidden=hidden, output=hidden)
    g, _ = activations.get(hidden)
    return [g(Z) for _, Z, _ in caches]


def main(argv=None) -> int:
    parser = cli.parser("init", __doc__)
    parser.add_argument("--seeds", type=cli.positive_int, default=5, metavar="N",
                        help="train each random initialisation with weight seeds 0..N-1 "
                             "(zeros draws nothing and runs once)")
    parser.add_argument("--iterations", type=cli.positive_int, default=15000, metavar="K",
                        help="full-batch gradient-descent iterations (the course's number)")
    args = parser.parse_args(argv)
    seeds = range(args.seeds)
    data = load_circles()
    print(f"{'initialisation':<15}{'seed':>5}{'first cost':>11}{'last cost':>10}{'train':>8}"
          f"{'test':>7}{'seconds':>9}")
    for method in METHODS:
        for seed in (seeds if method != "zeros" else [0]):
            r = run(method, seed, data, args.iterations)
            print(f"{LABELS[method]:<15}{seed:5d}{r.costs[0]:11.4f}{r.costs[max(r.costs)]:10.4f}"
                  f"{r.train_accuracy:8.1%}{r.test_accuracy:7.1%}{r.seconds:9.1f}")
    print("\npublished:\n" + published_table())
    return 0
