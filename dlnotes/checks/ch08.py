"""Checkers for chapter 8, gradient descent: one update, descent on a function of one variable,
and logistic regression written by the learner (propagate and the gradient-descent loop)."""
import numpy as np

from .. import logistic
from ._core import call, close, passed, require_array, require_close, scalar

__all__ = ["check_gd_step", "check_descend", "check_propagate_ch08", "check_optimize_ch08"]


def check_gd_step(step):
    """``step(w, b, dw, db, learning_rate)`` returns (w − α dw, b − α db)."""
    rng = np.random.default_rng(81)
    n_x, m, lr = 3, 12, 0.3
    X = rng.normal(size=(n_x, m))
    Y = (rng.uniform(size=(1, m)) < 0.5).astype(float)
    Y[0, :2] = 0, 1
    w, b = rng.normal(size=(n_x, 1)), 0.4
    grads, _ = logistic.propagate(w, b, X, Y)
    dw, db = grads["dw"], grads["db"]
    # The package's own answer: one iteration of gradient descent from (w, b).
    params, _, _ = logistic.optimize(w, b, X, Y, num_iterations=1, learning_rate=lr)
    out = call(step, "step(w, b, dw, db, learning_rate)", w.copy(), b, dw.copy(), db, lr)
    if not isinstance(out, tuple) or len(out) != 2:
        raise AssertionError("step should return a pair (w, b), got "
                             f"{type(out).__name__}{'' if not isinstance(out, tuple) else len(out)}")
    w_new = require_array(out[0], "the new w", shape=w.shape)
    b_new = scalar(out[1], "the new b")
    if close(w_new, w + lr * dw) and close(b_new, b + lr * db):
        raise AssertionError("step moves uphill: it adds α·dw. The gradient points to where the "
                             "cost grows, so gradient descent subtracts it: w − α dw.")
    if close(w_new, w - dw) or close(b_new, b - db):
        raise AssertionError("step ignores the learning rate: the update is w − α dw, "
                             "b − α db.")
    if close(w_new, w):
        raise AssertionError("step returns w unchanged: update it too, w − α dw.")
    if close(b_new, b):
        raise AssertionError("step returns b unchanged: the bias is a parameter too, b − α db.")
    if not close(w_new, params["w"]):
        raise AssertionError("the new w is wrong: w − α dw.")
    if not close(b_new, params["b"]):
        raise AssertionError("the new b is wrong: b − α db.")
    passed("gradient-descent step", "It matches one iteration of dlnotes.logistic.optimize.")


def _quadratic_path(theta0, lr, k, c=3.0):
    """The iterates of gradient descent on J(θ) = (θ − c)²: θ_k = c + (1 − 2α)^k (θ_0 − c)."""
    return c + (1 - 2 * lr) ** np.arange(k + 1) * (theta0 - c)


def check_descend(descend):
    """``descend(grad, theta0, learning_rate, num_steps)`` returns [θ_0, θ_1, ..., θ_k]."""
    def grad(theta):
        return 2 * (theta - 3.0)           # J(θ) = (θ − 3)²

    for theta0, lr, k in [(-1.0, 0.1, 20), (5.0, 0.35, 7), (2.5, 1.05, 9)]:
        path = np.asarray(call(descend, "descend(grad, theta0, learning_rate, num_steps)",
                               grad, theta0, lr, k), dtype=float)
        expected = _quadratic_path(theta0, lr, k)
        if path.shape == (k,):
            if close(path, expected[1:]):
                raise AssertionError(f"descend returned {k} values: put the starting point "
                                     f"θ_0 first, so that {k} steps give {k + 1} values.")
            raise AssertionError(f"descend returned {k} values; {k} steps from θ_0 give "
                                 f"{k + 1} values θ_0, ..., θ_{k}.")
        require_array(path, "descend(...)", shape=(k + 1,))
        if close(path, 3.0 + (1 + 2 * lr) ** np.arange(k + 1) * (theta0 - 3.0)):
            raise AssertionError("descend climbs: θ ← θ + α·J'(θ). Subtract the gradient.")
        if lr != 1 and close(path, _quadratic_path(theta0, 1.0, k)):
            raise AssertionError("descend ignores the learning rate: θ ← θ − α·J'(θ).")
        if not close(path, expected, rtol=1e-9):
            raise AssertionError(f"descend(grad, {theta0}, {lr}, {k}) is wrong; on "
                                 f"J(θ) = (θ − 3)² the path should be {np.round(expected, 4)}, "
                                 f"got {np.round(path, 4)}.")
    passed("descend", f"On J(θ) = (θ − 3)² with α = {lr} the error grows by |1 − 2α| = "
                      f"{abs(1 - 2 * lr):.1f} per step: too large a rate diverges.")


# ------------------------------------------------- the learner builds logistic regression

