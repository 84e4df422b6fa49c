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
from ._halves import split_batches
from ._validate import (_got, array, choice, float_dtype, function, generator, integer, mapping,
                        number, shape as _shape)
from .activations import _relu_backward
from .dense import linear_forward
from .losses import softmax_cross_entropy
from .optim import _adam, _momentum, adam_init, check_cost, mini_batches, momentum_init
from .progress import progress_bar

__all__ = ["conv_layer", "pool_layer", "relu_layer", "flatten_layer", "dense_layer",
           "dropout_layer", "MNIST_CNN", "LENET5", "output_shapes", "parameter_table",
           "format_parameter_table",
           "init_params", "forward", "backward", "cost_and_grads", "predict", "accuracy",
           "train", "one_hot"]


# ------------------------------------------------------------------------------ the layers

def conv_layer(n_C: int, f: int, stride: int = 1, pad: int = 0) -> dict:
    """A convolution with n_C filters of size f x f (weights W, bias b)."""
    return {"kind": "conv", "n_C": integer(n_C, "n_C"), "f": integer(f, "f"),
            "stride": integer(stride, "stride"), "pad": integer(pad, "pad", 0)}


def pool_layer(f: int, stride: int | None = None, mode: str = "max") -> dict:
    """Max (or average) pooling over f x f windows; stride defaults to f."""
    f = integer(f, "f")
    return {"kind": "pool", "f": f, "stride": f if stride is None else integer(stride, "stride"),
            "mode": choice(mode, "mode", ("max", "average"))}


def relu_layer() -> dict:
    return {"kind": "relu"}


def flatten_layer() -> dict:
    """(m, n_H, n_W, n_C) -> (n_H n_W n_C, m)."""
    return {"kind": "flatten"}


def dropout_layer(rate: float) -> dict:
    """Inverted dropout: in training each number is kept with probability 1 - rate and scaled
    by 1 / (1 - rate), so nothing changes at test time, when the layer does nothing."""
    return {"kind": "dropout", "rate": number(rate, "rate", lo=0, hi=1, hi_open=True)}


def dense_layer(n: int) -> dict:
    """A fully connected layer with n units, Z = W A_prev + b (no activation of its own)."""
    return {"kind": "dense", "n": integer(n, "n")}


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
    shape = _shape(input_shape, "input_shape", ndims=(3,))
    if not isinstance(layers, (list, tuple)):
        raise TypeError(f"layers must be a list of layers (conv_layer(...), ...), got "
                        f"{_got(layers)}")
    shapes = []
    for k, layer in enumerate(layers):
        kind = layer.get("kind") if isinstance(layer, dict) else None
        if kind not in _KINDS:
            raise ValueError(f"layers[{k}] must be made by conv_layer, pool_layer, relu_layer, "
                             f"flatten_layer or dense_layer, got {layer!r}")
        image = len(shape) == 3
        if kind in ("conv", "pool", "flatten") and not image:
            raise ValueError(f"layers[{k}] ({kind}) must get an image (n_H, n_W, n_C), got a "
                             f"vector of shape {shape}; put it before flatten")
        if kind == "dense" and image:
            raise ValueError(f"layers[{k}] (dense) must get a vector, got an image of shape "
                             f"{shape}; put flatten_layer() before it")
        if kind in ("conv", "pool"):
            f, s = layer.get("f"), layer.get("stride")
            p = layer.get("pad") if kind == "conv" else 0
            try:
                hw = (conv.conv_output_size(shape[0], f, p, s),
                      conv.conv_output_size(shape[1], f, p, s))
            except ValueError as err:
                raise ValueError(f"layers[{k}] ({kind}) must fit its input of shape {shape} "
                                 f"(from input_shape {tuple(input_shape)}): {err}") from None
            shape = hw + ((layer["n_C"],) if kind == "conv" else (shape[2],))
        elif kind == "flatten":
            shape = (int(np.prod(shape)),)
        elif kind == "dense":
            shape = (layer["n"],)
        shapes.append(shape)
    return shapes


