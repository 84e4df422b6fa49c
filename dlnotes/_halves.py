"""A batch in two halves at once: one half on the calling thread, the other on a helper thread.

NumPy runs an element-wise operation (a copy, a comparison, a product of arrays) on one core,
and its BLAS spreads one matrix product over all of them. A layer's work on a batch splits
better by examples: each half's copies, comparisons and products run beside the other half's,
with one BLAS thread each (NumPy lets go of Python's lock inside all of them). The split
depends only on the batch and the size of the work, never on the machine, so every machine
adds up the same numbers in the same order.
"""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import numpy as np

# Below about this many bytes of work, handing half of it to another thread (tens of
# microseconds) costs more than it saves.
MIN_BYTES = 2**20

_busy = threading.Lock()      # one split at a time: a second caller runs its batch whole
_helper = None
_blas = None
_thread = threading.local()   # .depth: how many split_batches() blocks this thread has open
_opened = threading.Lock()    # guards the two below
_open = 0                     # split_batches() blocks open in all threads
_blas_limit = None            # BLAS at one thread while any block is open
_WARM_UP_WAIT = 60.0          # s: a thread that never reaches the warm-up breaks it, not hangs


def _start():
    global _helper, _blas
    if _helper is None:
        from threadpoolctl import ThreadpoolController

        _blas = ThreadpoolController()
        _helper = ThreadPoolExecutor(1, thread_name_prefix="dlnotes-half")
        with _blas.limit(limits=1, user_api="blas"):
            both = threading.Barrier(2, timeout=_WARM_UP_WAIT)
            second = _helper.submit(_warm_up, both)
            try:
                _warm_up(both)
            finally:
                second.result()                        # the helper's own error, if it had one


def _warm_up(both) -> None:
    """One wide matrix product on this thread while the other thread runs its own.

    Measured on a 2-core AVX2 EPYC with NumPy's OpenBLAS: a product with 64 output columns,
    the width of these layers, ran at half speed (17 against 32 GFLOP/s in float32, and dW's
    product at 11.5 against 31) until a product with a wide right-hand side (512 columns or
    more) had run in the same buffer; after it, they ran at full speed for good. Products that
    run at the same time take separate buffers, so the two threads each run one at once.
    """
    try:
        X, Y = np.ones((64, 512)), np.ones((512, 2048))    # float64: it serves float32 as well
        both.wait()
        X @ Y
        both.wait()                                    # neither buffer freed before both ran
    except BaseException:
        both.abort()                                   # the other thread stops waiting too
        raise


def _depth() -> int:
    return getattr(_thread, "depth", 0)


@contextmanager
def split_batches():
    """Inside this block the layers called from this thread split large batches into halves
    (see :func:`halves`), and NumPy's BLAS runs on one thread, so that two products can run at
    once. Switching the BLAS threads costs about as much as a small layer, so it is done once,
    around a whole loop: by the first block to open (in any thread), undone by the last to
    close. Other threads' layers run whole meanwhile, on that one BLAS thread."""
    global _open, _blas_limit
    with _opened:
        _start()
        if _open == 0:
            _blas_limit = _blas.limit(limits=1, user_api="blas")
        _open += 1
    _thread.depth = _depth() + 1
    try:
        yield
    finally:
        _thread.depth -= 1
        with _opened:
            _open -= 1
            if _open == 0:
                _blas_limit.restore_original_limits()
                _blas_limit = None


def halves(work, m: int, nbytes: int) -> list:
    """``work(part)`` for the two halves ``part = slice(0, h), slice(h, m)`` of a batch of
    ``m`` examples (h = ceil(m / 2)) at the same time, their results in that order; or
    ``[work(slice(0, m))]`` outside a :func:`split_batches` block of this thread, when the work
    (``nbytes``) is too small to gain, when m < 2, or while another split runs (such as the one
    that called this)."""
    if _depth() == 0 or m < 2 or nbytes < MIN_BYTES or not _busy.acquire(blocking=False):
        return [work(slice(0, m))]
    try:
        h = (m + 1) // 2
        second = _helper.submit(work, slice(h, m))
        try:
            first = work(slice(0, h))
        finally:
            second_result = second.result()
        return [first, second_result]
    finally:
        _busy.release()
