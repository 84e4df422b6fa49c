"""Optimisers, generic over any dict of parameter arrays.

``params`` maps names to arrays ({"W1", "b1", ...} for a dense network, anything for a CNN);
``grads`` holds the gradient of the cost for each, keyed "d" + name ({"dW1", "db1", ...}).
The updates change ``params`` in place and also return it. ``mini_batches`` shuffles example
indices only, so callers slice along whichever axis holds their examples.
"""
from __future__ import annotations

import numbers

import numpy as np

from ._validate import _got, array, generator, integer, mapping, number, positive_int

__all__ = ["gd_update", "momentum_init", "momentum_update", "adam_init", "adam_update",
           "mini_batches", "DivergedError", "check_cost"]


class DivergedError(FloatingPointError):
    """The cost became NaN or infinite during training (usually: the learning rate is too large)."""


def check_cost(cost, step, learning_rate):
    """Raise :class:`DivergedError` if ``cost`` is NaN or inf, suggesting a smaller learning rate."""
    if isinstance(cost, (bool, np.bool_)) or not (
            isinstance(cost, numbers.Real) or (isinstance(cost, np.ndarray) and cost.ndim == 0
                                               and cost.dtype.kind in "iuf")):
        raise TypeError(f"cost must be a number (NaN and inf included), got {_got(cost)}")
    integer(step, "step", 0)
    number(learning_rate, "learning_rate", lo=0, lo_open=True)
    if not np.isfinite(cost):
        raise DivergedError(
            f"the cost became {cost} at step {step} with learning_rate={learning_rate}: training "
            f"diverged. Try a smaller learning rate (e.g. {learning_rate / 10:g}).")


def _check(params, grads, learning_rate):
    """Check everything an update reads, before anything is changed."""
    number(learning_rate, "learning_rate", lo=0, lo_open=True)
    mapping(params, "params", "a dict of NumPy arrays {name: array}")
    mapping(grads, "grads", 'a dict of gradients {"d" + name: array}')
    for name, p in params.items():
        if not isinstance(p, np.ndarray) or p.dtype.kind != "f":
            raise TypeError(f"params[{name!r}] must be a floating-point NumPy array (it is "
                            f"updated in place), got {_got(p)}")
        key = "d" + name
        if key not in grads:
            raise ValueError(f"grads must have a key {key!r} for params[{name!r}], got keys "
                             f"{sorted(grads)}")
        g = array(grads[key], f"grads[{key!r}]")
        if g.shape != p.shape:
            raise ValueError(f"grads[{key!r}] must have the shape of params[{name!r}], "
                             f"{p.shape}, got shape {g.shape}")


def _check_moments(state, params, key, name):
    moments = state.get(key)
    if not isinstance(moments, dict):
        raise ValueError(f"{name} must hold a dict {key!r} of arrays, one per parameter, got "
                         f"{_got(moments)}")
    for p_name, p in params.items():
        k = "d" + p_name
        v = moments.get(k)
        if not isinstance(v, np.ndarray) or v.shape != p.shape or v.dtype.kind != "f":
            raise ValueError(f"{name}[{key!r}][{k!r}] must be a floating-point array of shape "
                             f"{p.shape} (like params[{p_name!r}]), got {_got(v)}")


def _gd(params, grads, learning_rate):
    for name in params:
        params[name] -= learning_rate * grads["d" + name]
    return params


def gd_update(params, grads, learning_rate):
    """Gradient descent: θ ← θ − α dθ for every parameter θ.

    Every gradient is checked (present, of the parameter's shape, finite) before any parameter
    changes."""
    _check(params, grads, learning_rate)
    return _gd(params, grads, float(learning_rate))


def momentum_init(params):
    """Velocities v_dθ = 0, one per parameter, keyed "d" + name like the gradients."""
    mapping(params, "params", "a dict of arrays {name: array}")
    return {"v": {"d" + k: np.zeros_like(array(v, f"params[{k!r}]")) for k, v in params.items()}}


