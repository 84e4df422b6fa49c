"""Inverted dropout for dense networks.

While training, each hidden unit is kept with probability p = ``keep_prob`` and silenced
otherwise, independently for every unit and every example: a mask D of A's shape with entries
D_ij ~ Bernoulli(p), and

    out = A * D / p,          so that  E[out] = A,

which is why nothing needs rescaling at test time (the "inverted" part). The backward pass uses
the same mask: dA = dout * D / p. :func:`model_forward` and :func:`model_backward` apply it after
every hidden layer of a :mod:`dlnotes.dense` network (never to the inputs or the output).
"""
from __future__ import annotations

import numpy as np

from . import activations, dense
from ._validate import _got, array, choice, generator, number, sequence

__all__ = ["dropout_forward", "dropout_backward", "model_forward", "model_backward"]


def _keep_prob(keep_prob, name="keep_prob"):
    """A keep probability in (0, 1] as a float (a NumPy scalar or 0-d array is fine); a TypeError
    for what is not a number at all, a ValueError for a number out of range."""
    if isinstance(keep_prob, (bool, np.bool_)) or not (
            isinstance(keep_prob, (int, float, np.integer, np.floating))
            or (isinstance(keep_prob, np.ndarray) and keep_prob.ndim == 0)):
        raise TypeError(f"{name} must be a number in (0, 1], got {_got(keep_prob)}")
    return number(keep_prob, name, lo=0, hi=1, lo_open=True)


def _dropout_cache(cache, name="cache"):
    """The (D, keep_prob) cache of dropout_forward, checked."""
    D, keep_prob = sequence(cache, name, 2, "the (D, keep_prob) cache of dropout_forward")
    if not isinstance(D, np.ndarray) or D.dtype != bool:
        raise TypeError(f"{name}[0] (D) must be the boolean mask of dropout_forward, got "
                        f"{_got(D)}")
    return D, _keep_prob(keep_prob, f"{name}[1] (keep_prob)")


def dropout_forward(A, keep_prob, rng):
    """out = A * D / keep_prob with D ~ Bernoulli(keep_prob) drawn from ``rng`` (a Generator,
    or an int seed: the same seed gives the same mask). A any shape, out the same shape and
    dtype. Returns ``(out, cache)`` with cache = (D, keep_prob), D a boolean mask."""
    A = array(A, "A")
    keep_prob = _keep_prob(keep_prob)
    D = generator(rng, "rng").random(A.shape) < keep_prob
    return A * D / keep_prob, (D, keep_prob)


def dropout_backward(dout, cache):
    """dA = dout * D / keep_prob with the mask D of the forward pass (cache = (D, keep_prob))."""
    D, keep_prob = _dropout_cache(cache)
    dout = array(dout, "dout")
    if dout.shape != D.shape:
        raise ValueError(f"dout has shape {dout.shape} but the forward pass's mask has shape "
                         f"{D.shape}; they must match")
    return dout * D / keep_prob


def _per_layer(keep_prob, hidden_layers):
    if isinstance(keep_prob, (str, bytes, dict, set)) or np.ndim(keep_prob) == 0:
        return [_keep_prob(keep_prob)] * hidden_layers
    if np.ndim(keep_prob) != 1:
        raise ValueError(f"keep_prob must be one number or a sequence of one per hidden layer, "
                         f"got {_got(keep_prob)}")
    probs = list(keep_prob)
    if len(probs) != hidden_layers:
        raise ValueError(f"keep_prob has {len(probs)} entries but the network has "
                         f"{hidden_layers} hidden layers; give one number or one per hidden layer")
    return [_keep_prob(p, f"keep_prob[{i}]") for i, p in enumerate(probs)]


