"""Chapter 15's claims about the trained logistic regression (the reproduction of the published
trace and accuracies is tested with the cat experiment itself)."""
import numpy as np
import pytest
from matplotlib import cbook
from PIL import Image

import dlnotes.data
from dlnotes import checks, logistic
from dlnotes.activations import sigmoid


@pytest.fixture(scope="module")
def run_2000():
    from dlnotes.experiments import cats
    return cats.run_logistic(num_iterations=2000, learning_rate=0.005, norm_every=500)


@pytest.fixture(scope="module")
def trained(run_2000):
    cats = dlnotes.data.load_cats()
    X_test = cats.test_x.reshape(50, -1).T / 255.0
    return cats, X_test, run_2000.params["w"], run_2000.params["b"], run_2000.costs


def test_test_accuracy_is_close_to_always_answering_cat(trained):
    cats, X_test, w, b, _ = trained
    acc = logistic.accuracy(logistic.predict(w, b, X_test), cats.test_y[None])
    majority = cats.test_y.mean()
    assert majority == pytest.approx(0.66) and 0 <= acc - majority <= 0.06


def test_mirroring_the_test_pictures_changes_many_answers(trained):
    cats, X_test, w, b, _ = trained
    mirrored = cats.test_x[:, :, ::-1].reshape(50, -1).T / 255.0
    flips = np.sum(logistic.predict(w, b, mirrored) != logistic.predict(w, b, X_test))
    assert flips >= 10


def test_the_photograph_is_called_a_non_cat_with_a_fragile_probability(trained):
    _, _, w, b, _ = trained
    with Image.open(cbook.get_sample_data("grace_hopper.jpg")) as im:
        photo = np.asarray(im.convert("RGB"))
    p = [float(sigmoid(w.T @ checks.picture_to_column(pic) + b)[0, 0])
         for pic in (photo, photo[:, ::-1], (photo * 0.8).astype(np.uint8))]
    assert max(p) < 0.5
    assert max(p) / min(p) >= 2      # "changes by a large factor"


def test_the_cost_falls_at_every_record(trained):
    costs = trained[4]
    values = [costs[k] for k in sorted(costs)]
    assert all(a > b for a, b in zip(values, values[1:]))


@pytest.fixture(scope="module")
def xy():
    from dlnotes.experiments import cats
    return cats.load_xy()


def test_the_training_pictures_are_linearly_separable(xy):
    # "the training set is linearly separable": the shortest v with vᵀx = ±1 separates it
    X, Y = xy[0], xy[1]
    s = 2 * Y - 1
    v = X @ np.linalg.solve(X.T @ X, s.T)
    margins = (s * (v.T @ X)).ravel()
    assert margins.min() > 0.99
    costs = [np.mean(np.logaddexp(0, -t * margins)) for t in (1, 10, 100)]
    assert costs[0] > costs[1] > costs[2] > 0 and costs[2] < 1e-40


def test_the_norm_of_w_grows_while_the_cost_falls(run_2000):
    r = run_2000
    norms = [r.weight_norms[i] for i in (0, 500, 1000, 1500, 2000)]
    assert all(a < b for a, b in zip(norms, norms[1:]))
    assert round(209 * r.train_accuracy) == 207


def test_the_largest_rate_overshoots_at_the_start(xy):
    from dlnotes.experiments import cats
    c = cats.run_logistic(num_iterations=400, learning_rate=0.01, xy=xy).costs
    assert c[100] > c[0] and c[300] > c[200]                   # "rises above the starting value"
    c = cats.run_logistic(num_iterations=400, learning_rate=0.005, xy=xy).costs
    assert all(c[j] < c[i] for i, j in zip(sorted(c), sorted(c)[1:]))
