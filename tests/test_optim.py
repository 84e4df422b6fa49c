import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from dlnotes import optim

from _dense_tools import record_tf, report, tf


@pytest.fixture(scope="module", autouse=True)
def _print_tf_differences():
    yield
    report()


def problem(seed=0):
    """A parameter dict of mixed names and shapes (not only dense ones) and gradient draws."""
    rng = np.random.default_rng(seed)
    params = {"W1": rng.standard_normal((3, 2)), "b1": rng.standard_normal((3, 1)),
              "conv_W": rng.standard_normal((2, 2, 1, 2))}
    steps = [{"d" + k: rng.standard_normal(v.shape) for k, v in params.items()} for _ in range(4)]
    return params, steps


def test_gd_update_in_place_and_returned():
    params, steps = problem()
    before = {k: v.copy() for k, v in params.items()}
    out = optim.gd_update(params, steps[0], 0.1)
    assert out is params
    for k in params:
        np.testing.assert_allclose(params[k], before[k] - 0.1 * steps[0]["d" + k], rtol=1e-15)


def keras_steps(opt, params, steps):
    t = tf()
    variables = {k: t.Variable(v) for k, v in params.items()}
    for g in steps:
        opt.apply_gradients([(t.constant(g["d" + k]), variables[k]) for k in params])
    return {k: v.numpy() for k, v in variables.items()}


def test_momentum_matches_keras_sgd():
    import keras

    params, steps = problem(1)
    lr, beta = 0.125, 0.75  # exact in float32, in which Keras keeps its hyperparameters
    # Keras keeps v = βv − lr·g; ours is the average v = βv + (1 − β)g times lr, so the two
    # agree when Keras's learning rate is lr·(1 − β).
    theirs = keras_steps(keras.optimizers.SGD(learning_rate=lr * (1 - beta), momentum=beta),
                         params, steps)
    state = optim.momentum_init(params)
    for g in steps:
        optim.momentum_update(params, g, state, lr, beta)
    for k in params:
        assert record_tf(f"momentum {k}", params[k], theirs[k]) < 1e-14


def test_adam_matches_keras_adam():
    import keras

    params, steps = problem(2)
    # Keras adds epsilon to √v rather than √v̂; with a tiny epsilon the two forms coincide.
    # The hyperparameters are exact in float32, in which Keras keeps them.
    hyper = dict(learning_rate=2.0 ** -6, beta1=0.875, beta2=1 - 2.0 ** -10, epsilon=1e-14)
    theirs = keras_steps(keras.optimizers.Adam(
        hyper["learning_rate"], hyper["beta1"], hyper["beta2"], hyper["epsilon"]), params, steps)
    state = optim.adam_init(params)
    for g in steps:
        optim.adam_update(params, g, state, **hyper)
    assert state["t"] == len(steps)
    for k in params:
        assert record_tf(f"adam {k}", params[k], theirs[k]) < 1e-12


def test_adam_first_step_moves_each_entry_by_the_learning_rate():
    params = {"w": np.array([1.0, -2.0, 3.0])}
    state = optim.adam_init(params)
    optim.adam_update(params, {"dw": np.array([0.5, -7.0, 1e-3])}, state, 0.1, epsilon=1e-12)
    np.testing.assert_allclose(params["w"], [0.9, -1.9, 2.9], rtol=1e-9)


@settings(max_examples=25, deadline=None)
@given(m=st.integers(1, 50), batch_size=st.integers(1, 64), seed=st.integers(0, 2**32 - 1))
def test_mini_batches_partition_the_examples(m, batch_size, seed):
    batches = optim.mini_batches(m, batch_size, seed)
    assert len(batches) == -(-m // batch_size)
    assert all(len(b) == batch_size for b in batches[:-1]) and 1 <= len(batches[-1]) <= batch_size
    np.testing.assert_array_equal(np.sort(np.concatenate(batches)), np.arange(m))
    again = optim.mini_batches(m, batch_size, seed)
    assert all(np.array_equal(a, b) for a, b in zip(batches, again))


def test_a_generator_gives_a_new_order_each_epoch():
    rng = np.random.default_rng(0)
    first, second = optim.mini_batches(100, 100, rng), optim.mini_batches(100, 100, rng)
    assert not np.array_equal(first[0], second[0])


def test_bad_arguments():
    params, steps = problem()
    with pytest.raises(ValueError, match=r"grads must have a key 'db1' for params\['b1'\], got keys \['dW1', 'dconv_W'\]"):
        optim.gd_update(params, {k: v for k, v in steps[0].items() if k != "db1"}, 0.1)
    with pytest.raises(ValueError, match=r"grads\['dW1'\] must have the shape of params\['W1'\], \(3, 2\), got shape \(2, 3\)"):
        optim.gd_update(params, {**steps[0], "dW1": steps[0]["dW1"].T}, 0.1)
    with pytest.raises(ValueError, match="learning_rate must be a finite number > 0, got -1"):
        optim.gd_update(params, steps[0], -1)
    with pytest.raises(ValueError, match="beta must be a finite number >= 0 and < 1, got 1.0"):
        optim.momentum_update(params, steps[0], optim.momentum_init(params), 0.1, beta=1.0)
    with pytest.raises(ValueError, match="batch_size must be a positive integer, got 0"):
        optim.mini_batches(10, 0, 0)


def test_check_cost_suggests_a_smaller_learning_rate():
    optim.check_cost(0.3, 5, 0.1)
    with pytest.raises(optim.DivergedError, match="smaller learning rate"):
        optim.check_cost(float("nan"), 5, 0.1)
