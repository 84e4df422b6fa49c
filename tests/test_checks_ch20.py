"""The chapter 20 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import activations, checks


def forward_layers(X, params, hidden, output, acts=None, cache_output=False, transpose=False,
                   start=1, stop=None):
    L = len(params) // 2
    A, caches = X, []
    for l in range(start, (L + 1) if stop is None else stop):
        W = params[f"W{l}"]
        Z = (W.T @ A if transpose else W @ A) + params[f"b{l}"]
        act = acts[l - 1] if acts else (hidden if l < L else output)
        A_new = activations.get(act)[0](Z)
        caches.append((A_new if cache_output else A, Z))
        A = A_new
    return A, caches


def test_forward_layers_accepts_the_right_answer(capsys):
    checks.check_forward_layers(forward_layers)
    assert "✔ forward_layers" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda X, p, h, o: forward_layers(X, p, h, o, stop=len(p) // 2), "off by one"),
    (lambda X, p, h, o: forward_layers(X, p, h, o, start=0), "numbered 1..L"),
    (lambda X, p, h, o: forward_layers(X, p, h, o, transpose=True), "W\\[l\\] has shape"),
    (lambda X, p, h, o: forward_layers(X, p, h, o, acts=[o] * (len(p) // 2)), "output activation"),
    (lambda X, p, h, o: forward_layers(X, p, h, o, acts=[h] * (len(p) // 2)), "the last layer applies"),
    (lambda X, p, h, o: forward_layers(X, p, "relu", o), "whatever\\s+hidden says"),
    (lambda X, p, h, o: forward_layers(X, p, h, o, cache_output=True), "holds A\\[1\\]"),
    (lambda X, p, h, o: (forward_layers(X, p, h, o)[0], forward_layers(X, p, h, o)[1][:-1]), "off by one"),
    (lambda X, p, h, o: forward_layers(X, p, h, o)[0], "pair"),
    (lambda X, p, h, o: (np.zeros((1, X.shape[1])), forward_layers(X, p, h, o)[1]), "AL is wrong"),
    (lambda X, p, h, o: (forward_layers(X, p, h, o)[0],
                         [(A, Z + 1) for A, Z in forward_layers(X, p, h, o)[1]]), "Z\\[1\\]"),
])
def test_forward_layers_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_forward_layers(wrong)


def backward_layers(AL, Y, caches, scale=1.0, g_hidden=None, transpose=False, shift=0,
                    no_slope=False, db_all=False, dZL=None):
    L, m = len(caches), AL.shape[1]
    grads, dZ = {}, (AL - Y) if dZL is None else dZL(AL, Y)
    for l in range(L, 0, -1):
        (A_prev, W, _), Z, act = caches[l - 1]
        if l < L:
            dZ = dA if no_slope else activations.get(g_hidden or act)[1](dA, Z)
        grads[f"dW{l - shift}"] = (A_prev @ dZ.T if transpose else dZ @ A_prev.T) * scale / m
        grads[f"db{l - shift}"] = (np.sum(dZ) if db_all else dZ.sum(axis=1, keepdims=True)) * scale / m
        dA = W.T @ dZ
    return grads


def test_backward_layers_accepts_the_right_answer(capsys):
    checks.check_backward_layers(backward_layers)
    assert "✔ backward_layers" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda AL, Y, c: backward_layers(AL, Y, c, scale=AL.shape[1]), "m times too large"),
    (lambda AL, Y, c: backward_layers(AL, Y, c, scale=1 / AL.shape[1]), "divide by m once"),
    (lambda AL, Y, c: backward_layers(AL, Y, c, g_hidden="sigmoid"), "sigmoid's derivative"),
    (lambda AL, Y, c: backward_layers(AL, Y, c, transpose=True), "transposed"),
    (lambda AL, Y, c: backward_layers(AL, Y, c, shift=1), "off by one"),
    (lambda AL, Y, c: backward_layers(AL, Y, c, no_slope=True), "derivative\\s+of the hidden"),
    (lambda AL, Y, c: backward_layers(AL, Y, c, db_all=True), "axis=1"),
    (lambda AL, Y, c: backward_layers(AL, Y, c, dZL=lambda A, Y: (A - Y) * A * (1 - A)), "A\\[L\\] - Y"),
    (lambda AL, Y, c: list(backward_layers(AL, Y, c).values()), "return a dict"),
    (lambda AL, Y, c: {k: (v if k != "db2" else v + 1) for k, v in backward_layers(AL, Y, c).items()},
     "db2 is wrong"),
])
def test_backward_layers_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_backward_layers(wrong)
