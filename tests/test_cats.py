"""The cat experiments at full size (about 10 s per deep run on an idle 2-core machine)."""
import numpy as np
import pytest

from dlnotes.__main__ import COMMANDS
from dlnotes.__main__ import main as cli
from dlnotes.experiments import cats


@pytest.fixture(scope="module")
def xy():
    return cats.load_xy()


def test_load_xy_shapes_and_scale(xy):
    X, Y, Xt, Yt = xy
    assert X.shape == (12288, 209) and Y.shape == (1, 209)
    assert Xt.shape == (12288, 50) and Yt.shape == (1, 50)
    assert 0 <= X.min() and X.max() <= 1 and X.max() > 0.99
    assert set(np.unique(Y)) == {0, 1}


def test_logistic_reproduces_the_published_results(xy):
    r = cats.run_logistic(xy=xy)
    published = cats.PUBLISHED_LOGISTIC
    assert round(r.costs[0], 6) == published["cost at 0"]
    assert round(r.costs[1900], 6) == published["cost at 1900"]
    assert r.costs[2000] == pytest.approx(0.135608, abs=1e-6)
    assert 100 * r.train_accuracy == pytest.approx(published["train accuracy (%)"], rel=1e-12)
    assert round(209 * r.train_accuracy) == 207
    assert 100 * r.test_accuracy == pytest.approx(published["test accuracy (%)"], rel=1e-12)


@pytest.mark.parametrize("model, published", [("2layer", 0.72), ("4layer", 0.80)])
def test_deep_model_reaches_the_published_test_accuracy_with_its_seed(xy, model, published):
    r = cats.run_deep(model, cats.PUBLISHED_SEEDS[model], xy=xy)
    assert r.test_accuracy >= published
    assert r.train_accuracy >= 0.98
    assert sorted(r.costs)[-2:] == [2400, 2500]
    # A first cost near log 2 (outputs near 0.5) and a last one far below it.
    assert 0.6 < r.costs[0] < 0.8 and r.costs[2500] < 0.1
    assert [r.params[f"W{l}"].shape[0] for l in range(1, len(cats.LAYERS[model]))] == \
        cats.LAYERS[model][1:]


def test_seed_sweep_returns_one_accuracy_per_seed():
    sweep = cats.seed_sweep("2layer", seeds=[0, 1], num_iterations=30)
    assert sweep.seeds == (0, 1) and len(sweep.test_accuracy) == 2
    assert sweep.test_range[0] <= sweep.test_mean <= sweep.test_range[1]
    assert all(0 <= a <= 1 for a in sweep.train_accuracy)


def test_cli_is_registered_and_prints_the_logistic_run(capsys):
    assert COMMANDS["cat"][0] == "dlnotes.experiments.cats"
    assert cli(["cat", "--model", "logistic"]) == 0
    out = capsys.readouterr().out
    assert "cost 0.693147 (iteration 0) -> 0.135608 (after 2000 updates)" in out
    assert "train accuracy 99.04%, test accuracy 70.00%" in out


def test_unknown_model():
    with pytest.raises(ValueError, match="model must be one of 2layer, 4layer; got '3layer'"):
        cats.run_deep("3layer")
