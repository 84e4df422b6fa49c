"""Logistic regression as a one-neuron network: ŷ = σ(wᵀx + b).

Shapes: X (n_x, m), one example per column; Y (1, m) of 0/1 labels; w (n_x, 1); b a float.

Cost traces are dicts ``{i: J}`` where J is the cost of the parameters after i updates (so
``costs[0]`` is the cost at the start). Like the course, the cost is recorded every
``record_every`` iterations, *before* that iteration's update (iterations 0, 100, ..., 1900 for
2000 iterations); one more entry, ``costs[num_iterations]``, is the cost after all the updates.
"""
from __future__ import annotations

import numpy as np

from . import losses
from ._validate import array, at_least_one_example, integer, labels01, number, positive_int, \
    same_shape
from .activations import sigmoid
from .optim import check_cost
from .progress import progress_bar

__all__ = ["initialize_with_zeros", "propagate", "optimize", "fit", "predict", "accuracy"]


def initialize_with_zeros(n_x):
    """w = 0 of shape (n_x, 1) and b = 0.0 (zeros are fine here: one neuron has no symmetry)."""
    n_x = positive_int(n_x, "n_x")
    return np.zeros((n_x, 1)), 0.0


def _check_wb(w, b, X):
    w = array(w, "w", ndim=2, need="(n_x, 1)")
    if w.shape != (X.shape[0], 1):
        raise ValueError(f"w must have shape (n_x, 1) = ({X.shape[0]}, 1) to match X of shape "
                         f"{X.shape} (n_x, m), got shape {w.shape}")
    return w, number(b, "b")


def _check_xy(X, Y):
    X = array(X, "X", ndim=2, need="(n_x, m)")
    at_least_one_example(X, "X")
    Y = array(Y, "Y", ndim=2, need="(1, m)")
    if Y.shape != (1, X.shape[1]):
        raise ValueError(f"Y must have shape (1, m) = (1, {X.shape[1]}), one label per column "
                         f"of X (shape {X.shape}), got shape {Y.shape}")
    labels01(Y)
    return X, Y


def _cost(A, Y):
    # A diverging run shows up as NaN in A; report it as divergence, not as bad input.
    return losses.binary_cross_entropy(A, Y) if np.isfinite(A).all() else float("nan")


def _propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)                      # (1, m)
    cost = _cost(A, Y)
    dZ = A - Y                                    # ∂L/∂z for sigmoid + cross-entropy
    return {"dw": X @ dZ.T / m, "db": float(dZ.sum() / m)}, cost


def propagate(w, b, X, Y):
    """One forward and backward pass.

    A = σ(wᵀX + b),  J = −(1/m) Σ [y log a + (1 − y) log(1 − a)],
    dw = (1/m) X (A − Y)ᵀ  (n_x, 1),   db = (1/m) Σ (A − Y)  (float).
    Returns ``({"dw": dw, "db": db}, J)``.
    """
    X, Y = _check_xy(X, Y)
    w, b = _check_wb(w, b, X)
    return _propagate(w, b, X, Y)


def optimize(w, b, X, Y, num_iterations=2000, learning_rate=0.005, record_every=100,
             print_every=None, progress=None):
    """Gradient descent: w ← w − α dw, b ← b − α db, ``num_iterations`` times.

    Returns ``(params, grads, costs)``: params {"w", "b"} after the last update, grads of the
    last iteration, and the cost trace described in the module docstring. ``print_every``
    prints the cost every that many iterations; ``progress`` shows a bar (None: only in a
    terminal).
    """
    X, Y = _check_xy(X, Y)
    w, b = _check_wb(w, b, X)
    w = w.copy()
    num_iterations = positive_int(num_iterations, "num_iterations")
    record_every = positive_int(record_every, "record_every")
    learning_rate = number(learning_rate, "learning_rate", lo=0, lo_open=True)
    if print_every is not None:
        print_every = positive_int(print_every, "print_every")
    costs = {}
    for i in progress_bar(range(num_iterations), progress, "logistic"):
        grads, cost = _propagate(w, b, X, Y)
        check_cost(cost, i, learning_rate)
        if i % record_every == 0:
            costs[i] = cost
        if print_every and i % print_every == 0:
            print(f"cost after iteration {i}: {cost:.6f}")
        w -= learning_rate * grads["dw"]
        b -= learning_rate * grads["db"]
    final = _cost(sigmoid(w.T @ X + b), Y)
    check_cost(final, num_iterations, learning_rate)
    costs[num_iterations] = final
    return {"w": w, "b": b}, grads, costs


def predict(w, b, X):
    """Labels ŷ = 1 where σ(wᵀx + b) > 0.5, else 0: an int64 array of shape (1, m)."""
    X = array(X, "X", ndim=2, need="(n_x, m)")
    w, b = _check_wb(w, b, X)
    return (sigmoid(w.T @ X + b) > 0.5).astype(np.int64)


def accuracy(Y_hat, Y) -> float:
    """Fraction of predictions equal to the labels, both of shape (1, m) with 0/1 entries."""
    Y_hat, Y = array(Y_hat, "Y_hat"), array(Y, "Y")
    same_shape(Y_hat, "Y_hat", Y, "Y")
    if Y.size == 0:
        raise ValueError(f"Y must hold at least one label (m >= 1), got shape {Y.shape}")
    labels01(Y_hat, "Y_hat")
    labels01(Y, "Y")
    return float(np.mean(Y_hat == Y))


def fit(X, Y, num_iterations=2000, learning_rate=0.005, record_every=100, print_every=None,
        progress=None):
    """Train logistic regression from zero weights by gradient descent.

    X (n_x, m), Y (1, m). Returns ``(w, b, costs)``: w of shape (n_x, 1), b a float, and the
    cost trace ``{iteration: cost}`` (see the module docstring; ``costs[num_iterations]`` is the
    cost after the last update).
    """
    X, Y = _check_xy(X, Y)
    num_iterations = positive_int(num_iterations, "num_iterations")
    w, b = initialize_with_zeros(X.shape[0])
    params, _, costs = optimize(w, b, X, Y, num_iterations, learning_rate, record_every,
                                print_every, progress)
    return params["w"], params["b"], costs
