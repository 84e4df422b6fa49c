"""A small sequential convolutional network in NumPy: conv -> ReLU -> pool -> ... -> flatten ->
dense -> ... -> softmax, with its forward and backward passes and mini-batch training.

A network is a list of layer descriptions (plain dicts made by the functions below), e.g.

    layers = [conv_layer(32, 3), relu_layer(), pool_layer(2),
              conv_layer(64, 3), relu_layer(), pool_layer(2),
              flatten_layer(), dense_layer(128), relu_layer(), dense_layer(10)]

Images are channels-last, X (m, n_H, n_W, n_C), until ``flatten`` turns them into the dense
layers' (n_x, m), one column per example (the order of a row-major reshape, as in Keras'
``Flatten``). The last dense layer gives the logits Z (classes, m); softmax and the
cross-entropy are applied together by :func:`dlnotes.losses.softmax_cross_entropy`.

Parameters: the l-th layer with weights (counting conv and dense layers from 1) owns "Wl" and
"bl": conv W (f, f, n_C_prev, n_C), b (n_C,); dense W (n, n_prev), b (n, 1). Gradients are keyed
"dWl", "dbl", so any optimiser in :mod:`dlnotes.optim` updates them.
"""
from __future__ import annotations

import time

import numpy as np

from . import conv, init
from ._validate import generator
from .activations import relu, relu_backward
from .dense import linear_forward
from .losses import softmax_cross_entropy
from .optim import adam_init, adam_update, check_cost, mini_batches, momentum_init, \
    momentum_update
from .progress import progress_bar

__all__ = ["conv_layer", "pool_layer", "relu_layer", "flatten_layer", "dense_layer",
           "dropout_layer", "MNIST_CNN", "LENET5", "output_shapes", "parameter_table",
           "format_parameter_table",
           "init_params", "forward", "backward", "cost_and_grads", "predict", "accuracy",
           "train", "one_hot"]


# ------------------------------------------------------------------------------ the layers

def conv_layer(n_C: int, f: int, stride: int = 1, pad: int = 0) -> dict:
    """A convolution with n_C filters of size f x f (weights W, bias b)."""
    return {"kind": "conv", "n_C": n_C, "f": f, "stride": stride, "pad": pad}


def pool_layer(f: int, stride: int | None = None, mode: str = "max") -> dict:
    """Max (or average) pooling over f x f windows; stride defaults to f."""
    return {"kind": "pool", "f": f, "stride": f if stride is None else stride, "mode": mode}


def relu_layer() -> dict:
    return {"kind": "relu"}


def flatten_layer() -> dict:
    """(m, n_H, n_W, n_C) -> (n_H n_W n_C, m)."""
    return {"kind": "flatten"}


def dropout_layer(rate: float) -> dict:
    """Inverted dropout: in training each number is kept with probability 1 - rate and scaled
    by 1 / (1 - rate), so nothing changes at test time, when the layer does nothing."""
    if not 0 <= rate < 1:
        raise ValueError(f"dropout_layer: rate must be in [0, 1), got {rate!r}")
    return {"kind": "dropout", "rate": rate}


def dense_layer(n: int) -> dict:
    """A fully connected layer with n units, Z = W A_prev + b (no activation of its own)."""
    return {"kind": "dense", "n": n}


#: The network the book trains on MNIST 5k: two conv/ReLU/max-pool stages, then 128 ReLU units,
#: with dropout where the classic Keras MNIST network has it (before and after the dense layer).
MNIST_CNN = [conv_layer(32, 3), relu_layer(), pool_layer(2),
             conv_layer(64, 3), relu_layer(), pool_layer(2), dropout_layer(0.25),
             flatten_layer(), dense_layer(128), relu_layer(), dropout_layer(0.5), dense_layer(10)]

#: LeNet-5's layout (LeCun et al., 1998) on a 32 x 32 x 1 input, with ReLU and max pooling as
#: in the lectures' version: conv 5x5 (6) -> pool -> conv 5x5 (16) -> pool -> 120 -> 84 -> 10.
LENET5 = [conv_layer(6, 5), relu_layer(), pool_layer(2),
          conv_layer(16, 5), relu_layer(), pool_layer(2),
          flatten_layer(), dense_layer(120), relu_layer(), dense_layer(84), relu_layer(),
          dense_layer(10)]

