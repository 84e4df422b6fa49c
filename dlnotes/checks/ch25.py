"""Checkers for chapter 25, end-to-end learning: hand-made features of digit images (zoning,
projection profiles, the orientation bin of a gradient)."""
import numpy as np

from .. import features
from ._core import call, close, passed, require_array


__all__ = ["check_zoning", "check_profiles", "check_orientation_bin"]


def _images(seed=25, m=5, h=6, w=9):
    return np.random.default_rng(seed).uniform(0, 1, (m, h, w))


def _as_array(got, name):
    return require_array(np.asarray(got, dtype=float) if isinstance(got, list) else got, name)


def check_zoning(zoning):
    """``zoning(images, zones)`` -> (zones², m): the mean grey level of each block, row
    i · zones + j for block (i, j), one column per image."""
    images = _images()
    m, h, w = images.shape
    for zones in (3, 1):
        got = _as_array(call(zoning, "zoning", images.copy(), zones), f"zoning(images, {zones})")
        want = features.zone_means(images, zones)
        if got.shape == want.T.shape and got.shape != want.shape:
            raise AssertionError(f"zoning returned shape {got.shape} = (m, zones²); the book's "
                                 f"layout is one column per image, (zones², m) = {want.shape}")
        require_array(got, f"zoning(images, {zones})", shape=want.shape)
        if close(got, want):
            continue
        blocks = images.reshape(m, zones, h // zones, zones, w // zones)
        if close(got, blocks.sum(axis=(2, 4)).reshape(m, -1).T):
            raise AssertionError("these are the sums of the blocks; divide by the number of "
                                 "pixels in a block (take the mean)")
        if close(got, blocks.mean(axis=(2, 4)).transpose(0, 2, 1).reshape(m, -1).T):
            raise AssertionError("the blocks are in column order: row i · zones + j must hold "
                                 "block (i, j), i counting down and j across")
        wrong = images.reshape(m, h // zones, zones, w // zones, zones).mean(axis=(1, 3))
        if close(got, wrong.reshape(m, -1).T):
            raise AssertionError("each number averages every zones-th pixel (a strided sample), "
                                 "not a block of neighbours: reshape to (m, zones, h/zones, "
                                 "zones, w/zones) and average axes 2 and 4")
        raise AssertionError(f"zoning(images, {zones}) has the right shape but not the values: "
                             "each entry is the mean of one block of (h/zones) × (w/zones) pixels")
    passed("zoning", "one mean grey level per block, one column per image.")


def check_profiles(profiles):
    """``profiles(images)`` -> (h + w, m): the mean of each row, then the mean of each column."""
    images = _images(250)
    m, h, w = images.shape
    got = _as_array(call(profiles, "profiles", images.copy()), "profiles(images)")
    want = features.projection_profiles(images)
    if got.shape == want.T.shape:
        raise AssertionError(f"profiles returned shape {got.shape} = (m, h + w); return one "
                             f"column per image, (h + w, m) = {want.shape}")
    require_array(got, "profiles(images)", shape=want.shape)
    if close(got, want):
        passed("profiles", "row means then column means, one column per image.")
        return
    rows, cols = images.mean(axis=2), images.mean(axis=1)
    if close(got, np.concatenate([cols, rows], axis=1).T):
        raise AssertionError("the columns come first; put the h row means first, then the w "
                             "column means")
    if close(got, np.concatenate([images.sum(axis=2), images.sum(axis=1)], axis=1).T):
        raise AssertionError("these are sums; the profile is the mean of each row and column")
    if close(got[:h], images.mean(axis=1)[:, :h].T) or close(got[:h], images.mean(axis=0)[:h]):
        raise AssertionError("the row profile averages the wrong axis: the mean of row r is the "
                             "mean over its w pixels, images.mean(axis=2)")
    raise AssertionError("profiles has the right shape but not the values: rows 0..h-1 are "
                         "images.mean(axis=2).T, rows h..h+w-1 images.mean(axis=1).T")


def check_orientation_bin(orientation_bin):
    """``orientation_bin(gx, gy, bins)`` -> int array of the shape of gx: the bin
    ⌊θ · bins / π⌋ of θ = atan2(gy, gx) folded into [0, π), at most bins − 1."""
    rng = np.random.default_rng(2500)
    gx, gy = rng.standard_normal((2, 4, 7))
    gx[0, 0], gy[0, 0] = 1.0, -1e-20       # θ = -1e-20 folds to π after rounding: clip to bins-1
    gx[1, 1], gy[1, 1] = 0.0, 0.0           # a flat patch: atan2(0, 0) = 0, bin 0
    bins = 8
    got = call(orientation_bin, "orientation_bin", gx.copy(), gy.copy(), bins)
    got = np.asarray(got) if isinstance(got, list) else got
    require_array(got, "orientation_bin(gx, gy, bins)", shape=gx.shape)
    theta = np.mod(np.arctan2(gy, gx), np.pi)
    want = np.minimum((theta * bins / np.pi).astype(np.int64), bins - 1)
    if got.dtype.kind not in "iu":
        if close(got, theta * bins / np.pi):
            raise AssertionError("the bin must be a whole number: take the integer part "
                                 "(np.floor, or .astype(int) for non-negative numbers)")
        raise AssertionError(f"orientation_bin returned dtype {got.dtype}; bins are integers")
    if np.array_equal(got, want):
        passed("orientation_bin", "θ folded into [0, π), bins of width π / bins.")
        return
    signed = np.arctan2(gy, gx)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.mod(np.arctan(gy / gx), np.pi) * bins / np.pi
    if np.array_equal(got[np.isfinite(ratio)], want[np.isfinite(ratio)]) and not np.isfinite(ratio).all():
        raise AssertionError("right, except where gx = gy = 0 (a flat patch): arctan(gy / gx) "
                             "is 0 / 0 there; np.arctan2(gy, gx) gives 0 and has no such problem")
    if np.array_equal(got, np.floor(signed * bins / np.pi).astype(np.int64)) or got.min() < 0:
        raise AssertionError("some bins are negative: atan2 gives angles in (-π, π]; fold them "
                             "into [0, π) with np.mod(theta, np.pi), so that a gradient and its "
                             "opposite (the two sides of one stroke) share a bin")
    if got.max() >= bins:
        raise AssertionError(f"a bin reaches {got.max()}: bins run from 0 to bins - 1 = "
                             f"{bins - 1}; clip with np.minimum(k, bins - 1)")
    if np.array_equal(got, np.minimum((np.mod(np.arctan2(gx, gy), np.pi) * bins / np.pi)
                                      .astype(np.int64), bins - 1)):
        raise AssertionError("gx and gy are swapped: θ = atan2(gy, gx), the angle from the "
                             "x axis")
    two_pi = np.minimum((np.mod(signed, 2 * np.pi) * bins / (2 * np.pi)).astype(np.int64), bins - 1)
    if np.array_equal(got, two_pi):
        raise AssertionError("the bins cover the full circle [0, 2π); here they cover [0, π) "
                             "(unsigned orientation), each of width π / bins")
    raise AssertionError(f"orientation_bin is wrong: got {got[0].tolist()} in the first row, "
                         f"expected {want[0].tolist()}")
