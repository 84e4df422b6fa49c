"""What chapter 23 claims, with its own settings and seeds (smaller where the claim allows)."""
import numpy as np
import pytest

from dlnotes.experiments import overfitting


def test_polynomials_training_error_falls_held_out_error_turns_up():
    fits = overfitting.polynomial_fits(range(12), n_train=12, n_test=200, noise=0.25, seed=0)["fits"]
    train = [fits[d]["train_mse"] for d in range(12)]
    test = [fits[d]["test_mse"] for d in range(12)]
    assert all(b <= a + 1e-12 for a, b in zip(train, train[1:])), "nested fits: train MSE falls"
    assert train[11] < 1e-12                      # twelve points, degree 11: interpolation
    best = int(np.argmin(test))
    assert 3 <= best <= 5
    assert test[1] > 3 * test[best] and test[9] > 10 * test[best]


@pytest.fixture(scope="module")
def capacity():
    runs = {s: overfitting.capacity_sweep((1, 8, 128), n_train=60, n_test=500, noise=0.3,
                                          data_seed=s, num_iterations=800, learning_rate=0.02)[1]
            for s in (0, 1, 2)}
    return {h: {k: np.mean([runs[s][h][k] for s in runs]) for k in runs[0][h] if k != "params"}
            for h in (1, 8, 128)}


def test_wider_networks_fit_better_and_overfit_in_the_held_out_cost(capacity):
    assert capacity[1]["train_acc"] < capacity[8]["train_acc"] < capacity[128]["train_acc"] == 1.0
    assert capacity[1]["test_acc"] < capacity[8]["test_acc"]
    assert capacity[128]["test_acc"] < capacity[128]["train_acc"] - 0.1
    assert capacity[128]["test_cost"] > 3 * capacity[1]["test_cost"]


def test_the_gap_shrinks_as_the_training_set_grows():
    rows = overfitting.size_sweep((50, 200, 800), seeds=(0, 1, 2), hidden_units=64,
                                  num_iterations=300)
    gap = {s: np.mean([r["gap"] for r in rows if r["size"] == s]) for s in (50, 200, 800)}
    assert all(r["train_acc"] == 1.0 for r in rows)
    assert gap[50] > 2 * gap[200] > 2 * gap[800] > 0
    # every seed's gap at 50 examples is wider than every seed's at 800
    assert min(r["gap"] for r in rows if r["size"] == 50) > max(r["gap"] for r in rows
                                                               if r["size"] == 800)


def test_learning_curve_finds_an_early_best_epoch_and_keeps_its_parameters():
    moons = overfitting.planar.load("moons", n_train=60, n_test=500, noise=0.3, seed=1)
    curve = overfitting.learning_curve(moons.X_train, moons.Y_train, moons.X_test, moons.Y_test,
                                       [2, 64, 64, 1], epochs=60, batch_size=10,
                                       learning_rate=0.005, seed=0)
    h, best = curve["history"], curve["best_epoch"]
    assert len(h["val_cost"]) == 61
    assert best == int(np.argmin(h["val_cost"])) and 0 < best < 30
    assert h["val_cost"][-1] > 1.3 * h["val_cost"][best]
    cost, acc = overfitting.evaluate(curve["best_params"], moons.X_test, moons.Y_test)
    assert cost == pytest.approx(h["val_cost"][best]) and acc == h["val_acc"][best]


def test_digit_split_is_disjoint_and_scaled_by_a_constant():
    X_pool, Y_pool, X_held, Y_held = overfitting.digit_split("digits", n_heldout=500, seed=0)
    assert X_pool.shape == (64, 1297) and X_held.shape == (64, 500)
    assert Y_pool.shape == (10, 1297) and np.all(Y_pool.sum(axis=0) == 1)
    assert X_pool.max() <= 1 and X_held.min() >= 0
    pool = {c.tobytes() for c in X_pool.T}
    # identical images can occur in the data; count how many held-out columns also sit in the pool
    assert sum(c.tobytes() in pool for c in X_held.T) < 5
    with pytest.raises(ValueError, match="n_heldout"):
        overfitting.digit_split("digits", n_heldout=1797)
    with pytest.raises(ValueError, match="name"):
        overfitting.digit_split("cifar")


def test_command_line_runs_a_small_sweep(capsys):
    assert overfitting.main(["--data", "digits", "--heldout", "300", "--sizes", "50", "100",
                             "--seeds", "1", "--iterations", "50", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "digits" in out and "gap" in out
