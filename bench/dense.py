"""Benchmark: the 4-layer cat model [12288, 20, 7, 5, 1] trained by full-batch gradient descent
for the same number of iterations in dlnotes (NumPy) and in TensorFlow/Keras, in one run.

Same data (209 training images, pixels / 255), same starting weights (N(0,1)/√n[l−1], seed 0,
copied into Keras), same learning rate 0.0075, compared dtype by dtype (float32 and float64).
TensorFlow is measured twice: ``Model.fit`` with the whole set as one batch, and a hand-written
``tf.function`` training step (TensorFlow at its best, no Keras bookkeeping). Each timing is the
best of ``--repeats`` runs after one warm-up run. The last column is the cost after training,
evaluated by dlnotes for every implementation, to show they computed the same thing (float32 and
float64 part ways after about 200 iterations, where this learning rate makes the cost oscillate).

dlnotes runs twice: with NumPy's BLAS at its default thread count and limited to one thread
(threadpoolctl). On a machine shared with other busy processes, a multi-threaded OpenBLAS can be
many times slower than a single thread, because its threads wait for one another.

    python bench/dense.py [--iterations 300] [--repeats 3] [--tf-isa native|blas]

``--tf-isa blas`` caps TensorFlow's kernels at the vector instructions of NumPy's (see
bench/_isa.py); the header names both.
"""
import argparse
import os
import sys
import time

os.environ["TF_ENABLE_ONEDNN_OPTS"] = "1"  # TensorFlow at its best
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import _isa  # noqa: E402  (bench/ is on the path when this file runs)
import numpy as np  # noqa: E402

from dlnotes import dense  # noqa: E402
from dlnotes.experiments.cats import LAYERS, load_xy  # noqa: E402

LR = 0.0075


def best_time(train, repeats):
    train(1)  # warm-up: thread pools, tracing, caches
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        params = train(None)
        times.append(time.perf_counter() - start)
    return min(times), params


def dlnotes_trainer(X, Y, iterations, dtype, blas_threads=None):
    from threadpoolctl import threadpool_limits

    def train(n):
        with threadpool_limits(limits=blas_threads, user_api="blas"):
            params, _ = dense.fit(X, Y, LAYERS["4layer"], init="sqrt_fan_in", seed=0,
                                  learning_rate=LR, num_iterations=n or iterations,
                                  progress=False)
        return params
    return train


def keras_trainers(X, Y, iterations, dtype):
    import keras
    import tensorflow as tf

    keras.config.set_floatx(np.dtype(dtype).name)
    start = dense.init_params(LAYERS["4layer"], "sqrt_fan_in", 0, dtype=dtype)
    L = len(LAYERS["4layer"]) - 1
    Xr, Yr = np.ascontiguousarray(X.T), Y.T.astype(dtype)  # Keras wants examples in rows

    def build():
        model = keras.Sequential([keras.Input((X.shape[0],))] + [
            keras.layers.Dense(n, activation="relu" if l < L else "sigmoid")
            for l, n in enumerate(LAYERS["4layer"][1:], start=1)])
        model.set_weights([w for l in range(1, L + 1)
                           for w in (start[f"W{l}"].T, start[f"b{l}"].ravel())])
        return model

    def as_params(model):
        ws = model.get_weights()
        return {k: v for l in range(1, L + 1)
                for k, v in ((f"W{l}", ws[2 * l - 2].T), (f"b{l}", ws[2 * l - 1][:, None]))}

    def fit(n):
        model = build()
        model.compile(optimizer=keras.optimizers.SGD(LR), loss="binary_crossentropy")
        model.fit(Xr, Yr, batch_size=len(Xr), epochs=n or iterations, shuffle=False, verbose=0)
        return as_params(model)

    def loop(n):
        model = build()
        opt = keras.optimizers.SGD(LR)
        loss = keras.losses.BinaryCrossentropy()
        x, y = tf.constant(Xr), tf.constant(Yr)

        @tf.function
        def step():
            with tf.GradientTape() as tape:
                J = loss(y, model(x, training=True))
            opt.apply_gradients(zip(tape.gradient(J, model.trainable_variables),
                                    model.trainable_variables))

        for _ in range(n or iterations):
            step()
        return as_params(model)

    return fit, loop


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--iterations", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=3)
    _isa.add_argument(parser)
    args = parser.parse_args(argv)
    kernels = _isa.apply(argv if argv is not None else sys.argv[1:])  # before TensorFlow loads
    import tensorflow as tf

    print(f"4-layer cat model [12288, 20, 7, 5, 1], 209 examples, {args.iterations} full-batch "
          f"iterations, best of {args.repeats}; NumPy {np.__version__}, TensorFlow {tf.__version__}"
          f" (oneDNN on), {os.cpu_count()} CPU(s)\n{kernels}\n")
    header = f"{'dtype':<8} {'implementation':<28} {'time (s)':>9} {'ms/iter':>8} " \
             f"{'vs dlnotes':>10} {'final cost':>11}"
    print(header)
    print("-" * len(header))
    for dtype in (np.float32, np.float64):
        X, Y, _, _ = load_xy(dtype)
        rows = [("dlnotes (NumPy)", dlnotes_trainer(X, Y, args.iterations, dtype)),
                ("dlnotes, 1 BLAS thread", dlnotes_trainer(X, Y, args.iterations, dtype, 1))]
        fit, loop = keras_trainers(X, Y, args.iterations, dtype)
        rows += [("Keras Model.fit", fit), ("TensorFlow tf.function loop", loop)]
        base = None
        for name, train in rows:
            seconds, params = best_time(train, args.repeats)
            base = base or seconds
            AL, _ = dense.model_forward(X, params)
            cost = dense.compute_cost(AL, Y)
            print(f"{np.dtype(dtype).name:<8} {name:<28} {seconds:9.3f} "
                  f"{1000 * seconds / args.iterations:8.2f} {seconds / base:9.2f}x {cost:11.6f}")
    print("\n'vs dlnotes' is the time relative to dlnotes in the same dtype (above 1: slower "
          "than dlnotes).")


if __name__ == "__main__":
    main()
