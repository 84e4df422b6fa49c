"""Checkers for chapter 26, when to use end-to-end learning: the learning-curve loop, the
two-step answer for a pair of digits, and where one curve overtakes another."""
import numpy as np

from .. import dense
from ..experiments.end_to_end import crossover
from ._core import call, close, passed, require_array

__all__ = ["check_learning_curve_loop", "check_two_step_answer", "check_overtakes_at"]


def _score(X, Y):
    """A deterministic stand-in for training: a number that depends on which examples came, in
    which order (X's first row holds each example's index in the pool)."""
    idx = X[0].astype(np.int64)
    return float(np.sum(np.sin(idx + 1.0) * np.arange(1, idx.size + 1)) + Y.sum() / 1000)


def check_learning_curve_loop(learning_curve_loop):
    """``learning_curve_loop(train_and_score, X, Y, sizes, seeds)`` -> (len(sizes), len(seeds)):
    entry [i, j] is train_and_score(X[:, idx], Y[:, idx]) for
    idx = np.random.default_rng(seeds[j]).permutation(m)[:sizes[i]]."""
    m = 30
    X = np.vstack([np.arange(m, dtype=float), np.random.default_rng(26).standard_normal((2, m))])
    Y = np.eye(3)[np.arange(m) % 3].T
    sizes, seeds = [4, 10, 25], [0, 5]
    calls = []

    def train_and_score(Xs, Ys):
        calls.append(np.asarray(Xs)[0].astype(np.int64).tolist())
        if np.shape(Xs)[1] != np.shape(Ys)[1]:
            raise AssertionError(f"train_and_score got {np.shape(Xs)[1]} examples in X but "
                                 f"{np.shape(Ys)[1]} in Y: index the columns of both with the "
                                 "same idx")
        return _score(np.asarray(Xs), np.asarray(Ys))

    got = call(learning_curve_loop, "learning_curve_loop", train_and_score, X.copy(), Y.copy(),
               list(sizes), list(seeds))
    got = np.asarray(got, dtype=float) if isinstance(got, list) else got
    want = np.array([[_score(X[:, np.random.default_rng(s).permutation(m)[:n]],
                             Y[:, np.random.default_rng(s).permutation(m)[:n]])
                      for s in seeds] for n in sizes])
    if len(calls) != len(sizes) * len(seeds):
        raise AssertionError(f"train_and_score was called {len(calls)} times; it should be "
                             f"called once for every size and seed, {len(sizes) * len(seeds)} "
                             "times")
    require_array(got, "learning_curve_loop(...)")
    if got.shape == want.T.shape:
        raise AssertionError(f"the result has shape {got.shape} = (len(seeds), len(sizes)); "
                             f"one row per size: (len(sizes), len(seeds)) = {want.shape}")
    require_array(got, "learning_curve_loop(...)", shape=want.shape)
    if close(got, want):
        passed("learning_curve_loop", "one score per size and seed, nested subsets per seed.")
        return
    firsts = {}
    for c in calls:
        firsts.setdefault(len(c), []).append(c)
    if any(len({tuple(c) for c in cs}) == 1 for cs in firsts.values() if len(cs) > 1):
        raise AssertionError("every seed got the same examples: shuffle the pool with "
                             "np.random.default_rng(seed).permutation(m) inside the loop over "
                             "seeds")
    if sorted(len(c) for c in calls) != sorted(n for n in sizes for _ in seeds):
        raise AssertionError(f"the subsets have sizes {sorted(len(c) for c in calls)}; each "
                             f"size n in {sizes} should give n examples")
    if all(c == sorted(c) for c in calls):
        raise AssertionError("the subsets are the first n examples of the pool, in order: take "
                             "the first n of a random permutation instead")
    first_of = {s: np.random.default_rng(s).permutation(m) for s in seeds}
    nested = all(any(c == first_of[s][:len(c)].tolist() for s in seeds) for c in calls)
    if not nested:
        raise AssertionError("the subsets are not the first n of permutation(m) drawn from "
                             "np.random.default_rng(seed): for one seed, a smaller training set "
                             "must be part of every larger one (make the generator from the "
                             "seed alone, not from the seed and the size)")
    raise AssertionError("the scores are in the wrong places: entry [i, j] belongs to sizes[i] "
                         "and seeds[j]")


