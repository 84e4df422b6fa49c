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
_depth = 0                    # how many split_batches() blocks are open


def _start():
    global _helper, _blas
    if _helper is None:
        from threadpoolctl import ThreadpoolController

        _blas = ThreadpoolController()
        _helper = ThreadPoolExecutor(1, thread_name_prefix="dlnotes-half")


@contextmanager
def split_batches():
    """Inside this block the layers split large batches into halves (see :func:`halves`) and
    NumPy's BLAS runs on one thread, so that two products can run at once. Switching the BLAS
    threads costs about as much as a small layer, so it is done once, around a whole loop."""
    global _depth
    _start()
    with _blas.limit(limits=1, user_api="blas"):
        _depth += 1
        try:
            yield
        finally:
            _depth -= 1


def halves(work, m: int, nbytes: int) -> list:
    """``work(part)`` for the two halves ``part = slice(0, h), slice(h, m)`` of a batch of
    ``m`` examples (h = ceil(m / 2)) at the same time, their results in that order; or
    ``[work(slice(0, m))]`` outside :func:`split_batches`, when the work (``nbytes``) is too
    small to gain, when m < 2, or while another split runs (such as the one that called this)."""
    if _depth == 0 or m < 2 or nbytes < MIN_BYTES or not _busy.acquire(blocking=False):
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
