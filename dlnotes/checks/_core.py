"""Shared pieces of the checkers: uniform pass messages, calling the learner's code, and
comparisons that explain."""
import numpy as np


def passed(name: str, detail: str = "") -> None:
    """Print the one-line pass message every checker ends with."""
    print(f"✔ {name}: correct." + (f" {detail}" if detail else ""))


def require_array(value, name: str, shape=None, dtype_kind: str | None = None) -> np.ndarray:
    """Fail unless ``value`` is a NumPy array (of ``shape`` and dtype kind, when given)."""
    if not isinstance(value, np.ndarray):
        raise AssertionError(f"{name} should be a NumPy array, got {type(value).__name__}")
    if shape is not None and value.shape != tuple(shape):
        raise AssertionError(f"{name} has shape {value.shape}, expected {tuple(shape)}")
    if dtype_kind is not None and value.dtype.kind not in dtype_kind:
        raise AssertionError(f"{name} has dtype {value.dtype}, expected a "
                             f"{'floating-point' if dtype_kind == 'f' else dtype_kind} array")
    return value


def require_close(got, expected, name: str, hint: str = "", rtol=1e-7, atol=1e-9) -> None:
    """Fail, with the worst element and ``hint``, unless ``got`` equals ``expected``."""
    got = np.asarray(got)
    expected = np.asarray(expected)
    if got.shape != expected.shape:
        raise AssertionError(f"{name} has shape {got.shape}, expected {expected.shape}")
    if not np.allclose(got, expected, rtol=rtol, atol=atol):
        bad = np.unravel_index(np.argmax(np.abs(got - expected)), got.shape) if got.ndim else ()
        raise AssertionError(
            f"{name} is wrong: at index {tuple(int(i) for i in bad)} it is {got[bad]!r}, "
            f"expected {expected[bad]!r}." + (f" {hint}" if hint else ""))

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
