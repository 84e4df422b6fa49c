"""Chapters 25 and 26's claims: hand-made features against end-to-end learning as the training set
grows, on MNIST 5k and on the 8 × 8 digits, and what a digit's own labels add to a comparison of
two digits (the chapters' functions, sizes and seeds)."""
import numpy as np
import pytest

from dlnotes.__main__ import COMMANDS
from dlnotes.__main__ import main as cli
from dlnotes.experiments import end_to_end as e2e

SEEDS = (0, 1, 2)
SIZES = (25, 50, 100, 200, 400, 800, 1297)


@pytest.fixture(scope="module")
def digits():
    return e2e.load_split("digits", n_heldout=500, seed=0)


@pytest.fixture(scope="module")
def mnist():
    return e2e.load_split("mnist5k", n_heldout=1000, seed=0)


@pytest.fixture(scope="module")
def digit_rows(digits):
    return e2e.learning_curve(digits, SIZES, SEEDS)


def test_splits_keep_images_and_pixels_together(digits, mnist):
    assert digits.images.shape == (1297, 8, 8) and digits.X_held.shape == (64, 500)
    assert mnist.images.shape == (4000, 28, 28) and mnist.X.shape == (784, 4000)
    assert np.array_equal(mnist.images[7].ravel(), mnist.X[:, 7])
    assert np.array_equal(digits.Y.argmax(axis=0), digits.digits)
    assert 0 <= mnist.X.min() and mnist.X.max() <= 1


def test_chapter_25_features_beat_end_to_end_on_mnist_at_every_seed(mnist):
    rows = e2e.learning_curve(mnist, sizes=(100, 500), seeds=SEEDS)
    for size, (d, lo, hi) in e2e.wins(rows, "features", "end_to_end").items():
        assert lo > 0.03, f"m = {size}: some seed of the network is close to the pipeline"
    control = e2e.wins(rows, "pixels", "end_to_end")
    assert all(abs(d) < 0.05 for d, _, _ in control.values())
    train = e2e.summary(rows, "train_acc")
    assert all(v[1] == 1.0 for by_size in train.values() for v in by_size.values())


def test_chapter_26_on_digits_the_pipeline_never_wins_on_average(digit_rows):
    diff = e2e.wins(digit_rows, "end_to_end", "features")
    assert all(d > 0 for d, _, _ in diff.values())
    # Level at the smallest size (far inside the seeds' scatter), clear with the whole pool.
    d, lo, hi = diff[25]
    assert abs(d) < 0.02 and lo < -0.05 and hi > 0.05
    assert diff[1297][1] > 0
    assert all(diff[n][1] <= 0.0 + 1e-12 for n in SIZES[:-1])
    s = e2e.summary(digit_rows)
    means = {m: [s[m][n][0] for n in SIZES] for m in e2e.METHODS}
    lows = {m: [s[m][n][1] for n in SIZES] for m in e2e.METHODS}
    highs = {m: [s[m][n][2] for n in SIZES] for m in e2e.METHODS}
    assert e2e.crossover(list(SIZES), means["features"], means["end_to_end"]) == 25
    assert e2e.crossover(list(SIZES), highs["features"], lows["end_to_end"]) == 1297


def test_chapter_26_features_beat_raw_pixels_by_about_a_point_from_100(digit_rows):
    d = e2e.wins(digit_rows, "features", "pixels")
    s = e2e.summary(digit_rows)
    means = {m: [s[m][n][0] for n in SIZES] for m in e2e.METHODS}
    assert e2e.crossover(list(SIZES), means["pixels"], means["features"]) == 100
    assert all(0 < d[n][0] < 0.02 for n in SIZES[2:])
    assert d[25][0] < 0 and d[50][0] < 0


def test_chapter_26_digit_pixels_are_zoned_counts():
    from sklearn.datasets import load_digits

    assert "divided into nonoverlapping blocks of\n4x4" in load_digits().DESCR.replace("\r", "")


def test_chapter_26_pipeline_still_ahead_on_mnist_at_2000(mnist):
    rows = e2e.learning_curve(mnist, sizes=(100, 2000), seeds=(0,),
                              methods=("features", "end_to_end"))
    d = e2e.wins(rows, "features", "end_to_end")
    assert d[100][0] > 0.08 and d[2000][0] > 0.02


