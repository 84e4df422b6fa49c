"""Chapters 25 and 26: a pipeline of hand-made features against end-to-end learning on raw pixels.

- :func:`load_split`: a digit set as images and pixels, a training pool and a fixed held-out set.
- :func:`learning_curve`: for several training-set sizes and seeds, three classifiers trained on
  the same examples: hand-made features (:mod:`dlnotes.features`) with softmax regression (the
  pipeline); raw pixels with softmax regression (the control: no features, no hidden layer);
  raw pixels with a one-hidden-layer network (end to end).
- :func:`pairs_experiment`: which of two digits is larger. End to end, a network sees both
  images and only the answer; in two steps, a digit classifier is trained on the component's own
  labels (the digit of each image) and the two predicted digits are compared.

Full size from the command line (MNIST 5k, more sizes and seeds):
``python -m dlnotes end-to-end [--data mnist5k] [--seeds 5]``.
"""
from __future__ import annotations

import time
from typing import NamedTuple

import numpy as np

from .. import cli, dense, features
from .._validate import (_got, array, at_least_one_example, choice, generator, integer,
                         integers, number, one_hot, positive_int, records)
from ..progress import progress_bar
from .overfitting import digit_split

__all__ = ["METHODS", "LABELS", "PAIR_METHODS", "Split", "load_split", "standardize_by_training",
           "train_softmax", "feature_settings", "method_inputs", "learning_curve", "summary", "curve_table",
           "wins", "crossover", "digit_pairs", "pairs_experiment", "main"]

METHODS = ("features", "pixels", "end_to_end")
LABELS = {"features": "hand features + softmax regression",
          "pixels": "raw pixels + softmax regression",
          "end_to_end": "raw pixels + hidden layer (end to end)",
          "two_step": "digit classifier, then compare",
          "pairs_end_to_end": "network on both images (end to end)"}
PAIR_METHODS = ("two_step", "pairs_end_to_end")


class Split(NamedTuple):
    """A digit set: images (m, h, w) scaled to [0, 1], pixels X (h·w, m), one-hot Y (10, m) and
    the digits (m,), for a training pool and a held-out set."""
    images: np.ndarray
    X: np.ndarray
    Y: np.ndarray
    digits: np.ndarray
    images_held: np.ndarray
    X_held: np.ndarray
    Y_held: np.ndarray
    digits_held: np.ndarray


def _check_split(split, name="split") -> "Split":
    """``split`` checked as a :class:`Split` of consistent, finite arrays (returned unchanged)."""
    if not isinstance(split, Split):
        raise TypeError(f"{name} must be a Split (see load_split), got {_got(split)}")
    side = None
    for part, (images, X, Y, digits) in (("", split[:4]), ("_held", split[4:])):
        images = array(images, f"{name}.images{part}", 3, need="(m, h, w)")
        X = array(X, f"{name}.X{part}", 2, need="(h·w, m)")
        Y = array(Y, f"{name}.Y{part}", 2, need="(10, m) one-hot")
        m = images.shape[0]
        if m == 0:
            raise ValueError(f"{name}.images{part} must hold at least one image, got shape "
                             f"{images.shape}")
        if side is not None and images.shape[1:] != side:
            raise ValueError(f"{name}.images{part} must have the pool's image shape {side}, got "
                             f"shape {images.shape}")
        side = images.shape[1:]
        if X.shape != (side[0] * side[1], m):
            raise ValueError(f"{name}.X{part} must have shape {(side[0] * side[1], m)} (the "
                             f"pixels of images{part}), got shape {X.shape}")
        if Y.shape != (10, m):
            raise ValueError(f"{name}.Y{part} must have shape {(10, m)} (one-hot digits), got "
                             f"shape {Y.shape}")
        one_hot(Y, f"{name}.Y{part}")
        digits = np.asarray(digits)
        if digits.shape != (m,) or digits.dtype.kind not in "iu":
            raise ValueError(f"{name}.digits{part} must be an integer array of shape {(m,)}, got "
                             f"{_got(digits)}")
    return split


def _ints(x, name, lo, hi=None):
    """A non-empty sequence of integers (see :func:`dlnotes._validate.integers`)."""
    out = integers(x, name, lo, hi)
    if not out:
        raise ValueError(f"{name} must hold at least one value, got {_got(x)}")
    return out


