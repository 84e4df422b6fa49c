"""Checkers for chapter 15, the cat classifier: the whole model, finding the mistakes,
preparing a new picture."""
import numpy as np

from ..activations import sigmoid
from ._core import close, passed, require_array, require_close, scalar

__all__ = ["check_misclassified", "check_picture_to_column", "picture_to_column",
           "check_train_cat_model", "reference_cat_model"]


def check_misclassified(misclassified):
    """``misclassified(Y_hat, Y)``: the sorted column indices i where Y_hat[0, i] != Y[0, i], as a
    1-D integer array (Y_hat and Y of shape (1, m))."""
    rng = np.random.default_rng(15)
    Y = rng.integers(0, 2, size=(1, 20))
    Y_hat = Y.copy()
    wrong = np.array([2, 3, 11, 17])
    Y_hat[0, wrong] = 1 - Y_hat[0, wrong]
    got = misclassified(Y_hat.copy(), Y.copy())
    got = require_array(got, "misclassified(Y_hat, Y)")
    if got.dtype == bool:
        raise AssertionError("misclassified returns a boolean mask; return the indices where the "
                             "mask is True (np.flatnonzero)")
    if got.dtype.kind not in "iu":
        raise AssertionError(f"misclassified returns dtype {got.dtype}; return integer indices")
    if got.ndim != 1:
        raise AssertionError(f"misclassified returns shape {got.shape}; return a 1-D array of "
                             "column indices")
    if np.array_equal(got, np.zeros(len(wrong), dtype=got.dtype)):
        raise AssertionError("every index is 0: those are the row indices of np.nonzero on a "
                             "(1, m) array; take the column indices (the second array), or flatten")
    right = np.flatnonzero(Y_hat[0] == Y[0])
    if np.array_equal(got, right):
        raise AssertionError("misclassified returns the correctly classified examples; keep the "
                             "ones where Y_hat differs from Y")
    require_close(got, wrong, "misclassified(Y_hat, Y)",
                  hint="the columns where the prediction differs from the label")
    none = require_array(misclassified(Y.copy(), Y.copy()), "misclassified(Y, Y)")
    if none.size:
        raise AssertionError(f"with perfect predictions misclassified returns {none}; it must be empty")
    passed("misclassified", f"found the {len(wrong)} mistakes among {Y.shape[1]} examples.")


def picture_to_column(picture, size=64):
    """A picture (h, w, 3 or 4) uint8 as the model's input column (size·size·3, 1) in [0, 1]:
    drop an alpha channel, resize to size × size with PIL's bilinear filter, read the pixels
    in NumPy's order (row by row, the channels of a pixel together), divide by 255."""
    from PIL import Image

    rgb = np.ascontiguousarray(np.asarray(picture)[:, :, :3])
    small = Image.fromarray(rgb).resize((size, size), Image.Resampling.BILINEAR)
    return np.asarray(small).reshape(-1, 1) / 255.0


def check_picture_to_column(to_column):
    """``to_column(picture)``: see :func:`picture_to_column`; the answer must match it."""
    from PIL import Image

    rng = np.random.default_rng(150)
    # An RGBA picture, wider than tall, with a smooth pattern so that resizing matters.
    yy, xx = np.mgrid[0:48, 0:80]
    rgb = np.stack([xx * 3, yy * 5, (xx + yy) * 2], axis=-1) % 256
    alpha = rng.integers(0, 256, size=(48, 80, 1))
    picture = np.concatenate([rgb, alpha], axis=-1).astype(np.uint8)
    want = picture_to_column(picture)
    got = require_array(to_column(picture.copy()), "to_column(picture)")
    if got.shape == (1, want.size):
        raise AssertionError(f"to_column returns a row {got.shape}; the model wants a column "
                             f"{want.shape}")
    if got.shape == (64, 64, 3) or got.shape == (64, 64, 4):
        raise AssertionError(f"to_column returns the resized picture {got.shape}; flatten it to a "
                             f"column {want.shape}")
    if got.shape == (64 * 64 * 4, 1):
        raise AssertionError("the column has 4 values per pixel: drop the alpha channel, keep RGB")
    require_array(got, "to_column(picture)", shape=want.shape, dtype_kind="f")
    if got.max() > 1.0:
        raise AssertionError(f"values run up to {got.max():g}: divide the grey levels by 255")
    swapped = (np.asarray(Image.fromarray(np.ascontiguousarray(picture[:, :, :3]))
               .resize((64, 64), Image.Resampling.NEAREST)).reshape(-1, 1) / 255.0)
    if np.allclose(got, swapped):
        raise AssertionError("the picture was resized with the nearest-neighbour filter; use "
                             "Image.Resampling.BILINEAR")
    channel_first = (want.reshape(64, 64, 3).transpose(2, 0, 1).reshape(-1, 1))
    if np.allclose(got, channel_first):
        raise AssertionError("the column lists all red values, then green, then blue; the model "
                             "was trained on pixels read row by row with their channels together")
    require_close(got, want, "to_column(picture)", rtol=0, atol=1e-12,
                  hint="drop alpha, resize to 64 x 64 (bilinear), reshape(-1, 1), divide by 255")
    passed("picture_to_column", f"a {picture.shape} picture became a column of {got.shape[0]} values.")


