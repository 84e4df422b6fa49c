"""Checkers for chapter 11, gradient descent on m examples and vectorization."""
import numpy as np

from ..activations import sigmoid
from ..logistic import propagate
from ._core import call, close, passed, require_array, require_close, scalar

__all__ = ["check_gradients_one_loop", "check_forward_vectorized", "check_propagate_vectorized",
           "check_gradient_descent_loop"]


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


def check_forward_vectorized(forward_vectorized):
    """``forward_vectorized(w, b, X)`` returns A = σ(wᵀX + b) of shape (1, m), with no loop."""
    for seed, (n_x, m) in enumerate(_SHAPES):
        w, b, X, _ = _problem(111 + seed, n_x, m)
        A = require_array(_run(forward_vectorized, "forward_vectorized(w, b, X)", w, b, X), "A")
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
    passed("forward_vectorized", "A = σ(wᵀX + b) for all examples at once.")


def _variant(w, b, X, Y, scale=1.0, sign=1.0, bias=True, transpose_x=False, cost_scale=1.0,
             cost_sign=1.0):
    """(dw, db, cost) computed the right way, or with one of the typical mistakes."""
    m = X.shape[1]
    Xf = X.T if transpose_x else X
    A = sigmoid(w.T @ Xf + (b if bias else 0.0))
    dZ = sign * (A - Y)
    cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    return Xf @ dZ.T / m * scale, float(dZ.sum()) / m * scale, cost_sign * cost * cost_scale


# Square shapes too: there a transposed X runs without an error and gives wrong numbers.
_PROPAGATE_SHAPES = [(3, 7), (4, 4), (6, 2), (2, 1)]


def check_propagate_vectorized(propagate_vectorized):
    """``propagate_vectorized(w, b, X, Y)`` returns ``({"dw": dw, "db": db}, cost)`` like
    :func:`dlnotes.logistic.propagate`: dw (n_x, 1) = (1/m) X (A − Y)ᵀ, db = (1/m) Σ (A − Y),
    cost = −(1/m) Σ [Y log A + (1 − Y) log(1 − A)], with A = σ(wᵀX + b)."""
    for seed, (n_x, m) in enumerate(_PROPAGATE_SHAPES):
        w, b, X, Y = _problem(115 + seed, n_x, m)
        shape = f"(n_x, m) = ({n_x}, {m})"
        out = _run(propagate_vectorized, "propagate_vectorized(w, b, X, Y)", w, b, X, Y)
        if not isinstance(out, (tuple, list)) or len(out) != 2 or not isinstance(out[0], dict):
            raise AssertionError("propagate_vectorized should return the pair (grads, cost) with "
                                 f"grads a dict {{'dw': ..., 'db': ...}}; got {type(out).__name__}")
        grads, cost = out
        missing = {"dw", "db"} - set(grads)
        if missing:
            raise AssertionError(f"grads has no key {sorted(missing)}: return {{'dw': dw, 'db': db}}")
        dw = require_array(grads["dw"], "grads['dw']")
        if dw.shape == (1, n_x) and n_x != 1:
            raise AssertionError(f"dw has shape {dw.shape}, a row, for {shape}: it must be a "
                                 f"column ({n_x}, 1) like w. dZ @ X.T is its transpose; "
                                 "use X @ dZ.T")
        if dw.shape == (n_x,):
            raise AssertionError(f"dw has shape {dw.shape}, a rank-1 array; keep it a column "
                                 f"({n_x}, 1), the shape of w")
        if dw.shape == (n_x, m) and m > 1:
            raise AssertionError(f"dw has shape {dw.shape}, one column per example: the product "
                                 "X dZᵀ sums over the examples, an elementwise X * dZ does not")
        require_array(dw, "grads['dw']", shape=(n_x, 1))
        db = scalar(grads["db"], "grads['db']")
        cost = scalar(cost, "cost")
        want = (*_variant(w, b, X, Y),)
        got = np.append(dw.ravel(), [db, cost])

        def same(v):
            return close(got, np.append(v[0].ravel(), v[1:]), rtol=1e-6, atol=1e-10)

        if same(want):
            continue
        grads_ok = close(np.append(dw.ravel(), db), np.append(want[0].ravel(), want[1]), rtol=1e-6)
        if grads_ok:
            if m > 1 and np.isclose(cost, m * want[2]):
                raise AssertionError(f"the cost is m = {m} times too large for {shape}: it is the "
                                     "MEAN loss, divide the sum by m (or use np.mean)")
            if np.isclose(cost, -want[2]):
                raise AssertionError(f"the cost is negative for {shape}: the loss is "
                                     "−[y log a + (1 − y) log(1 − a)], with the minus sign")
            require_close(cost, want[2], f"cost for {shape}",
                          hint="cost = −(1/m) Σ [Y log A + (1 − Y) log(1 − A)]")
        mistakes = [
            (dict(scale=m), f"dw and db are m = {m} times too large for {shape}: the gradients "
                            "of the MEAN loss carry the factor 1/m"),
            (dict(sign=-1.0), f"dw and db have the wrong sign for {shape}: dZ = A − Y, not Y − A"),
            (dict(bias=False), f"the gradients ignore the bias for {shape}: A = σ(wᵀX + b)"),
        ]
        if n_x == m:
            mistakes.append((dict(transpose_x=True),
                             f"X is used transposed for {shape}: with X of shape (n_x, m) the "
                             "forward pass is w.T @ X and dw = X @ dZ.T / m (X.T only runs "
                             "here because X is square)"))
        for kwargs, message in mistakes:
            v = _variant(w, b, X, Y, **kwargs)
            if close(np.append(dw.ravel(), db), np.append(v[0].ravel(), v[1]), rtol=1e-6):
                raise AssertionError(message)
        require_close(dw, want[0], f"dw for {shape}", hint="dw = (1/m) X (A − Y)ᵀ")
        require_close(db, want[1], f"db for {shape}", hint="db = (1/m) Σ (A − Y)")
    passed("propagate_vectorized", "Same cost, dw and db as dlnotes.logistic.propagate, "
           f"on {len(_PROPAGATE_SHAPES)} problems.")