def _logistic_problem(seed, n_x, m):
    """A small, non-square problem (n_x ≠ m, so a transposed matrix shows in the shapes)."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_x, m))
    Y = (rng.uniform(size=(1, m)) < 0.5).astype(float)
    Y[0, :2] = 0, 1                                  # both classes, always
    return rng.normal(size=(n_x, 1)), float(rng.normal()), X, Y


def _propagate_parts(w, b, X, Y):
    """The quantities a propagate needs, and the usual wrong versions of them."""
    m = X.shape[1]
    A = 1 / (1 + np.exp(-(w.T @ X + b)))
    dZ = A - Y
    cost = float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))
    return dict(m=m, dw=X @ dZ.T / m, db=float(dZ.sum() / m), cost=cost,
                cost_y_only=float(-np.mean(Y * np.log(A))))


def check_propagate_ch08(propagate_ch08):
    """``propagate_ch08(w, b, X, Y)`` returns ``({"dw": dw, "db": db}, cost)`` as
    :func:`dlnotes.logistic.propagate` does: dw (n_x, 1), db and cost floats."""
    for seed, n_x, m in [(801, 4, 6), (802, 3, 11)]:
        w, b, X, Y = _logistic_problem(seed, n_x, m)
        right, right_cost = logistic.propagate(w, b, X, Y)
        p = _propagate_parts(w, b, X, Y)
        out = call(propagate_ch08, "propagate_ch08(w, b, X, Y)", w.copy(), b, X.copy(), Y.copy())
        if not isinstance(out, tuple) or len(out) != 2 or not isinstance(out[0], dict):
            raise AssertionError("propagate_ch08 should return a pair (grads, cost) with grads a "
                                 f"dict {{'dw': ..., 'db': ...}}, got {type(out).__name__}")
        grads, cost = out
        missing = {"dw", "db"} - set(grads)
        if missing:
            raise AssertionError(f"grads has keys {sorted(grads)}; it needs 'dw' and 'db'")
        dw = np.asarray(grads["dw"], dtype=float)
        if dw.shape == (1, n_x):
            raise AssertionError(f"dw has shape {dw.shape}, the shape of wᵀ; it must have the "
                                 f"shape of w, ({n_x}, 1): put X first, X (A − Y)ᵀ, not (A − Y) Xᵀ.")
        if dw.shape == (n_x, m) or dw.shape == (m, 1):
            raise AssertionError(f"dw has shape {dw.shape}, need ({n_x}, 1). Check the shapes on "
                                 "the way: A = σ(wᵀX + b) is (1, m), one entry per example "
                                 "(w.T @ X, not X.T @ w), and dw = X (A − Y)ᵀ / m.")
        require_array(dw, "dw", shape=(n_x, 1))
        db = scalar(grads["db"], "db")
        cost = scalar(cost, "the cost")
        if close(dw, p["m"] * p["dw"]):
            raise AssertionError("dw is m times too large: the cost is a mean over the m "
                                 "examples, so dw = (1/m) X (A − Y)ᵀ.")
        if close(dw, -p["dw"]):
            raise AssertionError("dw has the wrong sign: for the sigmoid with the cross-entropy "
                                 "∂L/∂z = a − y (not y − a), so dw = (1/m) X (A − Y)ᵀ.")
        if not close(dw, right["dw"]):
            raise AssertionError(f"dw is wrong: expected {np.round(right['dw'].ravel(), 4)}, got "
                                 f"{np.round(dw.ravel(), 4)}. dw = (1/m) X (A − Y)ᵀ with "
                                 "A = σ(wᵀX + b).")
        if close(db, p["m"] * p["db"]):
            raise AssertionError("db is m times too large: db = (1/m) Σ (a − y), a mean.")
        if close(db, -p["db"]):
            raise AssertionError("db has the wrong sign: db = (1/m) Σ (a − y).")
        if not close(db, right["db"]):
            raise AssertionError(f"db is {db:.6f}, expected {right['db']:.6f}: "
                                 "db = (1/m) Σ (a − y).")
        if close(cost, -right_cost):
            raise AssertionError("the cost is negative: J = −(1/m) Σ [y log a + (1 − y) log(1 − a)]; "
                                 "the minus sign makes it positive.")
        if close(cost, p["m"] * right_cost):
            raise AssertionError("the cost is m times too large: it is the mean of the losses, "
                                 "J = −(1/m) Σ [...], not their sum.")
        if close(cost, p["cost_y_only"]):
            raise AssertionError("the cost leaves out the examples with y = 0: add their term, "
                                 "(1 − y) log(1 − a).")
        if not close(cost, right_cost):
            raise AssertionError(f"the cost is {cost:.6f}, expected {right_cost:.6f}: "
                                 "J = −(1/m) Σ [y log a + (1 − y) log(1 − a)].")
    passed("propagate_ch08", "Cost, dw and db match dlnotes.logistic.propagate.")


def _descent(w, b, X, Y, n, lr, *, sign=1.0, stale_db=False):
    """Gradient descent as the package runs it, or with one of the usual mistakes."""
    w, costs = w.copy(), []
    for _ in range(n):
        grads, cost = logistic.propagate(w, b, X, Y)
        costs.append(cost)
        w = w - sign * lr * grads["dw"]
        if stale_db:                       # db recomputed from the already-updated w
            grads, _ = logistic.propagate(w, b, X, Y)
        b = b - sign * lr * grads["db"]
    return w, b, costs


def check_optimize_ch08(optimize_ch08):
    """``optimize_ch08(w, b, X, Y, num_iterations, learning_rate)`` runs gradient descent and
    returns ``(w, b, costs)``: the parameters after the last update and the list of the
    num_iterations costs, each computed before its update (as dlnotes.logistic.optimize)."""
    w0, b0, X, Y = _logistic_problem(803, 3, 20)
    n, lr = 15, 0.5
    params, _, trace = logistic.optimize(w0, b0, X, Y, num_iterations=n, learning_rate=lr,
                                         record_every=1)
    right_costs = [trace[i] for i in range(n)]
    w_in = w0.copy()
    out = call(optimize_ch08, "optimize_ch08(w, b, X, Y, num_iterations, learning_rate)",
               w_in, b0, X.copy(), Y.copy(), n, lr)
    if not isinstance(out, tuple) or len(out) != 3:
        raise AssertionError("optimize_ch08 should return a triple (w, b, costs), got "
                             f"{type(out).__name__}")
    w = require_array(np.asarray(out[0], dtype=float), "the returned w", shape=w0.shape)
    b = scalar(out[1], "the returned b")
    costs = np.asarray(out[2], dtype=float).ravel()
    if not np.array_equal(w_in, w0):
        raise AssertionError("optimize_ch08 changed the w it was given (an in-place update such "
                             "as w -= ...); work on a copy, w = w.copy(), so the caller's array "
                             "stays as it was.")
    if close(w, w0) and close(b, b0):
        raise AssertionError("optimize_ch08 returns the starting w and b: update them "
                             "num_iterations times, w ← w − α dw, b ← b − α db.")
    uphill = _descent(w0, b0, X, Y, n, lr, sign=-1.0)
    if close(w, uphill[0]) and close(b, uphill[1]):
        raise AssertionError("optimize_ch08 climbs: it adds α·dw. The gradient points uphill; "
                             "gradient descent subtracts it, w ← w − α dw.")
    stale = _descent(w0, b0, X, Y, n, lr, stale_db=True)
    if close(w, stale[0], rtol=1e-9) and close(b, stale[1], rtol=1e-9):
        raise AssertionError("optimize_ch08 updates w before it has computed db, so db comes "
                             "from the new w. Compute both gradients from the same (w, b), "
                             "then update both.")
    unit = _descent(w0, b0, X, Y, n, 1.0)
    if close(w, unit[0]) and close(b, unit[1]):
        raise AssertionError("optimize_ch08 ignores the learning rate: w ← w − α dw.")
    for k in (n - 1, n + 1):
        other = _descent(w0, b0, X, Y, k, lr)
        if close(w, other[0]) and close(b, other[1]):
            raise AssertionError(f"optimize_ch08 made {k} updates for num_iterations = {n}; "
                                 f"make exactly {n}.")
    if not (close(w, params["w"]) and close(b, params["b"])):
        raise AssertionError(f"after {n} steps w, b are {np.round(w.ravel(), 4)}, {b:.4f}; "
                             f"expected {np.round(params['w'].ravel(), 4)}, {params['b']:.4f} "
                             "(dlnotes.logistic.optimize from the same start).")
    if costs.shape == (n,) and close(costs, [trace[i] for i in range(1, n + 1)]):
        raise AssertionError("each recorded cost is the cost after its update; record the cost "
                             "computed with the gradients, before the update (costs[0] is the "
                             "cost at the start).")
    if costs.shape == (n + 1,) and close(costs, [trace[i] for i in range(n + 1)]):
        raise AssertionError(f"costs has {n + 1} entries, one more than the {n} iterations: "
                             "return the cost computed before each update, nothing after.")
    if costs.shape != (n,):
        raise AssertionError(f"costs has {costs.size} entries; give one per iteration, {n}.")
    require_close(costs, right_costs, "costs", hint="the cost of (w, b) before each update.")
    passed("optimize_ch08", f"{n} steps match dlnotes.logistic.optimize; the cost fell from "
                            f"{right_costs[0]:.4f} to {right_costs[-1]:.4f}.")
