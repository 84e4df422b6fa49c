"""Checkers for chapter 18, initialisation: He weights for a list of layer sizes, and the spread
of the activations layer by layer."""
import math

import numpy as np

from .. import dense
from ..activations import sigmoid
from ..experiments.initialization import layer_activations
from ._core import call, close, passed, require_array

__all__ = ["check_he_layers", "check_activation_spread"]


def _dict_of_params(got, dims, name):
    if not isinstance(got, dict):
        raise AssertionError(f"{name} returned a {type(got).__name__}; return a dict "
                             "{'W1': ..., 'b1': ..., 'W2': ...}")
    want = {f"{p}{l}" for l in range(1, len(dims)) for p in "Wb"}
    if set(got) != want:
        if "W0" in got:
            raise AssertionError("the keys start at W0; layers are numbered from 1, so the first "
                                 "layer's parameters are W1 and b1 (W[l] connects A[l-1] to A[l])")
        raise AssertionError(f"{name}{tuple(dims)!r} returned the keys {sorted(got)}, expected "
                             f"{sorted(want)}")


def _draws(dims, seed, scale, fresh=False):
    """W[l] = N(0, 1) draws × scale(n[l−1], n[l]), from one generator (or a new one per layer)."""
    rng = np.random.default_rng(seed)
    out = {}
    for l in range(1, len(dims)):
        if fresh:
            rng = np.random.default_rng(seed)
        out[l] = rng.standard_normal((dims[l], dims[l - 1])) * scale(dims[l - 1], dims[l])
    return out


def check_he_layers(he_layers):
    """``he_layers(layer_dims, seed)`` -> {"W1", "b1", ...}: W[l] of shape (n[l], n[l−1]) drawn
    N(0, 2/n[l−1]) from one ``numpy.random.default_rng(seed)`` in the order W1, W2, ...;
    b[l] = 0 of shape (n[l], 1)."""
    dims, seed = [6, 4, 3, 1], 18
    got = call(he_layers, "he_layers", list(dims), seed)
    _dict_of_params(got, dims, "he_layers")
    want = dense.init_params(dims, "he", seed)
    alternatives = {
        "the standard deviation is √(1/n[l-1]) (variance 1/n[l-1], LeCun's or Xavier's scale); "
        "He's variance is 2/n[l-1]": lambda n_in, n_out: math.sqrt(1 / n_in),
        "the draws are multiplied by the variance 2/n[l-1]; multiply by its square root, "
        "the standard deviation √(2/n[l-1])": lambda n_in, n_out: 2 / n_in,
        "the scale uses the fan-out n[l]; He's scale uses the fan-in n[l-1], the number of "
        "inputs each unit of layer l adds up": lambda n_in, n_out: math.sqrt(2 / n_out),
        "the draws are not scaled: multiply them by √(2/n[l-1])": lambda n_in, n_out: 1.0,
        "the draws are scaled by 0.01 (the small initialisation); He's standard deviation is "
        "√(2/n[l-1])": lambda n_in, n_out: 0.01,
    }
    fresh = _draws(dims, seed, lambda n_in, n_out: math.sqrt(2 / n_in), fresh=True)
    for l in range(1, len(dims)):
        W = require_array(got[f"W{l}"], f"W{l}")
        expected = want[f"W{l}"]
        if W.shape == expected.T.shape and W.shape != expected.shape:
            raise AssertionError(f"W{l} has shape {W.shape} = (n[{l - 1}], n[{l}]); W[l] is "
                                 f"(n[l], n[l-1]) = {expected.shape}: one row per unit of layer {l}")
        require_array(W, f"W{l}", shape=expected.shape, dtype_kind="f")
        b = require_array(got[f"b{l}"], f"b{l}")
        if b.shape == (dims[l],):
            raise AssertionError(f"b{l} has shape {b.shape}; b[l] is a column ({dims[l]}, 1)")
        require_array(b, f"b{l}", shape=(dims[l], 1))
        if np.any(b != 0):
            raise AssertionError(f"b{l} is not zero; the biases start at 0 (the random weights "
                                 "already break the symmetry)")
        if close(W, expected):
            continue
        for hint, scale in alternatives.items():
            if close(W, _draws(dims, seed, scale)[l]):
                raise AssertionError(f"W{l} is wrong: {hint}.")
        if l > 1 and close(W, fresh[l]):
            raise AssertionError(f"W{l} repeats the first numbers of the stream: create one "
                                 "generator rng = np.random.default_rng(seed) before the loop and "
                                 "draw every layer from it, in order")
        if np.allclose(W, 0):
            raise AssertionError(f"W{l} is all zeros; draw it from N(0, 2/n[l-1])")
        again = call(he_layers, "he_layers", list(dims), seed)
        if isinstance(again, dict) and f"W{l}" in again and not close(again[f"W{l}"], W):
            raise AssertionError("two calls with the same seed give different weights: draw from "
                                 "np.random.default_rng(seed), not from NumPy's global state")
        raise AssertionError(f"W{l} has the right shape but not the expected values: draw "
                             f"rng.standard_normal((n[l], n[l-1])) for W1, W2, ... in order from "
                             f"one rng = np.random.default_rng(seed), times √(2/n[l-1])")
    other = call(he_layers, "he_layers", list(dims), seed + 1)
    if isinstance(other, dict) and close(other.get("W1"), got["W1"]):
        raise AssertionError("he_layers gives the same weights for seeds 18 and 19: use the seed")
    passed("he_layers", "W[l] ~ N(0, 2/n[l-1]) of shape (n[l], n[l-1]), b[l] = 0, reproducible "
                        "from the seed.")


