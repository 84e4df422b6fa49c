"""The chapter 4 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks


def right_first_below(costs, target):
    for k, J in costs.items():
        if J <= target:
            return k
    return None


def test_first_below_accepts_the_right_answer(capsys):
    checks.check_first_below(right_first_below)
    assert "✔ first_below" in capsys.readouterr().out


def test_first_below_accepts_a_version_that_sorts_the_keys(capsys):
    checks.check_first_below(lambda c, t: min((k for k in c if c[k] <= t), default=None))
    assert "✔ first_below" in capsys.readouterr().out


def _strict(costs, target):
    return next((k for k, J in costs.items() if J < target), None)


def _last(costs, target):
    hits = [k for k, J in costs.items() if J <= target]
    return hits[-1] if hits else None


def _position(costs, target):
    return next((i for i, J in enumerate(costs.values()) if J <= target), None)


def _cost(costs, target):
    return next((J for J in costs.values() if J <= target), None)


@pytest.mark.parametrize("wrong, message", [
    (_strict, "strictly below"),
    (_last, "return the first"),
    (_position, "position in the dict"),
    (_cost, "a cost"),
    (lambda c, t: right_first_below(c, t) if right_first_below(c, t) is not None else -1,
     "answer is None"),
    (lambda c, t: right_first_below(c, t) if right_first_below(c, t) is not None else list(c)[-1],
     "answer is None"),
    (lambda c, t: None, "returned None"),
    (lambda c, t: 0, "expected"),
])
def test_first_below_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_first_below(wrong)


def right_slope(z):
    s = 1 / (1 + np.exp(-z))
    return s * (1 - s)


def test_sigmoid_slope_accepts_the_right_answer(capsys):
    checks.check_sigmoid_slope(right_slope)
    assert "✔ sigmoid_slope" in capsys.readouterr().out


def test_sigmoid_slope_accepts_another_form(capsys):
    checks.check_sigmoid_slope(lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2)
    assert "✔ sigmoid_slope" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda z: z * (1 - z), "applied to z"),
    (lambda z: 1 / (1 + np.exp(-z)), "itself"),
    (lambda z: (1 / (1 + np.exp(-z))) * (1 + 1 / (1 + np.exp(-z))), "sign"),
    (lambda z: 1 - 1 / (1 + np.exp(-z)), "factor"),
    (lambda z: np.full_like(z, 0.25), "only the slope at z = 0"),
    (lambda z: np.maximum(z, 0) > 0, "is wrong"),
    (lambda z: np.zeros_like(z), "is wrong"),
    (lambda z: right_slope(z).T, "shape"),
    (lambda z: float(right_slope(z).sum()), "NumPy array"),
])
def test_sigmoid_slope_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_sigmoid_slope(wrong)