_KINDS = {"conv", "pool", "relu", "flatten", "dense", "dropout"}


def _describe(layer) -> str:
    kind = layer["kind"]
    if kind == "conv":
        return (f"conv {layer['f']}x{layer['f']}, {layer['n_C']} filters, stride "
                f"{layer['stride']}, pad {layer['pad']}")
    if kind == "pool":
        return f"{layer['mode']} pool {layer['f']}x{layer['f']}, stride {layer['stride']}"
    if kind == "dense":
        return f"dense, {layer['n']} units"
    if kind == "dropout":
        return f"dropout {layer['rate']:g}"
    return kind


def output_shapes(layers, input_shape):
    """Shape of one example after each layer: input_shape (n_H, n_W, n_C), then e.g.
    (26, 26, 32) after a conv, (n,) after flatten or dense. Checks that the layers fit."""
    shape = tuple(int(s) for s in input_shape)
    if len(shape) != 3 or min(shape) < 1:
        raise ValueError(f"input_shape must be (n_H, n_W, n_C) of positive sizes, got {shape}")
    shapes = []
    for k, layer in enumerate(layers):
        kind = layer.get("kind") if isinstance(layer, dict) else None
        if kind not in _KINDS:
            raise ValueError(f"layers[{k}] must be made by conv_layer, pool_layer, relu_layer, "
                             f"flatten_layer or dense_layer, got {layer!r}")
        image = len(shape) == 3
        if kind in ("conv", "pool", "flatten") and not image:
            raise ValueError(f"layers[{k}] ({kind}) needs an image (n_H, n_W, n_C) but gets a "
                             f"vector of shape {shape}; put it before flatten")
        if kind == "dense" and image:
            raise ValueError(f"layers[{k}] (dense) needs a vector but gets an image of shape "
                             f"{shape}; put flatten_layer() before it")
        if kind == "conv":
            f, s, p = layer["f"], layer["stride"], layer["pad"]
            shape = (conv.conv_output_size(shape[0], f, p, s),
                     conv.conv_output_size(shape[1], f, p, s), layer["n_C"])
        elif kind == "pool":
            f, s = layer["f"], layer["stride"]
            shape = (conv.conv_output_size(shape[0], f, 0, s),
                     conv.conv_output_size(shape[1], f, 0, s), shape[2])
        elif kind == "flatten":
            shape = (int(np.prod(shape)),)
        elif kind == "dense":
            shape = (layer["n"],)
        shapes.append(shape)
    return shapes


def _param_shapes(layers, input_shape):
    """{name: shape} of every weight and bias, in layer order."""
    shapes, prev, l = {}, tuple(input_shape), 0
    for layer, out in zip(layers, output_shapes(layers, input_shape)):
        if layer["kind"] == "conv":
            l += 1
            shapes[f"W{l}"] = (layer["f"], layer["f"], prev[2], layer["n_C"])
            shapes[f"b{l}"] = (layer["n_C"],)
        elif layer["kind"] == "dense":
            l += 1
            shapes[f"W{l}"] = (layer["n"], prev[0])
            shapes[f"b{l}"] = (layer["n"], 1)
        prev = out
    return shapes


def parameter_table(layers, input_shape):
    """One row per layer: its description, output shape, activation size (numbers per example)
    and number of parameters. A conv layer has (f f n_C_prev + 1) n_C parameters, whatever the
    image size; a dense layer (n_prev + 1) n. The first row is the input."""
    rows = [{"layer": "input", "output_shape": tuple(input_shape),
             "activation_size": int(np.prod(input_shape)), "parameters": 0}]
    prev = tuple(input_shape)
    for layer, out in zip(layers, output_shapes(layers, input_shape)):
        if layer["kind"] == "conv":
            n_params = (layer["f"] ** 2 * prev[2] + 1) * layer["n_C"]
        elif layer["kind"] == "dense":
            n_params = (prev[0] + 1) * layer["n"]
        else:
            n_params = 0
        rows.append({"layer": _describe(layer), "output_shape": out,
                     "activation_size": int(np.prod(out)), "parameters": n_params})
        prev = out
    return rows


