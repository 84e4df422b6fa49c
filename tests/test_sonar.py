"""Chapter 14's experiment: sonar, four networks, cross-validated in Keras and in dlnotes."""
import numpy as np
import pytest
from sklearn.base import clone
from sklearn.model_selection import cross_validate
from sklearn.utils.estimator_checks import parametrize_with_checks

import dlnotes.data
from dlnotes.experiments import sonar


@parametrize_with_checks([sonar.DenseClassifier(hidden=(8,), epochs=20, batch_size=16,
                                                learning_rate=0.01)])
def test_dense_classifier_is_a_scikit_learn_estimator(estimator, check):
    check(estimator)


def test_dense_classifier_keeps_string_labels_and_clones():
    X, y = dlnotes.data.load_sonar()
    labels = np.where(y == 1, "M", "R")
    clf = sonar.DenseClassifier(hidden=(10,), epochs=5, seed=1)
    twin = clone(clf)
    assert twin.get_params() == clf.get_params() and not hasattr(twin, "params_")
    assert clf.fit(X, labels) is clf
    assert list(clf.classes_) == ["M", "R"]
    assert set(clf.predict(X)) <= {"M", "R"}
    proba = clf.predict_proba(X)
    assert proba.shape == (208, 2)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    with pytest.raises(ValueError, match="Only binary"):
        clone(clf).fit(X, np.arange(208) % 3)
    with pytest.raises(ValueError):
        clf.predict(X[:, :10])


def test_the_scaler_is_fitted_inside_each_fold():
    X, y = dlnotes.data.load_sonar()
    pipe = sonar.make_pipeline("standardized", "dlnotes", epochs=1)
    out = cross_validate(pipe, X, y, cv=sonar.folds(3, 7), return_estimator=True,
                         return_indices=True)
    for fitted, train, test in zip(out["estimator"], out["indices"]["train"],
                                   out["indices"]["test"]):
        scaler = fitted.named_steps["standardize"]
        np.testing.assert_allclose(scaler.mean_, X[train].mean(axis=0))
        np.testing.assert_allclose(scaler.scale_, X[train].std(axis=0))
        # ...and not on all the data, which would let the test fold leak in.
        assert not np.allclose(scaler.mean_, X.mean(axis=0))
        assert len(set(train) & set(test)) == 0


def test_the_baseline_has_no_scaler():
    assert sonar.make_pipeline("baseline", "dlnotes").named_steps["standardize"] == "passthrough"


def test_folds_are_stratified():
    X, y = dlnotes.data.load_sonar()
    for _, test in sonar.folds(10, 7).split(X, y):
        assert test.size in (20, 21) and abs(y[test].mean() - y.mean()) < 0.05


@pytest.mark.parametrize("config, framework", [("larger", "nonsense"), ("huge", "dlnotes")])
def test_make_pipeline_rejects_unknown_names(config, framework):
    with pytest.raises(ValueError):
        sonar.make_pipeline(config, framework)


@pytest.fixture(scope="module")
def dlnotes_3_folds():
    return sonar.run(frameworks=("dlnotes",), n_splits=3, seed=7, cv_seed=7)


def test_dlnotes_configurations_learn(dlnotes_3_folds):
    _, y = dlnotes.data.load_sonar()
    majority = max(y.mean(), 1 - y.mean())
    for key, r in dlnotes_3_folds.items():
        assert r["scores"].shape == (3,)
        assert r["mean"] == pytest.approx(r["scores"].mean())
        assert r["std"] == pytest.approx(r["scores"].std())
        assert r["mean"] >= 0.75 > majority + 0.2, key   # "far above the majority rate"
        published = sonar.PUBLISHED[key[0]][0]
        assert abs(r["mean"] - published) < 0.10, key    # "of the same size"


def test_keras_standardized_in_three_folds():
    r = sonar.evaluate("standardized", "keras", n_splits=3, seed=7, cv_seed=7)
    assert r["mean"] >= 0.75
    assert abs(r["mean"] - sonar.PUBLISHED["standardized"][0]) < 0.10


def test_keras_through_scikeras_is_deterministic():
    a = sonar.evaluate("smaller", "keras", n_splits=2, epochs=3, seed=1)
    b = sonar.evaluate("smaller", "keras", n_splits=2, epochs=3, seed=1)
    np.testing.assert_array_equal(a["scores"], b["scores"])


def test_table_shows_the_published_figures(dlnotes_3_folds):
    text = sonar.table(dlnotes_3_folds)
    assert "81.68% (7.26%)" in text and "86.04% (4.00%)" in text
    assert "dlnotes, 3 folds" in text and "published, 10 folds" in text


def test_table_labels_each_framework_with_its_folds():
    fake = {("baseline", "dlnotes"): {"scores": np.full(10, 0.8), "mean": 0.8, "std": 0.0},
            ("baseline", "keras"): {"scores": np.full(2, 0.8), "mean": 0.8, "std": 0.0,
                                    "n_splits": 10}}
    text = sonar.table(fake)
    head = text.splitlines()[0]
    assert "dlnotes, 10 folds" in head and "keras, 2 of 10 folds" in head
    assert "(n/a)" in text.splitlines()[1]   # no standard deviation from two folds


def test_max_folds_runs_the_first_folds_of_the_full_split():
    part = sonar.evaluate("smaller", "dlnotes", n_splits=10, epochs=2, max_folds=2)
    full = sonar.evaluate("smaller", "dlnotes", n_splits=10, epochs=2)
    assert part["scores"].shape == (2,) and part["n_splits"] == 10
    np.testing.assert_array_equal(part["scores"], full["scores"][:2])
    with pytest.raises(ValueError, match="max_folds"):
        sonar.evaluate("smaller", "dlnotes", n_splits=3, epochs=1, max_folds=4)
