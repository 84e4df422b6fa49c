"""Optimisers, generic over any dict of parameter arrays.

``params`` maps names to arrays ({"W1", "b1", ...} for a dense network, anything for a CNN);
``grads`` holds the gradient of the cost for each, keyed "d" + name ({"dW1", "db1", ...}).
The updates change ``params`` in place and also return it. ``mini_batches`` shuffles example
indices only, so callers slice along whichever axis holds their examples.
"""
from __future__ import annotations

import numpy as np

from ._validate import generator, positive_int

__all__ = ["gd_update", "momentum_init", "momentum_update", "adam_init", "adam_update",
           "mini_batches", "DivergedError", "check_cost"]


class DivergedError(FloatingPointError):
    """The cost became NaN or infinite during training (usually: the learning rate is too large)."""


def check_cost(cost, step, learning_rate):
    """Raise :class:`DivergedError` if ``cost`` is NaN or inf, suggesting a smaller learning rate."""
    if not np.isfinite(cost):
        raise DivergedError(
            f"the cost became {cost} at step {step} with learning_rate={learning_rate}: training "
            f"diverged. Try a smaller learning rate (e.g. {learning_rate / 10:g}).")


def _grad(params, grads, name):
    key = "d" + name
    if key not in grads:
        raise ValueError(f"grads has no {key!r} for parameter {name!r}; "
                         f"grads has keys {sorted(grads)}")
    g = grads[key]
    if np.shape(g) != np.shape(params[name]):
        raise ValueError(f"grads[{key!r}] has shape {np.shape(g)} but params[{name!r}] has shape "
                         f"{np.shape(params[name])}; they must match")
    return g


def _rate(learning_rate):
    if not np.isfinite(learning_rate) or learning_rate <= 0:
        raise ValueError(f"learning_rate must be a finite number > 0, got {learning_rate!r}")


def gd_update(params, grads, learning_rate):
    """Gradient descent: θ ← θ − α dθ for every parameter θ."""
    _rate(learning_rate)
    for name in params:
        params[name] -= learning_rate * _grad(params, grads, name)
    return params


def momentum_init(params):
    """Velocities v_dθ = 0, one per parameter, keyed "d" + name like the gradients."""
    return {"v": {"d" + k: np.zeros_like(v) for k, v in params.items()}}


def momentum_update(params, grads, state, learning_rate, beta=0.9):
    """Gradient descent with momentum (an exponentially weighted average of the gradients):

    v_dθ ← β v_dθ + (1 − β) dθ,   θ ← θ − α v_dθ.
    """
    _rate(learning_rate)
    if not 0 <= beta < 1:
        raise ValueError(f"beta must be in [0, 1), got {beta!r}")
    for name in params:
        g = _grad(params, grads, name)
        v = state["v"]["d" + name]
        v *= beta
        v += (1 - beta) * g
        params[name] -= learning_rate * v
    return params


def adam_init(params):
    """Adam's state: step count t = 0 and first/second moments m, v = 0 for every parameter."""
    zeros = {"d" + k: np.zeros_like(v) for k, v in params.items()}
    return {"t": 0, "m": zeros, "v": {k: np.zeros_like(v) for k, v in zeros.items()}}


def adam_update(params, grads, state, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8):
    """Adam (Kingma and Ba, 2015), with bias correction. With t counting the updates:

    m ← β₁ m + (1 − β₁) dθ,   v ← β₂ v + (1 − β₂) dθ²,
    m̂ = m / (1 − β₁ᵗ),   v̂ = v / (1 − β₂ᵗ),   θ ← θ − α m̂ / (√v̂ + ε).
    """
    _rate(learning_rate)
    if not (0 <= beta1 < 1 and 0 <= beta2 < 1) or not epsilon > 0:
        raise ValueError(f"need 0 <= beta1, beta2 < 1 and epsilon > 0; got beta1={beta1!r}, "
                         f"beta2={beta2!r}, epsilon={epsilon!r}")
    state["t"] += 1
    t = state["t"]
    c1, c2 = 1 - beta1 ** t, 1 - beta2 ** t
    for name in params:
        g = _grad(params, grads, name)
        m, v = state["m"]["d" + name], state["v"]["d" + name]
        m *= beta1
        m += (1 - beta1) * g
        v *= beta2
        v += (1 - beta2) * np.square(g)
        params[name] -= learning_rate * (m / c1) / (np.sqrt(v / c2) + epsilon)
    return params


def mini_batches(m, batch_size, rng):
    """Shuffle the example indices 0..m−1 and cut them into batches of ``batch_size``.

    Returns a list of index arrays; the last one is smaller when batch_size does not divide m.
    ``rng``: a seed or numpy Generator (a Generator advances, so each epoch gets a new order).
    """
    m = positive_int(m, "m")
    batch_size = positive_int(batch_size, "batch_size")
    order = generator(rng).permutation(m)
    return [order[k:k + batch_size] for k in range(0, m, batch_size)]
