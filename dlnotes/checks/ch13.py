"""Checkers for chapter 13, a first network: Keras weights as dlnotes's.

Its parameter-counting exercise repeats chapter 1's and uses that checker.
"""
import numpy as np

from ._core import passed, require_array, require_close

__all__ = ["check_keras_to_dlnotes"]


def _keras_weights(dims, seed=13):
    rng = np.random.default_rng(seed)
    out = []
    for n_prev, n in zip(dims[:-1], dims[1:]):
        out += [rng.standard_normal((n_prev, n)).astype(np.float32),
                rng.standard_normal(n).astype(np.float32)]
    return out


def check_keras_to_dlnotes(keras_to_dlnotes):
    """``keras_to_dlnotes(weights)``: Keras' [kernel1, bias1, kernel2, bias2, ...] with kernels
    (n[l-1], n[l]) and biases (n[l],) -> {"W1": (n[1], n[0]), "b1": (n[1], 1), ...}."""
    dims = [5, 4, 3, 1]
    weights = _keras_weights(dims)
    got = keras_to_dlnotes([w.copy() for w in weights])
    if not isinstance(got, dict):
        raise AssertionError(f"keras_to_dlnotes returned a {type(got).__name__}; return a dict "
                             "{'W1': ..., 'b1': ..., 'W2': ...}")
    want = {f"{p}{l}" for l in range(1, len(dims)) for p in "Wb"}
    if set(got) != want:
        if "W0" in got:
            raise AssertionError("the keys start at W0; the course numbers layers from 1, so the "
                                 "first layer's parameters are W1 and b1")
        raise AssertionError(f"keras_to_dlnotes returned the keys {sorted(got)}, expected "
                             f"{sorted(want)}")
    for l in range(1, len(dims)):
        kernel, bias = weights[2 * l - 2], weights[2 * l - 1]
        W = require_array(got[f"W{l}"], f"W{l}")
        if W.shape == kernel.shape and W.shape != kernel.T.shape:
            raise AssertionError(f"W{l} has Keras' shape {W.shape} = (n[l-1], n[l]); the course's "
                                 f"W[l] is (n[l], n[l-1]) = {kernel.T.shape}: transpose the kernel")
        if W.shape == bias.shape:
            raise AssertionError(f"W{l} has shape {W.shape}, the shape of a bias: the list "
                                 "alternates kernel, bias, kernel, bias")
        require_array(W, f"W{l}", shape=kernel.T.shape)
        b = require_array(got[f"b{l}"], f"b{l}")
        if b.shape == bias.shape:
            raise AssertionError(f"b{l} has shape {b.shape}; the course's b[l] is a column "
                                 f"({bias.size}, 1): reshape it")
        require_array(b, f"b{l}", shape=(bias.size, 1))
        require_close(W, kernel.T, f"W{l}", hint="W[l] is the transposed Keras kernel")
        require_close(b, bias.reshape(-1, 1), f"b{l}", hint="b[l] is the Keras bias as a column")
    passed("keras_to_dlnotes", "Keras kernels transposed, biases made columns.")
