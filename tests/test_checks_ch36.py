"""The chapter 36 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks


def as_matrix(W, n_H_prev, n_W_prev, flip=False, order="C", transpose=False):
    if flip:
        W = W[::-1, ::-1]
    f, _, n_C_prev, n_C = W.shape
    n_H, n_W = n_H_prev - f + 1, n_W_prev - f + 1
    M = np.zeros((n_H, n_W, n_C, n_H_prev, n_W_prev, n_C_prev))
    for h in range(n_H):
        for w in range(n_W):
            for c in range(n_C):
                M[h, w, c, h:h + f, w:w + f, :] = W[:, :, :, c]
    if order == "F":
        M = M.transpose(2, 1, 0, 5, 4, 3)
    M = M.reshape(n_H * n_W * n_C, -1)
    return M.T if transpose else M


def test_conv_as_matrix_accepts_the_right_answer(capsys):
    checks.check_conv_as_matrix(as_matrix)
    assert "✔ conv_as_matrix_ch36" in capsys.readouterr().out


@pytest.mark.parametrize("options, message", [
    ({"flip": True}, "flipped"),
    ({"order": "F"}, "column-major"),
    ({"transpose": True}, "\\(outputs, inputs\\)"),
])
def test_conv_as_matrix_rejects_typical_mistakes(options, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_conv_as_matrix(lambda *a: as_matrix(*a, **options))


def test_conv_as_matrix_rejects_other_errors():
    with pytest.raises(AssertionError, match="largest difference"):
        checks.check_conv_as_matrix(lambda *a: as_matrix(*a) + 0.01)
    with pytest.raises(AssertionError, match="shape"):
        checks.check_conv_as_matrix(lambda W, h, w: np.zeros((3, 3)))


def shift(A, d):
    out = np.zeros_like(A)
    out[:, d:, d:] = A[:, :A.shape[1] - d, :A.shape[2] - d]
    return out


def gap(layer, A, d, how="right"):
    Zs, Z = layer(shift(A, d)), layer(A)
    n = Z.shape[1]
    if how == "whole":
        return np.abs(Zs - shift(Z, d)).max()
    if how == "unshifted":
        return np.abs(Zs - Z).max()
    if how == "direction":
        return np.abs(Zs[:, :n - d, :n - d] - Z[:, d:, d:]).max()
    if how == "roll":        # np.roll instead of a zero fill: the same interior, also right
        Zs = layer(np.roll(A, (d, d), axis=(1, 2)))
    return np.abs(Zs[:, d:, d:] - Z[:, :n - d, :n - d]).max()


@pytest.mark.parametrize("how", ["right", "roll"])
def test_equivariance_gap_accepts_the_right_answer(how, capsys):
    checks.check_equivariance_gap(lambda layer, A, d: gap(layer, A, d, how))
    assert "✔ equivariance_gap_ch36" in capsys.readouterr().out


@pytest.mark.parametrize("how, message", [
    ("whole", "border rows"),
    ("unshifted", "without shifting"),
    ("direction", "wrong way"),
])
def test_equivariance_gap_rejects_typical_mistakes(how, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_equivariance_gap(lambda layer, A, d: gap(layer, A, d, how))


def test_equivariance_gap_rejects_a_constant_answer():
    with pytest.raises(AssertionError, match="position-dependent"):
        checks.check_equivariance_gap(lambda layer, A, d: 0.0)
    with pytest.raises(AssertionError, match="single number"):
        checks.check_equivariance_gap(lambda layer, A, d: np.zeros(3))
