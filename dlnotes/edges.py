"""Edge detection on single grey images, and learning a filter from examples (chapters 28-29).

A grey image here is a 2-D array (n_H, n_W); :func:`filter_image` wraps it as the one-example,
one-channel batch (1, n_H, n_W, 1) that :func:`dlnotes.conv.conv_forward` takes. The
photograph is matplotlib's sample picture of Grace Hopper, installed with matplotlib, so the
book downloads nothing.
"""
from __future__ import annotations

import numpy as np

from . import conv
from ._validate import array, integer, number

__all__ = ["photograph", "filter_image", "learn_filter"]


def photograph(step: int = 2) -> np.ndarray:
    """Matplotlib's sample photograph of Grace Hopper (600 x 512 pixels, RGB) as grey levels.

    Grey = (R + G + B) / 3 scaled to [0, 1], then shrunk by averaging each ``step`` x ``step``
    block (step = 1 keeps every pixel). Returns float64 (600 // step, 512 // step).
    """
    step = integer(step, "step", 1, 100)
    import matplotlib.cbook as cbook
    import matplotlib.image as mpimg

    with cbook.get_sample_data("grace_hopper.jpg") as f:
        rgb = mpimg.imread(f, format="jpg")
    grey = rgb.astype(np.float64).mean(axis=2) / 255.0
    n_H, n_W = grey.shape[0] // step, grey.shape[1] // step
    return grey[:n_H * step, :n_W * step].reshape(n_H, step, n_W, step).mean(axis=(1, 3))


def filter_image(image, kernel, pad: int = 0, stride: int = 1) -> np.ndarray:
    """Cross-correlate a grey image (n_H, n_W) with a kernel (f, f), no bias:

        out[h, w] = sum_{p, q} image_pad[h s + p, w s + q] kernel[p, q]

    through :func:`dlnotes.conv.conv_forward`. Returns (n_H', n_W') with
    n_H' = floor((n_H + 2 pad - f) / stride) + 1.
    """
    image = array(image, "image", 2, need="(n_H, n_W)")
    kernel = array(kernel, "kernel", 2, need="(f, f)")
    if kernel.shape[0] != kernel.shape[1]:
        raise ValueError(f"kernel must be square (f, f), got shape {kernel.shape}")
    Z, _ = conv.conv_forward(image[None, :, :, None], kernel[:, :, None, None],
                             np.zeros(1, dtype=np.result_type(image, kernel)), stride, pad)
    return Z[0, :, :, 0]


def learn_filter(images, targets, f: int = 3, steps: int = 300, learning_rate: float = 0.2,
                 seed=0):
    """Learn an f x f filter W and bias b by gradient descent so that conv(images, W) + b
    matches ``targets``, with the mean squared error

        J(W, b) = 1 / (2 N) sum (Z - T)^2,   Z = conv_forward(images, W, b),   dZ = (Z - T) / N

    over all N output numbers; each step takes dW, db from :func:`dlnotes.conv.conv_backward`
    and sets W <- W - learning_rate dW, b <- b - learning_rate db.

    images (m, n_H, n_W) grey images; targets (m, n_H - f + 1, n_W - f + 1) (valid
    convolution, stride 1). W starts as N(0, 0.1^2) draws from ``seed``, b at 0.
    Returns ``(W, b, history)``: W (f, f), b a float, history["cost"] (steps + 1,) the cost
    before each step and after the last, history["filters"] (steps + 1, f, f) W at those times.
    """
    images = array(images, "images", 3, need="(m, n_H, n_W)", dtype=np.float64)
    f = integer(f, "f", 1)
    steps = integer(steps, "steps", 0)
    learning_rate = number(learning_rate, "learning_rate", lo=0, lo_open=True)
    from ._validate import generator

    rng = generator(seed)
    m, n_H, n_W = images.shape
    if f > min(n_H, n_W):
        raise ValueError(f"f must be at most the image size {min(n_H, n_W)}, got f={f}")
    need = (m, n_H - f + 1, n_W - f + 1)
    targets = array(targets, "targets", 3, need=str(need), dtype=np.float64)
    if targets.shape != need:
        raise ValueError(f"targets must have shape {need} (one valid {f} x {f} output per "
                         f"image), got shape {targets.shape}")
    A = images[..., None]
    T = targets[..., None]
    W = 0.1 * rng.standard_normal((f, f, 1, 1))
    b = np.zeros(1)
    costs, filters = [], []
    for _ in range(steps + 1):
        Z, cache = conv.conv_forward(A, W, b)
        diff = Z - T
        costs.append(0.5 * float(np.mean(diff**2)))
        filters.append(W[:, :, 0, 0].copy())
        if len(costs) > steps:
            break
        _, dW, db = conv.conv_backward(diff / diff.size, cache)
        W = W - learning_rate * dW
        b = b - learning_rate * db
    return W[:, :, 0, 0], float(b[0]), {"cost": np.array(costs), "filters": np.array(filters)}
