"""The canonical (Fourier) space of a one-hidden-layer network and its disparity matrix (chapter 39).

The network on the unit cube [0, 1]^K, with m hidden units and activation sigma, is

    f(x; w) = s * sum_j a_j * sigma(W_j . x + b_j) + c,        s = 1 / sqrt(m),

and all its M = (K + 2) m + 1 parameters sit in one flat vector ``w`` in the order
(W row by row, b, a, c). Points are columns: X has shape (K, n), as elsewhere in the book.

A real orthonormal basis phi_l of functions on [0, 1]^K (cosine or periodic Fourier, ordered by
frequency) gives every function its canonical coordinates theta_l = int f phi_l dx, computed by the
midpoint rule on a uniform grid. The disparity matrix H (M, L) holds, in row p, the first L
coordinates of the derivative df/dw_p. On n data points, with J (n, M) the Jacobian of the outputs
and Phi (n, L) the basis there, J ~= Phi H^T (exact on the grid when L = n), hence
grad_w Q = H grad_theta Q for any loss Q of the outputs.
"""
import numpy as np

from ._validate import array, choice, generator, integer, number, positive_int
from .progress import progress_bar

__all__ = ["ACTIVATIONS", "KINDS", "n_params", "pack", "unpack", "init_params", "forward",
           "jacobian", "kinks", "grid", "frequencies", "basis", "canonical_coords", "disparity",
           "singular_values", "numerical_rank", "ntk", "loss", "train", "permute_units"]

ACTIVATIONS = ("relu", "tanh")
KINDS = ("cosine", "fourier")


# --- checking arguments -------------------------------------------------------------------------

def _choice(value, name, options):
    return choice(value, name, options)


def n_params(m, K=1):
    """M = (K + 2) m + 1: K input weights, a bias and an output weight per unit, plus c."""
    return (positive_int(K, "K") + 2) * positive_int(m, "m") + 1


def pack(W, b, a, c):
    """Flatten W (m, K), b (m,), a (m,) and the scalar c into w (M,), in that order."""
    W = array(W, "W", 2, dtype=float)
    m, K = W.shape
    b, a = array(b, "b", 1, dtype=float), array(a, "a", 1, dtype=float)
    for name, v in (("b", b), ("a", a)):
        if v.shape != (m,):
            raise ValueError(f"{name} must have shape ({m},) to match W {W.shape}, got shape "
                             f"{v.shape}")
    return np.concatenate([W.ravel(), b, a, [number(c, "c")]])


def unpack(w, K=1):
    """Split w (M,) into W (m, K), b (m,), a (m,), c. Raises ValueError unless M = (K+2) m + 1."""
    return _unpack(w, K)


def _unpack(w, K, name="w"):
    w = array(w, name, 1, dtype=float)
    K = positive_int(K, "K")
    m, rest = divmod(w.size - 1, K + 2)
    if m < 1 or rest:
        raise ValueError(f"{name} must have shape ((K + 2) m + 1,) for K = {K} and some width "
                         f"m >= 1, got shape {w.shape}")
    return w[:m * K].reshape(m, K), w[m * K:m * (K + 1)], w[m * (K + 1):m * (K + 2)], w[-1]


def _points(X, K):
    X = array(X, "X", 2, dtype=float)
    if X.shape[0] != K:
        raise ValueError(f"X must have shape (K, n) = ({K}, n), one column per point, got shape "
                         f"{X.shape}")
    return X


# --- initialisation -----------------------------------------------------------------------------

def init_params(m, K=1, init="kink", seed=0):
    """Random w (M,) for a width-m network on [0, 1]^K; a ~ N(0, 1), c = 0.

    ``init="normal"``: W, b ~ N(0, 1), so many ReLU units are dead on the cube.
    ``init="kink"``: each unit's hyperplane W_j . x + b_j = 0 passes through a uniform random
    point p_j of the cube, with a uniform random direction and |W_j| uniform in [1, 2];
    b_j = -W_j . p_j. Every unit is then alive on part of the cube.
    """
    m, K = positive_int(m, "m"), positive_int(K, "K")
    _choice(init, "init", ("kink", "normal"))
    rng = generator(seed)
    if init == "normal":
        W, b = rng.standard_normal((m, K)), rng.standard_normal(m)
    else:
        u = rng.standard_normal((m, K))
        W = u / np.linalg.norm(u, axis=1, keepdims=True) * rng.uniform(1, 2, (m, 1))
        b = -np.sum(W * rng.uniform(0, 1, (m, K)), axis=1)
    a = rng.standard_normal(m)
    return pack(W, b, a, 0.0)


# --- the network and its exact Jacobian --------------------------------------------------------

def _sigma(Z, activation):
    if activation == "relu":
        return np.maximum(Z, 0.0), (Z > 0).astype(float)
    T = np.tanh(Z)
    return T, 1.0 - T ** 2


