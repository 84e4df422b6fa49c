"""dlnotes.cnn: gradients (centred differences and TensorFlow), parameter counts (against Keras),
bad input, and the MNIST 5k result the book reports."""
import numpy as np
import pytest

from dlnotes import cnn

from _gradients import check_gradients

SMALL = [cnn.conv_layer(3, 3, stride=1, pad=1), cnn.relu_layer(), cnn.pool_layer(2),
         cnn.conv_layer(4, 2, stride=2), cnn.relu_layer(), cnn.pool_layer(2, 1, "average"),
         cnn.flatten_layer(), cnn.dense_layer(5), cnn.relu_layer(), cnn.dense_layer(3)]
INPUT = (9, 8, 2)                       # odd height: pooling drops the last row


def small_problem(seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((4,) + INPUT)
    y = rng.integers(0, 3, 4)
    params = cnn.init_params(SMALL, INPUT, seed=seed, dtype=np.float64)
    for k in params:                    # non-zero biases, so that their gradients are tested
        if k[0] == "b":
            params[k] += 0.1 * rng.standard_normal(params[k].shape)
    return X, y, params


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gradients_match_centred_differences(seed):
    X, y, params = small_problem(seed)
    cost, grads = cnn.cost_and_grads(X, y, params, SMALL)
    assert set(grads) == {"d" + k for k in params}
    check_gradients(lambda p: cnn.cost_and_grads(X, y, p, SMALL)[0], params, grads, h=1e-6)


def test_gradients_with_dropout_on():
    layers = (SMALL[:6] + [cnn.dropout_layer(0.3)] + SMALL[6:9] + [cnn.dropout_layer(0.5)]
              + SMALL[9:])
    X, y, params = small_problem(5)

    def cost(p):                          # the same dropout masks on every call
        return cnn.cost_and_grads(X, y, p, layers, np.random.default_rng(7))[0]

    _, grads = cnn.cost_and_grads(X, y, params, layers, np.random.default_rng(7))
    check_gradients(cost, params, grads, h=1e-6)
    # Without a generator dropout is off: the same network as without the dropout layers.
    Z_off, _ = cnn.forward(X, params, layers)
    np.testing.assert_array_equal(Z_off, cnn.forward(X, params, SMALL)[0])
    Z_on, _ = cnn.forward(X, params, layers, np.random.default_rng(7))
    assert not np.allclose(Z_on, Z_off)


def test_dropout_keeps_the_expected_value():
    A = np.ones((1, 20, 20, 25))
    layers = [cnn.dropout_layer(0.4), cnn.flatten_layer()]
    out, (mask, _) = cnn.forward(A, {}, layers, np.random.default_rng(0))
    assert set(np.unique(out)) == {0.0, 1 / 0.6}
    assert abs(out.mean() - 1) < 0.05            # 10,000 draws: standard error about 0.008
    with pytest.raises(ValueError, match=r"rate\ must\ be\ a\ finite\ number\ >=\ 0\ and\ <\ 1,\ got\ 1"):
        cnn.dropout_layer(1)


def test_cost_and_gradients_match_tensorflow():
    import tensorflow as tf

    X, y, params = small_problem(3)
    cost, grads = cnn.cost_and_grads(X, y, params, SMALL)
    P = {k: tf.Variable(v) for k, v in params.items()}
    with tf.GradientTape() as tape:
        A = tf.constant(X)
        A = tf.nn.relu(tf.nn.conv2d(A, P["W1"], 1, [[0, 0], [1, 1], [1, 1], [0, 0]]) + P["b1"])
        A = tf.nn.max_pool2d(A, 2, 2, "VALID")
        A = tf.nn.relu(tf.nn.conv2d(A, P["W2"], 2, "VALID") + P["b2"])
        A = tf.nn.avg_pool2d(A, 2, 1, "VALID")
        A = tf.transpose(tf.reshape(A, (X.shape[0], -1)))
        A = tf.nn.relu(P["W3"] @ A + P["b3"])
        Z = P["W4"] @ A + P["b4"]
        J = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(y, tf.transpose(Z)))
    tf_grads = tape.gradient(J, [P[k] for k in params])
    assert abs(cost - float(J)) < 1e-12 * max(1.0, abs(cost))
    for k, g in zip(params, tf_grads):
        np.testing.assert_allclose(grads["d" + k], g.numpy(), rtol=1e-9, atol=1e-12,
                                   err_msg=f"d{k}")


