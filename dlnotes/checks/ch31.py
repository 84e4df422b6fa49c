"""Checkers for chapter 31, strided convolution: the output-size formula, and a strided
2-D convolution written as a loop."""
import math

import numpy as np

from .. import conv
from ._core import call, close, passed, require_array, scalar

__all__ = ["check_output_size", "check_strided_conv2d"]

_CASES = [(6, 3, 0, 1), (7, 3, 0, 2), (8, 3, 0, 2), (7, 3, 1, 2), (28, 5, 2, 1), (10, 4, 0, 3),
          (9, 3, 1, 3), (32, 5, 0, 1), (15, 2, 0, 2), (11, 5, 1, 4)]


def check_output_size(output_size_ch31):
    """``output_size_ch31(n, f, pad, stride)`` -> floor((n + 2 pad - f) / stride) + 1."""
    formulas = {
        "the +1 is missing (the first window counts)": lambda n, f, p, s: (n + 2 * p - f) // s,
        "the padding is counted once; it is added on both sides, n + 2 pad":
            lambda n, f, p, s: (n + p - f) // s + 1,
        "the stride is ignored: divide n + 2 pad - f by the stride":
            lambda n, f, p, s: n + 2 * p - f + 1,
        "the division is rounded up; a window that runs past the edge is not used: "
        "floor((n + 2 pad - f) / stride) + 1":
            lambda n, f, p, s: math.ceil((n + 2 * p - f) / s) + 1,
        "the whole n + 2 pad - f + 1 is divided by the stride; the +1 comes after the floor":
            lambda n, f, p, s: (n + 2 * p - f + 1) // s,
        "the padding is subtracted; it enlarges the input": lambda n, f, p, s:
            (n - 2 * p - f) // s + 1,
    }
    got_all = []
    for n, f, p, s in _CASES:
        got = scalar(call(output_size_ch31, "output_size_ch31", n, f, p, s),
                     f"output_size_ch31({n}, {f}, {p}, {s})")
        got_all.append(got)
    want = [conv.conv_output_size(*c) for c in _CASES]
    if np.allclose(got_all, want):
        passed("output_size_ch31", f"{len(_CASES)} cases, from 6 x 6 by 3 x 3 to stride 4.")
        return
    for hint, fn in formulas.items():
        if np.allclose(got_all, [fn(*c) for c in _CASES]):
            raise AssertionError(hint)
    k = next(i for i, (g, w) in enumerate(zip(got_all, want)) if g != w)
    n, f, p, s = _CASES[k]
    if abs(got_all[k] - (n + 2 * p - f) / s - 1) < 1e-9:
        raise AssertionError(f"output_size_ch31({n}, {f}, {p}, {s}) = {got_all[k]}: not "
                             "rounded down; use // (floor division)")
    raise AssertionError(f"output_size_ch31({n}, {f}, {p}, {s}) = {got_all[k]}, expected "
                         f"{want[k]}")


def _strided(image, kernel, stride):
    return conv.conv_forward(image[None, :, :, None], kernel[:, :, None, None], np.zeros(1),
                             stride)[0][0, :, :, 0]


def check_strided_conv2d(strided_conv2d_ch31):
    """``strided_conv2d_ch31(image, kernel, stride)``: valid cross-correlation with the window
    moved ``stride`` pixels at a time, shape floor((n - f) / stride) + 1 along each axis."""
    rng = np.random.default_rng(31)
    image = rng.integers(0, 9, (9, 8)).astype(float)
    kernel = rng.integers(-2, 3, (3, 3)).astype(float)
    for stride in (2, 3, 1):
        want = _strided(image, kernel, stride)
        got = require_array(call(strided_conv2d_ch31, "strided_conv2d_ch31", image.copy(),
                                 kernel.copy(), stride), f"strided_conv2d_ch31(..., {stride})")
        dense = _strided(image, kernel, 1)
        if stride > 1 and got.shape == dense.shape:
            raise AssertionError(f"with stride {stride} the output has shape {got.shape}, the "
                                 "shape of stride 1: the stride is missing; window (h, w) starts "
                                 "at row h * stride, column w * stride")
        require_array(got, f"strided_conv2d_ch31(image, kernel, {stride})", shape=want.shape)
        if close(got, want):
            continue
        if close(got, _strided(image, kernel[::-1, ::-1], stride)):
            raise AssertionError("the kernel is flipped; cross-correlation uses kernel[p, q] as "
                                 "it is")
        if stride > 1 and close(got, dense[:want.shape[0], :want.shape[1]]):
            raise AssertionError(f"with stride {stride} the numbers are the first ones of the "
                                 "stride-1 map: the window must start at row h * stride, "
                                 "column w * stride")
        raise AssertionError(f"wrong values with stride {stride}: out[h, w] = "
                             "sum(image[h*s:h*s+f, w*s:w*s+f] * kernel)")
    passed("strided_conv2d_ch31", "strides 1, 2 and 3 on a 9 x 8 image.")
