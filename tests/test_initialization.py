"""Chapter 18's claims: the course's initialisation experiment, symmetry, the infinite first cost
and the spread of activations layer by layer (same functions and seeds as the chapter)."""
import numpy as np
import pytest

from dlnotes import dense, init, losses, optim, planar
from dlnotes.__main__ import COMMANDS
from dlnotes.__main__ import main as cli
from dlnotes.experiments import initialization as ie

SEEDS = (0, 1, 2)


@pytest.fixture(scope="module")
def data():
    return ie.load_circles()


@pytest.fixture(scope="module")
def runs(data):
    out = {"zeros": [ie.run("zeros", 0, data)]}
    for method in ("large", "he"):
        out[method] = [ie.run(method, s, data) for s in SEEDS]
    return out


def test_circles_follow_the_course_set_up(data):
    assert data.X_train.shape == (2, 300) and data.X_test.shape == (2, 100)
    radius = np.hypot(*np.hstack([data.X_train, data.X_test]))
    labels = np.hstack([data.Y_train, data.Y_test])[0]
    # make_circles: outer ring (label 0) radius 1, inner (label 1) radius 0.8, noise 0.05.
    assert radius[labels == 0].mean() == pytest.approx(1.0, abs=0.02)
    assert radius[labels == 1].mean() == pytest.approx(0.8, abs=0.02)
    assert np.std(radius[labels == 0]) == pytest.approx(0.05, abs=0.015)
    again = ie.load_circles()
    assert np.array_equal(again.X_train, data.X_train)


def test_large_initialisation_is_standard_normal_times_ten():
    assert "large" in init.METHODS and "large" in dense.INIT_METHODS
    W = init.large((400, 500), 0)
    assert W.std() == pytest.approx(10, rel=0.01) and abs(W.mean()) < 0.1
    assert np.array_equal(W, init.get("large")((400, 500), 0))


def test_zero_initialisation_moves_only_the_output_bias(runs, data):
    r = runs["zeros"][0]
    for l in (1, 2, 3):
        assert not np.any(r.params[f"W{l}"]), f"W{l} moved"
    assert not np.any(r.params["b1"]) and not np.any(r.params["b2"])
    share = data.Y_train.mean()
    assert r.params["b3"].item() == pytest.approx(np.log(share / (1 - share)), abs=1e-3)
    assert r.costs[0] == pytest.approx(np.log(2)) and r.costs[15000] == pytest.approx(np.log(2), abs=1e-3)
    # One answer for every point: class 0, the training majority.
    assert r.train_accuracy == pytest.approx(1 - share)
    assert r.test_accuracy == pytest.approx(1 - data.Y_test.mean())


def _train(params, data, iterations=2000, learning_rate=0.1):
    for _ in range(iterations):
        AL, caches = dense.model_forward(data.X_train, params, hidden="tanh")
        optim.gd_update(params, dense.model_backward(AL, data.Y_train, caches), learning_rate)
    return params


def test_equal_weights_stay_equal_and_random_ones_do_not(data):
    start = dense.init_params(ie.LAYERS, "xavier", seed=0)
    equal = _train({k: (np.full_like(v, 0.5) if k[0] == "W" else v.copy())
                    for k, v in start.items()}, data)
    random = _train({k: v.copy() for k, v in start.items()}, data)
    for l in (1, 2):
        W = equal[f"W{l}"]
        assert np.abs(W - 0.5).max() > 1e-3, "the weights should move"
        assert np.abs(W - W[:1]).max() == 0, "rows should stay exactly equal"
        assert np.abs(random[f"W{l}"] - random[f"W{l}"][:1]).max() > 1
    always = max(data.Y_test.mean(), 1 - data.Y_test.mean())
    assert dense.accuracy(data.X_test, data.Y_test, equal, hidden="tanh") <= always
    assert dense.accuracy(data.X_test, data.Y_test, random, hidden="tanh") >= 0.9


def test_accuracies_are_in_the_published_order(runs):
    test = {m: [r.test_accuracy for r in rs] for m, rs in runs.items()}
    train = {m: [r.train_accuracy for r in rs] for m, rs in runs.items()}
    assert min(test["he"]) > max(test["large"]) > max(test["zeros"])
    assert min(train["he"]) > max(train["large"]) > max(train["zeros"])
    assert min(test["he"]) >= 0.95 and max(test["zeros"]) <= 0.52
    assert np.mean(test["large"]) < 0.85 and max(test["large"]) - min(test["large"]) >= 0.15
    assert [ie.PUBLISHED[m]["test"] for m in ("zeros", "large", "he")] == [0.50, 0.86, 0.96]


