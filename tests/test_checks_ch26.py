"""The chapter 26 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks, dense


def learning_curve_loop(train_and_score, X, Y, sizes, seeds, nested=True, same=False, order=False,
                        transpose=False):
    m = X.shape[1]
    out = np.zeros((len(sizes), len(seeds)))
    for i, n in enumerate(sizes):
        for j, s in enumerate(seeds):
            rng = np.random.default_rng(0 if same else s if nested else s + 1000 * n)
            idx = np.arange(n) if order else rng.permutation(m)[:n]
            out[i, j] = train_and_score(X[:, idx], Y[:, idx])
    return out.T if transpose else out


def test_learning_curve_loop_accepts_the_right_answer(capsys):
    checks.check_learning_curve_loop(learning_curve_loop)
    checks.check_learning_curve_loop(lambda *a: learning_curve_loop(*a).tolist())
    assert "✔ learning_curve_loop" in capsys.readouterr().out


def _swapped(f, X, Y, sizes, seeds):
    out = learning_curve_loop(f, X, Y, sizes, seeds)
    return out[::-1]


@pytest.mark.parametrize("wrong, message", [
    (lambda f, X, Y, n, s: learning_curve_loop(f, X, Y, n, s, same=True), "same examples"),
    (lambda f, X, Y, n, s: learning_curve_loop(f, X, Y, n, s, nested=False), "not the first n"),
    (lambda f, X, Y, n, s: learning_curve_loop(f, X, Y, n, s, order=True), "in order|same examples"),
    (lambda f, X, Y, n, s: learning_curve_loop(f, X, Y, n, s, transpose=True), r"\(len\(seeds\)"),
    (lambda f, X, Y, n, s: learning_curve_loop(f, X, Y, n[:2], s), "called 4 times"),
    (_swapped, "wrong places"),
    (lambda f, X, Y, n, s: learning_curve_loop(lambda a, b: f(a, b[:, :1]), X, Y, n, s),
     "same idx"),
])
def test_learning_curve_loop_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_learning_curve_loop(wrong)


def two_step_answer(params, Xa, Xb):
    da = dense.predict(Xa, params, output="softmax")
    db = dense.predict(Xb, params, output="softmax")
    return (da > db).astype(np.int64)


def _probs(params, X):
    return dense.model_forward(X, params, output="softmax")[0]


def test_two_step_answer_accepts_the_right_answer(capsys):
    checks.check_two_step_answer(two_step_answer)
    checks.check_two_step_answer(lambda p, a, b: two_step_answer(p, a, b).astype(bool))
    assert "✔ two_step_answer" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda p, a, b: (dense.predict(a, p, output="softmax") >= dense.predict(b, p, output="softmax"))
     .astype(int), ">="),
    (lambda p, a, b: two_step_answer(p, b, a), "second digit"),
    (lambda p, a, b: (_probs(p, a).max(axis=0) > _probs(p, b).max(axis=0)).astype(int)[None],
     "confidences"),
    (lambda p, a, b: two_step_answer(p, a, b)[0], r"row \(1, n\)"),
    (lambda p, a, b: np.zeros((1, a.shape[1]), dtype=int), "is wrong"),
])
def test_two_step_answer_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_two_step_answer(wrong)


def overtakes_at(sizes, a, b):
    answer = None
    for n, x, y in zip(reversed(sizes), a[::-1], b[::-1]):
        if y > x:
            answer = n
        else:
            break
    return answer


def test_overtakes_at_accepts_the_right_answer(capsys):
    checks.check_overtakes_at(overtakes_at)
    assert "✔ overtakes_at" in capsys.readouterr().out


def _first_above(sizes, a, b):
    return next((n for n, x, y in zip(sizes, a, b) if y > x), None)


def _ge(sizes, a, b):
    return next((n for i, n in enumerate(sizes) if all(y >= x for x, y in zip(a[i:], b[i:]))), None)


def _index(sizes, a, b):
    n = overtakes_at(sizes, a, b)
    return None if n is None else sizes.index(n)


@pytest.mark.parametrize("wrong, message", [
    (_first_above, "first size where b is above a"),
    (_ge, "tie"),
    (_index, "position"),
    (lambda s, a, b: s[-1], "expected"),
])
def test_overtakes_at_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_overtakes_at(wrong)
