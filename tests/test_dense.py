import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from dlnotes import dense, init
from dlnotes.gradcheck import (gradient_check, numerical_gradient, numerical_gradients,
                               relative_difference)
from dlnotes.optim import DivergedError

from _gradients import check_gradient, check_gradients
from _dense_tools import away_from_zero, record_tf, report, tf

HIDDEN = ["relu", "tanh", "sigmoid", "leaky_relu"]


@pytest.fixture(scope="module", autouse=True)
def _print_tf_differences():
    yield
    report()


@st.composite
def networks(draw):
    """A random network, data and settings: sizes, m, activations, λ and a seed."""
    output = draw(st.sampled_from(["sigmoid", "softmax"]))
    hidden_sizes = draw(st.lists(st.integers(1, 5), min_size=0, max_size=3))
    n_out = 1 if output == "sigmoid" else draw(st.integers(2, 4))
    dims = [draw(st.integers(1, 5))] + hidden_sizes + [n_out]
    return dict(dims=dims, m=draw(st.integers(1, 6)), hidden=draw(st.sampled_from(HIDDEN)),
                output=output, lambd=draw(st.sampled_from([0.0, 0.05, 0.7])),
                seed=draw(st.integers(0, 2**32 - 1)))


def make_problem(dims, m, output, seed, **_):
    rng = np.random.default_rng(seed)
    params = dense.init_params(dims, "xavier", rng)
    for l in range(1, len(dims)):  # non-zero biases, so their gradients are exercised too
        params[f"b{l}"] = 0.5 * rng.standard_normal((dims[l], 1))
    X = rng.standard_normal((dims[0], m))
    if output == "sigmoid":
        Y = rng.integers(0, 2, (1, m)).astype(float)
    else:
        Y = np.zeros((dims[-1], m))
        Y[rng.integers(0, dims[-1], m), np.arange(m)] = 1
    return params, X, Y


def cost_and_grads(params, X, Y, hidden, output, lambd):
    AL, caches = dense.model_forward(X, params, hidden, output)
    cost = dense.compute_cost(AL, Y, params, lambd)
    return cost, dense.model_backward(AL, Y, caches, lambd)


@settings(max_examples=40, deadline=None)
@given(net=networks())
def test_model_backward_matches_centred_differences(net):
    params, X, Y = make_problem(**net)
    hidden, output, lambd = net["hidden"], net["output"], net["lambd"]
    _, grads = cost_and_grads(params, X, Y, hidden, output, lambd)
    assert set(grads) == {"d" + k for k in params}

    def J(p):
        return dense.compute_cost(dense.model_forward(X, p, hidden, output)[0], Y, p, lambd)

    check_gradients(J, params, grads, h=1e-7)


def tf_cost(params, X, Y, hidden, output, lambd):
    """The same network and cost written with TensorFlow operations."""
    t = tf()
    acts = {"relu": t.nn.relu, "tanh": t.tanh, "sigmoid": t.sigmoid,
            "leaky_relu": lambda z: t.where(z > 0, z, 0.01 * z),  # tf.nn.leaky_relu's alpha is float32
            "softmax": lambda z: t.nn.softmax(z, axis=0)}
    L, m = len(params) // 2, X.shape[1]
    A = t.constant(X)
    for l in range(1, L + 1):
        A = acts[hidden if l < L else output](params[f"W{l}"] @ A + params[f"b{l}"])
    if output == "sigmoid":
        J = -t.reduce_mean(Y * t.math.log(A) + (1 - Y) * t.math.log(1 - A))
    else:
        J = -t.reduce_sum(Y * t.math.log(A)) / m
    return J + lambd / (2 * m) * sum(t.reduce_sum(params[f"W{l}"] ** 2) for l in range(1, L + 1))


