"""The chapter 2 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks


def test_relu_neuron_accepts_the_right_answer(capsys):
    checks.check_relu_neuron(lambda x, w, b: np.maximum(0, w * x + b))
    assert "✔ relu_neuron" in capsys.readouterr().out


def test_relu_neuron_accepts_a_boolean_mask_version(capsys):
    checks.check_relu_neuron(lambda x, w, b: (w * x + b) * (w * x + b > 0))
    assert "✔ relu_neuron" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda x, w, b: w * x + b, "can be negative"),
    (lambda x, w, b: np.maximum(0, w * x) + b, "bias is added after"),
    (lambda x, w, b: np.minimum(0, w * x + b), "minimum"),
    (lambda x, w, b: np.abs(w * x + b), "change sign"),
    (lambda x, w, b: 1 / (1 + np.exp(-(w * x + b))), "sigmoid"),
    (lambda x, w, b: np.max(w * x + b, 0), "np.maximum"),
    (lambda x, w, b: np.maximum(0, w * x - b), "is wrong"),
    (lambda x, w, b: np.zeros_like(x), "is wrong"),
    (lambda x, w, b: np.maximum(0, w * x + b)[:-1], "shape"),
    (lambda x, w, b: list(np.maximum(0, w * x + b)), "NumPy array"),
])
def test_relu_neuron_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_relu_neuron(wrong)


def test_kinks_accepts_the_right_answer(capsys):
    checks.check_kinks(lambda W1, b1: (-b1 / W1).ravel())
    assert "✔ bend_points" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda W1, b1: (b1 / W1).ravel(), "wrong sign"),
    (lambda W1, b1: (-W1 / b1).ravel(), "divides w by b"),
    (lambda W1, b1: -b1.ravel(), "divide by the weight"),
    (lambda W1, b1: -b1 / W1, "1-D array"),
    (lambda W1, b1: (-b1 / W1).T, "1-D array"),
    (lambda W1, b1: np.zeros(W1.shape[0]), "is wrong"),
    (lambda W1, b1: np.sort((-b1 / W1).ravel()), "is wrong"),
    (lambda W1, b1: (-b1 / W1).ravel()[:-1], "shape"),
])
def test_kinks_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_kinks(wrong)
