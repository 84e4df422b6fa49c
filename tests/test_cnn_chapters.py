"""The claims of chapters 32, 33, 34 and 36 (convolutions over volumes, one layer, pooling, why
convolutions), recomputed with the chapters' inputs and seeds."""
import numpy as np
import pytest

from dlnotes import cnn, conv
from dlnotes.activations import relu


@pytest.fixture(scope="module")
def A0():
    """The chapters' photograph, china.jpg in [0, 1], halved by 2 x 2 average pooling."""
    from sklearn.datasets import load_sample_image

    photo = load_sample_image("china.jpg").astype(np.float64)[None] / 255
    return conv.pool_forward(photo, 2, 2, "average")[0]


# ------------------------------------------------------------------------------- chapter 33

def test_ch33_each_output_number_is_a_dense_unit(A0):
    rng = np.random.default_rng(33)
    W = rng.standard_normal((3, 3, 3, 10)) * np.sqrt(2 / 27)
    b = rng.normal(0, 0.1, 10)
    Z = conv.conv_forward(A0, W, b)[0]
    assert A0.shape == (1, 213, 320, 3) and Z.shape == (1, 211, 318, 10)
    for h, w, c in [(0, 0, 0), (100, 200, 3), (210, 317, 9), (57, 11, 5)]:
        unit = W[:, :, :, c].ravel() @ A0[0, h:h + 3, w:w + 3, :].ravel() + b[c]
        assert abs(unit - Z[0, h, w, c]) < 1e-12


def test_ch33_a_negative_bias_is_a_threshold(A0):
    W = np.repeat(conv.EDGE_FILTERS["sobel_vertical"][:, :, None, None] / 3, 3, axis=2)
    Z = conv.conv_forward(A0, W, np.zeros(1))[0]
    shares, tops = [], []
    for b in (0.0, -0.2, -0.5):
        A = relu(Z + b)
        shares.append(np.mean(A > 0))
        tops.append(A.max())
    assert shares[0] > shares[1] > shares[2] and shares[2] < 0.1
    assert 0.3 < shares[0] < 0.6                   # "even by a little": a large share fires
    np.testing.assert_allclose(np.subtract(tops[0], tops), [0, 0.2, 0.5], atol=1e-12)


def test_ch33_parameters_do_not_depend_on_the_image_size():
    layer = [cnn.conv_layer(10, 3), cnn.relu_layer()]
    for shape in [(6, 6, 3), (39, 39, 3), (64, 64, 3), (427, 640, 3), (1000, 1000, 3)]:
        assert cnn.parameter_table(layer, shape)[1]["parameters"] == 280
    rows = cnn.parameter_table(layer + [cnn.conv_layer(20, 5, stride=2), cnn.relu_layer()],
                               (39, 39, 3))
    assert [r["parameters"] for r in rows] == [0, 280, 0, 5020, 0]
    assert rows[3]["output_shape"] == (17, 17, 20)
