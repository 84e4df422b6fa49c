"""Argument checks shared by the dense-network modules.

Every failure is a ``ValueError`` (or ``TypeError``) that names the argument, the shape it got
and the shape it needs, so a mistake never broadcasts silently into a wrong answer.
"""
from __future__ import annotations

import numpy as np


def array(x, name: str, ndim: int | None = None, finite: bool = True) -> np.ndarray:
    """``x`` as a floating-point array (float32 stays float32, anything else becomes float64)."""
    try:
        a = np.asarray(x)
    except Exception as err:  # ragged lists and the like
        raise TypeError(f"{name} must be array-like, got {type(x).__name__}: {err}") from None
    if a.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold numbers, got dtype {a.dtype}")
    if a.dtype not in (np.float32, np.float64):
        a = a.astype(np.float64)
    if ndim is not None and a.ndim != ndim:
        raise ValueError(f"{name} must be a {ndim}-D array, got shape {a.shape}")
    if finite and not np.isfinite(a).all():
        bad = int(a.size - np.isfinite(a).sum())
        raise ValueError(f"{name} (shape {a.shape}) contains {bad} NaN or inf value(s)")
    return a


def same_shape(a: np.ndarray, a_name: str, b: np.ndarray, b_name: str) -> None:
    if a.shape != b.shape:
        raise ValueError(f"{a_name} has shape {a.shape} but {b_name} has shape {b.shape}; "
                         f"they must match")


def labels01(Y: np.ndarray, name: str = "Y") -> None:
    """Fail unless every entry of ``Y`` is 0 or 1."""
    bad = (Y != 0) & (Y != 1)
    if bad.any():
        raise ValueError(f"{name} (shape {Y.shape}) must hold only labels 0 and 1; got "
                         f"{np.unique(Y[bad])[:5].tolist()}")


def generator(seed) -> np.random.Generator:
    """A NumPy Generator from a seed (int or None) or the Generator itself."""
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None or isinstance(seed, (int, np.integer)):
        return np.random.default_rng(seed)
    raise TypeError(f"seed must be an int, None or a numpy.random.Generator, "
                    f"got {type(seed).__name__}")


def positive_int(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)