def reference_cat_model(X_train, Y_train, X_test, Y_test, num_iterations, learning_rate, *,
                        scale=1.0, sign=1.0, bias=True, update_b=True, sequential=False,
                        transpose_x=False):
    """The model of chapter 15 (zeros, gradient descent, predictions at 0.5), returned as the
    exercise's dict; the keyword arguments reproduce one typical mistake each (a gradient
    ``scale`` of m for a missing 1/m, the wrong ``sign``, no ``bias`` in z, b never updated, db
    taken after w moved, X used transposed)."""
    def f(X):
        return X.T if transpose_x else X

    def forward(w, b, X):
        return sigmoid(w.T @ f(X) + (b if bias else 0.0))

    def grads(w, b):
        A = forward(w, b, X_train)
        dZ = sign * (A - Y_train)
        m = Y_train.shape[1]
        cost = float(-np.mean(Y_train * np.log(A) + (1 - Y_train) * np.log(1 - A)))
        return scale * f(X_train) @ dZ.T / m, scale * float(dZ.sum()) / m, cost

    w, b, costs = np.zeros((f(X_train).shape[0], 1)), 0.0, []
    for _ in range(num_iterations):
        dw, db, cost = grads(w, b)
        costs.append(cost)
        w = w - learning_rate * dw
        if sequential:
            db = grads(w, b)[1]
        if update_b:
            b = b - learning_rate * db

    def acc(X, Y):
        return float(np.mean((forward(w, b, X) > 0.5) == Y))

    return {"w": w, "b": b, "costs": costs, "train_accuracy": acc(X_train, Y_train),
            "test_accuracy": acc(X_test, Y_test)}


_MODEL_KEYS = ("w", "b", "costs", "train_accuracy", "test_accuracy")


def _model_problem(seed, n_x, m, m_test):
    rng = np.random.default_rng(seed)
    w_true = rng.standard_normal((n_x, 1))
    X, Xt = rng.standard_normal((n_x, m)), rng.standard_normal((n_x, m_test))
    Y = (np.arange(m) % 2).reshape(1, m).astype(float)
    rng.shuffle(Y, axis=1)
    Yt = (w_true.T @ Xt > 0).astype(float)
    return X, Y, Xt, Yt


def _run_model(fn, args, what):
    given = [a.copy() for a in args[:4]]
    try:
        out = fn(*given, *args[4:])
    except ValueError as err:
        raise AssertionError(f"train_cat_model(...) on {what} failed with ValueError: {err}. "
                             "Check the shapes: X has one example per column, shape (n_x, m), "
                             "w is (n_x, 1), so z = w.T @ X + b is (1, m) like Y") from None
    except Exception as err:  # noqa: BLE001 - any other crash of the learner's code
        raise AssertionError(f"train_cat_model(...) on {what} raised "
                             f"{type(err).__name__}: {err}") from err
    if not all(np.array_equal(g, a) for g, a in zip(given, args[:4])):
        raise AssertionError("train_cat_model changed the data it was given; work on new arrays")
    if not isinstance(out, dict) or set(_MODEL_KEYS) - set(out):
        got = sorted(out) if isinstance(out, dict) else type(out).__name__
        raise AssertionError(f"train_cat_model should return a dict with the keys {_MODEL_KEYS}; "
                             f"got {got}")
    n_x = args[0].shape[0]
    w = require_array(out["w"], "the returned w")
    if w.shape != (n_x, 1):
        raise AssertionError(f"the returned w has shape {w.shape}; it must be a column "
                             f"({n_x}, 1), one weight per pixel value")
    costs = np.asarray(out["costs"], dtype=float).ravel()
    if costs.size != args[4]:
        raise AssertionError(f"costs has {costs.size} entries for {args[4]} iterations: one cost "
                             "per iteration, recorded before its update")
    accs = [scalar(out[k], k) for k in ("train_accuracy", "test_accuracy")]
    if max(accs) > 1:
        raise AssertionError(f"an accuracy of {max(accs):g}: return fractions in [0, 1], not "
                             "percentages")
    return {"w": w, "b": scalar(out["b"], "the returned b"), "costs": costs,
            "train_accuracy": accs[0], "test_accuracy": accs[1]}


def _same(got, want, rtol=1e-6):
    return (close(got["w"], want["w"], rtol=rtol) and np.isclose(got["b"], want["b"], rtol=rtol)
            and close(got["costs"], want["costs"], rtol=rtol)
            and np.isclose(got["train_accuracy"], want["train_accuracy"])
            and np.isclose(got["test_accuracy"], want["test_accuracy"]))


