"""Convolution and pooling layers, forward and backward, vectorised with NumPy.

Channels-last shapes, as in the book: activations A (m, n_H, n_W, n_C), filters
W (f, f, n_C_prev, n_C), biases b (n_C,). "Convolution" is cross-correlation (the filter is not
flipped), as in the lectures and in TensorFlow. The output size along each spatial axis is

    n_out = floor((n + 2 pad - f) / stride) + 1.

How it is fast (the loop versions are in :mod:`dlnotes.reference`):

- Forward: every f x f x n_C_prev window becomes one row of a column matrix ("im2col", made from
  a strided view with no Python loop; with one input channel, offset by offset), and the whole
  layer is one matrix product with the filters flattened to (f f n_C_prev, n_C). The bias is
  one more row of that matrix, multiplied by a last column of ones. The column matrix is built
  a slice of the batch at a time (about 2 MB; each slice zero-padded on its own) into one
  buffer, and each slice is multiplied while it is still in the processor's cache. Each thread
  keeps these buffers for its next layers of the same shape.
- Backward: dW is the column matrix transposed times dZ (rebuilt slice by slice, so the cache
  keeps only the layer's inputs), and the ones column gives db in the same product; dA_prev is
  a loop over the f^2 filter offsets, each one matrix product and one strided add. No
  np.add.at, which is slow.
- Pooling loops over the f^2 window offsets, each step a whole-array operation on strided views.
- Inside :func:`dlnotes._halves.split_batches` (which :func:`dlnotes.cnn.train` opens), each
  layer gives the two halves of a large batch to two cores at once (see :mod:`dlnotes._halves`).
"""
from __future__ import annotations

import threading

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ._halves import halves
from ._validate import _got, all_finite, array, choice, integer, require_finite, sequence

__all__ = ["edge_filter", "EDGE_FILTERS", "conv_output_size", "zero_pad", "conv_forward",
           "conv_backward", "pool_forward", "pool_backward"]

# About this many bytes of column matrix per batch slice: small enough that a slice's columns
# are still in the processor's cache when the matrix product reads them, just after they were
# copied (16 MB slices made the forward pass 20-25% slower on 2-core AMD EPYC machines with
# 1-2 MB of cache per core), and large enough that the products stay efficient.
_CHUNK_BYTES = 2 * 2**20
# About this many bytes of input gradient per batch slice in the backward pass: each slice
# receives f^2 strided additions, which run 5-10% faster on such machines when the slice stays
# in cache between them than when each addition sweeps half a batch.
_DA_CHUNK_BYTES = 2**20
# Each thread keeps the column buffers of the last few layer shapes it ran (about 2 MB each,
# more with padding): see _scratch.
_kept = threading.local()
_KEPT_KEYS = 4

# Edge detectors, 3 x 3, for vertical edges (bright on the left, dark on the right gives a
# positive response). The horizontal version of each is the transpose.
_VERTICAL_EDGES = {
    "plain": [[1, 0, -1], [1, 0, -1], [1, 0, -1]],
    "sobel": [[1, 0, -1], [2, 0, -2], [1, 0, -1]],
    "scharr": [[3, 0, -3], [10, 0, -10], [3, 0, -3]],
}


def edge_filter(name: str = "plain", orientation: str = "vertical") -> np.ndarray:
    """A 3 x 3 edge-detection filter as a float64 array.

    ``name``: ``"plain"`` (columns 1, 0, -1), ``"sobel"`` (centre row weighted 2) or ``"scharr"``
    (weights 3, 10, 3). ``orientation``: ``"vertical"`` finds vertical edges (left minus right,
    so light-to-dark from left to right is positive); ``"horizontal"`` is its transpose (top
    minus bottom). To use one in :func:`conv_forward`, reshape it to (3, 3, 1, 1).
    """
    choice(name, "name", tuple(_VERTICAL_EDGES))
    choice(orientation, "orientation", ("vertical", "horizontal"))
    k = np.array(_VERTICAL_EDGES[name], dtype=np.float64)
    return k if orientation == "vertical" else k.T.copy()


#: All named edge filters: "vertical", "horizontal" (the plain ones), and "sobel_vertical",
#: "sobel_horizontal", "scharr_vertical", "scharr_horizontal". Each is a (3, 3) float64 array.
EDGE_FILTERS = {
    "vertical": edge_filter("plain", "vertical"),
    "horizontal": edge_filter("plain", "horizontal"),
    **{f"{name}_{o}": edge_filter(name, o)
       for name in ("sobel", "scharr") for o in ("vertical", "horizontal")},
}


