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


# ------------------------------------------------------------------------------- chapter 34

X34 = np.array([[2., 7, 1, 0], [4, 5, 3, 8], [6, 1, 9, 2], [0, 3, 4, 5]])[None, :, :, None]


def test_ch34_the_small_example_forward_and_backward():
    mx, cache_max = conv.pool_forward(X34, 2, 2, "max")
    av, cache_av = conv.pool_forward(X34, 2, 2, "average")
    np.testing.assert_array_equal(mx[0, :, :, 0], [[7, 8], [6, 9]])
    np.testing.assert_array_equal(av[0, :, :, 0], [[4.5, 3], [2.5, 5]])
    assert np.all(conv.pool_forward(X34, 3, 1, "max")[0] == 9)
    dP = np.array([[1., 2], [3, 4]])[None, :, :, None]
    d_max = conv.pool_backward(dP, cache_max)[0, :, :, 0]
    assert d_max[0, 1] == 1 and d_max[1, 3] == 2 and d_max[2, 0] == 3 and d_max[2, 2] == 4
    assert np.count_nonzero(d_max) == 4
    d_av = conv.pool_backward(dP, cache_av)
    assert d_av.sum() == dP.sum() and np.all(d_av[0, :2, :2, 0] == 0.25)


def test_ch34_backward_matches_centred_differences():
    rng = np.random.default_rng(340)
    A = rng.standard_normal((2, 7, 7, 3))
    for mode, zero_share in (("max", (0.5, 1.0)), ("average", (0.0, 0.0))):
        P, cache = conv.pool_forward(A, 3, 2, mode)
        G = rng.standard_normal(P.shape)
        analytic = conv.pool_backward(G, cache)
        numeric = np.zeros_like(A)
        for idx in np.ndindex(A.shape):
            for sign in (1, -1):
                B = A.copy()
                B[idx] += sign * 1e-6
                numeric[idx] += sign * np.sum(G * conv.pool_forward(B, 3, 2, mode)[0]) / 2e-6
        assert np.abs(analytic - numeric).max() < 1e-7
        assert zero_share[0] <= np.mean(analytic == 0) <= zero_share[1]


@pytest.fixture(scope="module")
def shift():
    from dlnotes.experiments import pooling_shift

    return pooling_shift.shift_sensitivity(pooling_shift.photo_crops(40, 64, 8, 34))


def test_ch34_pooling_reduces_the_change_a_shift_makes(shift):
    assert np.all(shift["conv"][0] == 0) and np.all(shift["max 2"][0] == 0)
    for d in range(1, 9):
        assert shift["conv"][d] > shift["max 2"][d] > shift["max 4"][d] > shift["max 8"][d] > 0
        if d >= 2:
            assert shift["average 4"][d] > shift["max 4"][d]
    assert abs(shift["average 4"][1] - shift["max 4"][1]) < 0.1       # "about as stable"
    assert shift["conv"][1] > 0.5                                      # "a large fraction"
    assert 0.7 * shift["unrelated"] < shift["conv"][2] < shift["unrelated"]   # "most of the way"
    assert 1.2 < shift["unrelated"] < 1.6


def test_ch34_command_refuses_bad_options_and_runs(capsys):
    from dlnotes.experiments import pooling_shift

    for argv in (["--crops", "0"], ["--size", "x"], ["--crops", "1"]):
        with pytest.raises(SystemExit) as exit_:
            pooling_shift.main(argv)
        assert exit_.value.code == 2
    assert pooling_shift.main(["--crops", "3", "--size", "16", "--max-shift", "2"]) == 0
    out = capsys.readouterr().out
    assert "max 2" in out and "unrelated crops" in out


# ------------------------------------------------------------------------------- chapter 36

def test_ch36_dense_against_conv_counts():
    row = cnn.parameter_table([cnn.conv_layer(6, 5)], (32, 32, 3))[1]
    assert row["output_shape"] == (28, 28, 6) and row["parameters"] == 456
    assert (3072 + 1) * row["activation_size"] == 14_455_392          # "about 14 million"
    big = cnn.parameter_table([cnn.conv_layer(64, 3)], (224, 224, 3))[1]
    assert (224 * 224 * 3 + 1) * big["activation_size"] > 1e11 and big["parameters"] < 2000


def test_ch36_the_matrix_is_sparse_and_shared():
    from dlnotes.checks.ch36 import _matrix

    W = np.random.default_rng(36).standard_normal((5, 5, 3, 6))
    M = _matrix(W, 16, 16)
    assert M.shape == (864, 768)
    assert np.all(np.count_nonzero(M, axis=1) == 75)
    per_col = np.count_nonzero(M, axis=0)
    assert per_col.min() == 6 and per_col.max() == 150
    assert np.unique(M[M != 0]).size == W.size == 450
    assert np.count_nonzero(M) == 450 * 144


