"""Checkers for chapter 21, why deep: the XOR block's weights, a verifier over every input, and
the one-hidden-layer counting network."""
import numpy as np

from .. import dense, parity
from ._core import call, passed

__all__ = ["check_xor_block", "check_count_wrong", "check_counting_network"]

_INPUTS = np.array([[0, 0, 1, 1], [0, 1, 0, 1]], dtype=float)   # columns (0,0) (0,1) (1,0) (1,1)


def _params(got, name, dims=None):
    if not isinstance(got, dict):
        raise AssertionError(f"{name} returned a {type(got).__name__}; return a dict "
                             "{'W1': ..., 'b1': ..., 'W2': ..., 'b2': ...}")
    L = len(got) // 2
    want = {f"{p}{l}" for l in range(1, L + 1) for p in "Wb"}
    if L < 1 or set(got) != want:
        raise AssertionError(f"{name} returned the keys {sorted(got)}; a network's parameters are "
                             "W1, b1, ..., WL, bL (layers numbered from 1)")
    out = {}
    for k, v in got.items():
        a = np.asarray(v, dtype=float)
        if a.ndim != 2:
            raise AssertionError(f"{k} has shape {a.shape}; every W[l] is (n[l], n[l-1]) and "
                                 "every b[l] a column (n[l], 1)")
        out[k] = a
    if dims is not None:
        for l in range(1, len(dims)):
            for k, shape in ((f"W{l}", (dims[l], dims[l - 1])), (f"b{l}", (dims[l], 1))):
                if k in out and out[k].shape != shape:
                    raise AssertionError(f"{k} has shape {out[k].shape}, expected {shape}")
    try:
        dense._num_layers(out)
    except ValueError as err:
        raise AssertionError(f"the shapes do not chain: {err}") from None
    return out


def _run(params, X):
    try:
        return dense.model_forward(X, params, "relu", "linear")[0]
    except ValueError as err:
        raise AssertionError(f"the network cannot run on {X.shape[0]} inputs: {err}") from None


def check_xor_block(xor_block):
    """``xor_block()`` -> {"W1" (2, 2), "b1" (2, 1), "W2" (1, 2), "b2" (1, 1)}: two ReLU units
    and a linear output that give exactly a XOR b on the four inputs."""
    p = _params(call(xor_block, "xor_block"), "xor_block", [2, 2, 1])
    out = _run(p, _INPUTS)[0]
    table = np.round(out, 6).tolist()
    if np.allclose(out, [0, 1, 1, 0], atol=1e-9):
        passed("xor_block", "On (0,0), (0,1), (1,0), (1,1) it gives 0, 1, 1, 0.")
        return
    H = np.maximum(p["W1"] @ _INPUTS + p["b1"], 0)
    hint = ""
    if np.allclose(out, [0, 1, 1, 1], atol=1e-9):
        hint = ("this is OR: the unit that fires only on (1,1) must be subtracted twice, "
                "h1 - 2 h2, to bring the output there from 2 down to 0")
    elif np.allclose(out, [0, 0, 0, 1], atol=1e-9):
        hint = "this is AND: the output should be 1 where exactly one input is 1"
    elif np.allclose(out, [0, 1, 1, 2], atol=1e-9):
        hint = ("this is the sum a + b: the second unit must switch on only when both inputs are "
                "1 (bias -1: ReLU(a + b - 1)) and be subtracted twice")
    elif np.allclose(out, [1, 0, 0, 1], atol=1e-9):
        hint = "this is XNOR, the opposite of XOR: the output at (0,0) must be 0"
    elif np.allclose(out, out[0]):
        hint = "the output is the same for every input"
    elif np.allclose(H[0], H[1]):
        hint = ("the two hidden units compute the same thing; give them different biases "
                "(0 and -1) so that one of them fires only on (1,1)")
    raise AssertionError(f"on (0,0), (0,1), (1,0), (1,1) the network gives {table}, XOR is "
                         f"[0, 1, 1, 0]" + (f": {hint}." if hint else "."))


