"""dlnotes.conv against TensorFlow (values and tf.GradientTape gradients) and against the loop
versions in dlnotes.reference, on shapes drawn by hypothesis, in float64."""
import functools
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dlnotes import _halves, conv, reference

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@functools.cache
def tf():
    import tensorflow

    return tensorflow


def assert_rel(got, want, what, tol=1e-10):
    """Max-norm relative difference below tol (relative to the largest entry, or 1)."""
    got, want = np.asarray(got), np.asarray(want)
    assert got.shape == want.shape, f"{what}: shape {got.shape}, expected {want.shape}"
    scale = max(1.0, float(np.max(np.abs(want), initial=0.0)))
    err = float(np.max(np.abs(got - want), initial=0.0)) / scale
    assert err < tol, f"{what}: relative difference {err:.2e}"


@st.composite
def conv_cases(draw):
    m = draw(st.integers(1, 4))
    n_H, n_W = draw(st.integers(1, 12)), draw(st.integers(1, 12))
    n_C_prev, n_C = draw(st.integers(1, 4)), draw(st.integers(1, 5))
    f, stride, pad = draw(st.integers(1, 5)), draw(st.integers(1, 3)), draw(st.integers(0, 2))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((m, n_H, n_W, n_C_prev))
    W = rng.standard_normal((f, f, n_C_prev, n_C))
    b = rng.standard_normal(n_C)
    return A, W, b, stride, pad, rng


@st.composite
def pool_cases(draw):
    m = draw(st.integers(1, 4))
    n_H, n_W, n_C = draw(st.integers(1, 12)), draw(st.integers(1, 12)), draw(st.integers(1, 4))
    f, stride = draw(st.integers(1, 5)), draw(st.integers(1, 3))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return rng.standard_normal((m, n_H, n_W, n_C)), f, stride, rng


def tf_conv(A, W, b, stride, pad, dZ):
    """TensorFlow's Z and its gradients (dA, dW, db) for the output gradient dZ."""
    T = tf()
    A, W, b = (T.constant(x) for x in (A, W, b))
    with T.GradientTape() as tape:
        tape.watch([A, W, b])
        Z = T.nn.conv2d(A, W, strides=stride,
                        padding=[[0, 0], [pad, pad], [pad, pad], [0, 0]]) + b
    grads = tape.gradient(Z, [A, W, b], output_gradients=T.constant(dZ))
    return Z.numpy(), [g.numpy() for g in grads]


@SETTINGS
@given(conv_cases())
def test_conv_matches_tensorflow_and_reference(case):
    A, W, b, stride, pad, rng = case
    f = W.shape[0]
    if f > min(A.shape[1], A.shape[2]) + 2 * pad:
        for module in (conv, reference):
            with pytest.raises(ValueError, match="larger than the padded input"):
                module.conv_forward(A, W, b, stride, pad)
        return
    Z, cache = conv.conv_forward(A, W, b, stride=stride, pad=pad)
    n_H = (A.shape[1] + 2 * pad - f) // stride + 1
    n_W = (A.shape[2] + 2 * pad - f) // stride + 1
    assert Z.shape == (A.shape[0], n_H, n_W, W.shape[3])
    assert conv.conv_output_size(A.shape[1], f, pad, stride) == n_H
    dZ = rng.standard_normal(Z.shape)
    grads = conv.conv_backward(dZ, cache)

    Z_tf, grads_tf = tf_conv(A, W, b, stride, pad, dZ)
    assert_rel(Z, Z_tf, "Z vs TensorFlow")
    for name, g, g_tf in zip(("dA_prev", "dW", "db"), grads, grads_tf):
        assert_rel(g, g_tf, f"{name} vs TensorFlow")

    Z_ref, cache_ref = reference.conv_forward(A, W, b, stride=stride, pad=pad)
    assert_rel(Z, Z_ref, "Z vs reference")
    for name, g, g_ref in zip(("dA_prev", "dW", "db"), grads,
                              reference.conv_backward(dZ, cache_ref)):
        assert_rel(g, g_ref, f"{name} vs reference")


