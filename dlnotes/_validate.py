"""Argument checks shared by every public function of the package.

Every failure is a ``ValueError`` (wrong value) or ``TypeError`` (wrong kind of object) whose
message has one form: the argument's name, what it needs, what it got, e.g.

    learning_rate must be a finite number > 0, got -0.1
    X must be a 2-D array (n_x, m), got shape (5,)

Public functions call these at their entry, before they change anything; loops inside the
package call private, unchecked helpers, so the checks cost once per call, not per step.
"""
from __future__ import annotations

import numbers

import numpy as np


def _got(x) -> str:
    """A short description of a value for an error message."""
    if isinstance(x, np.ndarray):
        return f"an array of shape {x.shape} and dtype {x.dtype}"
    text = repr(x)
    return text if len(text) <= 60 else f"a {type(x).__name__}"


def all_finite(a: np.ndarray) -> bool:
    """True when the float array ``a`` holds no NaN or inf. The dot product of its numbers
    with themselves, one quick BLAS call, is NaN or inf if any of them is; only a non-finite
    result (possibly an overflow of large finite numbers) or a scattered view needs the
    element-wise test."""
    if a.size == 0:
        return True
    if a.flags.c_contiguous or a.flags.f_contiguous:
        flat = a.ravel(order="K")                          # a view: no copy
        with np.errstate(over="ignore", invalid="ignore"):     # overflow is looked at below
            if np.isfinite(flat @ flat):
                return True
    return bool(np.isfinite(a).all())


def require_finite(a: np.ndarray, name: str) -> None:
    if not all_finite(a):
        bad = int(a.size - np.isfinite(a).sum())
        raise ValueError(f"{name} must hold finite numbers, got {bad} NaN or inf value(s) in "
                         f"an array of shape {a.shape}")


def array(x, name: str, ndim: int | None = None, finite: bool = True,
          need: str | None = None, dtype=None) -> np.ndarray:
    """``x`` as a floating-point array (float32 stays float32, other numbers become float64,
    or all become ``dtype`` when it is given).

    ``ndim``: the number of dimensions it must have (``need`` describes the shape, e.g.
    "(n_x, m)"); ``finite``: refuse NaN and inf.
    """
    if isinstance(x, np.ndarray) and x.dtype in (np.float64, np.float32):
        a = x
    else:
        if isinstance(x, (str, bytes, dict, set)) or x is None:
            raise TypeError(f"{name} must be an array of numbers, got {_got(x)}")
        try:
            a = np.asarray(x)
        except Exception:  # ragged lists and the like
            raise TypeError(f"{name} must be an array of numbers (a regular grid, not a "
                            f"ragged list), got {_got(x)}") from None
        if a.dtype.kind not in "biuf":
            raise TypeError(f"{name} must be an array of real numbers, got dtype {a.dtype}")
        if a.dtype not in (np.float32, np.float64):
            a = a.astype(np.float64)
    if ndim is not None and a.ndim != ndim:
        shape = f" {need}" if need else ""
        raise ValueError(f"{name} must be a {ndim}-D array{shape}, got shape {a.shape}")
    if finite:
        require_finite(a, name)
    return a if dtype is None else a.astype(dtype, copy=False)


def same_shape(a: np.ndarray, a_name: str, b: np.ndarray, b_name: str) -> None:
    if a.shape != b.shape:
        raise ValueError(f"{a_name} must have the shape of {b_name}, {b.shape}, got shape "
                         f"{a.shape}")


def labels01(Y: np.ndarray, name: str = "Y") -> None:
    """Fail unless every entry of ``Y`` is 0 or 1."""
    bad = (Y != 0) & (Y != 1)
    if bad.any():
        raise ValueError(f"{name} must hold only labels 0 and 1, got "
                         f"{np.unique(Y[bad])[:5].tolist()} (in an array of shape {Y.shape})")


