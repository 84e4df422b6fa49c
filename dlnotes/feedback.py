"""Feedback alignment: backpropagation with the transposed weights replaced by fixed random
matrices (Lillicrap, Cownden, Tweed & Akerman 2016).

Backpropagation sends the error of layer l back through the transpose of the forward weights,
dA[l−1] = W[l]ᵀ dZ[l] (see :func:`dlnotes.dense.linear_backward`). Feedback alignment sends it
through a fixed random matrix B[l] of the same shape as W[l]ᵀ, (n[l−1], n[l]), drawn once and
never trained:

    dZ[L] = A[L] − Y,   dW[l] = (1/m) dZ[l] A[l−1]ᵀ,   db[l] = (1/m) Σ dZ[l],
    dA[l−1] = B[l] dZ[l],   dZ[l−1] = dA[l−1] * g'(Z[l−1]).

With B[l] = W[l]ᵀ this is backpropagation exactly. The forward pass is
:func:`dlnotes.dense.model_forward`; the updates dW[L], db[L] of the last layer are the true
gradients, the others are not gradients of anything, and :func:`angle` measures how far they are
from the gradient.
"""
from __future__ import annotations

import numpy as np

from . import activations, dense
from ._validate import (_got, array, array_dict, at_least_one_example, choice, generator, integer,
                        number, positive_int, sequence)
from .optim import check_cost, mini_batches
from .progress import progress_bar

__all__ = ["RULES", "feedback_matrices", "model_backward", "angle", "train"]

#: How the hidden layers learn: backpropagation, feedback alignment, or not at all (only the
#: output layer is trained; the hidden layers keep their random initial weights).
RULES = ("backprop", "feedback", "last_layer")


def feedback_matrices(layer_dims, seed=0, scale=1.0):
    """Fixed random feedback B[l] of shape (n[l−1], n[l]) for l = 2..L (layer 1 sends no error
    further back): entries N(0, 1) · scale / √n[l], so B[l] dZ[l] has the spread of W[l]ᵀ dZ[l]
    for weights of the same scale. Returns {"B2": ..., "BL": ...} (empty for L = 1)."""
    dims = dense._layer_dims(layer_dims)
    rng = generator(seed)
    scale = number(scale, "scale", lo=0, lo_open=True)
    return {f"B{l}": rng.standard_normal((dims[l - 1], dims[l])) * scale / np.sqrt(dims[l])
            for l in range(2, len(dims))}


def _backward(AL, Y, caches, B):
    """Unchecked: the feedback-alignment updates for the caches of dense's forward pass."""
    L = len(caches)
    grads = {}
    dZ = AL - Y
    for l in range(L, 0, -1):
        (A_prev, W, _), Z, act = caches[l - 1]
        if l < L:
            dZ = activations.get(act)[1](dA, Z)
        m = A_prev.shape[1]
        grads[f"dW{l}"] = dZ @ A_prev.T / m
        grads[f"db{l}"] = dZ.sum(axis=1, keepdims=True) / m
        if l > 1:
            dA = B[f"B{l}"] @ dZ          # backprop would use W.T @ dZ here
    return grads


def _check_B(B, caches):
    B = array_dict(B, "B", "a dict {'B2': ..., 'BL': ...} of feedback matrices")
    L = len(caches)
    want = {f"B{l}" for l in range(2, L + 1)}
    if set(B) != want:
        raise ValueError(f"B must have the keys {sorted(want)} for a network of {L} layers, got "
                         f"keys {sorted(B)}")
    for l in range(2, L + 1):
        W = caches[l - 1][0][1]
        if B[f"B{l}"].shape != W.T.shape:
            raise ValueError(f"B['B{l}'] must have the shape of W{l}ᵀ, {W.T.shape} (n[{l - 1}], "
                             f"n[{l}]), got shape {B[f'B{l}'].shape}")
    return B