def tf_pool(A, f, stride, mode, dA):
    T = tf()
    A = T.constant(A)
    pool = T.nn.max_pool2d if mode == "max" else T.nn.avg_pool2d
    with T.GradientTape() as tape:
        tape.watch(A)
        out = pool(A, ksize=f, strides=stride, padding="VALID")
    return out.numpy(), tape.gradient(out, A, output_gradients=T.constant(dA)).numpy()


@SETTINGS
@given(pool_cases(), st.sampled_from(["max", "average"]))
def test_pool_matches_tensorflow_and_reference(case, mode):
    A, f, stride, rng = case
    if f > min(A.shape[1], A.shape[2]):
        for module in (conv, reference):
            with pytest.raises(ValueError, match="larger than the padded input"):
                module.pool_forward(A, f, stride, mode)
        return
    out, cache = conv.pool_forward(A, f, stride, mode=mode)
    dA = rng.standard_normal(out.shape)
    dA_prev = conv.pool_backward(dA, cache)

    out_tf, dA_prev_tf = tf_pool(A, f, stride, mode, dA)
    assert_rel(out, out_tf, f"{mode} pool vs TensorFlow")
    assert_rel(dA_prev, dA_prev_tf, f"{mode} pool gradient vs TensorFlow")

    out_ref, cache_ref = reference.pool_forward(A, f, stride, mode=mode)
    assert_rel(out, out_ref, f"{mode} pool vs reference")
    assert_rel(dA_prev, reference.pool_backward(dA, cache_ref),
               f"{mode} pool gradient vs reference")


@SETTINGS
@given(pool_cases())
def test_max_pool_ties_go_to_the_first_maximum(case):
    A, f, stride, rng = case
    if f > min(A.shape[1], A.shape[2]):
        return
    A = rng.integers(0, 3, A.shape).astype(np.float64)       # many ties
    out, cache = conv.pool_forward(A, f, stride)
    dA = rng.standard_normal(out.shape)
    dA_prev = conv.pool_backward(dA, cache)
    assert_rel(dA_prev, reference.pool_backward(dA, reference.pool_forward(A, f, stride)[1]),
               "tied max pool gradient vs reference")
    # Each window passes its whole gradient on: the totals agree.
    assert abs(dA_prev.sum() - dA.sum()) < 1e-9 * max(1.0, np.abs(dA).sum())
    # TensorFlow 2.21 on CPU happens to follow the same rule (it does not document one).
    assert_rel(dA_prev, tf_pool(A, f, stride, "max", dA)[1], "tied max pool vs TensorFlow")


def test_tie_rule_in_one_window():
    A = np.array([[1.0, 2.0], [2.0, 0.0]]).reshape(1, 2, 2, 1)
    out, cache = conv.pool_forward(A, 2, 2)
    grad = conv.pool_backward(np.full(out.shape, 5.0), cache)
    np.testing.assert_array_equal(grad[0, :, :, 0], [[0.0, 5.0], [0.0, 0.0]])


def test_float32_stays_float32():
    rng = np.random.default_rng(0)
    A = rng.standard_normal((2, 6, 6, 3), dtype=np.float32)
    W = rng.standard_normal((3, 3, 3, 4), dtype=np.float32)
    b = np.zeros(4, dtype=np.float32)
    Z, cache = conv.conv_forward(A, W, b, 1, 1)
    assert Z.dtype == np.float32
    assert all(g.dtype == np.float32 for g in conv.conv_backward(np.ones_like(Z), cache))
    P, pc = conv.pool_forward(Z, 2, 2)
    assert P.dtype == np.float32 and conv.pool_backward(P, pc).dtype == np.float32
    assert_rel(Z, reference.conv_forward(A.astype(np.float64), W.astype(np.float64),
                                         b.astype(np.float64), 1, 1)[0], "float32 Z", tol=1e-5)