def model_forward(X, params, keep_prob, rng, hidden="relu", output="sigmoid"):
    """[LINEAR -> hidden -> DROPOUT] × (L−1) -> LINEAR -> output, for X (n[0], m).

    keep_prob: one probability for every hidden layer, or a sequence of L−1 (a layer with 1
    drops nothing). rng: Generator or int seed for the masks. Returns ``(AL, caches)`` with
    caches[l−1] = (the layer's :func:`dlnotes.dense.linear_activation_forward` cache, its
    dropout cache or None)."""
    choice(hidden, "hidden", activations.NAMES)
    choice(output, "output", activations.NAMES)
    X = array(X, "X", 2, need="(n[0], m)")
    L = dense._num_layers(params, X.shape[0])
    return _forward(X, params, L, _per_layer(keep_prob, L - 1), generator(rng, "rng"), hidden,
                    output)


def _forward(X, params, L, probs, rng, hidden, output):
    """model_forward without the checks (for training loops that checked once)."""
    A, caches = X, []
    for l in range(1, L + 1):
        A, cache = dense._layer_forward(A, params, l, hidden if l < L else output)
        drop = None
        if l < L and probs[l - 1] < 1:
            D = rng.random(A.shape) < probs[l - 1]
            A, drop = A * D / probs[l - 1], (D, probs[l - 1])
        caches.append((cache, drop))
    return A, caches


def _model_caches(caches):
    """The caches of model_forward, checked: a non-empty list of (layer cache, dropout cache or
    None) pairs, each layer cache (linear cache, Z, activation name)."""
    what = "the list of (layer cache, dropout cache) pairs of dropout.model_forward"
    if isinstance(caches, (list, tuple)) and not caches:
        raise ValueError(f"caches must be {what}, got an empty {type(caches).__name__}")
    out = []
    for l, pair in enumerate(sequence(caches, "caches", what=what)):
        layer, drop = sequence(pair, f"caches[{l}]", 2, "a (layer cache, dropout cache) pair")
        linear, Z, act = sequence(layer, f"caches[{l}][0]", 3, "a (linear cache, Z, activation) "
                                                                "cache")
        linear = dense._linear_cache(linear, f"caches[{l}][0][0]")
        Z = array(Z, f"caches[{l}][0][1] (Z)", 2)
        choice(act, f"caches[{l}][0][2] (activation)", activations.NAMES)
        if drop is not None:
            drop = _dropout_cache(drop, f"caches[{l}][1]")
        out.append(((linear, Z, act), drop))
    return out


def model_backward(AL, Y, caches, lambd=0.0):
    """Gradients of J (cross-entropy + (λ/2m) Σ‖W[l]‖²) for the masks of :func:`model_forward`.

    As :func:`dlnotes.dense.model_backward`, with one more step per hidden layer: the gradient
    reaching A[l] goes back through that layer's mask, dA[l] ← dA[l] * D[l] / keep_prob, before
    dZ[l] = dA[l] * g'(Z[l]). Returns {"dW1", "db1", ..., "dWL", "dbL"}.
    """
    caches = _model_caches(caches)
    output = caches[-1][0][2]
    if output not in ("sigmoid", "softmax"):
        raise ValueError(f"caches must come from a network with output 'sigmoid' or 'softmax' "
                         f"(model_backward), got output {output!r}")
    AL = array(AL, "AL", 2)
    Y = dense._check_labels(Y, AL.shape[0], AL.shape[1], output).astype(AL.dtype, copy=False)
    return _backward(AL, Y, caches, number(lambd, "lambd", lo=0))


def _backward(AL, Y, caches, lambd):
    """model_backward without the checks (for training loops that checked once)."""
    m, L, grads = AL.shape[1], len(caches), {}
    dZ = AL - Y                                   # sigmoid/softmax with cross-entropy
    for l in range(L, 0, -1):
        (linear_cache, Z, act), drop = caches[l - 1]
        if l < L:
            if drop is not None:
                dA = dA * drop[0] / drop[1]       # the same mask as the forward pass
            dZ = activations.get(act)[1](dA, Z)
        dA, dW, db = dense._linear_backward(dZ, linear_cache, need_dA=l > 1)
        grads[f"dW{l}"] = dW + (lambd / m) * linear_cache[1] if lambd else dW
        grads[f"db{l}"] = db
    return grads