def test_parameter_counts_match_keras():
    import keras

    model = keras.Sequential([
        keras.Input((28, 28, 1)),
        keras.layers.Conv2D(32, 3, activation="relu"), keras.layers.MaxPooling2D(2),
        keras.layers.Conv2D(64, 3, activation="relu"), keras.layers.MaxPooling2D(2),
        keras.layers.Dropout(0.25), keras.layers.Flatten(),
        keras.layers.Dense(128, activation="relu"), keras.layers.Dropout(0.5),
        keras.layers.Dense(10)])
    rows = cnn.parameter_table(cnn.MNIST_CNN, (28, 28, 1))
    assert sum(r["parameters"] for r in rows) == model.count_params()
    ours = [r["parameters"] for r in rows if r["parameters"]]
    theirs = [layer.count_params() for layer in model.layers if layer.count_params()]
    assert ours == theirs
    # Output shapes too (Keras shapes leave out the batch axis).
    shapes = [r["output_shape"] for r in rows[1:] if not r["layer"] == "relu"]
    assert shapes == [tuple(layer.output.shape[1:]) for layer in model.layers]
    params = cnn.init_params(cnn.MNIST_CNN, (28, 28, 1))
    assert sum(v.size for v in params.values()) == model.count_params()


def test_lenet5_table():
    rows = cnn.parameter_table(cnn.LENET5, (32, 32, 1))
    by_layer = [(r["output_shape"], r["parameters"]) for r in rows if r["layer"] != "relu"]
    # (f f n_C_prev + 1) n_C for conv layers, (n_prev + 1) n for dense ones.
    assert by_layer == [((32, 32, 1), 0), ((28, 28, 6), (25 + 1) * 6), ((14, 14, 6), 0),
                        ((10, 10, 16), (25 * 6 + 1) * 16), ((5, 5, 16), 0), ((400,), 0),
                        ((120,), 401 * 120), ((84,), 121 * 84), ((10,), 85 * 10)]
    text = cnn.format_parameter_table(rows)
    assert text.splitlines()[-1] == "| **total** | | | **61,706** |"


def test_predict_and_accuracy():
    X, y, params = small_problem(4)
    Z, _ = cnn.forward(X, params, SMALL)
    np.testing.assert_array_equal(cnn.predict(X, params, SMALL, batch_size=3), Z.argmax(axis=0))
    assert cnn.accuracy(X, Z.argmax(axis=0), params, SMALL) == 1.0


def test_training_lowers_the_cost_and_is_repeatable():
    rng = np.random.default_rng(5)
    X = rng.standard_normal((32,) + INPUT)
    y = (X[..., 0].mean(axis=(1, 2)) > 0).astype(np.int64)     # a learnable rule
    runs = [cnn.train(X, y, SMALL, epochs=15, batch_size=8, learning_rate=1e-2, seed=1,
                      progress=False)[1]["cost"] for _ in range(2)]
    assert runs[0] == runs[1]
    assert runs[0][-1] < 0.5 * runs[0][0]
    momentum = cnn.train(X, y, SMALL, epochs=15, batch_size=8, learning_rate=5e-2,
                         optimizer="momentum", seed=1, progress=False)[1]["cost"]
    assert momentum[-1] < momentum[0]


def test_on_epoch_sees_each_epoch_as_it_ends():
    rng = np.random.default_rng(5)
    X = rng.standard_normal((16,) + INPUT)
    y = (X[..., 0].mean(axis=(1, 2)) > 0).astype(np.int64)
    seen = []
    _, history = cnn.train(X, y, SMALL, epochs=3, batch_size=8, seed=1, progress=False,
                           on_epoch=lambda epoch, h: seen.append((epoch, list(h["cost"]))))
    assert seen == [(k, history["cost"][:k]) for k in (1, 2, 3)]
    with pytest.raises(TypeError, match="on_epoch must be a function, got 3"):
        cnn.train(X, y, SMALL, epochs=1, on_epoch=3)