def _descend(w, b, X, Y, num_iterations, learning_rate, sign=1.0, update_b=True,
             sequential=False, record_after=False):
    """Gradient descent the right way, or with one typical mistake; returns (w, b, costs)."""
    w, costs = w.copy(), []
    for _ in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        if not record_after:
            costs.append(cost)
        w = w - sign * learning_rate * grads["dw"]
        if sequential:  # db recomputed after w has already moved
            grads, _ = propagate(w, b, X, Y)
        if update_b:
            b = b - sign * learning_rate * grads["db"]
        if record_after:
            costs.append(propagate(w, b, X, Y)[1])
    return w, float(b), costs


def check_gradient_descent_loop(gradient_descent_loop):
    """``gradient_descent_loop(w, b, X, Y, num_iterations, learning_rate)`` returns
    ``(w, b, costs)``: the parameters after ``num_iterations`` updates w ← w − α dw,
    b ← b − α db (both gradients taken at the same, current parameters), and the list of the
    ``num_iterations`` costs, each recorded before its update; the caller's w is not changed."""
    settings = [((3, 7), 6, 0.5), ((5, 2), 4, 0.1), ((2, 1), 3, 1.0)]
    for seed, ((n_x, m), n_iter, rate) in enumerate(settings):
        w, b, X, Y = _problem(118 + seed, n_x, m)
        shape = f"(n_x, m) = ({n_x}, {m}), {n_iter} iterations, learning rate {rate}"
        w_given = w.copy()
        out = call(gradient_descent_loop, "gradient_descent_loop(w, b, X, Y, ...)",
                   w_given, b, X.copy(), Y.copy(), n_iter, rate)
        if not np.array_equal(w_given, w):
            raise AssertionError("gradient_descent_loop changed the caller's w: `w -= ...` updates "
                                 "the array it was given in place; start from a copy "
                                 "(w = w.copy()) or write w = w - ...")
        if not isinstance(out, (tuple, list)) or len(out) != 3:
            raise AssertionError("gradient_descent_loop should return the triple (w, b, costs)")
        w_got, b_got, costs = out
        w_got = require_array(w_got, "the returned w", shape=(n_x, 1))
        b_got = scalar(b_got, "the returned b")
        costs = np.asarray(costs, dtype=float).ravel()
        if costs.size != n_iter:
            raise AssertionError(f"costs has {costs.size} entries for {n_iter} iterations: record "
                                 "one cost per iteration, before that iteration's update")
        want = _descend(w, b, X, Y, n_iter, rate)

        def same(v):
            return (close(w_got, v[0], rtol=1e-6) and np.isclose(b_got, v[1], rtol=1e-6)
                    and close(costs, v[2], rtol=1e-6))

        if same(want):
            continue
        if close(w_got, w) and np.isclose(b_got, b):
            raise AssertionError(f"w and b never change for {shape}: each iteration must assign "
                                 "the updated values back to w and b")
        for kwargs, message in [
            (dict(sign=-1.0), f"the parameters move uphill for {shape} (the cost grows): the "
                              "update subtracts the gradient, w ← w − α dw"),
            (dict(update_b=False), f"b is never updated for {shape}: b ← b − α db as well"),
            (dict(sequential=True), f"db is computed after w has moved, for {shape}: compute "
                                    "all the gradients first (one propagate), then update both"),
            (dict(record_after=True), f"each cost is recorded after its update for {shape}: "
                                      "record the cost that propagate returns, before updating"),
        ]:
            if same(_descend(w, b, X, Y, n_iter, rate, **kwargs)):
                raise AssertionError(message)
        require_close(costs, want[2], f"costs for {shape}",
                      hint="costs[i] is the cost propagate returns at iteration i")
        require_close(w_got, want[0], f"w after the loop for {shape}", hint="w ← w − α dw")
        require_close(b_got, want[1], f"b after the loop for {shape}", hint="b ← b − α db")
    passed("gradient_descent_loop", "Same parameters and cost trace as the package's "
           "gradient descent (dlnotes.logistic.optimize).")
