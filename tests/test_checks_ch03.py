"""The chapter 3 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks


def right_split(table):
    return table[:, :-1].T, table[:, -1:].T


def test_split_table_accepts_the_right_answer(capsys):
    checks.check_split_table(right_split)
    assert "✔ split_table" in capsys.readouterr().out


def test_split_table_accepts_integer_labels(capsys):
    checks.check_split_table(lambda t: (t[:, :-1].T, t[:, -1].astype(np.int64).reshape(1, -1)))
    assert "✔ split_table" in capsys.readouterr().out


def _in_place(table):
    table[:, -1] = 0
    return right_split(table)


@pytest.mark.parametrize("wrong, message", [
    (lambda t: (t[:, :-1], t[:, -1:].T), "one row per example"),
    (lambda t: (t.T, t[:, -1:].T), "still holds the label"),
    (lambda t: (t[:, :-1].T, t[:, -1]), "rank-1"),
    (lambda t: (t[:, :-1].T, t[:, -1:]), "a column"),
    (lambda t: (t[:, 1:].T, t[:, :1].T), "first column"),
    (lambda t: (t[:, :-1].T, np.zeros((1, t.shape[0]))), "Y is wrong"),
    (lambda t: (t[:, :-1].T / 100, t[:, -1:].T), "X is wrong"),
    (lambda t: (t[:, :-1].T[:, ::-1], t[:, -1:].T), "X is wrong"),
    (lambda t: [t[:, :-1].T, t[:, -1:].T], "pair"),
    (lambda t: (t[:, :-1].T.tolist(), t[:, -1:].T), "NumPy array"),
    (_in_place, "changed the table"),
])
def test_split_table_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_split_table(wrong)


def right_shift(image, dx, dy):
    h, w = image.shape
    out = np.zeros_like(image)
    for r in range(h):
        for c in range(w):
            if 0 <= r - dy < h and 0 <= c - dx < w:
                out[r, c] = image[r - dy, c - dx]
    return out


def test_shift_image_accepts_the_right_answer(capsys):
    checks.check_shift_image(right_shift)
    assert "✔ shift_image" in capsys.readouterr().out


def _shift_in_place(image, dx, dy):
    out = right_shift(image, dx, dy)
    image[...] = out
    return out


@pytest.mark.parametrize("wrong, message", [
    (lambda im, dx, dy: np.roll(im, (dy, dx), axis=(0, 1)), "np.roll"),
    (lambda im, dx, dy: right_shift(im, dy, dx), "swapped"),
    (lambda im, dx, dy: right_shift(im, -dx, -dy), "wrong way"),
    (lambda im, dx, dy: im.copy(), "is wrong"),
    (lambda im, dx, dy: np.zeros_like(im), "is wrong"),
    (lambda im, dx, dy: right_shift(im, dx, dy).astype(float), "dtype"),
    (lambda im, dx, dy: right_shift(im, dx, dy).T, "shape"),
    (_shift_in_place, "changed its input"),
])
def test_shift_image_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_shift_image(wrong)
