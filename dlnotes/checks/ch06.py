"""Checkers for chapter 6, logistic regression: the sigmoid and the model's output."""
import numpy as np

from ..activations import sigmoid as _sigmoid
from ._core import call, close, passed, require_array, require_close

__all__ = ["check_sigmoid", "check_logistic_forward"]


def check_sigmoid(stable_sigmoid):
    """``stable_sigmoid(z)`` is σ(z) = 1 / (1 + e^(−z)) element-wise, with no overflow for large |z|."""
    rng = np.random.default_rng(6)
    for z in (rng.normal(0, 3, size=(3, 5)), np.linspace(-6, 6, 13)):
        s = require_array(call(stable_sigmoid, "stable_sigmoid(z)", z), "stable_sigmoid(z)", shape=z.shape,
                          dtype_kind="f")
        expected = _sigmoid(z)
        with np.errstate(over="ignore"):
            if close(s, 1 / (1 + np.exp(z))):
                raise AssertionError("stable_sigmoid(z) computes 1 / (1 + e^z): the sign of the "
                                     "exponent is wrong. σ(z) = 1 / (1 + e^(−z)), so σ(2) > 0.5.")
            if close(s, np.exp(z)) or close(s, 1 / np.exp(-z)):
                raise AssertionError("stable_sigmoid(z) computes e^z: the '1 +' in the denominator "
                                     "is missing, so the output is not confined to (0, 1).")
        if close(s, np.tanh(z)):
            raise AssertionError("stable_sigmoid(z) computes tanh(z), whose range is (−1, 1); the "
                                 "sigmoid is 1 / (1 + e^(−z)), with range (0, 1).")
        require_close(s, expected, "stable_sigmoid(z)", hint="σ(z) = 1 / (1 + e^(−z)) element-wise.")
    big = np.array([-1e4, -1e3, -40.0, 0.0, 40.0, 1e3, 1e4])
    try:
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            s = call(stable_sigmoid, "stable_sigmoid(z) for large |z|", big)
    except AssertionError as err:
        if isinstance(err.__cause__, (FloatingPointError, OverflowError)):
            raise AssertionError(
                f"stable_sigmoid overflows for large |z| ({err.__cause__}): e^(−z) is too large "
                "for a float when z is very negative, and e^z when z is very positive. Compute "
                "e^(−|z|), which lies in (0, 1], and use it in the form that suits the sign "
                "of z.") from None
        raise
    s = require_array(s, "stable_sigmoid(z) for large |z|", shape=big.shape)
    if not np.isfinite(s).all():
        raise AssertionError(f"stable_sigmoid({big.tolist()}) gives {s.tolist()}: not every value is "
                             "finite. e^z / (1 + e^z) is inf / inf = nan for large z.")
    require_close(s, _sigmoid(big), "stable_sigmoid(z) for large |z|", atol=1e-15,
                  hint="far from 0 the sigmoid is 0 or 1 to machine precision.")
    passed("stable_sigmoid", "σ(0) = 0.5, and no overflow even at z = ±10000.")


def _problem(seed, n_x, m):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n_x, 1)), float(rng.normal() + 1.0), rng.normal(size=(n_x, m))


def check_logistic_forward(model_output):
    """``model_output(w, b, X)`` returns ŷ = σ(wᵀX + b) of shape (1, m) for w (n_x, 1), X (n_x, m)."""
    for seed, n_x, m in [(61, 4, 6), (62, 3, 9)]:
        w, b, X = _problem(seed, n_x, m)
        A = require_array(call(model_output, "model_output(w, b, X)", w, b, X),
                          "model_output(w, b, X)")
        z = w.T @ X + b
        expected = _sigmoid(z)
        if A.shape in ((m, 1), (m,)) or (A.shape == (1, m) and m == 1):
            raise AssertionError(f"model_output(w, b, X) has shape {A.shape}; the predictions "
                                 f"of the m = {m} examples belong in one row, shape (1, {m}): "
                                 "use wᵀX (w.T @ X), not Xᵀw.")
        if A.shape != (1, m):
            raise AssertionError(f"model_output(w, b, X) has shape {A.shape}, expected (1, {m}) "
                                 f"for w of shape {w.shape} and X of shape {X.shape}")
        if close(A, z):
            raise AssertionError("model_output returns z = wᵀX + b: apply the sigmoid to it, so "
                                 "the output is a probability in (0, 1).")
        if close(A, _sigmoid(w.T @ X)):
            raise AssertionError("model_output ignores the bias b: ŷ = σ(wᵀX + b).")
        if close(A, _sigmoid(-z)):
            raise AssertionError("model_output returns σ(−(wᵀX + b)) = 1 − ŷ: a sign is wrong.")
        if close(A, _sigmoid(w.T @ X) + b):
            raise AssertionError("model_output adds b after the sigmoid; the bias goes inside: "
                                 "σ(wᵀX + b).")
        require_close(A, expected, "model_output(w, b, X)", hint="ŷ = σ(wᵀX + b).")
    passed("logistic forward", f"ŷ has shape (1, {m}), one probability per example.")