def forward(w, X, activation="relu"):
    """f(x_i) = s * sum_j a_j sigma(W_j . x_i + b_j) + c for the columns x_i of X (K, n) -> (n,)."""
    _choice(activation, "activation", ACTIVATIONS)
    K = np.asarray(X).shape[0] if np.ndim(X) == 2 else 1
    W, b, a, c = unpack(w, K)
    X = _points(X, W.shape[1])
    A, _ = _sigma(W @ X + b[:, None], activation)
    return (a @ A) / np.sqrt(W.shape[0]) + c


def jacobian(w, X, activation="relu"):
    """J (n, M) with J[i, p] = df(x_i)/dw_p, by the chain rule written out.

    df/dW_jk = s a_j sigma'(z_j) x_k,  df/db_j = s a_j sigma'(z_j),  df/da_j = s sigma(z_j),
    df/dc = 1,  where z_j = W_j . x + b_j and s = 1/sqrt(m).
    """
    _choice(activation, "activation", ACTIVATIONS)
    K = np.asarray(X).shape[0] if np.ndim(X) == 2 else 1
    W, b, a, c = unpack(w, K)
    X = _points(X, W.shape[1])
    m, n = W.shape[0], X.shape[1]
    s = 1.0 / np.sqrt(m)
    A, dA = _sigma(W @ X + b[:, None], activation)   # (m, n)
    db = s * (a[:, None] * dA).T                        # (n, m)
    dW = (db[:, :, None] * X.T[:, None, :]).reshape(n, m * K)
    return np.hstack([dW, db, s * A.T, np.ones((n, 1))])


def kinks(w):
    """Where the units of a 1-D ReLU network break: t_j = -b_j / W_j for the units with a kink
    strictly inside (0, 1), sorted. Units with W_j = 0 have none."""
    W, b, _, _ = unpack(w, 1)
    W, b = W[:, 0], b
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(W != 0, -b / np.where(W != 0, W, 1.0), np.nan)
    return np.sort(t[(t > 0) & (t < 1)])


def relu_rank_on_grid(w, G):
    """The rank of the Jacobian of a 1-D ReLU network on the midpoint grid of G points, predicted
    from where its units switch on (assumes every a_j != 0).

    On a grid a unit is a step and a ramp starting at a *cell* c, the number of grid points left
    of its kink (1 <= c <= G - 1 for a kink the grid sees). Modulo the constant (from c) and the
    steps u_c (one per distinct cell), a ramp is x·u_c, and two ramps are the same direction when
    every grid point between their cells is itself a cell (then x·(u_c − u_c') is a combination
    of steps); cell 0 stands for the function x, cell G for 0. So cells merge into runs of
    neighbouring cells, and each unit is an edge between two runs: a unit on for x > t joins its
    run to G's, one on for x < t (it gives x − x·u_c) joins it to 0's, a unit on at every grid
    point joins 0's to G's. The rank is 1 + (distinct cells) + (runs touched − connected groups).
    When no two kinks share or neighbour a cell and none lies before the first or after the last
    grid point, this is the rule 2k + 1 + [a unit is on everywhere].
    """
    G = positive_int(G, "G")
    x = grid(G, 1)[0]
    W, b, _, _ = unpack(w, 1)
    W = W[:, 0]
    n_on = np.sum(W[:, None] * x[None, :] + b[:, None] > 0, axis=1)
    partly = (n_on > 0) & (n_on < G)
    cell = np.where(W > 0, G - n_on, n_on)[partly]
    cells = np.unique(cell)
    marks = np.unique(np.concatenate([[0], cells, [G]]))
    run = np.concatenate([[0], np.cumsum(np.diff(marks) > 1)])   # same run: neighbouring cells
    run_of = dict(zip(marks.tolist(), run.tolist()))
    edges = [(run_of[int(c)], run_of[G] if sw > 0 else run_of[0])
             for c, sw in zip(cell, np.sign(W[partly]))]
    if np.any(n_on == G):
        edges.append((run_of[0], run_of[G]))
    parent = {}

    def root(v):
        parent.setdefault(v, v)
        while parent[v] != v:
            v = parent[v]
        return v

    for u, v in edges:
        parent[root(u)] = root(v)
    touched = {v for e in edges for v in e}
    groups = {root(v) for v in touched}
    return 1 + len(cells) + len(touched) - len(groups)


# --- grid, basis, canonical coordinates, disparity matrix ---------------------------------------

def grid(G, K=1):
    """The G^K midpoints of a uniform grid on [0, 1]^K, as X (K, G^K) (first axis slowest)."""
    G, K = positive_int(G, "G"), positive_int(K, "K")
    t = (np.arange(G) + 0.5) / G
    return np.stack([g.ravel() for g in np.meshgrid(*([t] * K), indexing="ij")])


