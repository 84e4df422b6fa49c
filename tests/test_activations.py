import warnings

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from dlnotes import activations
from dlnotes.gradcheck import numerical_gradient, relative_difference

from _gradients import check_gradient
from _dense_tools import away_from_zero, record_tf, report, tf

NAMES = ["sigmoid", "tanh", "relu", "leaky_relu", "softmax", "linear"]
shapes = st.tuples(st.integers(1, 5), st.integers(1, 6))


@pytest.fixture(scope="module", autouse=True)
def _print_tf_differences():
    yield
    report()


def tf_forward(name, Z):
    t = tf()
    return {"sigmoid": t.sigmoid, "tanh": t.tanh, "relu": t.nn.relu,
            # TensorFlow stores alpha in float32; 0.25 is exact there, 0.01 is not.
            "leaky_relu": lambda z: t.nn.leaky_relu(z, alpha=0.25),
            "softmax": lambda z: t.nn.softmax(z, axis=0), "linear": lambda z: z}[name](Z)


@settings(max_examples=30, deadline=None)
@given(name=st.sampled_from(NAMES), shape=shapes, seed=st.integers(0, 2**32 - 1))
def test_backward_matches_centred_differences(name, shape, seed):
    rng = np.random.default_rng(seed)
    Z = away_from_zero(rng, shape) * 3
    dA = rng.standard_normal(shape)
    forward, backward = activations.get(name)
    # epsilon near the cube root of the float64 precision balances truncation and rounding
    # f sums dA * g(Z), terms of both signs: their absolute sum is the scale of f's rounding.
    check_gradient(lambda z: np.sum(dA * forward(z)), Z, backward(dA, Z), h=1e-6,
                   f_scale=np.abs(dA * forward(Z)).sum())


@settings(max_examples=30, deadline=None)
@given(name=st.sampled_from(NAMES), shape=shapes, seed=st.integers(0, 2**32 - 1))
def test_forward_and_backward_match_tensorflow(name, shape, seed):
    t = tf()
    rng = np.random.default_rng(seed)
    Z = away_from_zero(rng, shape) * 3
    dA = rng.standard_normal(shape)
    forward, backward = activations.get(name)
    if name == "leaky_relu":
        forward = lambda z: activations.leaky_relu(z, 0.25)  # noqa: E731
        backward = lambda da, z: activations.leaky_relu_backward(da, z, 0.25)  # noqa: E731
    Zt = t.constant(Z)
    with t.GradientTape() as tape:
        tape.watch(Zt)
        At = tf_forward(name, Zt)
    dZt = tape.gradient(At, Zt, output_gradients=t.constant(dA))
    np.testing.assert_allclose(forward(Z), At.numpy(), rtol=1e-12, atol=1e-15)
    assert record_tf(f"activation {name} backward", backward(dA, Z), dZt.numpy()) < 1e-12


def test_relu_and_leaky_relu_at_zero_follow_tensorflow():
    Z = np.array([[-1.0, 0.0, 2.0]])
    dA = np.ones_like(Z)
    np.testing.assert_array_equal(activations.relu_backward(dA, Z), [[0, 0, 1]])
    np.testing.assert_array_equal(activations.leaky_relu_backward(dA, Z, 0.1), [[0.1, 0.1, 1]])
    np.testing.assert_array_equal(activations.leaky_relu(Z, 0.1), [[-0.1, 0, 2]])


def test_sigmoid_no_overflow_for_large_inputs():
    Z = np.array([[-1e4, -800.0, -40.0, 0.0, 40.0, 800.0, 1e4]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", divide="raise", invalid="raise"):
            A = activations.sigmoid(Z)
            dZ = activations.sigmoid_backward(np.ones_like(Z), Z)
    assert A[0, 0] == 0.0 and A[0, -1] == 1.0 and A[0, 3] == 0.5
    np.testing.assert_allclose(A[0, 2], 1 / (1 + np.exp(40.0)), rtol=1e-14)
    assert np.all(np.isfinite(dZ)) and dZ[0, 0] == 0.0


def test_softmax_columns_sum_to_one_and_are_shift_invariant():
    Z = np.array([[1000.0, 1.0], [1001.0, 2.0], [999.0, 3.0]])
    S = activations.softmax(Z)
    np.testing.assert_allclose(S.sum(axis=0), 1.0)
    np.testing.assert_allclose(S[:, 0], activations.softmax(Z[:, [1]] - 2)[:, 0][[1, 2, 0]])


def test_float32_stays_float32():
    Z = np.ones((2, 3), dtype=np.float32)
    for name in NAMES:
        forward, backward = activations.get(name)
        assert forward(Z).dtype == np.float32, name
        assert backward(Z, Z).dtype == np.float32, name


def test_unknown_activation_is_a_value_error():
    with pytest.raises(ValueError, match="name must be one of 'sigmoid', .*'linear', got 'swish'"):
        activations.get("swish")


def test_backward_shape_mismatch_names_both_arrays():
    with pytest.raises(ValueError, match=r"dA must have the shape of Z, \(3, 2\), got shape \(2, 3\)"):
        activations.relu_backward(np.ones((2, 3)), np.ones((3, 2)))