@pytest.mark.parametrize("layers, pattern", [
    ([cnn.dense_layer(3)], r"layers\[0\]\ \(dense\)\ must\ get\ a\ vector,\ got\ an\ image\ of\ shape\ \(9,\ 8,\ 2\);\ put\ flatten_layer\(\)\ before\ it"),
    ([cnn.flatten_layer(), cnn.conv_layer(2, 3)], r"layers\[1\]\ \(conv\)\ must\ get\ an\ image\ \(n_H,\ n_W,\ n_C\),\ got\ a\ vector\ of\ shape\ \(144,\);\ put\ it\ before\ flatten"),
    ([cnn.conv_layer(2, 10)], r"layers\[0\]\ \(conv\)\ must\ fit\ its\ input\ of\ shape\ \(9,\ 8,\ 2\)\ \(from\ input_shape\ \(9,\ 8,\ 2\)\):\ f\ must\ be\ at\ most\ the\ padded\ input\ size\ n\ \+\ 2\*pad\ =\ 9\ \+\ 2\*0\ =\ 9,\ got\ f=10"),
    (["conv"], r"layers\[0\] must be made by conv_layer"),
])
def test_bad_layers(layers, pattern):
    with pytest.raises(ValueError, match=pattern):
        cnn.parameter_table(layers, INPUT)


def test_bad_data():
    X, y, params = small_problem()
    with pytest.raises(ValueError, match=r"X\ must\ be\ a\ 4\-D\ array\ \(m,\ n_H,\ n_W,\ n_C\),\ got\ shape\ \(9,\ 8,\ 2\)"):
        cnn.forward(X[0], params, SMALL)
    with pytest.raises(ValueError, match=r"params\ must\ fit\ these\ layers\ for\ X\ of\ shape\ \(4,\ 9,\ 8,\ 1\),\ with\ shapes\ \{'W1':\ \(3,\ 3,\ 1,\ 3\)"):
        cnn.forward(X[:, :, :, :1], params, SMALL)
    with pytest.raises(ValueError, match=r"y\ must\ be\ integer\ labels\ of\ shape\ \(4,\)\ in\ 0\.\.2,\ got\ shape\ \(3,\),\ dtype\ int64"):
        cnn.train(X, y[:3], SMALL, epochs=1)
    with pytest.raises(ValueError, match=r"y\ must\ be\ integer\ labels\ of\ shape\ \(4,\)\ in\ 0\.\.2,\ got\ values\ from\ 3\ to\ 5"):
        cnn.cost_and_grads(X, y + 3, params, SMALL)
    with pytest.raises(ValueError, match="optimizer must be one of 'adam', 'momentum', got 'sgd'"):
        cnn.train(X, y, SMALL, optimizer="sgd")


def test_mnist5k_reaches_96_percent():
    """The book's CNN on the seeded 4,000 / 1,000 split of MNIST 5k, with the book's settings."""
    from dlnotes.experiments import mnist

    result = mnist.run(progress=False)
    assert result["test_accuracy"] >= 0.96, result["history"]["test_accuracy"]
    assert result["train_accuracy"] > result["test_accuracy"] - 0.01


def test_mnist_split_is_seeded_and_disjoint():
    from dlnotes.data import load_mnist5k
    from dlnotes.experiments import mnist

    X_train, y_train, X_test, y_test = mnist.load_split()
    assert X_train.shape == (4000, 28, 28, 1) and X_test.shape == (1000, 28, 28, 1)
    assert X_train.dtype == np.float32 and 0 <= X_train.min() and X_train.max() <= 1
    assert y_train.shape == (4000,) and set(np.unique(y_test)) == set(range(10))
    again = mnist.load_split()
    np.testing.assert_array_equal(again[1], y_train)
    other = mnist.load_split(seed=1)
    assert not np.array_equal(other[1], y_train)
    # Together the two parts are the 5,000 images, each once.
    data = load_mnist5k()
    everything = (data.X.astype(np.float32) / 255).reshape(5000, -1)
    ours = np.concatenate([X_train, X_test]).reshape(5000, -1)
    assert sorted(map(bytes, ours)) == sorted(map(bytes, everything))
