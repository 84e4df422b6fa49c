import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from dlnotes import data, logistic
from dlnotes.gradcheck import gradient_check

from _gradients import check_gradients

from _dense_tools import record_tf, report, tf


@pytest.fixture(scope="module", autouse=True)
def _print_tf_differences():
    yield
    report()


def problem(n_x, m, seed):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_x, m))
    Y = rng.integers(0, 2, (1, m))
    w = rng.standard_normal((n_x, 1)) * 0.5
    return w, float(rng.standard_normal()), X, Y


def test_initialize_with_zeros():
    w, b = logistic.initialize_with_zeros(3)
    assert w.shape == (3, 1) and not w.any() and b == 0.0 and isinstance(b, float)


def test_propagate_by_hand():
    w, b = np.array([[1.0], [2.0]]), 2.0
    X = np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]])
    Y = np.array([[1, 0, 1]])
    grads, cost = logistic.propagate(w, b, X, Y)
    A = 1 / (1 + np.exp(-(w.T @ X + b)))
    assert cost == pytest.approx(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)), rel=1e-13)
    np.testing.assert_allclose(grads["dw"], X @ (A - Y).T / 3, rtol=1e-13)
    assert grads["db"] == pytest.approx(np.mean(A - Y), rel=1e-13)


@settings(max_examples=25, deadline=None)
@given(n_x=st.integers(1, 6), m=st.integers(1, 8), seed=st.integers(0, 2**32 - 1))
def test_propagate_matches_centred_differences_and_tensorflow(n_x, m, seed):
    t = tf()
    w, b, X, Y = problem(n_x, m, seed)
    grads, cost = logistic.propagate(w, b, X, Y)

    def f(p):
        return logistic.propagate(p["w"], float(p["b"][0, 0]), X, Y)[1]

    params = {"w": w, "b": np.array([[b]])}
    check_gradients(f, params, {"dw": grads["dw"], "db": np.array([[grads["db"]]])}, h=1e-7)

    wt, bt = t.Variable(w), t.Variable(b, dtype=t.float64)
    with t.GradientTape() as tape:
        Z = t.transpose(wt) @ X + bt
        J = t.reduce_mean(t.nn.sigmoid_cross_entropy_with_logits(labels=t.constant(Y * 1.0), logits=Z))
    dw, db = tape.gradient(J, [wt, bt])
    assert record_tf("logistic cost", cost, J.numpy()) < 1e-13
    assert record_tf("logistic dw", grads["dw"], dw.numpy()) < 1e-12
    assert record_tf("logistic db", grads["db"], db.numpy()) < 1e-12


def cats_xy():
    cats = data.load_cats()
    X = cats.train_x.reshape(len(cats.train_x), -1).T / 255
    Xt = cats.test_x.reshape(len(cats.test_x), -1).T / 255
    return X, cats.train_y[None, :], Xt, cats.test_y[None, :]


def test_cats_reproduce_the_published_trace():
    X, Y, Xt, Yt = cats_xy()
    w, b, costs = logistic.fit(X, Y, num_iterations=2000, learning_rate=0.005)
    assert w.shape == (12288, 1) and isinstance(b, float)
    assert sorted(costs) == list(range(0, 2000, 100)) + [2000]
    assert costs[0] == pytest.approx(0.693147, abs=1e-6)
    assert costs[1900] == pytest.approx(0.140872, abs=1e-6)
    assert costs[2000] == pytest.approx(0.135608, abs=1e-6)
    train = logistic.predict(w, b, X)
    assert train.shape == (1, 209) and train.dtype == np.int64 and set(np.unique(train)) <= {0, 1}
    assert logistic.accuracy(train, Y) == pytest.approx(207 / 209)  # 99.04%
    assert logistic.accuracy(logistic.predict(w, b, Xt), Yt) == pytest.approx(0.70)


def test_optimize_prints_and_records():
    w, b, X, Y = problem(3, 10, 0)
    params, grads, costs = logistic.optimize(w, b, X, Y, 20, 0.1, record_every=5, print_every=10)
    assert sorted(costs) == [0, 5, 10, 15, 20] and costs[20] < costs[0]
    assert set(grads) == {"dw", "db"} and params["w"].shape == (3, 1)
    np.testing.assert_array_equal(w, problem(3, 10, 0)[0])  # the caller's w is not changed


def test_divergence_stops_with_advice():
    from dlnotes.optim import DivergedError

    # Huge inputs and steps send w to ±inf; inf − inf in wᵀX then gives NaN.
    X = np.random.default_rng(0).standard_normal((2, 6)) * 1e300
    Y = np.array([[1, 0, 1, 0, 1, 0]])
    with np.errstate(over="ignore", invalid="ignore"):
        with pytest.raises(DivergedError, match="smaller learning rate"):
            logistic.fit(X, Y, num_iterations=10, learning_rate=1e10)


@pytest.mark.parametrize("X, Y, message", [
    (np.ones((3, 4)), np.ones((4, 1)), r"Y\ must\ have\ shape\ \(1,\ m\)\ =\ \(1,\ 4\),\ one\ label\ per\ column\ of\ X\ \(shape\ \(3,\ 4\)\),\ got\ shape\ \(4,\ 1\)"),
    (np.ones((3, 4)), np.ones((1, 5)), r"Y\ must\ have\ shape\ \(1,\ m\)\ =\ \(1,\ 4\),\ one\ label\ per\ column\ of\ X\ \(shape\ \(3,\ 4\)\),\ got\ shape\ \(1,\ 5\)"),
    (np.ones((3, 4)), np.array([[0, 1, 2, 1]]), r"Y\ must\ hold\ only\ labels\ 0\ and\ 1,\ got\ \[2\.0\]\ \(in\ an\ array\ of\ shape\ \(1,\ 4\)\)"),
    (np.array([[1.0, np.inf]]), np.ones((1, 2)), r"X\ must\ hold\ finite\ numbers,\ got\ 1\ NaN\ or\ inf\ value\(s\)\ in\ an\ array\ of\ shape\ \(1,\ 2\)"),
    (np.ones(4), np.ones((1, 4)), r"X\ must\ be\ a\ 2\-D\ array\ \(n_x,\ m\),\ got\ shape\ \(4,\)"),
])
def test_fit_rejects_bad_input(X, Y, message):
    with pytest.raises(ValueError, match=message):
        logistic.fit(X, Y, num_iterations=2)


def test_predict_checks_w_against_x():
    with pytest.raises(ValueError, match=r"w\ must\ have\ shape\ \(n_x,\ 1\)\ =\ \(3,\ 1\)\ to\ match\ X\ of\ shape\ \(3,\ 5\)\ \(n_x,\ m\),\ got\ shape\ \(2,\ 1\)"):
        logistic.predict(np.zeros((2, 1)), 0.0, np.ones((3, 5)))
