"""dlnotes.plots: the grid lines and warped grids of chapter 16."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from dlnotes import plots  # noqa: E402


def test_grid_lines_cover_the_points_with_straight_lines():
    X = np.array([[0.0, 2.0, 1.0], [-1.0, 1.0, 0.0]])
    lines = plots.grid_lines(X, lines=3, steps=5, margin=0.5)
    assert len(lines) == 6 and all(P.shape == (2, 5) for P in lines)
    # first the lines of constant x1 at -0.5, 1, 2.5, then those of constant x2 at -1.5, 0, 1.5
    assert np.allclose([P[0, 0] for P in lines[:3]], [-0.5, 1.0, 2.5])
    assert all(np.ptp(P[0]) == 0 for P in lines[:3]) and all(np.ptp(P[1]) == 0 for P in lines[3:])
    assert np.allclose([P[1, 0] for P in lines[3:]], [-1.5, 0.0, 1.5])
    assert np.allclose(lines[0][1], np.linspace(-1.5, 1.5, 5))


def test_warped_grid_draws_the_mapped_lines_in_2d_and_3d():
    lines = plots.grid_lines(np.array([[0.0, 1.0], [0.0, 1.0]]), lines=2, steps=4)
    fig, ax = plt.subplots()
    mapped = plots.warped_grid(ax, lambda P: 2 * P, lines)
    assert len(ax.lines) == 4
    assert np.allclose(mapped[1], 2 * lines[1])
    assert np.allclose(ax.lines[1].get_xydata().T, 2 * lines[1])
    ax3 = plt.figure().add_subplot(projection="3d")
    lift = lambda P: np.vstack([P, P.sum(axis=0, keepdims=True)])  # noqa: E731
    mapped = plots.warped_grid(ax3, lift, lines)
    assert mapped[0].shape == (3, 4) and len(ax3.lines) == 4
    with pytest.raises(ValueError, match="transform must map"):
        plots.warped_grid(ax3, lambda P: P, lines)   # two coordinates for a 3-D axes
    plt.close("all")
