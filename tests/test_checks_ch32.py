"""The chapter 32 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks


def volume(image, W, how="right"):
    f, _, n_C, n_F = W.shape
    n_H, n_W = image.shape[0] - f + 1, image.shape[1] - f + 1
    if how == "flip":
        W = W[::-1, ::-1]
    Z = np.zeros((n_H, n_W, n_F))
    for h in range(n_H):
        for w in range(n_W):
            window = image[h:h + f, w:w + f, :]
            for c in range(n_F):
                if how == "first":
                    Z[h, w, c] = np.sum(window[:, :, 0] * W[:, :, 0, c])
                elif how == "diagonal":
                    k = c % n_C
                    Z[h, w, c] = np.sum(window[:, :, k] * W[:, :, k, c])
                else:
                    Z[h, w, c] = np.sum(window * W[:, :, :, c])
    if how == "mean":
        Z /= n_C
    if how == "first_axis":
        Z = Z.transpose(2, 0, 1)
    if how == "per_channel":
        Z = np.repeat(Z[:, :, None, :], n_C, axis=2)
    return Z


def test_conv_volume_accepts_the_right_answer(capsys):
    checks.check_conv_volume(volume)
    assert "✔ conv_volume_ch32" in capsys.readouterr().out


@pytest.mark.parametrize("how, message", [
    ("mean", "mean over the channels"),
    ("first", "only the first channel"),
    ("flip", "flipped"),
    ("diagonal", "only sees input channel"),
    ("first_axis", "channels go last"),
    ("per_channel", "one map per input channel"),
])
def test_conv_volume_rejects_typical_mistakes(how, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_conv_volume(lambda image, W: volume(image, W, how))


def test_conv_volume_rejects_other_errors():
    with pytest.raises(AssertionError, match="Z is wrong"):
        checks.check_conv_volume(lambda image, W: volume(image, W) + 1)


def grey(k, weights, how="right"):
    if how == "plain":
        return np.repeat(k[:, :, None, None], 3, axis=2)
    if how == "third":
        return np.repeat(k[:, :, None, None], 3, axis=2) / 3
    if how == "transpose":
        k = k.T
    W = k[:, :, None, None] * np.asarray(weights)[None, None, :, None]
    return W.transpose(0, 1, 3, 2) if how == "axes" else W


def test_grey_filter_accepts_the_right_answer(capsys):
    checks.check_grey_filter(grey)
    assert "✔ grey_filter_ch32" in capsys.readouterr().out


@pytest.mark.parametrize("how, message", [
    ("plain", "holds k itself"),
    ("third", "k / 3"),
    ("transpose", "transposed"),
    ("axes", "\\(f, f, 1, 3\\)"),
])
def test_grey_filter_rejects_typical_mistakes(how, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_grey_filter(lambda k, w: grey(k, w, how))


def test_grey_filter_rejects_other_errors():
    with pytest.raises(AssertionError, match="filter is wrong"):
        checks.check_grey_filter(lambda k, w: -grey(k, w))
