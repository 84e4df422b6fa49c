"""dlnotes._halves: a batch split in two halves, one on a helper thread, gives the numbers of
the whole batch, the same numbers every time, and never splits twice or leaves a lock held."""
import threading

import numpy as np
import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from dlnotes import _halves, cnn, conv
from dlnotes._halves import halves, split_batches


def blas_threads():
    return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]


def recording():
    """A work function that records its parts and the thread each ran on."""
    seen = []

    def work(part):
        seen.append((part, threading.current_thread().name))
        return part.stop - part.start
    return work, seen


def test_outside_split_batches_the_batch_runs_whole():
    work, seen = recording()
    assert halves(work, 10, 2**30) == [10]
    assert seen == [(slice(0, 10), threading.current_thread().name)]


def test_inside_two_halves_run_one_on_a_helper_thread():
    work, seen = recording()
    with split_batches():
        assert halves(work, 5, _halves.MIN_BYTES) == [3, 2]      # results in batch order
    parts = {(part.start, part.stop): thread for part, thread in seen}
    assert set(parts) == {(0, 3), (3, 5)}
    assert parts[0, 3] == threading.current_thread().name
    assert parts[3, 5].startswith("dlnotes-half")


@pytest.mark.parametrize("m, nbytes", [(1, 2**30), (0, 2**30), (8, _halves.MIN_BYTES - 1)])
def test_small_or_single_example_work_is_not_split(m, nbytes):
    work, seen = recording()
    with split_batches():
        assert halves(work, m, nbytes) == [m]
    assert [part for part, _ in seen] == [slice(0, m)]


def test_a_split_inside_a_half_runs_whole_and_does_not_wait_for_itself():
    inner = []

    def work(part):
        inner.append(halves(lambda p: (p.start, p.stop), part.stop - part.start, 2**30))
        return part

    with split_batches():
        halves(work, 6, 2**30)
    assert sorted(inner) == [[(0, 3)], [(0, 3)]]


def test_an_error_in_either_half_comes_out_and_the_next_split_still_splits():
    for bad in (slice(0, 2), slice(2, 4)):
        def work(part):
            if part == bad:
                raise ZeroDivisionError(f"half {part}")
            return part

        with split_batches():
            with pytest.raises(ZeroDivisionError, match="half"):
                halves(work, 4, 2**30)
    work, seen = recording()
    with split_batches():
        assert halves(work, 4, 2**30) == [2, 2]


def test_blas_runs_one_thread_inside_and_as_before_after():
    before = blas_threads()
    with split_batches():
        assert all(n == 1 for n in blas_threads())
        with split_batches():                           # nested blocks are allowed
            assert all(n == 1 for n in blas_threads())
        assert _halves._depth() == 1 and all(n == 1 for n in blas_threads())
    assert blas_threads() == before and _halves._depth() == 0


def in_thread(task):
    """task() on a new thread; its result, or the error it raised, comes back here."""
    box = {}

    def run():
        try:
            box["result"] = task()
        except BaseException as error:              # handed back to the test below
            box["error"] = error
    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive(), "the other thread did not finish"
    if "error" in box:
        raise box["error"]
    return box["result"]


def test_another_threads_layers_run_whole_while_this_thread_splits():
    # Only the thread that opened split_batches() splits: a conv call from another thread at
    # the same time (a notebook's display thread, a server) runs its batch whole.
    work, seen = recording()
    with split_batches():
        assert in_thread(lambda: halves(work, 8, 2**30)) == [8]
        assert halves(work, 8, 2**30) == [4, 4]
    assert [part for part, _ in seen] == [slice(0, 8), slice(0, 4), slice(4, 8)]


