"""Chapter 13's experiment: the 8-12-8-1 network on Pima, in Keras and in dlnotes."""
import numpy as np
import pytest

from dlnotes.experiments import pima

SEED, SPLIT_SEED = 3, 7   # the chapter's seeds


@pytest.fixture(scope="module")
def parts():
    return pima.split(0.2, SPLIT_SEED)


def test_split_is_stratified_and_disjoint(parts):
    X_train, X_test, y_train, y_test = parts
    assert X_train.shape == (614, 8) and X_test.shape == (154, 8)
    assert abs(y_train.mean() - y_test.mean()) < 0.01
    rows = {tuple(r) for r in X_train}
    assert not any(tuple(r) in rows for r in X_test)


def test_split_without_held_out_data_is_the_tutorial():
    X_train, X_test, y_train, y_test = pima.split(0)
    assert X_train.shape == (768, 8) and X_test.shape == (0, 8) and y_test.shape == (0,)


@pytest.mark.parametrize("bad", [-0.1, 1.0, 1.5])
def test_split_rejects_bad_fractions(bad):
    with pytest.raises(ValueError, match="test_size"):
        pima.split(bad)


@pytest.fixture(scope="module")
def keras_run(parts):
    X_train, X_test, y_train, y_test = parts
    return pima.train_keras(X_train, y_train, X_test, y_test, seed=SEED)


@pytest.fixture(scope="module")
def dlnotes_runs(parts):
    X_train, X_test, y_train, y_test = parts
    return [pima.train_dlnotes(X_train, y_train, X_test, y_test, seed=s) for s in range(8)]


def _check_run(r, y_test, epochs=150):
    majority = 1 - y_test.mean()
    assert r["test_accuracy"] >= 0.70 > majority
    assert r["train_accuracy"] > r["test_accuracy"]          # the chapter's point
    assert 0.73 <= r["train_accuracy"] <= 0.80                # near the tutorial's 75-78%
    costs = r["costs"]
    assert costs.shape == (epochs + 1,)
    assert costs[0] > 2 * np.log(2) and costs[-1] < np.log(2)   # "far above log 2" at the start


def test_keras_with_the_chapter_seed(keras_run, parts):
    _check_run(keras_run, parts[3])
    assert keras_run["model"].count_params() == 221


def test_dlnotes_with_the_chapter_seed(dlnotes_runs, parts):
    _check_run(dlnotes_runs[SEED], parts[3])


def test_dlnotes_over_seeds(dlnotes_runs):
    train = np.array([r["train_accuracy"] for r in dlnotes_runs])
    test = np.array([r["test_accuracy"] for r in dlnotes_runs])
    assert test.mean() >= 0.70
    assert train.mean() > test.mean()
    assert test.max() - test.min() >= 0.03      # "several percentage points"


def test_keras_weights_give_dlnotes_the_same_function(keras_run, parts):
    from dlnotes import dense

    w = keras_run["model"].get_weights()
    params = {}
    for l in range(1, 4):
        params[f"W{l}"], params[f"b{l}"] = w[2 * l - 2].T.astype(float), w[2 * l - 1].reshape(-1, 1).astype(float)
    X_test = parts[1]
    ours = dense.model_forward(X_test.T, params)[0].ravel()
    theirs = keras_run["model"].predict(X_test.astype(np.float32), verbose=0).ravel()
    np.testing.assert_allclose(ours, theirs, atol=1e-5)


def test_keras_is_deterministic(parts):
    X_train, X_test, y_train, y_test = parts
    a = pima.train_keras(X_train[:100], y_train[:100], X_test, y_test, epochs=2, seed=1)
    b = pima.train_keras(X_train[:100], y_train[:100], X_test, y_test, epochs=2, seed=1)
    np.testing.assert_array_equal(a["costs"], b["costs"])


def test_run_rejects_unknown_frameworks():
    with pytest.raises(ValueError, match="frameworks"):
        pima.run(["torch"])


def test_main_prints_a_table(capsys):
    assert pima.main(["--epochs", "2", "--frameworks", "dlnotes", "--seeds", "0"]) == 0
    out = capsys.readouterr().out
    assert "dlnotes" in out and "held-out acc" in out
