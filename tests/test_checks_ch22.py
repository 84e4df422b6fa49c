"""The chapter 22 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks


def count_params(dims):
    return sum(dims[l] * (dims[l - 1] + 1) for l in range(1, len(dims)))


def test_count_params_accepts_the_right_answer(capsys):
    checks.check_count_params(count_params)
    assert "✔ count_params" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda d: sum(d[l] * d[l - 1] for l in range(1, len(d))), "weights only"),
    (lambda d: sum((d[l] + 1) * d[l - 1] for l in range(1, len(d))), "each input"),
    (lambda d: sum(d[1:]), "counts the units"),
    (lambda d: sum(d[l] * (d[l - 1] + 1) for l in range(1, len(d) - 1)), "output layer"),
    (lambda d: sum(d[l] * d[l - 1] for l in range(1, len(d))) + len(d), "one bias per layer"),
    (lambda d: np.ones(2), "one whole number"),
    (lambda d: count_params(d) + 1, "expected"),
])
def test_count_params_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_count_params(wrong)


def log_uniform(low, high, size, rng):
    return 10 ** rng.uniform(np.log10(low), np.log10(high), size)


def test_log_uniform_accepts_the_right_answer(capsys):
    checks.check_log_uniform(log_uniform)
    assert "✔ log_uniform" in capsys.readouterr().out


def test_log_uniform_accepts_natural_logarithms_and_other_draws(capsys):
    checks.check_log_uniform(lambda lo, hi, n, rng: np.exp(rng.uniform(np.log(lo), np.log(hi), n)))
    checks.check_log_uniform(  # the same distribution from other numbers of the stream
        lambda lo, hi, n, rng: lo * (hi / lo) ** (1 - rng.random(n)))
    assert capsys.readouterr().out.count("✔") == 2


@pytest.mark.parametrize("wrong, message", [
    (lambda lo, hi, n, rng: rng.uniform(lo, hi, n), "linear scale"),
    (lambda lo, hi, n, rng: 10 ** rng.uniform(np.log(lo), np.log(hi), n), "do not mix"),
    (lambda lo, hi, n, rng: np.exp(rng.uniform(np.log10(lo), np.log10(hi), n)), "do not mix"),
    (lambda lo, hi, n, rng: 10 ** np.random.uniform(np.log10(lo), np.log10(hi), n), "global state"),
    (lambda lo, hi, n, rng: 10 ** rng.normal(-2, 0.8, n).clip(-4, 0), "each decade"),
    (lambda lo, hi, n, rng: list(log_uniform(lo, hi, n, rng)), "NumPy array"),
    (lambda lo, hi, n, rng: log_uniform(lo, hi, n - 1, rng), "shape"),
])
def test_log_uniform_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_log_uniform(wrong)
