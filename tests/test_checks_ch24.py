"""The chapter 24 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks


def cost(ce, params, lambd, m, factor=0.5, per_m=True, biases=False, what="square", add=True):
    keys = [k for k in params if k.startswith("W") or (biases and k.startswith("b"))]
    term = {"square": lambda v: np.sum(v ** 2), "norm": lambda v: np.sqrt(np.sum(v ** 2)),
            "abs": lambda v: np.sum(np.abs(v))}[what]
    penalty = factor * lambd * sum(term(params[k]) for k in keys) / (m if per_m else 1)
    return (ce if add else 0) + penalty


def grads_l2(grads, params, lambd, m, scale=1.0, biases=False, scalar=False, keep_db=True):
    out = {}
    for k, v in params.items():
        g = grads["d" + k]
        if k.startswith("W") or biases:
            g = g + scale * lambd / m * (1 if scalar else v)
        if keep_db or k.startswith("W"):
            out["d" + k] = g
    return out


def test_l2_terms_accept_the_right_answer(capsys):
    checks.check_l2_terms(cost, grads_l2)
    assert "✔ l2_terms" in capsys.readouterr().out


@pytest.mark.parametrize("c, g, message", [
    (lambda *a: cost(*a, factor=1.0), grads_l2, "twice too large"),
    (lambda *a: cost(*a, per_m=False), grads_l2, "lacks the 1/m"),
    (lambda *a: cost(*a, biases=True), grads_l2, "biases are penalised"),
    (lambda *a: cost(*a, add=False), grads_l2, "only the penalty"),
    (lambda *a: cost(*a, what="norm"), grads_l2, "not its square"),
    (lambda *a: cost(*a, what="abs"), grads_l2, "L1"),
    (lambda *a: np.array([cost(*a)]), grads_l2, "single number"),
    (cost, lambda *a: grads_l2(*a, scale=2.0), "2λ/m"),
    (cost, lambda g, p, l, m: grads_l2(g, p, l, 1), "1/m is missing"),
    (cost, lambda *a: grads_l2(*a, scale=-1.0), "sign"),
    (cost, lambda *a: grads_l2(*a, scale=0.5), "1/2"),
    (cost, lambda *a: grads_l2(*a, scalar=True), "times W"),
    (cost, lambda *a: grads_l2(*a, scale=0.0), "unchanged: add"),
    (cost, lambda *a: grads_l2(*a, biases=True), "bias gradients changed"),
    (cost, lambda *a: grads_l2(*a, keep_db=False), "lacks"),
    (cost, lambda *a: list(grads_l2(*a).values()), "dict"),
])
def test_l2_terms_reject_typical_mistakes(c, g, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_l2_terms(c, g)


def forward(A, keep_prob, rng, cmp="<", scale="divide", per_unit=False):
    u = rng.random(A.shape[:1] + (1,) if per_unit else A.shape)
    D = (u < keep_prob) if cmp == "<" else (u > keep_prob)
    D = np.broadcast_to(D, A.shape)
    factor = {"divide": 1 / keep_prob, "none": 1.0, "multiply": keep_prob}[scale]
    return A * D * factor, (D, keep_prob)


def backward(dout, cache, new_mask=False, scale=True):
    D, keep_prob = cache
    if new_mask:
        D = np.random.default_rng(99).random(D.shape) < keep_prob
    return dout * D / (keep_prob if scale else 1.0)


def test_dropout_layer_accepts_the_right_answer(capsys):
    checks.check_dropout_layer(forward, backward)
    assert "✔ dropout_layer" in capsys.readouterr().out


@pytest.mark.parametrize("f, b, message", [
    (lambda A, p, r: (A * 1.0, None), backward, "no unit was dropped"),
    (lambda *a: forward(*a, cmp=">"), backward, "not >"),
    (lambda *a: forward(*a, scale="none"), backward, "divide by keep_prob"),
    (lambda *a: forward(*a, scale="multiply"), backward, "multiplied by keep_prob"),
    (lambda *a: forward(*a, per_unit=True), backward, "same mask"),
    (lambda A, p, r: forward(A, p, np.random.default_rng(0)), backward, "differs from"),
    (forward, lambda d, c: backward(d, c, new_mask=True), "never a new one"),
    (forward, lambda d, c: backward(d, c, scale=False), "does not divide by keep_prob"),
    (forward, lambda d, c: d, "unchanged"),
    (lambda *a: forward(*a)[0], backward, r"\(out, cache\)"),
])
def test_dropout_layer_rejects_typical_mistakes(f, b, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_dropout_layer(f, b)
