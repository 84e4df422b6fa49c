"""The qualitative results chapter 39 states, asserted on the experiments it runs."""
import numpy as np
import pytest

from dlnotes import canonical as cn
from dlnotes.experiments import convexity as ex


def test_rank_at_initialisation_follows_the_relu_law_and_tanh_stalls():
    rows = ex.spectrum_vs_width((4, 8, 16, 32), G=1024)
    for r in rows:
        if r["activation"] == "relu":
            assert r["rank"] == r["law"] == 2 * r["m"] + 1   # kink init: no unit alive everywhere
        else:
            assert 10 <= r["rank"] <= 20


def test_lazy_reaches_zero_with_sigma_min_kept_and_ordinary_training_loses_it():
    runs = ex.lazy_vs_rich(K=1, m=256, targets=("smooth",), steps=20000, n_records=12)
    lazy, rich = runs[("smooth", 1000.0)], runs[("smooth", 1.0)]
    assert lazy["loss"][-1] < 1e-10
    assert lazy["sigma_min"].min() > 0.9 * lazy["sigma_min"][0]
    assert lazy["moved"] < 1e-3
    assert rich["loss"][-1] > 1e-6                      # not there yet after 20,000 steps
    assert rich["sigma_min"].min() < 0.1 * rich["sigma_min"][0]


def test_two_dimensional_lazy_run_reaches_zero():
    runs = ex.lazy_vs_rich(K=2, m=128, alphas=(1000.0,), targets=("random",), steps=10000,
                           n_records=5)
    assert runs[("random", 1000.0)]["loss"][-1] < 1e-8


def test_dead_units_drop_the_rank_and_stall_the_loss():
    rows = {r["case"]: r for r in ex.dead_and_duplicated(
        cases=("none", "kill 244", "identical", "pairs"), steps=20000)}
    assert rows["none"]["rank_H"] == 32 and rows["none"]["rank_J"] == 16
    assert rows["none"]["loss"] < 1e-8
    # killing 95% of the units: rank H and rank J_N drop, and the loss stays above a floor
    assert 16 < rows["kill 244"]["rank_H"] < 32 and rows["kill 244"]["rank_J"] < 16
    assert rows["kill 244"]["loss"] > 0.1
    assert rows["identical"]["rank_H"] == 3 and rows["identical"]["loss"] > 0.3
    assert rows["pairs"]["rank_H"] == 32 and rows["pairs"]["loss"] < 1e-4


def test_damage_kills_and_duplicates():
    w = cn.init_params(8, seed=0)
    X = cn.grid(64)
    dead = ex.damage(w, "kill 8")
    np.testing.assert_allclose(cn.forward(dead, X), 0.0)
    W, b, a, _ = cn.unpack(ex.damage(w, "pairs"))
    np.testing.assert_array_equal(W[1::2], W[0::2])
    with pytest.raises(ValueError, match="case"):
        ex.damage(w, "halve")


def test_full_rank_becomes_certain_with_width_but_H_first():
    rows = {r["m"]: r for r in ex.width_sweep((8, 24, 64), seeds=10, steps=0)}
    assert rows[8]["p_rank_J"] == 0 and rows[64]["p_rank_J"] == 1
    assert rows[24]["p_rank_H"] == 1 and rows[24]["p_rank_J"] < 1


def test_gradient_identity_exact_on_grid_and_truncation_error_off_grid():
    res = ex.gradient_identity(Ls=(32, 1024), G=4096)
    assert max(res["on_grid"].values()) < 1e-12
    off = res["off_grid"]
    for act, kind in [("relu", "fourier"), ("relu", "cosine"), ("tanh", "fourier"),
                      ("tanh", "cosine")]:
        assert off[(act, kind, 1024)] < off[(act, kind, 32)]
    assert off[("tanh", "cosine", 1024)] < 1e-4
    assert off[("relu", "cosine", 1024)] > 1e-4           # steps decay like 1/l
    assert off[("tanh", "cosine", 32)] < 0.1 * off[("tanh", "fourier", 32)]


def test_convex_in_canonical_space_not_in_weight_space():
    r = ex.straight_lines(m=64, steps=20000)
    assert r["loss_w1"] == pytest.approx(r["loss_w1p"], rel=1e-10)
    assert r["perm_gap_theta"] < 1e-12
    assert r["perm_weight"].max() > 100 * r["loss_w1"]
    assert ex.second_differences(r["pair_theta"]).min() > -1e-12
    assert ex.second_differences(r["pair_weight"]).min() < 0
    # the midpoint of the canonical segment is the average of the two functions, computed by the
    # 2m-unit network of both sets of units; it has more kinks than any width-m network can have
    W1, b1, a1, c1 = cn.unpack(r["w1"])
    W2, b2, a2, c2 = cn.unpack(r["w2"])
    w_avg = cn.pack(np.vstack([W1, W2]), np.concatenate([b1, b2]),
                    np.concatenate([a1, a2]) / np.sqrt(2), (c1 + c2) / 2)
    X = cn.grid(512)
    np.testing.assert_allclose(cn.forward(w_avg, X),
                               (cn.forward(r["w1"], X) + cn.forward(r["w2"], X)) / 2, atol=1e-12)
    assert len(np.unique(cn.kinks(w_avg))) > 64
    assert np.all(np.abs(np.concatenate([a1, a2])) > 0)


def test_the_rank_rule_needs_a_grid_that_separates_the_kinks_and_tanh_rank_needs_a_scale():
    w = cn.init_params(64, init="kink", seed=0)
    assert cn.relu_rank_on_grid(w, 1024) == 122 < 2 * len(cn.kinks(w)) + 1
    assert cn.relu_rank_on_grid(w, 8192) == 129 == cn.numerical_rank(cn.jacobian(w, cn.grid(8192)))
    gentle = [r["rank"] for r in ex.spectrum_vs_width((16, 64, 128), activations=("tanh",))]
    steep = [r["rank"] for r in ex.spectrum_vs_width((16, 64, 128), activations=("tanh",),
                                                     scale=20.0)]
    assert max(gentle) - min(gentle) <= 2
    assert steep[0] < steep[1] < steep[2] and steep[0] == cn.n_params(16)


def test_theorem_1_needs_the_basis_to_separate_the_points():
    X = np.linspace(0, 1, 16)[None, :]
    assert np.linalg.matrix_rank(cn.basis(X, 32, "cosine")) == 16
    assert np.linalg.matrix_rank(cn.basis(X, 32, "fourier")) == 15     # x = 0 and x = 1 coincide


def test_h_does_not_see_the_data_but_the_rank_on_the_data_does():
    w = cn.init_params(24, seed=1000)
    Xg = cn.grid(256)
    assert cn.numerical_rank(cn.disparity(w, Xg, cn.basis(Xg, 32))) == 32
    X, _ = ex.data_1d(16)
    assert cn.numerical_rank(cn.jacobian(w, X)) < 16
    rng = np.random.default_rng(39)
    ranks = [cn.numerical_rank(cn.jacobian(w, np.sort(rng.uniform(0, 1, 16))[None, :]))
             for _ in range(200)]
    assert 0 < sum(r == 16 for r in ranks) < 200


def test_command_line_quick(capsys):
    from dlnotes.__main__ import main
    assert main(["convexity", "--quick", "--only", "1", "5"]) == 0
    out = capsys.readouterr().out
    assert "experiment 1" in out and "on the grid" in out
