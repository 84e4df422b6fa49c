"""The chapter 27 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks


def test_dense_parameters_accepts_the_right_answer(capsys):
    checks.check_dense_parameters(lambda h, w, c, u: (h * w * c + 1) * u)
    assert "✔ dense_parameters_ch27" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda h, w, c, u: h * w * c * u, "biases are missing"),
    (lambda h, w, c, u: (h * w + 1) * u, "channels are missing"),
    (lambda h, w, c, u: h * w * c + u, "added, not multiplied"),
    (lambda h, w, c, u: (h * w * c + 1) * u + 1, "expected"),
    (lambda h, w, c, u: [1, 2], "single number"),
])
def test_dense_parameters_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_dense_parameters(wrong)


def test_flatten_images_accepts_the_right_answer(capsys):
    checks.check_flatten_images(lambda X: X.reshape(X.shape[0], -1).T)
    assert "✔ flatten_images_ch27" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda X: X.reshape(X.shape[0], -1), "one row per image"),
    (lambda X: X.reshape(-1, X.shape[0]), "mixes pixels"),
    (lambda X: X.transpose(0, 3, 1, 2).reshape(X.shape[0], -1).T, "channels come first"),
    (lambda X: X.reshape(X.shape[0], -1).T * 2, "wrong values"),
])
def test_flatten_images_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_flatten_images(wrong)
