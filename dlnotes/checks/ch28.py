"""Checkers for chapter 28, edge detection: a 2-D convolution written as a loop, and the edge
strength of an image from a vertical and a horizontal filter."""
import numpy as np

from .. import conv
from ._core import call, close, passed, require_array

__all__ = ["check_conv2d", "check_edge_strength"]


def _correlate(image, kernel):
    return conv.conv_forward(image[None, :, :, None], kernel[:, :, None, None], np.zeros(1))[0][
        0, :, :, 0]


def check_conv2d(conv2d_ch28):
    """``conv2d_ch28(image, kernel)``: the valid cross-correlation of a grey image (n_H, n_W)
    with a kernel (f, f), shape (n_H - f + 1, n_W - f + 1), the kernel NOT flipped."""
    rng = np.random.default_rng(28)
    image = rng.integers(0, 10, (7, 6)).astype(float)
    kernel = rng.integers(-3, 4, (3, 3)).astype(float)
    want = _correlate(image, kernel)
    got = call(conv2d_ch28, "conv2d_ch28", image.copy(), kernel.copy())
    got = require_array(got, "conv2d_ch28(image, kernel)")
    if got.shape in ((4, 3), (6, 5), (5, 4)) and got.shape != want.shape:
        raise AssertionError(f"the output has shape {got.shape}, expected {want.shape}: a valid "
                             "convolution of n x n by f x f has n - f + 1 positions along each "
                             "axis (off by one: range(n - f + 1), not range(n - f))")
    if got.shape == image.shape:
        raise AssertionError(f"the output has the image's shape {image.shape}; without padding "
                             f"it has shape (n_H - f + 1, n_W - f + 1) = {want.shape}")
    if got.shape == want.T.shape and got.shape != want.shape:
        raise AssertionError(f"the output has shape {got.shape}, expected {want.shape}: rows "
                             "and columns are swapped")
    require_array(got, "conv2d_ch28(image, kernel)", shape=want.shape)
    if close(got, want):
        other = call(conv2d_ch28, "conv2d_ch28", image[:6, :6].copy(), kernel[:2, :2].copy())
        if not close(other, _correlate(image[:6, :6], kernel[:2, :2])):
            raise AssertionError("right for a 3 x 3 kernel but wrong for a 2 x 2 one: take the "
                                 "window size f from kernel.shape[0], do not write 3")
        passed("conv2d_ch28", f"a {want.shape[0]} x {want.shape[1]} map from a 7 x 6 image and "
                              "a 3 x 3 kernel.")
        return
    if close(got, _correlate(image, kernel[::-1, ::-1])):
        raise AssertionError("the kernel is flipped (that is the convolution of mathematics); "
                             "deep learning's convolution multiplies window[p, q] by "
                             "kernel[p, q] without flipping")
    if close(got, _correlate(image, kernel.T)):
        raise AssertionError("the kernel is transposed: multiply window[p, q] by kernel[p, q]")
    if close(got, -want):
        raise AssertionError("every number has the wrong sign")
    raise AssertionError("the output has the right shape but wrong values: out[h, w] = "
                         "sum(image[h:h+f, w:w+f] * kernel)")


def check_edge_strength(edge_strength_ch28):
    """``edge_strength_ch28(image)``: sqrt(gx^2 + gy^2), where gx is the valid response to
    the plain vertical filter and gy to the plain horizontal one."""
    rng = np.random.default_rng(280)
    image = rng.random((8, 9))
    gx = _correlate(image, conv.edge_filter("plain", "vertical"))
    gy = _correlate(image, conv.edge_filter("plain", "horizontal"))
    want = np.sqrt(gx**2 + gy**2)
    got = require_array(call(edge_strength_ch28, "edge_strength_ch28", image.copy()),
                        "edge_strength_ch28(image)")
    require_array(got, "edge_strength_ch28(image)", shape=want.shape)
    if close(got, want):
        passed("edge_strength_ch28", "sqrt(gx² + gy²) from the vertical and horizontal filters.")
        return
    if close(got, gx**2 + gy**2):
        raise AssertionError("this is gx² + gy²: take its square root")
    if close(got, np.abs(gx)) or close(got, gx):
        raise AssertionError("only the vertical filter is used: add the horizontal one, "
                             "sqrt(gx² + gy²)")
    if close(got, np.abs(gy)) or close(got, gy):
        raise AssertionError("only the horizontal filter is used: add the vertical one, "
                             "sqrt(gx² + gy²)")
    if close(got, np.abs(gx) + np.abs(gy)):
        raise AssertionError("this is |gx| + |gy|; the strength is sqrt(gx² + gy²)")
    if close(got, gx + gy) or close(got, np.abs(gx + gy)):
        raise AssertionError("gx and gy are added; square them first: sqrt(gx² + gy²)")
    raise AssertionError("wrong values: gx = response to edge_filter('plain', 'vertical'), "
                         "gy = to the horizontal one, strength sqrt(gx² + gy²)")