def model_backward(AL, Y, caches, B):
    """Feedback-alignment updates {"dW1", "db1", ..., "dWL", "dbL"} (see the module) for the
    output AL (n[L], m) and caches of :func:`dlnotes.dense.model_forward` with a sigmoid or
    softmax output and labels Y (n[L], m). ``B``: {"B2", ..., "BL"}, B[l] of shape
    (n[l−1], n[l]); B[l] = W[l]ᵀ gives :func:`dlnotes.dense.model_backward`'s gradients."""
    if not isinstance(caches, (list, tuple)) or not caches:
        raise ValueError(f"caches must be the non-empty list of caches that "
                         f"dense.model_forward returns, got {_got(caches)}")
    for l, c in enumerate(caches, 1):
        lc, Z, act = sequence(c, f"caches[{l - 1}]", 3,
                              "a (linear cache, Z, activation) tuple of dense.model_forward")
        dense._linear_cache(lc, f"caches[{l - 1}][0]")
        if act not in activations.NAMES:
            raise ValueError(f"caches[{l - 1}] must name an activation, got {act!r}")
    if caches[-1][2] not in ("sigmoid", "softmax"):
        raise ValueError(f"caches must come from a forward pass with output 'sigmoid' or "
                         f"'softmax', got output {caches[-1][2]!r}")
    AL = array(AL, "AL", 2)
    if AL.shape != np.shape(caches[-1][1]):
        raise ValueError(f"AL must have the shape of the last layer's Z in caches, "
                         f"{np.shape(caches[-1][1])}, got shape {AL.shape}")
    Y = dense._check_labels(Y, AL.shape[0], AL.shape[1], caches[-1][2])
    B = _check_B(B, caches)
    return _backward(AL, Y.astype(AL.dtype, copy=False), caches, B)


def _angle(u, v):
    nu, nv = np.linalg.norm(u), np.linalg.norm(v)
    if nu == 0 or nv == 0:
        return float("nan")
    return float(np.degrees(np.arccos(np.clip(np.dot(u, v) / (nu * nv), -1.0, 1.0))))


def angle(u, v):
    """The angle in degrees between two updates, arccos(u·v / (‖u‖ ‖v‖)), both flattened: two
    arrays of the same shape, or two dicts of arrays with the same keys (all entries in one
    vector, in sorted key order). 0° same direction, 90° orthogonal, 180° opposite; NaN when
    either is zero."""
    if isinstance(u, dict) != isinstance(v, dict):
        bad, other = ("u", "v") if isinstance(u, dict) else ("v", "u")
        raise TypeError(f"{bad} must be an array like {other} (or both dicts), got a dict")
    if isinstance(u, dict):
        u, v = array_dict(u, "u"), array_dict(v, "v")
        if set(u) != set(v):
            raise ValueError(f"v must have the keys of u, {sorted(u)}, got keys {sorted(v)}")
        for k in sorted(u):
            if u[k].shape != v[k].shape:
                raise ValueError(f"v[{k!r}] must have the shape of u[{k!r}], {u[k].shape}, got "
                                 f"shape {v[k].shape}")
        if not u:
            raise ValueError("u must hold at least one array, got an empty dict")
        u = np.concatenate([u[k].ravel() for k in sorted(u)])
        v = np.concatenate([v[k].ravel() for k in sorted(v)])
    else:
        u, v = array(u, "u"), array(v, "v")
        if u.shape != v.shape:
            raise ValueError(f"v must have the shape of u, {u.shape}, got shape {v.shape}")
    return _angle(u.ravel(), v.ravel())


