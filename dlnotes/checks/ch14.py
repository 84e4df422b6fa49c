"""Checkers for chapter 14, sonar: standardizing without leakage, the noise of a fold's accuracy."""
import numpy as np

from ._core import passed, require_array, require_close

__all__ = ["check_standardize_train_test", "check_accuracy_standard_error"]


def check_standardize_train_test(standardize):
    """``standardize(X_train, X_test)`` -> (Z_train, Z_test): both scaled with the mean and
    the population standard deviation (ddof=0) of the columns of X_train only."""
    rng = np.random.default_rng(14)
    X_train = rng.normal(3.0, 2.0, size=(12, 4)) * np.array([1.0, 10.0, 0.1, 5.0])
    X_test = rng.normal(6.0, 1.0, size=(5, 4))  # shifted on purpose: leakage shows
    got = standardize(X_train.copy(), X_test.copy())
    if not isinstance(got, tuple) or len(got) != 2:
        raise AssertionError("standardize must return a pair (Z_train, Z_test)")
    Z_train = require_array(got[0], "Z_train", shape=X_train.shape, dtype_kind="f")
    Z_test = require_array(got[1], "Z_test", shape=X_test.shape, dtype_kind="f")
    mu, sd = X_train.mean(axis=0), X_train.std(axis=0)
    both = np.vstack([X_train, X_test])
    if np.allclose(Z_test, (X_test - both.mean(0)) / both.std(0)):
        raise AssertionError("the statistics come from training and held-out rows together: the "
                             "held-out fold leaks into the scaling. Use X_train's columns only")
    if np.allclose(Z_test, (X_test - X_test.mean(0)) / X_test.std(0)):
        raise AssertionError("X_test is scaled with its own mean and standard deviation; scale "
                             "it with X_train's, as the network will see new data")
    if np.allclose(Z_train, (X_train - X_train.mean(1, keepdims=True)) / X_train.std(1, keepdims=True)):
        raise AssertionError("each row (example) is standardized; standardize each column "
                             "(feature): axis=0")
    if np.allclose(Z_train, (X_train - mu) / X_train.std(0, ddof=1)):
        raise AssertionError("the standard deviation uses ddof=1; StandardScaler divides by the "
                             "population standard deviation (ddof=0)")
    if np.allclose(Z_train, X_train - mu):
        raise AssertionError("the columns are centred but not divided by their standard deviation")
    require_close(Z_train, (X_train - mu) / sd, "Z_train", hint="(X_train - mean) / std, per column")
    require_close(Z_test, (X_test - mu) / sd, "Z_test",
                  hint="X_test scaled with the mean and std of X_train")
    passed("standardize", "the held-out rows are scaled with the training rows' statistics.")


def check_accuracy_standard_error(accuracy_standard_error):
    """``accuracy_standard_error(p, n)``: sqrt(p (1 - p) / n), the standard deviation of an
    accuracy measured on n independent examples when the true accuracy is p."""
    cases = [(0.85, 21), (0.5, 100), (0.9, 208), (0.7, 5)]
    for p, n in cases:
        got = accuracy_standard_error(p, n)
        try:
            got = float(got)
        except (TypeError, ValueError):
            raise AssertionError(f"accuracy_standard_error({p}, {n}) returned {got!r}; return a "
                                 "number") from None
        want = np.sqrt(p * (1 - p) / n)
        if np.isclose(got, want, rtol=1e-9):
            continue
        if np.isclose(got, p * (1 - p) / n):
            raise AssertionError(f"accuracy_standard_error({p}, {n}) = {got:.6g} is the variance; "
                                 "take its square root")
        if np.isclose(got, p * (1 - p) / np.sqrt(n)):
            raise AssertionError(f"accuracy_standard_error({p}, {n}) = {got:.6g}: the square root "
                                 "covers p (1 - p) / n, not only n")
        if n > 1 and np.isclose(got, np.sqrt(p * (1 - p) / (n - 1))):
            raise AssertionError(f"accuracy_standard_error({p}, {n}) divides by n - 1; the "
                                 "variance of a mean of n coin flips is p (1 - p) / n")
        if np.isclose(got, np.sqrt(p / n)) or np.isclose(got, np.sqrt((1 - p) / n)):
            raise AssertionError(f"accuracy_standard_error({p}, {n}) = {got:.6g}: each example is "
                                 "right with probability p, so the variance per example is "
                                 "p (1 - p)")
        raise AssertionError(f"accuracy_standard_error({p}, {n}) = {got:.6g}, expected {want:.6g}")
    passed("accuracy_standard_error",
           f"one fold of 21 examples at 85% has a standard error of "
           f"{np.sqrt(0.85 * 0.15 / 21):.1%}.")
