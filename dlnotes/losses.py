"""Cost functions: the loss L(ŷ, y) of one example averaged over the m examples (columns).

All take predictions and labels of shape (classes, m), one column per example, and return a
Python float. Probabilities are clipped to [ε, 1 − ε] with ε = 1e-15 before the logarithm, so
a prediction of exactly 0 or 1 gives a large but finite cost rather than inf or NaN. Costs are
computed in float64 whatever the input's dtype.
"""
from __future__ import annotations

import numpy as np

from ._validate import array, array_dict, at_least_one_example, integer, labels01, number, \
    one_hot, same_shape

__all__ = ["binary_cross_entropy", "categorical_cross_entropy", "softmax_cross_entropy",
           "squared_error", "l2_penalty", "EPS"]

EPS = 1e-15


def _predictions_and_labels(AL, Y, AL_name="AL"):
    AL = array(AL, AL_name, ndim=2)
    Y = array(Y, "Y", ndim=2)
    same_shape(Y, "Y", AL, AL_name)
    at_least_one_example(AL, AL_name)
    return AL, Y


def binary_cross_entropy(AL, Y) -> float:
    """J = −(1/m) Σ_i [ y⁽ⁱ⁾ log a⁽ⁱ⁾ + (1 − y⁽ⁱ⁾) log(1 − a⁽ⁱ⁾) ].

    AL: probabilities ŷ = a[L], shape (1, m), in [0, 1]; Y: labels 0/1, shape (1, m).
    """
    AL, Y = _predictions_and_labels(AL, Y)
    if AL.shape[0] != 1:
        raise ValueError(f"AL must have shape (1, m) for the binary cross-entropy, got shape "
                         f"{AL.shape}")
    labels01(Y)
    if AL.min() < 0 or AL.max() > 1:
        raise ValueError(f"AL must hold probabilities in [0, 1], got values from {AL.min()} to "
                         f"{AL.max()} (shape {AL.shape})")
    # In float64 even for float32 input: 1 − ε would round to 1 in float32.
    P = np.clip(AL.astype(np.float64), EPS, 1 - EPS)
    m = AL.shape[1]
    return float(-(Y * np.log(P) + (1 - Y) * np.log1p(-P)).sum() / m)


def categorical_cross_entropy(AL, Y) -> float:
    """J = −(1/m) Σ_i Σ_k y_k⁽ⁱ⁾ log a_k⁽ⁱ⁾.

    AL: class probabilities, shape (classes, m), each column summing to 1; Y: one-hot labels of
    the same shape.
    """
    AL, Y = _predictions_and_labels(AL, Y)
    _one_hot(Y)
    if AL.min() < 0 or AL.max() > 1:
        raise ValueError(f"AL must hold probabilities in [0, 1], got values from {AL.min()} to "
                         f"{AL.max()} (shape {AL.shape})")
    sums = AL.sum(axis=0)
    tol = 1e-6 if AL.dtype == np.float64 else 1e-4
    if np.abs(sums - 1).max() > tol:
        raise ValueError(f"AL must hold class probabilities, each column summing to 1, got "
                         f"column sums from {sums.min():.6g} to {sums.max():.6g} (shape "
                         f"{AL.shape}); for logits use softmax_cross_entropy")
    return float(-(Y * np.log(np.clip(AL.astype(np.float64), EPS, 1))).sum() / AL.shape[1])


def squared_error(AL, Y) -> float:
    """J = (1/2m) Σ_i Σ_k (a_k⁽ⁱ⁾ − y_k⁽ⁱ⁾)², the cost of a linear output for real targets.

    AL: predictions, shape (n[L], m); Y: targets (any finite numbers), same shape. The ½ makes
    the derivative tidy: ∂J/∂a⁽ⁱ⁾ = (a⁽ⁱ⁾ − y⁽ⁱ⁾)/m. (For one output, 2J is the mean squared
    error.)
    """
    AL, Y = _predictions_and_labels(AL, Y)
    diff = AL.astype(np.float64) - Y
    return float((diff * diff).sum() / (2 * AL.shape[1]))


def _one_hot(Y):
    one_hot(Y, "Y")


def softmax_cross_entropy(Z, Y):
    """Cost and gradient of softmax followed by the categorical cross-entropy, from logits.

    J = −(1/m) Σ_i Σ_k y_k⁽ⁱ⁾ log softmax(z⁽ⁱ⁾)_k, with log softmax(z)_k = z_k − logsumexp(z)
    computed after subtracting the column maximum (no overflow, no log 0).
    Z: logits, shape (classes, m); Y: one-hot labels, same shape.
    Returns ``(cost, dZ)`` with dZ = ∂J/∂Z = (softmax(Z) − Y) / m, shape (classes, m); the 1/m
    of the mean is included. (For examples in rows, pass Z.T and Y.T and transpose dZ back.)
    Any finite logits give a finite gradient; the cost overflows to inf only when a wrong
    class's logit exceeds the true class's by more than about 1.8e308 (the float64 limit).
    """
    Z, Y = _predictions_and_labels(Z, Y, "Z")
    _one_hot(Y)
    m = Z.shape[1]
    with np.errstate(over="ignore"):              # 1e308 - (-1e308) is -inf: e^-inf = 0
        shifted = Z - Z.max(axis=0, keepdims=True)
    log_sum = np.log(np.exp(shifted).sum(axis=0, keepdims=True))
    log_probs = shifted - log_sum
    # Only the true class's log-probability counts; where(...) avoids 0 * (-inf) = NaN.
    cost = float(-np.where(Y == 1, log_probs, 0).sum() / m)
    return cost, (np.exp(log_probs) - Y) / m


def l2_penalty(params, lambd, m) -> float:
    """(λ / 2m) Σ_l ‖W[l]‖²_F over every parameter whose name starts with "W" (biases are not
    penalised). params: dict {"W1": ..., "b1": ...}; lambd: λ ≥ 0; m: number of examples."""
    arrays = array_dict(params, "params", 'a dict of arrays {"W1": ..., "b1": ...}')
    lambd = number(lambd, "lambd", lo=0)
    m = integer(m, "m")
    if lambd == 0:
        return 0.0
    total = sum(float(np.sum(np.square(v))) for k, v in arrays.items() if str(k).startswith("W"))
    return lambd / (2 * m) * total
