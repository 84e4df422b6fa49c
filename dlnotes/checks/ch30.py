"""Checkers for chapter 30, padding: zero padding by hand, and how many windows use each
input pixel."""
import numpy as np

from .. import conv
from ._core import call, close, passed, require_array

__all__ = ["check_pad_images", "check_pixel_usage"]


def check_pad_images(pad_images_ch30):
    """``pad_images_ch30(X, p)``: X (m, n_H, n_W, n_C) with p zeros added on each side of the
    two spatial axes only, shape (m, n_H + 2p, n_W + 2p, n_C)."""
    rng = np.random.default_rng(30)
    X = rng.standard_normal((2, 4, 3, 2)) + 1.0
    for p in (2, 0):
        want = conv.zero_pad(X, p)
        got = require_array(call(pad_images_ch30, "pad_images_ch30", X.copy(), p),
                            f"pad_images_ch30(X, {p})")
        m, h, w, c = X.shape
        if got.shape == (m + 2 * p, h + 2 * p, w + 2 * p, c + 2 * p) and p:
            raise AssertionError(f"shape {got.shape}: every axis is padded; pad only n_H and n_W "
                                 "(axes 1 and 2), not the examples or the channels")
        if got.shape == (m, h + p, w + p, c) and p:
            raise AssertionError(f"shape {got.shape}: the zeros are added on one side only; "
                                 "put p on each side, so n_H grows by 2p")
        if got.shape == (m, h + 2 * p, w + 2 * p, c + 2 * p) and p:
            raise AssertionError(f"shape {got.shape}: the channels are padded too; pad only axes "
                                 "1 and 2")
        require_array(got, f"pad_images_ch30(X, {p})", shape=want.shape)
        if not close(got, want):
            if p and close(got[:, :h, :w, :], X):
                raise AssertionError("X sits in the top-left corner; it belongs in the middle, "
                                     "with p zeros before and after along each spatial axis")
            if p and np.any(got[:, :p] != 0):
                raise AssertionError("the border is not zero: pad with zeros (constant 0)")
            raise AssertionError(f"wrong values for p = {p}: the middle must be X and the border "
                                 "zeros")
    passed("pad_images_ch30", "p zeros around the two spatial axes, nothing else.")


def _usage(n, f, pad):
    Z, cache = conv.conv_forward(np.zeros((1, n, n, 1)), np.zeros((f, f, 1, 1)), np.zeros(1),
                                 1, pad)
    return conv.conv_backward(np.ones_like(Z), (np.zeros((1, n, n, 1)), np.ones((f, f, 1, 1)),
                                                np.zeros(1), 1, pad))[0][0, :, :, 0]


def check_pixel_usage(pixel_usage_ch30):
    """``pixel_usage_ch30(n, f, pad)``: an (n, n) integer array, entry (i, j) the number of
    f x f windows (stride 1, on the input padded by ``pad``) that contain input pixel (i, j)."""
    for n, f, pad in ((6, 3, 0), (6, 3, 1), (7, 5, 2), (5, 2, 0)):
        want = _usage(n, f, pad)
        got = np.asarray(call(pixel_usage_ch30, "pixel_usage_ch30", n, f, pad))
        if got.shape == (n + 2 * pad, n + 2 * pad) and pad:
            raise AssertionError(f"shape {got.shape} for n={n}, pad={pad}: the counts cover the "
                                 f"padded grid; return the ({n}, {n}) input pixels only")
        require_array(got, f"pixel_usage_ch30({n}, {f}, {pad})", shape=(n, n))
        if close(got, want):
            continue
        if pad and close(got, _usage(n, f, 0)):
            raise AssertionError(f"pixel_usage_ch30({n}, {f}, {pad}) ignores the padding: with "
                                 "pad > 0 there are more windows and the border pixels are in "
                                 "more of them")
        if close(got, np.full((n, n), f * f)):
            raise AssertionError("every pixel is counted f² times; pixels near the border are in "
                                 "fewer windows")
        if got.sum() == want.sum() - (2 * (n + 2 * pad - f + 1) - 1) * f * f or \
                got.max() < want.max():
            raise AssertionError(f"too few windows for n={n}, f={f}, pad={pad}: there are "
                                 f"n + 2 pad - f + 1 = {n + 2 * pad - f + 1} window positions "
                                 "along each axis (off by one?)")
        raise AssertionError(f"wrong counts for n={n}, f={f}, pad={pad}: at (0, 0) got "
                             f"{got[0, 0]}, expected {want[0, 0]:.0f}; at the centre got "
                             f"{got[n // 2, n // 2]}, expected {want[n // 2, n // 2]:.0f}")
    passed("pixel_usage_ch30", "the window counts match for four (n, f, pad).")