def load_split(name="digits", n_heldout=500, seed=0) -> Split:
    """:func:`dlnotes.experiments.overfitting.digit_split` with the images kept beside the pixels.

    name: "digits" (1,797 images of 8 × 8) or "mnist5k" (5,000 of 28 × 28)."""
    X, Y, X_held, Y_held = digit_split(name, n_heldout, seed)
    side = int(round(np.sqrt(X.shape[0])))

    def images(A):
        return A.T.reshape(-1, side, side)
    return Split(images(X), X, Y, Y.argmax(axis=0), images(X_held), X_held, Y_held,
                 Y_held.argmax(axis=0))


def standardize_by_training(F, *others):
    """Scale every row (feature) of F (n_f, m) to mean 0 and standard deviation 1 over F's
    columns, and apply the same shift and scale to each array in ``others`` (held-out data must
    not inform the statistics). A constant feature is only shifted. Returns a tuple of arrays."""
    F = array(F, "F", 2, need="(n_f, m)")
    at_least_one_example(F, "F")
    others = [array(A, f"others[{i}]", 2, need="(n_f, m)") for i, A in enumerate(others)]
    for i, A in enumerate(others):
        if A.shape[0] != F.shape[0]:
            raise ValueError(f"others[{i}] must have F's {F.shape[0]} rows (features), got shape "
                             f"{A.shape}")
    others = tuple(others)
    mean = F.mean(axis=1, keepdims=True)
    std = F.std(axis=1, keepdims=True)
    std = np.where(std > 1e-12, std, 1.0)
    return tuple((A - mean) / std for A in (F,) + others)


def train_softmax(X, Y, hidden_units=0, *, num_iterations=300, learning_rate=0.01, lambd=0.0,
                  seed=0, output="softmax"):
    """Train [n_x, 10] (softmax regression, ``hidden_units=0``) or [n_x, hidden_units, 10]
    (ReLU), He initial weights, full-batch Adam; returns the parameters. ``output="sigmoid"``
    with Y (1, m) trains a binary classifier instead."""
    choice(output, "output", ("softmax", "sigmoid"))
    n_x = array(X, "X", 2, need="(n_x, m)").shape[0]
    n_out = array(Y, "Y", 2, need="(10, m) one-hot or (1, m)").shape[0]
    hidden_units = integer(hidden_units, "hidden_units", 0)
    num_iterations = positive_int(num_iterations, "num_iterations")
    dims = [n_x] + ([hidden_units] if hidden_units else []) + [n_out]
    params, _ = dense.fit(X, Y, dims, output=output, init="he", optimizer="adam",
                          learning_rate=learning_rate, num_iterations=num_iterations,
                          lambd=lambd, seed=seed, record_every=num_iterations)
    return params


def feature_settings(side):
    """The keyword arguments of :func:`dlnotes.features.hand_features` for square images of
    ``side`` pixels: 2 × 2 cells and 4 × 4 zones for the 8 × 8 digits, 4 × 4 cells and 7 × 7 zones
    for 28 × 28 MNIST (blocks of 4 × 4 pixels); 8 orientation bins; one cell and one zone for
    any other side."""
    side = positive_int(side, "side")
    return {"cells": 2, "bins": 8, "zones": 4} if side == 8 else \
        {"cells": 4, "bins": 8, "zones": 7} if side == 28 else {"cells": 1, "bins": 8, "zones": 1}


def method_inputs(split: Split, method: str):
    """(inputs of the training pool, of the held-out set) for ``method``: the hand-made features
    of :func:`dlnotes.features.hand_features` (with :func:`feature_settings`) or the raw pixels.
    The features of an image depend on that image alone, so they are computed once for all."""
    choice(method, "method", METHODS)
    _check_split(split)
    if method == "features":
        kw = feature_settings(split.images.shape[1])
        return (features.hand_features(split.images, **kw),
                features.hand_features(split.images_held, **kw))
    return split.X, split.X_held


