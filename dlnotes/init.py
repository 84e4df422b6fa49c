"""Weight initialisations. Each takes the weight's shape and a seed or ``numpy.random.Generator``.

The fan-in n_in and fan-out n_out of a weight follow from its shape:
- dense W[l] of shape (n[l], n[l−1]): n_in = n[l−1], n_out = n[l];
- convolution filters (f, f, n_C_prev, n_C): n_in = f·f·n_C_prev, n_out = f·f·n_C.

| name          | draw                                   | for                              |
|---------------|----------------------------------------|----------------------------------|
| ``zeros``     | 0                                      | biases; shows the symmetry problem |
| ``small``     | N(0, 1) × 0.01                          | the course's shallow networks    |
| ``large``     | N(0, 1) × 10                            | shows what too large a scale does |
| ``xavier``    | N(0, 2 / (n_in + n_out))  (Glorot)     | tanh, sigmoid                    |
| ``he``        | N(0, 2 / n_in)                          | ReLU                             |
| ``sqrt_fan_in`` | N(0, 1) / √n_in  (variance 1/n_in)   | the course's L-layer cat model   |
"""
from __future__ import annotations

import math

import numpy as np

from ._validate import choice, float_dtype, generator, shape as _shape

__all__ = ["zeros", "small", "large", "xavier", "he", "sqrt_fan_in", "fans", "get", "METHODS"]


def fans(shape) -> tuple[int, int]:
    """(n_in, n_out) of a dense (n_out, n_in) or convolution (f, f, n_C_prev, n_C) weight."""
    if isinstance(shape, (int, np.integer)) and not isinstance(shape, bool):
        raise TypeError(f"shape must be a tuple (n_out, n_in) or (f, f, n_C_prev, n_C), got "
                        f"the int {shape!r}; for a vector use (n, 1)")
    shape = _shape(shape, "shape")
    if len(shape) == 2:
        return shape[1], shape[0]
    if len(shape) == 4:
        field = shape[0] * shape[1]
        return field * shape[2], field * shape[3]
    raise ValueError(f"shape must be (n_out, n_in) or (f, f, n_C_prev, n_C), got {shape}")


def _normal(shape, seed, dtype):
    """N(0, 1) draws of ``shape`` in ``dtype`` after checking the arguments, and (n_in, n_out)."""
    n_in, n_out = fans(shape)
    dtype = float_dtype(dtype)
    z = generator(seed).standard_normal(tuple(int(s) for s in shape)).astype(dtype, copy=False)
    return z, n_in, n_out


def zeros(shape, seed=None, dtype=np.float64):
    """All zeros (draws nothing; ``seed`` is accepted so every method has one signature)."""
    fans(shape)
    generator(seed)
    return np.zeros(tuple(int(s) for s in shape), dtype=float_dtype(dtype))


def small(shape, seed=None, dtype=np.float64):
    """N(0, 1) × 0.01."""
    z, _, _ = _normal(shape, seed, dtype)
    return z * 0.01


def large(shape, seed=None, dtype=np.float64):
    """N(0, 1) × 10 (the course's example of weights drawn on too large a scale)."""
    z, _, _ = _normal(shape, seed, dtype)
    return z * 10


def xavier(shape, seed=None, dtype=np.float64):
    """N(0, σ²) with σ² = 2 / (n_in + n_out) (Glorot and Bengio, 2010)."""
    z, n_in, n_out = _normal(shape, seed, dtype)
    return z * math.sqrt(2 / (n_in + n_out))


def he(shape, seed=None, dtype=np.float64):
    """N(0, σ²) with σ² = 2 / n_in (He et al., 2015)."""
    z, n_in, _ = _normal(shape, seed, dtype)
    return z * math.sqrt(2 / n_in)


def sqrt_fan_in(shape, seed=None, dtype=np.float64):
    """N(0, 1) / √n_in, i.e. variance 1/n_in (the course's deep cat model)."""
    z, n_in, _ = _normal(shape, seed, dtype)
    return z / math.sqrt(n_in)


_TABLE = {"zeros": zeros, "small": small, "large": large, "xavier": xavier, "he": he, "sqrt_fan_in": sqrt_fan_in}
METHODS = tuple(_TABLE)


def get(method):
    """The initialiser named ``method`` (one of :data:`METHODS`); ValueError otherwise."""
    return _TABLE[choice(method, "method", METHODS)]