@pytest.mark.parametrize("da_examples", [1, 2])
def test_batch_slices_do_not_change_the_result(monkeypatch, da_examples):
    # Force one example per column slice, and 1 or 2 examples per slice of the input gradient
    # (2: slices of 2, 2 and 1), and compare with one slice for the whole batch.
    rng = np.random.default_rng(3)
    A, W, b = (rng.standard_normal(s) for s in ((5, 9, 8, 3), (3, 3, 3, 4), (4,)))
    Z, cache = conv.conv_forward(A, W, b, 2, 1)
    dZ = rng.standard_normal(Z.shape)
    grads = conv.conv_backward(dZ, cache)
    monkeypatch.setattr(conv, "_CHUNK_BYTES", 1)
    padded_example = conv.zero_pad(A, 1)[0].nbytes
    monkeypatch.setattr(conv, "_DA_CHUNK_BYTES", da_examples * padded_example)
    Z1, cache1 = conv.conv_forward(A, W, b, 2, 1)
    assert_rel(Z1, Z, "Z, one example per slice")
    for g1, g in zip(conv.conv_backward(dZ, cache1), grads):
        assert_rel(g1, g, "gradient, one example per slice")


def assert_conv_matches_reference(A, W, b, stride, pad, what):
    """conv_forward and conv_backward (for a fixed dZ) against the loop versions."""
    Z, cache = conv.conv_forward(A, W, b, stride, pad)
    Z_want, cache_want = reference.conv_forward(A, W, b, stride, pad)
    assert_rel(Z, Z_want, f"Z, {what}")
    dZ = np.random.default_rng(11).standard_normal(Z.shape)
    for name, got, want in zip(("dA", "dW", "db"), conv.conv_backward(dZ, cache),
                               reference.conv_backward(dZ, cache_want)):
        assert_rel(got, want, f"{name}, {what}")


@pytest.mark.parametrize("pad", [0, 2])
def test_kept_buffers_hold_nothing_of_the_last_call(monkeypatch, pad):
    # Two examples per column slice: batches of 5 and 3 share the buffers (slices 2, 2, 1 and
    # 2, 1), and the second, third and fourth calls find the values and the padding that the
    # earlier ones left there.
    monkeypatch.setattr(conv, "_CHUNK_BYTES", 2 * 6 * 6 * 3 * 3 * 3 * 8)
    rng = np.random.default_rng(12)
    W, b = rng.standard_normal((3, 3, 3, 2)), rng.standard_normal(2)
    n = 8 - 2 * pad                      # a 6 x 6 output at stride 1 with either padding
    for call, m in enumerate([5, 5, 3, 5]):
        A = rng.standard_normal((m, n, n, 3)) * (call + 1)
        assert_conv_matches_reference(A, W, b, 1, pad, f"call {call + 1}, batch of {m}")


def test_more_shapes_than_are_kept_are_still_right(monkeypatch):
    # Shapes that differ in one way each (stride, padding, size, channels, dtype), more of them
    # than a thread keeps, then the first again after it was dropped. float32 first: float64
    # inputs copied into a float32 buffer would lose digits.
    monkeypatch.setattr(conv, "_KEPT_KEYS", 3)
    monkeypatch.setattr(conv._kept, "buffers", {}, raising=False)
    rng = np.random.default_rng(13)
    cases = [((3, 7, 7, 2), 1, 1), ((3, 7, 7, 2), 2, 1), ((3, 7, 7, 2), 1, 0),
             ((3, 8, 7, 2), 1, 1), ((3, 7, 7, 4), 1, 1), ((3, 7, 7, 2), 1, 1)]
    for dtype in (np.float32, np.float64):
        for shape, stride, pad in cases:
            A = rng.standard_normal(shape).astype(dtype)
            W = rng.standard_normal((3, 3, shape[3], 2)).astype(dtype)
            b = rng.standard_normal(2).astype(dtype)
            Z, _ = conv.conv_forward(A, W, b, stride, pad)
            assert Z.dtype == dtype
            Z_want, _ = reference.conv_forward(*(x.astype(np.float64) for x in (A, W, b)),
                                               stride, pad)
            tol = 1e-10 if dtype == np.float64 else 1e-5
            assert_rel(Z, Z_want, f"{np.dtype(dtype)} {shape} stride {stride} pad {pad}", tol)
            assert len(conv._kept.buffers) <= 3, f"{len(conv._kept.buffers)} shapes kept"


