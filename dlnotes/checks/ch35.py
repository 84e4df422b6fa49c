"""Checkers for chapter 35, a simple convolutional network: moving Keras weights into the
dlnotes layout, and counting the parameters of a network layer by layer."""
import numpy as np

from .. import cnn, optim
from ..experiments.cnn_review import keras_weights_to_params
from ._core import call, close, passed

__all__ = ["check_convert_keras_weights", "check_layer_parameter_counts", "check_cnn_training_loop"]

# A small network of the chapter's kind (conv, pool, conv, dense, dense) on 8 x 8 x 1 images.
_LAYERS = [cnn.conv_layer(3, 3), cnn.relu_layer(), cnn.pool_layer(2), cnn.conv_layer(4, 2),
           cnn.relu_layer(), cnn.flatten_layer(), cnn.dense_layer(5), cnn.relu_layer(),
           cnn.dense_layer(3)]
_SHAPE = (8, 8, 1)


def _keras_weights(seed=35):
    """Random weights in Keras' order and layout for _LAYERS: conv kernels (f, f, n_C_prev,
    n_C), biases (n,), dense kernels (n_prev, n)."""
    rng = np.random.default_rng(seed)
    params = cnn.init_params(_LAYERS, _SHAPE, seed=seed, dtype=np.float64)
    out = []
    for l in range(1, len(params) // 2 + 1):
        W, b = params[f"W{l}"], rng.standard_normal(params[f"b{l}"].size)
        out += [W, b] if W.ndim == 4 else [W.T.copy(), b]
    return out


def check_convert_keras_weights(convert_keras_weights):
    """``convert_keras_weights(weights)`` -> {"W1", "b1", ...} in the dlnotes layout, for the
    list ``model.get_weights()`` of a Keras Conv2D/Dense network."""
    weights = _keras_weights()
    before = [w.copy() for w in weights]
    got = call(convert_keras_weights, "convert_keras_weights", weights)
    if any(not np.array_equal(a, b) for a, b in zip(weights, before)):
        raise AssertionError("convert_keras_weights changed the Keras arrays it was given; "
                             "build new arrays (W.T, b.reshape(-1, 1)) instead of writing into them")
    if not isinstance(got, dict):
        raise AssertionError(f"convert_keras_weights returned a {type(got).__name__}; return a "
                             "dict {'W1': ..., 'b1': ..., 'W2': ...}")
    want = keras_weights_to_params(weights)
    if "W0" in got:
        raise AssertionError("the keys start at W0; dlnotes numbers the layers with weights from "
                             "1, so the first convolution owns W1 and b1")
    if set(got) != set(want):
        raise AssertionError(f"convert_keras_weights returned the keys {sorted(got)}, expected "
                             f"{sorted(want)} (one W and one b per Conv2D or Dense layer)")
    for name, expected in want.items():
        value = np.asarray(got[name])
        kind = "conv" if expected.ndim == 4 or (name[0] == "b" and want[f"W{name[1:]}"].ndim == 4) \
            else "dense"
        if value.shape != expected.shape:
            if name[0] == "W" and kind == "dense" and value.shape == expected.T.shape:
                raise AssertionError(f"{name} has Keras' shape {value.shape} = (n_prev, n); a "
                                     f"dlnotes dense weight is (n, n_prev) = {expected.shape}: "
                                     "transpose the Keras kernel")
            if name[0] == "b" and kind == "dense" and value.shape == (expected.shape[0],):
                raise AssertionError(f"{name} has shape {value.shape}; a dlnotes dense bias is a "
                                     f"column {expected.shape}: reshape it with b[:, None]")
            if name[0] == "b" and kind == "conv":
                raise AssertionError(f"{name} has shape {value.shape}; a conv bias stays as "
                                     f"Keras gives it, {expected.shape}")
            if name[0] == "W" and kind == "conv":
                raise AssertionError(f"{name} has shape {value.shape}; Keras' conv kernel is "
                                     f"already (f, f, n_C_prev, n_C) = {expected.shape}, like "
                                     "dlnotes': keep it as it is")
            raise AssertionError(f"{name} has shape {value.shape}, expected {expected.shape}")
        if close(value, expected):
            continue
        if kind == "conv" and name[0] == "W" and close(value, expected[::-1, ::-1]):
            raise AssertionError(f"{name} is the Keras kernel flipped; both frameworks compute a "
                                 "cross-correlation, so the kernel is copied unflipped")
        if kind == "conv" and name[0] == "W" and close(value, np.swapaxes(expected, 0, 1)):
            raise AssertionError(f"{name} has the rows and columns of each filter swapped; keep "
                                 "Keras' (f, f, n_C_prev, n_C) order")
        if kind == "dense" and name[0] == "W" and value.shape[0] == value.shape[1] and \
                close(value, expected.T):
            raise AssertionError(f"{name} is not transposed: a dlnotes dense weight is (n, n_prev)")
        raise AssertionError(f"{name} has the right shape but other values than the Keras "
                             "weights; copy them (transposed for dense kernels), do not redraw them")
    # The converted network must give the same logits as the reference conversion.
    X = np.random.default_rng(0).random((3,) + _SHAPE)
    Z_got = call(lambda: cnn.forward(X, {k: np.asarray(v, float) for k, v in got.items()},
                                     _LAYERS)[0], "cnn.forward with your parameters")
    if not close(Z_got, cnn.forward(X, want, _LAYERS)[0], rtol=1e-6, atol=1e-9):
        raise AssertionError("the converted parameters give other logits than the Keras network")
    passed("convert_keras_weights", "The converted network computes the Keras network's logits.")


def _reference_counts(layers, input_shape):
    return [r["parameters"] for r in cnn.parameter_table(layers, input_shape)[1:]]


def _counts(layers, input_shape, conv_rule, dense_rule, pool=0):
    shapes = [tuple(input_shape)] + cnn.output_shapes(layers, input_shape)
    out = []
    for layer, prev in zip(layers, shapes):
        kind = layer["kind"]
        if kind == "conv":
            out.append(conv_rule(layer["f"], prev[2], layer["n_C"], prev))
        elif kind == "dense":
            out.append(dense_rule(prev[0], layer["n"]))
        elif kind == "pool":
            out.append(pool(layer["f"], prev[2]) if callable(pool) else pool)
        else:
            out.append(0)
    return out


def check_layer_parameter_counts(count_parameters):
    """``count_parameters(layers, input_shape)`` -> a list of ints, the number of parameters of
    each layer of ``layers`` (0 for layers without any), for images of ``input_shape``."""
    cases = [(_LAYERS, _SHAPE),
             (cnn.MNIST_CNN, (28, 28, 1)),
             ([cnn.conv_layer(8, 5, stride=2, pad=2), cnn.relu_layer(), cnn.pool_layer(3, 2),
               cnn.conv_layer(6, 3, pad=1), cnn.flatten_layer(), cnn.dense_layer(7)], (20, 20, 3))]
    conv = lambda f, c, n, prev: (f * f * c + 1) * n  # noqa: E731
    dense = lambda n_prev, n: (n_prev + 1) * n  # noqa: E731
    mistakes = {
        "no layer's count has a bias: each conv filter and each dense unit adds one, "
        "(f·f·n_C_prev + 1)·n_C and (n_prev + 1)·n": dict(
            conv_rule=lambda f, c, n, p: f * f * c * n, dense_rule=lambda n_prev, n: n_prev * n),
        "a convolution's count has no bias: each of the n_C filters adds one bias, "
        "(f·f·n_C_prev + 1)·n_C": dict(conv_rule=lambda f, c, n, p: f * f * c * n),
        "a dense layer's count has no bias: (n_prev + 1)·n": dict(
            dense_rule=lambda n_prev, n: n_prev * n),
        "a convolution's filters have no depth: each filter is f × f × n_C_prev, so the count "
        "is (f·f·n_C_prev + 1)·n_C": dict(conv_rule=lambda f, c, n, p: (f * f + 1) * n),
        "a convolution's count depends on the image size; it does not (the same filters slide "
        "over every position): (f·f·n_C_prev + 1)·n_C": dict(
            conv_rule=lambda f, c, n, p: (f * f * c + 1) * n * p[0] * p[1]),
        "a convolution counts one bias per weight; there is one bias per filter":
            dict(conv_rule=lambda f, c, n, p: 2 * f * f * c * n),
        "pooling has nothing to learn: its count is 0": dict(pool=lambda f, c: f * f * c),
    }
    for layers, shape in cases:
        got = call(count_parameters, "count_parameters", list(layers), tuple(shape))
        if isinstance(got, (int, np.integer)):
            raise AssertionError("count_parameters returned one number; return a list with one "
                                 "count per layer (0 for ReLU, pooling, flatten and dropout)")
        got = list(np.asarray(got).ravel()) if np.ndim(got) else [got]
        want = _reference_counts(layers, shape)
        if len(got) == len(want) + 1 and got[1:] == want:
            raise AssertionError("the list has one entry too many: leave out the input, give one "
                                 "count per layer of `layers`")
        if len(got) != len(want):
            raise AssertionError(f"count_parameters returned {len(got)} counts for a network of "
                                 f"{len(want)} layers; give one per layer")
        if [int(g) for g in got] == want:
            continue
        for hint, rules in mistakes.items():
            kwargs = {"conv_rule": conv, "dense_rule": dense, "pool": 0, **rules}
            if [int(g) for g in got] == _counts(layers, shape, **kwargs):
                raise AssertionError(f"the counts are wrong: {hint}.")
        bad = next(k for k, (g, w) in enumerate(zip(got, want)) if int(g) != w)
        raise AssertionError(f"layer {bad} ({layers[bad]['kind']}) of a network on {shape} "
                             f"images: you count {int(got[bad])} parameters, expected {want[bad]}")
    passed("count_parameters", "Every layer's count matches cnn.parameter_table.")


_LOOP_LAYERS = [cnn.conv_layer(2, 3), cnn.relu_layer(), cnn.pool_layer(2), cnn.flatten_layer(),
                cnn.dense_layer(6), cnn.relu_layer(), cnn.dropout_layer(0.3), cnn.dense_layer(3)]


def _loop_variant(X, y, layers, epochs, batch_size, learning_rate, seed, dropout=True,
                  fixed_order=False, optimizer="adam", total=False, state_per_epoch=False):
    """The reference loop and its typical wrong versions."""
    rng = np.random.default_rng(seed)
    params = cnn.init_params(layers, X.shape[1:], rng)
    state = optim.adam_init(params)
    costs = []
    for _ in range(epochs):
        if state_per_epoch:
            state = optim.adam_init(params)
        order_rng = np.random.default_rng(seed) if fixed_order else rng
        batch_costs = []
        for batch in optim.mini_batches(len(y), batch_size, order_rng):
            cost, grads = cnn.cost_and_grads(X[batch], y[batch], params, layers,
                                             rng if dropout else None)
            if optimizer == "adam":
                optim.adam_update(params, grads, state, learning_rate)
            else:
                optim.gd_update(params, grads, learning_rate)
            batch_costs.append(cost)
        costs.append(float(np.sum(batch_costs) if total else np.mean(batch_costs)))
    return params, costs


def check_cnn_training_loop(train_cnn):
    """``train_cnn(X, y, layers, epochs, batch_size, learning_rate, seed)`` -> (params, costs):
    mini-batch Adam with one Generator for the initial weights, the mini-batch orders and the
    dropout masks, in that order; costs[k] the mean mini-batch cost of epoch k."""
    rng = np.random.default_rng(35)
    X = rng.random((14, 6, 6, 1))
    y = np.arange(14) % 3
    args = (X, y, _LOOP_LAYERS, 3, 4, 0.01, 7)
    got = call(train_cnn, "train_cnn", *args)
    if not (isinstance(got, tuple) and len(got) == 2 and isinstance(got[0], dict)):
        raise AssertionError("train_cnn should return a pair (params, costs): the trained "
                             "parameters {'W1', 'b1', ...} and the list of epoch costs")
    params, costs = got
    want_params, want_costs = _loop_variant(*args)
    reference, history = cnn.train(X, y, _LOOP_LAYERS, epochs=3, batch_size=4,
                                   learning_rate=0.01, seed=7)
    assert close(want_costs, history["cost"])          # the recipe is cnn.train's
    costs = np.asarray(costs, dtype=float).ravel()
    if costs.shape != (3,):
        raise AssertionError(f"costs has {costs.size} entries for 3 epochs; record one number "
                             "per epoch, the mean of its mini-batch costs")
    if set(params) != set(want_params):
        raise AssertionError(f"params has the keys {sorted(params)}, expected "
                             f"{sorted(want_params)}")
    same_params = all(close(np.asarray(params[k], float), want_params[k], rtol=1e-5, atol=1e-7)
                      for k in want_params)
    if same_params and close(costs, want_costs, rtol=1e-5):
        passed("train_cnn", "It trains exactly as cnn.train does (decay 1).")
        return
    mistakes = {
        "dropout": ("dropout is off: pass the generator rng to cnn.cost_and_grads, which "
                    "then draws the dropout masks", dict(dropout=False)),
        "order": ("every epoch sees the mini-batches in the same order: draw each epoch's "
                  "order from the one generator rng, not from a new generator made from the seed",
                  dict(fixed_order=True)),
        "gd": ("the update is plain gradient descent; use Adam (optim.adam_init once, "
               "optim.adam_update after every mini-batch)", dict(optimizer="gd")),
        "state": ("Adam's state is reset every epoch; make it once, before the first epoch, so "
                  "that its moments and step count carry on", dict(state_per_epoch=True)),
        "total": ("the epoch cost is the sum of the mini-batch costs; record their mean",
                  dict(total=True)),
    }
    for hint, kwargs in mistakes.values():
        p, c = _loop_variant(*args, **kwargs)
        if all(close(np.asarray(params[k], float), p[k], rtol=1e-5, atol=1e-7) for k in p) \
                and close(costs, c, rtol=1e-5):
            raise AssertionError(f"train_cnn is wrong: {hint}.")
    if same_params:
        raise AssertionError("the parameters are right but the costs are not: costs[k] is the "
                             "mean of the mini-batch costs of epoch k")
    raise AssertionError("the trained parameters differ from the recipe's: one generator "
                         "rng = np.random.default_rng(seed) for cnn.init_params, then, every "
                         "epoch, optim.mini_batches(m, batch_size, rng) and "
                         "cnn.cost_and_grads(..., rng), with one Adam step per mini-batch")
