"""Convolution and max pooling: dlnotes (NumPy) against TensorFlow on CPU, float32, one run.

    python bench/conv.py [--repeats N] [--threads K] [--tf-isa native|blas]

Prints one table: forward and backward times of dlnotes and of TensorFlow (best of N repeats,
5 N for pooling, the two timed alternately so that both see the same load), their ratio,
dlnotes again as cnn.train runs it (inside dlnotes._halves.split_batches: each half of the
batch on its own core, one BLAS thread each) and that ratio, the loop version in
dlnotes.reference (timed on one example and scaled to the batch), the speed-up over it, the
achieved GFLOP/s and the machine's float32 matrix-multiply rate as the ceiling. The default
50 repeats: with 20, the strided forward's ratio in halves moved between 1.07 and 1.22 from
one run to the next on a 2-core machine (4 runs); with 50 or 60, between 1.11 and 1.19 (6
runs). Then the peak memory of one convolution forward + backward pass (tracemalloc sees
NumPy's allocations).
``--threads K`` limits both libraries to K threads (NumPy's BLAS through threadpoolctl,
TensorFlow's intra- and inter-op pools): on a machine that other jobs share, one thread each
is the fairer comparison, since OpenBLAS threads that wait by spinning suffer most from
oversubscribed cores. ``--tf-isa blas`` caps TensorFlow's kernels at the vector instructions
of NumPy's (see bench/_isa.py); the header names both.
"""
import argparse
import os
import sys
import time
import tracemalloc
from pathlib import Path

os.environ["TF_ENABLE_ONEDNN_OPTS"] = "1"  # TensorFlow at its best (oneDNN kernels)
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import _isa  # noqa: E402  (bench/ is on the path when this file runs)
import numpy as np  # noqa: E402

KERNELS = _isa.apply(sys.argv[1:])  # --tf-isa must act before TensorFlow loads oneDNN
import tensorflow as tf  # noqa: E402

from dlnotes import conv, reference  # noqa: E402
from dlnotes._halves import split_batches  # noqa: E402

# (label, input shape, f, n_C, stride, pad, pool f, pool stride)
CASES = [
    ("mnist_cnn layer 2", (64, 26, 26, 32), 3, 64, 1, 0, 2, 2),
    ("strided, padded", (64, 28, 28, 32), 5, 64, 2, 2, 3, 2),
]


def best_of(repeats, *fns):
    """Best time in ms of each function, calling them in turn ``repeats`` times."""
    best = [float("inf")] * len(fns)
    for _ in range(repeats):
        for k, fn in enumerate(fns):
            start = time.perf_counter()
            fn()
            best[k] = min(best[k], time.perf_counter() - start)
    return [1e3 * t for t in best]


def timed(repeats, ours, theirs):
    """Best ms of ours and theirs, alternately; then of ours in halves (as cnn.train runs it)
    and theirs again. Returns (ours, ours in halves, theirs' best over both rounds)."""
    whole, tf_first = best_of(repeats, ours, theirs)
    with split_batches():             # entered once: switching BLAS threads costs time itself
        split, tf_second = best_of(repeats, ours, theirs)
    return whole, split, min(tf_first, tf_second)


def matmul_rate(repeats):
    X = np.random.default_rng(0).standard_normal((2048, 2048), dtype=np.float32)
    (ms,) = best_of(repeats, lambda: X @ X)
    return 2 * 2048**3 / (ms * 1e-3) / 1e9


