"""The chapter 11 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks
from dlnotes.activations import sigmoid


def one_loop(w, b, X, Y, scale=1.0, sign=1.0, bias=True, accumulate=True, column=True):
    n_x, m = X.shape
    dw = np.zeros((n_x, 1)) if column else np.zeros(n_x)
    db = 0.0
    for i in range(m):
        x = X[:, i:i + 1] if column else X[:, i]
        a = sigmoid(w.T @ X[:, i:i + 1] + (b if bias else 0.0))[0, 0]
        dz = sign * (a - Y[0, i])
        if accumulate:
            dw = dw + x * dz
            db += dz
        else:
            dw, db = x * dz, dz
    return dw / m * scale, db / m * scale


def test_gradients_one_loop_accepts_the_right_answer(capsys):
    checks.check_gradients_one_loop(one_loop)
    assert "✔ gradients_one_loop" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda w, b, X, Y: one_loop(w, b, X, Y, scale=X.shape[1]), "times too large"),
    (lambda w, b, X, Y: one_loop(w, b, X, Y, sign=-1.0), "wrong sign"),
    (lambda w, b, X, Y: one_loop(w, b, X, Y, bias=False), "ignore the bias"),
    (lambda w, b, X, Y: one_loop(w, b, X, Y, accumulate=False), "only the last example"),
    (lambda w, b, X, Y: one_loop(w, b, X, Y, column=False), "rank-1"),
    (lambda w, b, X, Y: (one_loop(w, b, X, Y)[0].T, one_loop(w, b, X, Y)[1]), "a row"),
    (lambda w, b, X, Y: (one_loop(w, b, X, Y)[0], np.ones((1, 2))), "one number"),
    (lambda w, b, X, Y: (np.zeros((X.shape[0], 1)), 0.0), "is wrong"),
    (lambda w, b, X, Y: one_loop(w, b, X, Y)[0], "pair"),
    (lambda w, b, X, Y: (w @ X, 0.0), "ValueError"),
])
def test_gradients_one_loop_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_gradients_one_loop(wrong)


def test_forward_accepts_the_right_answer(capsys):
    checks.check_forward(lambda w, b, X: sigmoid(w.T @ X + b))
    assert "✔ forward" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda w, b, X: w.T @ X + b, "apply the sigmoid"),
    (lambda w, b, X: sigmoid(w.T @ X), "ignores the bias"),
    (lambda w, b, X: sigmoid(-(w.T @ X + b)), "1 − σ"),
    (lambda w, b, X: sigmoid(w.T @ X + b).ravel(), "rank-1"),
    (lambda w, b, X: sigmoid(X.T @ w + b), "one row per example"),
    (lambda w, b, X: sigmoid(w @ X + b), "ValueError"),
    (lambda w, b, X: np.zeros((1, X.shape[1])), "is wrong"),
    (lambda w, b, X: sigmoid(w.T @ X + b).tolist(), "NumPy array"),
])
def test_forward_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_forward(wrong)
