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
def trained():
    cats = dlnotes.data.load_cats()
    X = cats.train_x.reshape(209, -1).T / 255.0
    X_test = cats.test_x.reshape(50, -1).T / 255.0
    w, b, costs = logistic.fit(X, cats.train_y[None], 2000, 0.005)
    return cats, X_test, w, b, costs


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
