"""Checkers for chapter 37, convolutional networks in review: the confusion matrix, and the
shape of one example after every layer of a network."""
import numpy as np

from .. import cnn
from ..experiments.cnn_review import confusion_matrix
from ._core import call, passed, require_array

__all__ = ["check_confusion_counts", "check_shape_trace"]


def check_confusion_counts(confusion_counts):
    """``confusion_counts(y_true, y_pred, classes)`` -> C (classes, classes) of counts, C[i, j]
    the number of examples of true class i predicted as class j."""
    rng = np.random.default_rng(37)
    classes = 5
    y_true = rng.integers(0, classes - 1, 60)          # class 4 never occurs in the truth
    y_pred = np.where(rng.random(60) < 0.7, y_true, rng.integers(0, classes, 60))
    before = (y_true.copy(), y_pred.copy())
    got = call(confusion_counts, "confusion_counts", y_true, y_pred, classes)
    if not (np.array_equal(y_true, before[0]) and np.array_equal(y_pred, before[1])):
        raise AssertionError("confusion_counts changed the labels it was given")
    want = confusion_matrix(y_true, y_pred, classes)
    got = np.asarray(got) if isinstance(got, (list, tuple)) else got
    got = require_array(got, "the confusion matrix")
    if got.shape != want.shape:
        if got.shape == (classes - 1, classes - 1) or got.shape[0] != classes:
            raise AssertionError(f"the matrix has shape {got.shape}; it must be (classes, classes) "
                                 f"= {want.shape} even when a class never occurs (use the "
                                 "`classes` argument, not the largest label + 1)")
        raise AssertionError(f"the matrix has shape {got.shape}, expected {want.shape}")
    if np.array_equal(got, want):
        passed("confusion_counts", f"{want.trace()} of {want.sum()} on the diagonal.")
        return
    if np.array_equal(got, want.T):
        raise AssertionError("the matrix is transposed: rows are the true classes and columns "
                             "the predictions, C[true, predicted]")
    sums = want.sum(axis=1, keepdims=True)
    if np.allclose(got, want / np.maximum(sums, 1)) or np.allclose(got, want / want.sum()):
        raise AssertionError("the entries are fractions; the confusion matrix counts examples "
                             "(integers that add up to m)")
    if np.array_equal(got, np.diag(np.diag(want))):
        raise AssertionError("only the diagonal is filled: the mistakes go off the diagonal, in "
                             "row true class, column predicted class")
    if np.array_equal(got, (want > 0).astype(got.dtype)):
        raise AssertionError("each entry is 0 or 1: add 1 for every example (a repeated pair "
                             "counts again; np.add.at or a loop does that, C[y, p] += 1 on "
                             "arrays does not)")
    if got.sum() != want.sum():
        raise AssertionError(f"the entries add up to {got.sum()}; every one of the {want.sum()} "
                             "examples is counted once")
    raise AssertionError("the counts are wrong: C[i, j] is the number of examples with "
                         "y_true == i and y_pred == j")


def _trace(layers, shape, conv_size):
    out = []
    for layer in layers:
        kind = layer["kind"]
        if kind in ("conv", "pool"):
            p = layer.get("pad", 0)
            n_H = conv_size(shape[0], layer["f"], p, layer["stride"])
            n_W = conv_size(shape[1], layer["f"], p, layer["stride"])
            shape = (n_H, n_W, layer["n_C"] if kind == "conv" else shape[2])
        elif kind == "flatten":
            shape = (int(np.prod(shape)),)
        elif kind == "dense":
            shape = (layer["n"],)
        out.append(shape)
    return out


def check_shape_trace(shape_trace):
    """``shape_trace(layers, input_shape)`` -> the shape of one example after every layer, a
    list of tuples: (n_H, n_W, n_C) for images, (n,) after flatten and dense layers."""
    cases = [(cnn.MNIST_CNN, (28, 28, 1)),
             ([cnn.conv_layer(8, 5, stride=2, pad=2), cnn.relu_layer(), cnn.pool_layer(3, 2),
               cnn.conv_layer(6, 3, pad=1), cnn.relu_layer(), cnn.pool_layer(2),
               cnn.flatten_layer(), cnn.dense_layer(7)], (38, 41, 3))]
    mistakes = {
        "off by one: the output size is (n + 2p − f) / s + 1, rounded down, not without "
        "the + 1": lambda n, f, p, s: (n + 2 * p - f) // s,
        "the stride is ignored: divide (n + 2p − f) by s (rounded down) before adding 1":
            lambda n, f, p, s: n + 2 * p - f + 1,
        "the padding is ignored: the layer adds p rows and columns on each side, hence the 2p":
            lambda n, f, p, s: (n - f) // s + 1,
        "the padding is counted once: it is added on both sides, 2p":
            lambda n, f, p, s: (n + p - f) // s + 1,
        "the division is rounded up: a window must fit inside the padded image, so round "
        "down": lambda n, f, p, s: -(-(n + 2 * p - f) // s) + 1,
    }
    for layers, shape in cases:
        got = call(shape_trace, "shape_trace", list(layers), tuple(shape))
        if not isinstance(got, (list, tuple)):
            raise AssertionError(f"shape_trace returned a {type(got).__name__}; return a list "
                                 "with one shape (a tuple) per layer")
        want = cnn.output_shapes(layers, shape)
        got = [tuple(int(n) for n in np.atleast_1d(g)) for g in got]
        if len(got) == len(want) + 1 and got[1:] == want:
            raise AssertionError("the list starts with the input's shape; give one shape per "
                                 "layer, the first being the first layer's output")
        if len(got) != len(want):
            raise AssertionError(f"shape_trace returned {len(got)} shapes for {len(want)} layers")
        if got == want:
            continue
        for hint, size in mistakes.items():
            if got == _trace(layers, shape, size):
                raise AssertionError(f"the shapes are wrong: {hint}.")
        k = next(i for i, (g, w) in enumerate(zip(got, want)) if g != w)
        layer = layers[k]
        if want[k] and len(got[k]) == 3 and got[k] == (want[k][2], want[k][0], want[k][1]):
            raise AssertionError(f"after layer {k} ({layer['kind']}) the shape is {got[k]}: the "
                                 "channels come last in dlnotes, (n_H, n_W, n_C)")
        if layer["kind"] == "pool" and len(got[k]) == 3 and got[k][:2] == want[k][:2]:
            raise AssertionError(f"after layer {k} (pool) the shape is {got[k]}: pooling keeps "
                                 f"the number of channels, {want[k]}")
        raise AssertionError(f"after layer {k} ({layer['kind']}) on {shape} images the shape "
                             f"is {got[k]}, expected {want[k]}")
    passed("shape_trace", "Every shape matches cnn.output_shapes.")