def one_hot(Y: np.ndarray, name: str = "Y") -> None:
    """Fail unless every column of ``Y`` holds one 1 and zeros."""
    labels01(Y, name)
    if not np.all(Y.sum(axis=0) == 1):
        raise ValueError(f"{name} must be one-hot (each column exactly one 1), got column sums "
                         f"{np.unique(Y.sum(axis=0))[:5].tolist()} (shape {Y.shape})")


def at_least_one_example(a: np.ndarray, name: str, axis: int = 1) -> None:
    if a.shape[axis] == 0:
        raise ValueError(f"{name} must hold at least one example (m >= 1), got shape {a.shape}")


def number(x, name: str, lo=None, hi=None, lo_open: bool = False, hi_open: bool = False) -> float:
    """``x`` as a Python float: a finite real number (a NumPy scalar or 0-d array is fine) in
    the range [lo, hi] (``lo_open``/``hi_open`` exclude an end; None leaves it open).

    Always a ValueError, as for :func:`integer`: None or "0.1" is a bad value for a number."""
    lo_s = "" if lo is None else f"{'>' if lo_open else '>='} {lo:g}"
    hi_s = "" if hi is None else f"{'<' if hi_open else '<='} {hi:g}"
    need = " and ".join(s for s in (lo_s, hi_s) if s)
    need = f"a finite number{' ' + need if need else ''}"
    if isinstance(x, (bool, np.bool_)) or not (
            isinstance(x, numbers.Real) or (isinstance(x, np.ndarray) and x.ndim == 0
                                            and x.dtype.kind in "iuf")):
        raise ValueError(f"{name} must be {need}, got {_got(x)}")
    v = float(x)
    if not np.isfinite(v) or (lo is not None and (v < lo or (lo_open and v == lo))) or \
            (hi is not None and (v > hi or (hi_open and v == hi))):
        raise ValueError(f"{name} must be {need}, got {x!r}")
    return v


def integer(x, name: str, lo: int = 1, hi: int | None = None) -> int:
    """``x`` as a Python int (NumPy integers are fine; bools and floats are not) >= lo.

    Always a ValueError, also for a float or a string: the argument is a size or a count, and
    3.5 is a bad value for it."""
    need = {0: "a non-negative integer", 1: "a positive integer"}.get(lo, f"an integer >= {lo}")
    if hi is not None:
        need = f"an integer from {lo} to {hi}"
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, numbers.Integral) or x < lo or \
            (hi is not None and x > hi):
        raise ValueError(f"{name} must be {need}, got {_got(x)}")
    return int(x)


def positive_int(value, name: str) -> int:
    return integer(value, name, 1)


def choice(x, name: str, options) -> str:
    """``x`` if it is one of ``options`` (strings), else a ValueError listing them."""
    if not isinstance(x, str) or x not in options:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, options))}, got {_got(x)}")
    return x


def generator(seed, name: str = "seed") -> np.random.Generator:
    """A NumPy Generator from a seed (a non-negative int or None) or the Generator itself."""
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None:
        return np.random.default_rng()
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"{name} must be a non-negative int, None or a numpy.random.Generator, "
                        f"got {_got(seed)}")
    if seed < 0:
        raise ValueError(f"{name} must be a non-negative int, None or a numpy.random.Generator, "
                         f"got {seed!r}")
    return np.random.default_rng(int(seed))


def function(f, name: str):
    if not callable(f):
        raise TypeError(f"{name} must be a function, got {_got(f)}")
    return f


def mapping(d, name: str, what: str = "a dict") -> dict:
    if not isinstance(d, dict):
        raise TypeError(f"{name} must be {what}, got {_got(d)}")
    return d


def array_dict(d, name: str, what: str = "a dict of arrays", finite: bool = True) -> dict:
    """Check that ``d`` is a dict of real arrays (finite unless told otherwise); returns
    ``{key: array}`` without changing ``d``."""
    mapping(d, name, what)
    return {k: array(v, f"{name}[{k!r}]", finite=finite) for k, v in d.items()}


