"""Checkers for chapter 8, gradient descent: one update, and descent on a function of one variable."""
import numpy as np

from .. import logistic
from ._core import call, close, passed, require_array, scalar

__all__ = ["check_gd_step", "check_descend"]


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