def test_blocks_in_two_threads_that_close_out_of_order_restore_blas_once_both_are_closed():
    # Thread A opens, thread B opens, A closes (B still runs: BLAS stays at one thread), B
    # closes (BLAS as before). The steps are ordered with events, so the test is deterministic.
    before = blas_threads()
    opened_a, opened_b, closed_a, seen_by_b = (threading.Event() for _ in range(4))
    observed = {}

    def thread_b():
        opened_a.wait(30)
        with split_batches():
            opened_b.set()
            closed_a.wait(30)
            observed["B after A closed"] = blas_threads()
            observed["B splits"] = halves(lambda p: p.stop - p.start, 6, 2**30)
            seen_by_b.set()
        observed["after both"] = blas_threads()

    b = threading.Thread(target=thread_b)
    b.start()
    with split_batches():
        opened_a.set()
        opened_b.wait(30)
    closed_a.set()
    seen_by_b.wait(30)
    b.join(30)
    assert not b.is_alive()
    assert all(n == 1 for n in observed["B after A closed"])
    assert observed["B splits"] == [3, 3]
    assert observed["after both"] == before and blas_threads() == before
    assert _halves._open == 0 and _halves._depth() == 0


@pytest.fixture
def fresh_helper(monkeypatch):
    """_halves as before its first split: no helper thread yet (the old one is put back)."""
    monkeypatch.setattr(_halves, "_helper", None)
    yield
    if _halves._helper is not None:
        _halves._helper.shutdown()


def test_the_first_split_warms_blas_with_one_product_on_each_thread_at_once(
        fresh_helper, monkeypatch):
    # Both threads must be inside the warm-up at the same time (each takes its own BLAS
    # buffer), with BLAS at one thread; the barrier in _warm_up times out if they are not.
    calls = []
    real = _halves._warm_up

    def spy(both):
        calls.append((threading.current_thread().name, blas_threads(), both.parties))
        real(both)
    monkeypatch.setattr(_halves, "_warm_up", spy)
    with threadpool_limits(2, user_api="blas"):         # so that "one thread" is a change
        before = blas_threads()
        with split_batches():
            pass
        with split_batches():                          # the second block does not warm again
            pass
        assert blas_threads() == before == [2] * len(before)
    names = {name for name, _, _ in calls}
    assert len(calls) == 2 and threading.current_thread().name in names
    assert any(name.startswith("dlnotes-half") for name in names)
    assert all(all(n == 1 for n in threads) and parties == 2 for _, threads, parties in calls)


def test_an_error_in_the_helpers_warm_up_comes_out_and_does_not_hang(fresh_helper, monkeypatch):
    real_ones = np.ones

    def ones(*args, **kwargs):
        if threading.current_thread().name.startswith("dlnotes-half"):
            raise MemoryError("helper could not allocate")
        return real_ones(*args, **kwargs)
    monkeypatch.setattr(_halves.np, "ones", ones)
    # The main thread must stop waiting because the helper gave up, not because the wait ran
    # out: with a wait far beyond in_thread's 60 s, a warm-up that does not abort fails here.
    monkeypatch.setattr(_halves, "_WARM_UP_WAIT", 3600.0)
    before = blas_threads()
    with pytest.raises(MemoryError, match="helper could not allocate"):
        in_thread(_halves._start)
    assert blas_threads() == before


# ---- the layers, split and whole

def layer_results(A, W, b, dZ_seed):
    Z, cache = conv.conv_forward(A, W, b, 2, 1)
    dZ = np.random.default_rng(dZ_seed).standard_normal(Z.shape).astype(A.dtype)
    out = {"Z": Z}
    out["dA"], out["dW"], out["db"] = conv.conv_backward(dZ, cache)
    R = np.maximum(Z, 0)                               # ReLU: many tied zeros in the windows
    for f, s, mode in [(2, 2, "max"), (3, 1, "max"), (3, 2, "max"), (2, 1, "average")]:
        P, pool_cache = conv.pool_forward(R, f, s, mode)
        dP = np.random.default_rng(dZ_seed + 1).standard_normal(P.shape).astype(A.dtype)
        out[f"P {f} {s} {mode}"] = P
        out[f"dR {f} {s} {mode}"] = conv.pool_backward(dP, pool_cache)
    return out


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_split_layers_give_the_whole_batch_numbers_and_the_same_numbers_twice(monkeypatch, dtype):
    rng = np.random.default_rng(7)
    A = rng.standard_normal((7, 12, 11, 3)).astype(dtype)       # odd batch: halves of 4 and 3
    W = rng.standard_normal((3, 3, 3, 5)).astype(dtype)
    b = rng.standard_normal(5).astype(dtype)
    whole = layer_results(A, W, b, 1)
    monkeypatch.setattr(_halves, "MIN_BYTES", 0)                # split even these small arrays
    with split_batches():
        split, again = layer_results(A, W, b, 1), layer_results(A, W, b, 1)
    tol = 1e-12 if dtype == np.float64 else 1e-5
    for key, want in whole.items():
        assert split[key].dtype == want.dtype, key
        if key in ("dW", "db"):                     # a sum of two half sums: rounding only
            np.testing.assert_allclose(split[key], want, rtol=tol, atol=tol, err_msg=key)
        else:                                       # each example's numbers are its own
            np.testing.assert_allclose(split[key], want, rtol=tol, atol=0, err_msg=key)
        np.testing.assert_array_equal(again[key], split[key], err_msg=f"{key}, second run")


