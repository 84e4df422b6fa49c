"""Deep L-layer networks, fully connected, in the course's notation.

Shapes: X = A[0] of shape (n[0], m), one example per column; for layer l = 1..L,
W[l] (n[l], n[l−1]), b[l] (n[l], 1), Z[l] = W[l] A[l−1] + b[l] and A[l] = g[l](Z[l]), both
(n[l], m). Parameters live in a dict {"W1", "b1", ..., "WL", "bL"}, gradients in
{"dW1", "db1", ...}. Hidden layers share one activation (``hidden``), the output layer has its
own (``output``): "sigmoid" with the binary cross-entropy, or "softmax" with the categorical
cross-entropy and one-hot Y of shape (n[L], m).

Each layer is a pair: ``*_forward(...) -> (out, cache)`` and ``*_backward(dout, cache)``. As in
the course, the backward pass carries dA = ∂L/∂A per example and the 1/m of the mean cost
enters in :func:`linear_backward`, so dW[l] and db[l] are the gradients of the cost J.
"""
from __future__ import annotations

import numpy as np

from . import activations, init, losses
from ._validate import array, generator, labels01, positive_int
from .optim import (adam_init, adam_update, check_cost, gd_update, mini_batches, momentum_init,
                    momentum_update)
from .progress import progress_bar

__all__ = ["init_params", "linear_forward", "linear_backward", "linear_activation_forward",
           "linear_activation_backward", "model_forward", "model_backward", "compute_cost",
           "predict", "accuracy", "fit", "INIT_METHODS", "OPTIMIZERS"]

INIT_METHODS = init.METHODS
OPTIMIZERS = ("gd", "momentum", "adam")


# ------------------------------------------------------------------------------ parameters

def init_params(layer_dims, method="sqrt_fan_in", seed=0, dtype=np.float64):
    """Weights W[l] (n[l], n[l−1]) drawn by ``method`` and biases b[l] = 0 (n[l], 1).

    layer_dims: [n[0], n[1], ..., n[L]] (at least two sizes). method: one of
    "zeros", "small" (N(0,1)·0.01), "xavier" (N(0, 2/(n[l−1]+n[l]))), "he" (N(0, 2/n[l−1])),
    "sqrt_fan_in" (N(0,1)/√n[l−1], the course's deep model); see :mod:`dlnotes.init`.
    seed: int or numpy Generator; the layers are drawn in order W1, W2, ... from one stream.
    """
    draw = init.get(method)
    dims = list(layer_dims) if not isinstance(layer_dims, np.ndarray) else layer_dims.tolist()
    if len(dims) < 2:
        raise ValueError(f"layer_dims needs at least two sizes [n0, ..., nL], got {layer_dims!r}")
    dims = [positive_int(n, f"layer_dims[{i}]") for i, n in enumerate(dims)]
    rng = generator(seed)
    params = {}
    for l in range(1, len(dims)):
        params[f"W{l}"] = draw((dims[l], dims[l - 1]), rng, dtype)
        params[f"b{l}"] = np.zeros((dims[l], 1), dtype=dtype)
    return params


def _num_layers(params, n_x=None):
    """L, after checking that params holds W1, b1, ..., WL, bL with chained shapes."""
    if not isinstance(params, dict):
        raise TypeError(f"params must be a dict {{'W1', 'b1', ...}}, got {type(params).__name__}")
    L = len(params) // 2
    expected = {f"{p}{l}" for l in range(1, L + 1) for p in "Wb"}
    if L < 1 or set(params) != expected:
        raise ValueError(f"params must have keys W1, b1, ..., WL, bL; got {sorted(params)}")
    n_prev = n_x
    for l in range(1, L + 1):
        W, b = np.asarray(params[f"W{l}"]), np.asarray(params[f"b{l}"])
        if W.ndim != 2:
            raise ValueError(f"params['W{l}'] must be 2-D (n[{l}], n[{l - 1}]), got shape {W.shape}")
        if n_prev is not None and W.shape[1] != n_prev:
            what = "X has" if l == 1 else f"W{l - 1} gives"
            raise ValueError(f"params['W{l}'] has shape {W.shape}, need ({W.shape[0]}, {n_prev}): "
                             f"{what} {n_prev} rows")
        if b.shape != (W.shape[0], 1):
            raise ValueError(f"params['b{l}'] has shape {b.shape}, need ({W.shape[0]}, 1)")
        n_prev = W.shape[0]
    return L


# ---------------------------------------------------------------------------------- layers

