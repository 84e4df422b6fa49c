"""Feedback alignment: with B = Wᵀ it is backpropagation exactly; angles; determinism; and the
claims chapter 38 makes, on the chapter's data and seeds."""
import numpy as np
import pytest

from dlnotes import dense, feedback as fb


def _net(seed=0, dims=(5, 7, 6, 3), m=11, output="softmax", hidden="tanh"):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((dims[0], m))
    params = dense.init_params(list(dims), "xavier", seed)
    Y = np.eye(dims[-1])[rng.integers(dims[-1], size=m)].T if output == "softmax" else \
        rng.integers(0, 2, size=(1, m)).astype(float)
    AL, caches = dense.model_forward(X, params, hidden, output)
    return X, Y, params, AL, caches


@pytest.mark.parametrize("hidden, output, dims", [("tanh", "softmax", (5, 7, 6, 3)),
                                                  ("relu", "sigmoid", (4, 6, 1)),
                                                  ("sigmoid", "softmax", (3, 4, 4, 5, 2))])
def test_feedback_with_the_transposed_weights_is_backpropagation_exactly(hidden, output, dims):
    X, Y, params, AL, caches = _net(1, dims, output=output, hidden=hidden)
    L = len(dims) - 1
    B = {f"B{l}": params[f"W{l}"].T.copy() for l in range(2, L + 1)}
    got = fb.model_backward(AL, Y, caches, B)
    want = dense.model_backward(AL, Y, caches)
    assert set(got) == set(want)
    for k in want:
        np.testing.assert_array_equal(got[k], want[k])


def test_random_feedback_changes_the_hidden_updates_but_not_the_last_layer():
    X, Y, params, AL, caches = _net(2)
    B = fb.feedback_matrices([5, 7, 6, 3], seed=3)
    got = fb.model_backward(AL, Y, caches, B)
    want = dense.model_backward(AL, Y, caches)
    np.testing.assert_array_equal(got["dW3"], want["dW3"])
    np.testing.assert_array_equal(got["db3"], want["db3"])
    assert not np.allclose(got["dW1"], want["dW1"]) and not np.allclose(got["dW2"], want["dW2"])


def test_feedback_matrices_have_the_shape_of_the_transposed_weights_and_follow_the_seed():
    B = fb.feedback_matrices([5, 7, 6, 3], seed=4)
    assert sorted(B) == ["B2", "B3"]
    assert B["B2"].shape == (7, 6) and B["B3"].shape == (6, 3)
    np.testing.assert_array_equal(B["B2"], fb.feedback_matrices([5, 7, 6, 3], seed=4)["B2"])
    assert not np.allclose(B["B2"], fb.feedback_matrices([5, 7, 6, 3], seed=5)["B2"])
    assert fb.feedback_matrices([5, 3]) == {}


def test_angle_of_same_orthogonal_and_opposite_updates():
    u = np.array([[1.0, 2.0], [0.0, -1.0]])
    assert fb.angle(u, 3 * u) == pytest.approx(0, abs=1e-6)
    assert fb.angle(u, -u) == pytest.approx(180)
    assert fb.angle(np.array([1.0, 0.0]), np.array([0.0, 2.0])) == pytest.approx(90)
    assert fb.angle(np.array([1.0, 0.0]), np.array([1.0, 1.0])) == pytest.approx(45)
    d = {"dW1": np.array([1.0, 0.0]), "dW2": np.array([0.0])}
    e = {"dW1": np.array([0.0, 1.0]), "dW2": np.array([0.0])}
    assert fb.angle(d, e) == pytest.approx(90)
    assert np.isnan(fb.angle(np.zeros(2), np.ones(2)))


def test_angle_refuses_mismatched_arguments():
    with pytest.raises(ValueError, match="v"):
        fb.angle(np.ones(2), np.ones(3))
    with pytest.raises(ValueError, match="keys"):
        fb.angle({"a": np.ones(2)}, {"b": np.ones(2)})


