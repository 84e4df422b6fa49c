"""The chapter 1 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks


def test_design_shape_accepts_the_right_answer(capsys):
    checks.check_design_shape(lambda m, h, w, c: (h * w * c, m))
    assert "✔ design_shape" in capsys.readouterr().out


def test_design_shape_accepts_a_list_and_numpy_ints(capsys):
    checks.check_design_shape(lambda m, h, w, c: [np.int64(h * w * c), np.int64(m)])
    assert "✔ design_shape" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda m, h, w, c: (m, h * w * c), "one row per example"),
    (lambda m, h, w, c: (h * w, m), "channels are missing"),
    (lambda m, h, w, c: (h + w + c, m), "adds the sizes"),
    (lambda m, h, w, c: (h * w * c * m, m), "not of all m together"),
    (lambda m, h, w, c: (h * w * c + 1, m), r"expected \(n_x, m\)"),
    (lambda m, h, w, c: (0, m), r"expected \(n_x, m\)"),
    (lambda m, h, w, c: h * w * c, "pair"),
    (lambda m, h, w, c: (h * w * c / 1, m), "whole number"),
])
def test_design_shape_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_design_shape(wrong)


def right_count(dims):
    return sum(n * p + n for p, n in zip(dims[:-1], dims[1:]))


def test_count_parameters_accepts_the_right_answer(capsys):
    checks.check_count_parameters(right_count)
    assert "✔ count_parameters" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda d: sum(n * p for p, n in zip(d[:-1], d[1:])), "only the weights"),
    (lambda d: right_count(d) + d[0], "input layer has no biases"),
    (lambda d: sum(n * p + p for p, n in zip(d[:-1], d[1:])), "per input unit"),
    (lambda d: sum(d[1:]), "only the biases"),
    (lambda d: right_count(d[:-1]), "output layer is missing"),
    (lambda d: right_count(d[1:]), "first layer is missing"),
    (lambda d: right_count(d[:2]), "expected"),
    (lambda d: 0, "expected"),
    (lambda d: float(right_count(d)), "whole number"),
])
def test_count_parameters_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_count_parameters(wrong)


def test_count_parameters_is_not_fooled_by_one_network():
    # Right only for a single layer: the checker must try deeper networks too.
    with pytest.raises(AssertionError, match=r"count_parameters\(\[12, 8, 1\]\)"):
        checks.check_count_parameters(lambda d: d[0] * d[1] + d[1])
