"""n-bit parity: the data, three networks built by hand, and a check over every input.

Parity of n bits x = (x_1, ..., x_n) ∈ {0, 1}ⁿ is y = (x_1 + ... + x_n) mod 2. There are only
2ⁿ inputs, so a network can be verified on all of them. The hand-built networks are ``dense``
parameter dicts {"W1", "b1", ..., "WL", "bL"} with ReLU hidden units and a linear output
(run them with ``dense.model_forward(X, params, "relu", "linear")``):

- :func:`deep_parity`: a balanced tree of XOR blocks, ⌈log₂ n⌉ hidden layers and about 2n units;
- :func:`sawtooth_parity`: the count s = Σ x_i folded k = ⌈log₂ n⌉ times by a tent map,
  k + 1 hidden layers of at most 2 units, 1 + 2k units in all;
- :func:`shallow_parity`: one hidden layer of n units that count the ones, s = Σ x_i;
- :func:`minterm_parity`: one hidden layer with one AND-like unit per odd input, 2ⁿ⁻¹ units.

An XOR block on two values a, b ∈ {0, 1} is two ReLU units, h₁ = ReLU(a + b) and
h₂ = ReLU(a + b − 1), and the output h₁ − 2 h₂ = a XOR b.
"""
from __future__ import annotations

from typing import NamedTuple

import math

import numpy as np

from . import dense
from ._validate import choice, integer, mapping

__all__ = ["MAX_BITS", "parity_data", "deep_parity", "sawtooth_parity", "shallow_parity",
           "minterm_parity", "edge_cut_bound", "hidden_units", "verify", "Verification"]

MAX_BITS = 16          # 2**16 inputs; beyond that "every input" stops being cheap


def _bits(n, lo=1):
    return integer(n, "n", lo, MAX_BITS)


def _all_inputs(n):
    codes = np.arange(2 ** n)
    X = ((codes[None, :] >> np.arange(n)[:, None]) & 1).astype(np.float64)
    return X, X.sum(axis=0, keepdims=True) % 2


def parity_data(n):
    """Every n-bit input and its parity: X (n, 2ⁿ) of 0/1, column j the binary digits of j
    (row i is bit i, least significant first), and Y (1, 2ⁿ) = Σ_i X[i, j] mod 2. 1 ≤ n ≤ 16."""
    return _all_inputs(_bits(n))


def deep_parity(n):
    """A tree of XOR blocks computing the parity of n bits exactly; returns the parameter dict.

    Each hidden layer pairs the values of the layer below: a pair (a, b) gets the two units
    ReLU(a + b) and ReLU(a + b − 1), whose difference h₁ − 2h₂ is a XOR b (folded into the next
    layer's weights); an unpaired value passes through one unit ReLU(a) = a (a ≥ 0). After
    ⌈log₂ n⌉ hidden layers one value is left, the parity, read out by the linear output.
    Hidden units: 2(n − 1) for the n − 1 XORs plus at most one pass-through per layer.
    """
    n = _bits(n)
    # Each current value is an affine function (row over the layer below, bias) of that layer.
    values = [(np.eye(n)[i], 0.0) for i in range(n)]
    params, l = {}, 1
    while len(values) > 1:
        rows, biases, nxt = [], [], []
        for k in range(0, len(values) - 1, 2):
            (ra, ba), (rb, bb) = values[k], values[k + 1]
            rows += [ra + rb, ra + rb]
            biases += [ba + bb, ba + bb - 1.0]
            nxt.append((len(rows) - 2, [1.0, -2.0]))
        if len(values) % 2:
            rows.append(values[-1][0])
            biases.append(values[-1][1])
            nxt.append((len(rows) - 1, [1.0]))
        params[f"W{l}"] = np.array(rows)
        params[f"b{l}"] = np.array(biases)[:, None]
        width = len(rows)
        values = []
        for start, coefs in nxt:
            r = np.zeros(width)
            r[start:start + len(coefs)] = coefs
            values.append((r, 0.0))
        l += 1
    params[f"W{l}"] = values[0][0][None, :]
    params[f"b{l}"] = np.array([[values[0][1]]])
    return params