def _momentum(params, grads, state, learning_rate, beta):
    for name in params:
        v = state["v"]["d" + name]
        v *= beta
        v += (1 - beta) * grads["d" + name]
        params[name] -= learning_rate * v
    return params


def momentum_update(params, grads, state, learning_rate, beta=0.9):
    """Gradient descent with momentum (an exponentially weighted average of the gradients):

    v_dθ ← β v_dθ + (1 − β) dθ,   θ ← θ − α v_dθ.

    ``state`` is what :func:`momentum_init` returns; everything is checked before anything
    changes.
    """
    _check(params, grads, learning_rate)
    beta = number(beta, "beta", lo=0, hi=1, hi_open=True)
    mapping(state, "state", "momentum's state {'v': ...} from momentum_init")
    if set(state) != {"v"}:
        hint = " (that is Adam's state: use adam_update)" if "t" in state else ""
        raise ValueError(f"state must be momentum's state {{'v': ...}} from momentum_init, got "
                         f"a dict with keys {sorted(state)}{hint}")
    _check_moments(state, params, "v", "state")
    return _momentum(params, grads, state, float(learning_rate), beta)


def adam_init(params):
    """Adam's state: step count t = 0 and first/second moments m, v = 0 for every parameter."""
    mapping(params, "params", "a dict of arrays {name: array}")
    zeros = {"d" + k: np.zeros_like(array(v, f"params[{k!r}]")) for k, v in params.items()}
    return {"t": 0, "m": zeros, "v": {k: np.zeros_like(v) for k, v in zeros.items()}}


def _adam(params, grads, state, learning_rate, beta1, beta2, epsilon):
    state["t"] += 1
    t = state["t"]
    c1, c2 = 1 - beta1 ** t, 1 - beta2 ** t
    for name in params:
        g = grads["d" + name]
        m, v = state["m"]["d" + name], state["v"]["d" + name]
        m *= beta1
        m += (1 - beta1) * g
        v *= beta2
        v += (1 - beta2) * np.square(g)
        params[name] -= learning_rate * (m / c1) / (np.sqrt(v / c2) + epsilon)
    return params


def adam_update(params, grads, state, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8):
    """Adam (Kingma and Ba, 2015), with bias correction. With t counting the updates:

    m ← β₁ m + (1 − β₁) dθ,   v ← β₂ v + (1 − β₂) dθ²,
    m̂ = m / (1 − β₁ᵗ),   v̂ = v / (1 − β₂ᵗ),   θ ← θ − α m̂ / (√v̂ + ε).

    ``state`` is what :func:`adam_init` returns; everything is checked before anything changes.
    """
    _check(params, grads, learning_rate)
    beta1 = number(beta1, "beta1", lo=0, hi=1, hi_open=True)
    beta2 = number(beta2, "beta2", lo=0, hi=1, hi_open=True)
    epsilon = number(epsilon, "epsilon", lo=0, lo_open=True)
    mapping(state, "state", "Adam's state {'t', 'm', 'v'} from adam_init")
    if set(state) != {"t", "m", "v"}:
        raise ValueError(f"state must be Adam's state {{'t', 'm', 'v'}} from adam_init, got a "
                         f"dict with keys {sorted(state)}")
    integer(state["t"], "state['t']", 0)
    _check_moments(state, params, "m", "state")
    _check_moments(state, params, "v", "state")
    return _adam(params, grads, state, float(learning_rate), beta1, beta2, epsilon)


def mini_batches(m, batch_size, rng):
    """Shuffle the example indices 0..m−1 and cut them into batches of ``batch_size``.

    Returns a list of index arrays; the last one is smaller when batch_size does not divide m.
    ``rng``: a seed or numpy Generator (a Generator advances, so each epoch gets a new order).
    """
    m = positive_int(m, "m")
    batch_size = positive_int(batch_size, "batch_size")
    order = generator(rng, "rng").permutation(m)
    return [order[k:k + batch_size] for k in range(0, m, batch_size)]
