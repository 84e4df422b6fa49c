"""Checkers for chapter 27, computer vision: the parameter count of a fully connected layer on
an image, and flattening a batch of images into the columns a dense layer takes."""
import numpy as np

from ._core import call, close, passed, require_array, scalar

__all__ = ["check_dense_parameters", "check_flatten_images"]


def check_dense_parameters(dense_parameters_ch27):
    """``dense_parameters_ch27(n_H, n_W, n_C, units)`` -> (n_H n_W n_C + 1) units, the
    weights and biases of one fully connected layer on an n_H x n_W x n_C image."""
    cases = [(64, 64, 3, 1000), (28, 28, 1, 128), (5, 7, 2, 3)]
    for n_H, n_W, n_C, units in cases:
        got = scalar(call(dense_parameters_ch27, "dense_parameters_ch27", n_H, n_W, n_C, units),
                     f"dense_parameters_ch27({n_H}, {n_W}, {n_C}, {units})")
        n_x = n_H * n_W * n_C
        want = (n_x + 1) * units
        if got == want:
            continue
        if got == n_x * units:
            raise AssertionError("the biases are missing: each unit has one bias besides its "
                                 "n_x weights, (n_x + 1) * units")
        if n_C > 1 and got == (n_H * n_W + 1) * units:
            raise AssertionError("the channels are missing: n_x = n_H * n_W * n_C")
        if got == n_x + units:
            raise AssertionError("weights are added, not multiplied: every unit is connected to "
                                 "every input, n_x * units weights")
        raise AssertionError(f"dense_parameters_ch27({n_H}, {n_W}, {n_C}, {units}) = {got:g}, "
                             f"expected {want}")
    passed("dense_parameters_ch27", "(n_H n_W n_C + 1) × units.")


def check_flatten_images(flatten_images_ch27):
    """``flatten_images_ch27(X)``: X (m, n_H, n_W, n_C) -> (n_H n_W n_C, m), column i the
    image X[i] read in row-major order (as ``X.reshape(m, -1).T``, and Keras' Flatten)."""
    rng = np.random.default_rng(27)
    X = rng.standard_normal((4, 3, 2, 2))
    want = X.reshape(4, -1).T
    got = require_array(call(flatten_images_ch27, "flatten_images_ch27", X.copy()),
                        "flatten_images_ch27(X)")
    if got.shape == (4, 12):
        raise AssertionError("shape (m, n_x): one row per image; the dense layers take one "
                             "column per image, (n_x, m)")
    require_array(got, "flatten_images_ch27(X)", shape=want.shape)
    if close(got, want):
        passed("flatten_images_ch27", "one column per image, pixels in row-major order.")
        return
    if close(got, X.reshape(-1, 4)):
        raise AssertionError("X.reshape(-1, m) mixes pixels of different images into one "
                             "column: reshape to (m, -1) first, then transpose")
    if close(got, X.transpose(0, 3, 1, 2).reshape(4, -1).T):
        raise AssertionError("the channels come first in each column; read the pixels in "
                             "row-major order of (n_H, n_W, n_C), as X.reshape(m, -1) does")
    raise AssertionError("wrong values: column i must be X[i].ravel()")