def linear_forward(A_prev, W, b):
    """Z = W A_prev + b.  A_prev (n[l−1], m), W (n[l], n[l−1]), b (n[l], 1) -> Z (n[l], m).

    Returns ``(Z, cache)`` with cache = (A_prev, W, b).
    """
    A_prev, W, b = array(A_prev, "A_prev", 2), array(W, "W", 2), array(b, "b", 2)
    if W.shape[1] != A_prev.shape[0]:
        raise ValueError(f"W has shape {W.shape} but A_prev has shape {A_prev.shape}; need "
                         f"W of shape (n[l], {A_prev.shape[0]})")
    if b.shape != (W.shape[0], 1):
        raise ValueError(f"b has shape {b.shape}, need ({W.shape[0]}, 1) to match W {W.shape}")
    return W @ A_prev + b, (A_prev, W, b)


def _linear_backward(dZ, cache, need_dA=True):
    A_prev, W, _ = cache
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m
    db = dZ.sum(axis=1, keepdims=True) / m
    # Layer 1 does not need dA[0] (the inputs are not trained); skipping it saves a large product.
    return (W.T @ dZ if need_dA else None), dW, db


def linear_backward(dZ, cache):
    """Backward pass of Z = W A_prev + b, with the course's 1/m:

    dW = (1/m) dZ A_prevᵀ (n[l], n[l−1]),  db = (1/m) Σ_columns dZ (n[l], 1),
    dA_prev = Wᵀ dZ (n[l−1], m).  Returns ``(dA_prev, dW, db)``.
    """
    A_prev, W, _ = cache
    dZ = array(dZ, "dZ", 2)
    if dZ.shape != (W.shape[0], A_prev.shape[1]):
        raise ValueError(f"dZ has shape {dZ.shape}, need {(W.shape[0], A_prev.shape[1])} = "
                         f"(n[l], m) for W {W.shape} and A_prev {A_prev.shape}")
    return _linear_backward(dZ, cache)


def linear_activation_forward(A_prev, W, b, activation):
    """A = g(W A_prev + b) for the activation g named ``activation`` (see
    :func:`dlnotes.activations.get`). Returns ``(A, cache)``, cache = (linear cache, Z, activation).
    """
    g, _ = activations.get(activation)
    Z, linear_cache = linear_forward(A_prev, W, b)
    return g(Z), (linear_cache, Z, activation)


def linear_activation_backward(dA, cache, activation):
    """dZ = dA * g'(Z), then :func:`linear_backward`. Returns ``(dA_prev, dW, db)``."""
    _, g_backward = activations.get(activation)
    linear_cache, Z, used = cache
    if activation != used:
        raise ValueError(f"activation is {activation!r} but the forward pass used {used!r}")
    return linear_backward(g_backward(dA, Z), linear_cache)


# ---------------------------------------------------------------------------------- model

def _forward(X, params, L, hidden, output):
    A, caches = X, []
    for l in range(1, L + 1):
        act = hidden if l < L else output
        W, b = params[f"W{l}"], params[f"b{l}"]
        Z = W @ A + b
        g, _ = activations.get(act)
        caches.append(((A, W, b), Z, act))
        A = g(Z)
    return A, caches


def model_forward(X, params, hidden="relu", output="sigmoid"):
    """A[L] for X (n[0], m): [LINEAR -> hidden] × (L−1) -> LINEAR -> output.

    Returns ``(AL, caches)``: AL of shape (n[L], m) and one cache per layer, from which
    :func:`model_backward` recovers the activations.
    """
    activations.get(hidden)
    activations.get(output)
    X = array(X, "X", 2)
    L = _num_layers(params, X.shape[0])
    return _forward(X, params, L, hidden, output)


def _check_labels(Y, n_out, m, output):
    Y = array(Y, "Y", 2)
    if Y.shape != (n_out, m):
        need = "(1, m)" if n_out == 1 else f"({n_out}, m) one-hot"
        raise ValueError(f"Y has shape {Y.shape}, need {need} = {(n_out, m)}")
    labels01(Y)
    if output == "softmax" and not np.all(Y.sum(axis=0) == 1):
        raise ValueError(f"Y (shape {Y.shape}) must be one-hot for a softmax output")
    return Y


def _backward(AL, Y, caches, lambd):
    L = len(caches)
    m = AL.shape[1]
    grads = {}
    # Sigmoid + binary cross-entropy and softmax + categorical cross-entropy both give
    # dZ[L] = A[L] − Y; using it directly avoids dividing by A[L] when it rounds to 0 or 1.
    dZ = AL - Y
    for l in range(L, 0, -1):
        linear_cache, Z, act = caches[l - 1]
        if l < L:
            dZ = activations.get(act)[1](dA, Z)
        dA, dW, db = _linear_backward(dZ, linear_cache, need_dA=l > 1)
        if lambd:
            dW = dW + (lambd / m) * linear_cache[1]
        grads[f"dW{l}"], grads[f"db{l}"] = dW, db
    return grads