def format_parameter_table(rows) -> str:
    """The rows of :func:`parameter_table` as a Markdown table, with the total at the bottom."""
    lines = ["| layer | output shape | activation size | parameters |", "|---|---|---:|---:|"]
    for r in rows:
        shape = " x ".join(str(s) for s in r["output_shape"])
        lines.append(f"| {r['layer']} | {shape} | {r['activation_size']:,} | "
                     f"{r['parameters']:,} |")
    lines.append(f"| **total** | | | **{sum(r['parameters'] for r in rows):,}** |")
    return "\n".join(lines)


# ---------------------------------------------------------------------- forward and backward

def init_params(layers, input_shape, seed=0, dtype=np.float32):
    """He-initialised weights (variance 2 / fan-in, suited to ReLU) and zero biases."""
    rng = generator(seed)
    return {name: (init.he(shape, rng, dtype) if name[0] == "W" else np.zeros(shape, dtype))
            for name, shape in _param_shapes(layers, input_shape).items()}


def _check_images(X, layers, params):
    X = np.asarray(X)
    if X.ndim != 4:
        raise ValueError(f"X must be 4-D of shape (m, n_H, n_W, n_C), got shape {X.shape}")
    expected = _param_shapes(layers, X.shape[1:])
    if set(expected) != set(params) or any(np.shape(params[k]) != s for k, s in expected.items()):
        got = {k: np.shape(v) for k, v in params.items()}
        raise ValueError(f"params do not fit these layers for X of shape {X.shape}: need "
                         f"{expected}, got {got}")
    dtype = np.result_type(params["W1"]) if "W1" in params else np.float64
    return X.astype(dtype, copy=False)


def forward(X, params, layers, rng=None):
    """Logits Z (classes, m) for images X (m, n_H, n_W, n_C), and the caches for backward.

    ``rng`` (a numpy Generator) switches dropout on, for training; without it dropout layers
    pass their input through, as at test time."""
    A = _check_images(X, layers, params)
    caches, l = [], 0
    for layer in layers:
        kind = layer["kind"]
        if kind == "conv":
            l += 1
            A, cache = conv.conv_forward(A, params[f"W{l}"], params[f"b{l}"],
                                         layer["stride"], layer["pad"])
        elif kind == "pool":
            A, cache = conv.pool_forward(A, layer["f"], layer["stride"], layer["mode"])
        elif kind == "relu":
            cache, A = A, relu(A)
        elif kind == "flatten":
            cache, A = A.shape, A.reshape(A.shape[0], -1).T
        elif kind == "dropout":
            cache = None
            if rng is not None and layer["rate"] > 0:
                keep = 1 - layer["rate"]
                cache = (rng.random(A.shape) < keep).astype(A.dtype) / A.dtype.type(keep)
                A = A * cache
        else:
            l += 1
            A, cache = linear_forward(A, params[f"W{l}"], params[f"b{l}"])
        caches.append(cache)
    return A, caches


def backward(dZ, caches, layers):
    """Gradients {"dW1", "db1", ...} of the cost, given dZ = dJ/dZ (classes, m) of the logits
    (already including the 1/m of the mean cost, as softmax_cross_entropy returns it)."""
    grads = {}
    l = sum(layer["kind"] in ("conv", "dense") for layer in layers)
    dA = dZ
    for layer, cache in zip(reversed(layers), reversed(caches)):
        kind = layer["kind"]
        if kind == "conv":
            dA, grads[f"dW{l}"], grads[f"db{l}"] = conv.conv_backward(dA, cache)
            l -= 1
        elif kind == "pool":
            dA = conv.pool_backward(dA, cache)
        elif kind == "relu":
            dA = relu_backward(dA, cache)
        elif kind == "flatten":
            dA = dA.T.reshape(cache)
        elif kind == "dropout":
            dA = dA if cache is None else dA * cache
        else:
            # dA here is already dJ/dZ of the mean cost, so no further 1/m (unlike
            # dense.linear_backward, which follows the course's per-example convention).
            A_prev, W, _ = cache
            grads[f"dW{l}"] = dA @ A_prev.T
            grads[f"db{l}"] = dA.sum(axis=1, keepdims=True)
            dA = W.T @ dA
            l -= 1
    return grads


