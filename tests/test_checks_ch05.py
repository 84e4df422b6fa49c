"""The chapter 5 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks


def test_flatten_accepts_the_right_answer(capsys):
    checks.check_flatten(lambda images: images.reshape(images.shape[0], -1).T)
    assert "✔ flatten" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda im: im.reshape(im.shape[0], -1), "one row per example"),
    (lambda im: im.reshape(-1, im.shape[0]), "mix pixels of different images"),
    (lambda im: im.transpose(0, 3, 1, 2).reshape(im.shape[0], -1).T, "another order"),
    (lambda im: np.zeros((im[0].size, im.shape[0]), dtype=im.dtype), "is wrong"),
    (lambda im: im.reshape(im.shape[0], -1).T.tolist(), "NumPy array"),
    (lambda im: im.reshape(im.shape[0], -1).T[:-1], "shape"),
])
def test_flatten_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_flatten(wrong)


def test_scale_accepts_the_right_answer(capsys):
    checks.check_scale(lambda X: X / 255.0)
    assert "✔ scale" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda X: X // 255, "floating point"),
    (lambda X: X / 256.0, "divides by 256"),
    (lambda X: X / X.max(axis=0, keepdims=True), "its own maximum"),
    (lambda X: X / X.max(), "only when some pixel is 255"),
    (lambda X: np.zeros(X.shape), "is wrong"),
    (lambda X: (X / 255.0).T, "shape"),
])
def test_scale_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_scale(wrong)
