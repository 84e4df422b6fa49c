"""Inverted dropout: the layer against centred differences with a fixed mask and against
TensorFlow's tf.nn.dropout (scaling, expectation, the gradient given the mask), the network pair,
and dense.fit with keep_prob."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from dlnotes import dense, dropout
from dlnotes.gradcheck import gradient_check, numerical_gradient, relative_difference

from _dense_tools import away_from_zero, record_tf, report, tf


@pytest.fixture(scope="module", autouse=True)
def _print_tf_differences():
    yield
    report()


@settings(max_examples=25, deadline=None)
@given(shape=st.tuples(st.integers(1, 6), st.integers(1, 6)), keep=st.sampled_from([0.3, 0.5, 0.86, 1.0]),
       seed=st.integers(0, 2**31 - 1))
def test_dropout_backward_matches_centred_differences_with_a_fixed_mask(shape, keep, seed):
    rng = np.random.default_rng(seed)
    A, G = rng.standard_normal(shape), rng.standard_normal(shape)
    out, cache = dropout.dropout_forward(A, keep, seed)        # an int seed: the same mask each call
    grad = dropout.dropout_backward(G, cache)
    numeric = numerical_gradient(lambda a: np.sum(G * dropout.dropout_forward(a, keep, seed)[0]), A)
    np.testing.assert_allclose(grad, numeric, rtol=1e-6, atol=1e-8)


def test_dropout_scales_the_kept_units_and_keeps_the_expectation():
    A = np.random.default_rng(0).standard_normal((50, 4000))
    out, (D, keep) = dropout.dropout_forward(A, 0.8, np.random.default_rng(1))
    assert D.dtype == bool and keep == 0.8
    np.testing.assert_array_equal(out[~D], 0.0)
    np.testing.assert_allclose(out[D], A[D] / 0.8, rtol=1e-15)
    assert abs(D.mean() - 0.8) < 4 * np.sqrt(0.8 * 0.2 / D.size)
    # E[out] = A: over many masks the mean of out approaches A
    rng = np.random.default_rng(2)
    a = np.linspace(-2, 2, 9).reshape(9, 1) * np.ones((1, 20000))
    mean = dropout.dropout_forward(a, 0.5, rng)[0].mean(axis=1)
    np.testing.assert_allclose(mean, a[:, 0], atol=4 * 2 * np.sqrt(0.25 / 20000) / 0.5)


def test_keep_prob_one_drops_nothing_and_float32_stays_float32():
    A = np.random.default_rng(0).standard_normal((3, 5)).astype(np.float32)
    out, cache = dropout.dropout_forward(A, 1.0, 0)
    assert out.dtype == np.float32
    np.testing.assert_array_equal(out, A)
    np.testing.assert_array_equal(dropout.dropout_backward(A, cache), A)


def test_matches_tensorflow_dropout_given_its_mask():
    t = tf()
    x = np.random.default_rng(3).standard_normal((40, 500))
    G = np.random.default_rng(4).standard_normal(x.shape)
    keep = 0.7
    xv = t.Variable(x)
    with t.GradientTape() as tape:
        y = t.nn.dropout(xv, rate=1 - keep, seed=5)
        J = t.reduce_sum(G * y)
    theirs_out, theirs_grad = y.numpy(), tape.gradient(J, xv).numpy()
    mask = theirs_out != 0           # TF's mask (x has no exact zeros)
    # Same scaling: the kept entries are x / keep in both, the dropped ones 0.
    ours_out = x * mask / keep
    assert record_tf("dropout forward, TF's mask", ours_out, theirs_out) < 1e-15
    # Same gradient given the mask.
    ours_grad = dropout.dropout_backward(G, (mask, keep))
    assert record_tf("dropout backward, TF's mask", ours_grad, theirs_grad) < 1e-15
    # The same drop rate (TF cannot share our mask, so compare the statistics).
    ours_kept = dropout.dropout_forward(x, keep, 6)[1][0].mean()
    tol = 4 * np.sqrt(keep * (1 - keep) / x.size)
    assert abs(mask.mean() - keep) < tol and abs(ours_kept - keep) < tol


def _problem(dims, output, seed):
    rng = np.random.default_rng(seed)
    params = dense.init_params(dims, "xavier", rng)
    for l in range(1, len(dims)):
        params[f"b{l}"] = 0.3 * rng.standard_normal((dims[l], 1))
    m = 7
    X = away_from_zero(rng, (dims[0], m))
    if output == "sigmoid":
        Y = rng.integers(0, 2, (1, m)).astype(float)
    else:
        Y = np.eye(dims[-1])[rng.integers(0, dims[-1], m)].T
    return params, X, Y


@pytest.mark.parametrize("dims, output, hidden, keep, lambd", [
    ([3, 5, 4, 1], "sigmoid", "relu", 0.6, 0.0),
    ([3, 5, 4, 1], "sigmoid", "tanh", [0.5, 0.9], 0.7),
    ([4, 6, 3], "softmax", "sigmoid", 0.8, 0.1),
    ([2, 4, 4, 4, 1], "sigmoid", "leaky_relu", [1.0, 0.5, 0.7], 0.3),
])
def test_network_backward_matches_centred_differences_with_fixed_masks(dims, output, hidden, keep,
                                                                       lambd):
    params, X, Y = _problem(dims, output, seed=len(dims))
    mask_seed = 11

    def J(p):
        AL, _ = dropout.model_forward(X, p, keep, mask_seed, hidden, output)
        return dense.compute_cost(AL, Y, p, lambd)

    AL, caches = dropout.model_forward(X, params, keep, mask_seed, hidden, output)
    grads = dropout.model_backward(AL, Y, caches, lambd)
    assert gradient_check(J, params, grads) < 1e-7
    # and the masks matter: the gradient without them is a different one
    AL0, caches0 = dense.model_forward(X, params, hidden, output)
    plain = dense.model_backward(AL0, Y, caches0, lambd)
    assert relative_difference(grads["dW1"], plain["dW1"]) > 1e-3


def test_network_with_keep_prob_one_is_the_dense_network():
    params, X, Y = _problem([3, 5, 4, 1], "sigmoid", 0)
    AL, caches = dropout.model_forward(X, params, 1.0, 0)
    AL0, caches0 = dense.model_forward(X, params)
    np.testing.assert_array_equal(AL, AL0)
    g, g0 = dropout.model_backward(AL, Y, caches, 0.2), dense.model_backward(AL0, Y, caches0, 0.2)
    for k in g0:
        np.testing.assert_allclose(g[k], g0[k], rtol=1e-13, atol=1e-15)


def test_bad_arguments_are_named():
    A = np.ones((2, 3))
    for bad in (0, 0.0, -0.1, 1.5, float("nan")):
        with pytest.raises(ValueError, match="keep_prob"):
            dropout.dropout_forward(A, bad, 0)
    for bad in (True, "0.5", None):
        with pytest.raises(TypeError, match="keep_prob"):
            dropout.dropout_forward(A, bad, 0)
    with pytest.raises(TypeError, match="rng must be a non-negative int"):
        dropout.dropout_forward(A, 0.5, "seed")
    _, cache = dropout.dropout_forward(A, 0.5, 0)
    with pytest.raises(ValueError, match="dout has shape"):
        dropout.dropout_backward(np.ones((3, 2)), cache)
    params, X, Y = _problem([3, 5, 4, 1], "sigmoid", 0)
    with pytest.raises(ValueError, match="2 hidden layers"):
        dropout.model_forward(X, params, [0.5], 0)
    with pytest.raises(ValueError, match=r"keep_prob\[1\]"):
        dropout.model_forward(X, params, [0.5, 2.0], 0)
    with pytest.raises(ValueError, match="2 hidden layers"):
        dense.fit(X, Y, [3, 5, 4, 1], keep_prob=[0.5, 0.5, 0.5], num_iterations=2)


def test_fit_with_dropout_is_reproducible_and_records_whole_network_costs():
    rng = np.random.default_rng(0)
    X = np.hstack([rng.normal(-1, 0.7, (2, 60)), rng.normal(1, 0.7, (2, 60))])
    Y = np.hstack([np.zeros((1, 60)), np.ones((1, 60))])
    run = dict(learning_rate=0.05, optimizer="adam", num_iterations=200, keep_prob=0.7, seed=3,
               record_every=50)
    p1, c1 = dense.fit(X, Y, [2, 16, 16, 1], **run)
    p2, c2 = dense.fit(X, Y, [2, 16, 16, 1], **run)
    assert c1 == c2 and all(np.array_equal(p1[k], p2[k]) for k in p1)
    assert sorted(c1) == [0, 50, 100, 150, 200]
    assert c1[200] == pytest.approx(dense.compute_cost(dense.model_forward(X, p1)[0], Y))
    assert c1[200] < c1[0] and dense.accuracy(X, Y, p1) > 0.9
    # the masks change the training: a different result from the same run without dropout
    p3, _ = dense.fit(X, Y, [2, 16, 16, 1], **{**run, "keep_prob": 1.0})
    assert not np.allclose(p1["W1"], p3["W1"])
    # mini-batches with dropout run too
    p4, c4 = dense.fit(X, Y, [2, 16, 1], optimizer="adam", learning_rate=0.01, epochs=5,
                       batch_size=32, keep_prob=0.8, seed=0, record_every=5)
    assert sorted(c4) == [0, 5]


def test_fit_without_dropout_is_unchanged_by_the_keep_prob_option():
    rng = np.random.default_rng(1)
    X = rng.standard_normal((3, 40))
    Y = (X[:1] > 0).astype(float)
    a = dense.fit(X, Y, [3, 4, 1], num_iterations=30, record_every=10)
    b = dense.fit(X, Y, [3, 4, 1], num_iterations=30, record_every=10, keep_prob=1.0)
    assert a[1] == b[1] and all(np.array_equal(a[0][k], b[0][k]) for k in a[0])
