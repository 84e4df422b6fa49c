"""The chapter 8 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks


def test_gd_step_accepts_the_right_answer(capsys):
    checks.check_gd_step(lambda w, b, dw, db, lr: (w - lr * dw, b - lr * db))
    assert "✔ gradient-descent step" in capsys.readouterr().out


def in_place(w, b, dw, db, lr):
    w -= lr * dw
    return w, b - lr * db


def test_gd_step_accepts_an_in_place_update(capsys):
    checks.check_gd_step(in_place)
    assert "✔" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda w, b, dw, db, lr: (w + lr * dw, b + lr * db), "uphill"),
    (lambda w, b, dw, db, lr: (w - dw, b - db), "learning rate"),
    (lambda w, b, dw, db, lr: (w, b - lr * db), "w unchanged"),
    (lambda w, b, dw, db, lr: (w - lr * dw, b), "b unchanged"),
    (lambda w, b, dw, db, lr: (w - lr * dw, b - lr * dw.sum()), "new b is wrong"),
    (lambda w, b, dw, db, lr: (w - lr * dw.T, b - lr * db), "shape"),
    (lambda w, b, dw, db, lr: (w - 0.1 * dw, b - 0.1 * db), "new w is wrong"),   # a fixed rate
    (lambda w, b, dw, db, lr: w - lr * dw, "pair"),
    (lambda w, b, dw, db, lr: (w - lr * dw, np.array([b - lr * db, 0.0])), "single number"),
])
def test_gd_step_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_gd_step(wrong)


def right_descend(grad, theta0, lr, k):
    path = [theta0]
    for _ in range(k):
        path.append(path[-1] - lr * grad(path[-1]))
    return np.array(path)


def test_descend_accepts_the_right_answer(capsys):
    checks.check_descend(right_descend)
    assert "✔ descend" in capsys.readouterr().out


def test_descend_accepts_a_list(capsys):
    checks.check_descend(lambda *args: right_descend(*args).tolist())
    assert "✔" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda grad, t0, lr, k: right_descend(grad, t0, lr, k)[1:], "starting point"),
    (lambda grad, t0, lr, k: right_descend(grad, t0, lr, k - 1), "give"),
    (lambda grad, t0, lr, k: right_descend(grad, t0, -lr, k), "climbs"),
    (lambda grad, t0, lr, k: right_descend(grad, t0, 1.0, k), "ignores the learning rate"),
    (lambda grad, t0, lr, k: right_descend(grad, t0, min(lr, 0.5), k), "is wrong"),   # clipped
    (lambda grad, t0, lr, k: np.full(k + 1, 3.0), "is wrong"),
    (lambda grad, t0, lr, k: np.zeros((k + 1, 1)), "shape"),
])
def test_descend_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_descend(wrong)


# ------------------------------------------------------------------ propagate_ch08

def sig(z):
    return 1 / (1 + np.exp(-z))


def propagate_right(w, b, X, Y):
    m = X.shape[1]
    A = sig(w.T @ X + b)
    cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    return {"dw": X @ (A - Y).T / m, "db": float(np.sum(A - Y) / m)}, float(cost)


def propagate_with(dw=None, db=None, cost=None):
    """A propagate with one part replaced by a wrong formula f(w, b, X, Y, A, m)."""
    def wrong(w, b, X, Y):
        m = X.shape[1]
        A = sig(w.T @ X + b)
        grads, J = propagate_right(w, b, X, Y)
        if dw:
            grads["dw"] = dw(w, b, X, Y, A, m)
        if db:
            grads["db"] = db(w, b, X, Y, A, m)
        return grads, (cost(w, b, X, Y, A, m) if cost else J)
    return wrong


def test_propagate_ch08_accepts_the_right_answer(capsys):
    checks.check_propagate_ch08(propagate_right)
    assert "✔ propagate_ch08" in capsys.readouterr().out


def test_propagate_ch08_accepts_an_array_db():
    # np.sum returns a NumPy scalar; a (0-d) array is as good as a float.
    checks.check_propagate_ch08(propagate_with(db=lambda w, b, X, Y, A, m: np.array(np.sum(A - Y) / m)))


def transposed_a(w, b, X, Y):
    m = X.shape[1]
    A = sig(X.T @ w + b)                      # (m, 1) instead of (1, m)
    return {"dw": X @ (A - Y).T / m, "db": float(np.sum(A - Y) / m)}, 0.5


@pytest.mark.parametrize("wrong, message", [
    (propagate_with(dw=lambda w, b, X, Y, A, m: X @ (A - Y).T), "dw is m times too large"),
    (propagate_with(dw=lambda w, b, X, Y, A, m: (A - Y) @ X.T / m), "shape of wᵀ"),
    (transposed_a, "w.T @ X, not X.T @ w"),
    (propagate_with(dw=lambda w, b, X, Y, A, m: X @ (Y - A).T / m), "dw has the wrong sign"),
    (propagate_with(dw=lambda w, b, X, Y, A, m: X @ (A - Y).T / m + w), "dw is wrong"),
    (propagate_with(db=lambda w, b, X, Y, A, m: float(np.sum(A - Y))), "db is m times too large"),
    (propagate_with(db=lambda w, b, X, Y, A, m: float(np.sum(Y - A) / m)), "db has the wrong sign"),
    (propagate_with(db=lambda w, b, X, Y, A, m: (A - Y) / m), "single number"),
    (propagate_with(cost=lambda w, b, X, Y, A, m: np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))),
     "the cost is negative"),
    (propagate_with(cost=lambda w, b, X, Y, A, m: -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))),
     "m times too large"),
    (propagate_with(cost=lambda w, b, X, Y, A, m: -np.mean(Y * np.log(A))), "y = 0"),
    (propagate_with(cost=lambda w, b, X, Y, A, m: 0.0), "the cost is 0.0"),
    (lambda w, b, X, Y: (propagate_right(w, b, X, Y)[0]["dw"], 0.1), "pair"),
    (lambda w, b, X, Y: ({"dw": propagate_right(w, b, X, Y)[0]["dw"]}, 0.1), "needs 'dw' and 'db'"),
])
def test_propagate_ch08_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_propagate_ch08(wrong)


# ------------------------------------------------------------------- optimize_ch08

def optimize_right(w, b, X, Y, num_iterations, learning_rate):
    w, costs = w.copy(), []
    for _ in range(num_iterations):
        grads, cost = propagate_right(w, b, X, Y)
        costs.append(cost)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
    return w, b, costs


def optimize_variant(*, sign=1.0, stale=False, lr=None, extra=0, after=False, in_place=False,
                     with_final=False):
    def run(w, b, X, Y, num_iterations, learning_rate):
        alpha = learning_rate if lr is None else lr
        w = w if in_place else w.copy()
        costs = []
        for _ in range(num_iterations + extra):
            grads, cost = propagate_right(w, b, X, Y)
            if not after:
                costs.append(cost)
            w -= sign * alpha * grads["dw"]
            if stale:
                grads, _ = propagate_right(w, b, X, Y)
            b = b - sign * alpha * grads["db"]
            if after:
                costs.append(propagate_right(w, b, X, Y)[1])
        if with_final:
            costs.append(propagate_right(w, b, X, Y)[1])
        return w, b, costs
    return run


def test_optimize_ch08_accepts_the_right_answer(capsys):
    checks.check_optimize_ch08(optimize_right)
    assert "✔ optimize_ch08" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (optimize_variant(sign=-1.0), "climbs"),
    (optimize_variant(stale=True), "before it has computed db"),
    (optimize_variant(lr=1.0), "ignores the learning rate"),
    (optimize_variant(extra=1), "made 16 updates"),
    (optimize_variant(extra=-1), "made 14 updates"),
    (optimize_variant(after=True), "after its update"),
    (optimize_variant(with_final=True), "one more than"),
    (optimize_variant(in_place=True), "changed the w it was given"),
    (lambda w, b, X, Y, n, lr: (w.copy(), b, [0.0] * n), "returns the starting w and b"),
    (lambda w, b, X, Y, n, lr: optimize_right(w, b, X, Y, n, lr)[:2], "triple"),
    (lambda w, b, X, Y, n, lr: (*optimize_right(w, b, X, Y, n, lr)[:2], [0.5] * n), "costs is wrong"),
    (lambda w, b, X, Y, n, lr: (*optimize_right(w, b, X, Y, n, 0.45)[:2], [0.5] * n), "expected"),
])
def test_optimize_ch08_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_optimize_ch08(wrong)