@settings(max_examples=40, deadline=None)
@given(net=networks())
def test_model_backward_matches_tensorflow(net):
    t = tf()
    params, X, Y = make_problem(**net)
    args = net["hidden"], net["output"], net["lambd"]
    cost, grads = cost_and_grads(params, X, Y, *args)
    variables = {k: t.Variable(v) for k, v in params.items()}
    with t.GradientTape() as tape:
        J = tf_cost(variables, X, Y, *args)
    theirs = tape.gradient(J, variables)
    assert record_tf("dense cost", cost, J.numpy()) < 1e-12
    for k in params:
        assert record_tf(f"dense d{k[0]} ({net['hidden']}, {net['output']})",
                         grads["d" + k], theirs[k].numpy()) < 1e-10


@settings(max_examples=25, deadline=None)
@given(activation=st.sampled_from(HIDDEN + ["softmax", "linear"]), n_prev=st.integers(1, 4),
       n=st.integers(1, 4), m=st.integers(1, 5), seed=st.integers(0, 2**32 - 1))
def test_layer_backward_matches_centred_differences(activation, n_prev, n, m, seed):
    rng = np.random.default_rng(seed)
    A_prev, W, b = rng.standard_normal((n_prev, m)), rng.standard_normal((n, n_prev)), rng.standard_normal((n, 1))
    dA = rng.standard_normal((n, m))
    # Move A_prev a little so that no Z sits within a step of a ReLU kink.
    Z = W @ A_prev + b
    b = b + np.where(np.abs(Z) < 1e-3, 1e-2, 0).max(axis=1, keepdims=True)
    A, cache = dense.linear_activation_forward(A_prev, W, b, activation)
    dA_prev, dW, db = dense.linear_activation_backward(dA, cache, activation)
    assert dA_prev.shape == A_prev.shape and dW.shape == W.shape and db.shape == b.shape

    def f(A_prev_, W_, b_):  # the per-example sum that dA weighs, divided by m as J is
        return np.sum(dA * dense.linear_activation_forward(A_prev_, W_, b_, activation)[0])

    # dW and db carry the course's 1/m, dA_prev does not.
    scale = np.abs(dA * A).sum()  # terms of both signs: the scale of f's rounding
    check_gradient(lambda a: f(a, W, b), A_prev, dA_prev, h=1e-6, f_scale=scale)
    check_gradient(lambda w: f(A_prev, w, b), W, dW * m, h=1e-6, f_scale=scale)
    check_gradient(lambda c: f(A_prev, W, c), b, db * m, h=1e-6, f_scale=scale)


def test_linear_forward_and_backward_by_hand():
    A_prev = np.array([[1.0, 2.0], [3.0, 4.0]])
    W, b = np.array([[1.0, -1.0]]), np.array([[0.5]])
    Z, cache = dense.linear_forward(A_prev, W, b)
    np.testing.assert_array_equal(Z, [[-1.5, -1.5]])
    dA_prev, dW, db = dense.linear_backward(np.array([[1.0, 3.0]]), cache)
    np.testing.assert_array_equal(dA_prev, [[1.0, 3.0], [-1.0, -3.0]])
    np.testing.assert_array_equal(dW, [[3.5, 7.5]])  # (1/m) dZ A_prevᵀ with m = 2
    np.testing.assert_array_equal(db, [[2.0]])


# --------------------------------------------------------------------------- initialisation

@pytest.mark.parametrize("method, std", [
    ("zeros", lambda n_in, n_out: 0.0),
    ("small", lambda n_in, n_out: 0.01),
    ("xavier", lambda n_in, n_out: np.sqrt(2 / (n_in + n_out))),
    ("he", lambda n_in, n_out: np.sqrt(2 / n_in)),
    ("sqrt_fan_in", lambda n_in, n_out: 1 / np.sqrt(n_in)),
])
def test_init_params_scales(method, std):
    params = dense.init_params([300, 200, 1], method, seed=3)
    assert params["W1"].shape == (200, 300) and params["b1"].shape == (200, 1)
    assert params["W2"].shape == (1, 200) and params["b2"].shape == (1, 1)
    assert not params["b1"].any() and not params["b2"].any()
    # 60,000 draws: the sample standard deviation is within 1.5% of the target.
    assert params["W1"].std() == pytest.approx(std(300, 200), rel=0.015, abs=1e-12)