def test_chapter_26_a_component_with_its_own_labels_wins_at_every_size(digits):
    rows = e2e.pairs_experiment(digits, (25, 100, 400), SEEDS)
    d = e2e.wins(rows, "two_step", "pairs_end_to_end")
    assert all(lo > 0.05 for _, lo, _ in d.values())
    s = e2e.summary(rows)
    # 25 pairs with the digits' labels match 400 pairs with the answers only.
    assert s["two_step"][25][0] >= s["pairs_end_to_end"][400][0] - 0.005
    digit = e2e.summary(rows, "digit_acc")["two_step"]
    assert s["two_step"][25][0] > digit[25][0]          # the comparison forgives misreadings
    ta, tb = e2e.digit_pairs(250, 500, 0)
    assert 0.4 < np.mean(digits.digits_held[ta] > digits.digits_held[tb]) < 0.6


def test_digit_pairs_use_each_image_once():
    a, b = e2e.digit_pairs(40, 100, 3)
    assert len(set(a) | set(b)) == 80
    a2, _ = e2e.digit_pairs(40, 100, 3)
    assert np.array_equal(a, a2)
    with pytest.raises(ValueError, match="n_pairs"):
        e2e.digit_pairs(51, 100)


def test_standardize_uses_the_first_arrays_statistics_only():
    rng = np.random.default_rng(0)
    F, G = rng.normal(3, 2, (4, 50)), rng.normal(0, 1, (4, 7))
    F[2] = 5.0                                            # a constant feature
    Fs, Gs = e2e.standardize_by_training(F, G)
    assert np.allclose(Fs.mean(axis=1), 0) and np.allclose(Fs[[0, 1, 3]].std(axis=1), 1)
    assert np.allclose(Fs[2], 0)
    assert np.allclose(Gs, (G - F.mean(axis=1, keepdims=True)) /
                       np.where(F.std(axis=1, keepdims=True) > 1e-12, F.std(axis=1, keepdims=True), 1))
    with pytest.raises(ValueError, match="others\\[0\\]"):
        e2e.standardize_by_training(F, np.ones((3, 2)))


def test_crossover():
    assert e2e.crossover([1, 2, 3], [0.5, 0.6, 0.7], [0.4, 0.7, 0.8]) == 2
    assert e2e.crossover([1, 2, 3], [0.5, 0.6, 0.7], [0.6, 0.5, 0.8]) == 3
    assert e2e.crossover([1, 2, 3], [0.5, 0.6, 0.7], [0.6, 0.7, 0.7]) is None
    with pytest.raises(ValueError, match="increase"):
        e2e.crossover([2, 1], [0, 0], [1, 1])
    with pytest.raises(ValueError, match="one entry per size"):
        e2e.crossover([1, 2], [0, 0, 0], [1, 1, 1])


def test_learning_curve_refuses_sizes_beyond_the_pool(digits):
    with pytest.raises(ValueError, match="sizes"):
        e2e.learning_curve(digits, sizes=(2000,), seeds=(0,))
    with pytest.raises(ValueError, match="method"):
        e2e.learning_curve(digits, sizes=(10,), seeds=(0,), methods=("hog",))
    with pytest.raises(ValueError, match="seeds"):
        e2e.learning_curve(digits, sizes=(10,), seeds=(0, -1))
    with pytest.raises(ValueError, match="sizes"):
        e2e.pairs_experiment(digits, sizes=(700,), seeds=(0,))
    with pytest.raises(ValueError, match="seeds"):     # a seed is an integer: 0.5 a bad value
        e2e.pairs_experiment(digits, sizes=(10,), seeds=(0.5,))


def test_cli_is_registered_and_prints_both_tables(capsys):
    assert COMMANDS["end-to-end"][0] == "dlnotes.experiments.end_to_end"
    assert cli(["end-to-end", "--data", "digits", "--seeds", "1", "--sizes", "25,50",
                "--pairs", "20", "--iterations", "5"]) == 0
    out = capsys.readouterr().out
    assert "features" in out and "end_to_end" in out and "two_step" in out
    assert out.count("%") >= 8


@pytest.mark.parametrize("args", [["--sizes", "a,b"], ["--seeds", "0"], ["--hidden", "-3"],
                                  ["--data", "cifar"], ["--sizes", "0"]])
def test_cli_refuses_bad_options(args):
    with pytest.raises(SystemExit) as err:
        e2e.main(args)
    assert err.value.code == 2
