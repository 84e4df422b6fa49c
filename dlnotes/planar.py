"""Small two-dimensional data sets for the chapters that draw decision boundaries.

Each set is drawn by scikit-learn (``make_moons``, ``make_circles``) or by the spiral formula
below, from an explicit seed, and split into training and held-out points. Shapes follow the
dense convention: X (2, m), one point per column, and Y (1, m) of 0/1 labels.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validate import choice, generator, number, positive_int

__all__ = ["Planar", "load", "NAMES"]

NAMES = ("moons", "circles", "spirals")


class Planar(NamedTuple):
    X_train: np.ndarray   # (2, m_train)
    Y_train: np.ndarray   # (1, m_train), 0/1
    X_test: np.ndarray    # (2, m_test)
    Y_test: np.ndarray    # (1, m_test)


def _spirals(m, noise, rng):
    """Two interleaved arms r = t, angle t (+π for class 1), t uniform in [0.25, 3π]."""
    t = rng.uniform(0.25, 3 * np.pi, m)
    y = np.arange(m) % 2
    angle = t + np.pi * y
    X = np.stack([t * np.cos(angle), t * np.sin(angle)], axis=1) / (3 * np.pi)
    return X + noise * rng.standard_normal(X.shape), y


def load(name="moons", n_train=300, n_test=100, noise=0.2, seed=0, factor=0.5) -> Planar:
    """Draw ``n_train + n_test`` points of the set ``name`` and split them.

    name: "moons" (two interleaved half circles), "circles" (a ring around a disc, radius ratio
    ``factor``) or "spirals" (two arms). noise: standard deviation of Gaussian noise added to
    each coordinate. The same seed gives the same points. Returns a :class:`Planar`.
    """
    choice(name, "name", NAMES)
    n_train = positive_int(n_train, "n_train")
    n_test = positive_int(n_test, "n_test")
    noise = number(noise, "noise", lo=0)
    if name == "circles":
        factor = number(factor, "factor", lo=0, hi=1, lo_open=True, hi_open=True)
    m = n_train + n_test
    rng = generator(seed)
    if name == "spirals":
        X, y = _spirals(m, float(noise), rng)
    else:
        from sklearn import datasets

        state = int(rng.integers(2**31 - 1))
        if name == "moons":
            X, y = datasets.make_moons(m, noise=float(noise), random_state=state)
        else:
            X, y = datasets.make_circles(m, noise=float(noise), factor=factor,
                                         random_state=state)
    X, y = X.T.astype(np.float64), y[None, :].astype(np.float64)
    return Planar(X[:, :n_train], y[:, :n_train], X[:, n_train:], y[:, n_train:])
