"""Progress bars for training loops: shown in a terminal, never in the book's output."""
from __future__ import annotations

import sys


def progress_bar(iterable, progress=None, desc=None):
    """Wrap ``iterable`` in a tqdm bar when ``progress`` is True, or when it is None and stderr
    is a terminal; otherwise return ``iterable`` unchanged."""
    if progress is None:
        progress = hasattr(sys.stderr, "isatty") and sys.stderr.isatty()
    if not progress:
        return iterable
    from tqdm.auto import tqdm

    return tqdm(iterable, desc=desc, leave=False)
