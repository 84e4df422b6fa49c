"""Checkers for chapter 7, the cost function: cross-entropy and the log-likelihood."""
import numpy as np

from ..losses import binary_cross_entropy
from ._core import call, close, passed, scalar

__all__ = ["check_cross_entropy_cost", "check_log_likelihood", "check_second_difference"]


def _predictions(seed, m):
    """Probabilities A (1, m) in (0.02, 0.98) and labels Y (1, m) with both classes present."""
    rng = np.random.default_rng(seed)
    A = rng.uniform(0.02, 0.98, size=(1, m))
    Y = rng.integers(0, 2, size=(1, m))
    Y[0, :2] = 0, 1
    return A, Y


def _label_terms(A, Y):
    """The log-probability the model gives to each label and the ones a mistake would give."""
    return {"right": Y * np.log(A) + (1 - Y) * np.log(1 - A),
            "swapped": (1 - Y) * np.log(A) + Y * np.log(1 - A),
            "ones only": Y * np.log(A),
            "log10": Y * np.log10(A) + (1 - Y) * np.log10(1 - A)}


def check_cross_entropy_cost(cost):
    """``cost(A, Y)`` = J = −(1/m) Σ [y log a + (1 − y) log(1 − a)], a float."""
    for seed, m in [(71, 8), (72, 13)]:
        A, Y = _predictions(seed, m)
        J = scalar(call(cost, "cost(A, Y)", A, Y), "cost(A, Y)")
        expected = binary_cross_entropy(A, Y)
        terms = _label_terms(A, Y)
        if close(J, -expected):
            raise AssertionError(f"cost(A, Y) = {J:.6f}, minus the right value: the cost is the "
                                 "*negative* mean log-probability, so it is ≥ 0.")
        if close(J, m * expected):
            raise AssertionError(f"cost(A, Y) = {J:.6f} is {m} times too large: the 1/m is "
                                 "missing (the cost is the mean of the losses, not their sum).")
        if close(J, -terms["swapped"].mean()):
            raise AssertionError("cost(A, Y) swaps y and 1 − y: a label 1 must contribute "
                                 "−log a, a label 0 −log(1 − a).")
        if close(J, -terms["ones only"].mean()):
            raise AssertionError("cost(A, Y) leaves out the (1 − y) log(1 − a) term, so examples "
                                 "with label 0 cost nothing.")
        if close(J, -terms["log10"].mean()):
            raise AssertionError("cost(A, Y) uses log base 10; the cost uses the natural "
                                 "logarithm (np.log).")
        if not close(J, expected):
            raise AssertionError(f"cost(A, Y) = {J:.6f}, expected {expected:.6f} for m = {m}: "
                                 "J = −(1/m) Σ [y log a + (1 − y) log(1 − a)].")
    passed("cross-entropy cost", f"J = {J:.4f} on {m} examples.")


def check_log_likelihood(log_likelihood):
    """``log_likelihood(A, Y)`` = log Π a^y (1 − a)^(1 − y) = Σ [y log a + (1 − y) log(1 − a)]."""
    for seed, m in [(73, 10), (74, 2000)]:
        A, Y = _predictions(seed, m)
        with np.errstate(divide="ignore"):  # log(0) of an underflowed product: explained below
            ll = call(log_likelihood, "log_likelihood(A, Y)", A, Y)
        if np.ndim(ll) == 0 and np.isneginf(float(ll)):
            raise AssertionError(f"log_likelihood(A, Y) is -inf for m = {m}: the product of {m} "
                                 "probabilities underflows to 0 before the log. Sum the logs "
                                 "instead of taking the log of the product.")
        ll = scalar(ll, "log_likelihood(A, Y)")
        expected = -m * binary_cross_entropy(A, Y)
        terms = _label_terms(A, Y)
        if close(ll, -expected):
            raise AssertionError("log_likelihood(A, Y) has the wrong sign: a log of "
                                 "probabilities is ≤ 0 (it is minus m times the cost).")
        if close(ll, expected / m):
            raise AssertionError("log_likelihood(A, Y) averages over the examples; the "
                                 "log-likelihood of the whole training set is the sum.")
        if close(ll, terms["swapped"].sum()):
            raise AssertionError("log_likelihood(A, Y) swaps y and 1 − y: P(y = 1 | x) = a and "
                                 "P(y = 0 | x) = 1 − a.")
        if close(ll, terms["ones only"].sum()):
            raise AssertionError("log_likelihood(A, Y) leaves out the examples with label 0: "
                                 "their probability is 1 − a.")
        if not close(ll, expected):
            raise AssertionError(f"log_likelihood(A, Y) = {ll:.6f}, expected {expected:.6f} for "
                                 f"m = {m}: Σ [y log a + (1 − y) log(1 − a)].")
    passed("log-likelihood", f"For m = {m} examples it is {ll:.2f} = −m·J.")


def check_second_difference(second_difference):
    """``second_difference(f, t, h)`` = (f(t + h) − 2 f(t) + f(t − h)) / h², about f''(t)."""
    cases = [(np.cos, 0.3, 1e-3), (lambda t: t ** 3, 1.5, 0.25), (np.exp, -0.7, 0.1)]
    for f, t, h in cases:
        d2 = scalar(call(second_difference, "second_difference(f, t, h)", f, t, h),
                    "second_difference(f, t, h)")
        expected = (f(t + h) - 2 * f(t) + f(t - h)) / h ** 2
        if close(d2, -expected):
            raise AssertionError("second_difference has the wrong sign: for f = cos near 0 the "
                                 "curve bends down, so the result must be negative.")
        if close(d2, expected * h):
            raise AssertionError("second_difference divides by h, not h²: a difference of "
                                 "differences needs one h for each.")
        for factor, what in [(0.5, "2h²"), (0.25, "(2h)²")]:
            if close(d2, expected * factor):
                raise AssertionError(f"second_difference divides by {what}; the neighbours are "
                                     "h apart, so divide by h².")
        if close(d2, (f(t + 2 * h) - 2 * f(t + h) + f(t)) / h ** 2):
            raise AssertionError("second_difference is centred on t + h; use the points "
                                 "t − h, t and t + h.")
        if not close(d2, expected, rtol=1e-6):
            raise AssertionError(f"second_difference(f, {t}, {h}) = {d2!r}, expected "
                                 f"{expected!r}: (f(t + h) − 2 f(t) + f(t − h)) / h².")
    passed("second difference", "It approximates f'' (exactly, for a cubic).")
