"""The chapter 34 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks


def backward(dA, A_prev, f, stride, rule, step=None, add=True):
    step = stride if step is None else step
    out = np.zeros(A_prev.shape)
    m, n_H, n_W, n_C = dA.shape
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    rows, cols = slice(h * step, h * step + f), slice(w * step, w * step + f)
                    g = rule(A_prev[i, rows, cols, c], dA[i, h, w, c])
                    if add:
                        out[i, rows, cols, c] += g
                    else:
                        out[i, rows, cols, c] = g
    return out


AT_MAX = lambda w, g: (w == w.max()) * g  # noqa: E731
SHARE = lambda w, g: np.full(w.shape, g / w.size)  # noqa: E731


def test_max_pool_backward_accepts_the_right_answer(capsys):
    checks.check_max_pool_backward(lambda dA, A, f, s: backward(dA, A, f, s, AT_MAX))
    assert "✔ max_pool_backward_ch34" in capsys.readouterr().out


@pytest.mark.parametrize("rule, options, message", [
    (lambda w, g: np.full(w.shape, g), {}, "every position"),
    (SHARE, {}, "shared equally"),
    (lambda w, g: (w == w.min()) * g, {}, "minimum"),
    (lambda w, g: (w == w.max()) * 1.0, {}, "not multiplied"),
    (AT_MAX, {"step": 1}, "stride is missing"),
    (AT_MAX, {"add": False}, "overwrite"),
    (lambda w, g: (w == w.max()) * g * 2, {}, "where \\(p, q\\) is the maximum"),
])
def test_max_pool_backward_rejects_typical_mistakes(rule, options, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_max_pool_backward(lambda dA, A, f, s: backward(dA, A, f, s, rule, **options))


def test_max_pool_backward_rejects_mixed_channels_and_wrong_shapes():
    def mixed(dA, A, f, s):
        right = backward(dA, A, f, s, AT_MAX)
        return right.sum(axis=3, keepdims=True) * np.ones_like(right)
    with pytest.raises(AssertionError, match="channels are mixed"):
        checks.check_max_pool_backward(mixed)
    with pytest.raises(AssertionError, match="shape"):
        checks.check_max_pool_backward(lambda dA, A, f, s: np.zeros(dA.shape))


def test_average_pool_backward_accepts_the_right_answer(capsys):
    checks.check_average_pool_backward(
        lambda dA, shape, f, s: backward(dA, np.zeros(shape), f, s, SHARE))
    assert "✔ average_pool_backward_ch34" in capsys.readouterr().out


@pytest.mark.parametrize("rule, options, message", [
    (lambda w, g: np.full(w.shape, g), {}, "whole of"),
    (lambda w, g: np.full(w.shape, g / w.shape[0]), {}, "dA / f;"),
    (lambda w, g: np.pad(np.full((1, 1), g), ((0, w.shape[0] - 1), (0, w.shape[1] - 1))), {},
     "first position"),
    (SHARE, {"step": 1}, "stride is missing"),
    (SHARE, {"add": False}, "overwrite"),
    (lambda w, g: np.full(w.shape, -g / w.size), {}, "added over"),
])
def test_average_pool_backward_rejects_typical_mistakes(rule, options, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_average_pool_backward(
            lambda dA, shape, f, s: backward(dA, np.zeros(shape), f, s, rule, **options))