def test_init_params_is_reproducible_and_draws_layers_in_order():
    a = dense.init_params([5, 4, 3], "sqrt_fan_in", 7)
    b = dense.init_params([5, 4, 3], "sqrt_fan_in", np.random.default_rng(7))
    rng = np.random.default_rng(7)
    np.testing.assert_array_equal(a["W1"], b["W1"])
    np.testing.assert_array_equal(a["W1"], rng.standard_normal((4, 5)) / np.sqrt(5))
    np.testing.assert_array_equal(a["W2"], rng.standard_normal((3, 4)) / 2)
    assert not np.array_equal(a["W1"], dense.init_params([5, 4, 3], "sqrt_fan_in", 8)["W1"])


def test_init_for_convolution_filters_uses_the_receptive_field():
    assert init.fans((3, 3, 8, 16)) == (72, 144)
    W = init.he((3, 3, 8, 16), 0)
    assert W.shape == (3, 3, 8, 16)


def test_unknown_init_method():
    with pytest.raises(ValueError, match="method must be one of 'zeros', 'small', 'large', 'xavier', 'he', 'sqrt_fan_in', got 'glorot'"):
        dense.init_params([2, 1], "glorot", 0)


# --------------------------------------------------------------------------- bad input

def small_net():
    params = dense.init_params([3, 2, 1], "he", 0)
    return params, np.ones((3, 4)), np.array([[0, 1, 1, 0]])


def test_model_forward_rejects_wrong_x_rows():
    params, X, _ = small_net()
    with pytest.raises(ValueError, match=r"params\['W1'\] must have shape \(2, 5\) \(n\[1\], n\[0\]\) because X has 5 rows, got shape \(2, 3\)"):
        dense.model_forward(np.ones((5, 4)), params)


@pytest.mark.parametrize("X, message", [
    (np.array([[1.0, np.nan]] * 3), r"X must hold finite numbers, got 3 NaN or inf value\(s\) in an array of shape \(3, 2\)"),
    (np.ones(3), r"X must be a 2-D array \(n\[0\], m\), got shape \(3,\)"),
    (np.array([["a"] * 2] * 3), "X must be an array of real numbers, got dtype <U1"),
])
def test_model_forward_rejects_bad_x(X, message):
    params, _, _ = small_net()
    with pytest.raises((ValueError, TypeError), match=message):
        dense.model_forward(X, params)


def test_unknown_activation_names_the_choices():
    params, X, _ = small_net()
    with pytest.raises(ValueError, match="hidden must be one of 'sigmoid', .*'linear', got 'gelu'"):
        dense.model_forward(X, params, hidden="gelu")
    with pytest.raises(ValueError, match="output must be one of 'sigmoid', 'softmax', 'linear', got 'swish'"):
        dense.fit(X, np.ones((1, 4)), [3, 2, 1], output="swish")


def test_params_must_chain():
    params, X, _ = small_net()
    params["b2"] = np.zeros((2, 1))
    with pytest.raises(ValueError, match=r"params\['b2'\] must have shape \(1, 1\) \(n\[2\], 1\), got shape \(2, 1\)"):
        dense.model_forward(X, params)
    with pytest.raises(ValueError, match=r"params must have the keys W1, b1, ..., WL, bL, got keys \['W1'\]"):
        dense.model_forward(X, {"W1": np.ones((1, 3))})


@pytest.mark.parametrize("Y, message", [
    (np.ones((4, 1)), r"Y must have shape \(1, m\) = \(1, 4\), got shape \(4, 1\)"),
    (np.array([[0, 1, 3, 0]]), r"Y must hold only labels 0 and 1, got \[3.0\] \(in an array of shape \(1, 4\)\)"),
    (np.array([[0, 1, np.nan, 0]]), r"Y must hold finite numbers, got 1 NaN or inf value\(s\) in an array of shape \(1, 4\)"),
])
def test_model_backward_and_fit_reject_bad_labels(Y, message):
    params, X, _ = small_net()
    AL, caches = dense.model_forward(X, params)
    with pytest.raises(ValueError, match=message):
        dense.model_backward(AL, Y, caches)
    with pytest.raises(ValueError, match=message):
        dense.fit(X, Y, [3, 2, 1], num_iterations=2)


