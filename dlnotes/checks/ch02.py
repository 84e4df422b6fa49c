"""Checkers for chapter 2, what a neural network is: one ReLU neuron, and where ReLU units bend."""
import numpy as np

from ._core import passed, require_array, require_close

__all__ = ["check_relu_neuron", "check_kinks"]

# (w, b) pairs: a positive and a negative slope, and a bias that switches the unit off on part
# of the inputs, so that forgetting the max, or adding b after it, shows.
_NEURONS = [(1.5, -30.0), (-0.8, 40.0), (2.0, 5.0)]


def _sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -z))


_NEURON_MISTAKES = [
    (lambda x, w, b: w * x + b, "it can be negative: it returns w x + b. A ReLU neuron outputs "
     "max(0, w x + b), never less than 0"),
    (lambda x, w, b: np.maximum(0.0, w * x) + b, "the bias is added after the ReLU. It belongs "
     "inside: max(0, w x + b)"),
    (lambda x, w, b: np.minimum(0.0, w * x + b), "it uses the minimum; ReLU keeps the larger "
     "of 0 and w x + b"),
    (lambda x, w, b: np.abs(w * x + b), "it returns |w x + b|; negative values must become 0, "
     "not change sign"),
    (lambda x, w, b: _sigmoid(w * x + b), "it is the sigmoid; this neuron uses ReLU, "
     "max(0, w x + b)"),
]


def check_relu_neuron(relu_neuron):
    """``relu_neuron(x, w, b)`` is max(0, w x + b), element-wise over the array x."""
    x = np.linspace(0.0, 100.0, 11)
    wrong = []
    for w, b in _NEURONS:
        call = f"relu_neuron(x, w={w}, b={b})"
        got = relu_neuron(x.copy(), w, b)
        if np.ndim(got) == 0:
            raise AssertionError(f"{call} returned one number, {got!r}, for {x.size} inputs. "
                                 "np.max reduces an array to its largest entry; use "
                                 "np.maximum(0, z), which compares element by element")
        got = require_array(got, call, shape=x.shape)
        if not np.allclose(got, np.maximum(0.0, w * x + b)):
            wrong.append((w, b, got))
    if wrong:
        w, b, got = wrong[0]
        # Name a mistake only if it explains every (w, b) the answer got wrong.
        for mistake, hint in _NEURON_MISTAKES:
            if all(np.allclose(g, mistake(x, w_, b_)) for w_, b_, g in wrong):
                raise AssertionError(f"relu_neuron(x, w={w}, b={b}) is wrong: {hint}")
        require_close(got, np.maximum(0.0, w * x + b), f"relu_neuron(x, w={w}, b={b})",
                      hint="compute max(0, w x + b) for every entry of x")
    passed("relu_neuron", "The neuron outputs 0 where w x + b < 0 and w x + b elsewhere.")


def _layer(seed, n=5):
    rng = np.random.default_rng(seed)
    W1 = rng.normal(size=(n, 1))
    W1[np.abs(W1) < 0.2] = 0.7          # keep the kinks finite and well away from 0
    b1 = rng.normal(size=(n, 1))
    return W1, b1


def check_kinks(bend_points):
    """``bend_points(W1, b1)``: where each unit of a one-input ReLU layer bends, x = −b / w, as an
    array of shape (n1,)."""
    for seed in (20, 21):
        W1, b1 = _layer(seed)
        n = W1.shape[0]
        got = bend_points(W1.copy(), b1.copy())
        got = require_array(got, "bend_points(W1, b1)")
        if got.shape in ((n, 1), (1, n)):
            raise AssertionError(f"bend_points(W1, b1) has shape {got.shape}; return a 1-D array of "
                                 f"shape ({n},), one position per unit (for example with .ravel())")
        require_array(got, "bend_points(W1, b1)", shape=(n,))
        right = (-b1 / W1).ravel()
        if np.allclose(got, right):
            continue
        if np.allclose(got, -right):
            raise AssertionError("bend_points(W1, b1) has the wrong sign: w x + b = 0 at x = -b / w")
        if np.allclose(got, (-W1 / b1).ravel()):
            raise AssertionError("bend_points(W1, b1) divides w by b; solving w x + b = 0 gives "
                                 "x = -b / w")
        if np.allclose(got, -b1.ravel()):
            raise AssertionError("bend_points(W1, b1) returns -b; divide by the weight as well: "
                                 "x = -b / w")
        require_close(got, right, "bend_points(W1, b1)", hint="unit j bends where "
                      "W1[j, 0] * x + b1[j, 0] = 0")
    passed("bend_points", f"The {n} units of a random layer bend at {np.round(right, 2)}.")
