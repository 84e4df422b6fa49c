"""The chapter 39 checkers accept the right answers and explain typical wrong ones."""
import numpy as np
import pytest

from dlnotes import canonical as cn
from dlnotes import checks


def good_H(J, Phi):
    return J.T @ Phi / J.shape[0]


@pytest.mark.parametrize("wrong,message", [
    (lambda J, P: P.T @ J / J.shape[0], "one row per basis function"),
    (lambda J, P: J.T @ P, "n times too large"),
    (lambda J, P: J.T @ P / J.shape[1], "divided by M"),
    (lambda J, P: J.T @ P / P.shape[1], "divided by L"),
    (lambda J, P: J.T @ P / (J.shape[0] - 1), "disparity_matrix.*is wrong"),
    (lambda J, P: (J.T @ P / J.shape[0]).tolist(), "NumPy array"),
    (lambda J, P: np.zeros((J.shape[1], P.shape[1] + 1)), "expected"),
])
def test_check_disparity_matrix_rejects(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_disparity_matrix(wrong)


def test_check_disparity_matrix_accepts(capsys):
    checks.check_disparity_matrix(good_H)
    assert "✔ disparity_matrix" in capsys.readouterr().out


def _parts(w):
    W, b, _, _ = cn.unpack(w)
    W = W[:, 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        t = -b / W
    return W, b, t


def good_rank(w):
    W, b, t = _parts(w)
    k = int(np.sum((t > 0) & (t < 1)))
    return 2 * k + 1 + int(np.any((b > 0) & (W + b > 0)))


def always_plus_two(w):
    W, b, t = _parts(w)
    return 2 * int(np.sum((t > 0) & (t < 1))) + 2


def always_plus_one(w):
    W, b, t = _parts(w)
    return 2 * int(np.sum((t > 0) & (t < 1))) + 1


def sign_error(w):
    W, b, _ = _parts(w)
    t = b / W
    return 2 * int(np.sum((t > 0) & (t < 1))) + 1 + int(np.any((b > 0) & (W + b > 0)))


def three_per_kink(w):
    W, b, t = _parts(w)
    return 3 * int(np.sum((t > 0) & (t < 1))) + 1 + int(np.any((b > 0) & (W + b > 0)))


def every_unit(w):
    W, b, t = _parts(w)
    return 2 * W.size + 1 + int(np.any((b > 0) & (W + b > 0)))


def no_bias(w):
    return good_rank(w) - 1


@pytest.mark.parametrize("wrong,message", [
    (always_plus_two, "nothing supplies the function x"),
    (always_plus_one, "adds the linear function x"),
    (sign_error, "sign of the kink"),
    (three_per_kink, "2 directions, not 3"),
    (every_unit, "strictly inside"),
    (no_bias, "output bias c"),
    (lambda w: float(good_rank(w)), "should return an int"),
])
def test_check_relu_rank_rejects(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_relu_rank(wrong)


def test_check_relu_rank_accepts(capsys):
    checks.check_relu_rank(good_rank)
    assert "✔ relu_rank" in capsys.readouterr().out
