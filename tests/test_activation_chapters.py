"""Chapters 16 and 17's claims, with the chapters' seeds and settings: the hidden layer makes the
circles separable and a linear network cannot; gradients vanish layer by layer in a deep sigmoid
network and not in tanh or ReLU ones; our sigmoid figures agree with Nielsen's."""
import numpy as np
import pytest

from dlnotes import activations, dense
from dlnotes.__main__ import COMMANDS
from dlnotes.__main__ import main as cli
from dlnotes.experiments import gradients as ge
from dlnotes.experiments import hidden_space as hs

# ------------------------------------------------------------------------------ chapter 16


@pytest.fixture(scope="module")
def circles():
    return hs.load_circles()


@pytest.fixture(scope="module")
def nets(circles):
    return {(k, s): hs.train(circles, k, "tanh", s) for k in (1, 2, 3, 4) for s in (0, 1, 2)}


def _separability(circles, params, hidden="tanh"):
    return hs.linear_accuracy(hs.hidden_features(circles.X_train, params, hidden),
                              circles.Y_train,
                              hs.hidden_features(circles.X_test, params, hidden), circles.Y_test)


def test_no_line_separates_the_circles(circles):
    train, test = hs.linear_accuracy(circles.X_train, circles.Y_train, circles.X_test,
                                     circles.Y_test)
    for acc, Y in ((train, circles.Y_train), (test, circles.Y_test)):
        assert acc <= max(Y.mean(), 1 - Y.mean()) + 0.02


def test_three_or_more_tanh_units_make_the_circles_separable(circles, nets):
    for (k, seed), params in nets.items():
        separable, _ = _separability(circles, params)
        if k >= 3:
            assert separable == 1.0, (k, seed)
            assert dense.accuracy(circles.X_test, circles.Y_test, params, "tanh") >= 0.98
        else:
            assert separable < 0.9, (k, seed)
            assert dense.accuracy(circles.X_test, circles.Y_test, params, "tanh") < 0.8


def test_three_unit_network_puts_every_training_point_on_its_side(circles, nets):
    params = nets[3, 0]
    assert dense.accuracy(circles.X_train, circles.Y_train, params, "tanh") == 1.0
    H = hs.hidden_features(circles.X_train, params)
    centre = np.sign(hs.hidden_features(np.zeros((2, 1)), params))
    inside = np.all(np.sign(H) == centre, axis=0)
    y = circles.Y_train[0]
    assert inside[y == 0].mean() <= 0.02 and inside[y == 1].mean() >= 0.4
    worst = (centre * H).min(axis=0)
    assert np.median(worst[y == 1]) > np.median(worst[y == 0]) + 0.5


def _far_circle(radius=10.0, k=720):
    t = np.linspace(0, 2 * np.pi, k, endpoint=False)
    return radius * np.vstack([np.cos(t), np.sin(t)])


def test_two_units_call_points_far_away_class_one_and_three_do_not(nets):
    far = _far_circle()
    for seed in (0, 1, 2):
        assert dense.predict(far, nets[2, seed], "tanh").any(), "two units: bounded region?"
        assert not dense.predict(far, nets[3, seed], "tanh").any(), "three units: unbounded?"


def test_linear_network_is_one_affine_map_and_no_better_than_logistic_regression(circles):
    params = hs.train(circles, 3, "linear", 0)
    W, b = hs.collapse_linear(params)
    assert W.shape == (1, 2) and b.shape == (1, 1)
    _, caches = dense.model_forward(circles.X_test, params, hidden="linear")
    assert np.abs(caches[-1][1] - (W @ circles.X_test + b)).max() < 1e-12
    raw = hs.linear_accuracy(circles.X_train, circles.Y_train, circles.X_test, circles.Y_test)
    assert dense.accuracy(circles.X_train, circles.Y_train, params, "linear") <= raw[0] + 0.01
    assert dense.accuracy(circles.X_test, circles.Y_test, params, "linear") <= raw[1] + 0.02
    H = hs.hidden_features(circles.X_train, params, "linear")
    s = np.linalg.svd(H - H.mean(axis=1, keepdims=True), compute_uv=False)
    assert s[2] < 1e-12 * s[0]