def _freq(idx, kind):
    # The 1-D cosine function l has frequency l; the Fourier pair (sin, cos) of index 2k-1, 2k
    # shares frequency k.
    return idx if kind == "cosine" else (idx + 1) // 2


def frequencies(L, K=1, kind="cosine"):
    """The L multi-indices (L, K) of the lowest-frequency basis functions, in the book's order:
    by the largest frequency over the axes (square shells), then the sum of squares, then index.
    On a grid of G points per axis the first G^K of them are exactly the grid's basis."""
    L, K = positive_int(L, "L"), positive_int(K, "K")
    _choice(kind, "kind", KINDS)
    bound = L if K == 1 else int(np.ceil(L ** (1.0 / K))) * 2 + 2
    idx = np.stack([g.ravel() for g in np.meshgrid(*([np.arange(bound)] * K), indexing="ij")], 1)
    fr = _freq(idx, kind)
    order = np.lexsort(tuple(idx[:, ::-1].T) + ((fr ** 2).sum(1), fr.max(1)))
    return idx[order[:L]]


def basis(X, L, kind="cosine"):
    """Phi (n, L): the first L orthonormal basis functions at the columns of X (K, n).

    cosine (1-D): phi_0 = 1, phi_l(x) = sqrt(2) cos(pi l x); on G grid midpoints this is the
    orthonormal DCT-II scaled so that Phi^T Phi / G = I.
    fourier (1-D): phi_0 = 1, phi_{2k-1} = sqrt(2) sin(2 pi k x), phi_{2k} = sqrt(2) cos(2 pi k x);
    periodic, so a function with f(0) != f(1) has a jump for it. On G midpoints it is an exact
    basis when G is odd. In K dimensions: products over the axes, ordered by ``frequencies``.
    """
    X = array(X, "X", 2, dtype=float)
    idx = frequencies(L, X.shape[0], kind)
    Phi = np.ones((X.shape[1], idx.shape[0]))
    for k in range(X.shape[0]):
        x, l = X[k][:, None], idx[:, k][None, :]
        if kind == "cosine":
            vals = np.where(l == 0, 1.0, np.sqrt(2) * np.cos(np.pi * l * x))
        else:
            f = 2 * np.pi * ((l + 1) // 2) * x
            vals = np.where(l == 0, 1.0, np.sqrt(2) * np.where(l % 2 == 1, np.sin(f), np.cos(f)))
        Phi *= vals
    return Phi


def canonical_coords(values, Phi):
    """theta = Phi^T values / n (L,) or (L, r): the midpoint-rule coordinates int f phi_l dx of a
    function from its values (n,) or (n, r) on a uniform grid of the unit cube, Phi (n, L)."""
    Phi = array(Phi, "Phi", 2, dtype=float)
    values = array(values, "values", dtype=float)
    if values.ndim not in (1, 2) or values.shape[0] != Phi.shape[0]:
        raise ValueError(f"values must have shape ({Phi.shape[0]},) or ({Phi.shape[0]}, r) to "
                         f"match Phi {Phi.shape}, got shape {values.shape}")
    return Phi.T @ values / Phi.shape[0]


def disparity(w, X_grid, Phi, activation="relu"):
    """H (M, L): row p holds the canonical coordinates of df/dw_p, H = J^T Phi / n.

    X_grid (K, n) is a uniform midpoint grid of [0, 1]^K and Phi (n, L) = basis(X_grid, L).
    """
    return canonical_coords(jacobian(w, X_grid, activation), Phi).T


def singular_values(A):
    """Singular values of A, largest first."""
    return np.linalg.svd(array(A, "A", 2, dtype=float), compute_uv=False)


def numerical_rank(A, rtol=1e-10):
    """Number of singular values of A above rtol * sigma_max (0 for a zero matrix)."""
    rtol = number(rtol, "rtol", lo=0)
    s = singular_values(A)
    return int(np.sum(s > rtol * s[0])) if s.size and s[0] > 0 else 0


def ntk(w, X, activation="relu"):
    """The neural tangent kernel Gram matrix on the columns of X: J J^T (n, n)."""
    J = jacobian(w, X, activation)
    return J @ J.T


# --- training -----------------------------------------------------------------------------------

def loss(g, y):
    """Q = (1/2N) sum_i (g_i - y_i)^2 for outputs g (N,) and targets y (N,)."""
    g, y = array(g, "g", 1, dtype=float), array(y, "y", 1, dtype=float)
    if g.shape != y.shape:
        raise ValueError(f"g must have the shape of y, {y.shape}, got shape {g.shape}")
    return 0.5 * float(np.mean((g - y) ** 2))


def train(w0, X, y, alpha=1.0, steps=1000, lr=None, activation="relu", X_grid=None, Phi=None,
          n_records=40, center=True, progress=None):
    """Full-batch gradient descent on Q(w) = (1/2N) |g(w) - y|^2, g(w) = alpha (f(w) - f(w0)).

    (With ``center=False``, g(w) = alpha f(w): the plain network when alpha = 1.)

    X (K, N) and y (N,) are the training set. Large alpha is the lazy regime (w barely moves),
    alpha = 1 the ordinary one. The step is w <- w - lr * alpha J^T (g - y) / N, and the default
    lr = 1 / lambda_max(alpha^2 J J^T / N) at w0. At ``n_records`` steps spaced evenly on a log
    scale it records Q, the smallest eigenvalue of the NTK J J^T on X and, when X_grid and
    Phi = basis(X_grid, L) are given, sigma_min(H) (the L-th singular value).

    Returns a dict: w (M,), step, loss, ntk_min, sigma_min (arrays of the records; sigma_min is
    NaN when no grid is given).
    """
    w0 = array(w0, "w0", 1, dtype=float)
    X = array(X, "X", 2, dtype=float)
    K = X.shape[0]
    _unpack(w0, K, "w0")
    X = _points(X, K)
    y = array(y, "y", 1, dtype=float)
    if y.shape != (X.shape[1],):
        raise ValueError(f"y must have shape ({X.shape[1]},), one target per column of X, got "
                         f"shape {y.shape}")
    steps = integer(steps, "steps", 0)
    n_records = integer(n_records, "n_records")
    alpha = number(alpha, "alpha", lo=0, lo_open=True)
    if lr is not None:
        lr = number(lr, "lr", lo=0, lo_open=True)
    if (X_grid is None) != (Phi is None):
        raise ValueError(f"X_grid and Phi must be given together (for sigma_min), got "
                         f"X_grid={'None' if X_grid is None else 'an array'} and "
                         f"Phi={'None' if Phi is None else 'an array'}")
    if Phi is not None:
        X_grid = _points(X_grid, K)
        Phi = array(Phi, "Phi", 2, dtype=float)
        if Phi.shape[0] != X_grid.shape[1]:
            raise ValueError(f"Phi must have one row per point of X_grid ({X_grid.shape[1]}), "
                             f"got shape {Phi.shape}")
    N = X.shape[1]
    f0 = forward(w0, X, activation) if center else np.zeros(N)
    if lr is None:
        lr = 1.0 / np.linalg.eigvalsh(alpha ** 2 * ntk(w0, X, activation) / N)[-1]
    when = set(np.unique(np.geomspace(1, steps + 1, n_records).astype(int) - 1).tolist())
    rec = {"step": [], "loss": [], "ntk_min": [], "sigma_min": []}
    w = w0.copy()
    m = (w0.size - 1) // (K + 2)
    s = 1.0 / np.sqrt(m)
    for t in progress_bar(range(steps + 1), progress, "train"):
        W, b, a, c = unpack(w, K)
        A, dA = _sigma(W @ X + b[:, None], activation)
        r = alpha * (s * (a @ A) + c - f0) - y
        if t in when or t == steps:
            J = jacobian(w, X, activation)
            rec["step"].append(t)
            rec["loss"].append(0.5 * float(np.mean(r ** 2)))
            rec["ntk_min"].append(np.linalg.eigvalsh(J @ J.T)[0])
            rec["sigma_min"].append(np.nan if Phi is None else
                                    singular_values(disparity(w, X_grid, Phi, activation))[-1])
        if t == steps:
            break
        # J^T u without forming J: the same chain rule as in jacobian, summed over the points.
        u = alpha * r / N
        dZ = s * a[:, None] * dA * u                 # (m, N)
        w -= lr * np.concatenate([(dZ @ X.T).ravel(), dZ.sum(1), s * (A @ u), [u.sum()]])
        if not np.all(np.isfinite(w)):
            raise FloatingPointError(f"gradient descent diverged at step {t}; lower lr")
    return {"w": w, **{k: np.array(v) for k, v in rec.items()}}


def permute_units(w, perm, K=1):
    """The same network with its hidden units reordered: unit j of the result is unit perm[j]."""
    W, b, a, c = unpack(w, K)
    perm = np.asarray(perm) if not isinstance(perm, (str, bytes)) else np.array([])
    if perm.shape != (W.shape[0],) or perm.dtype.kind not in "iu" or not np.array_equal(np.sort(perm), np.arange(W.shape[0])):
        raise ValueError(f"perm must be a permutation of range({W.shape[0]}), got "
                         f"{perm.tolist() if perm.size <= 10 else f'shape {perm.shape}'}")
    return pack(W[perm], b[perm], a[perm], c)