def test_ch36_translation_equivariance(A0):
    rng = np.random.default_rng(360)
    W, b = rng.standard_normal((5, 5, 3, 8)), rng.standard_normal(8)

    def shift(A, d):
        out = np.zeros_like(A)
        out[:, d:, d:] = A[:, :A.shape[1] - d, :A.shape[2] - d]
        return out

    def gap(layer, d, step):
        Zs, Z = layer(shift(A0, d)), layer(A0)
        return min(np.abs(Zs[:, o:, o:] - Z[:, :Z.shape[1] - o, :Z.shape[2] - o]).max() /
                   np.abs(Z).max() for o in {d // step, -(-d // step)})

    stride1 = lambda X: conv.conv_forward(X, W, b)[0]  # noqa: E731
    stride2 = lambda X: conv.conv_forward(X, W, b, stride=2)[0]  # noqa: E731
    pooled = lambda X: conv.pool_forward(stride1(X), 2, 2)[0]  # noqa: E731
    for d in (1, 2, 3, 4):
        assert gap(stride1, d, 1) < 1e-12
        for layer in (stride2, pooled):
            assert (gap(layer, d, 2) < 1e-12) if d % 2 == 0 else (gap(layer, d, 2) > 0.2)


def test_ch36_lenet_table():
    rows = cnn.parameter_table(cnn.LENET5, (32, 32, 1))
    params = [r["parameters"] for r in rows if r["parameters"]]
    assert params == [156, 2416, 48120, 10164, 850]           # C1, C3, C5, F6, output
    assert sum(params) == 61_706
    conv_params = 156 + 2416
    assert conv_params / sum(params) < 0.05                   # the dense layers hold nearly all
    assert 4704 * 26 == 122_304 and 1600 * 151 == 241_600     # C1 as in the paper; C3 full


# ------------------------------------------------------------------------------- chapter 32

def test_ch32_a_volume_convolution_is_a_sum_of_2d_convolutions(A0):
    W = np.random.default_rng(32).standard_normal((3, 3, 3, 1))
    Z = conv.conv_forward(A0, W, np.zeros(1))[0]
    parts = sum(conv.conv_forward(A0[..., k:k + 1], W[:, :, k:k + 1], np.zeros(1))[0]
                for k in range(3))
    assert Z.shape == (1, 211, 318, 1) and np.abs(Z - parts).max() < 1e-12
    with pytest.raises(ValueError, match="W must have shape"):
        conv.conv_forward(A0, np.ones((3, 3, 2, 1)), np.zeros(1))


def test_ch32_what_each_channel_responds_to(A0):
    average = np.full((3, 3), 1 / 9)
    sobel_v, sobel_h = conv.EDGE_FILTERS["sobel_vertical"], conv.EDGE_FILTERS["sobel_horizontal"]
    third = np.full(3, 1 / 3)
    designs = [(sobel_v, third), (sobel_h, third), (average, np.array([1.0, -1.0, 0.0])),
               (average, np.array([-0.5, -0.5, 1.0])), (average, np.array([-0.5, 1.0, -0.5])),
               (sobel_v, np.array([1.0, -1.0, 0.0]))]
    W = np.stack([k[:, :, None] * w[None, None, :] for k, w in designs], axis=-1)
    Z = conv.conv_forward(A0, W, np.zeros(6))[0][0]
    centre = A0[0, 1:-1, 1:-1, :]
    rows = np.broadcast_to(np.linspace(0, 1, centre.shape[0])[:, None], centre.shape[:2])
    colour, height = [], []
    for c in range(6):
        top = Z[:, :, c] >= np.quantile(Z[:, :, c], 0.99)
        colour.append(centre[top].mean(axis=0))
        height.append(rows[top].mean())
    (r_e1, g_e1, b_e1), (r_e2, g_e2, b_e2) = colour[0], colour[1]
    assert max(r_e1, g_e1, b_e1) - min(r_e1, g_e1, b_e1) < 0.05        # edges: grey on average
    assert max(r_e2, g_e2, b_e2) - min(r_e2, g_e2, b_e2) < 0.1
    r, g, b = colour[2]
    assert r > g + 0.2 and r > b + 0.2                                   # red - green: red walls
    r, g, b = colour[3]
    assert b > g > r and height[3] < 0.1                                 # blue - yellow: the sky
    r, g, b = colour[4]
    assert g > r and g > b + 0.2 and height[4] > 0.7                     # green - magenta: foliage
    # a grey pixel gives 0 in every colour filter: the channel weights sum to zero
    assert np.allclose(W[:, :, :, 2:5].sum(axis=2), 0)


def test_ch34_the_example_crop():
    from dlnotes.experiments import pooling_shift

    crops = pooling_shift.photo_crops(40, 64, 8, 34)
    i = int(np.argmax(crops[:, 0].std(axis=(1, 2, 3))))
    edges = relu(conv.conv_forward(crops[i, [0, 2]], pooling_shift.edge_bank(), np.zeros(4))[0])
    pooled = conv.pool_forward(edges, 4, 4, "max")[0]
    change = lambda a, b: np.linalg.norm(a - b) / np.linalg.norm(a)  # noqa: E731
    assert pooled.shape == (2, 15, 15, 4)
    assert change(pooled[0], pooled[1]) < 0.5 * change(edges[0], edges[1])


def test_ch34_command_is_registered(capsys):
    from dlnotes.__main__ import COMMANDS, main as cli

    assert COMMANDS["pooling-shift"][0] == "dlnotes.experiments.pooling_shift"
    assert cli(["pooling-shift", "--crops", "2", "--size", "12", "--max-shift", "1"]) == 0
    assert "conv" in capsys.readouterr().out
