"""Helpers for the checkers of chapters 6-9: call the learner's code, compare scalars."""
import numpy as np


def call(fn, name, *args):
    """``fn(*args)``, turning any exception into an AssertionError that names the call.

    A learner's function that crashes on the checker's input (a shape mismatch in ``@``, a
    typo) should read as a failed check with the reason, not as a traceback into the checker.
    """
    try:
        return fn(*args)
    except AssertionError:
        raise
    except Exception as err:  # noqa: BLE001 - any crash of the learner's code is a failed check
        raise AssertionError(f"{name} raised {type(err).__name__}: {err}") from err


def close(got, expected, rtol=1e-7, atol=1e-10):
    """True when ``got`` has the shape of ``expected`` and the same values (NaN never matches)."""
    got, expected = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
    return got.shape == expected.shape and bool(np.allclose(got, expected, rtol=rtol, atol=atol))


def scalar(value, name):
    """``value`` as a Python float; fail unless it is a single finite number."""
    if isinstance(value, (str, bytes)) or np.ndim(value) != 0:
        raise AssertionError(f"{name} should be a single number, got shape {np.shape(value)}; "
                             "sum or average down to a scalar (np.squeeze or float() help)")
    value = float(value)
    if not np.isfinite(value):
        raise AssertionError(f"{name} is {value}; it should be a finite number")
    return value
