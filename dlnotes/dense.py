"""Deep L-layer networks, fully connected, in the course's notation.

Shapes: X = A[0] of shape (n[0], m), one example per column; for layer l = 1..L,
W[l] (n[l], n[l−1]), b[l] (n[l], 1), Z[l] = W[l] A[l−1] + b[l] and A[l] = g[l](Z[l]), both
(n[l], m). Parameters live in a dict {"W1", "b1", ..., "WL", "bL"}, gradients in
{"dW1", "db1", ...}. Hidden layers share one activation (``hidden``), the output layer has its
own (``output``): "sigmoid" with the binary cross-entropy, "softmax" with the categorical
cross-entropy and one-hot Y of shape (n[L], m), or "linear" (A[L] = Z[L]) with the squared
error J = (1/2m) Σ (A[L] − Y)² and real-valued Y of shape (n[L], m), for regression.

Each layer is a pair: ``*_forward(...) -> (out, cache)`` and ``*_backward(dout, cache)``. As in
the course, the backward pass carries dA = ∂L/∂A per example and the 1/m of the mean cost
enters in :func:`linear_backward`, so dW[l] and db[l] are the gradients of the cost J.
"""
from __future__ import annotations

import numpy as np

from . import activations, init, losses
from ._validate import (_got, array, at_least_one_example, choice, float_dtype, generator,
                        labels01, mapping, number, positive_int, sequence)
from .optim import _adam, _gd, _momentum, adam_init, check_cost, mini_batches, momentum_init
from .progress import progress_bar

__all__ = ["init_params", "linear_forward", "linear_backward", "linear_activation_forward",
           "linear_activation_backward", "model_forward", "model_backward", "compute_cost",
           "predict", "accuracy", "fit", "INIT_METHODS", "OPTIMIZERS"]

INIT_METHODS = init.METHODS
OPTIMIZERS = ("gd", "momentum", "adam")
TRAINABLE_OUTPUTS = ("sigmoid", "softmax", "linear")   # each with its own cost, see the module


# ------------------------------------------------------------------------------ parameters

def init_params(layer_dims, method="sqrt_fan_in", seed=0, dtype=np.float64):
    """Weights W[l] (n[l], n[l−1]) drawn by ``method`` and biases b[l] = 0 (n[l], 1).

    layer_dims: [n[0], n[1], ..., n[L]] (at least two sizes). method: one of
    "zeros", "small" (N(0,1)·0.01), "xavier" (N(0, 2/(n[l−1]+n[l]))), "he" (N(0, 2/n[l−1])),
    "sqrt_fan_in" (N(0,1)/√n[l−1], the course's deep model); see :mod:`dlnotes.init`.
    seed: int or numpy Generator; the layers are drawn in order W1, W2, ... from one stream.
    """
    draw = init.get(method)
    dims = _layer_dims(layer_dims)
    dtype = float_dtype(dtype)
    rng = generator(seed)
    params = {}
    for l in range(1, len(dims)):
        params[f"W{l}"] = draw((dims[l], dims[l - 1]), rng, dtype)
        params[f"b{l}"] = np.zeros((dims[l], 1), dtype=dtype)
    return params


def _layer_dims(layer_dims):
    """layer_dims as a list of at least two positive ints."""
    if isinstance(layer_dims, np.ndarray):
        layer_dims = layer_dims.tolist()
    if not isinstance(layer_dims, (list, tuple)) or len(layer_dims) < 2:
        raise ValueError(f"layer_dims must be a list of at least two sizes [n0, ..., nL], got "
                         f"{_got(layer_dims)}")
    return [positive_int(n, f"layer_dims[{i}]") for i, n in enumerate(layer_dims)]


def _linear_cache(cache, name="cache"):
    """The (A_prev, W, b) cache of linear_forward, checked."""
    A_prev, W, b = sequence(cache, name, 3, "the (A_prev, W, b) cache of linear_forward")
    A_prev, W, b = (array(A_prev, f"{name}[0] (A_prev)", 2), array(W, f"{name}[1] (W)", 2),
                    array(b, f"{name}[2] (b)", 2))
    if W.shape[1] != A_prev.shape[0] or b.shape != (W.shape[0], 1):
        raise ValueError(f"{name} must be the (A_prev, W, b) cache of linear_forward, with "
                         f"shapes (n[l-1], m), (n[l], n[l-1]), (n[l], 1), got {A_prev.shape}, "
                         f"{W.shape}, {b.shape}")
    return A_prev, W, b


