"""The chapter 9 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks


def test_centred_difference_accepts_the_right_answer(capsys):
    checks.check_centred_difference(lambda f, x, h: (f(x + h) - f(x - h)) / (2 * h))
    assert "✔ centred difference" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda f, x, h: (f(x + h) - f(x)) / h, "one-sided"),
    (lambda f, x, h: (f(x) - f(x - h)) / h, "one-sided"),
    (lambda f, x, h: (f(x + h) - f(x - h)) / h, "divide by 2h"),
    (lambda f, x, h: (f(x - h) - f(x + h)) / (2 * h), "wrong sign"),
    (lambda f, x, h: (f(x + h / 2) - f(x - h / 2)) / h, "expected"),     # a different step
    (lambda f, x, h: 1.0, "expected"),
    (lambda f, x, h: np.array([(f(x + h) - f(x - h)) / (2 * h)] * 2), "single number"),
])
def test_centred_difference_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_centred_difference(wrong)


def sig(z):
    return 1 / (1 + np.exp(-z))


def test_sigmoid_derivative_accepts_the_right_answer(capsys):
    checks.check_sigmoid_derivative(lambda z: sig(z) * (1 - sig(z)))
    assert "✔ sigmoid derivative" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda z: sig(z) * (1 - z), "not z"),
    (lambda z: sig(z), "σ\\(z\\) itself"),
    (lambda z: sig(z) * (1 + sig(z)), "sign"),
    (lambda z: -sig(z) * (1 - sig(z)), "sign"),
    (lambda z: sig(z) ** 2, "σ\\(z\\)²"),
    (lambda z: 1 - np.tanh(z) ** 2, "is wrong"),
    (lambda z: np.full(np.shape(z), 0.25), "is wrong"),
    (lambda z: (sig(z) * (1 - sig(z))).T, "shape"),
])
def test_sigmoid_derivative_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_sigmoid_derivative(wrong)
