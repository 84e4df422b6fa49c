"""Checkers for chapter 33, one layer of a convolutional network: the layer's forward pass
(convolution, bias, ReLU) and its sizes (output shape and number of parameters)."""
import numpy as np

from .. import conv
from ._core import call, close, passed, require_array

__all__ = ["check_conv_relu_layer", "check_layer_size"]


def _relu(x):
    return np.maximum(x, 0)


def check_conv_relu_layer(conv_relu_layer_ch33):
    """``conv_relu_layer_ch33(A_prev, W, b, stride, pad)`` -> A = ReLU(Z), with Z the
    convolution of the zero-padded A_prev by W (stride ``stride``) plus b."""
    rng = np.random.default_rng(33)
    cases = [(rng.standard_normal((2, 7, 8, 3)), rng.standard_normal((3, 3, 3, 4)),
              rng.standard_normal(4), 2, 1),
             (rng.standard_normal((1, 6, 6, 2)), rng.standard_normal((2, 2, 2, 3)),
              rng.standard_normal(3), 1, 0)]
    for A_prev, W, b, stride, pad in cases:
        got = call(conv_relu_layer_ch33, "conv_relu_layer_ch33", A_prev.copy(), W.copy(),
                   b.copy(), stride, pad)
        Z = conv.conv_forward(A_prev, W, b, stride, pad)[0]
        want = _relu(Z)
        require_array(got, "conv_relu_layer_ch33(...)")
        where = f"(stride {stride}, pad {pad})"
        if got.shape != want.shape:
            for s, p, hint in ((1, pad, "the stride is ignored: the window moves by `stride` "
                                        "pixels, so start it at h * stride, w * stride"),
                               (stride, 0, "the padding is ignored: pad A_prev with `pad` zeros "
                                           "on each side of both spatial axes first")):
                if (s, p) != (stride, pad) and got.shape == conv.conv_forward(A_prev, W, b, s, p)[0].shape:
                    raise AssertionError(f"the output has shape {got.shape} {where}, expected "
                                         f"{want.shape}: {hint}")
            raise AssertionError(f"the output has shape {got.shape} {where}, expected "
                                 f"{want.shape} = (m, n_H, n_W, n_C) with "
                                 "n_H = floor((n_H_prev + 2 pad - f) / stride) + 1")
        if close(got, want):
            continue
        if close(got, Z):
            raise AssertionError("the output is Z, before the activation: apply the ReLU, "
                                 "A = max(Z, 0)")
        if close(got, _relu(Z - b)):
            raise AssertionError("the bias is missing: add b[c] to every number of channel c "
                                 "before the ReLU")
        if close(got, _relu(Z - b) + b):
            raise AssertionError("the bias is added after the ReLU; it belongs inside it, "
                                 "A = ReLU(conv + b), so it moves the threshold")
        flipped = _relu(conv.conv_forward(A_prev, W[::-1, ::-1], b, stride, pad)[0])
        if close(got, flipped):
            raise AssertionError("the filter is flipped: the layer computes cross-correlation, "
                                 "sum(window * W[:, :, :, c]) with W as it is")
        if close(got, _relu(Z - b + b.sum())):
            raise AssertionError("every channel gets the sum of all the biases; channel c "
                                 "gets only b[c]")
        raise AssertionError(f"the output is wrong {where}: A[i, h, w, c] = max(0, "
                             "sum(A_pad[i, h s : h s + f, w s : w s + f, :] * W[:, :, :, c]) + b[c])")
    passed("conv_relu_layer_ch33", "convolution, bias per filter, ReLU, with stride and padding.")


def check_layer_size(layer_size_ch33):
    """``layer_size_ch33(n_H_prev, n_W_prev, n_C_prev, f, n_C, stride, pad)`` -> the tuple
    (n_H, n_W, n_C, parameters) of a convolutional layer."""
    cases = [(6, 6, 3, 3, 10, 1, 0), (39, 39, 3, 3, 10, 1, 0), (37, 37, 10, 5, 20, 2, 0),
             (64, 48, 3, 5, 8, 2, 2), (1000, 1000, 3, 3, 10, 1, 1)]
    for n_H_prev, n_W_prev, n_C_prev, f, n_C, s, p in cases:
        got = call(layer_size_ch33, "layer_size_ch33", n_H_prev, n_W_prev, n_C_prev, f, n_C, s, p)
        if not isinstance(got, (tuple, list)) or len(got) != 4:
            raise AssertionError(f"layer_size_ch33 returned {got!r}; return a tuple "
                                 "(n_H, n_W, n_C, parameters)")
        try:
            n_H, n_W, n_C_out, params = (int(v) for v in got)
        except (TypeError, ValueError):
            raise AssertionError(f"layer_size_ch33 returned {got!r}; the four entries must be "
                                 "integers") from None
        args = f"layer_size_ch33{(n_H_prev, n_W_prev, n_C_prev, f, n_C, s, p)}"
        want_H = conv.conv_output_size(n_H_prev, f, p, s)
        want_W = conv.conv_output_size(n_W_prev, f, p, s)
        if (n_H, n_W) != (want_H, want_W):
            if (n_H, n_W) == (n_H_prev + 2 * p - f + 1, n_W_prev + 2 * p - f + 1):
                raise AssertionError(f"{args}: (n_H, n_W) = {(n_H, n_W)}, expected "
                                     f"{(want_H, want_W)}: the stride is missing, divide "
                                     "n + 2p - f by s (rounding down) before adding 1")
            if (n_H, n_W) == (conv.conv_output_size(n_H_prev, f, 0, s),
                              conv.conv_output_size(n_W_prev, f, 0, s)):
                raise AssertionError(f"{args}: (n_H, n_W) = {(n_H, n_W)}, expected "
                                     f"{(want_H, want_W)}: the padding is missing, + 2p")
            if (n_H, n_W) == ((n_H_prev + 2 * p - f) // s, (n_W_prev + 2 * p - f) // s):
                raise AssertionError(f"{args}: (n_H, n_W) = {(n_H, n_W)}, expected "
                                     f"{(want_H, want_W)}: add 1 after the division")
            raise AssertionError(f"{args}: (n_H, n_W) = {(n_H, n_W)}, expected "
                                 f"{(want_H, want_W)} = floor((n + 2p - f) / s) + 1")
        if n_C_out != n_C:
            raise AssertionError(f"{args}: n_C = {n_C_out}; the output has one channel per "
                                 f"filter, {n_C}")
        want = (f * f * n_C_prev + 1) * n_C
        hints = {f * f * n_C_prev * n_C: "the biases are missing: one per filter, + n_C",
                 (f * f + 1) * n_C: "each filter has f·f·n_C_prev weights, through every "
                                    "channel of the input, not f·f",
                 2 * f * f * n_C_prev * n_C: "one bias per filter, not one per weight",
                 (f * f * n_C_prev + 1) * n_C * n_H * n_W: "the count depends on the image "
                                    "size: the same filters are used at every position, so "
                                    "do not multiply by n_H·n_W",
                 f * f * n_C_prev * n_C + 1: "one bias per filter (n_C of them), not one for "
                                             "the layer"}
        if params != want:
            if params in hints:
                raise AssertionError(f"{args}: parameters = {params:,}, expected {want:,}: "
                                     f"{hints[params]}")
            raise AssertionError(f"{args}: parameters = {params:,}, expected {want:,} = "
                                 "(f·f·n_C_prev + 1)·n_C")
    passed("layer_size_ch33", "output shape floor((n + 2p - f)/s) + 1 per axis, n_C channels, "
                              "(f·f·n_C_prev + 1)·n_C parameters.")
