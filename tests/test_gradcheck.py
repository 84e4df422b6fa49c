import numpy as np
import pytest

from dlnotes import gradcheck


def test_numerical_gradient_of_a_cubic():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    g = gradcheck.numerical_gradient(lambda v: np.sum(v ** 3), x)
    np.testing.assert_allclose(g, 3 * x ** 2, rtol=1e-7)
    np.testing.assert_array_equal(x, [[1.0, -2.0], [0.5, 3.0]])  # input left untouched


def test_float32_input_is_checked_in_float64():
    x = np.array([0.3, 0.7], dtype=np.float32)
    g = gradcheck.numerical_gradient(lambda v: (v.dtype == np.float64) * np.sum(np.sin(v)), x)
    np.testing.assert_allclose(g, np.cos(x.astype(np.float64)), rtol=1e-7)


def quadratic_problem():
    rng = np.random.default_rng(0)
    A = rng.standard_normal((4, 3))
    params = {"W": rng.standard_normal((3, 2)), "b": rng.standard_normal((1, 2))}

    def f(p):
        return float(np.sum((A @ p["W"] + p["b"]) ** 2))

    R = A @ params["W"] + params["b"]
    grads = {"dW": 2 * A.T @ R, "db": 2 * R.sum(axis=0, keepdims=True)}
    return f, params, grads


def test_gradient_check_accepts_the_right_gradient():
    f, params, grads = quadratic_problem()
    assert gradcheck.gradient_check(f, params, grads) < 1e-7


@pytest.mark.parametrize("break_it", [
    lambda g: {**g, "dW": g["dW"] / 4},           # a missing factor
    lambda g: {**g, "db": np.zeros_like(g["db"])},  # a forgotten bias gradient
    lambda g: {**g, "dW": -g["dW"]},              # wrong sign
])
def test_gradient_check_rejects_wrong_gradients(break_it):
    f, params, grads = quadratic_problem()
    assert gradcheck.gradient_check(f, params, break_it(grads)) > 1e-2


def test_gradient_check_validates_its_arguments():
    f, params, grads = quadratic_problem()
    with pytest.raises(ValueError, match=r"grads\ must\ have\ the\ keys\ \['db'\],\ got\ keys\ \['dW'\]"):
        gradcheck.gradient_check(f, params, {"dW": grads["dW"]})
    with pytest.raises(ValueError, match=r"grads\['dW'\]\ must\ have\ the\ shape\ of\ params\['W'\],\ \(3,\ 2\),\ got\ shape\ \(2,\ 3\)"):
        gradcheck.gradient_check(f, params, {**grads, "dW": grads["dW"].T})
    with pytest.raises(ValueError, match="epsilon must be a finite number > 0, got 0"):
        gradcheck.gradient_check(f, params, grads, epsilon=0)
    with pytest.raises(ValueError, match=r"x\ must\ hold\ finite\ numbers,\ got\ 1\ NaN\ or\ inf\ value\(s\)\ in\ an\ array\ of\ shape\ \(1,\)"):
        gradcheck.numerical_gradient(np.sum, np.array([np.nan]))


def test_relative_difference_edge_cases():
    assert gradcheck.relative_difference(np.zeros(3), np.zeros(3)) == 0.0
    assert gradcheck.relative_difference([1.0, 0.0], [0.0, 1.0]) == pytest.approx(np.sqrt(2) / 2)
