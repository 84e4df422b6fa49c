"""Checkers for chapter 34, pooling: the backward passes of max pooling (the gradient goes to
the maximum of each window only) and of average pooling (shared equally by the window)."""
import numpy as np

from .. import conv
from ._core import call, close, passed, require_array

__all__ = ["check_max_pool_backward", "check_average_pool_backward"]

# (shape of A_prev, f, stride): disjoint windows, overlapping windows, a stride below f.
_CASES = [((2, 6, 7, 3), 2, 2), ((1, 5, 5, 2), 3, 1), ((2, 7, 7, 2), 3, 2)]


def _route(A_prev, dA, f, stride, rule, add=True, step=None):
    """Loop backward pass with a pluggable per-window rule(window, g) -> (f, f) gradient."""
    step = stride if step is None else step
    out = np.zeros(A_prev.shape)
    m, n_H, n_W, n_C = dA.shape
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    rows, cols = slice(h * step, h * step + f), slice(w * step, w * step + f)
                    g = rule(A_prev[i, rows, cols, c], dA[i, h, w, c])
                    if add:
                        out[i, rows, cols, c] += g
                    else:
                        out[i, rows, cols, c] = g
    return out


def _at_max(window, g):
    return (window == window.max()) * g


def _problem(k, shape, f, stride):
    rng = np.random.default_rng(340 + k)
    A_prev = rng.standard_normal(shape)            # continuous values: no tied maxima
    n_H, n_W = (shape[1] - f) // stride + 1, (shape[2] - f) // stride + 1
    return A_prev, rng.standard_normal((shape[0], n_H, n_W, shape[3]))


def check_max_pool_backward(max_pool_backward_ch34):
    """``max_pool_backward_ch34(dA, A_prev, f, stride)`` -> dA_prev of the shape of A_prev: each
    window's gradient dA[i, h, w, c] goes to the position of its maximum only."""
    for k, (shape, f, stride) in enumerate(_CASES):
        A_prev, dA = _problem(k, shape, f, stride)
        got = call(max_pool_backward_ch34, "max_pool_backward_ch34", dA.copy(), A_prev.copy(),
                   f, stride)
        want = conv.pool_backward(dA, conv.pool_forward(A_prev, f, stride, "max")[1])
        got = require_array(got, "max_pool_backward_ch34(...)", shape=A_prev.shape)
        if close(got, want):
            continue
        where = f"(f = {f}, stride = {stride})"
        wrong = [
            (lambda w, g: np.full(w.shape, g), "every position of the window receives the "
             "gradient; only the maximum does (the mask window == window.max())"),
            (lambda w, g: np.full(w.shape, g / w.size), "the gradient is shared equally, as in "
             "average pooling; in max pooling it all goes to the maximum"),
            (lambda w, g: (w == w.min()) * g, "the gradient goes to the minimum of the window"),
            (lambda w, g: (w == w.max()) * 1.0, "the mask is not multiplied by dA[i, h, w, c]"),
        ]
        for rule, hint in wrong:
            if close(got, _route(A_prev, dA, f, stride, rule)):
                raise AssertionError(f"dA_prev is wrong {where}: {hint}.")
        if stride != 1 and close(got, _route(A_prev, dA, f, stride, _at_max, step=1)):
            raise AssertionError(f"dA_prev is wrong {where}: the stride is missing; window "
                                 "(h, w) starts at row h * stride, column w * stride")
        if f > stride and close(got, _route(A_prev, dA, f, stride, _at_max, add=False)):
            raise AssertionError(f"dA_prev is wrong {where}: overlapping windows overwrite each "
                                 "other's gradient; add (+=) what each window sends back")
        if close(got, want.sum(axis=3, keepdims=True) * np.ones_like(want)) or \
                close(got, want[..., :1] * np.ones_like(want)):
            raise AssertionError(f"dA_prev is wrong {where}: the channels are mixed; pooling "
                                 "works on each channel c separately")
        raise AssertionError(f"dA_prev is wrong {where}: dA_prev[i, h s + p, w s + q, c] += "
                             "dA[i, h, w, c] where (p, q) is the maximum of the window")
    passed("max_pool_backward_ch34", "the gradient of each window goes to its maximum, "
                                     "overlapping windows add up.")


def check_average_pool_backward(average_pool_backward_ch34):
    """``average_pool_backward_ch34(dA, shape, f, stride)`` -> dA_prev of the given shape:
    every position of a window receives dA[i, h, w, c] / f^2."""
    for k, (shape, f, stride) in enumerate(_CASES):
        A_prev, dA = _problem(k, shape, f, stride)
        got = call(average_pool_backward_ch34, "average_pool_backward_ch34", dA.copy(),
                   tuple(shape), f, stride)
        want = conv.pool_backward(dA, conv.pool_forward(A_prev, f, stride, "average")[1])
        got = require_array(got, "average_pool_backward_ch34(...)", shape=shape)
        if close(got, want):
            continue
        where = f"(f = {f}, stride = {stride})"
        share = lambda w, g: np.full(w.shape, g / w.size)  # noqa: E731
        wrong = [
            (lambda w, g: np.full(w.shape, g), "every position receives the whole of "
             "dA[i, h, w, c]; the average divides by f·f, so each gets dA / f²"),
            (lambda w, g: np.full(w.shape, g / f), "each position gets dA / f; the window has "
             "f·f positions, so dA / f²"),
            (lambda w, g: np.eye(f)[0][:, None] * np.eye(f)[0] * g, "the whole gradient goes "
             "to the window's first position; share it over all f² positions"),
        ]
        for rule, hint in wrong:
            if close(got, _route(A_prev, dA, f, stride, rule)):
                raise AssertionError(f"dA_prev is wrong {where}: {hint}.")
        if stride != 1 and close(got, _route(A_prev, dA, f, stride, share, step=1)):
            raise AssertionError(f"dA_prev is wrong {where}: the stride is missing; window "
                                 "(h, w) starts at row h * stride, column w * stride")
        if f > stride and close(got, _route(A_prev, dA, f, stride, share, add=False)):
            raise AssertionError(f"dA_prev is wrong {where}: overlapping windows overwrite each "
                                 "other's gradient; add (+=) what each window sends back")
        raise AssertionError(f"dA_prev is wrong {where}: every position of window (h, w) "
                             "receives dA[i, h, w, c] / f², added over the windows it is in")
    passed("average_pool_backward_ch34", "each window's gradient shared equally, dA / f², "
                                         "overlapping windows add up.")