def test_fit_rejects_x_that_does_not_match_layer_dims():
    with pytest.raises(ValueError, match=r"X must have shape \(layer_dims\[0\], m\) = \(5, m\) for layer_dims \[5, 2, 1\], got shape \(3, 4\)"):
        dense.fit(np.ones((3, 4)), np.ones((1, 4)), [5, 2, 1], num_iterations=2)


def test_model_backward_checks_activations_against_the_caches():
    params, X, Y = small_net()
    AL, caches = dense.model_forward(X, params, hidden="tanh")
    grads = dense.model_backward(AL, Y, caches, hidden="tanh", output="sigmoid")
    np.testing.assert_array_equal(grads["dW1"], dense.model_backward(AL, Y, caches)["dW1"])
    with pytest.raises(ValueError, match=r"hidden must be None or what the forward pass used, \['tanh'\], got hidden='relu'"):
        dense.model_backward(AL, Y, caches, hidden="relu")
    AL, caches = dense.model_forward(X, params, output="tanh")
    with pytest.raises(ValueError, match=r"caches must come from a forward pass with output 'sigmoid' \(binary cross-entropy\), 'softmax' \(categorical cross-entropy\) or 'linear' \(squared error\), got output 'tanh'"):
        dense.model_backward(AL, Y, caches)


def test_other_bad_settings():
    params, X, Y = small_net()
    with pytest.raises(ValueError, match="optimizer must be one of 'gd', 'momentum', 'adam', got 'sgd'"):
        dense.fit(X, Y, [3, 2, 1], optimizer="sgd")
    with pytest.raises(ValueError, match=r"params must be the network's parameters when lambd > 0 \(for the L2 term\), got None"):
        dense.compute_cost(np.full((1, 4), 0.5), Y, lambd=0.1)
    with pytest.raises(ValueError, match=r"num_iterations must be None with batch_size \(give epochs, passes over the data\), got num_iterations=3"):
        dense.fit(X, Y, [3, 2, 1], batch_size=2, num_iterations=3)


# --------------------------------------------------------------------------- training

def blobs(m=200, seed=0):
    """Two Gaussian clouds in 2-D, labels 0/1: a problem any of the optimisers solves."""
    rng = np.random.default_rng(seed)
    Y = rng.integers(0, 2, (1, m))
    X = rng.standard_normal((2, m)) + 2.5 * (2 * Y - 1)
    return X, Y


@pytest.mark.parametrize("settings_", [
    dict(optimizer="gd", learning_rate=0.5, num_iterations=300),
    dict(optimizer="momentum", learning_rate=0.5, epochs=20, batch_size=32),
    dict(optimizer="adam", learning_rate=0.01, epochs=20, batch_size=32, lambd=0.1),
])
def test_fit_learns_two_blobs(settings_):
    X, Y = blobs()
    params, costs = dense.fit(X, Y, [2, 4, 1], init="he", seed=1, record_every=5, **settings_)
    steps = settings_.get("num_iterations") or settings_["epochs"]
    assert sorted(costs) == sorted(set(range(0, steps, 5)) | {steps})
    assert costs[steps] < 0.5 * costs[0]
    assert dense.accuracy(X, Y, params) > 0.97
    again, _ = dense.fit(X, Y, [2, 4, 1], init="he", seed=1, record_every=5, **settings_)
    np.testing.assert_array_equal(params["W1"], again["W1"])  # the seed fixes everything


