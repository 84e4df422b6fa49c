"""Checkers for chapter 19, hidden layers: weight images, the inputs that excite a unit most, and
the share of a unit's weight mass in the centre of the image."""
import numpy as np

from ..experiments.hidden_units import centre_share, top_activating
from ._core import call, close, passed, require_array

__all__ = ["check_unit_images", "check_top_k_inputs", "check_centre_mass_share"]


def check_unit_images(unit_images):
    """``unit_images(W1, shape)`` -> (n[1], h, w): row u of W1 reshaped row by row."""
    rng = np.random.default_rng(19)
    for shape in ((4, 6), (5, 5)):
        h, w = shape
        W1 = rng.standard_normal((3, h * w))
        got = call(unit_images, "unit_images", W1.copy(), shape)
        got = require_array(np.asarray(got) if isinstance(got, list) else got,
                            f"unit_images(W1, {shape})")
        want = W1.reshape(3, h, w)
        if got.shape == (h, w, 3) or got.shape == (h * w, 3):
            raise AssertionError(f"unit_images returned shape {got.shape}: put the units first, "
                                 f"(n[1], h, w) = {want.shape}, one image per row of W1")
        if got.shape == (3, w, h) and h != w:
            raise AssertionError(f"shape {got.shape} is (n[1], w, h); the images are (h, w) = "
                                 f"{shape}, h rows of w pixels")
        require_array(got, f"unit_images(W1, {shape})", shape=want.shape)
        if close(got, want):
            continue
        if close(got, W1.reshape(3, h, w, order="F")) or close(
                got, np.stack([r.reshape(w, h).T for r in W1])):
            raise AssertionError("the pixels are in column order: the images were flattened row "
                                 "by row, so pixel (r, c) is input r·w + c (NumPy's default "
                                 "reshape order)")
        if close(got, W1.T.reshape(h, w, 3).transpose(2, 0, 1)) or close(
                got, W1.T.reshape(3, h, w)) or close(got, W1.reshape(h, w, 3).transpose(2, 0, 1)):
            raise AssertionError("the images mix the weights of different units: each image is "
                                 "one row of W1 (the weights into one unit), reshaped to (h, w)")
        if close(np.abs(got), np.abs(want)):
            raise AssertionError("the signs are lost: keep the weights as they are (np.abs is "
                                 "for the weight mass, not for the image)")
        raise AssertionError(f"unit_images(W1, {shape}) has the right shape but not the values: "
                             "image u should be W1[u] reshaped to (h, w)")
    passed("unit_images", "one (h, w) image per unit, pixels in row order.")


def check_top_k_inputs(top_k_inputs):
    """``top_k_inputs(X, W1, b1, k)`` -> int (n[1], k): the k examples with the largest
    ReLU(W1 x + b1) of each unit, largest first (ties to the earlier example)."""
    rng = np.random.default_rng(190)
    X = rng.standard_normal((6, 40))
    W1 = rng.standard_normal((5, 6))
    b1 = rng.standard_normal((5, 1))
    # Unit 0 is active on 3 examples only: the ties at ReLU = 0 decide the rest of its list.
    b1[0] = -np.sort(W1[0] @ X)[-4]
    k = 7
    got = call(top_k_inputs, "top_k_inputs", X.copy(), W1.copy(), b1.copy(), k)
    got = np.asarray(got) if isinstance(got, list) else got
    require_array(got, "top_k_inputs(X, W1, b1, k)")
    want = top_activating(X, W1, b1, k)
    A = np.maximum(W1 @ X + b1, 0)
    Z = W1 @ X + b1
    if got.shape == (k, W1.shape[0]):
        raise AssertionError(f"top_k_inputs returned shape {got.shape} = (k, n[1]); return one "
                             f"row per unit, (n[1], k) = {want.shape}")
    require_array(got, "top_k_inputs(X, W1, b1, k)", shape=want.shape)
    if got.dtype.kind not in "iu":
        if np.all(np.isin(got, A)) and not np.all(got == np.round(got)):
            raise AssertionError("these look like activations; return the indices of the "
                                 "examples (np.argsort gives indices)")
        raise AssertionError(f"top_k_inputs returned dtype {got.dtype}; indices are integers")
    if np.array_equal(got, want):
        passed("top_k_inputs", "the k most exciting examples of each unit, largest first.")
        return
    ascending = np.argsort(A, axis=1, kind="stable")
    if np.array_equal(got, ascending[:, :k]):
        raise AssertionError("these are the k examples with the smallest activations; sort by "
                             "the negated activations to get the largest first")
    if np.array_equal(got, ascending[:, ::-1][:, :k]) or np.array_equal(
            got, ascending[:, -k:][:, ::-1]):
        raise AssertionError("right examples except where activations tie (several are 0 after "
                             "the ReLU): among equal activations the earlier example comes "
                             "first; use np.argsort(-A, axis=1, kind='stable')")
    if np.array_equal(got, ascending[:, -k:]):
        raise AssertionError("the k largest, but smallest first: reverse each row")
    if np.array_equal(got, np.argsort(-A, axis=0, kind="stable")[:k].T[:W1.shape[0]]) or \
            np.array_equal(got, np.argsort(-A.T, axis=1, kind="stable")[:W1.shape[0], :k]):
        raise AssertionError("the sort runs along the wrong axis: for each unit (row of A = "
                             "ReLU(W1 X + b1)), rank the examples (columns)")
    if np.array_equal(got, np.argsort(-Z, axis=1, kind="stable")[:, :k]):
        raise AssertionError("the ranking uses Z = W1 X + b1 before the ReLU; rank by the "
                             "activation a = ReLU(z), where all inactive examples tie at 0")
    raise AssertionError(f"top_k_inputs is wrong: unit 1 gave {got[1].tolist()}, expected "
                         f"{want[1].tolist()}")


