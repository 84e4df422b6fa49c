"""Checkers for chapter 3, supervised learning: a table as (X, Y), and moving an image."""
import numpy as np

from ._core import passed, require_array, require_close

__all__ = ["check_split_table", "check_shift_image"]


def _table(seed=3, m=7, n=4):
    """A table with one example per row: n features, then a 0/1 label in the last column."""
    rng = np.random.default_rng(seed)
    features = rng.normal(50.0, 20.0, size=(m, n)).round(1)
    labels = np.array([1, 0, 0, 1, 1, 0, 1])[:m]
    return np.column_stack([features, labels])


def check_split_table(split_table):
    """``split_table(table)`` turns rows (m, n_x + 1), label last, into X (n_x, m) and Y (1, m)."""
    table = _table()
    m, n_x = table.shape[0], table.shape[1] - 1
    before = table.copy()
    got = split_table(table)
    if not isinstance(got, tuple) or len(got) != 2:
        raise AssertionError(f"split_table(table) should return the pair (X, Y), got "
                             f"{type(got).__name__}")
    X, Y = require_array(got[0], "X"), require_array(got[1], "Y")
    if not np.array_equal(table, before):
        raise AssertionError("split_table changed the table it was given; build new arrays instead")
    if X.shape == (m, n_x):
        raise AssertionError(f"X has shape {X.shape}: one row per example, as in the file. The "
                             f"course puts examples in columns, so X must be {(n_x, m)}; "
                             "transpose it")
    if X.shape in ((n_x + 1, m), (m, n_x + 1)):
        raise AssertionError(f"X has shape {X.shape}: it still holds the label column. X takes "
                             f"every column but the last")
    require_array(X, "X", shape=(n_x, m))
    if Y.shape == (m,):
        raise AssertionError(f"Y has shape {Y.shape}, a rank-1 array; the course keeps labels in "
                             f"a row of shape (1, m) = {(1, m)}: reshape it")
    if Y.shape == (m, 1):
        raise AssertionError(f"Y has shape {Y.shape}, a column; the labels go side by side in a "
                             f"row of shape (1, m) = {(1, m)}")
    require_array(Y, "Y", shape=(1, m))
    if np.array_equal(X, table[:, 1:].T) and np.array_equal(Y.ravel(), table[:, 0]):
        raise AssertionError("the label was taken from the first column; in this table it is "
                             "the last one")
    require_close(X, table[:, :-1].T, "X", hint="column i of X must be row i of the table "
                                                "without its last entry")
    require_close(Y, table[:, -1:].T, "Y", hint="Y must hold the last column of the table")
    passed("split_table", f"A table of {m} rows became X {X.shape} and Y {Y.shape}.")


def _images(seed=4, count=3, shape=(6, 7)):
    # Values 1..255, never 0, so a pixel filled with background is always visible.
    rng = np.random.default_rng(seed)
    return rng.integers(1, 256, size=(count, *shape), dtype=np.uint8)


def _shift(image, dx, dy):
    h, w = image.shape
    out = np.zeros_like(image)
    if abs(dx) < w and abs(dy) < h:
        out[max(dy, 0):h + min(dy, 0), max(dx, 0):w + min(dx, 0)] = \
            image[max(-dy, 0):h - max(dy, 0), max(-dx, 0):w - max(dx, 0)]
    return out


_SHIFTS = [(2, 0), (0, 3), (-1, 2), (3, -2), (0, 0), (-4, -1)]


def check_shift_image(shift_image):
    """``shift_image(image, dx, dy)`` moves a 2-D image dx pixels right and dy down, filling
    the pixels it uncovers with 0."""
    for image in _images():
        for dx, dy in _SHIFTS:
            call = f"shift_image(image, dx={dx}, dy={dy})"
            before = image.copy()
            got = require_array(shift_image(image, dx, dy), call, shape=image.shape)
            if not np.array_equal(image, before):
                raise AssertionError(f"{call} changed its input image; return a new array")
            if got.dtype != image.dtype:
                raise AssertionError(f"{call} has dtype {got.dtype}; keep the image's dtype "
                                     f"({image.dtype}), for example with np.zeros_like(image)")
            right = _shift(image, dx, dy)
            if np.array_equal(got, right):
                continue
            if np.array_equal(got, np.roll(image, (dy, dx), axis=(0, 1))):
                raise AssertionError(f"{call}: the pixels pushed over one edge come back at the "
                                     f"other (that is np.roll). They should be lost, and the "
                                     f"uncovered pixels set to 0, the background")
            if np.array_equal(got, _shift(image, dy, dx)):
                raise AssertionError(f"{call}: dx and dy are swapped. dx moves the image "
                                     f"sideways (along the columns, axis 1), dy moves it down "
                                     f"(along the rows, axis 0)")
            if np.array_equal(got, _shift(image, -dx, -dy)):
                raise AssertionError(f"{call} moved the image the wrong way: a positive dx "
                                     f"moves it to the right, a positive dy moves it down")
            require_close(got, right, call, hint="pixel (r, c) of the result must be pixel "
                          "(r - dy, c - dx) of the image, or 0 where that lies outside it")
    passed("shift_image", f"Checked {len(_SHIFTS)} shifts on 3 images, edges included.")
