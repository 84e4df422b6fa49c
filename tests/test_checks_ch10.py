"""The chapter 10 checkers accept the right answers and explain the typical wrong ones."""
import math

import pytest

from dlnotes import checks
from dlnotes.graph import Value


def _sigmoid(z):
    return 1 / (1 + math.exp(-z))


def _grads(dz_of, w1, w2, b, x1, x2, y, bias=True):
    a = _sigmoid(w1 * x1 + w2 * x2 + (b if bias else 0))
    dz = dz_of(a, y)
    return x1 * dz, x2 * dz, dz


def right_grads(w1, w2, b, x1, x2, y):
    return _grads(lambda a, y: a - y, w1, w2, b, x1, x2, y)


def test_one_example_grads_accepts_the_right_answer(capsys):
    checks.check_one_example_grads(right_grads)
    assert "✔ one_example_grads" in capsys.readouterr().out


def _da(a, y):
    return -y / a + (1 - y) / (1 - a)


@pytest.mark.parametrize("wrong, message", [
    (lambda *p: _grads(lambda a, y: y - a, *p), "wrong sign"),
    (lambda *p: tuple(right_grads(*p)[i] for i in (1, 0, 2)), "swapped"),
    (lambda *p: _grads(_da, *p), "instead of dz"),
    (lambda *p: _grads(lambda a, y: a - y, *p, bias=False), "ignore the bias"),
    (lambda w1, w2, b, x1, x2, y: tuple(v * (w1 * x1 + w2 * x2 + b - y) for v in (x1, x2, 1)),
     "used z where a"),
    (lambda *p: (0.0, 0.0, 0.0), "dw1 is"),
    (lambda *p: right_grads(*p)[:2], "three numbers"),
    (lambda *p: (*right_grads(*p)[:2], float("nan")), "finite"),
    (lambda *p: tuple(0.5 * g for g in right_grads(*p)), "expected"),
])
def test_one_example_grads_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_one_example_grads(wrong)


def right_graph(w1, w2, b, x1, x2, y):
    a = (w1 * x1 + w2 * x2 + b).sigmoid()
    return -(y * a.log() + (1 - y) * (1 - a).log())


def test_loss_graph_accepts_the_right_answer(capsys):
    checks.check_loss_graph(right_graph)
    assert "✔ loss_graph" in capsys.readouterr().out


def test_loss_graph_accepts_another_way_to_write_it(capsys):
    def graph(w1, w2, b, x1, x2, y):
        z = x1 * w1 + x2 * w2 + b
        a = 1 / (1 + (-z).exp())
        return -1 * (y * a.log()) - (1 - y) * (1 - a).log()
    checks.check_loss_graph(graph)
    assert "✔ loss_graph" in capsys.readouterr().out


def _outside(w1, w2, b, x1, x2, y):
    a = Value(_sigmoid((w1 * x1 + w2 * x2 + b).data))   # from .data: the graph is cut here
    return -(y * a.log() + (1 - y) * (1 - a).log())


@pytest.mark.parametrize("wrong, message", [
    (lambda *p: -right_graph(*p), "wrong sign"),
    (lambda w1, w2, b, x1, x2, y: ((w1 * x1 + w2 * x2 + b).sigmoid() - y) ** 2, "squared error"),
    (lambda w1, w2, b, x1, x2, y: -(y * (w1 * x1 + w2 * x2 + b).sigmoid().log()), "missing"),
    (lambda w1, w2, b, x1, x2, y: -((1 - y) * (1 - (w1 * x1 + w2 * x2 + b).sigmoid()).log()),
     "missing"),
    (lambda w1, w2, b, x1, x2, y: w1 * 0.0, "L.data is 0, expected"),
    (lambda *p: right_graph(*p) * 1.5, "L.data is"),
    (lambda *p: right_graph(*p).data, "should return a Value"),
    (_outside, "path from w1 to L is broken"),
    (lambda w1, w2, b, x1, x2, y: right_graph(w1, w2, Value(b.data), x1, x2, y), "b.grad is 0"),
])
def test_loss_graph_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_loss_graph(wrong)
