"""The chapter 31 checkers accept the right answers and explain the typical wrong ones."""
import math

import numpy as np
import pytest

from dlnotes import checks


def test_output_size_accepts_the_right_answer(capsys):
    checks.check_output_size(lambda n, f, p, s: (n + 2 * p - f) // s + 1)
    assert "✔ output_size_ch31" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda n, f, p, s: (n + 2 * p - f) // s, r"\+1 is missing"),
    (lambda n, f, p, s: (n + p - f) // s + 1, "counted once"),
    (lambda n, f, p, s: n + 2 * p - f + 1, "stride is ignored"),
    (lambda n, f, p, s: math.ceil((n + 2 * p - f) / s) + 1, "rounded up"),
    (lambda n, f, p, s: (n + 2 * p - f + 1) // s, "after the floor"),
    (lambda n, f, p, s: (n - 2 * p - f) // s + 1, "subtracted"),
    (lambda n, f, p, s: (n + 2 * p - f) / s + 1, "rounded down"),
    (lambda n, f, p, s: np.array([1, 2]), "single number"),
])
def test_output_size_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_output_size(wrong)


def strided(image, kernel, stride, flip=False, step=None):
    k = kernel[::-1, ::-1] if flip else kernel
    f = k.shape[0]
    s = stride if step is None else step
    n_H = (image.shape[0] - f) // stride + 1
    n_W = (image.shape[1] - f) // stride + 1
    if step is None:
        pass
    out = np.zeros((n_H, n_W))
    for h in range(n_H):
        for w in range(n_W):
            out[h, w] = np.sum(image[h * s:h * s + f, w * s:w * s + f] * k)
    return out


def test_strided_conv2d_accepts_the_right_answer(capsys):
    checks.check_strided_conv2d(strided)
    assert "✔ strided_conv2d_ch31" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda i, k, s: strided(i, k, 1), "stride is missing"),
    (lambda i, k, s: strided(i, k, s, flip=True), "flipped"),
    (lambda i, k, s: strided(i, k, s, step=1), "first ones"),
    (lambda i, k, s: strided(i, k, s) + 1, "wrong values"),
])
def test_strided_conv2d_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_strided_conv2d(wrong)