def test_the_shape_used_longest_ago_is_dropped(monkeypatch):
    monkeypatch.setattr(conv, "_KEPT_KEYS", 3)
    monkeypatch.setattr(conv._kept, "buffers", {}, raising=False)
    for key in "abc":
        conv._scratch(key, lambda: key)
    assert conv._scratch("a", lambda: "new a") == "a"      # used again: now the newest
    conv._scratch("d", lambda: "d")
    assert list(conv._kept.buffers) == ["c", "a", "d"]


def test_each_thread_keeps_its_own_buffers():
    made = []

    def make():
        made.append(object())
        return made[-1]

    here = conv._scratch(("test", 1), make)
    assert conv._scratch(("test", 1), make) is here, "the same thread got new buffers"
    with ThreadPoolExecutor(1) as pool:
        there = pool.submit(conv._scratch, ("test", 1), make).result()
    assert there is not here, "another thread got this thread's buffers"
    assert len(made) == 2


def test_two_threads_on_one_shape_at_once_are_both_right(monkeypatch):
    # Each thread convolves its own batches of the same shape at the same time, slice by
    # slice (one example per slice), and must get its own answers.
    monkeypatch.setattr(conv, "_CHUNK_BYTES", 1)
    rng = np.random.default_rng(14)
    W, b = rng.standard_normal((3, 3, 3, 4)), rng.standard_normal(4)
    batches = [rng.standard_normal((6, 9, 9, 3)) for _ in range(8)]
    wanted = [reference.conv_forward(A, W, b, 1, 1)[0] for A in batches]
    start = threading.Barrier(2)

    def run(first):
        start.wait()
        return [conv.conv_forward(A, W, b, 1, 1)[0] for A in batches[first::2] * 5]

    with ThreadPoolExecutor(2) as pool:
        results = [pool.submit(run, first) for first in (0, 1)]
        for first, result in enumerate(results):
            for k, Z in enumerate(result.result()):
                assert_rel(Z, wanted[first + 2 * (k % 4)], f"thread {first}, call {k}")


@pytest.mark.parametrize("n_C_prev", [1, 3])
def test_an_empty_batch_gives_empty_outputs_and_zero_parameter_gradients(n_C_prev):
    W, b = np.ones((3, 3, n_C_prev, 4)), np.ones(4)
    Z, cache = conv.conv_forward(np.zeros((0, 6, 5, n_C_prev)), W, b, 1, 1)
    dA, dW, db = conv.conv_backward(np.zeros(Z.shape), cache)
    assert Z.shape == (0, 6, 5, 4) and dA.shape == (0, 6, 5, n_C_prev)
    np.testing.assert_array_equal(dW, np.zeros(W.shape))
    np.testing.assert_array_equal(db, np.zeros(4))


def test_zero_pad():
    X = np.arange(2 * 2 * 3 * 1, dtype=float).reshape(2, 2, 3, 1)
    P = conv.zero_pad(X, 2)
    assert P.shape == (2, 6, 7, 1)
    np.testing.assert_array_equal(P[:, 2:4, 2:5, :], X)
    assert P.sum() == X.sum() and not P[:, :2].any() and not P[:, :, -2:].any()
    assert conv.zero_pad(X, 0) is X


@pytest.mark.parametrize("n, f, pad, stride, expected", [
    (6, 3, 0, 1, 4), (6, 3, 1, 1, 6), (7, 3, 0, 2, 3), (28, 5, 2, 1, 28), (5, 5, 0, 3, 1),
    (8, 2, 0, 2, 4), (9, 2, 0, 2, 4),
])
def test_conv_output_size(n, f, pad, stride, expected):
    assert conv.conv_output_size(n, f, pad, stride) == expected


def test_vertical_edge_on_the_six_by_six_example():
    # Bright left half (10) and dark right half (0): the edge shows as a bright band.
    image = np.zeros((6, 6))
    image[:, :3] = 10
    for name in ("plain", "sobel", "scharr"):
        k = conv.edge_filter(name, "vertical")
        Z, _ = conv.conv_forward(image.reshape(1, 6, 6, 1), k.reshape(3, 3, 1, 1), np.zeros(1))
        column_sum = k[:, 0].sum() * 10                    # the left column sees 10s
        np.testing.assert_allclose(Z[0, :, :, 0], np.tile([0, column_sum, column_sum, 0], (4, 1)))
        # The same filter turned 90 degrees sees nothing in this image.
        Zh, _ = conv.conv_forward(image.reshape(1, 6, 6, 1),
                                  conv.edge_filter(name, "horizontal").reshape(3, 3, 1, 1),
                                  np.zeros(1))
        assert not Zh.any()