def conv_rows(label, shape, f, n_C, stride, pad, repeats, ceiling):
    rng = np.random.default_rng(0)
    A = rng.standard_normal(shape, dtype=np.float32)
    W = rng.standard_normal((f, f, shape[3], n_C), dtype=np.float32) * 0.1
    b = rng.standard_normal(n_C, dtype=np.float32)
    Z, cache = conv.conv_forward(A, W, b, stride, pad)
    dZ = rng.standard_normal(Z.shape, dtype=np.float32)
    At, Wt, bt, dZt = (tf.constant(x) for x in (A, W, b, dZ))
    paddings = [[0, 0], [pad, pad], [pad, pad], [0, 0]]
    explicit = [0, 0, pad, pad, pad, pad, 0, 0]
    strides = [1, stride, stride, 1]

    def tf_forward():
        return (tf.nn.conv2d(At, Wt, stride, paddings) + bt).numpy()

    def tf_backward():
        dA = tf.raw_ops.Conv2DBackpropInput(
            input_sizes=shape, filter=Wt, out_backprop=dZt, strides=strides,
            padding="EXPLICIT", explicit_paddings=explicit)
        dW = tf.raw_ops.Conv2DBackpropFilter(
            input=At, filter_sizes=Wt.shape, out_backprop=dZt, strides=strides,
            padding="EXPLICIT", explicit_paddings=explicit)
        return dA.numpy(), dW.numpy(), tf.reduce_sum(dZt, axis=(0, 1, 2)).numpy()

    # Agreement first: a fast wrong answer is worth nothing.
    np.testing.assert_allclose(Z, tf_forward(), rtol=1e-3, atol=1e-3)
    for g, g_tf in zip(conv.conv_backward(dZ, cache), tf_backward()):
        np.testing.assert_allclose(g, g_tf, rtol=1e-3, atol=1e-2 * np.abs(g_tf).max())

    fwd, fwd2, fwd_tf = timed(repeats, lambda: conv.conv_forward(A, W, b, stride, pad),
                              tf_forward)
    bwd, bwd2, bwd_tf = timed(repeats, lambda: conv.conv_backward(dZ, cache), tf_backward)
    scale = shape[0]                                     # the loop version runs on one example
    _, ref_cache = reference.conv_forward(A[:1], W, b, stride, pad)
    (ref_fwd,) = best_of(2, lambda: reference.conv_forward(A[:1], W, b, stride, pad))
    (ref_bwd,) = best_of(2, lambda: reference.conv_backward(dZ[:1], ref_cache))
    flops = 2 * Z.size * f * f * shape[3]                # multiply-adds of the forward pass
    fwd_rate, bwd_rate = flops / min(fwd, fwd2) / 1e6, 2 * flops / min(bwd, bwd2) / 1e6
    return [
        (label, "conv forward", fwd, fwd2, fwd_tf, ref_fwd * scale, fwd_rate, ceiling),
        (label, "conv backward", bwd, bwd2, bwd_tf, ref_bwd * scale, bwd_rate, ceiling),
    ]


def pool_rows(label, shape, f, stride, repeats):
    rng = np.random.default_rng(1)
    A = rng.standard_normal(shape, dtype=np.float32)
    P, cache = conv.pool_forward(A, f, stride)
    dP = rng.standard_normal(P.shape, dtype=np.float32)
    At, Pt, dPt = tf.constant(A), tf.constant(P), tf.constant(dP)
    window, strides = [1, f, f, 1], [1, stride, stride, 1]

    def tf_forward():
        return tf.nn.max_pool2d(At, f, stride, "VALID").numpy()

    def tf_backward():
        return tf.raw_ops.MaxPoolGrad(orig_input=At, orig_output=Pt, grad=dPt, ksize=window,
                                      strides=strides, padding="VALID").numpy()

    np.testing.assert_array_equal(P, tf_forward())
    np.testing.assert_allclose(conv.pool_backward(dP, cache), tf_backward(), rtol=1e-5, atol=1e-5)
    fwd, fwd2, fwd_tf = timed(repeats, lambda: conv.pool_forward(A, f, stride), tf_forward)
    bwd, bwd2, bwd_tf = timed(repeats, lambda: conv.pool_backward(dP, cache), tf_backward)
    _, ref_cache = reference.pool_forward(A[:1], f, stride)
    (ref_fwd,) = best_of(2, lambda: reference.pool_forward(A[:1], f, stride))
    (ref_bwd,) = best_of(2, lambda: reference.pool_backward(dP[:1], ref_cache))
    name = f"max pool {f}x{f}/{stride}"
    return [(label, f"{name} forward", fwd, fwd2, fwd_tf, ref_fwd * shape[0], None, None),
            (label, f"{name} backward", bwd, bwd2, bwd_tf, ref_bwd * shape[0], None, None)]


