"""The chapter 14 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks


def standardize(X_train, X_test):
    mu, sd = X_train.mean(axis=0), X_train.std(axis=0)
    return (X_train - mu) / sd, (X_test - mu) / sd


def test_standardize_accepts_the_right_answer(capsys):
    checks.check_standardize_train_test(standardize)
    assert "✔ standardize" in capsys.readouterr().out


def test_standardize_accepts_scikit_learn(capsys):
    from sklearn.preprocessing import StandardScaler

    def with_sklearn(X_train, X_test):
        scaler = StandardScaler().fit(X_train)
        return scaler.transform(X_train), scaler.transform(X_test)

    checks.check_standardize_train_test(with_sklearn)
    assert "✔ standardize" in capsys.readouterr().out


def _all_rows(X_train, X_test):
    both = np.vstack([X_train, X_test])
    return (X_train - both.mean(0)) / both.std(0), (X_test - both.mean(0)) / both.std(0)


@pytest.mark.parametrize("wrong, message", [
    (_all_rows, "leaks"),
    (lambda a, b: ((a - a.mean(0)) / a.std(0), (b - b.mean(0)) / b.std(0)), "its own mean"),
    (lambda a, b: ((a - a.mean(1, keepdims=True)) / a.std(1, keepdims=True),
                   (b - a.mean(0)) / a.std(0)), "each row"),
    (lambda a, b: ((a - a.mean(0)) / a.std(0, ddof=1), (b - a.mean(0)) / a.std(0, ddof=1)), "ddof=1"),
    (lambda a, b: (a - a.mean(0), b - a.mean(0)), "centred but not divided"),
    (lambda a, b: (a, b), "is wrong"),
    (lambda a, b: [standardize(a, b)[0]], "pair"),
    (lambda a, b: (standardize(a, b)[0].T, standardize(a, b)[1]), "shape"),
])
def test_standardize_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_standardize_train_test(wrong)


def test_accuracy_standard_error_accepts_the_right_answer(capsys):
    checks.check_accuracy_standard_error(lambda p, n: np.sqrt(p * (1 - p) / n))
    assert "✔ accuracy_standard_error" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda p, n: p * (1 - p) / n, "variance"),
    (lambda p, n: p * (1 - p) / np.sqrt(n), "not only n"),
    (lambda p, n: np.sqrt(p * (1 - p) / (n - 1)), "n - 1"),
    (lambda p, n: np.sqrt(p / n), r"p \(1 - p\)"),
    (lambda p, n: "0.08", None),
    (lambda p, n: None, "return a number"),
    (lambda p, n: 0.0, "expected"),
])
def test_accuracy_standard_error_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_accuracy_standard_error(wrong)