def test_edge_filters_table():
    assert set(conv.EDGE_FILTERS) == {"vertical", "horizontal", "sobel_vertical",
                                      "sobel_horizontal", "scharr_vertical", "scharr_horizontal"}
    np.testing.assert_array_equal(conv.EDGE_FILTERS["scharr_horizontal"],
                                  [[3, 10, 3], [0, 0, 0], [-3, -10, -3]])
    for k in conv.EDGE_FILTERS.values():
        assert k.shape == (3, 3) and k.sum() == 0
    with pytest.raises(ValueError, match="name"):
        conv.edge_filter("prewitt")
    with pytest.raises(ValueError, match="orientation"):
        conv.edge_filter("sobel", "diagonal")


# --- bad input --------------------------------------------------------------------------------

A = np.zeros((2, 5, 5, 3))
W = np.zeros((3, 3, 3, 4))
B = np.zeros(4)


@pytest.mark.parametrize("module", [conv, reference])
@pytest.mark.parametrize("args, pattern", [
    ((A, np.zeros((3, 3, 2, 4)), B),
     r"W must have shape \(3, 3, 3, n_C\), with the 3 channels of A_prev \(shape \(2, 5, 5, 3\)\), got shape \(3, 3, 2, 4\)"),
    ((A, np.zeros((7, 7, 3, 4)), B), r"f must be at most 5: the filter size f=7 is larger than the padded input \(A_prev has shape \(2, 5, 5, 3\)"),
    ((A, W, np.zeros(3)), r"b must have shape \(n_C,\) = \(4,\) for W of shape \(3, 3, 3, 4\), got shape \(3,\)"),
    ((A, W, np.zeros((4, 1))), r"b must be a 1-D array \(n_C,\), got shape \(4, 1\)"),
    ((A[0], W, B), r"A_prev must be a 4-D array \(m, n_H_prev, n_W_prev, n_C_prev\), got shape \(5, 5, 3\)"),
    ((A, W[0], B), r"W must be a 4-D array \(f, f, n_C_prev, n_C\), got shape \(3, 3, 4\)"),
    ((A, np.zeros((3, 2, 3, 4)), B), r"W must be square, of shape \(f, f, n_C_prev, n_C\), got shape \(3, 2, 3, 4\)"),
    ((np.full(A.shape, np.nan), W, B), r"A_prev must hold finite numbers, got 150 NaN or inf value\(s\)"),
    ((A, np.full(W.shape, np.inf), B), r"W must hold finite numbers, got 108 NaN or inf value\(s\)"),
])
def test_conv_forward_rejects_bad_arrays(module, args, pattern):
    with pytest.raises(ValueError, match=pattern):
        module.conv_forward(*args)


@pytest.mark.parametrize("n_C_prev, pad", [(1, 1), (3, 0), (3, 2)])
@pytest.mark.parametrize("where", ["first example", "last example", "a border pixel"])
@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_conv_forward_finds_one_bad_number_in_any_slice_of_either_half(monkeypatch, n_C_prev,
                                                                      pad, where, bad):
    # conv_forward looks for NaN and inf slice by slice inside each half of the batch, not in
    # one pass before it: one example per slice, the batch split in two, and one bad number in
    # the first example (first half), in the last (the second half's last slice), or at a
    # pixel that only windows reaching into the padding use. The error names the whole array.
    monkeypatch.setattr(conv, "_CHUNK_BYTES", 1)
    monkeypatch.setattr(_halves, "MIN_BYTES", 1)
    A_bad = np.random.default_rng(5).standard_normal((6, 7, 7, n_C_prev))
    index = {"first example": (0, 3, 3, 0), "last example": (5, 3, 3, n_C_prev - 1),
             "a border pixel": (4, 6, 0, 0)}[where]
    A_bad[index] = bad
    W_ok = np.ones((3, 3, n_C_prev, 2))
    message = (r"A_prev must hold finite numbers, got 1 NaN or inf value\(s\) in an array of "
               rf"shape \(6, 7, 7, {n_C_prev}\)")
    with _halves.split_batches(), pytest.raises(ValueError, match=message):
        conv.conv_forward(A_bad, W_ok, np.zeros(2), 2, pad)


