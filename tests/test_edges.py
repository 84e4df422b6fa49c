"""dlnotes.edges: the photograph, filtering one grey image, and learning a filter."""
import numpy as np
import pytest
from scipy import signal

from dlnotes import conv, edges


def test_photograph_is_grey_in_unit_range_and_block_averaged():
    full = edges.photograph(1)
    half = edges.photograph(2)
    assert full.shape == (600, 512) and half.shape == (300, 256)
    assert full.dtype == np.float64 and 0 <= full.min() and full.max() <= 1
    np.testing.assert_allclose(half[3, 5], full[6:8, 10:12].mean(), rtol=1e-12)


@pytest.mark.parametrize("pad, stride", [(0, 1), (1, 1), (0, 2), (2, 3)])
def test_filter_image_is_scipy_cross_correlation(pad, stride):
    rng = np.random.default_rng(0)
    image, kernel = rng.standard_normal((9, 7)), rng.standard_normal((3, 3))
    want = signal.correlate2d(np.pad(image, pad), kernel, mode="valid")[::stride, ::stride]
    np.testing.assert_allclose(edges.filter_image(image, kernel, pad, stride), want,
                               rtol=1e-12, atol=1e-12)


def test_learn_filter_recovers_the_filter_from_noise_images():
    rng = np.random.default_rng(1)
    X = rng.standard_normal((4, 12, 12))
    target_filter = conv.edge_filter("scharr", "horizontal") / 4
    T = np.array([edges.filter_image(x, target_filter) + 0.3 for x in X])
    W, b, history = edges.learn_filter(X, T, steps=200, learning_rate=0.5, seed=3)
    np.testing.assert_allclose(W, target_filter, atol=1e-6)
    assert abs(b - 0.3) < 1e-6
    assert history["cost"].shape == (201,) and history["filters"].shape == (201, 3, 3)
    assert np.all(np.diff(history["cost"]) <= 1e-12)       # a convex quadratic, small steps


def test_learn_filter_gradient_is_the_cost_gradient():
    """One step from W0 moves W by -learning_rate * dJ/dW, with dJ/dW by centred differences."""
    rng = np.random.default_rng(2)
    X, T = rng.standard_normal((2, 6, 5)), rng.standard_normal((2, 4, 3))
    _, _, history = edges.learn_filter(X, T, steps=1, learning_rate=1.0, seed=4)
    W0 = history["filters"][0]

    def cost(W):
        Z = np.array([edges.filter_image(x, W) for x in X])
        return 0.5 * np.mean((Z - T) ** 2)

    grad = np.zeros((3, 3))
    for i in range(3):
        for j in range(3):
            E = np.zeros((3, 3))
            E[i, j] = 1e-6
            grad[i, j] = (cost(W0 + E) - cost(W0 - E)) / 2e-6
    np.testing.assert_allclose(W0 - history["filters"][1], grad, rtol=1e-6, atol=1e-9)


def test_learn_filter_zero_steps_returns_the_start():
    X = np.random.default_rng(5).standard_normal((1, 5, 5))
    W, b, history = edges.learn_filter(X, np.zeros((1, 3, 3)), steps=0, seed=6)
    assert history["cost"].shape == (1,) and b == 0.0
    np.testing.assert_array_equal(W, history["filters"][0])