def model_backward(AL, Y, caches, lambd=0.0, hidden=None, output=None):
    """Gradients of the cost J (cross-entropy + (λ/2m) Σ‖W[l]‖²) for every layer.

    AL (n[L], m) and caches from :func:`model_forward`; Y (n[L], m). Starts from
    dZ[L] = A[L] − Y (sigmoid with binary cross-entropy, or softmax with categorical
    cross-entropy), then for l = L..1: dW[l] = (1/m) dZ[l] A[l−1]ᵀ + (λ/m) W[l],
    db[l] = (1/m) Σ dZ[l], dA[l−1] = W[l]ᵀ dZ[l], dZ[l−1] = dA[l−1] * g'(Z[l−1]).
    ``hidden``/``output`` default to what the caches recorded; if given they must agree.
    Returns {"dW1", "db1", ..., "dWL", "dbL"}.
    """
    if not caches:
        raise ValueError("caches is empty: pass the caches returned by model_forward")
    used_output = caches[-1][2]
    used_hidden = {c[2] for c in caches[:-1]}
    for name, given, used in (("output", output, {used_output}), ("hidden", hidden, used_hidden)):
        if given is not None and used and used != {given}:
            raise ValueError(f"{name}={given!r} but the forward pass used {sorted(used)}")
    if used_output not in ("sigmoid", "softmax"):
        raise ValueError(f"model_backward needs output 'sigmoid' (binary cross-entropy) or "
                         f"'softmax' (categorical cross-entropy); the forward pass used "
                         f"{used_output!r}")
    AL = array(AL, "AL", 2)
    Y = _check_labels(Y, AL.shape[0], AL.shape[1], used_output)
    if not np.isfinite(lambd) or lambd < 0:
        raise ValueError(f"lambd must be a finite number >= 0, got {lambd!r}")
    return _backward(AL, Y.astype(AL.dtype, copy=False), caches, lambd)


def compute_cost(AL, Y, params=None, lambd=0.0):
    """J = cross-entropy(AL, Y) + (λ / 2m) Σ_l ‖W[l]‖²_F.

    AL (1, m) with Y (1, m) of 0/1: binary cross-entropy; AL (classes, m) with one-hot Y:
    categorical cross-entropy. ``params`` is needed only when λ > 0. Returns a float.
    """
    AL = array(AL, "AL", 2)
    cost = (losses.binary_cross_entropy if AL.shape[0] == 1
            else losses.categorical_cross_entropy)(AL, Y)
    if lambd:
        if params is None:
            raise ValueError("compute_cost needs params when lambd > 0 (for the L2 term)")
        cost += losses.l2_penalty(params, lambd, AL.shape[1])
    elif lambd < 0 or not np.isfinite(lambd):
        raise ValueError(f"lambd must be a finite number >= 0, got {lambd!r}")
    return cost


def predict(X, params, hidden="relu", output="sigmoid"):
    """Predicted labels, an int64 array of shape (1, m): 1 where A[L] > 0.5 (sigmoid output),
    or the most probable class (softmax output)."""
    AL, _ = model_forward(X, params, hidden, output)
    if output == "softmax":
        return AL.argmax(axis=0)[None, :].astype(np.int64)
    if AL.shape[0] != 1:
        raise ValueError(f"a sigmoid output for predict must have one unit, got A[L] {AL.shape}")
    return (AL > 0.5).astype(np.int64)


def accuracy(X, Y, params, hidden="relu", output="sigmoid") -> float:
    """Fraction of the m examples of X (n[0], m) that :func:`predict` labels correctly;
    Y is (1, m) of 0/1 for a sigmoid output, (classes, m) one-hot for softmax."""
    Y_hat = predict(X, params, hidden, output)
    Y = np.asarray(Y)
    labels = Y.argmax(axis=0)[None, :] if output == "softmax" else Y
    if labels.shape != Y_hat.shape:
        raise ValueError(f"Y has shape {Y.shape}, need {Y_hat.shape} for X {np.shape(X)}")
    return float(np.mean(Y_hat == labels))


# ---------------------------------------------------------------------------------- training