def _nets():
    """(params, n, the number of wrong inputs) for networks with known mistakes."""
    net = parity.minterm_parity(3)        # drop the unit of the last input, (1, 1, 1)
    missing_last = {"W1": net["W1"][:-1], "b1": net["b1"][:-1], "W2": net["W2"][:, :-1],
                    "b2": net["b2"]}
    net = parity.minterm_parity(4)        # drop the unit of the first odd input, (1, 0, 0, 0)
    missing_first = {"W1": net["W1"][1:], "b1": net["b1"][1:], "W2": net["W2"][:, 1:],
                     "b2": net["b2"]}
    first_bit = {"W1": np.eye(4)[:1], "b1": np.zeros((1, 1)), "W2": np.ones((1, 1)),
                 "b2": np.zeros((1, 1))}
    flipped = parity.deep_parity(5)
    L = len(flipped) // 2
    flipped[f"W{L}"], flipped[f"b{L}"] = -flipped[f"W{L}"], 1 - flipped[f"b{L}"]
    return [(parity.deep_parity(4), 4, 0), (missing_last, 3, 1), (missing_first, 4, 1),
            (first_bit, 4, 8), (flipped, 5, 32), (parity.shallow_parity(6), 6, 0)]


def check_count_wrong(count_wrong):
    """``count_wrong(params, n)`` -> the number of the 2ⁿ inputs on which the network (ReLU hidden
    layers, linear output) gives an output on the wrong side of 0.5 of the parity."""
    for params, n, want in _nets():
        got = call(count_wrong, "count_wrong", {k: v.copy() for k, v in params.items()}, n)
        if isinstance(got, (bool, np.bool_)) or np.ndim(got) != 0:
            raise AssertionError(f"count_wrong returned {got!r}; return one number, the count")
        got = float(got)
        if got == want:
            continue
        if want and np.isclose(got, want / 2 ** n):
            raise AssertionError(f"count_wrong returned {got:g}, a fraction of the inputs; return "
                                 f"the number of wrong inputs ({want} of {2 ** n} here)")
        if got == 2 ** n - want:
            raise AssertionError(f"count_wrong returned {got:g}, the number of RIGHT inputs; count "
                                 f"the wrong ones ({want} of {2 ** n} here)")
        if want == 1 and got == 0:
            raise AssertionError(f"the network is wrong on exactly one of the {2 ** n} inputs, "
                                 "the one whose hidden unit was removed, and count_wrong found "
                                 "none: check every input, 0 to 2**n - 1 inclusive (both the "
                                 "all-zero and the all-one inputs)")
        raise AssertionError(f"count_wrong returned {got:g} for a {n}-bit network that is wrong "
                             f"on {want} of the {2 ** n} inputs")
    passed("count_wrong", "It finds the inputs a network gets wrong among all 2**n.")


def check_counting_network(counting_network):
    """``counting_network(n)`` -> a one-hidden-layer network (ReLU, linear output) with at most
    n hidden units that computes the parity of n bits exactly on every input."""
    for n in (1, 2, 3, 5, 8):
        p = _params(call(counting_network, "counting_network", n), f"counting_network({n})")
        if len(p) != 4:
            raise AssertionError(f"counting_network({n}) has {len(p) // 2 - 1} hidden layers; "
                                 "build one hidden layer (W1, b1, W2, b2)")
        units = p["W1"].shape[0]
        if p["W1"].shape[1] != n:
            raise AssertionError(f"W1 of counting_network({n}) has shape {p['W1'].shape}; it "
                                 f"takes the {n} bits, so it needs {n} columns")
        X, Y = parity.parity_data(n)
        out = _run(p, X)
        wrong = int(np.sum(~np.isclose(out, Y, atol=1e-9)))
        if wrong:
            counts = X.sum(axis=0)
            bad = sorted({int(c) for c in counts[~np.isclose(out[0], Y[0], atol=1e-9)]})
            raise AssertionError(f"counting_network({n}) is wrong on {wrong} of the {2 ** n} "
                                 f"inputs, those with {bad} ones; the output must zigzag "
                                 "between 0 and 1 as the count s = 0, 1, 2, ... grows")
        if units > n:
            raise AssertionError(f"counting_network({n}) is right but uses {units} hidden units; "
                                 f"{n} suffice (one kink per count)")
    passed("counting_network", "One hidden layer of n units computes n-bit parity on every input.")