def one_hot(y, classes: int) -> np.ndarray:
    """Labels y (m,) in 0..classes-1 as a one-hot matrix (classes, m)."""
    y = np.asarray(y)
    if y.ndim != 1 or y.dtype.kind not in "iu" or (y.size and (y.min() < 0 or y.max() >= classes)):
        raise ValueError(f"y must be integer labels of shape (m,) in 0..{classes - 1}, got "
                         f"shape {y.shape}, dtype {y.dtype}")
    Y = np.zeros((classes, y.size))
    Y[y, np.arange(y.size)] = 1
    return Y


def cost_and_grads(X, y, params, layers, rng=None):
    """Mean softmax cross-entropy J over the examples X (m, n_H, n_W, n_C) with labels y (m,),
    and its gradients {"dW1", "db1", ...}. ``rng`` switches dropout on (see :func:`forward`)."""
    Z, caches = forward(X, params, layers, rng)
    cost, dZ = softmax_cross_entropy(Z, one_hot(y, Z.shape[0]).astype(Z.dtype))
    return cost, backward(dZ.astype(Z.dtype, copy=False), caches, layers)


def predict(X, params, layers, batch_size: int = 500) -> np.ndarray:
    """Predicted labels (m,): the largest logit, computed batch by batch to bound memory."""
    X = np.asarray(X)
    return np.concatenate([forward(X[s:s + batch_size], params, layers)[0].argmax(axis=0)
                           for s in range(0, X.shape[0], batch_size)])


def accuracy(X, y, params, layers) -> float:
    """Fraction of the examples X whose predicted label equals y."""
    return float(np.mean(predict(X, params, layers) == np.asarray(y)))


# ---------------------------------------------------------------------------------- training

def train(X, y, layers, *, epochs=10, batch_size=64, learning_rate=1e-3, decay=1.0,
          optimizer="adam", beta=0.9, seed=0, X_test=None, y_test=None, dtype=np.float32,
          progress=None):
    """Mini-batch training of the network ``layers`` on images X (m, n_H, n_W, n_C), labels y.

    ``optimizer``: "adam" (default, Keras' defaults beta1 = 0.9, beta2 = 0.999) or "momentum"
    (``beta``). The learning rate of epoch k = 0, 1, ... is learning_rate * decay^k: a decay
    below 1 takes smaller steps as training settles, so the last epochs jitter less. ``seed``
    draws the initial weights, then the mini-batch order and dropout masks of each epoch.
    Returns ``(params, history)``: history["cost"] is the mean mini-batch cost of each epoch,
    history["test_accuracy"] the accuracy on (X_test, y_test) after each epoch (when given),
    history["seconds"] the training time, excluding those evaluations.
    """
    if not 0 < decay <= 1:
        raise ValueError(f"decay must be in (0, 1], got {decay!r}")
    if optimizer not in ("adam", "momentum"):
        raise ValueError(f"optimizer must be 'adam' or 'momentum', got {optimizer!r}")
    X = np.asarray(X)
    if X.ndim != 4:
        raise ValueError(f"X must be 4-D of shape (m, n_H, n_W, n_C), got shape {X.shape}")
    X = X.astype(dtype, copy=False)
    y = np.asarray(y)
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have shape (m,) = ({X.shape[0]},) for X {X.shape}, "
                         f"got {y.shape}")
    rng = np.random.default_rng(seed)
    params = init_params(layers, X.shape[1:], rng, dtype)
    state = adam_init(params) if optimizer == "adam" else momentum_init(params)
    history = {"cost": [], "test_accuracy": [], "seconds": 0.0}
    bar = progress_bar(range(epochs), progress, "cnn")
    for epoch in bar:
        start, costs = time.perf_counter(), []
        rate = learning_rate * decay**epoch
        for batch in mini_batches(X.shape[0], batch_size, rng):
            cost, grads = cost_and_grads(X[batch], y[batch], params, layers, rng)
            check_cost(cost, epoch, rate)
            if optimizer == "adam":
                adam_update(params, grads, state, rate)
            else:
                momentum_update(params, grads, state, rate, beta)
            costs.append(cost)
        history["seconds"] += time.perf_counter() - start
        history["cost"].append(float(np.mean(costs)))
        if X_test is not None:
            history["test_accuracy"].append(accuracy(X_test, y_test, params, layers))
        if hasattr(bar, "set_postfix"):
            bar.set_postfix(cost=history["cost"][-1],
                            test=history["test_accuracy"][-1] if X_test is not None else None)
    return params, history