def _param_shapes(layers, input_shape):
    """{name: shape} of every weight and bias, in layer order."""
    shapes, prev, l = {}, _shape(input_shape, "input_shape", ndims=(3,)), 0
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
    input_shape = _shape(input_shape, "input_shape", ndims=(3,))
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
    keys = {"layer", "output_shape", "activation_size", "parameters"}
    if not isinstance(rows, (list, tuple)) or not all(isinstance(r, dict) and keys <= set(r)
                                                        for r in rows):
        raise TypeError(f"rows must be the list of dicts that parameter_table returns (keys "
                        f"{sorted(keys)}), got {_got(rows)}")
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
    dtype = float_dtype(dtype)
    rng = generator(seed)
    return {name: (init.he(shape, rng, dtype) if name[0] == "W" else np.zeros(shape, dtype))
            for name, shape in _param_shapes(layers, input_shape).items()}


def _check_images(X, layers, params):
    X = array(X, "X", 4, need="(m, n_H, n_W, n_C)")
    mapping(params, "params", "a dict of arrays {'W1', 'b1', ...} from init_params")
    if X.shape[0] and min(X.shape[1:]) < 1:
        raise ValueError(f"X must hold images of positive size (m, n_H, n_W, n_C), got shape "
                         f"{X.shape}")
    try:
        expected = _param_shapes(layers, X.shape[1:])
    except ValueError as err:
        raise ValueError(f"X must hold images (m, n_H, n_W, n_C) that these layers fit, got "
                         f"shape {X.shape}: {err}") from None
    if set(expected) != set(params) or any(np.shape(params[k]) != s for k, s in expected.items()):
        got = {k: np.shape(v) for k, v in params.items()}
        raise ValueError(f"params must fit these layers for X of shape {X.shape}, with shapes "
                         f"{expected}, got {got}")
    dtype = np.result_type(params["W1"]) if "W1" in params else np.float64
    return X.astype(dtype, copy=False)


def forward(X, params, layers, rng=None):
    """Logits Z (classes, m) for images X (m, n_H, n_W, n_C), and the caches for backward.

    ``rng`` (a numpy Generator) switches dropout on, for training; without it dropout layers
    pass their input through, as at test time."""
    if rng is not None and not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be None or a numpy.random.Generator, got {_got(rng)}")
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
            # The output is the cache (A > 0 exactly where Z > 0). A fresh conv or dense output
            # is overwritten in place; the caller's X never is.
            fresh = caches and layers[len(caches) - 1]["kind"] in ("conv", "dense")
            A = np.maximum(A, 0, out=A if fresh else None)
            cache = A
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
    if not isinstance(layers, (list, tuple)) or not all(isinstance(x, dict) and x.get("kind") in
                                                          _KINDS for x in layers):
        raise TypeError(f"layers must be the list of layers given to forward, got {_got(layers)}")
    if not isinstance(caches, (list, tuple)) or len(caches) != len(layers):
        raise ValueError(f"caches must be the list of {len(layers)} caches forward returned for "
                         f"these layers, got {_got(caches)}")
    dZ = array(dZ, "dZ", 2, need="(classes, m)")
    if layers and layers[-1]["kind"] == "dense":
        A_prev, W, _ = caches[-1]
        if dZ.shape != (W.shape[0], A_prev.shape[1]):
            raise ValueError(f"dZ must have the shape of the logits Z, (classes, m) = "
                             f"{(W.shape[0], A_prev.shape[1])}, got shape {dZ.shape}")
    grads = {}
    l = sum(layer["kind"] in ("conv", "dense") for layer in layers)
    dA, relu_done = dZ, None
    for position in range(len(layers) - 1, -1, -1):
        layer, cache, kind = layers[position], caches[position], layers[position]["kind"]
        if kind == "conv":
            # The first conv layer's input is the data: its gradient is not needed.
            dA, grads[f"dW{l}"], grads[f"db{l}"] = conv._conv_backward(
                np.asarray(dA, dtype=cache[1].dtype), conv._conv_cache(cache), need_dA=position > 0)
            l -= 1
        elif kind == "pool":
            if position > 0 and layers[position - 1]["kind"] == "relu" and cache[4] == "max":
                # ReLU then max pooling: the position that receives a window's gradient holds
                # the window's maximum, and the ReLU passes it on exactly when that maximum is
                # positive; so the ReLU's mask is applied to the smaller pooled gradient.
                dA = conv.pool_backward(_relu_backward(dA, cache[1]), cache)
                relu_done = position - 1
            else:
                dA = conv.pool_backward(dA, cache)
        elif kind == "relu":
            if position != relu_done:
                dA = _relu_backward(dA, cache)   # unchecked: dA is finite in training
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
    classes = integer(classes, "classes")
    y = _labels(y, classes)
    Y = np.zeros((classes, y.size))
    Y[y, np.arange(y.size)] = 1
    return Y


