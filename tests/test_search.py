"""Chapter 22: grid and random trials, the parameter count, and the claims of the sweeps and of
random against grid search."""
import numpy as np
import pytest

from dlnotes import dense, search
from dlnotes.experiments import hyperparameters as hp

SPACE = {"lr": (1e-4, 1.0, "log"), "units": (4, 64, "log-int"), "p": (0.5, 1.0, "linear")}


def test_grid_trials_take_every_combination_with_the_ends():
    trials = search.grid_trials(SPACE, 3)
    assert len(trials) == 27
    assert sorted({t["lr"] for t in trials}) == pytest.approx([1e-4, 1e-2, 1.0])
    assert sorted({t["units"] for t in trials}) == [4, 16, 64]
    assert sorted({t["p"] for t in trials}) == pytest.approx([0.5, 0.75, 1.0])
    assert all(isinstance(t["units"], int) for t in trials)
    assert trials[0] == {"lr": pytest.approx(1e-4), "units": 4, "p": 0.5}
    assert trials[1]["p"] == pytest.approx(0.75)          # the last name varies fastest
    assert search.grid_trials({"a": (2.0, 4.0, "linear")}, 1) == [{"a": 3.0}]


def test_random_trials_are_reproducible_and_log_uniform():
    a = search.random_trials(SPACE, 4000, seed=3)
    assert a == search.random_trials(SPACE, 4000, seed=3)
    assert a != search.random_trials(SPACE, 4000, seed=4)
    lr = np.array([t["lr"] for t in a])
    assert lr.min() >= 1e-4 and lr.max() <= 1.0
    share = np.histogram(np.log10(lr), bins=4, range=(-4, 0))[0] / len(lr)
    assert np.all(np.abs(share - 0.25) < 0.03)
    p = np.array([t["p"] for t in a])
    assert abs(p.mean() - 0.75) < 0.01
    units = [t["units"] for t in a]
    assert min(units) >= 4 and max(units) <= 64 and all(isinstance(u, int) for u in units)
    assert len({t["lr"] for t in a[:9]}) == 9


def test_run_trials_and_best_trial():
    trials = search.grid_trials({"x": (-1.0, 1.0, "linear")}, 5)
    scored = search.run_trials(lambda x: {"score": -x ** 2, "x2": x * x}, trials)
    best = search.best_trial(scored)
    assert best.params == {"x": 0.0} and best.score == 0.0 and best.info == {"x2": 0.0}
    nan_first = [search.Trial({"x": 1}, float("nan"), {}), search.Trial({"x": 2}, -5.0, {})]
    assert search.best_trial(nan_first).params == {"x": 2}
    assert [t.score for t in search.run_trials(lambda x: x, trials)] == [-1.0, -0.5, 0.0, 0.5, 1.0]


@pytest.mark.parametrize("space, message", [
    ({}, "at least one"), ({"a": (1.0, 0.5, "linear")}, "low <= high"),
    ({"a": (0.0, 1.0, "log")}, "> 0 on a log scale"), ({"a": (0.0, 1.0, "cubic")}, "scale"),
    ({"a": (0.0, 1.0)}, "tuple"), ({"a": (0.0, float("nan"), "linear")}, "high"),
    ([("a", (0, 1, "linear"))], "space"),
])
def test_bad_spaces_are_refused_by_name(space, message):
    with pytest.raises((ValueError, TypeError), match=message):
        search.random_trials(space, 3)
    with pytest.raises((ValueError, TypeError), match=message):
        search.grid_trials(space, 3)


def test_count_parameters_agrees_with_the_arrays():
    for dims in ([12288, 20, 7, 5, 1], [64, 16, 10], [3, 1]):
        assert hp.parameter_count(dims) == sum(v.size for v in dense.init_params(dims).values())
    assert hp.parameter_count([12288, 20, 7, 5, 1]) == 245973


def test_split_keeps_the_three_parts_apart():
    sp = hp.split()
    cols = [getattr(sp, f"X_{p}") for p in ("train", "val", "test")]
    assert [c.shape[1] for c in cols] == [800, 500, 497]
    keys = [{c[:, j].tobytes() for j in range(c.shape[1])} for c in cols]
    # the digits hold a few duplicate images, so compare the sets of columns loosely
    assert len(keys[0] & keys[2]) <= 5 and len(keys[1] & keys[2]) <= 5


@pytest.fixture(scope="module")
def sp():
    return hp.split()


def test_the_learning_rate_sweep_rises_to_a_peak_then_breaks(sp):
    s = hp.sweep(sp, "learning_rate", [1e-3, 0.1, 1.0, 3.16, 10.0])
    val, cost = s["val"][:, 0], s["cost"][:, 0]
    assert val[2] > val[1] > val[0] and val[2] > 0.9
    assert val[3] < 0.2 and val[4] < 0.2                       # chance level past the edge
    assert abs(cost[3] - np.log(10)) < 0.05                    # dead units, not NaN
    r = hp.train(sp, learning_rate=3.16)
    Z1 = r["params"]["W1"] @ sp.X_train + r["params"]["b1"]
    assert not (Z1 > 0).any()


def test_more_hidden_units_help_and_six_layers_hurt(sp):
    units = hp.sweep(sp, "hidden", [1, 8, 64])["val"][:, 0]
    assert units[0] < units[1] < units[2]
    depth = hp.sweep(sp, "depth", [1, 6], seeds=(0, 1, 2))["val"].mean(axis=1)
    assert depth[1] < depth[0] - 0.1


def test_random_search_beats_grid_search_with_as_many_trials(sp):
    results = hp.compare_search(sp, repetitions=4)
    grid = [r for r in results if r.method == "grid"]
    rand = [r for r in results if r.method == "random"]
    assert all(len(r.trials) == 9 for r in results)
    assert sum(b.val >= a.val for a, b in zip(grid, rand)) >= 3
    assert np.mean([r.val for r in rand]) > np.mean([r.val for r in grid]) + 0.01
    assert np.mean([r.test for r in rand]) > np.mean([r.test for r in grid])
    assert len({r.best["learning_rate"] for r in grid}) <= 3
    assert "random ≥ grid" in hp.search_table(results)


@pytest.mark.parametrize("argv", [["--repetitions", "0"], ["--points", "1"], ["--iterations", "x"]])
def test_main_refuses_bad_options(argv):
    with pytest.raises(SystemExit) as exc:
        hp.main(argv)
    assert exc.value.code == 2
