"""The chapter 12 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks


def _inplace_percentages(T):
    T /= T.sum(axis=1, keepdims=True)
    T *= 100
    return T


def _inplace_standardize(X):
    X -= X.mean(axis=1, keepdims=True)
    X /= X.std(axis=1, keepdims=True)
    return X


def test_row_percentages_accepts_the_right_answer(capsys):
    checks.check_row_percentages(lambda T: 100 * T / T.sum(axis=1, keepdims=True))
    assert "✔ row_percentages" in capsys.readouterr().out


def test_row_percentages_accepts_a_reshaped_total(capsys):
    checks.check_row_percentages(lambda T: 100 * T / T.sum(axis=1).reshape(-1, 1))
    assert "✔ row_percentages" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda T: T / T.sum(axis=1, keepdims=True), "fractions"),
    (lambda T: 100 * T / T.sum(axis=0, keepdims=True), "COLUMN"),
    (lambda T: 100 * T / T.sum(axis=0), "COLUMN"),
    (lambda T: 100 * T / T.sum(), "whole table"),
    (lambda T: 100 * T / T.sum(axis=1), "keepdims=True"),          # clashes on the wide table
    (lambda T: 100 * T / T.sum(axis=1) if T.shape == (4, 4)
     else 100 * T / T.sum(axis=1, keepdims=True), "square table"),  # silent on a square one
    (lambda T: np.zeros(T.shape), "is wrong"),
    (lambda T: (100 * T / T.sum(axis=1, keepdims=True)).T, "shape"),
    (lambda T: (100 * T / T.sum(axis=1, keepdims=True)).tolist(), "NumPy array"),
    (_inplace_percentages, "in place"),
])
def test_row_percentages_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_row_percentages(wrong)


def test_standardize_accepts_the_right_answer(capsys):
    checks.check_standardize(
        lambda X: (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, keepdims=True))
    assert "✔ standardize" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda X: (X - X.mean(axis=0)) / X.std(axis=0), "COLUMN"),
    (lambda X: X - X.mean(axis=1, keepdims=True), "not standard deviation 1"),
    (lambda X: X / X.std(axis=1, keepdims=True), "not mean 0"),
    (lambda X: (X - X.mean(axis=1, keepdims=True)) / X.var(axis=1, keepdims=True), "variance"),
    (lambda X: (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, ddof=1, keepdims=True),
     "ddof=1"),
    (lambda X: (X - X.mean(axis=1)) / X.std(axis=1), "keepdims=True"),
    (lambda X: (X - X.mean(axis=1)) / X.std(axis=1) if X.shape == (4, 4)
     else (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, keepdims=True), "square X"),
    (lambda X: (X - X.mean()) / X.std(), "is wrong"),
    (lambda X: np.zeros(X.shape), "is wrong"),
    (_inplace_standardize, "in place"),
])
def test_standardize_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_standardize(wrong)


def test_an_unrelated_error_in_the_learners_code_is_not_disguised():
    def broken(T):
        raise ValueError("something else went wrong")
    with pytest.raises(ValueError, match="something else"):
        checks.check_row_percentages(broken)
