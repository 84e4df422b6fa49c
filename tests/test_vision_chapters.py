"""The claims of chapters 27-31, with the chapters' seeds."""
import numpy as np
import pytest
from scipy import signal

from dlnotes import cnn, conv, edges
from dlnotes.experiments import vision


# ---- chapter 27

def test_dense_layer_counts_and_conv_independent_of_size():
    one_dense = [cnn.flatten_layer(), cnn.dense_layer(1000)]
    assert vision.parameters(one_dense, (64, 64, 3)) == 12_289_000
    assert vision.parameters(one_dense, (1000, 1000, 3)) == 3_000_001_000
    for shape in ((64, 64, 3), (1000, 1000, 3)):
        assert vision.parameters([cnn.conv_layer(10, 3)], shape) == 280


def test_small_cnn_has_about_a_twentieth_of_the_parameters():
    ratio = vision.parameters(vision.DENSE) / vision.parameters(vision.SMALL_CNN)
    assert 15 < ratio < 25


def test_small_cnn_matches_the_dense_network_after_five_epochs():
    r = vision.compare(epochs=5, seed=0)
    assert r["small CNN"]["test_accuracy"][-1] >= r["fully connected"]["test_accuracy"][-1]
    fc = r["fully connected"]
    assert fc["train_accuracy"] - fc["test_accuracy"][-1] > 0.02     # fits training digits better


def test_recorded_fifteen_epoch_run():
    r = vision.compare(epochs=15, seed=0)
    for name, recorded in vision.RECORDED_15_EPOCHS.items():
        assert abs(r[name]["test_accuracy"][-1] - recorded["held-out"]) <= 0.005, name
        assert abs(r[name]["train_accuracy"] - recorded["train"]) <= 0.005, name
    assert r["small CNN"]["test_accuracy"][-1] - r["fully connected"]["test_accuracy"][-1] > 0.02


# ---- chapter 28

def test_six_by_six_edge():
    image = np.zeros((6, 6))
    image[:, :3] = 10
    out = edges.filter_image(image, conv.edge_filter())
    np.testing.assert_array_equal(out, np.tile([0.0, 30, 30, 0], (4, 1)))
    np.testing.assert_array_equal(edges.filter_image(image[:, ::-1], conv.edge_filter()), -out)


def test_vertical_filter_prefers_vertical_edges_on_the_photograph():
    photo = edges.photograph(2)
    v = np.abs(edges.filter_image(photo, conv.edge_filter("plain", "vertical")))
    h = np.abs(edges.filter_image(photo, conv.edge_filter("plain", "horizontal")))
    strong = v > np.quantile(v, 0.99)
    assert v[strong].mean() > 3 * h[strong].mean()


# ---- chapter 29

def test_direction_error_plain_sobel_scharr_in_order():
    rows, cols = np.mgrid[0:40, 0:40].astype(float)
    for wavelength in (4, 6, 10):
        errors = []
        for name in ("plain", "sobel", "scharr"):
            e = []
            for theta in np.linspace(0, np.pi / 2, 19)[1:-1]:
                img = np.sin(2 * np.pi * (cols * np.cos(theta) + rows * np.sin(theta)) / wavelength)
                gx = -edges.filter_image(img, conv.edge_filter(name, "vertical"))
                gy = -edges.filter_image(img, conv.edge_filter(name, "horizontal"))
                s = np.hypot(gx, gy)
                keep = s > 0.1 * s.max()
                d = np.angle(np.exp(2j * (np.arctan2(gy, gx) - theta))) / 2
                e.append(np.degrees(np.abs(d[keep])).mean())
            errors.append(np.mean(e))
        assert errors[0] > errors[1] > errors[2], (wavelength, errors)


def _crops(image, count, size, rng):
    out = []
    for _ in range(count):
        h = rng.integers(0, image.shape[0] - size)
        w = rng.integers(0, image.shape[1] - size)
        c = image[h:h + size, w:w + size]
        out.append((c - c.mean()) / c.std())
    return np.array(out)