def learning_curve(split: Split | None = None, sizes=(25, 50, 100, 200, 400, 800, 1297),
                   seeds=(0, 1, 2), methods=METHODS, *, hidden_units=64, num_iterations=300,
                   learning_rate=0.01, lambd=0.0, progress=None):
    """For every method, size and seed: train on ``size`` examples of the pool (the first
    ``size`` of the pool shuffled with that seed, so all methods see the same examples) and
    measure on the whole held-out set. "features" and "pixels" train softmax regression,
    "end_to_end" a [n_x, hidden_units, 10] ReLU network; all inputs standardised with the
    training subset's statistics.

    Returns a list of dicts {"method", "size", "seed", "train_acc", "test_acc", "seconds"}.
    """
    if not isinstance(methods, (list, tuple)) or not methods:
        raise TypeError(f"methods must be a non-empty list or tuple of names from {METHODS}, "
                        f"got {_got(methods)}")
    for i, method in enumerate(methods):
        choice(method, f"methods[{i}]", METHODS)
    seeds = _ints(seeds, "seeds", 0)
    hidden_units = positive_int(hidden_units, "hidden_units")
    num_iterations = positive_int(num_iterations, "num_iterations")
    number(learning_rate, "learning_rate", lo=0, lo_open=True)
    number(lambd, "lambd", lo=0)
    split = load_split() if split is None else _check_split(split)
    m = split.X.shape[1]
    sizes = _ints(sizes, "sizes", 1, m)
    inputs = {method: method_inputs(split, method) for method in methods}
    rows = []
    for size in progress_bar(list(sizes), progress, "sizes"):
        for seed in seeds:
            idx = generator(seed).permutation(m)[:size]
            Y = split.Y[:, idx]
            for method in methods:
                start = time.perf_counter()
                F, F_held = inputs[method]
                F, F_held = standardize_by_training(F[:, idx], F_held)
                hidden = hidden_units if method == "end_to_end" else 0
                params = train_softmax(F, Y, hidden, num_iterations=num_iterations,
                                       learning_rate=learning_rate, lambd=lambd, seed=seed)
                rows.append({"method": method, "size": int(size), "seed": int(seed),
                             "train_acc": dense.accuracy(F, Y, params, output="softmax"),
                             "test_acc": dense.accuracy(F_held, split.Y_held, params,
                                                        output="softmax"),
                             "seconds": time.perf_counter() - start})
    return rows


KEYS = ("test_acc", "train_acc", "digit_acc", "seconds")


def _rows(rows, key):
    """``rows`` as :func:`learning_curve` or :func:`pairs_experiment` return them, with ``key``."""
    choice(key, "key", KEYS)
    rows = records(rows, "rows", {"size": 1, "seed": 0}, "learning_curve or pairs_experiment")
    for i, r in enumerate(rows):
        if not isinstance(r.get("method"), str):
            raise TypeError(f"rows[{i}]['method'] must be a method name (a str), got "
                            f"{_got(r.get('method'))}")
        if key not in r:
            raise TypeError(f"rows[{i}] must have the key {key!r} (see key), got keys "
                            f"{sorted(r)}")
        v = r[key]
        # digit_acc is NaN where it is undefined (pairs_experiment's end-to-end rows).
        if not (key == "digit_acc" and isinstance(v, float) and np.isnan(v)):
            number(v, f"rows[{i}][{key!r}]", lo=0, hi=None if key == "seconds" else 1)
    return rows


def summary(rows, key="test_acc"):
    """{method: {size: (mean, min, max)}} of ``key`` over the seeds."""
    rows = _rows(rows, key)
    out = {}
    for r in rows:
        out.setdefault(r["method"], {}).setdefault(r["size"], []).append(r[key])
    return {method: {size: (float(np.mean(v)), float(np.min(v)), float(np.max(v)))
                     for size, v in sorted(by_size.items())} for method, by_size in out.items()}


def curve_table(rows, key="test_acc"):
    """Text table: one row per size, per method the mean held-out accuracy and its range."""
    s = summary(rows, key)
    methods = list(s)
    sizes = sorted({size for by_size in s.values() for size in by_size})
    head = f"{'m':>6}" + "".join(f"{method:>26}" for method in methods)
    lines = [head]
    for size in sizes:
        cells = []
        for method in methods:
            mean, lo, hi = s[method][size]
            cells.append(f"{mean:8.1%} ({lo:.1%}-{hi:.1%})")
        lines.append(f"{size:>6}" + "".join(f"{c:>26}" for c in cells))
    return "\n".join(lines)


def wins(rows, a, b, key="test_acc"):
    """{size: (mean of a − mean of b, a's lowest − b's highest, a's highest − b's lowest)}:
    where the difference of means is positive a wins on average; where the middle number is
    positive too, every seed of a beats every seed of b."""
    s = summary(rows, key)
    for name, method in (("a", a), ("b", b)):
        choice(method, name, tuple(s))
    missing = sorted(set(s[a]) - set(s[b]))
    if missing:
        raise ValueError(f"b must have rows at every size of a, got none for method {b!r} at "
                         f"sizes {missing}")
    return {size: (s[a][size][0] - s[b][size][0], s[a][size][1] - s[b][size][2],
                   s[a][size][2] - s[b][size][1]) for size in s[a]}


