"""Checkers for chapter 17, activation functions in detail: the leaky ReLU's backward pass and
the norm of every layer's gradient."""
import numpy as np

from ..activations import leaky_relu_backward
from ..diagnostics import layer_gradient_norms
from ._core import call, close, passed, require_array

__all__ = ["check_leaky_relu_backward_ch17", "check_layer_norms_ch17"]


def check_leaky_relu_backward_ch17(leaky_relu_backward_ch17):
    """``leaky_relu_backward_ch17(dA, Z, alpha)`` -> dZ = dA where Z > 0, alpha·dA elsewhere."""
    rng = np.random.default_rng(17)
    Z = rng.normal(0, 2, (4, 6))
    Z[0, 0] = -1e-3     # just below 0, and a few exact zeros (taken as the negative side)
    Z[1, 1] = 0.0
    dA = rng.normal(0, 1, Z.shape)
    for alpha in (0.01, 0.2):
        got = call(leaky_relu_backward_ch17, "leaky_relu_backward_ch17", dA.copy(), Z.copy(),
                   alpha)
        got = require_array(got, f"leaky_relu_backward_ch17(dA, Z, {alpha})")
        want = leaky_relu_backward(dA, Z, alpha)
        require_array(got, f"leaky_relu_backward_ch17(dA, Z, {alpha})", shape=Z.shape)
        if close(got, want):
            continue
        pos = Z > 0
        hints = [
            (np.where(pos, dA, 0.0), "the negative side gives 0, as for the ReLU; the leaky "
                                     "ReLU's slope there is alpha, so dZ = alpha·dA"),
            (np.where(pos, 1.0, alpha), "this is the derivative g'(Z) alone; multiply it by the "
                                        "upstream gradient dA"),
            (np.where(pos, Z, alpha * Z), "this is the forward pass, g(Z); the backward pass "
                                          "returns dZ = dA·g'(Z)"),
            (np.where(pos, dA * Z, alpha * dA * Z), "dA is multiplied by g(Z); multiply it by "
                                                    "the slope g'(Z): 1 or alpha"),
            (np.where(pos, alpha * dA, dA), "the slopes are swapped: 1 for Z > 0, alpha below"),
            (np.where(Z >= 0, dA, alpha * dA), None),
            (np.where(pos, dA, 0.01 * dA), "alpha is fixed at 0.01; use the alpha argument"),
        ]
        for value, hint in hints:
            if close(got, value):
                if hint is None:    # Z = 0 taken as the positive side
                    break
                raise AssertionError(f"leaky_relu_backward_ch17 (alpha = {alpha}) is wrong: "
                                     f"{hint}.")
        else:
            raise AssertionError(f"leaky_relu_backward_ch17 (alpha = {alpha}) has the right "
                                 "shape but wrong values: dZ = dA where Z > 0, alpha·dA "
                                 "elsewhere")
        raise AssertionError("leaky_relu_backward_ch17 is right except at Z = 0 exactly: the "
                             "derivative has a kink there; take the negative side's slope, "
                             "alpha (Z > 0, not Z >= 0), as the package and TensorFlow do")
    passed("leaky_relu_backward_ch17", "dZ = dA for Z > 0, alpha·dA otherwise.")


def _grads(L, seed):
    rng = np.random.default_rng(seed)
    grads = {}
    sizes = [5] + [4] * (L - 1) + [3]
    for l in range(1, L + 1):
        scale = 10.0 ** (l - L)   # earlier layers smaller, as in a network whose gradients vanish
        grads[f"dW{l}"] = scale * rng.normal(0, 1, (sizes[l], sizes[l - 1]))
        grads[f"db{l}"] = scale * rng.normal(0, 1, (sizes[l], 1))
    return grads


def check_layer_norms_ch17(layer_norms_ch17):
    """``layer_norms_ch17(grads)`` -> (dW_norms, db_norms): two arrays of shape (L,), entry l − 1
    the Frobenius norm of dW[l] and the Euclidean norm of db[l], for l = 1..L in order."""
    for L, seed in ((3, 170), (11, 171)):
        grads = _grads(L, seed)
        got = call(layer_norms_ch17, "layer_norms_ch17",
                   {k: v.copy() for k, v in grads.items()})
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            raise AssertionError(f"layer_norms_ch17 should return a pair (dW_norms, db_norms), "
                                 f"got {type(got).__name__}")
        dW, db = (np.asarray(x, dtype=float) if isinstance(x, list) else x for x in got)
        dW = require_array(dW, "dW_norms")
        db = require_array(db, "db_norms")
        want_dW, want_db = layer_gradient_norms(grads)
        if close(dW, want_db) and close(db, want_dW):
            raise AssertionError("the two arrays are swapped: return (dW_norms, db_norms)")
        for got_x, want_x, name, key in ((dW, want_dW, "dW_norms", "dW"),
                                         (db, want_db, "db_norms", "db")):
            if got_x.shape != (L,):
                raise AssertionError(f"{name} has shape {got_x.shape} for L = {L} layers; return "
                                     f"one norm per layer, shape ({L},)")
            if close(got_x, want_x):
                continue
            keys = sorted(k for k in grads if k.startswith(key))   # dW1, dW10, dW11, dW2, ...
            if close(got_x, [np.linalg.norm(grads[k]) for k in keys]):
                raise AssertionError(f"{name} is in the order {', '.join(keys[:4])}, ...: the "
                                     "keys were sorted as text, so layer 10 comes before layer "
                                     "2; loop over l = 1..L and read grads[f'dW{l}']")
            if close(got_x, want_x[::-1]):
                raise AssertionError(f"{name} runs from layer L down to layer 1; return layer "
                                     "1 first")
            if close(got_x, want_x ** 2):
                raise AssertionError(f"{name} holds squared norms; take the square root "
                                     "(np.linalg.norm)")
            if close(got_x, [np.abs(grads[f"{key}{l}"]).max() for l in range(1, L + 1)]):
                raise AssertionError(f"{name} holds the largest absolute entry of each "
                                     "gradient; return the norm, the square root of the sum of "
                                     "squares of all entries")
            if close(got_x, [np.abs(grads[f"{key}{l}"]).mean() for l in range(1, L + 1)]) or \
                    close(got_x, [np.sqrt(np.mean(grads[f"{key}{l}"] ** 2))
                                  for l in range(1, L + 1)]):
                raise AssertionError(f"{name} holds a mean over the entries; return the norm, "
                                     "the square root of the sum of their squares")
            if key == "dW" and close(got_x, [np.linalg.norm(grads[f"dW{l}"], 2)
                                             for l in range(1, L + 1)]):
                raise AssertionError("dW_norms holds the spectral norm (the largest singular "
                                     "value); use the Frobenius norm, np.linalg.norm(dW) with "
                                     "no ord argument")
            raise AssertionError(f"{name} is wrong for L = {L}: got "
                                 f"{np.array2string(got_x, precision=3)}, expected "
                                 f"{np.array2string(want_x, precision=3)}")
    passed("layer_norms_ch17", "‖dW[l]‖ and ‖db[l]‖ for l = 1..L, in numeric order.")
