import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from dlnotes import losses
from dlnotes.activations import softmax
from dlnotes.gradcheck import numerical_gradient, relative_difference

from _gradients import check_gradient
from _dense_tools import record_tf, report, tf


@pytest.fixture(scope="module", autouse=True)
def _print_tf_differences():
    yield
    report()


def one_hot(rng, classes, m):
    Y = np.zeros((classes, m))
    Y[rng.integers(0, classes, m), np.arange(m)] = 1
    return Y


def test_binary_cross_entropy_by_hand():
    AL = np.array([[0.9, 0.2, 0.6]])
    Y = np.array([[1, 0, 0]])
    expected = -(np.log(0.9) + np.log(0.8) + np.log(0.4)) / 3
    assert losses.binary_cross_entropy(AL, Y) == pytest.approx(expected, rel=1e-14)


def test_binary_cross_entropy_finite_at_zero_and_one():
    AL = np.array([[0.0, 1.0, 0.0, 1.0]])
    Y = np.array([[0, 1, 1, 0]])
    cost = losses.binary_cross_entropy(AL, Y)
    assert np.isfinite(cost)
    assert cost == pytest.approx(-2 * np.log(1e-15) / 4, rel=1e-3)  # two confident mistakes
    assert losses.binary_cross_entropy(AL[:, :2], Y[:, :2]) < 1e-14  # two confident hits


@settings(max_examples=25, deadline=None)
@given(m=st.integers(1, 8), seed=st.integers(0, 2**32 - 1))
def test_binary_cross_entropy_matches_tensorflow(m, seed):
    t = tf()
    rng = np.random.default_rng(seed)
    AL = rng.uniform(0.01, 0.99, (1, m))
    Y = rng.integers(0, 2, (1, m))
    # TensorFlow's own keras loss clips at 1e-7, so compare with the formula in TF ops.
    expected = -t.reduce_mean(Y * t.math.log(AL) + (1 - Y) * t.math.log(1 - AL)).numpy()
    assert record_tf("binary_cross_entropy", losses.binary_cross_entropy(AL, Y), expected) < 1e-14


@settings(max_examples=25, deadline=None)
@given(classes=st.integers(2, 5), m=st.integers(1, 8), seed=st.integers(0, 2**32 - 1))
def test_softmax_cross_entropy_matches_tensorflow_and_centred_differences(classes, m, seed):
    t = tf()
    rng = np.random.default_rng(seed)
    Z = rng.standard_normal((classes, m)) * 3
    Y = one_hot(rng, classes, m)
    cost, dZ = losses.softmax_cross_entropy(Z, Y)
    Zt = t.constant(Z)
    with t.GradientTape() as tape:
        tape.watch(Zt)
        J = t.reduce_mean(t.nn.softmax_cross_entropy_with_logits(t.constant(Y), Zt, axis=0))
    assert record_tf("softmax_cross_entropy cost", cost, J.numpy()) < 1e-14
    assert record_tf("softmax_cross_entropy dZ", dZ, tape.gradient(J, Zt).numpy()) < 1e-12
    # The cost is logsumexp(z) - z_y, a difference of numbers of the logits' size.
    check_gradient(lambda z: losses.softmax_cross_entropy(z, Y)[0], Z, dZ, h=1e-6,
                   f_scale=1 + np.abs(Z).max(axis=0).mean())
    assert cost == pytest.approx(losses.categorical_cross_entropy(softmax(Z), Y), rel=1e-12)


def test_softmax_cross_entropy_is_stable_for_huge_logits():
    Z = np.array([[1000.0, -1000.0], [0.0, 1000.0]])
    Y = np.array([[1, 0], [0, 1]])
    cost, dZ = losses.softmax_cross_entropy(Z, Y)
    assert cost == pytest.approx(0.0, abs=1e-300) and np.all(np.isfinite(dZ))
    cost, _ = losses.softmax_cross_entropy(Z, Y[::-1])
    assert cost == pytest.approx(1500.0)  # (1000 + 2000) / 2, no clipping involved


def test_l2_penalty():
    params = {"W1": np.ones((2, 3)), "b1": np.ones((2, 1)), "W2": 2 * np.ones((1, 2))}
    assert losses.l2_penalty(params, 0.7, 10) == pytest.approx(0.7 / 20 * (6 + 8))
    assert losses.l2_penalty(params, 0.0, 10) == 0.0
    with pytest.raises(ValueError, match="lambd must be a finite number >= 0, got -1.0"):
        losses.l2_penalty(params, -1.0, 10)
    with pytest.raises(ValueError, match="m must be a positive integer, got 0"):
        losses.l2_penalty(params, 0.1, 0)


@pytest.mark.parametrize("AL, Y, message", [
    (np.full((1, 3), 0.5), np.ones((3, 1)), r"Y must have the shape of AL, \(1, 3\), got shape \(3, 1\)"),
    (np.full((1, 3), 0.5), np.array([[0, 1, 2]]), r"Y must hold only labels 0 and 1, got \[2.0\] \(in an array of shape \(1, 3\)\)"),
    (np.array([[0.5, np.nan, 0.5]]), np.ones((1, 3)), r"AL must hold finite numbers, got 1 NaN or inf value\(s\) in an array of shape \(1, 3\)"),
    (np.full((1, 3), 1.5), np.ones((1, 3)), r"AL must hold probabilities in \[0, 1\], got values from 1.5 to 1.5 \(shape \(1, 3\)\)"),
    (np.full((2, 3), 0.5), np.ones((2, 3)), r"AL must have shape \(1, m\) for the binary cross-entropy, got shape \(2, 3\)"),
    (np.full(3, 0.5), np.ones(3), r"AL must be a 2-D array, got shape \(3,\)"),
])
def test_binary_cross_entropy_rejects_bad_input(AL, Y, message):
    with pytest.raises(ValueError, match=message):
        losses.binary_cross_entropy(AL, Y)


def test_categorical_cross_entropy_needs_one_hot():
    with pytest.raises(ValueError, match=r"Y must be one-hot \(each column exactly one 1\), got column sums \[2.0\]"):
        losses.categorical_cross_entropy(np.full((2, 2), 0.5), np.ones((2, 2)))
    with pytest.raises(ValueError, match=r"Y must be one-hot \(each column exactly one 1\), got column sums \[0.0\]"):
        losses.softmax_cross_entropy(np.zeros((2, 2)), np.zeros((2, 2)))


def test_squared_error_by_hand_and_shapes():
    AL = np.array([[1.0, 2.0], [0.0, -1.0]])
    Y = np.array([[0.0, 2.0], [1.0, 1.0]])
    assert losses.squared_error(AL, Y) == pytest.approx((1 + 0 + 1 + 4) / (2 * 2), rel=1e-15)
    with pytest.raises(ValueError, match="Y"):
        losses.squared_error(AL, Y[:, :1])
