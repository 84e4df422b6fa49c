"""Checkers for chapter 20, deep L-layer networks: the forward loop with its caches, and the
backward loop with its gradients, both against :mod:`dlnotes.dense`."""
import numpy as np

from .. import activations, dense
from ._core import call, close, passed, require_array

__all__ = ["check_forward_layers", "check_backward_layers"]

_DIMS = [5, 4, 3, 2, 1]   # all different, so a transposed or shifted W cannot go unnoticed


def _problem(seed=20, m=7):
    rng = np.random.default_rng(seed)
    params = dense.init_params(_DIMS, "he", rng)
    for l in range(1, len(_DIMS)):
        params[f"b{l}"] = 0.1 * rng.standard_normal((_DIMS[l], 1))
    X = rng.standard_normal((_DIMS[0], m))
    Y = (rng.random((1, m)) < 0.5).astype(float)
    Y[0, :2] = [0, 1]
    return params, X, Y


def _copy(params):
    return {k: v.copy() for k, v in params.items()}


def _forward_with(X, params, acts):
    A, out = X, []
    for l, act in enumerate(acts, start=1):
        Z = params[f"W{l}"] @ A + params[f"b{l}"]
        out.append((A, Z))
        A = activations.get(act)[0](Z)
    return A, out


def check_forward_layers(forward_layers):
    """``forward_layers(X, params, hidden, output)`` -> ``(AL, caches)``: caches a list of L
    pairs (A[l−1], Z[l]), l = 1..L; hidden layers apply ``hidden``, layer L ``output``."""
    params, X, _ = _problem()
    L = len(_DIMS) - 1
    for hidden, output in (("relu", "sigmoid"), ("tanh", "sigmoid")):
        try:
            got = forward_layers(X.copy(), _copy(params), hidden, output)
        except Exception as err:  # noqa: BLE001 - the learner's crash is a failed check
            hint = (" The layers are numbered 1..L: params holds W1, b1, ..., WL, bL, so loop over "
                    "range(1, L + 1)" if isinstance(err, KeyError) else
                    " W[l] has shape (n[l], n[l-1]): Z[l] = W[l] A[l-1] + b[l], with A[l-1] of "
                    "shape (n[l-1], m)" if "matmul" in str(err) or "shape" in str(err)
                    or "broadcast" in str(err) else "")
            raise AssertionError(f"forward_layers raised {type(err).__name__}: {err}.{hint}") \
                from err
        if not (isinstance(got, tuple) and len(got) == 2):
            raise AssertionError("forward_layers should return a pair (AL, caches)")
        AL, caches = got
        want_AL, want = dense.model_forward(X, params, hidden, output)
        if not isinstance(caches, (list, tuple)):
            raise AssertionError(f"caches should be a list of L = {L} pairs, got "
                                 f"{type(caches).__name__}")
        if len(caches) != L:
            raise AssertionError(f"caches has {len(caches)} entries for L = {L} layers: one pair "
                                 "(A[l-1], Z[l]) per layer l = 1..L (off by one in the loop?)")
        AL = require_array(AL, "AL")
        if AL.shape != want_AL.shape:
            raise AssertionError(f"AL has shape {AL.shape}, expected {want_AL.shape} = (n[L], m): "
                                 "the loop must run through every layer, l = 1..L")
        if not close(AL, want_AL):
            for acts, hint in (
                    ([output] * L, f"every layer applies the output activation {output!r}; the "
                                   f"hidden layers apply {hidden!r}"),
                    ([hidden] * L, f"the last layer applies {hidden!r}; the output layer applies "
                                   f"{output!r}"),
                    (["relu"] * (L - 1) + [output], f"the hidden layers apply ReLU whatever hidden "
                                                    f"says; use {hidden!r}")):
                if close(AL, _forward_with(X, params, acts)[0]):
                    raise AssertionError(f"AL is wrong: {hint}")
        for l, (entry, (lin, Z, _)) in enumerate(zip(caches, want), start=1):
            if not (isinstance(entry, (tuple, list)) and len(entry) == 2):
                raise AssertionError(f"caches[{l - 1}] should be the pair (A[{l - 1}], Z[{l}])")
            A_prev, Z_got = (np.asarray(e) for e in entry)
            if close(A_prev, want[l][0][0] if l < L else want_AL) and not close(A_prev, lin[0]):
                raise AssertionError(f"caches[{l - 1}] holds A[{l}], the layer's output; keep "
                                     f"its input A[{l - 1}], which backward needs for dW[{l}]")
            if not close(A_prev, lin[0]):
                raise AssertionError(f"caches[{l - 1}][0] should be A[{l - 1}], the input of "
                                     f"layer {l}, of shape {lin[0].shape}")
            if not close(Z_got, Z):
                raise AssertionError(f"caches[{l - 1}][1] should be Z[{l}] = W[{l}] A[{l - 1}] + "
                                     f"b[{l}], of shape {Z.shape}")
        if close(AL, want_AL):
            continue
        raise AssertionError("AL is wrong although every cache is right: A[L] = g[L](Z[L]) with "
                             f"g[L] = {output!r}")
    passed("forward_layers", "A[L] and every (A[l-1], Z[l]) match dlnotes.dense.model_forward.")