def _num_layers(params, n_x=None):
    """L, after checking that params holds W1, b1, ..., WL, bL with chained shapes."""
    if not isinstance(params, dict):
        raise TypeError(f"params must be a dict {{'W1', 'b1', ...}}, got {type(params).__name__}")
    L = len(params) // 2
    expected = {f"{p}{l}" for l in range(1, L + 1) for p in "Wb"}
    if L < 1 or set(params) != expected:
        raise ValueError(f"params must have the keys W1, b1, ..., WL, bL, got keys {sorted(params)}")
    n_prev = n_x
    for l in range(1, L + 1):
        W, b = array(params[f"W{l}"], f"params['W{l}']"), array(params[f"b{l}"], f"params['b{l}']")
        if W.ndim != 2:
            raise ValueError(f"params['W{l}'] must be 2-D (n[{l}], n[{l - 1}]), got shape {W.shape}")
        if n_prev is not None and W.shape[1] != n_prev:
            what = "X has" if l == 1 else f"W{l - 1} gives"
            raise ValueError(f"params['W{l}'] must have shape ({W.shape[0]}, {n_prev}) "
                             f"(n[{l}], n[{l - 1}]) because {what} {n_prev} rows, got shape "
                             f"{W.shape}")
        if b.shape != (W.shape[0], 1):
            raise ValueError(f"params['b{l}'] must have shape ({W.shape[0]}, 1) (n[{l}], 1), got "
                             f"shape {b.shape}")
        n_prev = W.shape[0]
    return L


# ---------------------------------------------------------------------------------- layers

def linear_forward(A_prev, W, b):
    """Z = W A_prev + b.  A_prev (n[l−1], m), W (n[l], n[l−1]), b (n[l], 1) -> Z (n[l], m).

    Returns ``(Z, cache)`` with cache = (A_prev, W, b).
    """
    A_prev = array(A_prev, "A_prev", 2, need="(n[l-1], m)")
    W, b = array(W, "W", 2, need="(n[l], n[l-1])"), array(b, "b", 2, need="(n[l], 1)")
    if W.shape[1] != A_prev.shape[0]:
        raise ValueError(f"W must have shape (n[l], {A_prev.shape[0]}) to match A_prev of shape "
                         f"{A_prev.shape}, got shape {W.shape}")
    if b.shape != (W.shape[0], 1):
        raise ValueError(f"b must have shape ({W.shape[0]}, 1) to match W {W.shape}, got shape "
                         f"{b.shape}")
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
    A_prev, W, b = cache = _linear_cache(cache)
    dZ = array(dZ, "dZ", 2, need="(n[l], m)")
    if dZ.shape != (W.shape[0], A_prev.shape[1]):
        raise ValueError(f"dZ must have shape (n[l], m) = {(W.shape[0], A_prev.shape[1])} for W "
                         f"{W.shape} and A_prev {A_prev.shape}, got shape {dZ.shape}")
    return _linear_backward(dZ, cache)


def linear_activation_forward(A_prev, W, b, activation):
    """A = g(W A_prev + b) for the activation g named ``activation`` (see
    :func:`dlnotes.activations.get`). Returns ``(A, cache)``, cache = (linear cache, Z, activation).
    """
    g, _ = activations.get(choice(activation, "activation", activations.NAMES))
    Z, linear_cache = linear_forward(A_prev, W, b)
    return g(Z), (linear_cache, Z, activation)


def linear_activation_backward(dA, cache, activation):
    """dZ = dA * g'(Z), then :func:`linear_backward`. Returns ``(dA_prev, dW, db)``."""
    _, g_backward = activations.get(choice(activation, "activation", activations.NAMES))
    dA = array(dA, "dA", 2, need="(n[l], m)")
    linear_cache, Z, used = sequence(cache, "cache", 3,
                                     "the (linear cache, Z, activation) of linear_activation_forward")
    A_prev, W, _ = _linear_cache(linear_cache, "cache[0]")
    Z = array(Z, "cache[1] (Z)", 2)
    if Z.shape != (W.shape[0], A_prev.shape[1]):
        raise ValueError(f"cache[1] (Z) must have shape {(W.shape[0], A_prev.shape[1])} like "
                         f"W A_prev, got shape {Z.shape}")
    if activation != used:
        raise ValueError(f"activation must be {used!r}, the one the forward pass used, got "
                         f"{activation!r}")
    return linear_backward(g_backward(dA, Z), linear_cache)