def test_collapse_linear_handles_any_depth():
    rng = np.random.default_rng(0)
    dims = [3, 4, 2, 5, 1]
    params = {k: v for l in range(1, 5) for k, v in ((f"W{l}", rng.normal(size=(dims[l], dims[l - 1]))),
                                                      (f"b{l}", rng.normal(size=(dims[l], 1))))}
    X = rng.normal(size=(3, 7))
    W, b = hs.collapse_linear(params)
    _, caches = dense.model_forward(X, params, hidden="linear", output="linear")
    assert np.allclose(caches[-1][1], W @ X + b, rtol=1e-12)
    with pytest.raises(ValueError, match="params"):
        hs.collapse_linear({"W1": np.ones((2, 2))})


def test_hidden_space_cli(capsys):
    assert COMMANDS["hidden-space"][0] == "dlnotes.experiments.hidden_space"
    assert cli(["hidden-space", "--seeds", "1", "--units", "3"]) == 0
    out = capsys.readouterr().out
    assert "logistic regression on the inputs" in out and "[2, 3, 1] tanh" in out
    assert "[2, 3, 1] linear" in out
    with pytest.raises(SystemExit) as exit_:
        cli(["hidden-space", "--seeds", "0"])
    assert exit_.value.code == 2


# ------------------------------------------------------------------------------ chapter 17


def test_slopes_of_the_four_activations():
    z = np.linspace(-5, 5, 1001)
    slope = {n: activations.get(n)[1](np.ones_like(z), z)
             for n in ("sigmoid", "tanh", "relu", "leaky_relu")}
    assert slope["sigmoid"].max() == pytest.approx(0.25) and slope["tanh"].max() == 1.0
    assert slope["sigmoid"][z == 3][0] == pytest.approx(0.0452, abs=1e-4)
    assert slope["tanh"][z == 3][0] == pytest.approx(0.0099, abs=1e-4)
    assert set(np.unique(slope["relu"])) == {0.0, 1.0}
    assert set(np.unique(slope["leaky_relu"])) == {0.01, 1.0}
    assert np.abs(np.tanh(z) - (2 * activations.sigmoid(2 * z) - 1)).max() < 1e-15


@pytest.fixture(scope="module")
def mnist():
    return ge.load()


def _at_init(mnist, hidden, method="sqrt_fan_in"):
    X, Y = mnist[0][:, :1000], mnist[1][:, :1000]
    params = dense.init_params(ge.layer_dims(7), method, seed=0)
    _, caches = dense.model_forward(X, params, hidden, "softmax")
    slope = activations.get(hidden)[1]
    rms = np.mean([np.sqrt(np.mean(slope(np.ones_like(Z), Z) ** 2)) for _, Z, _ in caches[:-1]])
    from dlnotes import diagnostics
    dW, db = diagnostics.gradient_norms(X, Y, params, hidden, "softmax")
    factor = np.exp(np.mean(np.log(db[:-2] / db[1:-1])))
    return dW, db, factor, rms


def test_sigmoid_gradient_vanishes_at_initialisation_by_the_slope(mnist):
    dW, db, factor, rms = _at_init(mnist, "sigmoid")
    assert db[0] / db[-1] < 1e-3 and dW[0] / dW[-1] < 1e-3
    assert 0.2 < factor < 0.3 and factor == pytest.approx(rms, rel=0.15)
    assert np.all(np.diff(np.log(db)) > 0), "every layer's gradient above the previous one's"


@pytest.mark.parametrize("hidden, method, lo, hi", [
    ("tanh", "sqrt_fan_in", 0.85, 1.15), ("relu", "sqrt_fan_in", 0.65, 0.95),
    ("relu", "he", 0.9, 1.2)])
def test_tanh_and_relu_gradients_keep_their_size(mnist, hidden, method, lo, hi):
    dW, db, factor, rms = _at_init(mnist, hidden, method)
    assert lo < factor < hi
    assert db[0] / db[-1] > 0.1
    if method == "sqrt_fan_in":
        assert factor == pytest.approx(rms, rel=0.15)
        assert dW[0] == dW.max()