def crossover(sizes, a, b):
    """The smallest size from which curve b is above curve a (b > a, strictly) at that size and
    at every larger one; None when b is not above a at the largest size. ``sizes`` increasing,
    ``a`` and ``b`` one accuracy per size."""
    a = array(a, "a", 1, need="(len(sizes),)")
    b = array(b, "b", 1, need="(len(sizes),)")
    sizes = [integer(n, f"sizes[{i}]", 1) for i, n in enumerate(sizes)] \
        if isinstance(sizes, (list, tuple, np.ndarray)) else sizes
    if not isinstance(sizes, list) or not sizes or len(sizes) != a.size or a.size != b.size:
        raise ValueError(f"sizes, a and b must have one entry per size, got lengths "
                         f"{np.size(sizes)}, {a.size} and {b.size}")
    if any(y <= x for x, y in zip(sizes, sizes[1:])):
        raise ValueError(f"sizes must increase, got {sizes}")
    answer = None
    for n, x, y in zip(sizes[::-1], a[::-1], b[::-1]):
        if not y > x:
            break
        answer = n
    return answer


# ---------------------------------------------------------------------------------- pairs

def digit_pairs(n_pairs, n_images, seed=0):
    """Indices (first, second), each (n_pairs,), of 2 · n_pairs distinct images out of
    ``n_images``, drawn with ``seed``: image first[i] is paired with image second[i]."""
    n_pairs = positive_int(n_pairs, "n_pairs")
    n_images = positive_int(n_images, "n_images")
    if 2 * n_pairs > n_images:
        raise ValueError(f"n_pairs must be at most n_images / 2 = {n_images // 2} (every image "
                         f"is used once), got {_got(n_pairs)}")
    order = generator(seed).permutation(n_images)[:2 * n_pairs]
    return order[:n_pairs], order[n_pairs:]


