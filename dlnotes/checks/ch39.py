"""Checkers for chapter 39, why training large networks behaves like convex optimisation."""
import numpy as np

from .. import canonical as cn
from ._core import passed, require_array, require_close

__all__ = ["check_disparity_matrix", "check_relu_rank"]


def check_disparity_matrix(disparity_matrix):
    """``disparity_matrix(J, Phi)`` turns the grid Jacobian J (n, M) and the basis Phi (n, L)
    into H (M, L) = J^T Phi / n."""
    rng = np.random.default_rng(39)
    n, M, L = 12, 7, 5
    J, Phi = rng.standard_normal((n, M)), rng.standard_normal((n, L))
    H = require_array(disparity_matrix(J, Phi), "disparity_matrix(J, Phi)")
    expected = J.T @ Phi / n
    if H.shape == (L, M):
        raise AssertionError(f"H has shape {H.shape}: one row per basis function. H has one row "
                             f"per parameter and one column per coefficient, ({M}, {L}); "
                             "transpose it (J^T Phi, not Phi^T J).")
    require_array(H, "disparity_matrix(J, Phi)", shape=(M, L))
    if np.allclose(H, J.T @ Phi):
        raise AssertionError("H is n times too large: a coordinate is an integral over the cube, "
                             "approximated by the mean over the n grid points, so divide by n.")
    for wrong, what in ((M, "M, the number of parameters"), (L, "L, the number of coefficients")):
        if np.allclose(H, J.T @ Phi / wrong):
            raise AssertionError(f"H is divided by {what}; the midpoint rule averages over the "
                                 f"n = {n} grid points, so divide by n.")
    require_close(H, expected, "disparity_matrix(J, Phi)",
                  hint="row p must hold the coordinates of df/dw_p: (column p of J) . Phi / n")
    passed("disparity_matrix", f"H has shape {H.shape}.")


def _rank_cases():
    """1-D ReLU networks with well-separated kinks (so a grid of 2048 points resolves them)."""
    rng = np.random.default_rng(7)

    def net(t, sign, extra_W=(), extra_b=()):
        W = sign * rng.uniform(1, 2, len(t))
        W = np.concatenate([W, extra_W])
        b = np.concatenate([-W[:len(t)] * t, extra_b])
        a = rng.choice([-1.0, 1.0], W.size) * rng.uniform(0.5, 1.5, W.size)
        return cn.pack(W[:, None], b, a, 0.3)

    t = (np.arange(6) + 0.5) / 6
    sign = rng.choice([-1.0, 1.0], 6)
    return {
        "kinks only": net(t, sign),
        "kinks and two units alive everywhere": net(t, sign, [1.5, -1.2], [0.5, 2.0]),
        "kinks and dead units": net(t, sign, [1.5, -1.2, 1.0], [-3.0, -0.5, -1.1]),
        "only dead units": net(t[:0], sign[:0], [1.5, -1.0], [-2.0, -0.1]),
        "one kink, one unit alive everywhere": net(t[2:3], sign[2:3], [-1.0], [1.5]),
    }


def check_relu_rank(relu_rank):
    """``relu_rank(w)`` predicts the rank of the grid Jacobian of a 1-D ReLU network w (3m+1,):
    2 * (kinks strictly inside (0, 1)) + 1 + (1 if some unit is alive on all of [0, 1])."""
    X = cn.grid(2048)
    for name, w in _rank_cases().items():
        got = relu_rank(w)
        if not isinstance(got, (int, np.integer)):
            raise AssertionError(f"relu_rank(w) should return an int, got {type(got).__name__}")
        W, b, _, _ = cn.unpack(w)
        k = len(cn.kinks(w))
        whole = bool(np.any((b > 0) & (W[:, 0] + b > 0)))
        truth = cn.numerical_rank(cn.jacobian(w, X))
        if got == truth:
            continue
        hint = ""
        if got == 2 * k + 2 and not whole:
            hint = (" With no unit alive on the whole interval nothing supplies the function x; "
                    "the +2 holds only when such a unit exists.")
        elif got == 2 * k + 1 and whole:
            hint = " A unit alive on all of [0, 1] adds the linear function x: one more."
        elif got == 2 * k + int(whole):
            hint = " The output bias c adds the constant function: one more."
        elif got == 3 * k + 1 + int(whole) or got == 3 * k + 2:
            hint = (" A kink adds 2 directions, not 3: the derivative in W_j is x times the "
                    "step, a combination of the step and the ramp.")
        elif got > 2 * k + 2:
            hint = (" Count only kinks t_j = -b_j / W_j strictly inside (0, 1): units that are "
                    "dead or alive everywhere have no kink in the domain.")
        else:
            hint = " Check the sign of the kink: W_j t + b_j = 0 gives t_j = -b_j / W_j."
        raise AssertionError(f"for a network with {name} ({w.size // 3} units, {k} kinks inside) "
                             f"relu_rank(w) returned {got}, but the grid Jacobian has rank "
                             f"{truth}.{hint}")
    passed("relu_rank", f"{len(_rank_cases())} networks, every rank predicted.")