def test_model_backward_refuses_feedback_of_the_wrong_shape():
    X, Y, params, AL, caches = _net(2)
    B = fb.feedback_matrices([5, 7, 6, 3], seed=3)
    with pytest.raises(ValueError, match="B2"):
        fb.model_backward(AL, Y, caches, {**B, "B2": B["B2"].T})
    with pytest.raises(ValueError, match="keys"):
        fb.model_backward(AL, Y, caches, {"B2": B["B2"]})


def _blobs(seed=0, m=300):
    rng = np.random.default_rng(seed)
    y = rng.integers(3, size=m)
    centres = rng.standard_normal((3, 8)) * 2
    X = (centres[y] + rng.standard_normal((m, 8))).T
    return X, np.eye(3)[y].T


def test_train_is_deterministic_and_rules_share_the_start():
    X, Y = _blobs()
    runs = [fb.train(X, Y, [8, 16, 3], rule, epochs=3, seed=7)[1] for rule in fb.RULES]
    again = fb.train(X, Y, [8, 16, 3], "feedback", epochs=3, seed=7)[1]
    assert runs[1]["cost"] == again["cost"] and runs[1]["angle"] == again["angle"]
    assert runs[0]["cost"][0] == runs[1]["cost"][0] == runs[2]["cost"][0]
    assert runs[0]["cost"][-1] != runs[1]["cost"][-1]


def test_last_layer_rule_keeps_the_hidden_weights():
    X, Y = _blobs()
    start = dense.init_params([8, 16, 3], "sqrt_fan_in", np.random.default_rng(7))
    params, _ = fb.train(X, Y, [8, 16, 3], "last_layer", epochs=2, seed=7)
    np.testing.assert_array_equal(params["W1"], start["W1"])
    assert not np.allclose(params["W2"], start["W2"])


# --- the chapter's claims, with the chapter's settings and seeds --------------------------

@pytest.fixture(scope="module")
def chapter_runs():
    from dlnotes.experiments import brain
    return brain.compare(seeds=(0, 1, 2, 3, 4))


def test_feedback_alignment_learns_mnist_almost_as_well_as_backprop(chapter_runs):
    from dlnotes.experiments import brain
    s = brain.summary(chapter_runs)
    # every rule learns far above chance; feedback alignment within 2 points of backprop and
    # above the trained output layer alone on every seed
    assert s["backprop"][0] > 0.85 and s["feedback"][0] > 0.85
    assert abs(s["backprop"][0] - s["feedback"][0]) < 0.02
    fa = [h["test_accuracy"][-1] for h in chapter_runs["feedback"]]
    last = [h["test_accuracy"][-1] for h in chapter_runs["last_layer"]]
    assert all(f > l for f, l in zip(fa, last))


def test_the_alignment_angle_starts_near_90_and_falls_well_below(chapter_runs):
    for h in chapter_runs["feedback"]:
        angles = [a[1] for a in h["angle"]]
        assert 80 < angles[0] < 100
        assert max(angles[1:]) < 60


@pytest.mark.parametrize("argv", [["--seeds", "0"], ["--epochs", "-1"], ["--learning-rate", "0"],
                                  ["--hidden-units", "x"]])
def test_the_command_refuses_bad_values(argv, capsys):
    from dlnotes.experiments import brain
    with pytest.raises(SystemExit) as info:
        brain.main(argv)
    assert info.value.code == 2


def test_the_command_is_registered():
    from dlnotes.__main__ import COMMANDS
    assert COMMANDS["brain"][0] == "dlnotes.experiments.brain"


def test_update_size_ratio_is_recorded_for_feedback_alignment():
    X, Y = _blobs()
    _, h = fb.train(X, Y, [8, 16, 3], "feedback", epochs=2, seed=7)
    assert len(h["norm_ratio"]) == 3 and all(r[1] > 0 for r in h["norm_ratio"])
