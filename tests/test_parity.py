"""Chapter 21: the hand-built parity networks are exact on every input, their sizes are what the
chapter says, the stacked trainer is dense.fit, and the trained-size claims hold."""
import math

import numpy as np
import pytest

from dlnotes import dense, parity
from dlnotes.experiments import parity as pe


def test_parity_data_lists_every_input_once_with_its_parity():
    X, Y = parity.parity_data(5)
    assert X.shape == (5, 32) and Y.shape == (1, 32)
    codes = (X * 2 ** np.arange(5)[:, None]).sum(axis=0)
    assert sorted(codes) == list(range(32))
    assert np.array_equal(Y[0], X.sum(axis=0) % 2)


@pytest.mark.parametrize("n", range(1, 13))
def test_every_hand_built_network_is_exact_on_every_input(n):
    nets = [parity.deep_parity(n), parity.sawtooth_parity(n), parity.shallow_parity(n),
            parity.minterm_parity(n)]
    for net in nets:
        v = parity.verify(net, n)
        assert v.n_inputs == 2 ** n and v.n_wrong == 0 and v.max_error == 0.0


def test_the_tree_is_exact_up_to_sixteen_bits():
    assert parity.verify(parity.deep_parity(16), 16).n_wrong == 0
    assert parity.verify(parity.sawtooth_parity(16), 16).max_error == 0.0


@pytest.mark.parametrize("n", range(2, 17))
def test_sizes_are_those_the_chapter_states(n):
    k = math.ceil(math.log2(n))
    tree = parity.deep_parity(n)
    assert len(tree) // 2 - 1 == k                                  # ⌈log₂ n⌉ hidden layers
    assert 2 * (n - 1) <= parity.hidden_units(tree) <= 2 * (n - 1) + k
    saw = parity.sawtooth_parity(n)
    assert parity.hidden_units(saw) == 1 + 2 * k and len(saw) // 2 - 1 == k + 1
    assert max(saw[f"W{l}"].shape[0] for l in range(1, k + 2)) <= 2
    assert parity.hidden_units(parity.shallow_parity(n)) == n
    if n <= 12:
        assert parity.hidden_units(parity.minterm_parity(n)) == 2 ** (n - 1)


def test_edge_cut_bound_matches_a_brute_force_count_and_grows_like_sqrt_n():
    for n in range(2, 11):
        X, _ = parity.parity_data(n)
        s = X.sum(axis=0)
        most = max(int(sum(n - s[j] for j in range(X.shape[1]) if s[j] == k)) for k in range(n))
        assert parity.edge_cut_bound(n) == math.ceil(n * 2 ** (n - 1) / most)
    for n in (100, 1000):
        assert abs(parity.edge_cut_bound(n) / math.sqrt(math.pi * n / 2) - 1) < 0.05
    assert all(parity.edge_cut_bound(n) <= n for n in range(1, 60))


def test_a_network_that_misses_one_input_is_caught():
    net = parity.minterm_parity(4)
    net = {"W1": net["W1"][:-1], "b1": net["b1"][:-1], "W2": net["W2"][:, :-1], "b2": net["b2"]}
    assert parity.verify(net, 4).n_wrong == 1


@pytest.mark.parametrize("depth, width", [(1, 3), (2, 4)])
def test_the_stacked_trainer_is_dense_fit_with_adam(depth, width):
    X, Y = parity.parity_data(4)
    runs = pe.train_seeds(4, depth, width, seeds=(2, 5), iterations=60, learning_rate=0.02)
    for i, seed in enumerate((2, 5)):
        params, _ = dense.fit(X, Y, [4] + [width] * depth + [1], init="he", optimizer="adam",
                              learning_rate=0.02, num_iterations=60, seed=seed)
        for k, v in params.items():
            np.testing.assert_allclose(runs.params[k][i], v, rtol=1e-10, atol=1e-12)
        AL, _ = dense.model_forward(X, params)
        assert np.isclose(runs.cost[i], dense.compute_cost(AL, Y), rtol=1e-10)
        assert runs.accuracy[i] == np.mean((AL > 0.5) == (Y == 1))


@pytest.fixture(scope="module")
def scan8():
    return {kind: pe.smallest_width(8, depth) for kind, depth in (("shallow", 1), ("deep", 3))}


def test_trained_shallow_networks_need_more_units_than_the_counting_layer(scan8):
    shallow = scan8["shallow"]
    assert shallow.first is not None and shallow.first > 8      # the chapter: from n = 6 on
    assert all(r.rate == 0 for w, r in shallow.runs.items() if w <= 8)


def test_every_seed_fits_at_some_width_of_the_scan(scan8):
    assert scan8["shallow"].all_fit is not None and scan8["deep"].all_fit is not None


def test_no_trained_deep_network_is_as_small_as_the_sawtooth(scan8):
    deep = scan8["deep"]
    assert deep.first * deep.depth > parity.hidden_units(parity.sawtooth_parity(8))


def test_narrow_deep_networks_do_not_train_and_often_die():
    narrow = pe.train_seeds(8, depth=4, width=2, seeds=tuple(range(20)))
    assert narrow.fitted.sum() == 0
    assert pe.dead_layer(narrow).sum() >= 5
    assert np.median(narrow.accuracy) <= 0.6


def test_main_prints_the_table(capsys):
    assert pe.main(["--max-bits", "2", "--seeds", "2", "--iterations", "50"]) == 0
    out = capsys.readouterr().out
    assert "trained shallow width" in out and "\n  2" in out


@pytest.mark.parametrize("argv", [["--max-bits", "1"], ["--seeds", "0"], ["--iterations", "x"],
                                  ["--learning-rate", "-1"]])
def test_main_refuses_bad_options(argv):
    with pytest.raises(SystemExit) as exc:
        pe.main(argv)
    assert exc.value.code == 2
