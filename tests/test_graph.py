import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from dlnotes.graph import Value, draw, topological_order

from _dense_tools import record_tf, report, tf

finite = st.floats(-3, 3, allow_nan=False)


@pytest.fixture(scope="module", autouse=True)
def _print_tf_differences():
    yield
    report()


def test_j_equals_3_times_a_plus_bc():
    a, b, c = Value(5, "a"), Value(3, "b"), Value(2, "c")
    J = 3 * (a + b * c)
    J.backward()
    assert J.data == 33.0
    assert (a.grad, b.grad, c.grad) == (3.0, 6.0, 9.0)  # ∂J/∂a = 3, ∂J/∂b = 3c, ∂J/∂c = 3b


@settings(max_examples=30, deadline=None)
@given(w1=finite, w2=finite, b=finite, x1=finite, x2=finite, y=st.sampled_from([0.0, 1.0]))
def test_logistic_regression_dz_equals_a_minus_y(w1, w2, b, x1, x2, y):
    vw1, vw2, vb = Value(w1), Value(w2), Value(b)
    z = vw1 * x1 + vw2 * x2 + vb
    a = z.sigmoid()
    L = -(y * a.log() + (1 - y) * (1 - a).log())
    L.backward()
    assert z.grad == pytest.approx(a.data - y, rel=1e-9, abs=1e-12)
    assert vw1.grad == pytest.approx(x1 * (a.data - y), rel=1e-9, abs=1e-12)
    assert vb.grad == pytest.approx(a.data - y, rel=1e-9, abs=1e-12)


OPS = {
    "+": lambda x, y: x + y, "-": lambda x, y: x - y, "*": lambda x, y: x * y,
    "/": lambda x, y: x / y, "pow": lambda x, y: x ** 3 + y,
    "exp": lambda x, y: (x * 0.5).exp() * y, "log": lambda x, y: (x * x + 1).log() / y,
    "sigmoid": lambda x, y: (x * y).sigmoid(), "rsub-rdiv": lambda x, y: (2 - x) * (1 / y),
}
TF_OPS = {"exp": lambda t, x: t.exp(x), "log": lambda t, x: t.math.log(x),
          "sigmoid": lambda t, x: t.sigmoid(x)}


class TFValue:
    """Wraps a tensor so that OPS written for Value run unchanged on TensorFlow."""
    def __init__(self, t):
        self.t = t

    def _op(self, other, f):
        return TFValue(f(self.t, other.t if isinstance(other, TFValue) else other))

    __add__ = lambda s, o: s._op(o, lambda a, b: a + b)  # noqa: E731
    __radd__ = __add__
    __sub__ = lambda s, o: s._op(o, lambda a, b: a - b)  # noqa: E731
    __rsub__ = lambda s, o: s._op(o, lambda a, b: b - a)  # noqa: E731
    __mul__ = lambda s, o: s._op(o, lambda a, b: a * b)  # noqa: E731
    __rmul__ = __mul__
    __truediv__ = lambda s, o: s._op(o, lambda a, b: a / b)  # noqa: E731
    __rtruediv__ = lambda s, o: s._op(o, lambda a, b: b / a)  # noqa: E731
    __pow__ = lambda s, k: TFValue(s.t ** k)  # noqa: E731
    exp = lambda s: TFValue(tf().exp(s.t))  # noqa: E731
    log = lambda s: TFValue(tf().math.log(s.t))  # noqa: E731
    sigmoid = lambda s: TFValue(tf().sigmoid(s.t))  # noqa: E731


@settings(max_examples=30, deadline=None)
@given(op=st.sampled_from(sorted(OPS)), x=finite, y=st.floats(0.5, 3))
def test_each_operation_against_centred_differences_and_tensorflow(op, x, y):
    f = OPS[op]
    vx, vy = Value(x), Value(y)
    out = f(vx, vy)
    out.backward()
    h = 1e-6
    dx = (f(Value(x + h), Value(y)).data - f(Value(x - h), Value(y)).data) / (2 * h)
    dy = (f(Value(x), Value(y + h)).data - f(Value(x), Value(y - h)).data) / (2 * h)
    assert vx.grad == pytest.approx(dx, rel=1e-6, abs=1e-7)
    assert vy.grad == pytest.approx(dy, rel=1e-6, abs=1e-7)

    t = tf()
    tx, ty = t.Variable(x, dtype=t.float64), t.Variable(y, dtype=t.float64)
    with t.GradientTape() as tape:
        tout = f(TFValue(tx), TFValue(ty)).t
    gx, gy = tape.gradient(tout, [tx, ty])
    assert out.data == pytest.approx(float(tout), rel=1e-12, abs=1e-15)
    assert record_tf(f"graph {op}", [vx.grad, vy.grad], [float(gx), float(gy)]) < 1e-12


def test_a_value_used_twice_gets_both_contributions_and_backward_can_repeat():
    x = Value(3.0, "x")
    y = x * x + x
    y.backward()
    assert x.grad == 7.0
    y.backward()
    assert x.grad == 7.0  # grads are reset, not accumulated across calls


def test_deep_chain_does_not_hit_the_recursion_limit():
    x = Value(0.0)
    y = x
    for _ in range(5000):
        y = y + 1
    y.backward()
    assert y.data == 5000 and x.grad == 1.0
    assert len(topological_order(y)) == 10001


def test_bad_values():
    with pytest.raises(ValueError, match="data must be a finite number, got nan"):
        Value(float("nan"))
    with pytest.raises(ValueError, match="log needs a positive argument"):
        Value(-1.0).log()
    with pytest.raises(ZeroDivisionError):
        Value(1.0) / 0
    with pytest.raises(TypeError, match="exponent"):
        Value(2.0) ** Value(2.0)


def test_draw_shows_every_node_left_to_right():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    a, b, c = Value(5, "a"), Value(3, "b"), Value(2, "c")
    u = b * c
    u.label = "u"
    J = 3 * (a + u)
    J.label = "J"
    J.backward()
    ax = draw(J)
    texts = [t.get_text() for t in ax.texts]
    assert sum("data" in t and "grad" in t for t in texts) == 7  # a, b, c, 3, u, a+u, J
    assert sorted(t for t in texts if t and "data" not in t) == ["+", "×", "×"]  # arrows are empty annotations
    boxes = {t.get_text().split("\n")[0]: t.get_position() for t in ax.texts if "data" in t.get_text()}
    assert boxes["b"][0] < boxes["u"][0] < boxes["J"][0]  # inputs left of results
    assert "grad 6" in next(t for t in texts if t.startswith("b\n"))
    plt.close(ax.figure)


def test_draw_vertical_puts_inputs_above_results_and_stays_narrow():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    w1, w2, b = Value(0.5, "w1"), Value(-0.2, "w2"), Value(0.3, "b")
    z = w1 * 1.5 + w2 * 2.0 + b
    z.label = "z"
    L = -z.sigmoid().log()
    L.label = "L"
    L.backward()
    ax = draw(L, vertical=True)
    boxes = {t.get_text().split("\n")[0]: t.get_position() for t in ax.texts if "data" in t.get_text()}
    assert boxes["w1"][1] > boxes["z"][1] > boxes["L"][1]  # inputs above results
    assert ax.figure.get_size_inches()[0] <= 7  # readable at page width
    assert ax.figure.get_size_inches()[0] < draw(L).figure.get_size_inches()[0]
    plt.close("all")
