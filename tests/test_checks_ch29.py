"""The chapter 29 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks, conv


def step(X, T, W, b, lr, scale=None, sign=1, update_b=True, cost_factor=0.5, bias_in_z=True):
    Z, cache = conv.conv_forward(X[..., None], W[:, :, None, None],
                                 np.array([b if bias_in_z else 0.0]))
    diff = Z - T[..., None]
    cost = cost_factor * float(np.mean(diff**2))
    _, dW, db = conv.conv_backward(diff / (diff.size if scale is None else scale(X)), cache)
    W_new = W - sign * lr * dW[:, :, 0, 0]
    b_new = b - sign * lr * float(db[0]) if update_b else b
    return W_new, b_new, cost


def test_filter_step_accepts_the_right_answer(capsys):
    checks.check_filter_step(step)
    assert "✔ filter_step_ch29" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda *a: step(*a, sign=-1), "up the gradient"),
    (lambda *a: step(*a, scale=lambda X: 1), "N times too large"),
    (lambda *a: step(*a, scale=lambda X: X.shape[0]), "divided by m"),
    (lambda *a: step(*a, update_b=False), "b is not updated"),
    (lambda *a: step(*a, cost_factor=1.0), "twice"),
    (lambda *a: step(*a, bias_in_z=False), "ignores the bias"),
    (lambda *a: step(*a)[:2], "tuple"),
    (lambda *a: (step(*a)[0].T,) + step(*a)[1:], "transposed"),
])
def test_filter_step_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_filter_step(wrong)


def _sobel(image):
    out = []
    for o in ("vertical", "horizontal"):
        k = conv.edge_filter("sobel", o)
        out.append(conv.conv_forward(image[None, :, :, None], k[:, :, None, None],
                                     np.zeros(1))[0][0, :, :, 0])
    return out


def test_gradient_direction_accepts_the_right_answer(capsys):
    checks.check_gradient_direction(lambda im: np.arctan2(_sobel(im)[1], _sobel(im)[0]))
    assert "✔ gradient_direction_ch29" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda im: np.arctan2(_sobel(im)[0], _sobel(im)[1]), "swapped"),
    (lambda im: np.arctan(_sobel(im)[1] / _sobel(im)[0]), "quadrant"),
    (lambda im: np.degrees(np.arctan2(_sobel(im)[1], _sobel(im)[0])), "degrees"),
    (lambda im: np.hypot(*_sobel(im)), "wrong angles"),
])
def test_gradient_direction_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_gradient_direction(wrong)
