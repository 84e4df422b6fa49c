"""Checkers for chapter 15, the cat classifier: finding the mistakes, preparing a new picture."""
import numpy as np

from ._core import passed, require_array, require_close

__all__ = ["check_misclassified", "check_picture_to_column", "picture_to_column"]


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