# ---------------------------------------------------------------------------------- model

def _layer_forward(A_prev, params, l, act):
    """Layer l unchecked: A[l] = g(W[l] A[l−1] + b[l]) and its cache ((A[l−1], W, b), Z, act)."""
    W, b = params[f"W{l}"], params[f"b{l}"]
    Z = W @ A_prev + b
    return activations.get(act)[0](Z), ((A_prev, W, b), Z, act)


def _forward(X, params, L, hidden, output):
    A, caches = X, []
    for l in range(1, L + 1):
        A, cache = _layer_forward(A, params, l, hidden if l < L else output)
        caches.append(cache)
    return A, caches


def model_forward(X, params, hidden="relu", output="sigmoid"):
    """A[L] for X (n[0], m): [LINEAR -> hidden] × (L−1) -> LINEAR -> output.

    Returns ``(AL, caches)``: AL of shape (n[L], m) and one cache per layer, from which
    :func:`model_backward` recovers the activations.
    """
    choice(hidden, "hidden", activations.NAMES)
    choice(output, "output", activations.NAMES)
    X = array(X, "X", 2, need="(n[0], m)")
    L = _num_layers(params, X.shape[0])
    return _forward(X, params, L, hidden, output)


def _check_labels(Y, n_out, m, output):
    Y = array(Y, "Y", 2, need="(n[L], m)")
    if Y.shape != (n_out, m):
        need = "(1, m)" if n_out == 1 else f"({n_out}, m) one-hot"
        raise ValueError(f"Y must have shape {need} = {(n_out, m)}, got shape {Y.shape}")
    if output == "linear":
        return Y                  # real-valued targets: any finite numbers
    labels01(Y)
    if output == "softmax" and not np.all(Y.sum(axis=0) == 1):
        raise ValueError(f"Y must be one-hot (one 1 per column) for a softmax output, got "
                         f"column sums {np.unique(Y.sum(axis=0))[:5].tolist()} (shape {Y.shape})")
    return Y


def _backward(AL, Y, caches, lambd):
    L = len(caches)
    m = AL.shape[1]
    grads = {}
    # Sigmoid + binary cross-entropy, softmax + categorical cross-entropy and linear + squared
    # error (1/2m)Σ(A − Y)² all give dZ[L] = A[L] − Y; using it directly avoids dividing by
    # A[L] when it rounds to 0 or 1.
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
    """Gradients of the cost J (loss + (λ/2m) Σ‖W[l]‖²) for every layer.

    AL (n[L], m) and caches from :func:`model_forward`; Y (n[L], m). Starts from
    dZ[L] = A[L] − Y (sigmoid with binary cross-entropy, softmax with categorical
    cross-entropy, or linear with the squared error (1/2m) Σ (A[L] − Y)²), then for l = L..1: dW[l] = (1/m) dZ[l] A[l−1]ᵀ + (λ/m) W[l],
    db[l] = (1/m) Σ dZ[l], dA[l−1] = W[l]ᵀ dZ[l], dZ[l−1] = dA[l−1] * g'(Z[l−1]).
    ``hidden``/``output`` default to what the caches recorded; if given they must agree.
    Returns {"dW1", "db1", ..., "dWL", "dbL"}.
    """
    if not isinstance(caches, (list, tuple)) or not caches:
        raise ValueError(f"caches must be the non-empty list of caches that model_forward "
                         f"returns, got {_got(caches)}")
    for l, c in enumerate(caches, 1):
        linear_cache, Z, act = sequence(c, f"caches[{l - 1}]", 3,
                                        "a (linear cache, Z, activation) tuple of model_forward")
        A_prev, W, _ = _linear_cache(linear_cache, f"caches[{l - 1}][0]")
        if np.shape(Z) != (W.shape[0], A_prev.shape[1]) or act not in activations.NAMES:
            raise ValueError(f"caches[{l - 1}] must be a (linear cache, Z, activation) tuple of "
                             f"model_forward, got Z of shape {np.shape(Z)} and activation "
                             f"{act!r}")
    lambd = number(lambd, "lambd", lo=0)
    used_output = caches[-1][2]
    used_hidden = {c[2] for c in caches[:-1]}
    for name, given, used in (("output", output, {used_output}), ("hidden", hidden, used_hidden)):
        if given is not None and used and used != {given}:
            raise ValueError(f"{name} must be None or what the forward pass used, "
                             f"{sorted(used)}, got {name}={given!r}")
    if used_output not in TRAINABLE_OUTPUTS:
        raise ValueError(f"caches must come from a forward pass with output 'sigmoid' (binary "
                         f"cross-entropy), 'softmax' (categorical cross-entropy) or 'linear' "
                         f"(squared error), got output {used_output!r}")
    AL = array(AL, "AL", 2)
    if AL.shape != np.shape(caches[-1][1]):
        raise ValueError(f"AL must have the shape of the last layer's Z in caches, "
                         f"{np.shape(caches[-1][1])}, got shape {AL.shape}")
    Y = _check_labels(Y, AL.shape[0], AL.shape[1], used_output)
    return _backward(AL, Y.astype(AL.dtype, copy=False), caches, lambd)


