"""Chapter 19's claims: what the first layer of a [784, 16, 10] network learns on MNIST 5k (the
chapter's functions and seed)."""
import numpy as np
import pytest

from dlnotes import dense
from dlnotes.experiments import hidden_units as hu


@pytest.fixture(scope="module")
def run():
    return hu.train(seed=0)


def test_start_is_the_draw_that_fit_trains_from(run):
    assert np.array_equal(run.start["W1"], dense.init_params([784, 16, 10], "he", 0)["W1"])
    assert run.split.X.shape == (784, 4000) and run.split.X_held.shape == (784, 1000)


def test_network_learns_the_digits(run):
    assert run.test_acc > 0.85 and run.train_acc > run.test_acc


def test_weights_of_never_inked_pixels_stay_exactly_at_their_start(run):
    blank = hu.never_lit(run.split.X)
    assert 50 < blank.sum() < 300
    change = np.abs(run.params["W1"] - run.start["W1"])
    assert change[:, blank].max() == 0
    assert change[:, ~blank].max() > 0.1
    # A few held-out images put ink where no training image did.
    assert (run.split.X_held[blank] != 0).any(axis=0).sum() < 20


def test_learned_change_concentrates_in_the_centre(run):
    W1, W0 = run.params["W1"], run.start["W1"]
    start = hu.centre_share(W0, (28, 28), 4)
    change = hu.centre_share(W1 - W0, (28, 28), 4)
    trained = hu.centre_share(W1, (28, 28), 4)
    assert abs(start.mean() - 400 / 784) < 0.02
    assert change.min() > 0.75 and change.mean() > 0.8
    assert start.mean() < trained.mean() < change.mean()


def test_typical_row_moves_about_its_own_length_and_one_unit_barely(run):
    W1, W0 = run.params["W1"], run.start["W1"]
    moved = np.linalg.norm(W1 - W0, axis=1) / np.linalg.norm(W0, axis=1)
    assert 0.7 < np.median(moved) < 1.3
    u = moved.argmin()
    active = (np.maximum(W1 @ run.split.X + run.params["b1"], 0) > 0).mean(axis=1)
    assert moved[u] < 0.3 and active[u] < 0.2 and active[u] == active.min()


def test_top_images_favour_one_digit_but_units_are_widely_active(run):
    W1, b1, X = run.params["W1"], run.params["b1"], run.split.X
    top = hu.top_activating(X, W1, b1, 50)
    shares = np.array([np.bincount(run.split.digits[t], minlength=10).max() / 50 for t in top])
    active = (np.maximum(W1 @ X + b1, 0) > 0).mean(axis=1)
    assert (shares > 0.5).sum() >= 8 and np.median(shares) > 0.5
    assert np.bincount(run.split.digits).max() / X.shape[1] < 0.12
    assert (active > 0.5).sum() > 8


def test_adam_spreads_the_change_towards_the_border(run):
    adam = hu.train(seed=0, optimizer="adam", learning_rate=0.001)
    gd_share = hu.centre_share(run.params["W1"] - run.start["W1"], (28, 28), 4).mean()
    adam_d = adam.params["W1"] - adam.start["W1"]
    assert hu.centre_share(adam_d, (28, 28), 4).mean() < gd_share - 0.1
    assert np.abs(adam_d[:, hu.never_lit(adam.split.X)]).max() == 0
    assert abs(adam.test_acc - run.test_acc) < 0.03


def test_top_activating_breaks_ties_by_order():
    X = np.array([[1.0, -1.0, 3.0, -2.0, 3.0]])
    got = hu.top_activating(X, np.ones((1, 1)), np.zeros((1, 1)), 5)
    assert got.tolist() == [[2, 4, 0, 1, 3]]


def test_helpers_refuse_bad_input():
    with pytest.raises(ValueError, match="W1"):
        hu.top_activating(np.ones((3, 4)), np.ones((2, 2)), np.zeros((2, 1)))
    with pytest.raises(ValueError, match="k"):
        hu.top_activating(np.ones((3, 4)), np.ones((2, 3)), np.zeros((2, 1)), 5)
    with pytest.raises(ValueError, match="shape"):
        hu.centre_share(np.ones((2, 10)), (3, 3), 1)
    with pytest.raises(ValueError, match="margin"):
        hu.centre_share(np.ones((2, 9)), (3, 3), 2)