# ---------------------------------------------------------------------------------------------
# Checking arguments


def _conv_cache(cache):
    """The (A_prev, W, b, stride, pad) cache of conv_forward, checked (cheaply: no copies)."""
    A_prev, W, b, stride, pad = sequence(cache, "cache", 5,
                                         "the (A_prev, W, b, stride, pad) cache of conv_forward")
    if not (isinstance(A_prev, np.ndarray) and A_prev.ndim == 4 and isinstance(W, np.ndarray)
            and W.ndim == 4 and W.shape[2] == A_prev.shape[3]):
        raise ValueError(f"cache must be the (A_prev, W, b, stride, pad) cache of conv_forward, "
                         f"with A_prev (m, n_H_prev, n_W_prev, n_C_prev) and W (f, f, n_C_prev, "
                         f"n_C), got {_got(A_prev)} and {_got(W)}")
    return A_prev, W, b, integer(stride, "cache[3] (stride)", 1), integer(pad, "cache[4] (pad)", 0)


def _pool_cache(cache):
    A_prev, A, f, stride, mode = sequence(cache, "cache", 5,
                                          "the (A_prev, A, f, stride, mode) cache of pool_forward")
    if not (isinstance(A_prev, np.ndarray) and A_prev.ndim == 4 and isinstance(A, np.ndarray)
            and A.ndim == 4 and mode in ("max", "average")):
        raise ValueError(f"cache must be the (A_prev, A, f, stride, mode) cache of pool_forward, "
                         f"got {_got(A_prev)}, {_got(A)} and mode {mode!r}")
    return A_prev, A, integer(f, "cache[2] (f)", 1), integer(stride, "cache[3] (stride)", 1), mode


def conv_output_size(n: int, f: int, pad: int = 0, stride: int = 1) -> int:
    """Output length along one spatial axis: floor((n + 2 pad - f) / stride) + 1.

    Raises ``ValueError`` when the filter does not fit in the padded input (f > n + 2 pad).
    """
    n = integer(n, "n", 1)
    f = integer(f, "f", 1)
    pad = integer(pad, "pad", 0)
    stride = integer(stride, "stride", 1)
    if f > n + 2 * pad:
        raise ValueError(f"f must be at most the padded input size n + 2*pad = {n} + 2*{pad} = "
                         f"{n + 2 * pad}, got f={f} (the filter size f={f} is larger than the "
                         f"padded input)")
    return (n + 2 * pad - f) // stride + 1


def _fits(fn: str, shape, f: int, pad: int, what: str) -> None:
    n_H, n_W = shape[1] + 2 * pad, shape[2] + 2 * pad
    if f > min(n_H, n_W):
        raise ValueError(f"f must be at most {min(n_H, n_W)}: the {what} size f={f} is larger "
                         f"than the padded input (A_prev has shape {tuple(shape)}, padded to "
                         f"{n_H} x {n_W} with pad={pad})")


def _check_conv(A_prev, W, b, stride, pad, fn="conv_forward", finite_A=True):
    """Validated (A_prev, W, b, stride, pad), all arrays in one floating-point dtype. With
    ``finite_A=False`` A_prev may hold NaN or inf: the caller looks for them itself."""
    A_prev = array(A_prev, "A_prev", 4, finite=finite_A,
                   need="(m, n_H_prev, n_W_prev, n_C_prev)")
    W = array(W, "W", 4, need="(f, f, n_C_prev, n_C)")
    b = array(b, "b", 1, need="(n_C,)")
    stride = integer(stride, "stride", 1)
    pad = integer(pad, "pad", 0)
    f, f2, n_C_prev, n_C = W.shape
    if f != f2:
        raise ValueError(f"W must be square, of shape (f, f, n_C_prev, n_C), got shape {W.shape}")
    if n_C_prev != A_prev.shape[3]:
        raise ValueError(f"W must have shape ({f}, {f}, {A_prev.shape[3]}, n_C), with the "
                         f"{A_prev.shape[3]} channels of A_prev (shape {A_prev.shape}), got "
                         f"shape {W.shape}")
    if b.shape != (n_C,):
        raise ValueError(f"b must have shape (n_C,) = ({n_C},) for W of shape {W.shape}, "
                         f"got shape {b.shape}")
    _fits(fn, A_prev.shape, f, pad, "filter")
    dtype = np.result_type(A_prev, W, b)
    return A_prev.astype(dtype, copy=False), W.astype(dtype, copy=False), \
        b.astype(dtype, copy=False), stride, pad


