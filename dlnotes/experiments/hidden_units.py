"""Chapter 19: what the first hidden layer of a dense network learns on digit images.

- :func:`train`: a [n_x, n_hidden, 10] ReLU/softmax network on the pixels of a digit set, with
  its starting weights kept, so that what training changed can be looked at.
- :func:`top_activating`: the examples that excite each hidden unit most.
- :func:`centre_share`: how much of each unit's weight mass lies in the centre of the image.
- :func:`never_lit`: the pixels that are 0 in every training image.
"""
from __future__ import annotations

import copy
from typing import NamedTuple

import numpy as np

from .. import dense
from .._validate import _got, array, choice, generator, integer, number, positive_int
from .end_to_end import Split, _check_split, load_split

__all__ = ["HiddenRun", "train", "top_activating", "centre_share", "never_lit"]


class HiddenRun(NamedTuple):
    """The split, the starting and trained parameters, and the held-out accuracy."""
    split: Split
    start: dict
    params: dict
    train_acc: float
    test_acc: float


def train(split: Split | None = None, n_hidden=16, *, optimizer="gd", learning_rate=0.1,
          epochs=10, batch_size=64, seed=0) -> HiddenRun:
    """Train [h·w, n_hidden, 10] (ReLU, softmax, He initial weights drawn from ``seed``) by
    mini-batch ``optimizer`` (see :func:`dlnotes.dense.fit`) on the pool of ``split`` (default:
    MNIST 5k, 1,000 held out), pixels in [0, 1] as they are."""
    n_hidden = positive_int(n_hidden, "n_hidden")
    choice(optimizer, "optimizer", dense.OPTIMIZERS)
    number(learning_rate, "learning_rate", lo=0, lo_open=True)
    epochs = positive_int(epochs, "epochs")
    batch_size = positive_int(batch_size, "batch_size")
    rng = generator(seed)
    split = load_split("mnist5k", 1000) if split is None else _check_split(split)
    dims = [split.X.shape[0], n_hidden, 10]
    # dense.fit draws its weights from the same stream (a copy of it here): the same seed
    # gives the same start.
    start = dense.init_params(dims, "he", copy.deepcopy(rng))
    params, _ = dense.fit(split.X, split.Y, dims, output="softmax", init="he",
                          optimizer=optimizer, learning_rate=learning_rate, epochs=epochs,
                          batch_size=batch_size, seed=rng, record_every=epochs)
    return HiddenRun(split, start, params,
                     dense.accuracy(split.X, split.Y, params, output="softmax"),
                     dense.accuracy(split.X_held, split.Y_held, params, output="softmax"))


def top_activating(X, W1, b1, k=8):
    """Indices (n[1], k) of the k examples (columns of X (n[0], m)) with the largest activation
    a = ReLU(W1 x + b1) of each unit (row of W1 (n[1], n[0]), b1 (n[1], 1)), largest first;
    ties go to the earlier example."""
    X = array(X, "X", 2, need="(n[0], m)")
    W1 = array(W1, "W1", 2, need="(n[1], n[0])")
    b1 = array(b1, "b1", 2, need="(n[1], 1)")
    if W1.shape[1] != X.shape[0]:
        raise ValueError(f"W1 must have shape (n[1], {X.shape[0]}) to match X of shape "
                         f"{X.shape}, got shape {W1.shape}")
    if b1.shape != (W1.shape[0], 1):
        raise ValueError(f"b1 must have shape ({W1.shape[0]}, 1) to match W1, got shape "
                         f"{b1.shape}")
    k = integer(k, "k", 1, X.shape[1])
    A = np.maximum(W1 @ X + b1, 0)
    return np.argsort(-A, axis=1, kind="stable")[:, :k]


def centre_share(W, shape, margin):
    """Share of each row's weight mass Σ|w| (W (n, h·w), rows as images of ``shape`` (h, w))
    on the pixels at least ``margin`` pixels away from every edge: a (n,) array. A row of zeros
    gives NaN."""
    W = array(W, "W", 2, need="(n, h·w)")
    if not isinstance(shape, (tuple, list)) or len(shape) != 2:
        raise ValueError(f"shape must be the image shape (h, w), got {_got(shape)}")
    h, w = (positive_int(n, f"shape[{i}]") for i, n in enumerate(shape))
    if h * w != W.shape[1]:
        raise ValueError(f"shape must multiply to W's {W.shape[1]} columns, got {_got(shape)}")
    margin = integer(margin, "margin", 0, (min(h, w) - 1) // 2)
    mass = np.abs(W).reshape(-1, h, w)
    centre = mass[:, margin:h - margin, margin:w - margin].sum(axis=(1, 2))
    total = mass.sum(axis=(1, 2))
    with np.errstate(invalid="ignore", divide="ignore"):
        return centre / total


def never_lit(X):
    """Boolean (n[0],): True for the inputs (rows of X (n[0], m)) that are 0 in every example."""
    X = array(X, "X", 2, need="(n[0], m)")
    return ~np.any(X != 0, axis=1)
