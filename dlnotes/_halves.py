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


def _start():
    global _helper, _blas
    if _helper is None:
        from threadpoolctl import ThreadpoolController

        _blas = ThreadpoolController()
        _helper = ThreadPoolExecutor(1, thread_name_prefix="dlnotes-half")


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