def _check_grad(fn: str, name: str, value, need_shape, dtype) -> np.ndarray:
    d = array(value, name, len(need_shape), need=str(tuple(need_shape)))
    if d.shape != tuple(need_shape):
        raise ValueError(f"{name} must have shape {tuple(need_shape)} (the shape of the forward "
                         f"output), got shape {d.shape}")
    return d.astype(dtype, copy=False)


# ---------------------------------------------------------------------------------------------
# Convolution


def zero_pad(X, pad: int) -> np.ndarray:
    """Pad the two spatial axes of X (m, n_H, n_W, n_C) with ``pad`` zeros on each side.

    Returns (m, n_H + 2 pad, n_W + 2 pad, n_C); with pad = 0, X itself (no copy).
    """
    X = array(X, "X", 4, need="(m, n_H, n_W, n_C)")
    pad = integer(pad, "pad", 0)
    return _zero_pad(X, pad)


def _zero_pad(X, pad):
    if pad == 0:
        return X
    m, n_H, n_W, n_C = X.shape
    out = np.zeros((m, n_H + 2 * pad, n_W + 2 * pad, n_C), dtype=X.dtype)
    out[:, pad:pad + n_H, pad:pad + n_W, :] = X
    return out


def _windows(A_pad, f: int, stride: int) -> np.ndarray:
    """A read-only view (m, n_H, n_W, f, f, n_C_prev) of every window: no copy."""
    view = sliding_window_view(A_pad, (f, f), axis=(1, 2))[:, ::stride, ::stride]
    return view.transpose(0, 1, 2, 4, 5, 3)