def sawtooth_parity(n):
    """Parity from the count s = Σ x_i by folding: y₀ = s / 2ᵏ with k = ⌈log₂ n⌉, then k times
    the tent map t(y) = 2 ReLU(y) − 4 ReLU(y − ½) (2y on [0, ½], 2 − 2y on [½, 1]). The k-fold
    tent is 0 at even multiples of 2⁻ᵏ and 1 at odd ones, so tᵏ(s/2ᵏ) = s mod 2. Hidden layers:
    one unit y₀, then k layers of two; 1 + 2k units in all. Every number is a dyadic fraction,
    so the arithmetic is exact."""
    n = _bits(n)
    k = math.ceil(math.log2(n)) if n > 1 else 0
    params = {"W1": np.full((1, n), 2.0 ** -k), "b1": np.zeros((1, 1))}
    read = np.array([[1.0]])                  # y as a row over the layer below
    for l in range(2, k + 2):
        params[f"W{l}"] = np.vstack([read, read])
        params[f"b{l}"] = np.array([[0.0], [-0.5]])
        read = np.array([[2.0, -4.0]])
    params[f"W{k + 2}"] = read
    params[f"b{k + 2}"] = np.zeros((1, 1))
    return params


def edge_cut_bound(n):
    """A lower bound on the hidden units of any one-hidden-layer network of threshold (step)
    units that computes n-bit parity: ⌈n 2ⁿ⁻¹ / (⌈n/2⌉ C(n, ⌊n/2⌋))⌉.

    The n 2ⁿ⁻¹ edges of the cube {0, 1}ⁿ join inputs of opposite parity, so on every edge some
    hidden unit must switch, i.e. its hyperplane must cut the edge; one hyperplane cuts at most
    ⌈n/2⌉ C(n, ⌊n/2⌋) edges (O'Neil 1971)."""
    n = integer(n, "n", 1, 10_000)
    return -(-(n * 2 ** (n - 1)) // (-(-n // 2) * math.comb(n, n // 2)))


def shallow_parity(n):
    """One hidden layer of n ReLU units on the count s = Σ x_i: h_k = ReLU(s − k), k = 0..n−1,
    and the linear output h_0 − 2h_1 + 2h_2 − ... (the piecewise-linear zigzag through
    (s, s mod 2)). Returns {"W1" (n, n), "b1" (n, 1), "W2" (1, n), "b2" (1, 1)}."""
    n = _bits(n)
    W2 = np.array([[1.0] + [2.0 * (-1) ** k for k in range(1, n)]])
    return {"W1": np.ones((n, n)), "b1": -np.arange(n, dtype=np.float64)[:, None],
            "W2": W2, "b2": np.zeros((1, 1))}


def minterm_parity(n):
    """One hidden layer with a unit for each of the 2ⁿ⁻¹ odd inputs c (the disjunctive normal
    form): h_c = ReLU(Σ_i (2c_i − 1) x_i − (|c| − 1)) is 1 at x = c and 0 elsewhere, and the
    linear output adds them. Returns the parameter dict (2ⁿ⁻¹ hidden units); n ≤ 12."""
    n = integer(n, "n", 1, 12)
    X, Y = _all_inputs(n)
    odd = X[:, Y[0] == 1].T                   # (2ⁿ⁻¹, n), one odd input per row
    return {"W1": 2 * odd - 1, "b1": -(odd.sum(axis=1, keepdims=True) - 1),
            "W2": np.ones((1, len(odd))), "b2": np.zeros((1, 1))}


def hidden_units(params):
    """The number of hidden units n[1] + ... + n[L−1] of a ``dense`` parameter dict."""
    L = dense._num_layers(mapping(params, "params"))
    return int(sum(params[f"W{l}"].shape[0] for l in range(1, L)))


class Verification(NamedTuple):
    """The outcome of :func:`verify`: ``n_inputs`` = 2ⁿ, ``n_wrong`` inputs whose output is on
    the wrong side of 0.5, and ``max_error`` = max |A[L] − y| over all of them."""
    n_inputs: int
    n_wrong: int
    max_error: float


def verify(params, n, hidden="relu", output="linear"):
    """Run ``params`` on all 2ⁿ inputs of :func:`parity_data` and compare with the parity.

    ``output``: "linear" (a hand-built network, A[L] should equal y) or "sigmoid" (a trained
    classifier, A[L] a probability). Returns a :class:`Verification`.
    """
    n = _bits(n)
    choice(hidden, "hidden", ("relu", "tanh", "sigmoid", "leaky_relu", "linear"))
    choice(output, "output", ("linear", "sigmoid"))
    X, Y = _all_inputs(n)
    AL, _ = dense.model_forward(X, params, hidden, output)
    if AL.shape[0] != 1:
        raise ValueError(f"params must end in one output unit, got W{len(params) // 2} of shape "
                         f"{params[f'W{len(params) // 2}'].shape}")
    return Verification(2 ** n, int(np.sum((AL > 0.5) != (Y == 1))),
                        float(np.max(np.abs(AL - Y))))
