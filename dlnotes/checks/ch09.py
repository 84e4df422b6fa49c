"""Checkers for chapter 9, derivatives: the centred difference and the sigmoid's slope."""
import numpy as np

from ..activations import sigmoid, sigmoid_backward
from ..gradcheck import numerical_gradient
from ._core import call, close, passed, require_array, require_close, scalar

__all__ = ["check_centred_difference", "check_sigmoid_derivative"]


def check_centred_difference(derivative):
    """``derivative(f, x, h)`` = (f(x + h) − f(x − h)) / (2h)."""
    # Large steps and curved functions, so that a one-sided difference is visibly different.
    cases = [(np.exp, 1.0, 0.1), (np.sin, 0.4, 0.05), (lambda x: x ** 3 - 2 * x, -1.3, 0.2)]
    for f, x, h in cases:
        d = scalar(call(derivative, "derivative(f, x, h)", f, x, h), "derivative(f, x, h)")
        expected = float(numerical_gradient(f, np.array(x), epsilon=h))
        if close(d, (f(x + h) - f(x)) / h) or close(d, (f(x) - f(x - h)) / h):
            raise AssertionError("derivative uses a one-sided difference; the centred "
                                 "difference (f(x + h) − f(x − h)) / (2h) is far more accurate "
                                 "(its error shrinks like h², not h).")
        if close(d, 2 * expected):
            raise AssertionError("derivative divides by h, but f(x + h) and f(x − h) are 2h "
                                 "apart: divide by 2h.")
        if close(d, -expected):
            raise AssertionError("derivative has the wrong sign: it is f(x + h) − f(x − h), "
                                 "the right value minus the left.")
        if not close(d, expected, rtol=1e-9):
            raise AssertionError(f"derivative(f, {x}, {h}) = {d!r}, expected {expected!r} "
                                 "(the value of dlnotes.gradcheck.numerical_gradient).")
    passed("centred difference", "It agrees with dlnotes.gradcheck.numerical_gradient.")


def check_sigmoid_derivative(sigmoid_derivative):
    """``sigmoid_derivative(z)`` = σ'(z) = σ(z)(1 − σ(z)), element-wise."""
    z = np.random.default_rng(9).normal(0, 2.5, size=(2, 7))
    d = require_array(call(sigmoid_derivative, "sigmoid_derivative(z)", z),
                      "sigmoid_derivative(z)", shape=z.shape, dtype_kind="f")
    s = sigmoid(z)
    if close(d, s * (1 - z)):
        raise AssertionError("sigmoid_derivative computes σ(z)(1 − z); the derivative is "
                             "σ(z)(1 − σ(z)), in terms of the sigmoid's value, not z.")
    if close(d, s):
        raise AssertionError("sigmoid_derivative returns σ(z) itself; the slope is "
                             "σ(z)(1 − σ(z)).")
    if close(d, s * (1 + s)) or close(d, -s * (1 - s)):
        raise AssertionError("sigmoid_derivative has a sign wrong: σ'(z) = σ(z)(1 − σ(z)), "
                             "which is positive and at most 1/4.")
    if close(d, s ** 2):
        raise AssertionError("sigmoid_derivative returns σ(z)²; the slope is σ(z)(1 − σ(z)).")
    require_close(d, sigmoid_backward(np.ones_like(z), z), "sigmoid_derivative(z)",
                  hint="σ'(z) = σ(z)(1 − σ(z)).")
    passed("sigmoid derivative", "The largest slope is σ'(0) = 1/4.")