def pairs_experiment(split: Split | None = None, sizes=(50, 100, 200, 400, 600),
                     seeds=(0, 1, 2), *, hidden_units=64, num_iterations=300,
                     learning_rate=0.01, n_test_pairs=None, progress=None):
    """Is the first digit of a pair larger than the second? Label y = 1 if so (ties are 0).

    For every number of training pairs and seed, on the same pairs: "two_step" trains a
    [n_x, hidden_units, 10] digit classifier on the 2 · size images with their digits (the
    component's own labels) and answers by comparing its two predictions; "pairs_end_to_end"
    trains a [2 n_x, hidden_units, 1] sigmoid network on the two images side by side with only
    y. Both measured on fixed held-out pairs made from the held-out images (seed 0; all of them
    unless ``n_test_pairs``). Returns rows {"method", "size", "seed", "test_acc", "digit_acc"}
    (digit_acc: the two-step classifier's accuracy on the held-out images, NaN end to end).
    """
    seeds = _ints(seeds, "seeds", 0)
    hidden_units = positive_int(hidden_units, "hidden_units")
    num_iterations = positive_int(num_iterations, "num_iterations")
    number(learning_rate, "learning_rate", lo=0, lo_open=True)
    split = load_split() if split is None else _check_split(split)
    m, m_held = split.X.shape[1], split.X_held.shape[1]
    if m < 2 or m_held < 2:
        raise ValueError(f"split must hold at least two pool and two held-out images (one "
                         f"pair each), got {m} and {m_held}")
    sizes = _ints(sizes, "sizes", 1, m // 2)
    n_test = m_held // 2 if n_test_pairs is None else integer(n_test_pairs, "n_test_pairs", 1,
                                                                m_held // 2)
    ta, tb = digit_pairs(n_test, m_held, 0)
    y_test = (split.digits_held[ta] > split.digits_held[tb]).astype(float)[None, :]
    rows = []
    for size in progress_bar(list(sizes), progress, "pairs"):
        for seed in seeds:
            a, b = digit_pairs(size, m, seed)
            # Two steps: a digit classifier on the 2 · size images and their own labels.
            both = np.concatenate([a, b])
            X, X_held = standardize_by_training(split.X[:, both], split.X_held)
            params = train_softmax(X, split.Y[:, both], hidden_units,
                                   num_iterations=num_iterations, learning_rate=learning_rate,
                                   seed=seed)
            digits = dense.predict(X_held, params, output="softmax")[0]
            two_step = float(np.mean((digits[ta] > digits[tb]) == y_test[0]))
            digit_acc = float(np.mean(digits == split.digits_held))
            rows.append({"method": "two_step", "size": int(size), "seed": int(seed),
                         "test_acc": two_step, "digit_acc": digit_acc})
            # End to end: both images side by side, only the answer as the label.
            y = (split.digits[a] > split.digits[b]).astype(float)[None, :]
            P, P_held = standardize_by_training(np.vstack([split.X[:, a], split.X[:, b]]),
                                    np.vstack([split.X_held[:, ta], split.X_held[:, tb]]))
            params = train_softmax(P, y, hidden_units, num_iterations=num_iterations,
                                   learning_rate=learning_rate, seed=seed, output="sigmoid")
            rows.append({"method": "pairs_end_to_end", "size": int(size), "seed": int(seed),
                         "test_acc": dense.accuracy(P_held, y_test, params),
                         "digit_acc": float("nan")})
    return rows


# ------------------------------------------------------------------------------ command line

DEFAULT_SIZES = {"digits": [25, 50, 100, 200, 400, 800, 1297],
                 "mnist5k": [25, 50, 100, 200, 500, 1000, 2000, 4000]}
DEFAULT_PAIRS = {"digits": [25, 50, 100, 200, 400, 600], "mnist5k": [50, 100, 200, 500, 1000, 2000]}


def main(argv=None) -> int:
    parser = cli.parser("end-to-end", __doc__)
    parser.add_argument("--data", choices=("digits", "mnist5k"), default="mnist5k",
                        help="digit set; the chapters use digits")
    parser.add_argument("--seeds", type=cli.positive_int, default=5, metavar="N",
                        help="seeds 0..N-1 per size")
    parser.add_argument("--sizes", type=cli.int_list(1), default=None, metavar="LIST",
                        help="training-set sizes, comma-separated (default 25,...,4000 for "
                             "mnist5k, 25,...,1297 for digits)")
    parser.add_argument("--pairs", type=cli.int_list(1), default=None, metavar="LIST",
                        help="numbers of training pairs, comma-separated (default 50,...,2000 "
                             "for mnist5k, 25,...,600 for digits)")
    parser.add_argument("--hidden", type=cli.positive_int, default=64, metavar="H",
                        help="hidden units of the end-to-end networks")
    parser.add_argument("--iterations", type=cli.positive_int, default=300, metavar="K",
                        help="full-batch Adam iterations per training run")
    args = parser.parse_args(argv)
    held = 1000 if args.data == "mnist5k" else 500
    split = load_split(args.data, held)
    sizes = args.sizes or DEFAULT_SIZES[args.data]
    pairs = args.pairs or DEFAULT_PAIRS[args.data]
    m = split.X.shape[1]
    if max(sizes) > m:
        parser.error(f"--sizes must be at most {m} (the training pool of {args.data}), "
                     f"got {max(sizes)}")
    if 2 * max(pairs) > m:
        parser.error(f"--pairs must be at most {m // 2} (a pair takes two of the {m} images of "
                     f"the pool), got {max(pairs)}")
    seeds = range(args.seeds)
    print(f"{args.data}: pool {m} images, held-out {split.X_held.shape[1]}; seeds 0-{args.seeds - 1}",
          flush=True)
    rows = learning_curve(split, sizes, seeds, hidden_units=args.hidden,
                          num_iterations=args.iterations, progress=None)
    print("\nheld-out accuracy, mean (range over seeds):", flush=True)
    for method in METHODS:
        print(f"  {method}: {LABELS[method]}", flush=True)
    print(curve_table(rows), flush=True)
    print("\nfeatures minus end to end (difference of means):", flush=True)
    for size, (d, _, _) in wins(rows, "features", "end_to_end").items():
        print(f"{size:>6} {d:+.1%}", flush=True)
    rows = pairs_experiment(split, pairs, seeds, hidden_units=args.hidden,
                            num_iterations=args.iterations, progress=None)
    print("\nwhich digit is larger, held-out accuracy by number of training pairs:", flush=True)
    for method in PAIR_METHODS:
        print(f"  {method}: {LABELS[method]}", flush=True)
    print(curve_table(rows), flush=True)
    return 0
