"""Per-layer gradient statistics for dense networks (:mod:`dlnotes.dense`).

How fast layer l learns under gradient descent is set by the size of its gradient: the step is
α dW[l] and α db[l]. :func:`layer_gradient_norms` turns a gradient dict {"dW1", "db1", ...} into
the Frobenius norms ‖dW[l]‖ and the Euclidean norms ‖db[l]‖, l = 1..L (in numeric order, so
layer 10 comes after layer 9). :func:`gradient_norms` computes them for the cost on a set of
examples, and :func:`train_recording_norms` trains with mini-batch gradient descent and records
them before training and after chosen epochs: the measurement behind "vanishing gradients".
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from . import activations, dense
from ._validate import _got, array, choice, generator, number, positive_int
from .optim import _gd, check_cost, mini_batches
from .progress import progress_bar

__all__ = ["layer_gradient_norms", "gradient_norms", "GradientHistory", "train_recording_norms"]


def _grad_layers(grads):
    """L, after checking that grads holds dW1, db1, ..., dWL, dbL (finite arrays)."""
    if not isinstance(grads, dict):
        raise TypeError(f"grads must be a dict {{'dW1', 'db1', ...}}, got {_got(grads)}")
    L = len(grads) // 2
    want = {f"d{p}{l}" for l in range(1, L + 1) for p in "Wb"}
    if L < 1 or set(grads) != want:
        raise ValueError(f"grads must have the keys dW1, db1, ..., dWL, dbL, got keys "
                         f"{sorted(map(str, grads))}")
    for key in sorted(grads):
        array(grads[key], f"grads[{key!r}]")
    return L


def _norms(grads, L):
    dW = np.array([np.linalg.norm(grads[f"dW{l}"]) for l in range(1, L + 1)])
    db = np.array([np.linalg.norm(grads[f"db{l}"]) for l in range(1, L + 1)])
    return dW, db


def layer_gradient_norms(grads):
    """``(dW_norms, db_norms)``, two float arrays of shape (L,): entry l − 1 holds

    ‖dW[l]‖_F = √(Σ_jk dW[l]_jk²) and ‖db[l]‖ = √(Σ_j db[l]_j²), for l = 1..L.

    grads: {"dW1", "db1", ..., "dWL", "dbL"} as :func:`dlnotes.dense.model_backward` returns.
    """
    return _norms(grads, _grad_layers(grads))


def gradient_norms(X, Y, params, hidden="relu", output="sigmoid"):
    """:func:`layer_gradient_norms` of the gradient of the cost J on X (n[0], m), Y (n[L], m)
    (0/1 labels for a sigmoid output, one-hot for softmax), at the parameters ``params``."""
    AL, caches = dense.model_forward(X, params, hidden, output)
    return _norms(dense.model_backward(AL, Y, caches), len(caches))


class GradientHistory(NamedTuple):
    """What :func:`train_recording_norms` recorded: ``epochs`` (k,) the epoch of each record
    (0 = before training), ``dW`` and ``db`` (k, L) the norms of layer l in column l − 1,
    ``costs`` (k,) the cost J on the probe set, and the trained ``params``."""
    epochs: np.ndarray
    dW: np.ndarray
    db: np.ndarray
    costs: np.ndarray
    params: dict


def train_recording_norms(X, Y, layer_dims, *, hidden="relu", output="sigmoid",
                          init="sqrt_fan_in", learning_rate=0.1, epochs=5, batch_size=32,
                          record_epochs=None, probe=None, seed=0, progress=None):
    """Train a dense network with mini-batch gradient descent and record the per-layer
    gradient norms of the cost on the probe set, before training and after chosen epochs.

    X (n[0], m), Y (n[L], m) as for :func:`dlnotes.dense.fit`; ``init`` an
    :func:`dlnotes.dense.init_params` method. ``seed`` (int or Generator) draws the weights,
    then the mini-batch orders. ``record_epochs``: the epochs after which to record (default
    every epoch); epoch 0, the initialisation, is always recorded. ``probe``: the number of
    examples (the first ``probe`` columns of X) on which the gradients and cost are measured
    (default all m). Returns a :class:`GradientHistory`.
    """
    choice(hidden, "hidden", activations.NAMES)
    choice(output, "output", ("sigmoid", "softmax"))
    choice(init, "init", dense.INIT_METHODS)
    X, Y, dims = dense._training_data(X, Y, layer_dims, output)
    m = X.shape[1]
    learning_rate = number(learning_rate, "learning_rate", lo=0, lo_open=True)
    epochs = positive_int(epochs, "epochs")
    batch_size = positive_int(batch_size, "batch_size")
    if record_epochs is None:
        record = set(range(1, epochs + 1))
    else:
        if isinstance(record_epochs, (str, bytes)) or not np.iterable(record_epochs):
            raise TypeError(f"record_epochs must be a list of epochs 1..{epochs}, got "
                            f"{_got(record_epochs)}")
        record = {positive_int(k, "record_epochs") for k in record_epochs}
        if max(record, default=0) > epochs:
            raise ValueError(f"record_epochs must lie in 1..epochs = 1..{epochs}, got "
                             f"{sorted(record)}")
    probe = m if probe is None else positive_int(probe, "probe")
    if probe > m:
        raise ValueError(f"probe must be at most the {m} examples of X, got {probe}")

    rng = generator(seed)
    params = dense.init_params(dims, init, rng, dtype=X.dtype)
    L = len(dims) - 1
    Xp, Yp = X[:, :probe], Y[:, :probe]
    rows = []

    def measure(k):
        AL, caches = dense._forward(Xp, params, L, hidden, output)
        cost = dense.compute_cost(AL, Yp) if np.isfinite(AL).all() else float("nan")
        check_cost(cost, k, learning_rate)
        dW, db = _norms(dense._backward(AL, Yp, caches, 0.0), L)
        rows.append((k, dW, db, cost))

    measure(0)
    for epoch in progress_bar(range(1, epochs + 1), progress, "gradients"):
        for idx in mini_batches(m, batch_size, rng):
            AL, caches = dense._forward(X[:, idx], params, L, hidden, output)
            _gd(params, dense._backward(AL, Y[:, idx], caches, 0.0), learning_rate)
        if epoch in record:
            measure(epoch)
    return GradientHistory(np.array([r[0] for r in rows]), np.array([r[1] for r in rows]),
                           np.array([r[2] for r in rows]), np.array([r[3] for r in rows]),
                           params)
