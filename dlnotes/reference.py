"""Slow, obviously correct loop versions of the layers in :mod:`dlnotes.conv`.

Each function here has the same name, signature, shapes and cache as its fast twin, and the
same rule for tied maxima in max pooling, so the two can be swapped anywhere. They are written
the way one first writes a layer: one output number at a time, straight from the formula. The
book uses them to teach; the tests use them as the oracle for the fast versions.
"""
from __future__ import annotations

import numpy as np

from ._validate import require_finite
from .conv import (_check_conv, _check_grad, _check_pool, _conv_cache, _pool_cache,
                   conv_output_size, zero_pad)

__all__ = ["zero_pad", "conv_output_size", "conv_forward", "conv_backward",
           "pool_forward", "pool_backward"]


def conv_forward(A_prev, W, b, stride: int = 1, pad: int = 0):
    """Loop version of :func:`dlnotes.conv.conv_forward`:

        Z[i, h, w, c] = sum(A_pad[i, h s : h s + f, w s : w s + f, :] * W[:, :, :, c]) + b[c]
    """
    A_prev, W, b, stride, pad = _check_conv(A_prev, W, b, stride, pad)
    m, n_H_prev, n_W_prev, _ = A_prev.shape
    f, n_C = W.shape[0], W.shape[3]
    n_H = conv_output_size(n_H_prev, f, pad, stride)
    n_W = conv_output_size(n_W_prev, f, pad, stride)
    A_pad = zero_pad(A_prev, pad)
    Z = np.zeros((m, n_H, n_W, n_C), dtype=W.dtype)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                window = A_pad[i, h * stride:h * stride + f, w * stride:w * stride + f, :]
                for c in range(n_C):
                    Z[i, h, w, c] = np.sum(window * W[:, :, :, c]) + b[c]
    return Z, (A_prev, W, b, stride, pad)


def conv_backward(dZ, cache):
    """Loop version of :func:`dlnotes.conv.conv_backward`: each output number Z[i, h, w, c]
    passes dZ[i, h, w, c] back to the window it was computed from (times W[:, :, :, c]), to
    W[:, :, :, c] (times the window) and to b[c]."""
    A_prev, W, b, stride, pad = _conv_cache(cache)
    m, n_H_prev, n_W_prev, _ = A_prev.shape
    f, n_C = W.shape[0], W.shape[3]
    n_H = conv_output_size(n_H_prev, f, pad, stride)
    n_W = conv_output_size(n_W_prev, f, pad, stride)
    dZ = _check_grad("conv_backward", "dZ", dZ, (m, n_H, n_W, n_C), W.dtype)
    A_pad = zero_pad(A_prev, pad)
    dA_pad = np.zeros(A_pad.shape, dtype=W.dtype)
    dW = np.zeros(W.shape, dtype=W.dtype)
    db = np.zeros(b.shape, dtype=W.dtype)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                rows = slice(h * stride, h * stride + f)
                cols = slice(w * stride, w * stride + f)
                for c in range(n_C):
                    dA_pad[i, rows, cols, :] += W[:, :, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] += A_pad[i, rows, cols, :] * dZ[i, h, w, c]
                    db[c] += dZ[i, h, w, c]
    dA_prev = dA_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :].copy()
    return dA_prev, dW, db


def pool_forward(A_prev, f: int, stride: int, mode: str = "max"):
    """Loop version of :func:`dlnotes.conv.pool_forward`."""
    A_prev, f, stride, mode = _check_pool(A_prev, f, stride, mode)
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    n_H = (n_H_prev - f) // stride + 1
    n_W = (n_W_prev - f) // stride + 1
    A = np.zeros((m, n_H, n_W, n_C), dtype=A_prev.dtype)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    window = A_prev[i, h * stride:h * stride + f, w * stride:w * stride + f, c]
                    A[i, h, w, c] = np.max(window) if mode == "max" else np.mean(window)
    require_finite(A, "A_prev")
    return A, (A_prev, A, f, stride, mode)


def pool_backward(dA, cache):
    """Loop version of :func:`dlnotes.conv.pool_backward`, with the same tie rule: the first
    maximum of a window in row-major order (what ``np.argmax`` returns) takes its gradient."""
    A_prev, A, f, stride, mode = _pool_cache(cache)
    m, n_H, n_W, n_C = A.shape
    dA = _check_grad("pool_backward", "dA", dA, A.shape, A.dtype)
    dA_prev = np.zeros(A_prev.shape, dtype=A.dtype)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    rows = slice(h * stride, h * stride + f)
                    cols = slice(w * stride, w * stride + f)
                    if mode == "max":
                        window = A_prev[i, rows, cols, c]
                        p, q = np.unravel_index(np.argmax(window), window.shape)
                        dA_prev[i, h * stride + p, w * stride + q, c] += dA[i, h, w, c]
                    else:
                        dA_prev[i, rows, cols, c] += dA[i, h, w, c] / (f * f)
    return dA_prev
