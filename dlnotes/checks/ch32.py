"""Checkers for chapter 32, convolutions over volumes: a convolution of one colour image by a
bank of filters, written with loops, and a 3-channel filter that acts on the grey image."""
import numpy as np

from .. import conv
from ._core import call, close, passed, require_array

__all__ = ["check_conv_volume", "check_grey_filter"]


def _conv(image, W):
    return conv.conv_forward(image[None], W, np.zeros(W.shape[3]))[0][0]


def check_conv_volume(conv_volume_ch32):
    """``conv_volume_ch32(image, W)``: image (n_H, n_W, n_C), W (f, f, n_C, n_F) -> Z of shape
    (n_H - f + 1, n_W - f + 1, n_F), Z[h, w, c] = sum(image[h:h+f, w:w+f, :] * W[:, :, :, c])."""
    rng = np.random.default_rng(32)
    for shape, wshape in [((6, 7, 3), (3, 3, 3, 4)), ((5, 5, 2), (2, 2, 2, 3))]:
        image, W = rng.standard_normal(shape), rng.standard_normal(wshape)
        got = call(conv_volume_ch32, "conv_volume_ch32", image.copy(), W.copy())
        want = _conv(image, W)
        got = require_array(got, "conv_volume_ch32(...)")
        if got.shape == (want.shape[2],) + want.shape[:2] and got.shape != want.shape:
            raise AssertionError(f"Z has shape {got.shape}: the filters are on the first axis; "
                                 f"channels go last, (n_H, n_W, n_F) = {want.shape}")
        if got.ndim == 4 and got.shape[:2] == want.shape[:2] and got.shape[2] == shape[2]:
            raise AssertionError(f"Z has shape {got.shape}: one map per input channel and filter; "
                                 "sum over the channels, so each filter gives one map")
        require_array(got, "conv_volume_ch32(...)", shape=want.shape)
        if close(got, want):
            continue
        n_C = shape[2]
        if close(got, want / n_C):
            raise AssertionError("Z is the mean over the channels; a filter's output is the "
                                 "sum over all f·f·n_C products of the window")
        first = W.copy()
        first[:, :, 1:, :] = 0
        if close(got, _conv(image, first)):
            raise AssertionError("only the first channel is used; the window and the filter "
                                 "run through all n_C channels: image[h:h+f, w:w+f, :]")
        if close(got, _conv(image, W[::-1, ::-1])):
            raise AssertionError("the filter is flipped; multiply the window by W as it is "
                                 "(cross-correlation)")
        diagonal = np.stack([sum(_conv(image[:, :, k:k + 1], W[:, :, k:k + 1, c:c + 1])[..., 0]
                                 for k in range(n_C) if k == c % n_C)
                             for c in range(W.shape[3])], axis=-1)
        if close(got, diagonal):
            raise AssertionError("filter c only sees input channel c; every filter sums over "
                                 "all the input channels")
        raise AssertionError("Z is wrong: Z[h, w, c] = sum(image[h:h+f, w:w+f, :] * "
                             "W[:, :, :, c])")
    passed("conv_volume_ch32", "each filter sums over its window in all the channels, one "
                               "output channel per filter.")


def check_grey_filter(grey_filter_ch32):
    """``grey_filter_ch32(k, weights)``: a 2-D filter k (f, f) and 3 channel weights -> the
    (f, f, 3, 1) filter whose convolution of an RGB image equals k convolved with the grey
    image sum_c weights[c] * image[:, :, c]."""
    rng = np.random.default_rng(320)
    image = rng.random((8, 9, 3))
    for k, weights in [(conv.EDGE_FILTERS["sobel_vertical"], np.array([0.299, 0.587, 0.114])),
                       (rng.standard_normal((2, 2)), np.array([0.5, -1.0, 0.25]))]:
        got = call(grey_filter_ch32, "grey_filter_ch32", k.copy(), weights.copy())
        got = require_array(got, "grey_filter_ch32(...)")
        f = k.shape[0]
        if got.shape == (f, f, 1, 3):
            raise AssertionError("the filter has shape (f, f, 1, 3): three one-channel filters; "
                                 "one filter through three channels is (f, f, 3, 1)")
        require_array(got, "grey_filter_ch32(...)", shape=(f, f, 3, 1))
        want = k[:, :, None, None] * weights[None, None, :, None]
        if close(got, want):
            grey = (image * weights).sum(axis=2)[:, :, None]
            assert close(_conv(image, got), _conv(grey, k[:, :, None, None]))
            continue
        if close(got, np.repeat(k[:, :, None, None], 3, axis=2)):
            raise AssertionError("each channel holds k itself; weight channel c's slice by "
                                 "weights[c], W[:, :, c, 0] = weights[c] * k")
        if close(got, np.repeat(k[:, :, None, None], 3, axis=2) / 3):
            raise AssertionError("each channel holds k / 3, the plain mean; use the given "
                                 "weights, W[:, :, c, 0] = weights[c] * k")
        if close(got, k.T[:, :, None, None] * weights[None, None, :, None]):
            raise AssertionError("k is transposed; keep its rows and columns as they are")
        raise AssertionError("the filter is wrong: W[:, :, c, 0] = weights[c] * k, so that "
                             "conv(image, W) = conv(sum_c weights[c] image[:, :, c], k)")
    passed("grey_filter_ch32", "one 3-channel filter that sees the weighted grey image.")
