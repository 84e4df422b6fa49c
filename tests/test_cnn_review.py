"""What chapters 35 and 37 claim, checked with small runs (never the full training).

Chapter 35: the note's layout and the book's have the layer-by-layer parameter counts Keras
gives; the note's has several times the parameters and multiply-adds; Keras weights moved into
the dlnotes layout give Keras' logits; both frameworks learn the split at a similar pace, and
the Keras run is seeded and repeatable. Chapter 37: every layer's output has the shape
cnn.output_shapes predicts, dropout passes its input through at test time, the confusion matrix
counts rows as the truth, and the sizes of LeNet-5, AlexNet and VGG-16 follow the published
ones with the differences the chapter explains.
"""
import numpy as np
import pytest

from dlnotes import cnn
from dlnotes.experiments import cnn_review as cr
from dlnotes.experiments import mnist


def test_note_layout_is_several_times_larger_than_the_book_layout():
    size = {name: (sum(r["parameters"] for r in cnn.parameter_table(net, (28, 28, 1))),
                   sum(cr.multiply_adds(net, (28, 28, 1))))
            for name, net in (("note", cr.NOTE_CNN), ("book", cnn.MNIST_CNN))}
    assert size["note"][0] > 4 * size["book"][0]
    assert size["note"][1] > 4 * size["book"][1]


def test_multiply_adds_by_hand():
    layers = [cnn.conv_layer(4, 3, pad=1), cnn.relu_layer(), cnn.pool_layer(2),
              cnn.flatten_layer(), cnn.dense_layer(5)]
    # conv: 6*6*4 outputs, each a 3*3*2 dot product; dense: 3*3*4 inputs x 5 units
    assert cr.multiply_adds(layers, (6, 6, 2)) == [6 * 6 * 4 * 3 * 3 * 2, 0, 0, 0, 36 * 5]


@pytest.mark.parametrize("layout, layers", [("book", cnn.MNIST_CNN), ("note", cr.NOTE_CNN)])
def test_parameter_counts_match_keras_layer_by_layer(layout, layers):
    model = cr.keras_model(layout)
    ours = [r["parameters"] for r in cnn.parameter_table(layers, (28, 28, 1))[1:] if r["parameters"]]
    assert [l.count_params() for l in model.layers if l.count_params()] == ours


def test_keras_weights_give_the_same_logits_in_dlnotes():
    import keras

    from dlnotes.experiments.pima import seed_keras

    seed_keras(3)
    model = cr.keras_model("book")
    # Non-zero biases, so that a bias in the wrong layout would show.
    model.set_weights([w + 0.05 * np.random.default_rng(k).standard_normal(w.shape)
                       for k, w in enumerate(model.get_weights())])
    X = mnist.load_split()[2][:50]
    head = keras.layers.Dense(10)
    logits = keras.Sequential([keras.Input((28, 28, 1)), *model.layers[:-1], head])
    head.set_weights(model.layers[-1].get_weights())
    Z_keras = logits.predict(X, verbose=0).T
    params = cr.keras_weights_to_params(model.get_weights())
    Z_ours, _ = cnn.forward(X, params, cnn.MNIST_CNN)
    np.testing.assert_allclose(Z_ours, Z_keras, rtol=1e-4, atol=1e-5 * np.abs(Z_keras).max())
    np.testing.assert_allclose(cr.probabilities(X, params, cnn.MNIST_CNN),
                               model.predict(X, verbose=0).T, atol=1e-5)


def test_keras_training_is_seeded_and_repeatable():
    X_train, y_train, X_test, y_test = mnist.load_split()
    data = (X_train[:500], y_train[:500], X_test[:200], y_test[:200])
    first = cr.train_keras(1, seed=0, data=data)["history"]
    again = cr.train_keras(1, seed=0, data=data)["history"]
    assert first["cost"] == again["cost"] and first["test_accuracy"] == again["test_accuracy"]


def test_both_frameworks_learn_the_split_at_a_similar_pace():
    # Chapter 35 trains both for 6 epochs; two epochs already show the claim's shape.
    X_train, y_train, X_test, y_test = mnist.load_split()
    theirs = cr.train_keras(2, seed=0)["history"]
    _, ours = cnn.train(X_train, y_train, cnn.MNIST_CNN, epochs=2, batch_size=64,
                        learning_rate=1e-3, decay=0.85, seed=0, X_test=X_test, y_test=y_test)
    for h in (theirs, ours):
        assert h["cost"][1] < h["cost"][0] / 2
        assert h["test_accuracy"][-1] > 0.90
    assert abs(theirs["test_accuracy"][-1] - ours["test_accuracy"][-1]) < 0.04
    assert abs(np.log(theirs["cost"][1] / ours["cost"][1])) < 0.5


