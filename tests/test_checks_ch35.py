"""The chapter 35 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks, cnn


def convert(weights, dense_T=True, dense_col=True, flip=False, swap=False, start=1,
            conv_col=False, redraw=False, in_place=False):
    params = {}
    for k in range(0, len(weights), 2):
        W, b = weights[k], weights[k + 1]
        l = k // 2 + start
        if redraw:
            W = np.random.default_rng(k).standard_normal(W.shape)
        if W.ndim == 4:
            W = W[::-1, ::-1] if flip else W
            W = np.swapaxes(W, 0, 1) if swap else W
            params[f"W{l}"], params[f"b{l}"] = W, (b[:, None] if conv_col else b)
        else:
            if in_place:
                b += 1
            params[f"W{l}"] = W.T if dense_T else W
            params[f"b{l}"] = b.reshape(-1, 1) if dense_col else b
    return params


def test_convert_accepts_the_right_answer(capsys):
    checks.check_convert_keras_weights(convert)
    assert "✔ convert_keras_weights" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda w: convert(w, dense_T=False), "transpose the Keras kernel"),
    (lambda w: convert(w, dense_col=False), "column"),
    (lambda w: convert(w, flip=True), "flipped"),
    (lambda w: convert(w, swap=True), "swapped"),
    (lambda w: convert(w, start=0), "W0"),
    (lambda w: convert(w, conv_col=True), "conv bias stays"),
    (lambda w: convert(w, redraw=True), "other values"),
    (lambda w: convert(w, in_place=True), "changed the Keras arrays"),
    (lambda w: list(convert(w).values()), "return a\\s+dict"),
    (lambda w: {k: v for k, v in convert(w).items() if k != "b4"}, "keys"),
    (lambda w: 1 / 0, "ZeroDivisionError"),
])
def test_convert_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_convert_keras_weights(wrong)


def count(layers, input_shape, bias=True, depth=True, per_pixel=False, pool=False,
          with_input=False, total=False):
    shapes = [tuple(input_shape)] + cnn.output_shapes(layers, input_shape)
    out = [0] if with_input else []
    for layer, prev in zip(layers, shapes):
        if layer["kind"] == "conv":
            n = (layer["f"] ** 2 * (prev[2] if depth else 1) + bias) * layer["n_C"]
            out.append(n * (prev[0] * prev[1] if per_pixel else 1))
        elif layer["kind"] == "dense":
            out.append((prev[0] + bias) * layer["n"])
        elif layer["kind"] == "pool" and pool:
            out.append(layer["f"] ** 2 * prev[2])
        else:
            out.append(0)
    return sum(out) if total else out


def test_count_accepts_the_right_answer(capsys):
    checks.check_layer_parameter_counts(count)
    assert "✔ count_parameters" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda l, s: count(l, s, bias=False), "has a bias"),
    (lambda l, s: count(l, s, depth=False), "no depth"),
    (lambda l, s: count(l, s, per_pixel=True), "image size"),
    (lambda l, s: count(l, s, pool=True), "pooling has nothing"),
    (lambda l, s: count(l, s, with_input=True), "one entry too many"),
    (lambda l, s: count(l, s, total=True), "one number"),
    (lambda l, s: count(l, s)[:-1], "4 counts|counts for a network"),
    (lambda l, s: [c + (i == len(l) - 1) for i, c in enumerate(count(l, s))], "layer 8 \\(dense\\)"),
])
def test_count_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_layer_parameter_counts(wrong)


def test_count_names_a_bias_forgotten_in_one_kind_of_layer():
    def no_conv_bias(layers, shape):
        return [c - layer["n_C"] if layer["kind"] == "conv" else c
                for layer, c in zip(layers, count(layers, shape))]

    def no_dense_bias(layers, shape):
        return [c - layer["n"] if layer["kind"] == "dense" else c
                for layer, c in zip(layers, count(layers, shape))]

    with pytest.raises(AssertionError, match="convolution's count has no bias"):
        checks.check_layer_parameter_counts(no_conv_bias)
    with pytest.raises(AssertionError, match="dense layer's count has no bias"):
        checks.check_layer_parameter_counts(no_dense_bias)


def train_cnn(X, y, layers, epochs, batch_size, learning_rate, seed, **kw):
    from dlnotes.checks.ch35 import _loop_variant
    return _loop_variant(X, y, layers, epochs, batch_size, learning_rate, seed, **kw)


def test_training_loop_accepts_the_right_answer(capsys):
    checks.check_cnn_training_loop(train_cnn)
    assert "✔ train_cnn" in capsys.readouterr().out


def _fresh_init(X, y, layers, epochs, batch_size, learning_rate, seed):
    from dlnotes import cnn as c
    params, costs = train_cnn(X, y, layers, epochs, batch_size, learning_rate, seed)
    other = c.init_params(layers, X.shape[1:], seed + 1)
    return {k: v + 0 * other[k] + 1e-3 for k, v in params.items()}, costs


@pytest.mark.parametrize("wrong, message", [
    (lambda *a: train_cnn(*a, dropout=False), "dropout is off"),
    (lambda *a: train_cnn(*a, fixed_order=True), "same order"),
    (lambda *a: train_cnn(*a, optimizer="gd"), "plain gradient descent"),
    (lambda *a: train_cnn(*a, state_per_epoch=True), "reset every epoch"),
    (lambda *a: train_cnn(*a, total=True), "sum of the mini-batch costs"),
    (lambda *a: (train_cnn(*a)[0], [0.0, 0.0, 0.0]), "costs are not"),
    (lambda *a: (train_cnn(*a)[0], [0.0]), "1 entries for 3 epochs"),
    (_fresh_init, "differ from the recipe"),
    (lambda *a: train_cnn(*a)[0], "pair"),
])
def test_training_loop_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_cnn_training_loop(wrong)
