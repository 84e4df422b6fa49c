"""Activation functions g(Z) and their backward passes dZ = dA * g'(Z).

Every forward function maps Z of any shape to A = g(Z) of the same shape, element by element
(softmax normalises each column, axis 0: Z is (classes, m)). Every backward function takes the
upstream gradient dA = ∂J/∂A and the pre-activation Z the forward pass saw, and returns
dZ = ∂J/∂Z, of the shape of Z. ``get(name)`` returns the pair ``(forward, backward)``.
"""
from __future__ import annotations

import numpy as np

from ._validate import array, choice, number, same_shape

__all__ = ["sigmoid", "sigmoid_backward", "tanh", "tanh_backward", "relu", "relu_backward",
           "leaky_relu", "leaky_relu_backward", "softmax", "softmax_backward", "linear",
           "linear_backward", "get", "NAMES"]


def _pair(dA, Z):
    Z = array(Z, "Z", finite=False)
    dA = array(dA, "dA", finite=False)
    same_shape(dA, "dA", Z, "Z")
    return dA, Z


def sigmoid(Z):
    """σ(z) = 1 / (1 + e^(−z)), element-wise.

    Computed from e^(−|z|), which never overflows, so |z| up to 1e4 and beyond give 0 or 1
    without a warning: σ(z) = 1/(1 + e^(−z)) for z ≥ 0 and e^z/(1 + e^z) for z < 0.
    """
    Z = array(Z, "Z", finite=False)
    e = np.exp(-np.abs(Z))
    return np.where(Z >= 0, 1, e) / (1 + e)


def sigmoid_backward(dA, Z):
    """dZ = dA · σ(Z)(1 − σ(Z))."""
    dA, Z = _pair(dA, Z)
    s = sigmoid(Z)
    return dA * s * (1 - s)


def tanh(Z):
    """tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z)), element-wise."""
    return np.tanh(array(Z, "Z", finite=False))


def tanh_backward(dA, Z):
    """dZ = dA · (1 − tanh²(Z))."""
    dA, Z = _pair(dA, Z)
    return dA * (1 - np.tanh(Z) ** 2)


def relu(Z):
    """ReLU(z) = max(0, z), element-wise."""
    Z = array(Z, "Z", finite=False)
    return np.maximum(Z, 0)


def _relu_backward(dA, Z):
    # A product: far faster than np.where on large arrays; exact wherever dA is finite.
    return dA * (Z > 0)


def relu_backward(dA, Z):
    """dZ = dA where Z > 0, else 0 (the derivative at exactly 0 is taken as 0, as TensorFlow does)."""
    dA, Z = _pair(dA, Z)
    dZ = _relu_backward(dA, Z)
    if not np.isfinite(dZ).all():        # inf · 0 is NaN: where Z <= 0 the answer is 0
        dZ = np.where(Z > 0, dA, 0).astype(dA.dtype, copy=False)
    return dZ


def _check_alpha(alpha):
    return number(alpha, "alpha", lo=0)


def leaky_relu(Z, alpha=0.01):
    """LeakyReLU(z) = z for z > 0, α·z otherwise, element-wise."""
    alpha = _check_alpha(alpha)
    Z = array(Z, "Z", finite=False)
    return np.where(Z > 0, Z, alpha * Z).astype(Z.dtype, copy=False)


def leaky_relu_backward(dA, Z, alpha=0.01):
    """dZ = dA where Z > 0, α·dA otherwise (α at exactly 0, as TensorFlow does)."""
    alpha = _check_alpha(alpha)
    dA, Z = _pair(dA, Z)
    return np.where(Z > 0, dA, alpha * dA).astype(dA.dtype, copy=False)


def softmax(Z):
    """softmax(Z)_k = e^(Z_k) / Σ_j e^(Z_j), over axis 0 (each column of Z (classes, m) sums to 1).

    The column maximum is subtracted first; that changes nothing mathematically but keeps e^z
    from overflowing. Z must be 2-D; an empty batch (classes, 0) gives an empty result.
    """
    Z = array(Z, "Z", ndim=2, finite=False, need="(classes, m)")
    if Z.shape[0] == 0:
        raise ValueError(f"Z must have at least one class (row), got shape {Z.shape}")
    e = np.exp(Z - Z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def softmax_backward(dA, Z):
    """The full Jacobian-vector product of the column softmax, S = softmax(Z):

    dZ_k = Σ_j dA_j ∂S_j/∂Z_k = S_k (dA_k − Σ_j dA_j S_j), column by column.
    """
    dA, Z = _pair(dA, Z)
    S = softmax(Z)  # checks that Z is 2-D
    return S * (dA - (dA * S).sum(axis=0, keepdims=True))


def linear(Z):
    """The identity g(z) = z (for an output layer with no activation)."""
    return array(Z, "Z", finite=False)


def linear_backward(dA, Z):
    """dZ = dA."""
    dA, Z = _pair(dA, Z)
    return dA


_TABLE = {
    "sigmoid": (sigmoid, sigmoid_backward),
    "tanh": (tanh, tanh_backward),
    "relu": (relu, relu_backward),
    "leaky_relu": (leaky_relu, leaky_relu_backward),
    "softmax": (softmax, softmax_backward),
    "linear": (linear, linear_backward),
}
NAMES = tuple(_TABLE)


def get(name):
    """``(forward, backward)`` for an activation named in :data:`NAMES`; ValueError otherwise."""
    return _TABLE[choice(name, "name", NAMES)]