def test_every_input_used_agrees_with_counting_the_windows():
    # The rule conv_forward uses to decide whether its output alone can show a bad input.
    for n in range(1, 13):
        for pad in range(4):
            for f in range(1, n + 2 * pad + 1):
                for stride in range(1, 6):
                    starts = range(-pad, n + pad - f + 1, stride)
                    counted = all(any(s <= x < s + f for s in starts) for x in range(n))
                    assert conv._every_input_used(n, f, pad, stride) == counted, \
                        (n, f, pad, stride)


@pytest.mark.parametrize("n_C_prev", [1, 3])
@pytest.mark.parametrize("n, f, stride, pad, row", [
    (8, 3, 2, 0, 7),       # the windows end one row early
    (7, 2, 3, 0, 2),       # a gap between windows: stride > f
    (9, 2, 3, 1, 4),
])
@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_conv_forward_finds_a_bad_number_that_no_window_uses(monkeypatch, n_C_prev, n, f,
                                                             stride, pad, row, bad):
    # Such a number cannot reach Z, so conv_forward must look at A_prev itself.
    monkeypatch.setattr(conv, "_CHUNK_BYTES", 1)
    monkeypatch.setattr(_halves, "MIN_BYTES", 1)
    rng = np.random.default_rng(6)
    A_ok, W_ok = rng.standard_normal((4, n, n, n_C_prev)), rng.standard_normal((f, f, n_C_prev, 2))
    A_other = A_ok.copy()
    A_other[3, row, 1, 0] = 5.0
    unused = np.array_equal(conv.conv_forward(A_ok, W_ok, np.zeros(2), stride, pad)[0],
                            conv.conv_forward(A_other, W_ok, np.zeros(2), stride, pad)[0])
    assert unused, "the test's pixel must be one that no window uses"
    A_ok[3, row, 1, 0] = bad
    message = (r"A_prev must hold finite numbers, got 1 NaN or inf value\(s\) in an array of "
               rf"shape \(4, {n}, {n}, {n_C_prev}\)")
    with _halves.split_batches(), pytest.raises(ValueError, match=message):
        conv.conv_forward(A_ok, W_ok, np.zeros(2), stride, pad)


@pytest.mark.parametrize("n_C_prev", [1, 3])
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_conv_forward_finds_a_bad_number_that_only_zero_weights_see(monkeypatch, n_C_prev,
                                                                    bad):
    # NaN x 0 and inf x 0 are NaN: the zero filters still carry the bad number into Z.
    monkeypatch.setattr(conv, "_CHUNK_BYTES", 1)
    monkeypatch.setattr(_halves, "MIN_BYTES", 1)
    A_bad = np.random.default_rng(7).standard_normal((6, 7, 7, n_C_prev))
    A_bad[4, 2, 5, 0] = bad
    message = (r"A_prev must hold finite numbers, got 1 NaN or inf value\(s\) in an array of "
               rf"shape \(6, 7, 7, {n_C_prev}\)")
    with _halves.split_batches(), pytest.raises(ValueError, match=message):
        conv.conv_forward(A_bad, np.zeros((3, 3, n_C_prev, 2)), np.ones(2), 1, 1)


