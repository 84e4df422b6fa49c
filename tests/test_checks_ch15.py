"""The chapter 15 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest
from PIL import Image

from dlnotes import checks


def test_misclassified_accepts_the_right_answer(capsys):
    checks.check_misclassified(lambda Y_hat, Y: np.flatnonzero(Y_hat != Y))
    assert "✔ misclassified" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda Y_hat, Y: (Y_hat != Y)[0], "boolean mask"),
    (lambda Y_hat, Y: np.nonzero(Y_hat != Y)[0], "row indices"),
    (lambda Y_hat, Y: np.flatnonzero(Y_hat == Y), "correctly classified"),
    (lambda Y_hat, Y: np.argwhere(Y_hat != Y), "1-D"),
    (lambda Y_hat, Y: np.flatnonzero(Y_hat != Y).astype(float), "integer"),
    (lambda Y_hat, Y: list(np.flatnonzero(Y_hat != Y)), "NumPy array"),
    (lambda Y_hat, Y: np.flatnonzero(Y_hat != Y)[:-1], "shape"),
    (lambda Y_hat, Y: np.flatnonzero(Y_hat != Y) + 1, "is wrong"),
    (lambda Y_hat, Y: np.flatnonzero(Y_hat != Y) if (Y_hat != Y).any() else np.array([0]), "empty"),
])
def test_misclassified_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_misclassified(wrong)


def _resize(picture, resample=Image.Resampling.BILINEAR):
    rgb = np.ascontiguousarray(picture[:, :, :3])
    return np.asarray(Image.fromarray(rgb).resize((64, 64), resample))


def test_picture_to_column_accepts_the_right_answer(capsys):
    checks.check_picture_to_column(lambda p: _resize(p).reshape(-1, 1) / 255)
    assert "✔ picture_to_column" in capsys.readouterr().out


def test_picture_to_column_reference_keeps_the_pixels_of_a_64_by_64_picture():
    picture = np.random.default_rng(0).integers(0, 256, size=(64, 64, 3), dtype=np.uint8)
    column = checks.picture_to_column(picture)
    assert column.shape == (12288, 1)
    np.testing.assert_allclose(column.reshape(64, 64, 3), picture / 255.0)


def _rgba_resize(p):
    return np.asarray(Image.fromarray(np.ascontiguousarray(p)).resize((64, 64),
                                                                       Image.Resampling.BILINEAR))


@pytest.mark.parametrize("wrong, message", [
    (lambda p: _resize(p).reshape(1, -1) / 255, "row"),
    (lambda p: _resize(p) / 255, "flatten it"),
    (lambda p: _rgba_resize(p).reshape(-1, 1) / 255, "alpha"),
    (lambda p: _resize(p).reshape(-1, 1).astype(float), "divide the grey levels by 255"),
    (lambda p: _resize(p, Image.Resampling.NEAREST).reshape(-1, 1) / 255, "nearest"),
    (lambda p: _resize(p).transpose(2, 0, 1).reshape(-1, 1) / 255, "all red values"),
    (lambda p: _resize(p).reshape(-1, 1) // 255, "floating-point"),
    (lambda p: np.asarray(p[:64, :64, :3], dtype=float).reshape(-1, 1)[:12288] / 255, "shape"),
    (lambda p: np.flipud(_resize(p)).reshape(-1, 1) / 255, "is wrong"),
])
def test_picture_to_column_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_picture_to_column(wrong)


# The whole model, written as a learner would, with one typical mistake switched on at a time.
def cat_model(X, Y, Xt, Yt, num_iterations, learning_rate, one_over_m=True, sign=1.0, bias=True,
              update_b=True, sequential=False, transpose=False, percent=False, swap=False,
              init=0.0, record_after=False):
    from dlnotes.activations import sigmoid

    def T(A):
        return A.T if transpose else A

    def prob(w, b, A):
        return sigmoid(w.T @ T(A) + (b if bias else 0.0))

    def step(w, b):
        A = prob(w, b, X)
        m = Y.shape[1] if one_over_m else 1
        cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
        return T(X) @ (sign * (A - Y)).T / m, np.sum(sign * (A - Y)) / m, cost

    w, b, costs = np.full((T(X).shape[0], 1), init), 0.0, []
    for _ in range(num_iterations):
        dw, db, cost = step(w, b)
        if not record_after:
            costs.append(cost)
        w = w - learning_rate * dw
        if sequential:
            db = step(w, b)[1]
        if update_b:
            b = b - learning_rate * db
        if record_after:
            costs.append(step(w, b)[2])
    scale = 100 if percent else 1
    train = scale * np.mean((prob(w, b, X) > 0.5) == Y)
    test = scale * np.mean((prob(w, b, Xt) > 0.5) == Yt)
    if swap:
        train, test = test, train
    return {"w": w, "b": b, "costs": costs, "train_accuracy": train, "test_accuracy": test}


@pytest.fixture(scope="module")
def small_cats():
    # The first 40 cat pictures and 10 test pictures keep the checker's final run quick here.
    from dlnotes.experiments import cats
    X, Y, Xt, Yt = cats.load_xy()
    return X[:, :40], Y[:, :40], Xt[:, :10], Yt[:, :10]


def test_train_cat_model_accepts_the_right_answer(capsys, small_cats):
    checks.check_train_cat_model(cat_model, xy=small_cats, num_iterations=20)
    out = capsys.readouterr().out
    assert "✔ train_cat_model" in out and "20 iterations" in out


def test_train_cat_model_accepts_the_package_reference(capsys, small_cats):
    checks.check_train_cat_model(checks.reference_cat_model, xy=small_cats, num_iterations=5)
    assert "✔ train_cat_model" in capsys.readouterr().out


@pytest.mark.parametrize("kwargs, message", [
    (dict(one_over_m=False), "times too large"),
    (dict(sign=-1.0), "cost grows"),
    (dict(bias=False), "no bias"),
    (dict(update_b=False), "b is never updated"),
    (dict(sequential=True), "compute all the gradients first"),
    (dict(transpose=True), "one example per column"),
    (dict(percent=True), "fractions"),
    (dict(swap=True), "swapped"),
    (dict(init=0.01), "start from w = 0"),
    (dict(record_after=True), "start from w = 0"),
    (dict(num_iterations_override=0), "still zero"),
])
def test_train_cat_model_rejects_typical_mistakes(kwargs, message, small_cats):
    n = kwargs.pop("num_iterations_override", None)

    def wrong(X, Y, Xt, Yt, num_iterations, learning_rate):
        out = cat_model(X, Y, Xt, Yt, num_iterations if n is None else n, learning_rate, **kwargs)
        if n is not None:
            out["costs"] = [np.log(2)] * num_iterations
        return out
    with pytest.raises(AssertionError, match=message):
        checks.check_train_cat_model(wrong, xy=small_cats, num_iterations=5)


@pytest.mark.parametrize("wrong, message", [
    (lambda X, Y, Xt, Yt, n, rate: (np.zeros((X.shape[0], 1)), 0.0), "dict with the keys"),
    (lambda X, Y, Xt, Yt, n, rate: {**cat_model(X, Y, Xt, Yt, n, rate),
                                    "w": cat_model(X, Y, Xt, Yt, n, rate)["w"].T}, "column"),
    (lambda X, Y, Xt, Yt, n, rate: {**cat_model(X, Y, Xt, Yt, n, rate), "costs": [0.7]},
     "entries"),
    (lambda X, Y, Xt, Yt, n, rate: cat_model(X, Y, Xt, Yt, n, 2 * rate), "is wrong"),
    (lambda X, Y, Xt, Yt, n, rate: X.__imul__(0), "changed the data"),
    (lambda X, Y, Xt, Yt, n, rate: 1 / 0, "ZeroDivisionError"),
])
def test_train_cat_model_rejects_malformed_answers(wrong, message, small_cats):
    with pytest.raises(AssertionError, match=message):
        checks.check_train_cat_model(wrong, xy=small_cats, num_iterations=5)


def test_train_cat_model_names_a_transposed_x_when_x_is_square(small_cats):
    def wrong(X, Y, Xt, Yt, n, rate):
        return cat_model(X, Y, Xt, Yt, n, rate, transpose=X.shape[0] == X.shape[1])
    with pytest.raises(AssertionError, match="X is used transposed"):
        checks.check_train_cat_model(wrong, xy=small_cats, num_iterations=5)