def _backward_variant(AL, Y, caches, *, scale=1.0, g_hidden=None, transpose=False, shift=0):
    L, m = len(caches), AL.shape[1]
    grads, dZ = {}, AL - Y
    for l in range(L, 0, -1):
        (A_prev, W, _), Z, act = caches[l - 1]
        if l < L:
            dZ = activations.get(g_hidden or act)[1](dA, Z)
        dW = (A_prev @ dZ.T if transpose else dZ @ A_prev.T) * scale / m
        grads[f"dW{l - shift}"], grads[f"db{l - shift}"] = dW, dZ.sum(axis=1, keepdims=True) * scale / m
        dA = W.T @ dZ
    return grads


def check_backward_layers(backward_layers):
    """``backward_layers(AL, Y, caches)`` -> {"dW1", "db1", ..., "dWL", "dbL"}: the gradients of
    the mean cross-entropy J, for ``caches`` as :func:`dlnotes.dense.model_forward` returns
    them and a sigmoid output."""
    params, X, Y = _problem()
    L, m = len(_DIMS) - 1, X.shape[1]
    for hidden in ("relu", "tanh"):
        AL, caches = dense.model_forward(X, params, hidden, "sigmoid")
        want = dense.model_backward(AL, Y, caches)
        got = call(backward_layers, "backward_layers", AL.copy(), Y.copy(), caches)
        if not isinstance(got, dict):
            raise AssertionError(f"backward_layers returned a {type(got).__name__}; return a dict "
                                 "{'dW1': ..., 'db1': ..., ...}")
        if set(got) != set(want):
            if "dW0" in got or f"dW{L}" not in got:
                raise AssertionError(f"the keys are {sorted(got)}: off by one in the layer index; "
                                     f"the gradients of W[l] are dW{{l}} for l = 1..{L} (caches[l-1] "
                                     "belongs to layer l)")
            raise AssertionError(f"backward_layers returned the keys {sorted(got)}, expected "
                                 f"{sorted(want)}")
        for l in range(L, 0, -1):
            for p in ("dW", "db"):
                key = f"{p}{l}"
                if p == "db" and np.ndim(got[key]) < 2:
                    raise AssertionError(f"{key} has shape {np.shape(got[key])}; db[l] is a column "
                                         f"{want[key].shape}: sum dZ[l] over the examples only "
                                         "(axis=1, keepdims=True)")
                g = require_array(got[key], key)
                if g.shape != want[key].shape:
                    if g.shape == want[key].T.shape:
                        raise AssertionError(f"{key} has shape {g.shape}, transposed: dW[l] has the "
                                             f"shape of W[l], (n[l], n[l-1]) = {want[key].shape}; "
                                             "dW[l] = (1/m) dZ[l] A[l-1]ᵀ")
                    raise AssertionError(f"{key} has shape {g.shape}, expected {want[key].shape}"
                                         + (": sum dZ over the examples only (axis=1, "
                                            "keepdims=True)" if p == "db" else ""))
        if all(close(got[k], want[k]) for k in want):
            continue
        key = next(k for k in sorted(want, key=lambda k: (-int(k[2:]), k)) if not close(got[k], want[k]))
        variants = [
            (dict(scale=m), "the gradients are m times too large: divide by m, the cost is the "
                            "mean over the examples"),
            (dict(scale=1 / m), "the gradients are m times too small: divide by m once, not twice"),
            (dict(g_hidden="sigmoid"), "the hidden layers use the sigmoid's derivative; each hidden "
                                       "layer uses the derivative of its own activation, g'(Z[l])"),
        ]
        for kwargs, hint in variants:
            alt = _backward_variant(AL, Y, caches, **kwargs)
            if close(got[key], alt[key]):
                raise AssertionError(f"{key} is wrong: {hint}.")
        no_slope = {}
        dZ = AL - Y
        for l in range(L, 0, -1):
            (A_prev, W, _), _, _ = caches[l - 1]
            no_slope[f"dW{l}"] = dZ @ A_prev.T / m
            dZ = W.T @ dZ
        if close(got[key], no_slope.get(key)):
            raise AssertionError(f"{key} is wrong: dZ[l-1] = dA[l-1] * g'(Z[l-1]); the derivative "
                                 "of the hidden activation is missing")
        if key == f"dW{L}" or key == f"db{L}":
            raise AssertionError(f"{key} is wrong: for a sigmoid output with the cross-entropy, "
                                 "dZ[L] = A[L] - Y, and dW[L] = (1/m) dZ[L] A[L-1]ᵀ")
        raise AssertionError(f"{key} is wrong (the layers after it are right): dA[l-1] = W[l]ᵀ "
                             "dZ[l], then dZ[l-1] = dA[l-1] * g'(Z[l-1]) with Z[l-1] from "
                             "caches[l-2]")
    passed("backward_layers", "every dW[l] and db[l] matches dlnotes.dense.model_backward.")
