"""Checkers for chapter 1, the course overview: sizes of inputs and of networks."""
import numbers

from ._core import passed

__all__ = ["check_design_shape", "check_count_parameters"]

# (m, height, width, channels): square and non-square, colour and grey, one example and many.
_IMAGE_CASES = [(209, 64, 64, 3), (5000, 28, 28, 1), (7, 30, 40, 3), (1, 5, 2, 4), (12, 9, 9, 1)]


def _int(value, name):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise AssertionError(f"{name} should be a whole number (int), got {value!r} of type "
                             f"{type(value).__name__}")
    return int(value)


def check_design_shape(design_shape):
    """``design_shape(m, height, width, channels)`` is the shape ``(n_x, m)`` of X."""
    for m, h, w, c in _IMAGE_CASES:
        call = f"design_shape({m}, {h}, {w}, {c})"
        got = design_shape(m, h, w, c)
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            raise AssertionError(f"{call} returned {got!r}; it should be a pair (n_x, m)")
        got = tuple(_int(v, call) for v in got)
        n_x = h * w * c
        if got == (n_x, m):
            continue
        if got == (m, n_x) and m != n_x:
            raise AssertionError(f"{call} returned {got}: that is one row per example. The "
                                 f"course puts examples in columns, so X is (n_x, m) = {(n_x, m)}")
        if got == (h * w, m) and c != 1:
            raise AssertionError(f"{call} returned {got}: the colour channels are missing. "
                                 f"Each pixel holds {c} numbers, so n_x = height * width * "
                                 f"channels = {n_x}")
        if got[1] == m and got[0] == h + w + c:
            raise AssertionError(f"{call} returned {got}: n_x adds the sizes; it should "
                                 f"multiply them, height * width * channels = {n_x}")
        if got[1] == m and got[0] == n_x * m:
            raise AssertionError(f"{call} returned {got}: n_x counts the numbers of one "
                                 f"example, not of all m together; it should be {n_x}")
        raise AssertionError(f"{call} returned {got}, expected (n_x, m) = {(n_x, m)}")
    passed("design_shape", f"For example, 209 colour pictures of 64 x 64 pixels give X of "
                           f"shape {tuple(design_shape(209, 64, 64, 3))}.")


# Networks as [n0, n1, ..., nL]: the one-neuron model, the Pima and sonar networks, a deep one.
_NETWORKS = [[3, 1], [12, 8, 1], [60, 60, 1], [4, 3, 2, 1], [12288, 20, 7, 5, 1], [2, 5, 5, 3]]


def _count(dims, weights=True, biases_of="out"):
    total = 0
    for n_prev, n in zip(dims[:-1], dims[1:]):
        total += n_prev * n if weights else 0
        total += {"out": n, "in": n_prev, "none": 0}[biases_of]
    return total


_COUNT_MISTAKES = [
    (lambda d: _count(d, biases_of="none"),
     "only the weights are counted; every unit of layers 1..L also has a bias b"),
    (lambda d: _count(d) + d[0], "the input layer has no biases (its values are the data, "
     "not parameters); count a bias for each unit of layers 1..L only"),
    (lambda d: _count(d, biases_of="in"), "the biases are counted per input unit; each layer "
     "has one bias per unit of its own, b[l] of shape (n[l], 1)"),
    (lambda d: sum(d[1:]), "only the biases are counted; W[l] adds n[l] * n[l-1] weights"),
    (lambda d: _count(d[:-1]), "the output layer is missing; the loop must run over "
     "l = 1..L, including layer L"),
    (lambda d: _count(d[1:]), "the first layer is missing; the loop must run over l = 1..L, "
     "starting with W[1] of shape (n[1], n[0])"),
]


def check_count_parameters(count_parameters):
    """``count_parameters(layer_dims)`` is Σ_l n[l]·n[l−1] + n[l], weights plus biases."""
    got = [_int(count_parameters(list(d)), f"count_parameters({d})") for d in _NETWORKS]
    wrong = [(d, g) for d, g in zip(_NETWORKS, got) if g != _count(d)]
    if wrong:
        dims, value = wrong[0]
        head = f"count_parameters({dims}) returned {value}, expected {_count(dims)}"
        # Name a mistake only if it explains every network the answer got wrong.
        for mistake, hint in _COUNT_MISTAKES:
            if all(g == mistake(d) for d, g in wrong):
                raise AssertionError(f"{head}: {hint}.")
        raise AssertionError(f"{head} (each layer l has n[l] * n[l-1] weights and n[l] biases)")
    passed("count_parameters", f"A network with 8 inputs and layers of 12, 8 and 1 units "
                               f"has {count_parameters([8, 12, 8, 1])} parameters.")
