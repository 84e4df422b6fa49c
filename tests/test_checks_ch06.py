"""The chapter 6 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks


def stable_sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def test_sigmoid_accepts_the_right_answer(capsys):
    checks.check_sigmoid(stable_sigmoid)
    assert "✔ stable_sigmoid" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda z: 1 / (1 + np.exp(-z)), "overflows"),                      # the naive formula
    (lambda z: np.exp(z) / (1 + np.exp(z)), "overflows"),
    (lambda z: 1 / (1 + np.exp(z)), "sign of the exponent"),
    (lambda z: np.exp(z), "'1 \\+' in the denominator"),
    (lambda z: np.tanh(z), "tanh"),
    (lambda z: 1 / (1 + np.exp(-2 * z)), "is wrong"),
    (lambda z: np.zeros(np.shape(z)), "is wrong"),
    (lambda z: stable_sigmoid(z).tolist(), "NumPy array"),
    (lambda z: stable_sigmoid(z).ravel(), "shape"),
    (lambda z: (z > 0).astype(int), "dtype"),
    (lambda z: np.clip(stable_sigmoid(np.clip(z, -30, 30)) + np.where(np.abs(z) > 100, np.nan, 0),
                       0, 1), "not every value is finite"),
])
def test_sigmoid_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_sigmoid(wrong)


def sigmoid(z):
    return stable_sigmoid(z)


def test_logistic_forward_accepts_the_right_answer(capsys):
    checks.check_logistic_forward(lambda w, b, X: sigmoid(w.T @ X + b))
    assert "✔ logistic forward" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda w, b, X: sigmoid(X.T @ w + b), "one row"),
    (lambda w, b, X: sigmoid(w @ X + b), "raised ValueError"),
    (lambda w, b, X: w.T @ X + b, "apply the sigmoid"),
    (lambda w, b, X: sigmoid(w.T @ X), "ignores the bias"),
    (lambda w, b, X: sigmoid(-(w.T @ X + b)), "sign is wrong"),
    (lambda w, b, X: sigmoid(w.T @ X) + b, "after the sigmoid"),
    (lambda w, b, X: sigmoid(w.T @ X + 1.0), "is wrong"),          # a hard-coded bias
    (lambda w, b, X: np.zeros((1, X.shape[1])), "is wrong"),
    (lambda w, b, X: sigmoid(w.T @ X + b)[:, :-1], "expected \\(1, "),
])
def test_logistic_forward_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_logistic_forward(wrong)
