"""Numerical gradient checking with centred differences.

∂J/∂θ_i ≈ (J(θ + ε e_i) − J(θ − ε e_i)) / (2ε), whose error is O(ε²) (a one-sided difference
is only O(ε)). The verdict is the relative difference

    ‖g − g_num‖ / (‖g‖ + ‖g_num‖),

about 1e-7 or less for a correct gradient in float64, around 1e-3 or more for a wrong one.
Everything is computed in float64: in float32 the perturbation ε = 1e-7 would be lost in rounding.
"""
from __future__ import annotations

import numpy as np

from ._validate import _got, array, array_dict, function, mapping, number

__all__ = ["numerical_gradient", "numerical_gradients", "relative_difference", "gradient_check"]


def _epsilon(epsilon):
    return number(epsilon, "epsilon", lo=0, lo_open=True)


def _scalar(value, name="f"):
    try:
        return float(value)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must return a number (the cost), got {_got(value)}") from None


def numerical_gradient(f, x, epsilon=1e-7):
    """Centred-difference gradient of the scalar function f at the array x (any shape).

    f is called with a float64 copy of x, perturbed one entry at a time; returns an array
    of x's shape.
    """
    epsilon = _epsilon(epsilon)
    function(f, "f")
    x = array(x, "x").astype(np.float64)  # always a fresh float64 copy
    grad = np.zeros_like(x)
    flat, g = x.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        saved = flat[i]
        flat[i] = saved + epsilon
        plus = _scalar(f(x))
        flat[i] = saved - epsilon
        minus = _scalar(f(x))
        flat[i] = saved
        g[i] = (plus - minus) / (2 * epsilon)
    return grad


def numerical_gradients(f, params, epsilon=1e-7):
    """Centred-difference gradients of f(params) for every array in the dict ``params``,
    keyed "d" + name like analytic gradients. f receives a dict of float64 copies."""
    epsilon = _epsilon(epsilon)
    function(f, "f")
    copies = {k: v.astype(np.float64) for k, v in array_dict(params, "params").items()}
    out = {}
    for name in copies:
        def f_one(value, name=name):
            copies[name] = value
            return f(copies)
        original = copies[name]
        out["d" + name] = numerical_gradient(f_one, original, epsilon)
        copies[name] = original
    return out


def relative_difference(g, g_num) -> float:
    """‖g − g_num‖ / (‖g‖ + ‖g_num‖) (0 when both are zero). g and g_num must have one shape."""
    g, g_num = array(g, "g"), array(g_num, "g_num")
    if g.shape != g_num.shape:
        raise ValueError(f"g_num must have the shape of g, {g.shape}, got shape {g_num.shape}")
    g, g_num = np.ravel(g).astype(np.float64), np.ravel(g_num).astype(np.float64)
    denom = np.linalg.norm(g) + np.linalg.norm(g_num)
    return 0.0 if denom == 0 else float(np.linalg.norm(g - g_num) / denom)


def gradient_check(f, params, grads, epsilon=1e-7) -> float:
    """Relative difference between the analytic ``grads`` {"dW1", ...} and centred differences
    of the cost f(params) over every parameter in ``params``, all stacked into one vector."""
    _epsilon(epsilon)
    function(f, "f")
    params_a = array_dict(params, "params")
    mapping(grads, "grads", 'a dict of gradients {"d" + name: array}')
    missing = [k for k in params if "d" + k not in grads]
    if missing:
        raise ValueError(f"grads must have the keys {['d' + k for k in missing]}, got keys "
                         f"{sorted(grads)}")
    for k in params:
        g = array(grads["d" + k], f"grads['d{k}']")
        if g.shape != params_a[k].shape:
            raise ValueError(f"grads['d{k}'] must have the shape of params[{k!r}], "
                             f"{params_a[k].shape}, got shape {g.shape}")
    numeric = numerical_gradients(f, params, epsilon)
    keys = list(params)
    g = np.concatenate([np.ravel(grads["d" + k]) for k in keys])
    g_num = np.concatenate([np.ravel(numeric["d" + k]) for k in keys])
    return relative_difference(g, g_num)
