"""Hand-made features of grey-level images, for the pipeline of chapters 25 and 26.

Every function takes ``images`` of shape (m, h, w) (grey levels, any scale) and returns the
features in the dense layout of :mod:`dlnotes.dense`, one column per image: F (n_f, m).

- :func:`orientation_histograms`: HOG-like. The gradient (g_x, g_y) by centred differences,
  its orientation θ = atan2(g_y, g_x) folded into [0, π) and its magnitude √(g_x² + g_y²);
  the image is cut into cells × cells blocks and each block adds the magnitudes of its pixels
  into ``bins`` equal orientation bins. Each image's histogram is scaled to unit length.
- :func:`zone_means`: the mean grey level of each of zones × zones equal blocks (zoning).
- :func:`projection_profiles`: the mean grey level of each row and of each column.
- :func:`hand_features`: the three stacked.
"""
from __future__ import annotations

import numpy as np

from ._validate import _got, array, at_least_one_example, positive_int

__all__ = ["gradients", "orientation_histograms", "zone_means", "projection_profiles",
           "hand_features"]


def _images(images, name="images"):
    images = array(images, name, 3, need="(m, h, w)")
    at_least_one_example(images, name, axis=0)
    if images.shape[1] < 2 or images.shape[2] < 2:
        raise ValueError(f"{name} must have at least 2 × 2 pixels per image (m, h, w), got shape "
                         f"{images.shape}")
    return images


def _blocks(n, parts, name, images):
    """Check that an image side of n pixels splits into ``parts`` equal blocks."""
    parts = positive_int(parts, name)
    if n % parts:
        raise ValueError(f"{name} must divide the image side {n} (images of shape "
                         f"{images.shape[1:]}), got {_got(parts)}")
    return parts


def _gradients(images):
    # Centred differences inside, zero padding outside (a digit's border is background).
    P = np.pad(images, ((0, 0), (1, 1), (1, 1)))
    gx = (P[:, 1:-1, 2:] - P[:, 1:-1, :-2]) / 2
    gy = (P[:, 2:, 1:-1] - P[:, :-2, 1:-1]) / 2
    return gx, gy


def gradients(images):
    """(g_x, g_y), each (m, h, w): g_x[i, r, c] = (I[r, c+1] − I[r, c−1]) / 2 and
    g_y[i, r, c] = (I[r+1, c] − I[r−1, c]) / 2, with pixels outside the image taken as 0."""
    return _gradients(_images(images))


def orientation_histograms(images, cells=2, bins=8):
    """HOG-like features: F (cells² · bins, m).

    Row (i · cells + j) · bins + k holds, for block (i, j) (i down, j across) of each image, the
    sum of the gradient magnitudes of its pixels whose orientation θ mod π falls in bin
    k = ⌊θ · bins / π⌋; each column is then divided by its length (a blank image stays 0).
    """
    images = _images(images)
    m, h, w = images.shape
    cells = _blocks(h, cells, "cells", images)
    _blocks(w, cells, "cells", images)
    bins = positive_int(bins, "bins")
    gx, gy = _gradients(images)
    mag = np.hypot(gx, gy)
    theta = np.mod(np.arctan2(gy, gx), np.pi)
    k = np.minimum((theta * bins / np.pi).astype(np.int64), bins - 1)
    ch, cw = h // cells, w // cells
    # Block index of every pixel, then one bincount per image.
    cell = (np.arange(h)[:, None] // ch) * cells + np.arange(w)[None, :] // cw
    index = (cell[None] * bins + k).reshape(m, -1)
    n_f = cells * cells * bins
    offset = (np.arange(m) * n_f)[:, None]
    F = np.bincount((index + offset).ravel(), weights=mag.reshape(m, -1).ravel(),
                    minlength=m * n_f).reshape(m, n_f)
    norm = np.linalg.norm(F, axis=1, keepdims=True)
    return (F / np.where(norm > 0, norm, 1)).T


def zone_means(images, zones=4):
    """Zoning: F (zones², m), row i · zones + j the mean grey level of block (i, j)."""
    images = _images(images)
    m, h, w = images.shape
    zones = _blocks(h, zones, "zones", images)
    _blocks(w, zones, "zones", images)
    blocks = images.reshape(m, zones, h // zones, zones, w // zones)
    return blocks.mean(axis=(2, 4)).reshape(m, -1).T


def projection_profiles(images):
    """Projection profiles: F (h + w, m), the mean of each row (first h) then of each column."""
    images = _images(images)
    m = images.shape[0]
    return np.concatenate([images.mean(axis=2), images.mean(axis=1)], axis=1).reshape(m, -1).T


def hand_features(images, cells=2, bins=8, zones=4):
    """The stacked features [orientation histograms; zone means; projection profiles]:
    F (cells² · bins + zones² + h + w, m)."""
    images = _images(images)
    return np.vstack([orientation_histograms(images, cells, bins), zone_means(images, zones),
                      projection_profiles(images)])