def _slices(m: int, per_example: int, budget: int) -> list:
    """The batch 0..m cut into consecutive slices of about ``budget`` bytes each, an example
    being ``per_example`` bytes (at least one example per slice; an empty batch is one empty
    slice, so that loops over the slices still make their empty outputs)."""
    step = max(1, min(m, budget // max(1, per_example)))
    return [slice(start, min(m, start + step)) for start in range(0, m, step)] or [slice(0, 0)]


def _scratch(key, make):
    """``make()``'s buffers, kept for this thread's next calls with the same ``key``: each thread
    keeps those of the ``_KEPT_KEYS`` keys it used last. Making them again at each call (zeroing,
    the windows' views) cost 3% of a layer's time."""
    kept = _kept.__dict__.setdefault("buffers", {})
    buffers = kept.pop(key, None)                          # re-inserted: now the newest
    if buffers is None:
        if len(kept) >= _KEPT_KEYS:
            del kept[next(iter(kept))]                     # the one used longest ago
        buffers = make()
    kept[key] = buffers
    return buffers


def _every_input_used(n: int, f: int, pad: int, stride: int) -> bool:
    """True when each of the n input positions along an axis lies in some window."""
    if stride <= f:                    # no gaps: the last window must reach the last position
        return (n + 2 * pad - f) % stride <= pad
    used = np.zeros(n + 2 * pad, dtype=bool)
    for start in range(0, n + 2 * pad - f + 1, stride):
        used[start:start + f] = True
    return bool(used[pad:pad + n].all())


def _columns(A_prev, f: int, stride: int, pad: int):
    """The column matrix of A_prev (m, n_H_prev, n_W_prev, n_C_prev) zero-padded by ``pad``,
    one f x f x n_C_prev window per row and a last column of ones (the input that the bias
    multiplies), as pairs (s, cols): a batch slice s and its rows, cols (examples of s x n_H x
    n_W, f f n_C_prev + 1).

    Each slice is padded into a small buffer whose border stays zero (not the whole batch at
    once: that cost a serial pass over the batch and its memory, and the windows are then read
    from the processor's cache), and its columns are copied into a second buffer. This thread
    keeps both for its next call with the same shapes (see _scratch), so each pair must be used
    before the next is asked for, from this call or another of the same shapes. With one input
    channel a window row is f numbers, too short to copy quickly: the columns are then copied
    offset by offset (each a whole strided image) into the transposed layout, which the matrix
    products take as it is.
    """
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    n_H, n_W = ((n + 2 * pad - f) // stride + 1 for n in (n_H_prev, n_W_prev))
    K = f * f * n_C_prev
    if n_C_prev == 1:
        windows = _windows(_zero_pad(A_prev, pad), f, stride)
        cols_T = np.empty((K + 1, m, n_H, n_W), dtype=A_prev.dtype)
        for p in range(f):
            for q in range(f):
                np.copyto(cols_T[p * f + q], windows[:, :, :, p, q, 0])
        cols_T[K] = 1
        yield slice(0, m), cols_T.reshape(K + 1, -1).T
        return
    slices = _slices(m, n_H * n_W * K * A_prev.itemsize, _CHUNK_BYTES)
    step = slices[0].stop - slices[0].start

    def make():
        padded = np.zeros((step, n_H_prev + 2 * pad, n_W_prev + 2 * pad, n_C_prev),
                          dtype=A_prev.dtype) if pad else None
        buffer = np.empty((step * n_H * n_W, K + 1), dtype=A_prev.dtype)
        buffer[:, K] = 1
        return (padded, _windows(padded, f, stride) if pad else None, buffer,
                buffer[:, :K].reshape(step, n_H, n_W, f, f, n_C_prev))

    padded, padded_windows, buffer, windows_out = _scratch(
        (A_prev.dtype, step, n_H_prev, n_W_prev, n_C_prev, f, stride, pad), make)
    windows = padded_windows if pad else _windows(A_prev, f, stride)
    for s in slices:
        size = s.stop - s.start
        if pad:                                            # the border stays zero
            np.copyto(padded[:size, pad:pad + n_H_prev, pad:pad + n_W_prev], A_prev[s])
        np.copyto(windows_out[:size], windows[:size] if pad else windows[s])   # im2col
        yield s, buffer[:size * n_H * n_W]


def conv_forward(A_prev, W, b, stride: int = 1, pad: int = 0):
    """Forward pass of a convolutional layer (cross-correlation, as in TensorFlow).

        Z[i, h, w, c] = sum_{p, q, k} A_pad[i, h s + p, w s + q, k] W[p, q, k, c] + b[c]

    where A_pad is A_prev zero-padded by ``pad`` and s is ``stride``.

    A_prev (m, n_H_prev, n_W_prev, n_C_prev), W (f, f, n_C_prev, n_C), b (n_C,).
    Returns Z (m, n_H, n_W, n_C) with n_H = floor((n_H_prev + 2 pad - f) / stride) + 1 (same
    for n_W), and the cache for :func:`conv_backward`: (A_prev, W, b, stride, pad).
    """
    A_prev, W, b, stride, pad = _check_conv(A_prev, W, b, stride, pad, finite_A=False)
    f, _, n_C_prev, n_C = W.shape
    m = A_prev.shape[0]
    n_H, n_W = (conv_output_size(n, f, pad, stride) for n in A_prev.shape[1:3])
    # A NaN or inf in a window makes every output of that window NaN or inf (x 0 gives NaN
    # too), for every filter: so when every input is in some window, each half looks at the
    # first filter's outputs of each Z slice just after its product, and at A_prev's slice
    # only when one of them is bad (or overflowed).
    if not all(_every_input_used(n, f, pad, stride) for n in A_prev.shape[1:3]):
        require_finite(A_prev, "A_prev")                   # some input cannot reach Z
    # The bias is one more weight, on an input that is always 1: the columns' last.
    W_col = np.concatenate([W.reshape(f * f * n_C_prev, n_C), b[np.newaxis]])
    Z = np.empty((m, n_H, n_W, n_C), dtype=W.dtype)

    def forward(part):
        with np.errstate(invalid="ignore"):        # inf x 0 from a bad input: reported below
            for s, cols in _columns(A_prev[part], f, stride, pad):
                Z_rows = Z[part][s].reshape(-1, n_C)
                np.matmul(cols, W_col, out=Z_rows)
                if not all_finite(Z_rows[:, 0]) and not all_finite(A_prev[part][s]):
                    return False
        return True

    if not all(halves(forward, m, Z.nbytes // n_C * W_col.shape[0] + Z.nbytes)):  # columns, Z
        require_finite(A_prev, "A_prev")                   # raises, naming what it found
    return Z, (A_prev, W, b, stride, pad)


def conv_backward(dZ, cache):
    """Backward pass of :func:`conv_forward`.

        dW[p, q, k, c] = sum_{i, h, w} A_pad[i, h s + p, w s + q, k] dZ[i, h, w, c]
        db[c]          = sum_{i, h, w} dZ[i, h, w, c]
        dA_pad[i, h s + p, w s + q, k] += sum_c W[p, q, k, c] dZ[i, h, w, c]

    and dA_prev is dA_pad without its padding. dZ has the shape of Z (m, n_H, n_W, n_C).
    Returns dA_prev (m, n_H_prev, n_W_prev, n_C_prev), dW (f, f, n_C_prev, n_C), db (n_C,).
    """
    A_prev, W, b, stride, pad = _conv_cache(cache)
    f, _, n_C_prev, n_C = W.shape
    n_H, n_W = (conv_output_size(n, f, pad, stride) for n in A_prev.shape[1:3])
    dZ = _check_grad("conv_backward", "dZ", dZ, (A_prev.shape[0], n_H, n_W, n_C), W.dtype)
    return _conv_backward(dZ, (A_prev, W, b, stride, pad))


def _conv_backward(dZ, cache, need_dA=True):
    """conv_backward without the checks; with ``need_dA=False`` dA_prev is not computed (None is
    returned in its place), as in dense._linear_backward: a first layer needs no input gradient."""
    A_prev, W, b, stride, pad = cache
    f, _, n_C_prev, n_C = W.shape
    m, n_H_prev, n_W_prev = A_prev.shape[:3]
    n_H, n_W = dZ.shape[1:3]
    dA_pad = np.zeros((m, n_H_prev + 2 * pad, n_W_prev + 2 * pad, n_C_prev), dtype=W.dtype) \
        if need_dA else None

    def backward(part):
        dZ_part = dZ[part]
        # The columns' last column is ones, so the product's last row is db: the sum of dZ
        # over the rows, added up by the BLAS. np.dot, not @: for dW with few columns
        # (n_C_prev = 1), np.matmul kept Python's lock while it ran (measured), so the other
        # half waited; np.dot gives the same numbers and lets go of it.
        dW_b = np.zeros((f * f * n_C_prev + 1, n_C), dtype=W.dtype)
        for s, cols in _columns(A_prev[part], f, stride, pad):
            dW_b += np.dot(cols.T, dZ_part[s].reshape(-1, n_C))
        if need_dA:
            # Each filter offset (p, q) sends dZ W[p, q]^T back to one strided slice of the
            # input: slice by slice of examples, so that the f^2 additions into a slice find it
            # in cache.
            dA_part = dA_pad[part]
            slices = _slices(len(dA_part), dA_part[:1].nbytes, _DA_CHUNK_BYTES)
            product = np.empty((slices[0].stop * n_H * n_W, n_C_prev), dtype=W.dtype)
            for s in slices:
                dA_slice = dA_part[s]
                rows = dZ_part[s].reshape(-1, n_C)
                out = product[:len(rows)]
                for p in range(f):
                    for q in range(f):
                        np.matmul(rows, W[p, q].T, out=out)
                        dA_slice[:, p:p + stride * n_H:stride, q:q + stride * n_W:stride, :] += \
                            out.reshape(-1, n_H, n_W, n_C_prev)
        return dW_b

    # Each half's dW and db are sums over its own examples; the whole batch's are their sums.
    dW_b = sum(halves(backward, m, dZ.nbytes // n_C * f * f * n_C_prev + dZ.nbytes))
    dW, db = dW_b[:-1].reshape(W.shape), dW_b[-1].copy()
    if not need_dA:
        return None, dW, db
    dA_prev = dA_pad[:, pad:pad + A_prev.shape[1], pad:pad + A_prev.shape[2], :]
    return (dA_prev.copy() if pad else dA_prev), dW, db


# ---------------------------------------------------------------------------------------------
# Pooling


def _check_pool(A_prev, f, stride, mode, fn="pool_forward"):
    # NaN and inf are looked for in the (f^2 / stride^2 times smaller) output instead: a
    # maximum or a sum carries every NaN and every inf that can change the answer into it.
    A_prev = array(A_prev, "A_prev", 4, finite=False, need="(m, n_H_prev, n_W_prev, n_C)")
    f = integer(f, "f", 1)
    stride = integer(stride, "stride", 1)
    choice(mode, "mode", ("max", "average"))
    _fits(fn, A_prev.shape, f, 0, "window")
    return A_prev, f, stride, mode


def _offset_views(X, f: int, stride: int, n_H: int, n_W: int):
    """For each window offset (p, q), row by row: the strided view X[:, h s + p, w s + q, :]."""
    for p in range(f):
        for q in range(f):
            yield X[:, p:p + stride * n_H:stride, q:q + stride * n_W:stride, :]


def _combine_all(combine, views, out=None):
    """``combine`` (np.maximum or np.add) of all the arrays ``views``, into ``out`` (a new array
    when None): the first two in one pass, then each next one in place; a single one is copied."""
    views = iter(views)
    first, second = next(views), next(views, None)
    if second is None:                                     # a 1 x 1 window
        if out is None:
            return first.copy()
        np.copyto(out, first)
        return out
    out = combine(first, second, out=out)
    for view in views:
        combine(out, view, out=out)
    return out


def pool_forward(A_prev, f: int, stride: int, mode: str = "max"):
    """Forward pass of a pooling layer (no padding, like TensorFlow's "VALID").

        A[i, h, w, c] = max (or mean) over p, q < f of A_prev[i, h s + p, w s + q, c]

    A_prev (m, n_H_prev, n_W_prev, n_C); returns A (m, n_H, n_W, n_C) with
    n_H = floor((n_H_prev - f) / stride) + 1, and the cache (A_prev, A, f, stride, mode).
    """
    A_prev, f, stride, mode = _check_pool(A_prev, f, stride, mode)
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    n_H, n_W = (n_H_prev - f) // stride + 1, (n_W_prev - f) // stride + 1
    A = np.empty((m, n_H, n_W, n_C), dtype=A_prev.dtype)

    def forward(part):
        X, out = A_prev[part], A[part]
        if mode == "max" and f > 2:
            # Separable: the maximum over the window's rows first (whole rows at a time, long
            # contiguous runs), then over its columns; the same values as the f^2 views below,
            # in 2(f - 1) passes instead of f^2 - 1 (for f = 2, 2 passes and an intermediate
            # array against 3 passes: no faster, measured).
            rows = _combine_all(np.maximum, (X[:, p:p + stride * n_H:stride] for p in range(f)))
            _combine_all(np.maximum, (rows[:, :, q:q + stride * n_W:stride] for q in range(f)),
                         out)
            return
        _combine_all(np.maximum if mode == "max" else np.add,
                     _offset_views(X, f, stride, n_H, n_W), out)
        if mode == "average":
            out /= f * f

    # Pooling makes a few quick passes over its input: counted as a quarter of it, so that a
    # split starts at 4 x _halves.MIN_BYTES of input, where it began to pay (measured, 2 cores).
    halves(forward, m, A_prev.nbytes // 4)
    require_finite(A, "A_prev")
    return A, (A_prev, A, f, stride, mode)


def pool_backward(dA, cache):
    """Backward pass of :func:`pool_forward`. dA (m, n_H, n_W, n_C) -> dA_prev.

    Average: every position of a window receives dA / f^2. Max: the whole gradient of a
    window goes to its maximum. **Ties:** when several positions share the maximum, only the
    first of them in row-major order (smallest row, then smallest column, within the window)
    receives it, so the gradient of each window still sums to dA (the same rule as
    ``np.argmax``). Without ties this is exactly TensorFlow's gradient; with ties, TensorFlow
    2.21 on CPU picks the same position in every case the tests try, though it documents no
    rule. Overlapping windows (stride < f) add their contributions.
    """
    A_prev, A, f, stride, mode = _pool_cache(cache)
    m, n_H, n_W, n_C = A.shape
    dA = _check_grad("pool_backward", "dA", dA, A.shape, A.dtype)
    dA_prev = np.zeros(A_prev.shape, dtype=A.dtype)

    def backward(part):
        grad, out = dA[part], A[part]
        slots = _offset_views(dA_prev[part], f, stride, n_H, n_W)
        if mode == "average":
            share = grad / (f * f)
            for slot in slots:
                slot += share
            return
        views = _offset_views(A_prev[part], f, stride, n_H, n_W)
        hit = np.empty(out.shape, dtype=bool)
        if stride >= f:
            # Windows do not overlap, so each slot is written once. The gradient still to be
            # given out goes to the first offset (row-major) that holds the maximum and is then
            # zero for that window, so a later tie receives nothing.
            remaining = grad.copy()
            for slot, view in zip(slots, views):
                np.equal(view, out, out=hit)
                np.multiply(hit, remaining, out=slot)
                remaining -= slot
            return
        # Offsets in row-major order; once a window's maximum has been found the window is
        # marked as done, so that a later tie does not take the gradient a second time.
        done = np.zeros(out.shape, dtype=bool)
        share = np.empty(out.shape, dtype=out.dtype)
        for slot, view in zip(slots, views):
            np.equal(view, out, out=hit)
            np.greater(hit, done, out=hit)                 # hit and not done
            np.logical_or(done, hit, out=done)
            slot += np.multiply(hit, grad, out=share)

    halves(backward, m, dA_prev.nbytes // 2)     # from 2 x MIN_BYTES: the same measurement
    return dA_prev