def _labels(y, classes, m=None, name="y"):
    """y as an int array (m,) of labels in 0..classes-1."""
    if isinstance(y, (str, bytes)) or y is None:
        raise ValueError(f"{name} must be integer labels of shape (m,) in 0..{classes - 1}, got "
                         f"{_got(y)}")
    y = np.asarray(y)
    bad_range = y.dtype.kind in "iu" and y.size and (y.min() < 0 or y.max() >= classes)
    if y.ndim != 1 or y.dtype.kind not in "iu" or bad_range or (m is not None and y.size != m):
        size = "m" if m is None else str(m)
        got = (f"values from {y.min()} to {y.max()}" if bad_range else
               f"shape {y.shape}, dtype {y.dtype}")
        raise ValueError(f"{name} must be integer labels of shape ({size},) in "
                         f"0..{classes - 1}, got {got}")
    return y


def cost_and_grads(X, y, params, layers, rng=None):
    """Mean softmax cross-entropy J over the examples X (m, n_H, n_W, n_C) with labels y (m,),
    and its gradients {"dW1", "db1", ...}. ``rng`` switches dropout on (see :func:`forward`)."""
    Z, caches = forward(X, params, layers, rng)
    y = _labels(y, Z.shape[0], Z.shape[1])
    cost, dZ = softmax_cross_entropy(Z, one_hot(y, Z.shape[0]).astype(Z.dtype))
    return cost, backward(dZ.astype(Z.dtype, copy=False), caches, layers)


def predict(X, params, layers, batch_size: int = 500) -> np.ndarray:
    """Predicted labels (m,): the largest logit, computed batch by batch to bound memory."""
    batch_size = integer(batch_size, "batch_size")
    X = _check_images(X, layers, params)
    if X.shape[0] == 0:
        return np.zeros(0, dtype=np.int64)
    return np.concatenate([forward(X[s:s + batch_size], params, layers)[0].argmax(axis=0)
                           for s in range(0, X.shape[0], batch_size)])


def accuracy(X, y, params, layers) -> float:
    """Fraction of the examples X (m, n_H, n_W, n_C) whose predicted label equals y: integer
    labels of shape (m,) (or (m, 1), which is flattened)."""
    X = _check_images(X, layers, params)
    if X.shape[0] == 0:
        raise ValueError(f"X must hold at least one example (m >= 1), got shape {X.shape}")
    classes = output_shapes(layers, X.shape[1:])[-1][0]
    y_arr = np.asarray(y) if not isinstance(y, (str, bytes)) and y is not None else y
    if isinstance(y_arr, np.ndarray) and y_arr.shape == (X.shape[0], 1):
        y_arr = y_arr[:, 0]
    y_arr = _labels(y_arr, classes, X.shape[0])
    return float(np.mean(predict(X, params, layers) == y_arr))


# ---------------------------------------------------------------------------------- training

