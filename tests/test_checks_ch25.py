"""The chapter 25 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks


def zoning(images, zones):
    m, h, w = images.shape
    return images.reshape(m, zones, h // zones, zones, w // zones).mean(axis=(2, 4)).reshape(m, -1).T


def test_zoning_accepts_the_right_answer(capsys):
    checks.check_zoning(zoning)
    assert "✔ zoning" in capsys.readouterr().out


def _blocks(images, zones):
    m, h, w = images.shape
    return images.reshape(m, zones, h // zones, zones, w // zones)


@pytest.mark.parametrize("wrong, message", [
    (lambda im, z: zoning(im, z).T, r"\(m, zones²\)"),
    (lambda im, z: _blocks(im, z).sum(axis=(2, 4)).reshape(im.shape[0], -1).T, "sums"),
    (lambda im, z: _blocks(im, z).mean(axis=(2, 4)).transpose(0, 2, 1).reshape(im.shape[0], -1).T,
     "column order"),
    (lambda im, z: im.reshape(im.shape[0], im.shape[1] // z, z, im.shape[2] // z, z)
     .mean(axis=(1, 3)).reshape(im.shape[0], -1).T, "strided"),
    (lambda im, z: np.zeros((z * z, im.shape[0])), "not the values"),
    (lambda im, z: np.zeros((z, im.shape[0])), "shape"),
])
def test_zoning_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_zoning(wrong)


def profiles(images):
    return np.concatenate([images.mean(axis=2), images.mean(axis=1)], axis=1).T


def test_profiles_accepts_the_right_answer(capsys):
    checks.check_profiles(profiles)
    checks.check_profiles(lambda im: profiles(im).tolist())
    assert "✔ profiles" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda im: profiles(im).T, r"\(m, h \+ w\)"),
    (lambda im: np.concatenate([im.mean(axis=1), im.mean(axis=2)], axis=1).T, "columns come first"),
    (lambda im: np.concatenate([im.sum(axis=2), im.sum(axis=1)], axis=1).T, "sums"),
    (lambda im: np.zeros((im.shape[1] + im.shape[2], im.shape[0])), "not the values"),
    (lambda im: im.mean(axis=2).T, "shape"),
])
def test_profiles_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_profiles(wrong)


def orientation_bin(gx, gy, bins):
    theta = np.mod(np.arctan2(gy, gx), np.pi)
    return np.minimum((theta * bins / np.pi).astype(np.int64), bins - 1)


def _arctan(gx, gy, b):
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.mod(np.arctan(gy / gx), np.pi) * b / np.pi
    return np.minimum(np.nan_to_num(t, nan=-1).astype(np.int64), b - 1)


def test_orientation_bin_accepts_the_right_answer(capsys):
    checks.check_orientation_bin(orientation_bin)
    checks.check_orientation_bin(
        lambda gx, gy, b: np.clip(np.floor(np.mod(np.arctan2(gy, gx), np.pi) / (np.pi / b)), 0, b - 1)
        .astype(int))
    assert "✔ orientation_bin" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda gx, gy, b: np.floor(np.arctan2(gy, gx) * b / np.pi).astype(np.int64), "negative"),
    (lambda gx, gy, b: (np.mod(np.arctan2(gy, gx), np.pi) * b / np.pi).astype(np.int64), "bins - 1"),
    (lambda gx, gy, b: _arctan(gx, gy, b), "arctan2"),
    (lambda gx, gy, b: orientation_bin(gy, gx, b), "swapped"),
    (lambda gx, gy, b: np.minimum((np.mod(np.arctan2(gy, gx), 2 * np.pi) * b / (2 * np.pi))
                                  .astype(np.int64), b - 1), "full circle"),
    (lambda gx, gy, b: np.mod(np.arctan2(gy, gx), np.pi) * b / np.pi, "whole number"),
    (lambda gx, gy, b: np.zeros(gx.shape, dtype=np.int64), "first row"),
    (lambda gx, gy, b: orientation_bin(gx, gy, b).ravel(), "shape"),
])
def test_orientation_bin_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_orientation_bin(wrong)
