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
from ._validate import array, generator

__all__ = ["dropout_forward", "dropout_backward", "model_forward", "model_backward"]


def _keep_prob(keep_prob, name="keep_prob"):
    if isinstance(keep_prob, bool) or not isinstance(keep_prob, (int, float, np.integer,
                                                                  np.floating)):
        raise TypeError(f"{name} must be a number in (0, 1], got {type(keep_prob).__name__}")
    if not np.isfinite(keep_prob) or not 0 < keep_prob <= 1:
        raise ValueError(f"{name} must be a probability in (0, 1], got {keep_prob!r}")
    return float(keep_prob)


def dropout_forward(A, keep_prob, rng):
    """out = A * D / keep_prob with D ~ Bernoulli(keep_prob) drawn from ``rng`` (a Generator,
    or an int seed: the same seed gives the same mask). A any shape, out the same shape and
    dtype. Returns ``(out, cache)`` with cache = (D, keep_prob), D a boolean mask."""
    A = array(A, "A")
    keep_prob = _keep_prob(keep_prob)
    D = generator(rng).random(A.shape) < keep_prob
    return A * D / keep_prob, (D, keep_prob)


def dropout_backward(dout, cache):
    """dA = dout * D / keep_prob with the mask D of the forward pass (cache = (D, keep_prob))."""
    D, keep_prob = cache
    dout = array(dout, "dout")
    if dout.shape != D.shape:
        raise ValueError(f"dout has shape {dout.shape} but the forward pass's mask has shape "
                         f"{D.shape}; they must match")
    return dout * D / keep_prob


def _per_layer(keep_prob, hidden_layers):
    if np.ndim(keep_prob) == 0:
        return [_keep_prob(keep_prob)] * hidden_layers
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
    X = array(X, "X", 2)
    L = dense._num_layers(params, X.shape[0])
    probs, rng = _per_layer(keep_prob, L - 1), generator(rng)
    A, caches = X, []
    for l in range(1, L + 1):
        A, cache = dense.linear_activation_forward(A, params[f"W{l}"], params[f"b{l}"],
                                                   hidden if l < L else output)
        drop = None
        if l < L and probs[l - 1] < 1:
            A, drop = dropout_forward(A, probs[l - 1], rng)
        caches.append((cache, drop))
    return A, caches


def model_backward(AL, Y, caches, lambd=0.0):
    """Gradients of J (cross-entropy + (λ/2m) Σ‖W[l]‖²) for the masks of :func:`model_forward`.

    As :func:`dlnotes.dense.model_backward`, with one more step per hidden layer: the gradient
    reaching A[l] goes back through that layer's mask, dA[l] ← dA[l] * D[l] / keep_prob, before
    dZ[l] = dA[l] * g'(Z[l]). Returns {"dW1", "db1", ..., "dWL", "dbL"}.
    """
    if not caches:
        raise ValueError("caches is empty: pass the caches returned by dropout.model_forward")
    output = caches[-1][0][2]
    if output not in ("sigmoid", "softmax"):
        raise ValueError(f"model_backward needs output 'sigmoid' or 'softmax', got {output!r}")
    AL = array(AL, "AL", 2)
    Y = dense._check_labels(Y, AL.shape[0], AL.shape[1], output).astype(AL.dtype, copy=False)
    if not np.isfinite(lambd) or lambd < 0:
        raise ValueError(f"lambd must be a finite number >= 0, got {lambd!r}")
    m, L, grads = AL.shape[1], len(caches), {}
    dZ = AL - Y                                   # sigmoid/softmax with cross-entropy
    for l in range(L, 0, -1):
        (linear_cache, Z, act), drop = caches[l - 1]
        if l < L:
            if drop is not None:
                dA = dropout_backward(dA, drop)   # the same mask as the forward pass
            dZ = activations.get(act)[1](dA, Z)
        dA, dW, db = dense.linear_backward(dZ, linear_cache)
        grads[f"dW{l}"] = dW + (lambd / m) * linear_cache[1] if lambd else dW
        grads[f"db{l}"] = db
    return grads
