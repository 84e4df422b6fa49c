"""Tests of dlnotes.canonical: the network, its Jacobian, the bases and the disparity matrix."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from dlnotes import canonical as cn


def _points(K, n, seed):
    return np.random.default_rng(seed).uniform(0, 1, (K, n))


# --- parameters ---------------------------------------------------------------------------------

def test_pack_unpack_round_trip_and_sizes():
    w = cn.init_params(5, K=2, seed=3)
    assert w.shape == (cn.n_params(5, 2),) == (21,)
    W, b, a, c = cn.unpack(w, 2)
    assert W.shape == (5, 2) and b.shape == a.shape == (5,)
    np.testing.assert_array_equal(cn.pack(W, b, a, c), w)


def test_bad_shapes_and_values_raise():
    w = cn.init_params(5, seed=0)
    with pytest.raises(ValueError, match=r"w\ must\ have\ shape\ \(\(K\ \+\ 2\)\ m\ \+\ 1,\)\ for\ K\ =\ 1\ and\ some\ width\ m\ >=\ 1,\ got\ shape\ \(15,\)"):
        cn.unpack(w[:-1])
    with pytest.raises(ValueError, match=r"w\ must\ have\ shape\ \(\(K\ \+\ 2\)\ m\ \+\ 1,\)\ for\ K\ =\ 2\ and\ some\ width\ m\ >=\ 1,\ got\ shape\ \(16,\)"):
        cn.jacobian(w, np.zeros((2, 3)))          # X of a 2-D problem, w of a 1-D network
    with pytest.raises(ValueError, match=r"X\ must\ be\ a\ 2\-D\ array,\ got\ shape\ \(3,\)"):
        cn.forward(w, np.zeros(3))
    with pytest.raises(ValueError, match=r"X\ must\ hold\ finite\ numbers,\ got\ 1\ NaN\ or\ inf\ value\(s\)\ in\ an\ array\ of\ shape\ \(1,\ 2\)"):
        cn.forward(w, np.array([[0.5, np.nan]]))
    with pytest.raises(ValueError, match="activation must be one of 'relu', 'tanh', got 'sigmoid'"):
        cn.forward(w, np.zeros((1, 2)), activation="sigmoid")
    with pytest.raises(ValueError, match=r"b\ must\ have\ shape\ \(2,\)\ to\ match\ W\ \(2,\ 1\),\ got\ shape\ \(3,\)"):
        cn.pack(np.zeros((2, 1)), np.zeros(3), np.zeros(2), 0.0)
    with pytest.raises(ValueError, match=r"perm\ must\ be\ a\ permutation\ of\ range\(5\),\ got\ \[0,\ 0,\ 1,\ 2,\ 3\]"):
        cn.permute_units(w, [0, 0, 1, 2, 3])
    with pytest.raises(ValueError, match=r"y\ must\ have\ shape\ \(2,\),\ one\ target\ per\ column\ of\ X,\ got\ shape\ \(3,\)"):
        cn.train(w, np.zeros((1, 2)), np.zeros(3), steps=1)
    with pytest.raises(ValueError, match=r"values\ must\ have\ shape\ \(4,\)\ or\ \(4,\ r\)\ to\ match\ Phi\ \(4,\ 2\),\ got\ shape\ \(5,\)"):
        cn.canonical_coords(np.zeros(5), np.zeros((4, 2)))


def test_kink_init_puts_every_kink_inside_and_normal_init_kills_units():
    w = cn.init_params(200, seed=1)
    W, b, _, _ = cn.unpack(w)
    assert len(cn.kinks(w)) == 200
    assert np.all((np.abs(W[:, 0]) >= 1) & (np.abs(W[:, 0]) <= 2))
    W, b, _, _ = cn.unpack(cn.init_params(2000, init="normal", seed=1))
    dead = np.mean((b <= 0) & (W[:, 0] + b <= 0))
    assert 0.25 < dead < 0.5   # a third or so of ReLU units never fire on [0, 1]


# --- the Jacobian -------------------------------------------------------------------------------

@settings(max_examples=30, deadline=None)
@given(m=st.integers(1, 6), K=st.integers(1, 2), n=st.integers(1, 5), seed=st.integers(0, 999),
       activation=st.sampled_from(cn.ACTIVATIONS))
def test_jacobian_matches_centred_differences(m, K, n, seed, activation):
    w = cn.init_params(m, K, init="normal", seed=seed)
    X = _points(K, n, seed + 1)
    J = cn.jacobian(w, X, activation)
    assert J.shape == (n, w.size)
    eps = 1e-6
    num = np.empty_like(J)
    for p in range(w.size):
        e = np.zeros_like(w)
        e[p] = eps
        num[:, p] = (cn.forward(w + e, X, activation) - cn.forward(w - e, X, activation)) / (2 * eps)
    # a ReLU kink within eps of a point would spoil the difference; with random points it is not
    np.testing.assert_allclose(J, num, atol=1e-7, rtol=1e-6)


@pytest.mark.parametrize("activation", cn.ACTIVATIONS)
def test_forward_and_jacobian_match_tensorflow(activation):
    import tensorflow as tf

    m, K, n = 7, 2, 9
    w = cn.init_params(m, K, seed=4)
    X = _points(K, n, 5)
    wt = tf.Variable(w)
    with tf.GradientTape() as tape:
        W = tf.reshape(wt[:m * K], (m, K))
        b, a, c = wt[m * K:m * (K + 1)], wt[m * (K + 1):m * (K + 2)], wt[-1]
        Z = tf.matmul(W, X) + b[:, None]
        A = tf.nn.relu(Z) if activation == "relu" else tf.tanh(Z)
        f = tf.linalg.matvec(tf.transpose(A), a) / np.sqrt(m) + c
    J_tf = tape.jacobian(f, wt).numpy()
    np.testing.assert_allclose(cn.forward(w, X, activation), f.numpy(), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(cn.jacobian(w, X, activation), J_tf, rtol=1e-10, atol=1e-12)


# --- bases, canonical coordinates, disparity matrix ---------------------------------------------

@pytest.mark.parametrize("K,G,kind", [(1, 64, "cosine"), (1, 65, "fourier"), (2, 8, "cosine"),
                                      (2, 9, "fourier")])
def test_basis_is_orthonormal_on_the_grid_and_reconstructs(K, G, kind):
    X = cn.grid(G, K)
    n = G ** K
    Phi = cn.basis(X, n, kind)
    np.testing.assert_allclose(Phi.T @ Phi / n, np.eye(n), atol=1e-12)
    values = np.random.default_rng(0).standard_normal(n)
    np.testing.assert_allclose(Phi @ cn.canonical_coords(values, Phi), values, atol=1e-12)


def test_low_frequencies_come_first():
    idx = cn.frequencies(9, K=2)
    assert set(map(tuple, idx)) == {(i, j) for i in range(3) for j in range(3)}
    assert tuple(idx[0]) == (0, 0)
    # the cosine of frequency 1 sampled at the midpoints has coordinate 1 on phi_1 and 0 elsewhere
    X = cn.grid(16)
    theta = cn.canonical_coords(np.sqrt(2) * np.cos(np.pi * X[0]), cn.basis(X, 16))
    np.testing.assert_allclose(theta, np.eye(16)[1], atol=1e-12)


@pytest.mark.parametrize("K,G,kind,activation", [(1, 48, "cosine", "relu"),
                                                 (1, 49, "fourier", "tanh"),
                                                 (2, 6, "cosine", "tanh"),
                                                 (2, 7, "fourier", "relu")])
def test_jacobian_is_phi_times_H_transposed_and_ntk_eigenvalues(K, G, kind, activation):
    w = cn.init_params(6, K, seed=2)
    X = cn.grid(G, K)
    n = G ** K
    Phi = cn.basis(X, n, kind)
    H = cn.disparity(w, X, Phi, activation)
    assert H.shape == (w.size, n)
    J = cn.jacobian(w, X, activation)
    np.testing.assert_allclose(J, Phi @ H.T, atol=1e-12)
    ev = np.sort(np.linalg.eigvalsh(J @ J.T))[::-1][:w.size]
    np.testing.assert_allclose(ev, n * cn.singular_values(H) ** 2, rtol=1e-8, atol=1e-10)


def test_cosine_coefficients_of_a_smooth_function_decay_faster_than_fourier():
    X = cn.grid(1024)
    f = np.tanh(3 * X[0] - 1)                      # smooth but f(0) != f(1)
    cos = np.abs(cn.canonical_coords(f, cn.basis(X, 257, "cosine")))
    fou = np.abs(cn.canonical_coords(f, cn.basis(X, 257, "fourier")))
    # cosine: even extension is continuous, ~1/l^2; Fourier: the wrap-around jump gives ~1/l
    assert np.max(cos[200:]) < 0.05 * np.max(fou[200:])


def test_numerical_rank():
    A = np.diag([1.0, 1e-3, 1e-12, 0.0])
    assert cn.numerical_rank(A) == 2
    assert cn.numerical_rank(A, rtol=1e-13) == 3
    assert cn.numerical_rank(np.zeros((3, 2))) == 0


@pytest.mark.parametrize("init", ["kink", "normal"])
@pytest.mark.parametrize("m", [3, 8, 16])
def test_relu_rank_law(init, m):
    """rank of the grid Jacobian of a 1-D ReLU net = 2 * kinks + 1 + [a unit alive on all of
    [0, 1]] (the constant from c, a step and a ramp per kink, x from an always-on unit)."""
    X = cn.grid(4096)
    for seed in range(3):
        w = cn.init_params(m, init=init, seed=seed)
        W, b, _, _ = cn.unpack(w)
        whole = np.any((b > 0) & (W[:, 0] + b > 0))
        k = cn.kinks(w)
        if np.any(np.diff(np.floor(k * 4096)) < 2):
            continue                               # two kinks the grid cannot separate
        assert cn.numerical_rank(cn.jacobian(w, X)) == 2 * len(k) + 1 + int(whole)


def test_tanh_rank_stalls_while_relu_rank_grows():
    X = cn.grid(1024)
    ranks = {act: [cn.numerical_rank(cn.jacobian(cn.init_params(m, seed=0), X, act))
                   for m in (32, 128)] for act in cn.ACTIVATIONS}
    assert ranks["relu"][1] > ranks["relu"][0] + 100
    assert ranks["tanh"][1] - ranks["tanh"][0] <= 3 and ranks["tanh"][1] < 30


def test_permuting_units_keeps_the_function():
    w = cn.init_params(9, K=2, seed=1)
    wp = cn.permute_units(w, np.arange(9)[::-1], K=2)
    X = _points(2, 11, 0)
    assert not np.allclose(w, wp)
    np.testing.assert_allclose(cn.forward(wp, X), cn.forward(w, X), atol=1e-14)


# --- training -----------------------------------------------------------------------------------

def test_lazy_training_reaches_zero_and_keeps_sigma_min():
    X = cn.grid(16)
    y = np.sin(2 * np.pi * X[0])
    Xg = cn.grid(256)
    Phi = cn.basis(Xg, 32)
    w0 = cn.init_params(256, seed=0)
    rec = cn.train(w0, X, y, alpha=1000.0, steps=20000, X_grid=Xg, Phi=Phi, n_records=10)
    assert rec["loss"][0] == pytest.approx(cn.loss(np.zeros(16), y))
    assert rec["loss"][-1] < 1e-10
    assert np.all(np.diff(rec["loss"]) <= 0)
    assert np.ptp(rec["sigma_min"]) < 0.05 * rec["sigma_min"][0]
    assert np.linalg.norm(rec["w"] - w0) < 1e-2 * np.linalg.norm(w0)   # lazy: w barely moved


def test_one_gradient_step_is_the_formula():
    X = cn.grid(5)
    y = np.arange(5.0)
    w0 = cn.init_params(4, seed=1)
    rec = cn.train(w0, X, y, alpha=2.0, steps=1, lr=0.1, center=False, n_records=2)
    r = 2.0 * cn.forward(w0, X) - y
    np.testing.assert_allclose(rec["w"], w0 - 0.1 * 2.0 * cn.jacobian(w0, X).T @ r / 5)


@pytest.mark.parametrize("init", ["kink", "normal"])
def test_relu_rank_on_grid_predicts_the_grid_rank_even_when_kinks_share_cells(init):
    for m, G in [(4, 64), (64, 256), (128, 1024), (512, 64)]:
        for seed in range(2):
            w = cn.init_params(m, init=init, seed=seed)
            assert cn.relu_rank_on_grid(w, G) == cn.numerical_rank(cn.jacobian(w, cn.grid(G)))
