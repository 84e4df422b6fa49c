"""Chapter 16: how well a line separates the circles, on the inputs and in a small hidden layer.

A ring around a disc (scikit-learn's ``make_circles`` through :mod:`dlnotes.planar`) cannot be
split by a line. A [2, k, 1] network with tanh hidden units maps each point x to
a = tanh(W[1] x + b[1]) in a k-dimensional hidden space; :func:`linear_accuracy` measures how
well a line (a plane, for k = 3) separates the classes there, by training logistic regression
(:mod:`dlnotes.logistic`) on the hidden activations, and the same on the raw inputs.
With linear hidden units the network is one linear map (:func:`collapse_linear`), so it can do
no better than logistic regression on the inputs.

    python -m dlnotes hidden-space [--seeds N] [--units K ...]
"""
from __future__ import annotations

import numpy as np

from .. import activations, cli, dense, logistic, planar
from .._validate import _got, array, at_least_one_example, choice, labels01, number, positive_int

__all__ = ["load_circles", "train", "hidden_features", "linear_accuracy", "collapse_linear",
           "main"]


def load_circles(seed=0) -> planar.Planar:
    """A ring (class 0, radius 1) around a disc (class 1, radius 0.5), noise 0.1: 300
    training and 200 test points drawn from ``seed``."""
    return planar.load("circles", n_train=300, n_test=200, noise=0.1, seed=seed, factor=0.5)


def train(data, hidden_units=3, hidden="tanh", seed=0, num_iterations=3000, learning_rate=0.05):
    """Train a [2, hidden_units, 1] network (``hidden`` units, sigmoid output, Xavier weights
    drawn from ``seed``) on ``data.X_train`` with Adam, full batch. Returns the parameters."""
    if not isinstance(data, planar.Planar):
        raise TypeError(f"data must be a dlnotes.planar.Planar set (see load_circles), got "
                        f"{_got(data)}")
    hidden_units = positive_int(hidden_units, "hidden_units")
    num_iterations = positive_int(num_iterations, "num_iterations")
    params, _ = dense.fit(data.X_train, data.Y_train, [2, hidden_units, 1], hidden=hidden,
                          init="xavier", optimizer="adam", learning_rate=learning_rate,
                          num_iterations=num_iterations, seed=seed)
    return params


def hidden_features(X, params, hidden="tanh"):
    """The first layer's activations A[1] = g(W[1] X + b[1]), shape (n[1], m), for X (2, m)."""
    choice(hidden, "hidden", activations.NAMES)
    g, _ = activations.get(hidden)
    X = array(X, "X", 2, need="(n[0], m)")
    dense._num_layers(params, X.shape[0])
    W1, b1 = params["W1"], params["b1"]
    return g(dense.linear_forward(X, W1, b1)[0])


def linear_accuracy(F_train, Y_train, F_test, Y_test, num_iterations=3000, learning_rate=1.0):
    """(training accuracy, test accuracy) of logistic regression trained by gradient descent on
    the features F_train (n, m) with labels Y_train (1, m): how well one hyperplane separates the
    classes in the space of these features."""
    F_train = array(F_train, "F_train", 2, need="(n, m)")
    at_least_one_example(F_train, "F_train")
    F_test = array(F_test, "F_test", 2, need="(n, m_test)")
    at_least_one_example(F_test, "F_test")
    if F_test.shape[0] != F_train.shape[0]:
        raise ValueError(f"F_test must have F_train's {F_train.shape[0]} rows (features), got "
                         f"shape {F_test.shape}")
    for name, Y, F in (("Y_train", Y_train, F_train), ("Y_test", Y_test, F_test)):
        Y = array(Y, name, 2, need="(1, m)")
        if Y.shape != (1, F.shape[1]):
            raise ValueError(f"{name} must have shape (1, {F.shape[1]}) to match its features, "
                             f"got shape {Y.shape}")
        labels01(Y, name)
    num_iterations = positive_int(num_iterations, "num_iterations")
    number(learning_rate, "learning_rate", lo=0, lo_open=True)
    w, b, _ = logistic.fit(F_train, Y_train, num_iterations, learning_rate)
    return (logistic.accuracy(logistic.predict(w, b, F_train), Y_train),
            logistic.accuracy(logistic.predict(w, b, F_test), Y_test))


def collapse_linear(params):
    """For a network whose every layer is linear, z[L] = W[L](… (W[1] x + b[1]) …) + b[L]:
    the one map z[L] = W x + b it equals, with W = W[L] ⋯ W[1] and b built up layer by layer
    (b ← W[l] b + b[l]). Returns ``(W, b)``, W (n[L], n[0]) and b (n[L], 1)."""
    L = dense._num_layers(params)
    W, b = params["W1"], params["b1"]
    for l in range(2, L + 1):
        W, b = params[f"W{l}"] @ W, params[f"W{l}"] @ b + params[f"b{l}"]
    return W, b


def main(argv=None) -> int:
    parser = cli.parser("hidden-space", __doc__)
    parser.add_argument("--seeds", type=cli.positive_int, default=5, metavar="N",
                        help="weight seeds 0..N-1 per network")
    parser.add_argument("--units", type=cli.positive_int, nargs="+", default=[1, 2, 3, 4, 8],
                        metavar="K", help="hidden-layer sizes k of the tanh networks")
    args = parser.parse_args(argv)
    data = load_circles()
    raw = linear_accuracy(data.X_train, data.Y_train, data.X_test, data.Y_test)
    print(f"logistic regression on the inputs: train {raw[0]:.1%}, test {raw[1]:.1%}", flush=True)
    print(f"{'network':<18}{'seed':>5}{'net test':>10}{'LR on A[1] train':>18}{'test':>7}",
          flush=True)
    for hidden in ("tanh", "linear"):
        for k in (args.units if hidden == "tanh" else [3]):
            for seed in range(args.seeds):
                params = train(data, k, hidden, seed)
                acc = dense.accuracy(data.X_test, data.Y_test, params, hidden=hidden)
                lin = linear_accuracy(hidden_features(data.X_train, params, hidden), data.Y_train,
                                      hidden_features(data.X_test, params, hidden), data.Y_test)
                print(f"{f'[2, {k}, 1] {hidden}':<18}{seed:5d}{acc:10.1%}{lin[0]:18.1%}"
                      f"{lin[1]:7.1%}", flush=True)
    return 0