def test_fit_cost_history_matches_compute_cost():
    X, Y = blobs(50)
    params, costs = dense.fit(X, Y, [2, 3, 1], num_iterations=7, learning_rate=0.1, record_every=3,
                              lambd=0.2)
    AL, _ = dense.model_forward(X, params)
    assert costs[7] == pytest.approx(dense.compute_cost(AL, Y, params, 0.2), rel=1e-14)
    start = dense.init_params([2, 3, 1], "sqrt_fan_in", 0)
    AL0, _ = dense.model_forward(X, start)
    assert costs[0] == pytest.approx(dense.compute_cost(AL0, Y, start, 0.2), rel=1e-14)


def test_fit_softmax_output():
    X, y = blobs(120, 2)
    Y = np.vstack([1 - y, y])
    params, costs = dense.fit(X, Y, [2, 4, 2], output="softmax", init="he", learning_rate=0.5,
                              num_iterations=200)
    assert dense.predict(X, params, output="softmax").shape == (1, 120)
    assert dense.accuracy(X, Y, params, output="softmax") > 0.97


def test_fit_keeps_float32():
    X, Y = blobs(40)
    params, costs = dense.fit(X.astype(np.float32), Y, [2, 3, 1], num_iterations=20,
                              learning_rate=0.1, optimizer="adam")
    assert all(v.dtype == np.float32 for v in params.values())
    assert costs[20] < costs[0]


def test_fit_prints_when_asked(capsys):
    X, Y = blobs(40)
    dense.fit(X, Y, [2, 3, 1], num_iterations=20, learning_rate=0.1, print_every=10)
    lines = capsys.readouterr().out.splitlines()
    assert [l.split(":")[0] for l in lines] == ["cost after iteration 0", "cost after iteration 10"]


def test_divergence_stops_with_advice():
    X, Y = blobs(40)
    with np.errstate(all="ignore"):
        with pytest.raises(DivergedError, match=r"Try a smaller learning rate \(e.g. 1e\+99\)"):
            dense.fit(X * 1e100, Y, [2, 8, 8, 1], init="he", learning_rate=1e100, num_iterations=50)


def test_divergence_in_a_mini_batch_stops_within_the_epoch():
    X, Y = blobs(40)
    with np.errstate(all="ignore"):
        with pytest.raises(DivergedError, match=r"at step 0 .*Try a smaller learning rate"):
            dense.fit(X * 1e100, Y, [2, 8, 8, 1], init="he", learning_rate=1e100, epochs=3,
                      batch_size=8, record_every=100)


def test_predict_gives_int_labels():
    params, X, _ = small_net()
    P = dense.predict(X, params)
    assert P.shape == (1, 4) and P.dtype == np.int64 and set(np.unique(P)) <= {0, 1}


# ------------------------------------------------------------- linear output, squared error

@st.composite
def regression_networks(draw):
    """A random network with a linear output: sizes, m, hidden activation, λ and a seed."""
    dims = ([draw(st.integers(1, 4))] + draw(st.lists(st.integers(1, 5), min_size=0, max_size=2))
            + [draw(st.integers(1, 3))])
    return dict(dims=dims, m=draw(st.integers(1, 6)), hidden=draw(st.sampled_from(HIDDEN)),
                lambd=draw(st.sampled_from([0.0, 0.3])), seed=draw(st.integers(0, 2**32 - 1)))


def regression_problem(dims, m, seed, **_):
    rng = np.random.default_rng(seed)
    params = dense.init_params(dims, "xavier", rng)
    for l in range(1, len(dims)):
        params[f"b{l}"] = 0.5 * rng.standard_normal((dims[l], 1))
    X = away_from_zero(rng, (dims[0], m))
    Y = 3.0 * rng.standard_normal((dims[-1], m))        # real-valued targets
    return params, X, Y


def squared_error_and_grads(params, X, Y, hidden, lambd):
    AL, caches = dense.model_forward(X, params, hidden, "linear")
    cost = dense.compute_cost(AL, Y, params, lambd, output="linear")
    return AL, cost, dense.model_backward(AL, Y, caches, lambd)


