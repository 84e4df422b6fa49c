"""Checkers for chapter 16, activations as warps of the plane: the hidden layer's map of a set of
points, and the single affine map a linear network equals."""
import numpy as np

from ..activations import relu, sigmoid
from ._core import call, close, passed, require_array

__all__ = ["check_hidden_layer_ch16", "check_collapse_ch16"]


def check_hidden_layer_ch16(hidden_layer_ch16):
    """``hidden_layer_ch16(P, W1, b1)`` -> tanh(W1 P + b1) of shape (n1, k), for P (2, k)."""
    rng = np.random.default_rng(16)
    P = rng.uniform(-1.5, 1.5, (2, 7))
    W1 = rng.normal(0, 2, (3, 2))
    b1 = rng.normal(0, 1, (3, 1))
    got = call(hidden_layer_ch16, "hidden_layer_ch16", P.copy(), W1.copy(), b1.copy())
    want = np.tanh(W1 @ P + b1)
    got = require_array(got, "hidden_layer_ch16(P, W1, b1)")
    if got.shape == want.T.shape:
        raise AssertionError(f"the result has shape {got.shape} = (k, n1); return one column per "
                             f"point, shape (n1, k) = {want.shape}: compute W1 @ P, not P.T @ W1.T")
    require_array(got, "hidden_layer_ch16(P, W1, b1)", shape=want.shape)
    if close(got, want):
        passed("hidden_layer_ch16", "A[1] = tanh(W1 P + b1), one column per point.")
        return
    Z = W1 @ P + b1
    hints = [
        (W1 @ P + b1, "this is Z = W1 P + b1, before the activation; apply np.tanh to it"),
        (np.tanh(W1 @ P), "the bias is missing: add b1 (shape (n1, 1), it broadcasts over the "
                          "columns) before the tanh"),
        (sigmoid(Z), "this is the sigmoid of Z; the hidden units here are tanh"),
        (relu(Z), "this is the ReLU of Z; the hidden units here are tanh"),
        (np.tanh(W1 @ P) + b1, "the bias is added after the tanh; add it inside, "
                               "tanh(W1 P + b1)"),
        (1 - np.tanh(Z) ** 2, "this is tanh's derivative; return tanh(W1 P + b1) itself"),
    ]
    for value, hint in hints:
        if close(got, value):
            raise AssertionError(f"hidden_layer_ch16 is wrong: {hint}.")
    raise AssertionError("hidden_layer_ch16 has the right shape but the wrong values: return "
                         "np.tanh(W1 @ P + b1)")


def _linear_net(dims, seed):
    rng = np.random.default_rng(seed)
    return {k: v for l in range(1, len(dims))
            for k, v in ((f"W{l}", rng.normal(0, 1, (dims[l], dims[l - 1]))),
                         (f"b{l}", rng.normal(0, 1, (dims[l], 1))))}


def _forward_linear(params, X):
    A = X
    for l in range(1, len(params) // 2 + 1):
        A = params[f"W{l}"] @ A + params[f"b{l}"]
    return A


def check_collapse_ch16(collapse_ch16):
    """``collapse_ch16(params)`` -> (W, b) with W x + b equal to the linear network's output,
    W = W[L] ⋯ W[1] of shape (n[L], n[0]) and b (n[L], 1), for any L ≥ 1."""
    for dims, seed in (([2, 3, 1], 160), ([4, 3, 3, 2], 161), ([3, 2], 162)):
        params = _linear_net(dims, seed)
        got = call(collapse_ch16, "collapse_ch16", {k: v.copy() for k, v in params.items()})
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            raise AssertionError(f"collapse_ch16 should return a pair (W, b), got "
                                 f"{type(got).__name__}")
        W = require_array(got[0], "W")
        b = require_array(got[1], "b")
        L = len(dims) - 1
        want_W, want_b = params["W1"], params["b1"]
        for l in range(2, L + 1):
            want_W = params[f"W{l}"] @ want_W
            want_b = params[f"W{l}"] @ want_b + params[f"b{l}"]
        shape = f"for layer sizes {dims}"
        if W.shape == want_W.T.shape and W.shape != want_W.shape:
            raise AssertionError(f"W has shape {W.shape}, {shape} it is (n[L], n[0]) = "
                                 f"{want_W.shape}: the product runs W[L] @ ... @ W[1], the last "
                                 "layer on the left")
        require_array(W, f"W ({shape})", shape=want_W.shape)
        if b.shape == (want_b.shape[0],):
            raise AssertionError(f"b has shape {b.shape}; return it as a column {want_b.shape}")
        require_array(b, f"b ({shape})", shape=want_b.shape)
        if not close(W, want_W):
            if L >= 3 and close(W, params[f"W{L}"] @ params["W1"]):
                raise AssertionError(f"W {shape} is W[L] @ W[1] only; multiply in every layer, "
                                     "W = W[L] @ ... @ W[2] @ W[1]")
            raise AssertionError(f"W {shape} is wrong: it is the product W[L] @ ... @ W[1] "
                                 "(each layer's W multiplies the result so far from the left)")
        if close(b, want_b):
            continue
        if close(b, params[f"b{L}"]):
            raise AssertionError(f"b {shape} is only the last layer's bias b[L]; the earlier "
                                 "biases pass through the later weights: b = W[2] b[1] + b[2] "
                                 "for two layers")
        if L >= 2 and close(b, want_b - params[f"b{L}"]):
            raise AssertionError(f"b {shape} is missing the last layer's own bias b[L]")
        raise AssertionError(f"b {shape} is wrong: carry it layer by layer, "
                             "b ← W[l] b + b[l]")
    passed("collapse_ch16", "W = W[L] ⋯ W[1] and b built layer by layer, for 1 to 3 layers.")