def peak_memory(shape, f, n_C, stride, pad):
    """Peak MB allocated during conv forward + backward, and the sizes it compares with."""
    rng = np.random.default_rng(2)
    A = rng.standard_normal(shape, dtype=np.float32)
    W = rng.standard_normal((f, f, shape[3], n_C), dtype=np.float32)
    b = np.zeros(n_C, dtype=np.float32)
    tracemalloc.start()
    Z, cache = conv.conv_forward(A, W, b, stride, pad)
    after_forward = tracemalloc.get_traced_memory()[0]
    grads = conv.conv_backward(np.ones_like(Z), cache)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    cached = sum(x.nbytes for x in cache if isinstance(x, np.ndarray))
    columns = Z.shape[0] * Z.shape[1] * Z.shape[2] * f * f * shape[3] * 4
    outputs = Z.nbytes + sum(g.nbytes for g in grads)
    mb = 2**-20
    return dict(peak=peak * mb, after_forward=after_forward * mb, Z=Z.nbytes * mb,
                cached=cached * mb, inputs=(A.nbytes + W.nbytes + b.nbytes) * mb,
                columns=columns * mb, outputs=outputs * mb,
                cache_is_inputs=all(x is y for x, y in zip(cache[:3], (A, W, b))))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("--threads", type=int, default=None)
    _isa.add_argument(parser)
    args = parser.parse_args(argv)
    if args.threads:
        from threadpoolctl import threadpool_limits

        threadpool_limits(args.threads, user_api="blas")
        tf.config.threading.set_intra_op_parallelism_threads(args.threads)
        tf.config.threading.set_inter_op_parallelism_threads(args.threads)
    load_before = os.getloadavg()[0]
    ceiling = matmul_rate(5)
    rows = []
    for label, shape, f, n_C, stride, pad, pool_f, pool_s in CASES:
        rows += conv_rows(label, shape, f, n_C, stride, pad, args.repeats, ceiling)
        out_shape = (shape[0], conv.conv_output_size(shape[1], f, pad, stride),
                     conv.conv_output_size(shape[2], f, pad, stride), n_C)
        # Pooling takes a fraction of a millisecond: more repeats for a steadier best time.
        rows += pool_rows(label, out_shape, pool_f, pool_s, 5 * args.repeats)

    threads = f"{args.threads} thread(s) each" if args.threads else "default threads"
    print(f"float32, best of {args.repeats} ({5 * args.repeats} for pooling); NumPy "
          f"{np.__version__}, TensorFlow {tf.__version__} "
          f"(oneDNN on); {os.cpu_count()} cores, {threads}; load average {load_before:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after")
    print(KERNELS)
    print("| case | operation | dlnotes ms | in halves ms | TensorFlow ms | ratio | in halves "
          "ratio | loop reference ms (scaled) | vs loop (faster dlnotes) | dlnotes GFLOP/s | "
          "matmul GFLOP/s (ceiling) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, op, ms, ms2, ms_tf, ms_ref, gflops, ceil in rows:
        rate = f"{gflops:.0f}" if gflops else "-"
        top = f"{ceil:.0f}" if ceil else "-"
        print(f"| {label} | {op} | {ms:.2f} | {ms2:.2f} | {ms_tf:.2f} | {ms / ms_tf:.2f} | "
              f"{ms2 / ms_tf:.2f} | {ms_ref:,.0f} | {ms_ref / min(ms, ms2):,.0f}x | {rate} | "
              f"{top} |")

    print("\nPeak memory of one convolution forward + backward pass (tracemalloc, MB):")
    for label, shape, f, n_C, stride, pad, *_ in CASES:
        m = peak_memory(shape, f, n_C, stride, pad)
        print(f"- {label}: peak {m['peak']:.1f}; after the forward pass {m['after_forward']:.1f} "
              f"(Z {m['Z']:.1f}); the cache holds only the inputs A_prev, W, b "
              f"({m['inputs']:.1f}, the same arrays: {m['cache_is_inputs']}); the full column "
              f"matrix would be {m['columns']:.1f}; the outputs Z, dA_prev, dW, db take "
              f"{m['outputs']:.1f}")


if __name__ == "__main__":
    main()