def sequence(x, name: str, length: int | None = None, what: str = "a tuple") -> tuple:
    """``x`` as a tuple (a tuple or list, of ``length`` items when given)."""
    if not isinstance(x, (tuple, list)) or (length is not None and len(x) != length):
        size = f" of {length} items" if length is not None else ""
        got = f"a {type(x).__name__} of {len(x)} items" if isinstance(x, (tuple, list)) \
            else _got(x)
        raise TypeError(f"{name} must be {what}{size}, got {got}")
    return tuple(x)


def float_dtype(dtype, name: str = "dtype") -> np.dtype:
    """``dtype`` as a NumPy floating-point dtype (float16, float32 or float64)."""
    try:
        d = np.dtype(dtype)
    except TypeError:
        raise TypeError(f"{name} must be a floating-point dtype such as numpy.float64, got "
                        f"{_got(dtype)}") from None
    if d.kind != "f":
        raise ValueError(f"{name} must be a floating-point dtype such as numpy.float64, got {d}")
    return d


def shape(x, name: str = "shape", ndims=None) -> tuple:
    """``x`` as a tuple of positive ints (a tuple or list; ``ndims``: the lengths allowed)."""
    if isinstance(x, (str, bytes)) or not isinstance(x, (tuple, list, np.ndarray)):
        raise TypeError(f"{name} must be a tuple of positive integers, got {_got(x)}")
    out = tuple(integer(s, f"{name}[{i}]") for i, s in enumerate(x))
    if ndims is not None and len(out) not in ndims:
        raise ValueError(f"{name} must have {' or '.join(map(str, ndims))} sizes, got {out}")
    return out


def records(rows, name: str, keys: dict, made_by: str) -> list:
    """``rows`` checked as a non-empty list of dicts, as ``made_by`` returns them: ``keys`` maps
    each key the dicts must hold to what its value must be: None, a fraction in [-1, 1] (an
    accuracy or a gap); an int lo, an integer >= lo; a float lo, a number >= lo. Returns the
    list unchanged."""
    what = f"a non-empty list of the row dicts that {made_by} returns"
    rows = sequence(rows, name, what=what)
    if not rows:
        raise ValueError(f"{name} must be {what}, got an empty list")
    for i, r in enumerate(rows):
        if not isinstance(r, dict) or not set(keys) <= set(r):
            raise TypeError(f"{name}[{i}] must be a dict with keys {sorted(keys)}, got {_got(r)}")
        for k, lo in keys.items():
            if lo is None:
                number(r[k], f"{name}[{i}][{k!r}]", lo=-1, hi=1)
            elif isinstance(lo, float):
                number(r[k], f"{name}[{i}][{k!r}]", lo=lo)
            else:
                integer(r[k], f"{name}[{i}][{k!r}]", lo)
    return list(rows)


def integers(x, name: str, lo: int = 0, hi: int | None = None,
             what: str = "a sequence of integers") -> list:
    """``x`` (a list, tuple, range or 1-D integer array) as a list of Python ints, each checked
    by :func:`integer` (``lo``, ``hi``) and named ``name[i]`` in a message."""
    if isinstance(x, np.ndarray) and x.ndim == 1 and x.dtype.kind in "iu":
        x = x.tolist()
    if not isinstance(x, (list, tuple, range)):
        raise TypeError(f"{name} must be {what}, got {_got(x)}")
    return [integer(v, f"{name}[{i}]", lo, hi) for i, v in enumerate(x)]


def numbers_list(x, name: str, lo=None, hi=None, what: str = "a sequence of numbers") -> list:
    """``x`` (a list, tuple or 1-D real array) as a list of Python floats, each checked by
    :func:`number` (``lo``, ``hi``) and named ``name[i]`` in a message."""
    if isinstance(x, np.ndarray) and x.ndim == 1 and x.dtype.kind in "iuf":
        x = x.tolist()
    if not isinstance(x, (list, tuple, range)):
        raise TypeError(f"{name} must be {what}, got {_got(x)}")
    return [number(v, f"{name}[{i}]", lo, hi) for i, v in enumerate(x)]
