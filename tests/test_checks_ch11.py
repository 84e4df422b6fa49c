"""The chapter 11 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks, logistic
from dlnotes.activations import sigmoid


def one_loop(w, b, X, Y, scale=1.0, sign=1.0, bias=True, accumulate=True, column=True):
    n_x, m = X.shape
    dw = np.zeros((n_x, 1)) if column else np.zeros(n_x)
    db = 0.0
    for i in range(m):
        x = X[:, i:i + 1] if column else X[:, i]
        a = sigmoid(w.T @ X[:, i:i + 1] + (b if bias else 0.0))[0, 0]
        dz = sign * (a - Y[0, i])
        if accumulate:
            dw = dw + x * dz
            db += dz
        else:
            dw, db = x * dz, dz
    return dw / m * scale, db / m * scale


def test_gradients_one_loop_accepts_the_right_answer(capsys):
    checks.check_gradients_one_loop(one_loop)
    assert "✔ gradients_one_loop" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda w, b, X, Y: one_loop(w, b, X, Y, scale=X.shape[1]), "times too large"),
    (lambda w, b, X, Y: one_loop(w, b, X, Y, sign=-1.0), "wrong sign"),
    (lambda w, b, X, Y: one_loop(w, b, X, Y, bias=False), "ignore the bias"),
    (lambda w, b, X, Y: one_loop(w, b, X, Y, accumulate=False), "only the last example"),
    (lambda w, b, X, Y: one_loop(w, b, X, Y, column=False), "rank-1"),
    (lambda w, b, X, Y: (one_loop(w, b, X, Y)[0].T, one_loop(w, b, X, Y)[1]), "a row"),
    (lambda w, b, X, Y: (one_loop(w, b, X, Y)[0], np.ones((1, 2))), "one number"),
    (lambda w, b, X, Y: (np.zeros((X.shape[0], 1)), 0.0), "is wrong"),
    (lambda w, b, X, Y: one_loop(w, b, X, Y)[0], "pair"),
    (lambda w, b, X, Y: (w @ X, 0.0), "ValueError"),
])
def test_gradients_one_loop_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_gradients_one_loop(wrong)


def test_forward_accepts_the_right_answer(capsys):
    checks.check_forward_vectorized(lambda w, b, X: sigmoid(w.T @ X + b))
    assert "✔ forward_vectorized" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda w, b, X: w.T @ X + b, "apply the sigmoid"),
    (lambda w, b, X: sigmoid(w.T @ X), "ignores the bias"),
    (lambda w, b, X: sigmoid(-(w.T @ X + b)), "1 − σ"),
    (lambda w, b, X: sigmoid(w.T @ X + b).ravel(), "rank-1"),
    (lambda w, b, X: sigmoid(X.T @ w + b), "one row per example"),
    (lambda w, b, X: sigmoid(w @ X + b), "ValueError"),
    (lambda w, b, X: np.zeros((1, X.shape[1])), "is wrong"),
    (lambda w, b, X: sigmoid(w.T @ X + b).tolist(), "NumPy array"),
])
def test_forward_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_forward_vectorized(wrong)


def propagate_with(w, b, X, Y, scale=1.0, sign=1.0, bias=True, transpose_x=False, cost_scale=1.0,
                   cost_sign=1.0, dw_row=False):
    m = X.shape[1]
    Xf = X.T if transpose_x else X
    A = sigmoid(w.T @ Xf + (b if bias else 0.0))
    dZ = sign * (A - Y)
    cost = -cost_sign * cost_scale * np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dw = Xf @ dZ.T / m * scale
    return {"dw": dw.T if dw_row else dw, "db": float(dZ.sum()) / m * scale}, cost


def test_propagate_vectorized_accepts_the_right_answer(capsys):
    checks.check_propagate_vectorized(propagate_with)
    assert "✔ propagate_vectorized" in capsys.readouterr().out


def test_propagate_vectorized_accepts_the_package(capsys):
    checks.check_propagate_vectorized(logistic.propagate)
    assert "✔ propagate_vectorized" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda w, b, X, Y: propagate_with(w, b, X, Y, scale=X.shape[1]), "times too large"),
    (lambda w, b, X, Y: propagate_with(w, b, X, Y, sign=-1.0), "wrong sign"),
    (lambda w, b, X, Y: propagate_with(w, b, X, Y, bias=False), "ignore the bias"),
    (lambda w, b, X, Y: propagate_with(w, b, X, Y, cost_scale=X.shape[1]), "cost is m"),
    (lambda w, b, X, Y: propagate_with(w, b, X, Y, cost_sign=-1.0), "cost is negative"),
    (lambda w, b, X, Y: propagate_with(w, b, X, Y, dw_row=True), "a row"),
    (lambda w, b, X, Y: ({"dw": X * (sigmoid(w.T @ X + b) - Y), "db": 0.0}, 0.7),
     "one column per example"),
    (lambda w, b, X, Y: ({"dw": w, "db": 0.0}, 0.7), "dw for"),
    (lambda w, b, X, Y: ({"dw": w, "db": 0.0}), "pair"),
    (lambda w, b, X, Y: ({"dw": w}, 0.7), "no key"),
    (lambda w, b, X, Y: ({"dw": w.ravel(), "db": 0.0}, 0.7), "rank-1"),
    (lambda w, b, X, Y: ({"dw": np.zeros_like(w), "db": np.zeros(2)}, 0.7), "single number"),
    (lambda w, b, X, Y: propagate_with(w, b, X.T, Y), "ValueError"),
])
def test_propagate_vectorized_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_propagate_vectorized(wrong)


def test_propagate_vectorized_names_a_transposed_x_when_x_is_square():
    def transposed(w, b, X, Y):
        if X.shape[0] == X.shape[1]:
            return propagate_with(w, b, X, Y, transpose_x=True)
        return propagate_with(w, b, X, Y)
    with pytest.raises(AssertionError, match="X is used transposed"):
        checks.check_propagate_vectorized(transposed)


def descend(w, b, X, Y, num_iterations, learning_rate, sign=1.0, update_b=True, sequential=False,
            record_after=False, in_place=False, never_assign=False):
    costs = []
    if not in_place:
        w = w.copy()
    for _ in range(num_iterations):
        grads, cost = logistic.propagate(w, b, X, Y)
        if not record_after:
            costs.append(cost)
        if never_assign:
            continue
        w -= sign * learning_rate * grads["dw"]
        if sequential:
            grads, _ = logistic.propagate(w, b, X, Y)
        if update_b:
            b = b - sign * learning_rate * grads["db"]
        if record_after:
            costs.append(logistic.propagate(w, b, X, Y)[1])
    return w, b, costs


def test_gradient_descent_loop_accepts_the_right_answer(capsys):
    checks.check_gradient_descent_loop(descend)
    assert "✔ gradient_descent_loop" in capsys.readouterr().out


def test_gradient_descent_loop_agrees_with_the_package_optimizer(capsys):
    def with_optimize(w, b, X, Y, num_iterations, learning_rate):
        params, _, costs = logistic.optimize(w, b, X, Y, num_iterations, learning_rate,
                                             record_every=1)
        return params["w"], params["b"], [costs[i] for i in range(num_iterations)]
    checks.check_gradient_descent_loop(with_optimize)
    assert "✔ gradient_descent_loop" in capsys.readouterr().out


@pytest.mark.parametrize("kwargs, message", [
    (dict(sign=-1.0), "uphill"),
    (dict(update_b=False), "b is never updated"),
    (dict(sequential=True), "compute all the gradients first"),
    (dict(record_after=True), "after its update"),
    (dict(in_place=True), "changed the caller's w"),
    (dict(never_assign=True), "never change"),
])
def test_gradient_descent_loop_rejects_typical_mistakes(kwargs, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_gradient_descent_loop(
            lambda w, b, X, Y, n, rate: descend(w, b, X, Y, n, rate, **kwargs))


@pytest.mark.parametrize("wrong, message", [
    (lambda w, b, X, Y, n, rate: (w, b), "triple"),
    (lambda w, b, X, Y, n, rate: (*descend(w, b, X, Y, n, rate)[:2], [0.5]), "entries"),
    (lambda w, b, X, Y, n, rate: descend(w, b, X, Y, n, 2 * rate), "is wrong"),
    (lambda w, b, X, Y, n, rate: 1 / 0, "ZeroDivisionError"),
])
def test_gradient_descent_loop_rejects_malformed_answers(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_gradient_descent_loop(wrong)
