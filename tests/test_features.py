"""dlnotes.features: hand-made features of images, on inputs whose answers are known."""
import numpy as np
import pytest

from dlnotes import features


def test_gradients_are_centred_differences_with_zero_outside():
    im = np.arange(12, dtype=float).reshape(1, 3, 4)        # I[r, c] = 4r + c
    gx, gy = features.gradients(im)
    assert np.allclose(gx[0, :, 1:-1], 1.0) and np.allclose(gy[0, 1, :], 4.0)
    assert np.allclose(gx[0, :, 0], im[0, :, 1] / 2)          # left neighbour is 0
    assert np.allclose(gy[0, 0], im[0, 1] / 2)


def test_a_vertical_stripe_puts_most_mass_in_the_horizontal_gradient_bin():
    im = np.zeros((1, 8, 8))
    im[0, 1:7, 3:5] = 1.0                 # a vertical stripe: its long sides have θ = 0 or π
    F = features.orientation_histograms(im, cells=1, bins=8)[:, 0]
    assert F.shape == (8,) and np.isclose(np.linalg.norm(F), 1)
    assert F.argmax() == 0 and np.argsort(F)[-2] == 4    # then the ends, θ = π/2 (bin 4)


def test_opposite_gradients_share_a_bin_and_cells_are_in_row_order():
    im = np.zeros((2, 8, 8))
    im[0, 1:3, 1:3] = 1.0                 # a blob inside the top-left cell
    im[1, 5:7, 5:7] = 1.0                 # one inside the bottom-right cell
    F = features.orientation_histograms(im, cells=2, bins=4)
    assert F.shape == (16, 2)
    per_cell = np.abs(F).reshape(4, 4, 2).sum(axis=1)    # (cells, images)
    assert per_cell[0, 0] > 0 and not per_cell[1:, 0].any()
    assert per_cell[3, 1] > 0 and not per_cell[:3, 1].any()
    # A gradient and its opposite (dark-to-light and light-to-dark) fold onto the same bin.
    assert np.allclose(features.orientation_histograms(-im), features.orientation_histograms(im))


def test_blank_image_gives_zero_histogram():
    F = features.orientation_histograms(np.zeros((3, 4, 4)), cells=2, bins=5)
    assert F.shape == (20, 3) and not F.any()


def test_zone_means_and_profiles():
    rng = np.random.default_rng(0)
    im = rng.uniform(size=(4, 6, 9))
    Z = features.zone_means(im, 3)
    assert Z.shape == (9, 4)
    assert np.isclose(Z[1 * 3 + 2, 2], im[2, 2:4, 6:9].mean())
    P = features.projection_profiles(im)
    assert P.shape == (15, 4)
    assert np.allclose(P[:6, 1], im[1].mean(axis=1)) and np.allclose(P[6:, 1], im[1].mean(axis=0))


def test_hand_features_stacks_the_three():
    im = np.random.default_rng(1).uniform(size=(3, 8, 8))
    F = features.hand_features(im, cells=2, bins=8, zones=4)
    assert F.shape == (2 * 2 * 8 + 16 + 16, 3)
    assert np.allclose(F[:32], features.orientation_histograms(im, 2, 8))
    assert np.allclose(F[32:48], features.zone_means(im, 4))
    assert np.allclose(F[48:], features.projection_profiles(im))


def test_features_of_one_image_do_not_depend_on_the_others():
    im = np.random.default_rng(2).uniform(size=(5, 8, 8))
    assert np.allclose(features.hand_features(im)[:, 2:3], features.hand_features(im[2:3]))


@pytest.mark.parametrize("call, name", [
    (lambda: features.zone_means(np.ones((2, 8, 8)), 3), "zones"),
    (lambda: features.orientation_histograms(np.ones((2, 8, 6)), cells=4), "cells"),
    (lambda: features.orientation_histograms(np.ones((2, 8, 8)), bins=0), "bins"),
    (lambda: features.projection_profiles(np.ones((8, 8))), "images"),
    (lambda: features.hand_features(np.ones((0, 8, 8))), "images"),
    (lambda: features.gradients(np.full((1, 4, 4), np.nan)), "images"),
])
def test_bad_input_names_the_argument(call, name):
    with pytest.raises(ValueError, match=name):
        call()