def train(X, y, layers, *, epochs=10, batch_size=64, learning_rate=1e-3, decay=1.0,
          optimizer="adam", beta=0.9, seed=0, X_test=None, y_test=None, dtype=np.float32,
          progress=None, on_epoch=None):
    """Mini-batch training of the network ``layers`` on images X (m, n_H, n_W, n_C), labels y.

    ``optimizer``: "adam" (default, Keras' defaults beta1 = 0.9, beta2 = 0.999) or "momentum"
    (``beta``). The learning rate of epoch k = 0, 1, ... is learning_rate * decay^k: a decay
    below 1 takes smaller steps as training settles, so the last epochs jitter less. ``seed``
    draws the initial weights, then the mini-batch order and dropout masks of each epoch.
    Returns ``(params, history)``: history["cost"] is the mean mini-batch cost of each epoch,
    history["test_accuracy"] the accuracy on (X_test, y_test) after each epoch (when given),
    history["seconds"] the training time, excluding those evaluations. ``on_epoch``: a function
    called after each epoch with (epoch number from 1, history so far), e.g. to print it.
    """
    if on_epoch is not None:
        function(on_epoch, "on_epoch")
    decay = number(decay, "decay", lo=0, hi=1, lo_open=True)
    choice(optimizer, "optimizer", ("adam", "momentum"))
    epochs, batch_size = integer(epochs, "epochs"), integer(batch_size, "batch_size")
    learning_rate = number(learning_rate, "learning_rate", lo=0, lo_open=True)
    beta = number(beta, "beta", lo=0, hi=1, hi_open=True)
    dtype = float_dtype(dtype)
    X = array(X, "X", 4, need="(m, n_H, n_W, n_C)").astype(dtype, copy=False)
    if X.shape[0] == 0:
        raise ValueError(f"X must hold at least one example (m >= 1), got shape {X.shape}")
    classes = output_shapes(layers, X.shape[1:])[-1]
    if len(classes) != 1:
        raise ValueError(f"layers must end in a dense layer (the logits), got an output of "
                         f"shape {classes}")
    y = _labels(y, classes[0], X.shape[0])
    if (X_test is None) != (y_test is None):
        raise ValueError(f"X_test and y_test must be given together, got "
                         f"X_test={_got(X_test)} and y_test={_got(y_test)}")
    if X_test is not None:
        X_test = array(X_test, "X_test", 4, need="(m_test, n_H, n_W, n_C)")
        if X_test.shape[1:] != X.shape[1:]:
            raise ValueError(f"X_test must hold images of the shape of X's, {X.shape[1:]}, got "
                             f"shape {X_test.shape}")
        y_test = _labels(y_test, classes[0], X_test.shape[0], "y_test")
    rng = generator(seed)
    params = init_params(layers, X.shape[1:], rng, dtype)
    state = adam_init(params) if optimizer == "adam" else momentum_init(params)
    history = {"cost": [], "test_accuracy": [], "seconds": 0.0}
    bar = progress_bar(range(epochs), progress, "cnn")
    with split_batches():          # the layers give each core half of every large batch
        for epoch in bar:
            start, costs = time.perf_counter(), []
            rate = learning_rate * decay**epoch
            for batch in mini_batches(X.shape[0], batch_size, rng):
                cost, grads = cost_and_grads(X[batch], y[batch], params, layers, rng)
                check_cost(cost, epoch, rate)
                if optimizer == "adam":      # the unchecked steps: everything was checked above
                    _adam(params, grads, state, rate, 0.9, 0.999, 1e-8)
                else:
                    _momentum(params, grads, state, rate, beta)
                costs.append(cost)
            history["seconds"] += time.perf_counter() - start
            history["cost"].append(float(np.mean(costs)))
            if X_test is not None:
                history["test_accuracy"].append(accuracy(X_test, y_test, params, layers))
            if hasattr(bar, "set_postfix"):
                bar.set_postfix(cost=history["cost"][-1],
                                test=history["test_accuracy"][-1] if X_test is not None else None)
            if on_epoch is not None:
                on_epoch(epoch + 1, history)
    return params, history