def check_activation_spread(activation_spread):
    """``activation_spread(X, params, hidden)`` -> a 1-D array of L numbers: the standard
    deviation over all entries of A[l], for l = 1..L, in a stack of layers that all use the
    activation ``hidden``."""
    rng = np.random.default_rng(180)
    dims = [20, 16, 12, 12, 8]
    X = rng.standard_normal((dims[0], 300))
    L = len(dims) - 1
    for hidden, method in (("relu", "he"), ("tanh", "xavier")):
        params = dense.init_params(dims, method, 18)
        got = call(activation_spread, "activation_spread", X.copy(),
                   {k: v.copy() for k, v in params.items()}, hidden)
        got = np.asarray(got, dtype=float).ravel() if np.ndim(got) <= 1 and np.size(got) else got
        require_array(got, f"activation_spread(..., {hidden!r})")
        A = layer_activations(X, params, hidden)
        want = np.array([a.std() for a in A])
        if got.shape == (L + 1,) and close(got[1:], want):
            raise AssertionError("the first number is the spread of A[0] = X, the input; "
                                 f"return the L = {L} layers A[1], ..., A[L] only")
        if got.shape == (L - 1,) and (close(got, want[:-1]) or close(got, want[1:])):
            raise AssertionError(f"{L - 1} numbers for L = {L} layers: a layer is missing "
                                 "(off by one in the loop over l = 1..L)")
        require_array(got, f"activation_spread(..., {hidden!r})", shape=(L,))
        if close(got, want):
            continue
        _, caches = dense.model_forward(X, params, hidden=hidden, output=hidden)
        Zs = [Z for _, Z, _ in caches]
        if close(got, [Z.std() for Z in Zs]):
            raise AssertionError("these are the spreads of Z[l], before the activation; measure "
                                 "A[l] = g(Z[l])")
        if close(got, [a.std(axis=1).mean() for a in A]) or \
                close(got, [a.std(axis=0).mean() for a in A]):
            raise AssertionError("these are averages of per-unit (or per-example) standard "
                                 "deviations; take one standard deviation over all n[l]·m "
                                 "entries of A[l]")
        if close(got, [a.std(ddof=1) for a in A], rtol=1e-12, atol=0):
            raise AssertionError("this is the sample standard deviation (ddof=1); use np.std's "
                                 "default (ddof=0)")
        if close(got, [a.std() for a in A[:-1]] + [sigmoid(Zs[-1]).std()]):
            raise AssertionError("the last layer went through a sigmoid (model_forward's default "
                                 "output); here every layer uses the activation hidden")
        if hidden == "tanh" and close(got, [a.std() for a in layer_activations(X, params, "relu")]):
            raise AssertionError("with hidden='tanh' the spreads are those of a ReLU network; use "
                                 "the activation named by hidden in every layer")
        raise AssertionError(f"activation_spread(..., {hidden!r}) is wrong: got "
                             f"{np.round(got, 4).tolist()}, expected {np.round(want, 4).tolist()} "
                             "(np.std of each A[l], l = 1..L)")
    passed("activation_spread", "one standard deviation per layer, A[1] to A[L].")