def check_train_cat_model(train_cat_model, xy=None, num_iterations=100, learning_rate=0.005):
    """``train_cat_model(X_train, Y_train, X_test, Y_test, num_iterations, learning_rate)`` trains
    logistic regression from w = 0, b = 0 by gradient descent and returns
    ``{"w", "b", "costs", "train_accuracy", "test_accuracy"}`` (costs: one per iteration, before
    its update; accuracies: fractions of predictions σ(wᵀx + b) > 0.5 equal to the labels).

    First on small made-up problems (to name the mistake), then on the cat pictures ``xy`` =
    (X_train, Y_train, X_test, Y_test) for ``num_iterations`` (fewer than the chapter's 2000, to
    stay quick), against :func:`dlnotes.logistic.optimize`."""
    from .. import logistic

    for seed, (n_x, m, m_test) in enumerate([(3, 7, 5), (4, 4, 4), (5, 2, 3)]):
        X, Y, Xt, Yt = _model_problem(150 + seed, n_x, m, m_test)
        n_iter, rate = 5, 0.1
        what = f"a made-up problem with (n_x, m) = ({n_x}, {m})"
        got = _run_model(train_cat_model, (X, Y, Xt, Yt, n_iter, rate), what)
        want = reference_cat_model(X, Y, Xt, Yt, n_iter, rate)
        if _same(got, want):
            continue
        if close(got["w"], np.zeros((n_x, 1))) and got["b"] == 0:
            raise AssertionError(f"w and b are still zero after {n_iter} iterations on {what}: "
                                 "each iteration must assign the updated values back")
        if not np.isclose(got["costs"][0], np.log(2)):
            raise AssertionError(f"the first cost is {got['costs'][0]:.6f}, not log 2 = 0.693147: "
                                 "start from w = 0 and b = 0 (every prediction is then 0.5), and "
                                 "record the cost before the first update")
        mistakes = [
            (dict(scale=m), f"the gradients are m = {m} times too large on {what}: the cost is "
                            "the mean loss, so dw and db carry the factor 1/m"),
            (dict(sign=-1.0), f"the cost grows on {what}: the update subtracts the gradient, "
                              "w ← w − α dw with dZ = A − Y"),
            (dict(bias=False), f"z has no bias on {what}: z = wᵀx + b, in training and in "
                               "the predictions"),
            (dict(update_b=False), f"b is never updated on {what}: b ← b − α db"),
            (dict(sequential=True), f"db is computed after w has moved, on {what}: compute all "
                                    "the gradients first, then update w and b"),
        ]
        if n_x == m:
            mistakes.append((dict(transpose_x=True),
                             f"X is used transposed on {what}: X has one example per column, "
                             "shape (n_x, m), so z = w.T @ X + b (X.T only runs here because "
                             "X is square)"))
        for kwargs, message in mistakes:
            if _same(got, reference_cat_model(X, Y, Xt, Yt, n_iter, rate, **kwargs)):
                raise AssertionError(message)
        if close(got["w"], want["w"], rtol=1e-6) and np.isclose(got["b"], want["b"], rtol=1e-6):
            if not close(got["costs"], want["costs"], rtol=1e-6):
                require_close(got["costs"], want["costs"], f"costs on {what}",
                              hint="costs[i] is the cost of the parameters before update i")
            if np.isclose(got["train_accuracy"], want["test_accuracy"]) and \
                    np.isclose(got["test_accuracy"], want["train_accuracy"]):
                raise AssertionError(f"the two accuracies are swapped on {what}")
            raise AssertionError(
                f"w and b are right on {what}, but the accuracies are {got['train_accuracy']:.4f} "
                f"(train) and {got['test_accuracy']:.4f} (test), expected "
                f"{want['train_accuracy']:.4f} and {want['test_accuracy']:.4f}: predict 1 where "
                "σ(wᵀx + b) > 0.5 and count the predictions equal to the labels")
        require_close(got["w"], want["w"], f"w after {n_iter} iterations on {what}",
                      hint="initialise with zeros, then w ← w − α dw each iteration")
        require_close(got["b"], want["b"], f"b after {n_iter} iterations on {what}")
    if xy is None:
        from ..experiments.cats import load_xy
        xy = load_xy()
    X, Y, Xt, Yt = xy
    got = _run_model(train_cat_model, (X, Y, Xt, Yt, num_iterations, learning_rate),
                     "the cat pictures")
    w0, b0 = logistic.initialize_with_zeros(X.shape[0])
    params, _, trace = logistic.optimize(w0, b0, X, Y, num_iterations, learning_rate,
                                         record_every=1)
    want = {"w": params["w"], "b": params["b"], "costs": [trace[i] for i in range(num_iterations)],
            "train_accuracy": logistic.accuracy(logistic.predict(params["w"], params["b"], X), Y),
            "test_accuracy": logistic.accuracy(logistic.predict(params["w"], params["b"], Xt), Yt)}
    if not _same(got, want):
        require_close(got["costs"], want["costs"], "costs on the cat pictures")
        require_close(got["w"], want["w"], "w on the cat pictures")
        raise AssertionError("b or the accuracies differ from dlnotes.logistic on the cat pictures")
    passed("train_cat_model", f"the same w, b, costs and accuracies as dlnotes.logistic on 3 "
           f"made-up problems and on the cat pictures ({num_iterations} iterations: cost "
           f"{got['costs'][-1]:.6f} before the last update, train {got['train_accuracy']:.1%}, "
           f"test {got['test_accuracy']:.1%}).")