def check_centre_mass_share(centre_mass_share):
    """``centre_mass_share(W, shape, margin)`` -> (n,): the share of Σ|w| of each row on the
    pixels at least ``margin`` away from every edge."""
    rng = np.random.default_rng(1900)
    shape, margin = (8, 10), 2
    W = rng.standard_normal((4, 80))
    W[1] *= np.linspace(0.2, 3, 80)            # rows with different spreads
    got = call(centre_mass_share, "centre_mass_share", W.copy(), shape, margin)
    got = np.asarray(got, dtype=float) if isinstance(got, list) else got
    require_array(got, "centre_mass_share(W, shape, margin)")
    want = centre_share(W, shape, margin)
    if got.shape == (4, 1):
        got = got[:, 0]
    require_array(got, "centre_mass_share(W, shape, margin)", shape=want.shape)
    if close(got, want):
        for m in (0, 3):   # margin 0: all the mass; margin 3 on (8, 10): the inner 2 × 4
            again = call(centre_mass_share, "centre_mass_share", W.copy(), shape, m)
            if not close(np.ravel(again), centre_share(W, shape, m)):
                raise AssertionError(f"right for margin 2 but not for margin {m}: use the margin "
                                     "argument, not a fixed number")
        passed("centre_mass_share", "the share of Σ|w| in the centre, one number per row.")
        return
    h, w = shape
    M = np.abs(W).reshape(-1, h, w)

    def share(mass, a, b):
        return mass[:, a:h - b, a:w - b].sum(axis=(1, 2)) / mass.sum(axis=(1, 2))
    if close(got, 1 - want):
        raise AssertionError("this is the share of the border; return the share of the centre")
    if close(got, share(W.reshape(-1, h, w), margin, margin)):
        raise AssertionError("the weights are summed with their signs, which cancel: use the "
                             "weight mass Σ|w| (np.abs)")
    if close(got, share(M ** 2, margin, margin)):
        raise AssertionError("this is the share of Σw² (the squared weights); use Σ|w|")
    if close(got, share(M, margin + 1, margin + 1)) or close(got, share(M, margin - 1, margin - 1)) \
            or close(got, share(M, margin, margin + 1)) or close(got, share(M, margin, margin - 1)):
        raise AssertionError("the centre is off by one pixel: it runs from index margin to "
                             "h - margin - 1 (the slice margin:h - margin)")
    if close(got, np.abs(W).reshape(-1, w, h)[:, margin:w - margin, margin:h - margin]
             .sum(axis=(1, 2)) / M.sum(axis=(1, 2))):
        raise AssertionError("the rows were reshaped to (w, h); the images are (h, w) = "
                             f"{shape}")
    if close(got, M[:, margin:h - margin, margin:w - margin].sum(axis=(1, 2))):
        raise AssertionError("this is the centre's mass itself; divide by the row's total Σ|w|")
    raise AssertionError(f"centre_mass_share is wrong: got {np.round(got, 4).tolist()}, expected "
                         f"{np.round(want, 4).tolist()}")