def fit(X, Y, layer_dims, *, hidden="relu", output="sigmoid", init="sqrt_fan_in",
        optimizer="gd", learning_rate=0.0075, num_iterations=None, epochs=None,
        batch_size=None, lambd=0.0, keep_prob=1.0, beta=0.9, beta1=0.9, beta2=0.999,
        epsilon=1e-8, seed=0, record_every=100, print_every=None, progress=None):
    """Train an L-layer network; returns ``(params, costs)``.

    X (n[0], m) with n[0] = layer_dims[0]; Y (n[L], m). ``init`` is an :func:`init_params`
    method and ``seed`` (int or Generator) draws the weights, then the mini-batch orders.
    ``optimizer``: "gd", "momentum" (``beta``) or "adam" (``beta1``, ``beta2``, ``epsilon``),
    see :mod:`dlnotes.optim`. Full batch (``batch_size=None``): give ``num_iterations``
    (default 2500, as in the course; ``epochs`` is a synonym). Mini-batches: give ``epochs``.

    ``lambd``: the L2 strength λ. ``keep_prob``: inverted dropout on the hidden layers while
    training (one probability, or one per hidden layer; 1 = none), see :mod:`dlnotes.dropout`.

    ``costs`` is a dict {k: J} with J the cost (including the L2 term, no unit dropped) on all of X after k
    iterations (full batch) or k epochs (mini-batches), for k = 0, record_every, 2·record_every,
    ... and for the last k (after all updates). A cost that becomes NaN or inf stops training
    with :class:`dlnotes.optim.DivergedError`, which suggests a smaller learning rate.
    """
    activations.get(hidden)
    activations.get(output)
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"optimizer must be one of {', '.join(OPTIMIZERS)}; got {optimizer!r}")
    if output not in ("sigmoid", "softmax"):
        raise ValueError(f"output must be 'sigmoid' or 'softmax' for training, got {output!r}")
    X = array(X, "X", 2)
    dims = list(layer_dims)
    if len(dims) < 2 or dims[0] != X.shape[0]:
        raise ValueError(f"X has shape {X.shape} but layer_dims is {dims}: need X of shape "
                         f"(layer_dims[0], m) = ({dims[0] if dims else '?'}, m)")
    m = X.shape[1]
    Y = _check_labels(Y, dims[-1], m, output).astype(X.dtype)
    if not np.isfinite(lambd) or lambd < 0:
        raise ValueError(f"lambd must be a finite number >= 0, got {lambd!r}")
    if not np.isfinite(learning_rate) or learning_rate <= 0:
        raise ValueError(f"learning_rate must be a finite number > 0, got {learning_rate!r}")
    if num_iterations is not None and epochs is not None:
        raise ValueError(f"give num_iterations or epochs, not both (got {num_iterations}, {epochs})")
    if batch_size is not None and num_iterations is not None:
        raise ValueError("with batch_size, give epochs (passes over the data), not num_iterations")
    steps = positive_int(epochs if epochs is not None else num_iterations or 2500,
                         "epochs" if epochs is not None else "num_iterations")
    record_every = positive_int(record_every, "record_every")
    if batch_size is not None:
        batch_size = positive_int(batch_size, "batch_size")

    rng = generator(seed)
    params = init_params(dims, init, rng, dtype=X.dtype)
    L = len(dims) - 1
    dropping = np.ndim(keep_prob) > 0 or keep_prob != 1
    if dropping:
        from . import dropout

        dropout._per_layer(keep_prob, L - 1)   # validate before training
    state = (momentum_init(params) if optimizer == "momentum"
             else adam_init(params) if optimizer == "adam" else None)

    def cost_of(AL, Yb):
        # A diverging run shows up as NaN in A[L]; report it as divergence, not bad input.
        return compute_cost(AL, Yb, params, lambd) if np.isfinite(AL).all() else float("nan")

    def update(grads):
        if optimizer == "gd":
            gd_update(params, grads, learning_rate)
        elif optimizer == "momentum":
            momentum_update(params, grads, state, learning_rate, beta)
        else:
            adam_update(params, grads, state, learning_rate, beta1, beta2, epsilon)

    costs = {}
    for k in progress_bar(range(steps), progress, "dense"):
        report = k % record_every == 0 or (print_every and k % print_every == 0)
        if batch_size is None and not dropping:
            AL, caches = _forward(X, params, L, hidden, output)
            cost = cost_of(AL, Y)
            check_cost(cost, k, learning_rate)
            update(_backward(AL, Y, caches, lambd))
        else:
            if report:
                cost = cost_of(_forward(X, params, L, hidden, output)[0], Y)
                check_cost(cost, k, learning_rate)
            for idx in (mini_batches(m, batch_size, rng) if batch_size else [slice(None)]):
                Xb, Yb = X[:, idx], Y[:, idx]
                if dropping:   # a fresh mask for every update
                    AL, caches = dropout.model_forward(Xb, params, keep_prob, rng, hidden, output)
                else:
                    AL, caches = _forward(Xb, params, L, hidden, output)
                if not np.isfinite(AL).all():  # divergence; the full cost is not needed here
                    check_cost(float("nan"), k, learning_rate)
                update(dropout.model_backward(AL, Yb, caches, lambd) if dropping
                       else _backward(AL, Yb, caches, lambd))
        if k % record_every == 0:
            costs[k] = cost
        if print_every and k % print_every == 0:
            print(f"cost after {'iteration' if batch_size is None else 'epoch'} {k}: {cost:.6f}")
    final = cost_of(_forward(X, params, L, hidden, output)[0], Y)
    check_cost(final, steps, learning_rate)
    costs[steps] = final
    return params, costs