def test_our_sigmoid_figures_agree_with_nielsens(mnist):
    X, Y = mnist[0][:, :1000], mnist[1][:, :1000]
    firsts = []
    for n, published in ge.NIELSEN["bias gradient norms at initialisation"].items():
        ours = ge.nielsen_norms(X, Y, n, seeds=range(5))
        ratio = ours / np.array(published)
        assert np.all((ratio > 1 / 1.6) & (ratio < 1.6)), (n, ours, published)
        firsts.append(ours[0])
        if n == 4:
            assert 0.005 < ours[0] / ours[-1] < 0.02 and 0.005 < published[0] / published[-1] < 0.02
    steps = np.array(firsts[:-1]) / np.array(firsts[1:])
    assert np.all((steps > 3.5) & (steps < 6))


@pytest.fixture(scope="module")
def runs(mnist):
    return {h: ge.run(h, mnist, hidden_layers=7, epochs=10, batch_size=10, learning_rate=0.1,
                      seed=0) for h in ge.HIDDEN}


def test_sigmoid_network_does_not_learn_and_tanh_relu_do(runs):
    sig = runs["sigmoid"]
    assert sig["heldout_accuracy"] < 0.15 and sig["train_accuracy"] < 0.15
    assert sig["history"].costs[-1] == pytest.approx(np.log(10), abs=0.02)
    for h in ("tanh", "relu"):
        assert runs[h]["heldout_accuracy"] > 0.85
        assert runs[h]["history"].costs[-1] < 0.3


def test_the_gap_widens_for_sigmoid_and_stays_small_for_tanh_and_relu(runs):
    h = runs["sigmoid"]["history"]
    ratio = h.db[:, 0] / h.db[:, -1]
    assert np.all(ratio < 1e-4) and ratio[-1] < ratio[0]
    assert h.db[-1, -1] / h.db[-1, 0] > 1e4 and h.dW[-1, -1] / h.dW[-1, 0] > 1e2
    for name in ("tanh", "relu"):
        h = runs[name]["history"]
        ratio = h.db[:, 0] / h.db[:, -1]
        assert np.all((ratio > 0.3) & (ratio < 4)), (name, ratio)
        assert np.all(h.dW.max(axis=1) / h.dW.min(axis=1) < 10)
        assert np.all(h.dW[:, 0] == h.dW.max(axis=1))


def test_deeper_sigmoid_network_vanishes_further(mnist):
    X, Y = mnist[0][:, :1000], mnist[1][:, :1000]
    from dlnotes import diagnostics
    params = dense.init_params(ge.layer_dims(9), "sqrt_fan_in", seed=0)
    _, db = diagnostics.gradient_norms(X, Y, params, "sigmoid", "softmax")
    assert len(db) == 10 and db[0] / db[-1] < 1e-5


def test_gradients_cli(capsys):
    assert COMMANDS["gradients"][0] == "dlnotes.experiments.gradients"
    assert cli(["gradients", "--epochs", "1", "--hidden-layers", "2"]) == 0
    out = capsys.readouterr().out
    assert out.count("held-out accuracy") == 3 and ge.NIELSEN["source"] in out
    assert "2 hidden layers: ours" in out
    for bad in (["--epochs", "0"], ["--learning-rate", "-1"], ["--hidden-layers", "x"]):
        with pytest.raises(SystemExit) as exit_:
            cli(["gradients", *bad])
        assert exit_.value.code == 2


def test_layer_dims_refuses_bad_sizes():
    assert ge.layer_dims(2, 5) == [784, 5, 5, 10]
    with pytest.raises(ValueError, match="hidden_layers"):
        ge.layer_dims(0)


def test_full_size_run_keeps_the_sigmoid_network_at_chance(mnist):
    """What chapter 17 says of `python -m dlnotes gradients` (30 epochs)."""
    full = {h: ge.run(h, mnist, hidden_layers=7, epochs=30, seed=0) for h in ge.HIDDEN}
    assert full["sigmoid"]["heldout_accuracy"] < 0.15
    assert full["tanh"]["heldout_accuracy"] > 0.9 and full["relu"]["heldout_accuracy"] > 0.9