@settings(max_examples=40, deadline=None)
@given(net=regression_networks())
def test_linear_output_gradients_match_centred_differences(net):
    params, X, Y = regression_problem(**net)
    hidden, lambd, m = net["hidden"], net["lambd"], net["m"]
    AL, cost, grads = squared_error_and_grads(params, X, Y, hidden, lambd)
    assert AL.shape == Y.shape
    penalty = lambd / (2 * m) * sum(np.sum(params[f"W{l}"] ** 2) for l in range(1, len(params) // 2 + 1))
    assert cost == pytest.approx(np.sum((AL - Y) ** 2) / (2 * m) + penalty, rel=1e-13)

    def J(p):
        return dense.compute_cost(dense.model_forward(X, p, hidden, "linear")[0], Y, p, lambd,
                                  output="linear")

    # ReLU kinks near a weight perturbation are avoided by moving X away from zero; tiny
    # gradients (a dead unit) are compared with an absolute floor rather than relatively.
    for k, g_num in numerical_gradients(J, params, 1e-6).items():
        np.testing.assert_allclose(grads[k], g_num, rtol=1e-5, atol=1e-7, err_msg=k)


@settings(max_examples=30, deadline=None)
@given(net=regression_networks())
def test_linear_output_matches_tensorflow(net):
    t = tf()
    params, X, Y = regression_problem(**net)
    hidden, lambd, m = net["hidden"], net["lambd"], net["m"]
    _, cost, grads = squared_error_and_grads(params, X, Y, hidden, lambd)
    acts = {"relu": t.nn.relu, "tanh": t.tanh, "sigmoid": t.sigmoid,
            "leaky_relu": lambda z: t.where(z > 0, z, 0.01 * z)}
    variables = {k: t.Variable(v) for k, v in params.items()}
    L = len(params) // 2
    with t.GradientTape() as tape:
        A = t.constant(X)
        for l in range(1, L + 1):
            Z = variables[f"W{l}"] @ A + variables[f"b{l}"]
            A = acts[hidden](Z) if l < L else Z
        # Keras's MeanSquaredError averages over units too; ours is (1/2m) Σ over units and examples.
        J = t.reduce_sum((A - Y) ** 2) / (2 * m) + lambd / (2 * m) * sum(
            t.reduce_sum(variables[f"W{l}"] ** 2) for l in range(1, L + 1))
    theirs = tape.gradient(J, variables)
    assert record_tf("dense squared-error cost", cost, J.numpy()) < 1e-12
    for k in params:
        np.testing.assert_allclose(grads["d" + k], theirs[k].numpy(), rtol=1e-9, atol=1e-12,
                                   err_msg=k)
        record_tf(f"dense d{k[0]} (linear output)", grads["d" + k], theirs[k].numpy())


def test_squared_error_by_hand():
    AL, Y = np.array([[1.0, 2.0, 4.0]]), np.array([[1.5, 2.0, 1.0]])
    expected = (0.25 + 0.0 + 9.0) / (2 * 3)
    assert dense.compute_cost(AL, Y, output="linear") == pytest.approx(expected, rel=1e-15)
    # Without output="linear" the same arrays would be read as probabilities: refused.
    with pytest.raises(ValueError, match="labels|0 and 1|0/1"):
        dense.compute_cost(AL, Y)


def test_fit_linear_output_fits_a_bent_line():
    rng = np.random.default_rng(4)
    X = rng.uniform(-2, 2, (1, 80))
    Y = np.maximum(0, X) + 0.3 * X          # a line with one bend at 0
    params, costs = dense.fit(X, Y, [1, 8, 1], output="linear", init="he", learning_rate=0.05,
                              num_iterations=1500, seed=2, record_every=500)
    AL = dense.predict(X, params, output="linear")
    assert AL.shape == (1, 80) and AL.dtype == np.float64
    assert costs[1500] == pytest.approx(dense.compute_cost(AL, Y, output="linear"), rel=1e-12)
    assert costs[1500] < 1e-3 < costs[0]
    with pytest.raises(ValueError, match="accuracy needs a classifier"):
        dense.accuracy(X, Y, params, output="linear")
    with pytest.raises(ValueError, match="output must be"):
        dense.compute_cost(AL, Y, output="relu")
