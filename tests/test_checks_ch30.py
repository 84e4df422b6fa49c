"""The chapter 30 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks


def pad(X, p):
    return np.pad(X, ((0, 0), (p, p), (p, p), (0, 0)))


def test_pad_images_accepts_the_right_answer(capsys):
    checks.check_pad_images(pad)
    assert "✔ pad_images_ch30" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda X, p: np.pad(X, p), "every axis"),
    (lambda X, p: np.pad(X, ((0, 0), (p, 0), (p, 0), (0, 0))), "one side"),
    (lambda X, p: np.pad(X, ((0, 0), (p, p), (p, p), (p, p))), "channels"),
    (lambda X, p: np.pad(X, ((0, 0), (0, 2 * p), (0, 2 * p), (0, 0))), "top-left"),
    (lambda X, p: np.pad(X, ((0, 0), (p, p), (p, p), (0, 0)), constant_values=1), "not zero"),
    (lambda X, p: X, "shape"),
])
def test_pad_images_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_pad_images(wrong)


def usage(n, f, pad, windows=lambda n, f, pad: n + 2 * pad - f + 1, crop=True, use_pad=True):
    pad = pad if use_pad else 0
    counts = np.zeros((n + 2 * pad, n + 2 * pad), dtype=int)
    k = windows(n, f, pad)
    for h in range(k):
        for w in range(k):
            counts[h:h + f, w:w + f] += 1
    return counts[pad:pad + n, pad:pad + n] if crop else counts


def test_pixel_usage_accepts_the_right_answer(capsys):
    checks.check_pixel_usage(usage)
    assert "✔ pixel_usage_ch30" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda n, f, p: usage(n, f, p, crop=False), "padded grid"),
    (lambda n, f, p: usage(n, f, p, use_pad=False), "ignores the padding"),
    (lambda n, f, p: np.full((n, n), f * f), "f² times"),
    (lambda n, f, p: usage(n, f, p, windows=lambda n, f, pad: n + 2 * pad - f), "off by one"),
    (lambda n, f, p: usage(n, f, p) + 1, "wrong counts"),
])
def test_pixel_usage_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_pixel_usage(wrong)
