"""The 2-D data sets and the shared decision-boundary figure."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from dlnotes import planar, plots  # noqa: E402


@pytest.mark.parametrize("name", planar.NAMES)
def test_shapes_labels_and_seed(name):
    d = planar.load(name, n_train=50, n_test=20, noise=0.1, seed=3)
    assert d.X_train.shape == (2, 50) and d.Y_train.shape == (1, 50)
    assert d.X_test.shape == (2, 20) and d.Y_test.shape == (1, 20)
    assert set(np.unique(d.Y_train)) == {0.0, 1.0}
    again = planar.load(name, n_train=50, n_test=20, noise=0.1, seed=3)
    other = planar.load(name, n_train=50, n_test=20, noise=0.1, seed=4)
    assert all(np.array_equal(a, b) for a, b in zip(d, again))
    assert not np.array_equal(d.X_train, other.X_train)


def test_circles_radii_follow_factor():
    d = planar.load("circles", n_train=400, n_test=1, noise=0.0, factor=0.5, seed=0)
    r = np.hypot(*d.X_train)
    assert np.allclose(r[d.Y_train[0] == 0], 1.0) and np.allclose(r[d.Y_train[0] == 1], 0.5)


@pytest.mark.parametrize("kwargs, match", [
    ({"name": "xor"}, "name must be one of"), ({"n_train": 0}, "n_train"),
    ({"noise": -1.0}, "noise"), ({"noise": "0.1"}, "noise"),
    ({"name": "circles", "factor": 1.5}, "factor")])
def test_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        planar.load(**kwargs)


def test_decision_boundary_shades_the_predicted_side():
    d = planar.load("moons", n_train=40, n_test=1, seed=0)
    fig, ax = plt.subplots()
    prob = plots.decision_boundary(ax, lambda P: (P[:1] > 0).astype(float), d.X_train,
                                   d.Y_train, steps=30)
    xx, _, _ = plots.plane_grid(d.X_train, steps=30)
    assert np.array_equal(prob, (xx > 0).astype(float))
    with pytest.raises(ValueError, match=r"must return shape \(1, 900\)"):
        plots.decision_boundary(ax, lambda P: P, d.X_train, d.Y_train, steps=30)
    plt.close(fig)
