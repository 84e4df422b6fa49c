"""The chapter 7 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks


def right_cost(A, Y):
    return float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))


def test_cost_accepts_the_right_answer(capsys):
    checks.check_cross_entropy_cost(right_cost)
    assert "✔ cross-entropy cost" in capsys.readouterr().out


def test_cost_accepts_a_one_by_one_array_squeezed_or_numpy_scalar(capsys):
    checks.check_cross_entropy_cost(lambda A, Y: np.squeeze(right_cost(A, Y) * np.ones((1, 1))))
    assert "✔" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda A, Y: -right_cost(A, Y), "negative"),
    (lambda A, Y: right_cost(A, Y) * A.shape[1], "1/m is missing"),
    (lambda A, Y: float(-np.mean((1 - Y) * np.log(A) + Y * np.log(1 - A))), "swaps y"),
    (lambda A, Y: float(-np.mean(Y * np.log(A))), "leaves out"),
    (lambda A, Y: float(-np.mean(Y * np.log10(A) + (1 - Y) * np.log10(1 - A))), "base 10"),
    (lambda A, Y: right_cost(A, Y) * A.shape[1] / 8, "expected"),           # a hard-coded m
    (lambda A, Y: 0.0, "expected"),
    (lambda A, Y: -(Y * np.log(A) + (1 - Y) * np.log(1 - A)), "single number"),
    (lambda A, Y: float(np.mean((A - Y) ** 2) / 2), "expected"),
])
def test_cost_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_cross_entropy_cost(wrong)


def right_ll(A, Y):
    return float(np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)))


def test_log_likelihood_accepts_the_right_answer(capsys):
    checks.check_log_likelihood(right_ll)
    assert "✔ log-likelihood" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda A, Y: float(np.log(np.prod(A ** Y * (1 - A) ** (1 - Y)))), "underflows"),
    (lambda A, Y: -right_ll(A, Y), "wrong sign"),
    (lambda A, Y: right_ll(A, Y) / A.shape[1], "averages"),
    (lambda A, Y: float(np.sum((1 - Y) * np.log(A) + Y * np.log(1 - A))), "swaps y"),
    (lambda A, Y: float(np.sum(Y * np.log(A))), "label 0"),
    (lambda A, Y: 0.0, "expected"),
])
def test_log_likelihood_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_log_likelihood(wrong)


def test_second_difference_accepts_the_right_answer(capsys):
    checks.check_second_difference(lambda f, t, h: (f(t + h) - 2 * f(t) + f(t - h)) / h ** 2)
    assert "✔ second difference" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda f, t, h: -(f(t + h) - 2 * f(t) + f(t - h)) / h ** 2, "wrong sign"),
    (lambda f, t, h: (f(t + h) - 2 * f(t) + f(t - h)) / h, "not h²"),
    (lambda f, t, h: (f(t + h) - 2 * f(t) + f(t - h)) / (2 * h ** 2), "2h²"),
    (lambda f, t, h: (f(t + h) - 2 * f(t) + f(t - h)) / (2 * h) ** 2, "\\(2h\\)²"),
    (lambda f, t, h: (f(t + 2 * h) - 2 * f(t + h) + f(t)) / h ** 2, "centred on t \\+ h"),
    (lambda f, t, h: (f(t + h) - f(t - h)) / (2 * h), "expected"),      # a first derivative
    (lambda f, t, h: 0.0, "expected"),
    (lambda f, t, h: np.array([1.0, 2.0]), "single number"),
])
def test_second_difference_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_second_difference(wrong)
