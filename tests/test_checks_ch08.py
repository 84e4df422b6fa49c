"""The chapter 8 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks


def test_gd_step_accepts_the_right_answer(capsys):
    checks.check_gd_step(lambda w, b, dw, db, lr: (w - lr * dw, b - lr * db))
    assert "✔ gradient-descent step" in capsys.readouterr().out


def in_place(w, b, dw, db, lr):
    w -= lr * dw
    return w, b - lr * db


def test_gd_step_accepts_an_in_place_update(capsys):
    checks.check_gd_step(in_place)
    assert "✔" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda w, b, dw, db, lr: (w + lr * dw, b + lr * db), "uphill"),
    (lambda w, b, dw, db, lr: (w - dw, b - db), "learning rate"),
    (lambda w, b, dw, db, lr: (w, b - lr * db), "w unchanged"),
    (lambda w, b, dw, db, lr: (w - lr * dw, b), "b unchanged"),
    (lambda w, b, dw, db, lr: (w - lr * dw, b - lr * dw.sum()), "new b is wrong"),
    (lambda w, b, dw, db, lr: (w - lr * dw.T, b - lr * db), "shape"),
    (lambda w, b, dw, db, lr: (w - 0.1 * dw, b - 0.1 * db), "new w is wrong"),   # a fixed rate
    (lambda w, b, dw, db, lr: w - lr * dw, "pair"),
    (lambda w, b, dw, db, lr: (w - lr * dw, np.array([b - lr * db, 0.0])), "single number"),
])
def test_gd_step_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_gd_step(wrong)


def right_descend(grad, theta0, lr, k):
    path = [theta0]
    for _ in range(k):
        path.append(path[-1] - lr * grad(path[-1]))
    return np.array(path)


def test_descend_accepts_the_right_answer(capsys):
    checks.check_descend(right_descend)
    assert "✔ descend" in capsys.readouterr().out


def test_descend_accepts_a_list(capsys):
    checks.check_descend(lambda *args: right_descend(*args).tolist())
    assert "✔" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda grad, t0, lr, k: right_descend(grad, t0, lr, k)[1:], "starting point"),
    (lambda grad, t0, lr, k: right_descend(grad, t0, lr, k - 1), "give"),
    (lambda grad, t0, lr, k: right_descend(grad, t0, -lr, k), "climbs"),
    (lambda grad, t0, lr, k: right_descend(grad, t0, 1.0, k), "ignores the learning rate"),
    (lambda grad, t0, lr, k: right_descend(grad, t0, min(lr, 0.5), k), "is wrong"),   # clipped
    (lambda grad, t0, lr, k: np.full(k + 1, 3.0), "is wrong"),
    (lambda grad, t0, lr, k: np.zeros((k + 1, 1)), "shape"),
])
def test_descend_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_descend(wrong)