def compute_cost(AL, Y, params=None, lambd=0.0, output=None):
    """J = loss(AL, Y) + (λ / 2m) Σ_l ‖W[l]‖²_F.

    AL (1, m) with Y (1, m) of 0/1: binary cross-entropy; AL (classes, m) with one-hot Y:
    categorical cross-entropy; ``output="linear"``: the squared error (1/2m) Σ (AL − Y)² with
    real Y of the shape of AL (n[L], m). ``output=None`` picks a cross-entropy by the number
    of rows of AL. ``params`` is needed only when λ > 0. Returns a float.
    """
    AL = array(AL, "AL", 2, need="(n[L], m)")
    lambd = number(lambd, "lambd", lo=0)
    if output is not None:
        choice(output, "output", TRAINABLE_OUTPUTS)
    if lambd:
        if params is None:
            raise ValueError("params must be the network's parameters when lambd > 0 (for the "
                             "L2 term), got None")
    cost = (losses.squared_error if output == "linear"
            else losses.binary_cross_entropy if AL.shape[0] == 1
            else losses.categorical_cross_entropy)(AL, Y)
    if lambd:
        cost += losses.l2_penalty(params, lambd, AL.shape[1])
    return cost


def predict(X, params, hidden="relu", output="sigmoid"):
    """Predicted labels, an int64 array of shape (1, m): 1 where A[L] > 0.5 (sigmoid output),
    or the most probable class (softmax output). For a linear output: A[L] itself (n[L], m)."""
    choice(output, "output", TRAINABLE_OUTPUTS)
    AL, _ = model_forward(X, params, hidden, output)
    if output == "linear":
        return AL
    if output == "softmax":
        return AL.argmax(axis=0)[None, :].astype(np.int64)
    if AL.shape[0] != 1:
        raise ValueError(f"params must end in one unit for a sigmoid output (A[L] of shape "
                         f"(1, m)), got A[L] of shape {AL.shape}")
    return (AL > 0.5).astype(np.int64)


def accuracy(X, Y, params, hidden="relu", output="sigmoid") -> float:
    """Fraction of the m examples of X (n[0], m) that :func:`predict` labels correctly;
    Y is (1, m) of 0/1 for a sigmoid output, (classes, m) one-hot for softmax."""
    if output == "linear":
        raise ValueError("accuracy needs a classifier (output 'sigmoid' or 'softmax'); for a "
                         "linear output compare predict(X, params, output='linear') with Y")
    Y_hat = predict(X, params, hidden, output)
    at_least_one_example(Y_hat, "X")
    n_out = params[f"W{len(params) // 2}"].shape[0]
    Y = _check_labels(Y, n_out, Y_hat.shape[1], output)
    labels = Y.argmax(axis=0)[None, :] if output == "softmax" else Y
    return float(np.mean(Y_hat == labels))


# ---------------------------------------------------------------------------------- training

def _training_data(X, Y, layer_dims, output):
    """X (n[0], m) with m >= 1, the labels Y for that output and the layer sizes, checked
    against each other: ``(X, Y as X's dtype, dims)``. Shared by every training loop."""
    X = array(X, "X", 2, need="(n[0], m)")
    at_least_one_example(X, "X")
    dims = _layer_dims(layer_dims)
    if dims[0] != X.shape[0]:
        raise ValueError(f"X must have shape (layer_dims[0], m) = ({dims[0]}, m) for layer_dims "
                         f"{dims}, got shape {X.shape}")
    return X, _check_labels(Y, dims[-1], X.shape[1], output).astype(X.dtype), dims