def _small_trained():
    X_train, y_train, X_test, y_test = mnist.load_split()
    params, _ = cnn.train(X_train[:800], y_train[:800], cnn.MNIST_CNN, epochs=2, seed=0)
    return params, X_test[:200], y_test[:200]


def test_layer_outputs_shapes_and_dropout_at_test_time():
    params, X, _ = _small_trained()
    outputs = cr.layer_outputs(X[:3], params, cnn.MNIST_CNN)
    for out, shape in zip(outputs, cnn.output_shapes(cnn.MNIST_CNN, (28, 28, 1))):
        assert (out.shape[1:] == shape) if out.ndim == 4 else (out.shape == shape + (3,))
    for k, layer in enumerate(cnn.MNIST_CNN):
        if layer["kind"] == "dropout":
            np.testing.assert_array_equal(outputs[k], outputs[k - 1])
    np.testing.assert_allclose(outputs[-1], cnn.forward(X[:3], params, cnn.MNIST_CNN)[0])


def test_probabilities_and_the_confusion_matrix():
    params, X, y = _small_trained()
    P = cr.probabilities(X, params, cnn.MNIST_CNN)
    np.testing.assert_allclose(P.sum(axis=0), 1, rtol=1e-5)
    pred = cnn.predict(X, params, cnn.MNIST_CNN)
    np.testing.assert_array_equal(P.argmax(axis=0), pred)
    C = cr.confusion_matrix(y, pred)
    assert C.shape == (10, 10) and C.sum() == len(y)
    np.testing.assert_array_equal(C.sum(axis=1), np.bincount(y, minlength=10))   # rows: truth
    np.testing.assert_array_equal(C.sum(axis=0), np.bincount(pred, minlength=10))
    assert np.trace(C) == pytest.approx(cnn.accuracy(X, y, params, cnn.MNIST_CNN) * len(y))
    assert cr.confusion_matrix([0, 0, 1], [1, 1, 1], 3).tolist() == [[0, 2, 0], [0, 1, 0],
                                                                     [0, 0, 0]]


def test_published_sizes_and_the_chapter_patterns():
    nets = {"lenet": (cnn.LENET5, (32, 32, 1)), "alexnet": (cr.ALEXNET, (227, 227, 3)),
            "vgg": (cr.VGG16, (224, 224, 3)), "book": (cnn.MNIST_CNN, (28, 28, 1))}
    params, macs = {}, {}
    for name, (net, shape) in nets.items():
        rows = cnn.parameter_table(net, shape)
        params[name] = sum(r["parameters"] for r in rows)
        macs[name] = sum(cr.multiply_adds(net, shape))
        dense = sum(r["parameters"] for r, l in zip(rows[1:], net) if l["kind"] == "dense")
        conv = sum(m for m, l in zip(cr.multiply_adds(net, shape), net) if l["kind"] == "conv")
        assert dense > 0.8 * params[name] and conv > 0.8 * macs[name]
        acts = [r["activation_size"] for r in rows[1:]]
        assert int(np.argmax(acts)) == 0               # the first layer's output is the largest
    assert params["vgg"] == 138_357_544                # Simonyan and Zisserman: 138 million
    assert abs(macs["vgg"] / 15.3e9 - 1) < 0.02        # He et al.: 15.3 billion multiply-adds
    assert 60_000 < params["lenet"] < 63_000           # paper: about 60,000 (partial connections)
    assert 60e6 < params["alexnet"] < 63e6             # paper: 60 million (two towers)


def test_stacked_small_filters_have_fewer_parameters():
    def count(net):
        return sum(r["parameters"] for r in cnn.parameter_table(net, (56, 56, 64)))
    same3 = [cnn.conv_layer(64, 3, pad=1), cnn.relu_layer()]
    assert count(same3 * 2) < count([cnn.conv_layer(64, 5, pad=2)])
    assert count(same3 * 3) < count([cnn.conv_layer(64, 7, pad=3)])


def test_keras_to_dlnotes_transposes_dense_kernels_only():
    rng = np.random.default_rng(0)
    w = [rng.standard_normal((3, 3, 1, 2)), rng.standard_normal(2),
         rng.standard_normal((8, 4)), rng.standard_normal(4)]
    p = cr.keras_weights_to_params(w)
    assert p["W1"] is w[0] and p["b1"] is w[1]
    np.testing.assert_array_equal(p["W2"], w[2].T)
    assert p["b2"].shape == (4, 1)


def test_main_without_keras_prints_the_confusion_matrix(capsys):
    assert cr.main(["--epochs", "1", "--no-keras"]) == 0
    out = capsys.readouterr().out
    assert "dlnotes: test accuracy per epoch" in out and "confusion matrix" in out
    with pytest.raises(SystemExit) as err:
        cr.main(["--epochs", "0"])
    assert err.value.code == 2