@pytest.mark.parametrize("n_C_prev", [1, 3])
def test_conv_forward_lets_finite_inputs_overflow_to_inf(monkeypatch, n_C_prev):
    # Only a bad input is an error: finite float32 numbers whose sums overflow give inf in Z,
    # as in TensorFlow, and the slices after the one that overflowed are still computed.
    monkeypatch.setattr(conv, "_CHUNK_BYTES", 1)
    monkeypatch.setattr(_halves, "MIN_BYTES", 1)
    rng = np.random.default_rng(8)
    A_big = rng.standard_normal((6, 5, 5, n_C_prev)).astype(np.float32)
    A_big[[0, 3]] = 3e38                                   # the first slice of each half
    W_ok = np.ones((3, 3, n_C_prev, 2), np.float32)
    with _halves.split_batches(), warnings.catch_warnings():   # in both threads, unlike
        warnings.simplefilter("ignore", RuntimeWarning)          # np.errstate
        Z, _ = conv.conv_forward(A_big, W_ok, np.zeros(2, np.float32), 1, 0)
    assert np.isposinf(Z[[0, 3]]).all()
    rest = [1, 2, 4, 5]
    Z_rest, _ = reference.conv_forward(A_big[rest], W_ok, np.zeros(2, np.float32), 1, 0)
    np.testing.assert_allclose(Z[rest], Z_rest, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("module", [conv, reference])
@pytest.mark.parametrize("stride, pad, pattern", [
    (0, 0, "stride must be a positive integer, got 0"),
    (1.5, 0, "stride must be a positive integer, got 1.5"),
    (True, 0, "stride must be a positive integer, got True"),
    (1, -1, "pad must be a non-negative integer, got -1"),
    (1, 1.0, "pad must be a non-negative integer, got 1.0"),
])
def test_conv_forward_rejects_bad_stride_and_pad(module, stride, pad, pattern):
    with pytest.raises(ValueError, match=pattern):
        module.conv_forward(A, W, B, stride=stride, pad=pad)


def test_filter_that_fits_only_with_padding_is_accepted():
    Z, _ = conv.conv_forward(A, np.zeros((7, 7, 3, 4)), B, pad=1)
    assert Z.shape == (2, 1, 1, 4)


@pytest.mark.parametrize("module", [conv, reference])
def test_backward_rejects_wrong_gradient_shape(module):
    Z, cache = module.conv_forward(A, W, B)
    with pytest.raises(ValueError, match=r"dZ must have shape \(2, 3, 3, 4\) \(the shape of the forward output\), got shape \(2, 3, 4, 4\)"):
        module.conv_backward(np.zeros((2, 3, 4, 4)), cache)
    P, pcache = module.pool_forward(A, 2, 2)
    with pytest.raises(ValueError, match=r"dA must have shape \(2, 2, 2, 3\) \(the shape of the forward output\), got shape \(2, 2, 2, 4\)"):
        module.pool_backward(np.zeros((2, 2, 2, 4)), pcache)
    with pytest.raises(ValueError, match=r"dA must hold finite numbers, got 24 NaN or inf value\(s\)"):
        module.pool_backward(np.full(P.shape, np.nan), pcache)


@pytest.mark.parametrize("module", [conv, reference])
@pytest.mark.parametrize("args, pattern", [
    ((A, 6, 1), r"f must be at most 5: the window size f=6 is larger than the padded input \(A_prev has shape \(2, 5, 5, 3\)"),
    ((A, 2, 0), "stride must be a positive integer, got 0"),
    ((A, 0, 1), "f must be a positive integer, got 0"),
    ((A[0], 2, 2), r"A_prev must be a 4-D array \(m, n_H_prev, n_W_prev, n_C\), got shape \(5, 5, 3\)"),
    ((A, 2, 2, "min"), "mode must be one of 'max', 'average', got 'min'"),
])
def test_pool_forward_rejects_bad_input(module, args, pattern):
    with pytest.raises(ValueError, match=pattern):
        module.pool_forward(*args)


@pytest.mark.parametrize("module", [conv, reference])
@pytest.mark.parametrize("mode", ["max", "average"])
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_pool_forward_rejects_nan_and_inf_in_a_window(module, mode, bad):
    X = A.copy()
    X[1, 2, 3, 0] = bad
    if mode == "max" and bad == -np.inf:
        X[1, 2:4, 2:4, 0] = -np.inf  # a window that is all -inf: its maximum is -inf
    with pytest.raises(ValueError, match=r"A_prev must hold finite numbers, got [0-9]+ NaN or inf value\(s\)"):
        module.pool_forward(X, 2, 2, mode)


def test_conv_output_size_rejects_filter_larger_than_padded_input():
    with pytest.raises(ValueError, match=r"f must be at most the padded input size n \+ 2\*pad = 4 \+ 2\*0 = 4, got f=6"):
        conv.conv_output_size(4, 6, 0, 1)