def fit(X, Y, layer_dims, *, hidden="relu", output="sigmoid", init="sqrt_fan_in",
        optimizer="gd", learning_rate=0.0075, num_iterations=None, epochs=None,
        batch_size=None, lambd=0.0, keep_prob=1.0, beta=0.9, beta1=0.9, beta2=0.999,
        epsilon=1e-8, seed=0, record_every=100, print_every=None, progress=None):
    """Train an L-layer network; returns ``(params, costs)``.

    X (n[0], m) with n[0] = layer_dims[0]; Y (n[L], m): 0/1 for ``output="sigmoid"``, one-hot
    for "softmax", real numbers for "linear" (cost (1/2m) Σ (A[L] − Y)², see the module). ``init`` is an :func:`init_params`
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
    choice(hidden, "hidden", activations.NAMES)
    choice(output, "output", TRAINABLE_OUTPUTS)
    choice(optimizer, "optimizer", OPTIMIZERS)
    choice(init, "init", INIT_METHODS)
    X, Y, dims = _training_data(X, Y, layer_dims, output)
    m = X.shape[1]
    lambd = number(lambd, "lambd", lo=0)
    learning_rate = number(learning_rate, "learning_rate", lo=0, lo_open=True)
    beta = number(beta, "beta", lo=0, hi=1, hi_open=True)
    beta1 = number(beta1, "beta1", lo=0, hi=1, hi_open=True)
    beta2 = number(beta2, "beta2", lo=0, hi=1, hi_open=True)
    epsilon = number(epsilon, "epsilon", lo=0, lo_open=True)
    if num_iterations is not None and epochs is not None:
        raise ValueError(f"num_iterations and epochs must not both be given, got "
                         f"num_iterations={num_iterations!r} and epochs={epochs!r}")
    if batch_size is not None and num_iterations is not None:
        raise ValueError(f"num_iterations must be None with batch_size (give epochs, passes over "
                         f"the data), got num_iterations={num_iterations!r}")
    # None (not 0, which is refused) means the course's default of 2500 iterations.
    steps = (positive_int(epochs, "epochs") if epochs is not None else
             2500 if num_iterations is None else positive_int(num_iterations, "num_iterations"))
    record_every = positive_int(record_every, "record_every")
    if print_every is not None:
        print_every = positive_int(print_every, "print_every")
    if batch_size is not None:
        batch_size = positive_int(batch_size, "batch_size")

    rng = generator(seed)
    params = init_params(dims, init, rng, dtype=X.dtype)
    L = len(dims) - 1
    from . import dropout

    if np.ndim(keep_prob) == 0:
        keep_prob = dropout._keep_prob(keep_prob)      # checked even when it is 1
    dropping = np.ndim(keep_prob) > 0 or keep_prob != 1
    if dropping:
        probs = dropout._per_layer(keep_prob, L - 1)   # validate before training
    state = (momentum_init(params) if optimizer == "momentum"
             else adam_init(params) if optimizer == "adam" else None)

    def cost_of(AL, Yb):
        # A diverging run shows up as NaN in A[L]; report it as divergence, not bad input.
        return (compute_cost(AL, Yb, params, lambd, output) if np.isfinite(AL).all()
                else float("nan"))

    def update(grads):  # the unchecked steps of dlnotes.optim: everything was checked above
        if optimizer == "gd":
            _gd(params, grads, learning_rate)
        elif optimizer == "momentum":
            _momentum(params, grads, state, learning_rate, beta)
        else:
            _adam(params, grads, state, learning_rate, beta1, beta2, epsilon)

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
                    AL, caches = dropout._forward(Xb, params, L, probs, rng, hidden, output)
                else:
                    AL, caches = _forward(Xb, params, L, hidden, output)
                if not np.isfinite(AL).all():  # divergence; the full cost is not needed here
                    check_cost(float("nan"), k, learning_rate)
                update(dropout._backward(AL, Yb, caches, lambd) if dropping
                       else _backward(AL, Yb, caches, lambd))
        if k % record_every == 0:
            costs[k] = cost
        if print_every and k % print_every == 0:
            print(f"cost after {'iteration' if batch_size is None else 'epoch'} {k}: {cost:.6f}")
    final = cost_of(_forward(X, params, L, hidden, output)[0], Y)
    check_cost(final, steps, learning_rate)
    costs[steps] = final
    return params, costs
