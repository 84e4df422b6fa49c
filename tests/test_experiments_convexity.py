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


def test_command_line_quick(capsys):
    from dlnotes.__main__ import main
    assert main(["convexity", "--quick", "--only", "1", "5"]) == 0
    out = capsys.readouterr().out
    assert "experiment 1" in out and "on the grid" in out
