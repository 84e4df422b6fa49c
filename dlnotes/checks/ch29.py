"""Checkers for chapter 29, more edge detection: one gradient-descent step of the
filter-learning loop, and the direction of the image gradient from the Sobel filters."""
import numpy as np

from .. import conv
from ._core import call, close, passed, require_array, scalar

__all__ = ["check_filter_step", "check_gradient_direction"]


def _step(X, T, W, b, lr, scale=None, sign=1, bias=True):
    Z, cache = conv.conv_forward(X[..., None], W[:, :, None, None], np.array([b]))
    diff = Z - T[..., None]
    N = diff.size if scale is None else scale
    _, dW, db = conv.conv_backward(diff / N, cache)
    cost = 0.5 * float(np.mean(diff**2))
    return (W - sign * lr * dW[:, :, 0, 0], (b - sign * lr * float(db[0])) if bias else b, cost)


def check_filter_step(filter_step_ch29):
    """``filter_step_ch29(X, T, W, b, learning_rate)`` -> (W_new, b_new, cost): X (m, n_H, n_W)
    images, T (m, n_H - 2, n_W - 2) targets, W (3, 3), b a float; cost = (1 / 2N) sum (Z - T)^2
    before the step, dZ = (Z - T) / N, and W_new = W - learning_rate dW, b_new = b -
    learning_rate db, with dW, db from conv_backward."""
    rng = np.random.default_rng(29)
    X = rng.standard_normal((3, 7, 6))
    T = rng.standard_normal((3, 5, 4))
    W = rng.standard_normal((3, 3))
    b, lr = 0.3, 0.1
    got = call(filter_step_ch29, "filter_step_ch29", X.copy(), T.copy(), W.copy(), b, lr)
    if not isinstance(got, tuple) or len(got) != 3:
        raise AssertionError("return a tuple (W_new, b_new, cost)")
    W_new = require_array(np.asarray(got[0]) if not isinstance(got[0], np.ndarray) else got[0],
                          "W_new", shape=(3, 3))
    b_new = scalar(got[1], "b_new")
    cost = scalar(got[2], "cost")
    W_w, b_w, c_w = _step(X, T, W, b, lr)
    if not np.isclose(cost, c_w, rtol=1e-7):
        if np.isclose(cost, 2 * c_w):
            raise AssertionError("the cost is twice the expected one: J = (1 / 2N) sum (Z - T)²")
        Z0 = conv.conv_forward(X[..., None], W[:, :, None, None], np.zeros(1))[0]
        if np.isclose(cost, 0.5 * np.mean((Z0[..., 0] - T) ** 2)):
            raise AssertionError("the cost ignores the bias: Z = conv_forward(X, W, b) with b")
        raise AssertionError(f"cost is {cost:.6g}, expected {c_w:.6g} = mean((Z - T)²) / 2 "
                             "before the step")
    if close(W_new, W_w) and np.isclose(b_new, b_w):
        passed("filter_step_ch29", "cost before the step, W and b moved against dW and db.")
        return
    if close(W_new, _step(X, T, W, b, lr, sign=-1)[0]):
        raise AssertionError("W moved up the gradient: subtract learning_rate * dW")
    if close(W_new, _step(X, T, W, b, lr, scale=1)[0]):
        raise AssertionError("the step is N times too large: divide Z - T by N = Z.size, the "
                             "number of output numbers, before conv_backward")
    if close(W_new, _step(X, T, W, b, lr, scale=X.shape[0])[0]):
        raise AssertionError("Z - T is divided by m, the number of images; the cost is a mean "
                             "over all N = Z.size output numbers")
    if close(W_new, W_w) and np.isclose(b_new, b):
        raise AssertionError("b is not updated: b_new = b - learning_rate * db")
    if close(W_new, W_w.T):
        raise AssertionError("W_new is transposed")
    raise AssertionError("W_new is wrong: W - learning_rate * dW, with dW from "
                         "conv_backward((Z - T) / Z.size, cache)")


def _sobel(image, orientation):
    k = conv.edge_filter("sobel", orientation)
    return conv.conv_forward(image[None, :, :, None], k[:, :, None, None], np.zeros(1))[0][
        0, :, :, 0]


def check_gradient_direction(gradient_direction_ch29):
    """``gradient_direction_ch29(image)`` -> angles in (-pi, pi], np.arctan2(gy, gx), where gx
    is the valid response to the vertical Sobel filter and gy to the horizontal one."""
    rng = np.random.default_rng(290)
    image = rng.random((7, 8))
    gx, gy = _sobel(image, "vertical"), _sobel(image, "horizontal")
    want = np.arctan2(gy, gx)
    got = require_array(call(gradient_direction_ch29, "gradient_direction_ch29", image.copy()),
                        "gradient_direction_ch29(image)", shape=want.shape)
    if close(got, want):
        passed("gradient_direction_ch29", "arctan2(gy, gx) from the two Sobel responses.")
        return
    if close(got, np.arctan2(gx, gy)):
        raise AssertionError("the arguments are swapped: np.arctan2(gy, gx), the vertical "
                             "component first")
    with np.errstate(divide="ignore", invalid="ignore"):
        if close(got, np.arctan(gy / gx)):
            raise AssertionError("np.arctan(gy / gx) loses the quadrant (and fails at gx = 0): "
                                 "use np.arctan2(gy, gx)")
    if close(got, np.degrees(want)):
        raise AssertionError("the angles are in degrees; return radians")
    raise AssertionError("wrong angles: gx from edge_filter('sobel', 'vertical'), gy from the "
                         "horizontal one, then np.arctan2(gy, gx)")
