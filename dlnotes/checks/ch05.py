"""Checkers for chapter 5, binary classification: images as feature vectors."""
import numpy as np

from ._core import passed, require_array, require_close

__all__ = ["check_flatten", "check_scale"]


def _sample_images(seed=5, m=4, size=3):
    rng = np.random.default_rng(seed)
    return rng.integers(0, 256, size=(m, size, size, 3), dtype=np.uint8)


def check_flatten(flatten):
    """``flatten(images)`` turns uint8 images (m, h, w, c) into X of shape (h*w*c, m)."""
    images = _sample_images()
    m = images.shape[0]
    n_x = images[0].size
    X = require_array(flatten(images), "flatten(images)")
    if X.shape == (m, n_x):
        raise AssertionError(f"flatten(images) has shape {X.shape}: one row per example. The "
                             f"course puts examples in columns, so X must be ({n_x}, {m}); "
                             "transpose after reshaping.")
    require_array(X, "flatten(images)", shape=(n_x, m))
    expected = images.reshape(m, -1).T
    if not np.array_equal(X, expected):
        if np.array_equal(X, images.reshape(-1, m)):
            raise AssertionError("the columns of X mix pixels of different images: reshaping "
                                 "straight to (n_x, m) splits the array in the wrong order. "
                                 "Reshape to (m, n_x) first, then transpose.")
        if np.array_equal(np.sort(X, axis=0), np.sort(expected, axis=0)):
            raise AssertionError("each column holds the right pixel values but in another "
                                 "order; flatten each image row by row (C order), as "
                                 "reshape does by default.")
        require_close(X, expected, "flatten(images)",
                      hint="column i must be image i with its pixels read row by row")
    passed("flatten", f"{m} images of {images.shape[1:]} became X of shape {X.shape}.")


def check_scale(scale):
    """``scale(X)`` maps uint8 grey levels 0..255 to floats in [0, 1] by dividing by 255."""
    X = _sample_images(seed=6).reshape(4, -1).T
    X[0, 0], X[1, 0] = 0, 255
    S = require_array(scale(X), "scale(X)", shape=X.shape)
    if S.dtype.kind != "f":
        raise AssertionError(f"scale(X) has dtype {S.dtype}; it must be floating point "
                             "(integer division throws the fractions away)")
    expected = X / 255.0
    if np.allclose(S, X / 256.0):
        raise AssertionError("scale(X) divides by 256; the largest grey level is 255, so "
                             "divide by 255 to map it to exactly 1.0")
    if np.allclose(S, X / X.max(axis=0, keepdims=True)):
        raise AssertionError("scale(X) divides each column by its own maximum; divide every "
                             "pixel by the same constant, 255")
    require_close(S, expected, "scale(X)", hint="divide every grey level by 255")
    dark = X // 2  # no pixel reaches 255: the scale must not depend on the data
    if not np.allclose(require_array(scale(dark), "scale(dark_X)", shape=X.shape), dark / 255.0):
        raise AssertionError("scale gives the right answer only when some pixel is 255: it "
                             "divides by the data's own maximum. Divide by the constant 255, "
                             "so every picture is scaled the same way.")
    passed("scale", f"values now run from {S.min():.1f} to {S.max():.1f}.")
