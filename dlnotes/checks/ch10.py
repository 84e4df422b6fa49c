"""Checkers for chapter 10, the computation graph: backpropagation for one logistic example."""
import math

import numpy as np

from ..graph import Value
from ..logistic import propagate
from ._core import passed

__all__ = ["check_one_example_grads", "check_loss_graph"]

# (w1, w2, b, x1, x2, y): both labels, both signs of z, and w1 != w2, x1 != x2 so that swaps show
_CASES = [(0.5, -1.5, 0.3, 2.0, 0.7, 1.0), (-0.8, 0.4, -0.2, 1.5, -2.5, 0.0),
          (1.2, 0.9, 0.6, -0.4, 1.1, 0.0), (-0.3, -0.7, 1.4, 0.9, 2.2, 1.0)]


def _grads(w1, w2, b, x1, x2, y):
    """The package's answer: propagate on the one-column data set X = [[x1], [x2]]."""
    g, _ = propagate(np.array([[w1], [w2]]), b, np.array([[x1], [x2]]), np.array([[y]]))
    return float(g["dw"][0, 0]), float(g["dw"][1, 0]), g["db"]


def _sigmoid(z):
    return 1 / (1 + math.exp(-z))


def _scalars(result, name):
    if not isinstance(result, (tuple, list)) or len(result) != 3:
        raise AssertionError(f"{name} should return three numbers (dw1, dw2, db), got {result!r}")
    out = []
    for label, v in zip(["dw1", "dw2", "db"], result):
        if np.size(v) != 1 or not np.isfinite(np.asarray(v, dtype=float)).all():
            raise AssertionError(f"{label} should be one finite number, got {v!r}")
        out.append(float(np.asarray(v, dtype=float).reshape(())))
    return out


def check_one_example_grads(one_example_grads):
    """``one_example_grads(w1, w2, b, x1, x2, y)`` returns (dw1, dw2, db) of the loss
    L = −(y log a + (1 − y) log(1 − a)), a = σ(w1 x1 + w2 x2 + b), by the chain rule."""
    for w1, w2, b, x1, x2, y in _CASES:
        got = np.array(_scalars(one_example_grads(w1, w2, b, x1, x2, y),
                                "one_example_grads(w1, w2, b, x1, x2, y)"))
        want = np.array(_grads(w1, w2, b, x1, x2, y))
        if np.allclose(got, want):
            continue
        z = w1 * x1 + w2 * x2 + b
        a = _sigmoid(z)
        where = f"for w1={w1}, w2={w2}, b={b}, x1={x1}, x2={x2}, y={y:g}"
        if np.allclose(got, -want):
            raise AssertionError(f"every gradient has the wrong sign {where}: dz = a − y, not y − a")
        if np.allclose(got, [want[1], want[0], want[2]]):
            raise AssertionError(f"dw1 and dw2 are swapped {where}: dw1 = x1·dz and dw2 = x2·dz")
        da = -y / a + (1 - y) / (1 - a)
        if np.allclose(got, [x1 * da, x2 * da, da]):
            raise AssertionError(f"you multiplied by da = ∂L/∂a instead of dz = ∂L/∂z {where}: "
                                 "the chain rule needs the sigmoid's slope too, "
                                 "dz = da · a(1 − a) = a − y")
        a0 = _sigmoid(w1 * x1 + w2 * x2)
        if np.allclose(got, [x1 * (a0 - y), x2 * (a0 - y), a0 - y]):
            raise AssertionError(f"the gradients ignore the bias {where}: z = w1·x1 + w2·x2 + b")
        if np.allclose(got, [x1 * (z - y), x2 * (z - y), z - y]):
            raise AssertionError(f"you used z where a = σ(z) belongs {where}: dz = σ(z) − y")
        names = ["dw1", "dw2", "db"]
        bad = int(np.argmax(np.abs(got - want)))
        raise AssertionError(f"{names[bad]} is {got[bad]:.6g}, expected {want[bad]:.6g} {where}. "
                             "Go forward (z, a), then backward: dz = a − y, dw1 = x1·dz, "
                             "dw2 = x2·dz, db = dz.")
    passed("one_example_grads", f"Checked on {len(_CASES)} examples: dz = a − y, dw = x·dz, db = dz.")


def check_loss_graph(loss_graph):
    """``loss_graph(w1, w2, b, x1, x2, y)`` builds L from the Values w1, w2, b with Value
    operations; backpropagation through it must give the gradients of the logistic loss."""
    runs = []
    for w1, w2, b, x1, x2, y in _CASES:
        leaves = [Value(w1, "w1"), Value(w2, "w2"), Value(b, "b")]
        L = loss_graph(*leaves, x1, x2, y)
        if not isinstance(L, Value):
            raise AssertionError(f"loss_graph should return a Value (a node of the graph), got "
                                 f"{type(L).__name__}: build L from w1, w2 and b with Value "
                                 "operations (+, *, .sigmoid(), .log()), not math functions")
        L.backward()
        a = _sigmoid(w1 * x1 + w2 * x2 + b)
        runs.append({"where": f"for w1={w1}, w2={w2}, b={b}, x1={x1}, x2={x2}, y={y:g}",
                     "y": y, "a": a, "L": L.data,
                     "loss": -(y * math.log(a) + (1 - y) * math.log(1 - a)),
                     "grads": np.array([v.grad for v in leaves]),
                     "want": np.array(_grads(w1, w2, b, x1, x2, y))})

    def close(u, v):
        return math.isclose(u, v, rel_tol=1e-9, abs_tol=1e-12)

    wrong = [r for r in runs if not close(r["L"], r["loss"])]
    if wrong:
        if all(close(r["L"], -r["loss"]) for r in runs):
            raise AssertionError("L has the wrong sign: the loss is "
                                 "L = −(y log a + (1 − y) log(1 − a)), which is never negative")
        if all(close(r["L"], (r["a"] - r["y"]) ** 2) for r in runs):
            raise AssertionError("L is the squared error (a − y)²; logistic regression uses the "
                                 "cross-entropy L = −(y log a + (1 − y) log(1 − a))")
        if all(r["y"] == 0 and r["L"] == 0 for r in wrong) and len(wrong) < len(runs):
            raise AssertionError("L is 0 whenever y = 0 (and right when y = 1): the term "
                                 "−(1 − y) log(1 − a) is missing")
        if all(r["y"] == 1 and r["L"] == 0 for r in wrong) and len(wrong) < len(runs):
            raise AssertionError("L is 0 whenever y = 1 (and right when y = 0): the term "
                                 "−y log a is missing")
        r = wrong[0]
        raise AssertionError(f"L.data is {r['L']:.6g}, expected {r['loss']:.6g} {r['where']}: "
                             "L = −(y log a + (1 − y) log(1 − a)) with a = σ(w1·x1 + w2·x2 + b)")
    for r in runs:
        for name, got, expected in zip(["w1", "w2", "b"], r["grads"], r["want"]):
            if got == 0 and expected != 0:
                raise AssertionError(f"{name}.grad is 0 after L.backward() {r['where']}, although "
                                     f"L depends on {name}: the path from {name} to L is broken "
                                     "(something was computed from .data, or with math, outside "
                                     "the graph)")
        if not np.allclose(r["grads"], r["want"]):
            raise AssertionError(f"L has the right value but backpropagation gives the gradients "
                                 f"(w1, w2, b) = {tuple(np.round(r['grads'], 6))} instead of "
                                 f"{tuple(np.round(r['want'], 6))} {r['where']}; build every step "
                                 "from Value operations")
    passed("loss_graph", "L.backward() gives the gradients of the logistic loss.")
