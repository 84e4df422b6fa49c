"""The chapter 16 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks
from dlnotes.activations import relu, sigmoid


def hidden_layer(P, W1, b1):
    return np.tanh(W1 @ P + b1)


def test_hidden_layer_accepts_the_right_answer(capsys):
    checks.check_hidden_layer_ch16(hidden_layer)
    assert "✔ hidden_layer_ch16" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda P, W1, b1: W1 @ P + b1, "before the activation"),
    (lambda P, W1, b1: np.tanh(W1 @ P), "bias is missing"),
    (lambda P, W1, b1: sigmoid(W1 @ P + b1), "sigmoid"),
    (lambda P, W1, b1: relu(W1 @ P + b1), "ReLU"),
    (lambda P, W1, b1: np.tanh(W1 @ P) + b1, "added after the tanh"),
    (lambda P, W1, b1: 1 - np.tanh(W1 @ P + b1) ** 2, "derivative"),
    (lambda P, W1, b1: np.tanh(P.T @ W1.T + b1.T), "one column per point"),
    (lambda P, W1, b1: np.tanh(W1 @ P + b1)[:, :3], "shape"),
    (lambda P, W1, b1: np.tanh(W1 @ P + 2 * b1), "wrong values"),
    (lambda P, W1, b1: np.tanh(W1 @ P + b1).tolist(), "NumPy array"),
    (lambda P, W1, b1: W1.T @ P, "raised ValueError"),
])
def test_hidden_layer_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_hidden_layer_ch16(wrong)


def collapse(params):
    W, b = params["W1"], params["b1"]
    for l in range(2, len(params) // 2 + 1):
        W, b = params[f"W{l}"] @ W, params[f"W{l}"] @ b + params[f"b{l}"]
    return W, b


def test_collapse_accepts_the_right_answer(capsys):
    checks.check_collapse_ch16(collapse)
    assert "✔ collapse_ch16" in capsys.readouterr().out


def _last_bias_only(params):
    W, _ = collapse(params)
    return W, params[f"b{len(params) // 2}"]


def _no_last_bias(params):
    W, b = collapse(params)
    return W, b - params[f"b{len(params) // 2}"]


def _two_layers_only(params):
    L = len(params) // 2
    W = params[f"W{L}"] @ params["W1"] if L > 1 else params["W1"]
    return W, collapse(params)[1]


def _transposed(params):
    W, b = collapse(params)
    return W.T, b


def _flat_bias(params):
    W, b = collapse(params)
    return W, b.ravel()


@pytest.mark.parametrize("wrong, message", [
    (_last_bias_only, "only the last layer's bias"),
    (_no_last_bias, "missing the last layer's own bias"),
    (_two_layers_only, "W\\[L\\] @ W\\[1\\] only"),
    (_transposed, "last layer on the left"),
    (_flat_bias, "column"),
    (lambda p: collapse(p)[0], "pair"),
    (lambda p: (collapse(p)[0], 2 * collapse(p)[1]), "carry it layer by layer"),
    (lambda p: (2 * collapse(p)[0], collapse(p)[1]), "W .* is wrong"),
])
def test_collapse_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_collapse_ch16(wrong)


def test_collapse_starter_fails():
    def starter(params):
        L = len(params) // 2
        return (np.zeros((params[f"W{L}"].shape[0], params["W1"].shape[1])),
                np.zeros((params[f"W{L}"].shape[0], 1)))
    with pytest.raises(AssertionError, match="W .* is wrong"):
        checks.check_collapse_ch16(starter)