def test_learned_filter_converges_to_sobel():
    photo = edges.photograph(2)
    sobel = conv.edge_filter("sobel")
    X = _crops(photo, 16, 32, np.random.default_rng(29))
    T = np.array([edges.filter_image(x, sobel) for x in X])
    W, b, history = edges.learn_filter(X, T, steps=300, learning_rate=0.2, seed=29)
    distance = np.abs(history["filters"] - sobel).max(axis=(1, 2))
    assert distance[0] > 1 and distance[-1] < 0.01
    assert np.all(np.diff(distance[50:]) < 0)             # steadily closer after the start
    assert abs(b) < 1e-4
    X_new = _crops(photo, 16, 32, np.random.default_rng(290))
    T_new = np.array([edges.filter_image(x, sobel) for x in X_new])
    Z_new = np.array([edges.filter_image(x, W) for x in X_new]) + b
    assert np.mean((Z_new - T_new) ** 2) < 1e-4 * T_new.var()


# ---- chapter 30

def _usage(n, f, pad, stride=1):
    Z, cache = conv.conv_forward(np.zeros((1, n, n, 1)), np.ones((f, f, 1, 1)), np.zeros(1),
                                 stride=stride, pad=pad)
    return conv.conv_backward(np.ones_like(Z), cache)[0][0, :, :, 0]


@pytest.mark.parametrize("pad, corner, edge, centre", [(0, 1, 3, 9), (1, 4, 6, 9), (2, 9, 9, 9)])
def test_pixel_usage_eight_by_eight(pad, corner, edge, centre):
    u = _usage(8, 3, pad)
    assert (u[0, 0], u[0, 4], u[4, 4]) == (corner, edge, centre)
    k = conv.conv_output_size(8, 3, pad)
    assert u.sum() <= k * k * 9 and (u.sum() == k * k * 9) == (pad == 0)


def test_same_padding_keeps_size_for_odd_filters():
    for n in (7, 28, 64):
        for f in (1, 3, 5, 7):
            assert conv.conv_output_size(n, f, pad=(f - 1) // 2) == n


# ---- chapter 31

def test_output_size_formula_against_counting_and_layers():
    for n in (5, 7, 8, 28, 32):
        for f in (1, 3, 5):
            for s in (1, 2, 3):
                for p in (0, 1):
                    if f > n + 2 * p:
                        continue
                    k = conv.conv_output_size(n, f, p, s)
                    assert k == sum(1 for h in range(n + 2 * p) if h * s + f <= n + 2 * p)
                    assert cnn.output_shapes([cnn.conv_layer(2, f, s, p)], (n, n, 1))[0] == (k, k, 2)


def test_stride_two_leaves_the_last_row_unused_on_eight_by_eight():
    assert (_usage(7, 3, 0, 2) == 0).sum() == 0
    assert (_usage(8, 3, 0, 2) == 0).sum() == 15
    assert (_usage(8, 3, 1, 2) == 0).sum() == 0


def test_convolution_associative_cross_correlation_not():
    rng = np.random.default_rng(7)
    A, B, C = rng.standard_normal((6, 6)), rng.standard_normal((3, 3)), rng.standard_normal((3, 3))
    cv = lambda x, y: signal.convolve2d(x, y, mode="full")
    cr = lambda x, y: signal.correlate2d(x, y, mode="full")
    assert np.abs(cv(cv(A, B), C) - cv(A, cv(B, C))).max() < 1e-12
    scale = np.abs(cr(cr(A, B), C)).max()
    assert np.abs(cr(cr(A, B), C) - cr(A, cr(B, C))).max() > 0.3 * scale
    # two cross-correlation layers merge into one whose kernel is the convolution of theirs
    ours = lambda x, k: edges.filter_image(x, k)
    np.testing.assert_allclose(ours(ours(A, B), C), ours(A, cv(B, C)), atol=1e-12)
    np.testing.assert_allclose(ours(A, B), signal.correlate2d(A, B, mode="valid"), atol=1e-12)


def test_vision_cli_is_registered_and_refuses_bad_epochs(capsys):
    from dlnotes.__main__ import COMMANDS, main as cli

    assert COMMANDS["vision"][0] == "dlnotes.experiments.vision"
    assert cli(["vision", "--epochs", "1"]) == 0
    out = capsys.readouterr().out
    assert "fully connected" in out and "small CNN" in out and "101,770" in out
    with pytest.raises(SystemExit) as err:
        cli(["vision", "--epochs", "0"])
    assert err.value.code == 2
