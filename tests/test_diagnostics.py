"""dlnotes.diagnostics: per-layer gradient norms, and the training loop that records them."""
import numpy as np
import pytest

from _gradients import check_gradients
from dlnotes import dense, diagnostics, losses, optim


def _problem(seed=0, dims=(4, 5, 3, 2), m=12, output="softmax"):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((dims[0], m))
    labels = rng.integers(0, dims[-1], m)
    Y = np.eye(dims[-1])[labels].T if output == "softmax" else (labels[None, :] % 2).astype(float)
    return X, Y


def test_layer_gradient_norms_by_hand():
    grads = {"dW1": np.array([[3.0, 4.0]]), "db1": np.array([[1.0]]),
             "dW2": np.array([[1.0], [2.0], [2.0]]), "db2": np.array([[0.0], [0.0], [-2.0]])}
    dW, db = diagnostics.layer_gradient_norms(grads)
    assert np.allclose(dW, [5.0, 3.0]) and np.allclose(db, [1.0, 2.0])


def test_layer_gradient_norms_keep_numeric_order_past_nine_layers():
    grads = {f"d{p}{l}": np.full((1, 1), float(l)) for l in range(1, 12) for p in "Wb"}
    dW, db = diagnostics.layer_gradient_norms(grads)
    assert np.array_equal(dW, np.arange(1, 12)) and np.array_equal(db, np.arange(1, 12))


@pytest.mark.parametrize("hidden", ["sigmoid", "tanh", "relu", "leaky_relu"])
def test_gradient_norms_are_those_of_model_backward(hidden):
    X, Y = _problem(1)
    params = dense.init_params([4, 5, 3, 2], "xavier", 3)
    AL, caches = dense.model_forward(X, params, hidden, "softmax")
    grads = dense.model_backward(AL, Y, caches)
    dW, db = diagnostics.gradient_norms(X, Y, params, hidden, "softmax")
    assert np.allclose(dW, [np.linalg.norm(grads[f"dW{l}"]) for l in (1, 2, 3)], rtol=1e-14)
    assert np.allclose(db, [np.linalg.norm(grads[f"db{l}"]) for l in (1, 2, 3)], rtol=1e-14)


def test_several_sigmoid_outputs_give_the_gradient_of_the_summed_cross_entropy():
    """Nielsen's output layer (chapter 17): ten independent sigmoid units with the binary
    cross-entropy summed over them; model_backward's dZ[L] = A[L] - Y is its exact gradient."""
    X, Y = _problem(2, dims=(4, 5, 3, 3), output="softmax")   # one-hot targets, three sigmoids
    params = dense.init_params([4, 5, 3, 3], "xavier", 4)
    for l in (1, 2, 3):
        params[f"b{l}"] = 0.3 * np.random.default_rng(l).standard_normal(params[f"b{l}"].shape)
    AL, caches = dense.model_forward(X, params, "sigmoid", "sigmoid")
    grads = dense.model_backward(AL, Y, caches)

    def J(p):
        A = dense.model_forward(X, p, "sigmoid", "sigmoid")[0]
        return sum(losses.binary_cross_entropy(A[k:k + 1], Y[k:k + 1]) for k in range(3))

    check_gradients(J, params, grads, h=1e-6)


def _manual(X, Y, dims, hidden, lr, epochs, batch, seed, probe):
    rng = np.random.default_rng(seed)
    params = dense.init_params(dims, "sqrt_fan_in", rng)
    rows = [diagnostics.gradient_norms(X[:, :probe], Y[:, :probe], params, hidden, "softmax")]
    for _ in range(epochs):
        for idx in optim.mini_batches(X.shape[1], batch, rng):
            AL, caches = dense.model_forward(X[:, idx], params, hidden, "softmax")
            optim.gd_update(params, dense.model_backward(AL, Y[:, idx], caches), lr)
        rows.append(diagnostics.gradient_norms(X[:, :probe], Y[:, :probe], params, hidden,
                                               "softmax"))
    return params, rows


def test_train_recording_norms_matches_a_plain_loop():
    X, Y = _problem(3, m=20)
    dims = [4, 5, 3, 2]
    h = diagnostics.train_recording_norms(X, Y, dims, hidden="tanh", output="softmax",
                                          learning_rate=0.3, epochs=3, batch_size=6, probe=15,
                                          seed=7)
    params, rows = _manual(X, Y, dims, "tanh", 0.3, 3, 6, 7, 15)
    assert np.array_equal(h.epochs, [0, 1, 2, 3])
    assert h.dW.shape == (4, 3) and h.db.shape == (4, 3) and h.costs.shape == (4,)
    for k, (dW, db) in enumerate(rows):
        assert np.allclose(h.dW[k], dW, rtol=1e-12) and np.allclose(h.db[k], db, rtol=1e-12)
    for key in params:
        assert np.allclose(h.params[key], params[key], rtol=1e-12)
    AL, _ = dense.model_forward(X[:, :15], params, "tanh", "softmax")
    assert h.costs[-1] == pytest.approx(dense.compute_cost(AL, Y[:, :15]))
    again = diagnostics.train_recording_norms(X, Y, dims, hidden="tanh", output="softmax",
                                              learning_rate=0.3, epochs=3, batch_size=6,
                                              probe=15, seed=7)
    assert np.array_equal(again.db, h.db)


def test_record_epochs_selects_the_records():
    X, Y = _problem(4, m=10)
    h = diagnostics.train_recording_norms(X, Y, [4, 3, 2], output="softmax", epochs=4,
                                          batch_size=5, record_epochs=[4, 2])
    assert np.array_equal(h.epochs, [0, 2, 4])
    full = diagnostics.train_recording_norms(X, Y, [4, 3, 2], output="softmax", epochs=4,
                                             batch_size=5)
    assert np.allclose(full.db[[0, 2, 4]], h.db)


@pytest.mark.parametrize("kwargs, match", [
    ({"record_epochs": [5]}, "record_epochs must lie in 1..epochs"),
    ({"record_epochs": "1"}, "record_epochs must be a list"),
    ({"probe": 11}, "probe must be at most"),
    ({"output": "linear"}, "output must be one of"),
    ({"layer_dims": [3, 3, 2]}, "X must have shape"),
])
def test_train_recording_norms_refuses_bad_settings(kwargs, match):
    X, Y = _problem(5, m=10)
    args = {"layer_dims": [4, 3, 2], "output": "softmax", "epochs": 2, "batch_size": 5, **kwargs}
    with pytest.raises((ValueError, TypeError), match=match):
        diagnostics.train_recording_norms(X, Y, **args)


def test_layer_gradient_norms_refuses_params():
    params = dense.init_params([3, 2], "he", 0)
    with pytest.raises(ValueError, match="grads must have the keys dW1"):
        diagnostics.layer_gradient_norms(params)
