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
