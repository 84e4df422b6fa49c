"""Checkers for chapter 4, why deep learning took off: reading cost traces, the sigmoid's slope."""
import numpy as np

from ._core import passed, require_array, require_close

__all__ = ["check_first_below", "check_sigmoid_slope"]


def _traces():
    """Cost traces {iteration: J} as dense.fit records them, with the answer for a target."""
    falling = {0: 0.70, 10: 0.52, 20: 0.40, 30: 0.31, 40: 0.25, 50: 0.22}
    bumpy = {0: 0.69, 50: 0.45, 100: 0.30, 150: 0.33, 200: 0.28, 250: 0.20, 300: 0.19}
    return [
        (falling, 0.35, 30),
        (falling, 0.40, 20),      # equal to the target counts as reached
        (falling, 0.10, None),    # never reached
        (bumpy, 0.31, 100),       # first time, not the last time
        (bumpy, 0.29, 200),
        (falling, 0.90, 0),       # reached at the start
    ]


def check_first_below(first_below):
    """``first_below(costs, target)`` is the first iteration k (a key of ``costs``) with
    costs[k] <= target, or None if the cost never gets there."""
    for costs, target, right in _traces():
        call = f"first_below({costs}, {target})"
        got = first_below(dict(costs), target)
        if got is None and right is None:
            continue
        if right is None:
            raise AssertionError(f"{call} returned {got!r}; the cost never reaches {target}, "
                                 f"so the answer is None")
        if got is None:
            raise AssertionError(f"{call} returned None, but the cost is {costs[right]} <= "
                                 f"{target} at iteration {right}")
        if isinstance(got, float) and got in costs.values() and got not in costs:
            raise AssertionError(f"{call} returned {got!r}, a cost; return the iteration (the "
                                 f"key of costs) at which the cost first reaches {target}")
        if got == right:
            continue
        keys = list(costs)
        if right in keys and got == keys.index(right):
            raise AssertionError(f"{call} returned {got!r}, the position in the dict; return "
                                 f"the iteration itself, the key {right}")
        below = [k for k in keys if costs[k] <= target]
        strict = [k for k in keys if costs[k] < target]
        if strict and got == strict[0]:
            raise AssertionError(f"{call} returned {got!r}, the first cost strictly below the "
                                 f"target; a cost equal to {target} reaches it too (use <=)")
        if below and got == below[-1]:
            raise AssertionError(f"{call} returned {got!r}, the last iteration at or below "
                                 f"{target}; return the first, {right}")
        raise AssertionError(f"{call} returned {got!r}, expected {right!r}")
    passed("first_below", "First iterations found, None when the target is never reached.")


def _sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -z))


def check_sigmoid_slope(sigmoid_slope):
    """``sigmoid_slope(z)`` is σ'(z) = σ(z) (1 − σ(z)), element-wise."""
    z = np.array([[-8.0, -2.5, -1.0, 0.0], [0.5, 1.0, 3.0, 8.0]])
    got = require_array(sigmoid_slope(z.copy()), "sigmoid_slope(z)", shape=z.shape)
    s = _sigmoid(z)
    right = s * (1.0 - s)
    if np.allclose(got, right):
        peak = float(sigmoid_slope(np.zeros(1))[0])
        passed("sigmoid_slope", f"The slope peaks at z = 0 with {peak:.2f}.")
        return
    mistakes = [
        (z * (1.0 - z), "the formula is applied to z; it needs the sigmoid's value: "
                        "s = σ(z), then s (1 - s)"),
        (s, "this is σ(z) itself, not its slope σ(z) (1 - σ(z))"),
        (s * (1.0 + s), "the sign is wrong: σ'(z) = σ(z) (1 - σ(z))"),
        (1.0 - s, "a factor σ(z) is missing: σ'(z) = σ(z) (1 - σ(z))"),
        (np.ones_like(z) * 0.25, "0.25 is only the slope at z = 0; compute σ(z) (1 - σ(z)) "
                                 "for every z"),
    ]
    for value, hint in mistakes:
        if np.allclose(got, value):
            raise AssertionError(f"sigmoid_slope(z) is wrong: {hint}")
    require_close(got, right, "sigmoid_slope(z)", hint="σ'(z) = σ(z) (1 - σ(z)) with "
                  "σ(z) = 1 / (1 + e^(-z))")