def test_one_input_channel_takes_the_transposed_columns_and_agrees_with_several():
    # The n_C_prev = 1 path against the same numbers computed as two identical channels with
    # the filter halved: a different path through _columns, the same convolution.
    rng = np.random.default_rng(3)
    A = rng.standard_normal((3, 9, 10, 1))
    W = rng.standard_normal((3, 3, 1, 4))
    b = rng.standard_normal(4)
    Z, cache = conv.conv_forward(A, W, b, 2, 1)
    Z2, cache2 = conv.conv_forward(np.repeat(A, 2, axis=3), np.repeat(W, 2, axis=2) / 2, b, 2, 1)
    np.testing.assert_allclose(Z, Z2, rtol=1e-12, atol=1e-12)
    dZ = rng.standard_normal(Z.shape)
    dA, dW, db = conv.conv_backward(dZ, cache)
    dA2, dW2, db2 = conv.conv_backward(dZ, cache2)
    np.testing.assert_allclose(dA, dA2.sum(axis=3, keepdims=True), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(dW, dW2[:, :, :1], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(db, db2, rtol=1e-12, atol=1e-12)


def test_relu_then_max_pool_backward_equals_the_two_steps_apart():
    # cnn.backward applies the ReLU's mask to the pooled gradient; a dropout layer of rate 0
    # (which does nothing) between the two stops that, so both orders are compared. The
    # images are mostly 0 and the conv biases positive, zero or very negative, so windows hold
    # tied positive maxima, tied zeros where Z = 0, and maxima of 0 where Z < 0 everywhere.
    rng = np.random.default_rng(11)
    X = np.where(rng.random((6, 10, 10, 1)) < 0.95, 0.0, rng.random((6, 10, 10, 1)))
    y = rng.integers(0, 3, 6)
    # Max pooling with overlapping windows, then average pooling (which has no such shortcut).
    fused = [cnn.conv_layer(4, 3), cnn.relu_layer(), cnn.pool_layer(3, 1),
             cnn.conv_layer(3, 2), cnn.relu_layer(), cnn.pool_layer(2, 2, "average"),
             cnn.flatten_layer(), cnn.dense_layer(3)]
    apart = fused[:2] + [cnn.dropout_layer(0)] + fused[2:5] + [cnn.dropout_layer(0)] + fused[5:]
    params = cnn.init_params(fused, X.shape[1:], seed=2, dtype=np.float64)
    params["b1"][:] = [0.3, -50, 0, 0.3]
    params["b2"][:] = 0.2
    cost, grads = cnn.cost_and_grads(X, y, params, fused)
    cost_apart, grads_apart = cnn.cost_and_grads(X, y, params, apart)
    assert cost == cost_apart
    for key in grads:
        np.testing.assert_array_equal(grads[key], grads_apart[key], err_msg=key)
    A1, _ = conv.conv_forward(X, params["W1"], params["b1"])
    P1 = conv.pool_forward(np.maximum(A1, 0), 3, 1)[0]
    assert (P1[..., 0] == 0.3).any() and (P1[..., 1] == 0).all() and (A1[..., 2] == 0).any()
