"""Checkers for chapter 11, gradient descent on m examples and vectorization."""
import numpy as np

from ..activations import sigmoid
from ..logistic import propagate
from ._core import passed, require_array, require_close

__all__ = ["check_gradients_one_loop", "check_forward"]


def _problem(seed, n_x, m):
    """A small logistic-regression problem: w (n_x, 1), b, X (n_x, m), Y (1, m) with both labels."""
    rng = np.random.default_rng(seed)
    w = rng.standard_normal((n_x, 1))
    b = float(rng.normal())
    X = rng.standard_normal((n_x, m))
    Y = (np.arange(m) % 2).reshape(1, m).astype(float)   # both labels, whatever m is
    rng.shuffle(Y, axis=1)
    return w, b, X, Y


# n_x != m everywhere so a transposed result has the wrong shape; m = 1 is the edge case
_SHAPES = [(3, 7), (5, 2), (2, 1)]


def _run(fn, name, *args):
    """Call the learner's fn on copies; a shape clash inside it becomes a hint, not a crash."""
    try:
        return fn(*(np.copy(a) if isinstance(a, np.ndarray) else a for a in args))
    except ValueError as err:
        raise AssertionError(f"{name} failed with ValueError: {err}. Check the shapes: w is "
                             "(n_x, 1), X is (n_x, m), so wᵀX = w.T @ X is (1, m); one example is "
                             "the column X[:, i:i+1], of shape (n_x, 1)") from None


def check_gradients_one_loop(gradients_one_loop):
    """``gradients_one_loop(w, b, X, Y)`` returns (dw, db): dw (n_x, 1) = (1/m) Σ x⁽ⁱ⁾ dz⁽ⁱ⁾ and
    db = (1/m) Σ dz⁽ⁱ⁾ with dz⁽ⁱ⁾ = a⁽ⁱ⁾ − y⁽ⁱ⁾, one loop over the examples."""
    for seed, (n_x, m) in enumerate(_SHAPES):
        w, b, X, Y = _problem(110 + seed, n_x, m)
        out = _run(gradients_one_loop, "gradients_one_loop(w, b, X, Y)", w, b, X, Y)
        if not isinstance(out, (tuple, list)) or len(out) != 2:
            raise AssertionError(f"gradients_one_loop should return the pair (dw, db), got {out!r}")
        dw, db = out
        dw = require_array(dw, "dw")
        if dw.shape == (n_x,):
            raise AssertionError(f"dw has shape {dw.shape}, a rank-1 array; it must be a column "
                                 f"of shape ({n_x}, 1) like w. Start from np.zeros((n_x, 1)) and "
                                 "add columns X[:, i:i+1] * dz")
        if dw.shape == (1, n_x):
            raise AssertionError(f"dw has shape {dw.shape}, a row; it must be a column of shape "
                                 f"({n_x}, 1), the shape of w")
        require_array(dw, "dw", shape=(n_x, 1))
        if np.size(db) != 1:
            raise AssertionError(f"db should be one number, got an array of shape {np.shape(db)}")
        db = float(np.asarray(db).reshape(()))
        grads, _ = propagate(w, b, X, Y)
        want_dw, want_db = grads["dw"], grads["db"]
        got = np.append(dw.ravel(), db)
        want = np.append(want_dw.ravel(), want_db)
        if np.allclose(got, want):
            continue
        shape = f"(n_x, m) = ({n_x}, {m})"
        if m > 1 and np.allclose(got, m * want):
            raise AssertionError(f"dw and db are m = {m} times too large for {shape}: the cost is "
                                 "the MEAN loss, so divide the sums by m")
        if np.allclose(got, -want):
            raise AssertionError(f"dw and db have the wrong sign for {shape}: dz⁽ⁱ⁾ = a⁽ⁱ⁾ − y⁽ⁱ⁾")
        A0 = sigmoid(w.T @ X)
        if np.allclose(got, np.append(X @ (A0 - Y).T / m, (A0 - Y).sum() / m)):
            raise AssertionError(f"the gradients ignore the bias for {shape}: "
                                 "z⁽ⁱ⁾ = wᵀx⁽ⁱ⁾ + b")
        dz_last = float(sigmoid(w.T @ X[:, -1:] + b)[0, 0] - Y[0, -1])
        if m > 1 and np.allclose(got, np.append(X[:, -1] * dz_last / m, dz_last / m)):
            raise AssertionError(f"only the last example counts for {shape}: add each example's "
                                 "contribution to dw and db (+=) instead of replacing it (=)")
        require_close(dw, want_dw, f"dw for {shape}",
                      hint="dw = (1/m) Σ x⁽ⁱ⁾ (a⁽ⁱ⁾ − y⁽ⁱ⁾)")
        require_close(db, want_db, f"db for {shape}", hint="db = (1/m) Σ (a⁽ⁱ⁾ − y⁽ⁱ⁾)")
    passed("gradients_one_loop", "Same dw and db as the vectorised propagate.")


def check_forward(forward):
    """``forward(w, b, X)`` returns A = σ(wᵀX + b) of shape (1, m), with no loop."""
    for seed, (n_x, m) in enumerate(_SHAPES):
        w, b, X, _ = _problem(111 + seed, n_x, m)
        A = require_array(_run(forward, "forward(w, b, X)", w, b, X), "A")
        if A.shape == (m,) and m > 1:
            raise AssertionError(f"A has shape {A.shape}, a rank-1 array; keep it a row of shape "
                                 f"(1, {m}): w.T @ X already has that shape")
        if A.shape == (m, 1) and m > 1:
            raise AssertionError(f"A has shape {A.shape}, one row per example; the book keeps "
                                 f"examples in columns, so A must be (1, {m}): use w.T @ X, "
                                 "not X.T @ w")
        require_array(A, "A", shape=(1, m))
        Z = w.T @ X + b
        want = sigmoid(Z)
        if np.allclose(A, want):
            continue
        if np.allclose(A, Z):
            raise AssertionError("A equals Z = wᵀX + b: apply the sigmoid, A = σ(Z)")
        if np.allclose(A, sigmoid(w.T @ X)):
            raise AssertionError("A ignores the bias: A = σ(wᵀX + b)")
        if np.allclose(A, sigmoid(-Z)):
            raise AssertionError("A is σ(−Z) = 1 − σ(Z): the sigmoid is 1 / (1 + e^(−z))")
        require_close(A, want, f"A for (n_x, m) = ({n_x}, {m})", hint="A = σ(wᵀX + b)")
    passed("forward", "A = σ(wᵀX + b) for all examples at once.")