def check_two_step_answer(two_step_answer):
    """``two_step_answer(params, Xa, Xb)`` -> int (1, n): 1 where the digit the classifier
    (a softmax network, ``dense.predict(..., output="softmax")``) reads in Xa[:, i] is larger
    than the one it reads in Xb[:, i]."""
    rng = np.random.default_rng(260)
    params = dense.init_params([5, 6, 10], "he", 26)
    params["b2"] = rng.standard_normal((10, 1)) * 0.3
    Xa, Xb = rng.standard_normal((2, 5, 80))
    Xb[:, :10] = Xa[:, :10]                 # ten pairs of the same image: equal digits
    got = call(two_step_answer, "two_step_answer", params, Xa.copy(), Xb.copy())
    got = np.asarray(got) if isinstance(got, list) else got
    require_array(got, "two_step_answer(params, Xa, Xb)")
    da = dense.predict(Xa, params, output="softmax")
    db = dense.predict(Xb, params, output="softmax")
    want = (da > db).astype(np.int64)
    if got.shape == (80,):
        raise AssertionError("two_step_answer returned shape (n,); return a row (1, n), like "
                             "the labels Y")
    require_array(got, "two_step_answer(params, Xa, Xb)", shape=want.shape)
    if np.array_equal(got, want):
        passed("two_step_answer", "compare the two predicted digits.")
        return
    if np.array_equal(got, (da >= db).astype(np.int64)):
        raise AssertionError("equal digits give 1: the question is whether the first digit is "
                             "larger, so a tie is 0 (use >, not >=)")
    if np.array_equal(got, (da < db).astype(np.int64)):
        raise AssertionError("this answers whether the second digit is larger; compare a > b")
    pa = dense.model_forward(Xa, params, output="softmax")[0]
    pb = dense.model_forward(Xb, params, output="softmax")[0]
    if np.array_equal(got, (pa.max(axis=0) > pb.max(axis=0)).astype(np.int64)[None]):
        raise AssertionError("this compares the classifier's confidences (the largest "
                             "probabilities); compare the predicted digits (the argmax)")
    raise AssertionError("two_step_answer is wrong: predict the digit of each image with "
                         "dense.predict(X, params, output='softmax'), then compare")


def check_overtakes_at(overtakes_at):
    """``overtakes_at(sizes, a, b)`` -> the smallest size from which b's accuracy is above a's at
    that size and at every larger one; None if b is not above a at the largest size."""
    cases = [
        ([10, 20, 40, 80], [0.5, 0.6, 0.7, 0.75], [0.4, 0.55, 0.72, 0.8], 40),
        ([10, 20, 40, 80], [0.5, 0.6, 0.7, 0.75], [0.6, 0.55, 0.72, 0.8], 40),   # ahead, behind, ahead
        ([10, 20, 40, 80], [0.5, 0.6, 0.7, 0.75], [0.6, 0.65, 0.72, 0.8], 10),   # always ahead
        ([10, 20, 40, 80], [0.5, 0.6, 0.7, 0.85], [0.4, 0.65, 0.72, 0.8], None),  # behind at the end
        ([10, 20, 40, 80], [0.5, 0.6, 0.7, 0.8], [0.4, 0.55, 0.7, 0.8], None),   # ties are not above
        ([5, 50, 500], [0.3, 0.6, 0.9], [0.2, 0.5, 0.95], 500),
    ]
    for sizes, a, b, want in cases:
        got = call(overtakes_at, "overtakes_at", list(sizes), np.array(a), np.array(b))
        assert crossover(sizes, a, b) == want
        if isinstance(got, np.integer):
            got = int(got)
        if got == want and (want is None) == (got is None):
            continue
        desc = f"overtakes_at({sizes}, a={a}, b={b})"
        first_above = next((n for n, x, y in zip(sizes, a, b) if y > x), None)
        if want is not None and got == first_above:
            raise AssertionError(f"{desc} gave {got!r}, the first size where b is above a; b "
                                 f"falls back below later, so the answer is {want!r}: b must "
                                 "stay above a at every larger size")
        ge = next((n for i, n in enumerate(sizes) if all(y >= x for x, y in zip(a[i:], b[i:]))),
                  None)
        if got == ge and want != ge:
            raise AssertionError(f"{desc} gave {got!r}: equal accuracies are a tie, not a win "
                                 "(use >, not >=)")
        if want is None:
            raise AssertionError(f"{desc} gave {got!r}, expected None: b is not above a at the "
                                 "largest size, so it never overtakes")
        if got == sizes.index(want):
            raise AssertionError(f"{desc} gave {got!r}, expected the size {want!r}, not its "
                                 "position in the list")
        raise AssertionError(f"{desc} gave {got!r}, expected {want!r}")
    passed("overtakes_at", "the size from which b stays above a.")