def test_large_cost_drops_then_flattens_and_he_ends_lower(runs):
    large, he = runs["large"][0].costs, runs["he"][0].costs
    assert large[0] > 10 and large[1000] < 0.4
    assert large[1000] - large[15000] < 0.15
    assert he[15000] < large[15000] / 2


def test_large_weights_move_less_relative_to_their_size(runs):
    moved = {}
    for method in ("large", "he"):
        start = dense.init_params(ie.LAYERS, method, seed=0)
        end = runs[method][0].params
        moved[method] = [np.linalg.norm(end[f"W{l}"] - start[f"W{l}"]) /
                         np.linalg.norm(start[f"W{l}"]) for l in (1, 2, 3)]
    assert max(moved["large"]) < 0.85
    assert min(moved["he"]) > 0.6 and max(moved["he"]) > 1
    assert all(h > g for h, g in zip(moved["he"], moved["large"]))


def test_first_large_cost_is_infinite_unclipped_and_finite_clipped(runs, data):
    AL, _ = dense.model_forward(data.X_train, dense.init_params(ie.LAYERS, "large", seed=0))
    Y = data.Y_train
    assert np.all((AL == 0) | (AL == 1))
    wrong = int(np.sum(((AL == 1) & (Y == 0)) | ((AL == 0) & (Y == 1))))
    with np.errstate(divide="ignore", invalid="ignore"):
        naive = np.nansum(-(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))) / AL.shape[1]
    assert naive == np.inf
    ours = losses.binary_cross_entropy(AL, Y)
    assert ours == pytest.approx(runs["large"][0].costs[0])
    assert ours == pytest.approx(wrong * -np.log(losses.EPS) / AL.shape[1], abs=1e-3)


@pytest.fixture(scope="module")
def deep_factors():
    X = np.random.default_rng(18).standard_normal((100, 1000))
    out = {}
    for m in ("small", "xavier", "he"):
        ratios = []
        for s in range(20):
            A = ie.layer_activations(X, dense.init_params([100] * 6, m, seed=s), "relu")
            ms = np.array([np.mean(X**2)] + [np.mean(a**2) for a in A])
            ratios.append(ms[1:] / ms[:-1])
        out[m] = np.array(ratios)
    return X, out


def test_relu_mean_square_factor_matches_n_var_over_two(deep_factors):
    _, f = deep_factors
    assert f["small"].mean() == pytest.approx(0.005, rel=0.05)
    assert f["xavier"].mean() == pytest.approx(0.5, rel=0.05)
    assert f["he"].mean() == pytest.approx(1.0, rel=0.05)
    # Single layers of one draw scatter much more widely than the average.
    assert f["he"].max() - f["he"].min() > 0.3


def test_tanh_spreads(deep_factors):
    X, _ = deep_factors
    spread = {m: np.array([a.std() for a in ie.layer_activations(
        X, dense.init_params([100] * 6, m, seed=1), "tanh")]) for m in ("small", "xavier", "he")}
    assert np.allclose(spread["small"][1:] / spread["small"][:-1], 0.1, rtol=0.05)
    assert np.all(np.diff(spread["xavier"]) < 0)
    assert spread["xavier"][-1] / spread["xavier"][0] == pytest.approx(0.5, abs=0.05)
    assert np.all(spread["he"] > spread["xavier"])


def test_layer_activations_applies_hidden_everywhere():
    params = dense.init_params([3, 4, 2], "he", 0)
    X = np.random.default_rng(0).standard_normal((3, 5))
    A = ie.layer_activations(X, params, "tanh")
    assert len(A) == 2 and A[1].shape == (2, 5)
    assert np.allclose(A[1], np.tanh(params["W2"] @ np.tanh(params["W1"] @ X) + params["b2"]))


def test_run_rejects_an_unknown_method():
    with pytest.raises(ValueError, match="method must be one of"):
        ie.run("huge")


def test_cli_is_registered_and_prints_both_tables(capsys):
    assert COMMANDS["init"][0] == "dlnotes.experiments.initialization"
    assert cli(["init", "--seeds", "1", "--iterations", "20"]) == 0
    out = capsys.readouterr().out
    assert "N(0, 1) × 10" in out and "published" in out and ie.SOURCE in out
    assert out.count("He ") >= 2


def test_planar_circles_factor_is_passed_through():
    d = planar.load("circles", n_train=50, n_test=10, noise=0.0, seed=0, factor=0.8)
    r = np.hypot(*d.X_train)
    assert set(np.round(r, 6)) == {0.8, 1.0}