def train(X, Y, layer_dims, rule="feedback", *, hidden="tanh", output="softmax",
          learning_rate=0.05, epochs=10, batch_size=32, seed=0, feedback_seed=None,
          X_test=None, Y_test=None, probe=1000, progress=None):
    """Mini-batch gradient descent on the network ``layer_dims`` with the hidden layers learning
    by ``rule`` (one of :data:`RULES`); returns ``(params, history)``.

    X (n[0], m), Y (n[L], m) one-hot (softmax) or 0/1 (sigmoid). ``seed`` draws the weights
    (He-style N(0, 1)/√n[l−1], dense's "sqrt_fan_in") and then the batch orders, so the three
    rules with one seed start from the same weights and see the same batches; B is drawn from
    ``feedback_seed`` (default seed + 1000). After each epoch (and before the first) history
    records: "epoch", "cost" (on all of X), "train_accuracy", "test_accuracy" (when X_test,
    Y_test are given) and "angle": {l: degrees} between the feedback-alignment update dW[l] and
    the true gradient, on the first ``probe`` training examples, for l = 1..L−1, and
    "norm_ratio": {l: ‖dW[l]‖ / ‖gradient‖} on the same examples (rule "feedback" only).
    """
    choice(rule, "rule", RULES)
    choice(hidden, "hidden", activations.NAMES)
    choice(output, "output", ("sigmoid", "softmax"))
    X, Y, dims = dense._training_data(X, Y, layer_dims, output)
    have_test = X_test is not None or Y_test is not None
    if have_test:
        X_test = array(X_test, "X_test", 2, need="(n[0], m_test)")
        at_least_one_example(X_test, "X_test")
        if X_test.shape[0] != dims[0]:
            raise ValueError(f"X_test must have {dims[0]} rows like X, got shape {X_test.shape}")
        try:
            Y_test = dense._check_labels(Y_test, dims[-1], X_test.shape[1], output)
        except ValueError as err:
            raise ValueError("Y_test" + str(err)[1:]) from None
    learning_rate = number(learning_rate, "learning_rate", lo=0, lo_open=True)
    epochs = integer(epochs, "epochs", 0)
    batch_size = positive_int(batch_size, "batch_size")
    probe = positive_int(probe, "probe")
    rng = generator(seed)
    params = dense.init_params(dims, "sqrt_fan_in", rng)
    fb_seed = (seed + 1000 if isinstance(seed, (int, np.integer)) else 1000) \
        if feedback_seed is None else feedback_seed
    B = feedback_matrices(dims, fb_seed)
    L = len(dims) - 1
    Xp, Yp = X[:, :probe], Y[:, :probe]
    history = {"epoch": [], "cost": [], "train_accuracy": [], "test_accuracy": [], "angle": [],
               "norm_ratio": []}

    def accuracy_of(Xa, Ya):
        AL = dense._forward(Xa, params, L, hidden, output)[0]
        if output == "softmax":
            return float(np.mean(AL.argmax(axis=0) == Ya.argmax(axis=0)))
        return float(np.mean((AL > 0.5) == (Ya == 1)))

    def record(k):
        AL = dense._forward(X, params, L, hidden, output)[0]
        cost = dense.compute_cost(AL, Y) if np.isfinite(AL).all() else float("nan")
        check_cost(cost, k, learning_rate)
        history["epoch"].append(k)
        history["cost"].append(cost)
        history["train_accuracy"].append(accuracy_of(X, Y))
        if have_test:
            history["test_accuracy"].append(accuracy_of(X_test, Y_test))
        if rule == "feedback":
            ALp, caches = dense._forward(Xp, params, L, hidden, output)
            true = dense._backward(ALp, Yp, caches, 0.0)
            fa = _backward(ALp, Yp, caches, B)
            history["angle"].append({l: _angle(fa[f"dW{l}"].ravel(), true[f"dW{l}"].ravel())
                                     for l in range(1, L)})
            history["norm_ratio"].append({l: float(np.linalg.norm(fa[f"dW{l}"])
                                                   / np.linalg.norm(true[f"dW{l}"]))
                                          for l in range(1, L)})

    record(0)
    for k in progress_bar(range(1, epochs + 1), progress, f"feedback ({rule})"):
        for idx in mini_batches(X.shape[1], batch_size, rng):
            AL, caches = dense._forward(X[:, idx], params, L, hidden, output)
            Yb = Y[:, idx]
            grads = (_backward(AL, Yb, caches, B) if rule == "feedback"
                     else dense._backward(AL, Yb, caches, 0.0))
            first = L if rule == "last_layer" else 1
            for l in range(first, L + 1):
                params[f"W{l}"] -= learning_rate * grads[f"dW{l}"]
                params[f"b{l}"] -= learning_rate * grads[f"db{l}"]
        record(k)
    return params, history
