"""Checkers for chapter 36, why convolutions: a convolution written as the dense matrix it
equals (sparse, with shared weights), and a numerical check of translation equivariance."""
import numpy as np

from .. import conv
from ._core import call, close, passed, require_array, scalar

__all__ = ["check_conv_as_matrix", "check_equivariance_gap"]


def _matrix(W, n_H_prev, n_W_prev, order="C"):
    """The (n_H n_W n_C, n_H_prev n_W_prev n_C_prev) matrix of a stride-1 valid convolution
    without bias, one column per unit input image (flattened in ``order``)."""
    n_in = n_H_prev * n_W_prev * W.shape[2]
    basis = np.stack([np.eye(n_in)[k].reshape((n_H_prev, n_W_prev, W.shape[2]), order=order)
                      for k in range(n_in)])
    Z = conv.conv_forward(basis, W, np.zeros(W.shape[3]))[0]
    return np.stack([z.ravel(order=order) for z in Z], axis=1)


def check_conv_as_matrix(conv_as_matrix_ch36):
    """``conv_as_matrix_ch36(W, n_H_prev, n_W_prev)`` -> the matrix M with
    M @ a.ravel() == conv(a, W).ravel() for one image a (n_H_prev, n_W_prev, n_C_prev)."""
    rng = np.random.default_rng(36)
    for W, n_H_prev, n_W_prev in [(rng.standard_normal((3, 3, 2, 4)), 5, 6),
                                  (rng.standard_normal((2, 2, 3, 2)), 4, 4)]:
        got = call(conv_as_matrix_ch36, "conv_as_matrix_ch36", W.copy(), n_H_prev, n_W_prev)
        want = _matrix(W, n_H_prev, n_W_prev)
        got = require_array(got, "conv_as_matrix_ch36(...)")
        if got.shape == want.T.shape and got.shape != want.shape:
            raise AssertionError(f"M has shape {got.shape} = (inputs, outputs); it maps the "
                                 f"flattened input to the flattened output, so it is "
                                 f"(outputs, inputs) = {want.shape}")
        require_array(got, "conv_as_matrix_ch36(...)", shape=want.shape)
        if close(got, want):
            continue
        if close(got, _matrix(W[::-1, ::-1], n_H_prev, n_W_prev)):
            raise AssertionError("M is the matrix of the flipped filter; the layer computes "
                                 "cross-correlation with W as it is")
        if close(got, _matrix(W, n_H_prev, n_W_prev, order="F")):
            raise AssertionError("M uses column-major (Fortran) order; flatten channels-last "
                                 "volumes row by row, as a.ravel() does: index "
                                 "(h * n_W + w) * n_C + c")
        a = rng.standard_normal((1, n_H_prev, n_W_prev, W.shape[2]))
        z = conv.conv_forward(a, W, np.zeros(W.shape[3]))[0].ravel()
        raise AssertionError(f"M is wrong: M @ a.ravel() should equal conv(a).ravel(); on a "
                             f"random image the largest difference is "
                             f"{np.abs(got @ a.ravel() - z).max():.3g}. Row (h, w, c) holds "
                             "W[p, q, k, c] in column (h + p, w + q, k)")
    passed("conv_as_matrix_ch36", "the dense matrix of the convolution: few non-zeros per row, "
                                  "the same weights in every row.")


def _shift(A, d):
    out = np.zeros_like(A)
    out[:, d:, d:, :] = A[:, :A.shape[1] - d, :A.shape[2] - d, :]
    return out


def _gaps(layer, A, d):
    """The right gap and the values of the typical wrong versions."""
    Zs, Z = layer(_shift(A, d)), layer(A)
    n = Z.shape[1]
    right = np.abs(Zs[:, d:, d:] - Z[:, :n - d, :n - d]).max()
    return right, {
        "whole": (np.abs(Zs - _shift(Z, d)).max(), "the comparison includes the border rows and "
                  "columns h < d, w < d, where the shifted image's filler zeros are under the "
                  "filter; compare only rows and columns from d on"),
        "unshifted": (np.abs(Zs - Z).max(), "the output is compared position by position "
                      "without shifting it back; compare layer(shift(A))[:, d:, d:] with "
                      "layer(A)[:, :n - d, :n - d]"),
        "direction": (np.abs(Zs[:, :n - d, :n - d] - Z[:, d:, d:]).max(), "the outputs are "
                      "shifted the wrong way: the content moved down and right, so "
                      "layer(shift(A)) at (h, w) matches layer(A) at (h - d, w - d)"),
    }


def check_equivariance_gap(equivariance_gap_ch36):
    """``equivariance_gap_ch36(layer, A, d)`` -> max |layer(shift(A))[h, w] - layer(A)[h - d,
    w - d]| over h, w >= d, with shift(A) moving A d pixels down and right (zero fill)."""
    rng = np.random.default_rng(361)
    A = rng.standard_normal((2, 12, 12, 3))
    W = rng.standard_normal((3, 3, 3, 4))
    b = rng.standard_normal(4)
    position = 1 + 0.1 * rng.standard_normal((1, 10, 10, 4))
    layers = {"a convolution": lambda X: conv.conv_forward(X, W, b)[0],
              "a convolution times a position-dependent weight":
                  lambda X: conv.conv_forward(X, W, b)[0] * position}
    for name, layer in layers.items():
        for d in (1, 3):
            got = scalar(call(equivariance_gap_ch36, "equivariance_gap_ch36", layer, A.copy(), d),
                         "equivariance_gap_ch36(...)")
            right, wrong = _gaps(layer, A, d)
            if abs(got - right) <= 1e-9 * max(1.0, right):
                continue
            for value, hint in wrong.values():
                if abs(got - value) <= 1e-9 * max(1.0, value):
                    raise AssertionError(f"for {name} and d = {d} the gap is {got:.3g}, "
                                         f"expected {right:.3g}: {hint}.")
            raise AssertionError(f"for {name} and d = {d} the gap is {got:.3g}, expected "
                                 f"{right:.3g}" + (" (a convolution is equivariant: it should "
                                                   "be zero to rounding)" if right < 1e-9 else ""))
    passed("equivariance_gap_ch36", "zero to rounding for a convolution, not for a layer whose "
                                    "weights depend on the position.")
