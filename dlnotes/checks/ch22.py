"""Checkers for chapter 22, parameters and hyperparameters: counting a network's parameters, and
drawing a hyperparameter uniformly on a log scale."""
import numpy as np

from .. import dense
from ._core import call, passed

__all__ = ["check_count_params", "check_log_uniform"]


def check_count_params(count_params):
    """``count_params(layer_dims)`` -> the number of entries of every W[l] (n[l], n[l−1]) and
    b[l] (n[l], 1) of a network with layer sizes [n[0], ..., n[L]]."""
    for dims in ([3, 5, 4], [3, 1], [2, 4, 1], [64, 16, 10], [12288, 20, 7, 5, 1]):
        want = sum(v.size for v in dense.init_params(dims, "zeros").values())
        got = call(count_params, "count_params", list(dims))
        if isinstance(got, (bool, np.bool_)) or np.ndim(got) != 0 or not np.isfinite(float(got)):
            raise AssertionError(f"count_params returned {got!r}; return one whole number")
        got = float(got)
        if got == want:
            continue
        L = len(dims) - 1
        weights = sum(dims[l] * dims[l - 1] for l in range(1, L + 1))
        units = sum(dims[1:])
        if got == weights:
            raise AssertionError(f"count_params({dims}) = {got:g} counts the weights only; every "
                                 f"unit also has a bias, {units} more")
        if got == weights + sum(dims[:-1]):
            raise AssertionError(f"count_params({dims}) = {got:g} gives a bias to each input of a "
                                 "layer; b[l] has one entry per unit of layer l, n[l]")
        if got == units:
            raise AssertionError(f"count_params({dims}) = {got:g} counts the units; count the "
                                 "entries of W[l] and b[l]")
        if got == sum(dims[l] * (dims[l - 1] + 1) for l in range(1, L)):
            raise AssertionError(f"count_params({dims}) = {got:g} leaves out the output layer "
                                 "(loop over l = 1..L inclusive)")
        if got == sum(dims[l] * dims[l - 1] for l in range(1, L + 1)) + len(dims):
            raise AssertionError(f"count_params({dims}) = {got:g}: one bias per layer; b[l] is a "
                                 "column with one bias per unit")
        raise AssertionError(f"count_params({dims}) = {got:g}, expected {want}: "
                             "Σ_l n[l] · n[l-1] + n[l]")
    passed("count_params", "The count is Σ_l n[l] (n[l-1] + 1) for every network tried.")


def _decades(x, lo, hi):
    edges = np.logspace(np.log10(lo), np.log10(hi), 5)
    return np.histogram(x, bins=edges)[0] / len(x)


def check_log_uniform(log_uniform):
    """``log_uniform(low, high, size, rng)`` -> an array of ``size`` draws, uniform on a log
    scale between low and high (10^u with u uniform in [log₁₀ low, log₁₀ high]), from ``rng``."""
    lo, hi, size = 1e-4, 1.0, 20000
    got = call(log_uniform, "log_uniform", lo, hi, size, np.random.default_rng(22))
    if not isinstance(got, np.ndarray):
        raise AssertionError(f"log_uniform returned a {type(got).__name__}; return a NumPy array")
    if got.shape != (size,):
        raise AssertionError(f"log_uniform(..., size={size}, ...) has shape {got.shape}; "
                             f"expected ({size},)")
    rng = np.random.default_rng(22)
    want = 10 ** rng.uniform(np.log10(lo), np.log10(hi), size)
    if not np.allclose(got, want, rtol=1e-9, atol=0):
        u10 = np.random.default_rng(22).uniform(np.log10(lo), np.log10(hi), size)
        ue = np.random.default_rng(22).uniform(np.log(lo), np.log(hi), size)
        if np.allclose(got, 10 ** ue) or np.allclose(got, np.exp(u10)):
            raise AssertionError("the exponent and the power use different bases: 10** undoes "
                                 "np.log10, np.exp undoes np.log; do not mix them")
        if not np.all(np.isfinite(got)) or got.min() < lo * (1 - 1e-9) or \
                got.max() > hi * (1 + 1e-9):
            raise AssertionError(f"the draws run from {got.min():.3g} to {got.max():.3g}, "
                                 f"outside [{lo:g}, {hi:g}]")
        share = _decades(got, lo, hi)
        if share[-1] > 0.6:
            raise AssertionError(f"{share[-1]:.0%} of the draws fall in the top decade "
                                 f"[{hi / 10:g}, {hi:g}]: they are uniform on the linear scale. "
                                 "Draw the exponent u uniformly, then take 10**u")
        if np.any(np.abs(share - 0.25) > 0.02):
            raise AssertionError("the share of draws in each decade is "
                                 f"{np.round(share, 3).tolist()}; a log-uniform draw puts a "
                                 "quarter in each of the four decades from 1e-4 to 1")
        again = call(log_uniform, "log_uniform", lo, hi, size, np.random.default_rng(22))
        if not np.allclose(again, got):
            raise AssertionError("two calls with the same rng seed give different draws: draw "
                                 "from the rng you are given, not from NumPy's global state")
    one = call(log_uniform, "log_uniform", 0.5, 0.5, 3, np.random.default_rng(0))
    if not np.allclose(np.asarray(one, dtype=float), 0.5):
        raise AssertionError(f"log_uniform(0.5, 0.5, 3, rng) gave {one!r}; with low = high every "
                             "draw is that value")
    passed("log_uniform", "A quarter of the draws in each decade from 1e-4 to 1.")
