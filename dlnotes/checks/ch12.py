"""Checkers for chapter 12, broadcasting in Python: totals along an axis, keepdims, rank-1 arrays."""
import numpy as np

from ._core import passed, require_array, require_close

__all__ = ["check_row_percentages", "check_standardize"]

_KEEPDIMS = ("A sum or mean along an axis drops that axis, giving a rank-1 array of shape (n,); "
             "broadcasting lines such an array up with the LAST axis, the columns. Keep the "
             "axis with keepdims=True (or reshape to (n, 1)) so it lines up with the rows.")


def call(fn, name, *args):
    """Run the learner's ``fn``; a shape clash in it becomes an AssertionError that explains."""
    try:
        return fn(*(np.copy(a) for a in args))
    except ValueError as err:
        if "broadcast" not in str(err):
            raise
        raise AssertionError(f"{name} failed: {err}. {_KEEPDIMS}") from None


def _unchanged(fn, name, arg):
    """Fail if ``fn`` modifies its argument in place (a later cell would see other numbers)."""
    before = arg.copy()
    fn(arg)
    if not np.array_equal(arg, before):
        raise AssertionError(f"{name} changed its input array in place (an operator such as /= "
                             "or -= writes into the caller's array); return a new array instead")


def check_row_percentages(row_percentages):
    """``row_percentages(table)``: each entry as a percentage of its row's total, same shape."""
    rng = np.random.default_rng(12)
    # a wide table first (a wrong axis then clashes or gives columns that sum to 100), then a
    # square one, where a rank-1 total broadcasts silently along the wrong axis
    for shape in [(3, 5), (4, 4)]:
        T = rng.uniform(0.5, 100.0, size=shape).round(1)
        P = require_array(call(row_percentages, "row_percentages(table)", T),
                          f"row_percentages(table of shape {shape})", shape=shape)
        expected = 100 * T / T.sum(axis=1, keepdims=True)
        if np.allclose(P, expected / 100):
            raise AssertionError("each row sums to 1, not 100: these are fractions; multiply by "
                                 "100 for percentages")
        if np.allclose(P, 100 * T / T.sum(axis=0, keepdims=True)):
            raise AssertionError("each COLUMN of your result sums to 100: you divided by the "
                                 "column totals (axis=0). Divide each entry by its row's total "
                                 "(axis=1).")
        if np.allclose(P, 100 * T / T.sum()):
            raise AssertionError("you divided by the total of the whole table; divide each "
                                 "entry by the total of its own row")
        if shape[0] == shape[1] and np.allclose(P, 100 * T / T.sum(axis=1)):
            raise AssertionError("on a square table entry (i, j) was divided by the total of "
                                 f"row j, not row i. {_KEEPDIMS}")
        require_close(P, expected, f"row_percentages(table of shape {shape})",
                      hint="entry (i, j) should be 100 * table[i, j] / (sum of row i)")
    _unchanged(row_percentages, "row_percentages", rng.uniform(1, 10, size=(2, 3)))
    passed("row_percentages", "Every row of the result sums to 100.")


def check_standardize(standardize):
    """``standardize(X)``: every row (feature) of X (n_x, m) shifted to mean 0 and scaled to
    standard deviation 1 (population std, ddof=0)."""
    rng = np.random.default_rng(121)
    for n_x, m in [(3, 8), (4, 4)]:
        scale = 10.0 ** np.arange(n_x).reshape(n_x, 1)        # features of very different sizes
        X = scale * (rng.standard_normal((n_x, m)) + 2.0)
        S = require_array(call(standardize, "standardize(X)", X),
                          f"standardize(X of shape {(n_x, m)})", shape=(n_x, m))
        mu, sigma = X.mean(axis=1, keepdims=True), X.std(axis=1, keepdims=True)
        expected = (X - mu) / sigma
        if np.allclose(S, (X - X.mean(axis=0)) / X.std(axis=0)):
            raise AssertionError("you standardised each COLUMN (one example across its "
                                 "features, axis=0); standardise each ROW, one feature across "
                                 "the m examples (axis=1)")
        if np.allclose(S, X - mu):
            raise AssertionError("the rows have mean 0 but not standard deviation 1: also divide "
                                 "by each row's standard deviation")
        if np.allclose(S, X / sigma):
            raise AssertionError("the rows have standard deviation 1 but not mean 0: subtract "
                                 "each row's mean first")
        if np.allclose(S, (X - mu) / sigma ** 2):
            raise AssertionError("you divided by the variance; divide by the standard deviation "
                                 "(its square root)")
        if np.allclose(S, (X - mu) / X.std(axis=1, ddof=1, keepdims=True)):
            raise AssertionError("you used the sample standard deviation (ddof=1); use np.std's "
                                 "default, the population standard deviation (ddof=0)")
        if n_x == m and np.allclose(S, (X - X.mean(axis=1)) / X.std(axis=1)):
            raise AssertionError("on a square X the statistics of row j were applied to column "
                                 f"j. {_KEEPDIMS}")
        require_close(S, expected, f"standardize(X of shape {(n_x, m)})",
                      hint="subtract each row's mean and divide by each row's standard deviation")
    _unchanged(standardize, "standardize", rng.standard_normal((2, 5)))
    passed("standardize", "Every feature now has mean 0 and standard deviation 1.")
