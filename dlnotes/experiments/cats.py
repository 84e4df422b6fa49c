"""Cat vs non-cat: logistic regression and the course's 2- and 4-layer networks, full size.

The published results (deeplearning.ai, "Neural Networks and Deep Learning"): logistic
regression from zeros, learning rate 0.005, 2000 iterations, pixels / 255 (its cost trace and
accuracies are in :data:`PUBLISHED_LOGISTIC`). A 2-layer
[12288, 7, 1] and a 4-layer [12288, 20, 7, 5, 1] ReLU/sigmoid network, weights N(0, 1)/√n[l−1],
zero biases, learning rate 0.0075, 2500 full-batch iterations: 72% and 80% test accuracy for
one random draw each. The deep results depend on the draw; :func:`seed_sweep` measures how much,
training in the span of the data (:func:`fit_in_span`, the same iterates as
:func:`dlnotes.dense.fit` for a fraction of the work).

    python -m dlnotes cat --model logistic|2layer|4layer [--seed S] [--seeds N [--direct]]
"""
from __future__ import annotations

import time
from typing import NamedTuple

import numpy as np

from .. import activations, cli, data, dense, logistic
from .._validate import array, positive_int
from ..optim import check_cost, gd_update

LAYERS = {"2layer": [12288, 7, 1], "4layer": [12288, 20, 7, 5, 1]}
MODELS = ("logistic",) + tuple(LAYERS)
# The course's published test accuracies (deeplearning.ai, "Neural Networks and Deep Learning",
# the logistic-regression and deep-network exercises), one run each.
PUBLISHED_TEST_ACCURACY = {"logistic": 0.70, "2layer": 0.72, "4layer": 0.80}
# Seeds (numpy default_rng) whose draw reaches the published test accuracy (72% and 80%);
# found by trying seeds 0, 1, 2, ... in order, see the tests.
PUBLISHED_SEEDS = {"2layer": 0, "4layer": 2}

# The course's published logistic-regression run, as its expected output prints it (cost
# recorded every 100 iterations, so 1900 is the last recorded; accuracies in percent). The
# training accuracy 99.04306220095694% is 207 of the 209 training pictures. Chapters print these
# from here with their source; nobody types them again.
PUBLISHED_LOGISTIC = {
    "source": "deeplearning.ai, Neural Networks and Deep Learning, week 2 programming "
              "assignment (logistic regression with a neural-network mindset), expected output; "
              "cited as ng2017nndl",
    "settings": "zero init, learning rate 0.005, 2000 iterations, pixels / 255",
    "cost at 0": 0.693147,
    "cost at 1900": 0.140872,
    "train accuracy (%)": 99.04306220095694,
    "test accuracy (%)": 70.0,
}
# The blog's practice post (its index page's summary; the settings of that run are not given).
PUBLISHED_BLOG_LOGISTIC = {
    "source": "the blog's practice-3 post, as its index page summarises it; cited as blognotes2020",
    "train accuracy (%)": 100.0,
    "test accuracy (%)": 70.0,
}


class CatResult(NamedTuple):
    """One training run: ``costs`` {iteration: cost} (see :func:`dlnotes.dense.fit`),
    accuracies as fractions in [0, 1], wall-clock ``seconds`` and the trained ``params``."""
    model: str
    seed: int | None
    costs: dict
    train_accuracy: float
    test_accuracy: float
    seconds: float
    params: dict
    weight_norms: dict | None = None  # {iteration: ‖w‖} (logistic regression only)


def load_xy(dtype=np.float64):
    """Flattened, scaled images: X (12288, 209), Y (1, 209), X_test (12288, 50), Y_test (1, 50).

    Each 64 × 64 × 3 image becomes one column of pixel values / 255, in the row-major order of
    ``image.reshape(-1)`` (the order the course uses).
    """
    cats = data.load_cats()

    def flat(images):
        return (images.reshape(len(images), -1).T / 255).astype(dtype)

    return (flat(cats.train_x), cats.train_y[None, :], flat(cats.test_x), cats.test_y[None, :])


def run_logistic(num_iterations=2000, learning_rate=0.005, progress=None, xy=None,
                 norm_every=100) -> CatResult:
    """Logistic regression from zero weights; deterministic, so no seed.

    Trains in stretches of ``norm_every`` updates (the same arithmetic as one long run) so that
    ``weight_norms`` can record the Euclidean norm of w after every stretch; costs are
    recorded every 100 iterations, as the course does.
    """
    X, Y, Xt, Yt = xy if xy is not None else load_xy()
    num_iterations = positive_int(num_iterations, "num_iterations")
    norm_every = positive_int(norm_every, "norm_every")
    if norm_every % 100:
        raise ValueError(f"norm_every must be a multiple of 100 (the cost is recorded every "
                         f"100 iterations), got {norm_every}")
    start = time.perf_counter()
    w, b = logistic.initialize_with_zeros(X.shape[0])
    costs, norms, done = {}, {0: 0.0}, 0
    while done < num_iterations:
        steps = min(norm_every, num_iterations - done)
        params, _, stretch = logistic.optimize(w, b, X, Y, steps, learning_rate,
                                               record_every=100, progress=progress)
        w, b = params["w"], params["b"]
        costs.update({done + i: c for i, c in stretch.items()})
        done += steps
        norms[done] = float(np.linalg.norm(w))
    seconds = time.perf_counter() - start
    return CatResult("logistic", None, costs,
                     logistic.accuracy(logistic.predict(w, b, X), Y),
                     logistic.accuracy(logistic.predict(w, b, Xt), Yt), seconds, {"w": w, "b": b},
                     norms)


def run_deep(model="4layer", seed=0, num_iterations=2500, learning_rate=0.0075, progress=None,
             xy=None) -> CatResult:
    """The course's deep model ``model`` ("2layer" or "4layer"): ReLU hidden layers, a sigmoid
    output, weights N(0, 1)/√n[l−1] drawn with ``numpy.random.default_rng(seed)``, zero
    biases, full-batch gradient descent."""
    if not isinstance(model, str) or model not in LAYERS:
        raise ValueError(f"model must be one of {', '.join(LAYERS)}; got {model!r}")
    X, Y, Xt, Yt = xy if xy is not None else load_xy()
    start = time.perf_counter()
    params, costs = dense.fit(X, Y, LAYERS[model], init="sqrt_fan_in", seed=seed,
                              learning_rate=learning_rate, num_iterations=num_iterations,
                              progress=progress)
    seconds = time.perf_counter() - start
    return CatResult(model, seed, costs, dense.accuracy(X, Y, params),
                     dense.accuracy(Xt, Yt, params), seconds, params)


def fit_in_span(X, Y, layer_dims, seed=0, learning_rate=0.0075, num_iterations=2500,
                record_every=100):
    """Full-batch gradient descent on a ReLU/sigmoid network with weights N(0, 1)/√n[l−1]
    (what ``dense.fit(X, Y, layer_dims, init="sqrt_fan_in", seed=seed)`` does), computed in the
    span of the training examples. Returns ``(params, costs)`` like :func:`dlnotes.dense.fit`.

    Every update of the first layer, dW[1] = (1/m) dZ[1] Xᵀ, is a combination of the m training
    examples, so after any number of updates W[1] = W[1]₀ + C Xᵀ with C of shape (n[1], m) and
    Z[1] = W[1]₀ X + C G + b[1], G = XᵀX (m, m). Updating C ← C − (α/m) dZ[1] replaces the two
    products with X of each iteration, n[1]·n[0]·m operations each, by one of n[1]·m·m: for the
    cats (n[0] = 12288, m = 209) about 60 times fewer. The iterates agree with ``dense.fit`` up
    to rounding; W[1] is formed once at the end.
    """
    X = array(X, "X", 2)
    dims = [positive_int(n, f"layer_dims[{i}]") for i, n in enumerate(layer_dims)]
    if len(dims) < 3 or dims[0] != X.shape[0]:
        raise ValueError(f"layer_dims must be [n0, n1, ..., nL] with L >= 2 and n0 = X.shape[0] "
                         f"= {X.shape[0]}; got {list(layer_dims)}")
    Y = array(Y, "Y", 2)
    if Y.shape != (1, X.shape[1]):
        raise ValueError(f"Y has shape {Y.shape}, need (1, m) = {(1, X.shape[1])}")
    num_iterations = positive_int(num_iterations, "num_iterations")
    record_every = positive_int(record_every, "record_every")
    L, m = len(dims) - 1, X.shape[1]
    params = dense.init_params(dims, "sqrt_fan_in", seed, dtype=X.dtype)
    P, G = params["W1"] @ X, X.T @ X                    # W[1]₀ X (n1, m) and XᵀX (m, m)
    C = np.zeros((dims[1], m), dtype=X.dtype)
    costs = {}
    for k in range(num_iterations + 1):
        Z = [None, P + C @ G + params["b1"]]
        A = [X, activations.relu(Z[1])]
        for l in range(2, L + 1):
            Z.append(params[f"W{l}"] @ A[l - 1] + params[f"b{l}"])
            A.append((activations.relu if l < L else activations.sigmoid)(Z[l]))
        cost = dense.compute_cost(A[L], Y)
        check_cost(cost, k, learning_rate)
        if k % record_every == 0 or k == num_iterations:
            costs[k] = cost
        if k == num_iterations:
            break
        grads, dZ = {}, A[L] - Y
        for l in range(L, 1, -1):
            dA, grads[f"dW{l}"], grads[f"db{l}"] = dense.linear_backward(
                dZ, (A[l - 1], params[f"W{l}"], params[f"b{l}"]))
            dZ = activations.relu_backward(dA, Z[l - 1])
        C -= learning_rate / m * dZ                     # W[1] −= α dZ[1] Xᵀ / m, kept as C
        grads["db1"] = dZ.sum(axis=1, keepdims=True) / m
        gd_update({k_: v for k_, v in params.items() if k_ != "W1"}, grads, learning_rate)
    params["W1"] = params["W1"] + C @ X.T
    return params, costs


def run(model, seed=0, **kwargs) -> CatResult:
    """:func:`run_logistic` or :func:`run_deep`, by name (one of :data:`MODELS`)."""
    if model == "logistic":
        return run_logistic(**kwargs)
    return run_deep(model, seed, **kwargs)


class Sweep(NamedTuple):
    """Accuracies of one model over several seeds (fractions), with their mean and range."""
    model: str
    seeds: tuple
    train_accuracy: tuple
    test_accuracy: tuple

    @property
    def test_mean(self):
        return float(np.mean(self.test_accuracy))

    @property
    def test_range(self):
        return float(min(self.test_accuracy)), float(max(self.test_accuracy))


def run_in_span(model="4layer", seed=0, num_iterations=2500, learning_rate=0.0075,
                xy=None) -> CatResult:
    """:func:`run_deep`, trained by :func:`fit_in_span` (same result, a fraction of the time)."""
    if model not in LAYERS:
        raise ValueError(f"model must be one of {', '.join(LAYERS)}; got {model!r}")
    X, Y, Xt, Yt = xy if xy is not None else load_xy()
    start = time.perf_counter()
    params, costs = fit_in_span(X, Y, LAYERS[model], seed, learning_rate, num_iterations)
    seconds = time.perf_counter() - start
    return CatResult(model, seed, costs, dense.accuracy(X, Y, params),
                     dense.accuracy(Xt, Yt, params), seconds, params)


def seed_sweep(model="4layer", seeds=range(5), num_iterations=2500, learning_rate=0.0075,
               progress=None, direct=False, xy=None, keep=False):
    """Train ``model`` once per seed and collect the train and test accuracies.

    ``direct``: train with :func:`dlnotes.dense.fit` (:func:`run_deep`) instead of
    :func:`fit_in_span`. ``keep``: return ``(sweep, results)``, the :class:`CatResult` of each
    seed too (for their cost curves).
    """
    xy = load_xy() if xy is None else xy
    results = [run_deep(model, s, num_iterations, learning_rate, progress, xy) if direct
               else run_in_span(model, s, num_iterations, learning_rate, xy) for s in seeds]
    sweep = Sweep(model, tuple(seeds), tuple(r.train_accuracy for r in results),
                  tuple(r.test_accuracy for r in results))
    return (sweep, results) if keep else sweep


def _print_result(r: CatResult) -> None:
    first, last = min(r.costs), max(r.costs)
    seed = "" if r.seed is None else f", seed {r.seed}"
    print(f"{r.model}{seed}: cost {r.costs[first]:.6f} (iteration {first}) -> "
          f"{r.costs[last]:.6f} (after {last} updates)")
    print(f"  train accuracy {100 * r.train_accuracy:.2f}%, test accuracy "
          f"{100 * r.test_accuracy:.2f}%, {r.seconds:.1f} s")


def main(argv=None) -> int:
    parser = cli.parser("cat", __doc__)
    parser.add_argument("--model", choices=MODELS, default="logistic", help="which model to train")
    parser.add_argument("--seed", type=cli.seed, metavar="S", default=None,
                        help="seed of a deep model's weights (default: the seed that reaches the "
                             f"published accuracy: "
                             + ", ".join(f"{m} {s}" for m, s in PUBLISHED_SEEDS.items()) + ")")
    parser.add_argument("--seeds", type=cli.positive_int, metavar="N", default=None,
                        help="train the deep model with seeds 0..N-1 and report the spread "
                             "(default: one run)")
    parser.add_argument("--direct", action="store_true",
                        help="with --seeds, train with dense.fit instead of in the span of the "
                             "data (same results, about ten times slower)")
    args = parser.parse_args(argv)
    deep = args.model != "logistic"
    parser.refuse_unless(args, deep, ["seed", "seeds", "direct"],
                         "applies only to the deep models (--model 2layer or 4layer)")
    parser.refuse_unless(args, args.seeds is None, "seed",
                         "cannot be combined with --seeds (which uses seeds 0..N-1)")
    parser.refuse_unless(args, args.seeds is not None, "direct", "applies only with --seeds")
    if args.model == "logistic":
        _print_result(run_logistic())
    elif args.seeds:
        sweep = seed_sweep(args.model, range(args.seeds), direct=args.direct)
        for s, tr, te in zip(sweep.seeds, sweep.train_accuracy, sweep.test_accuracy):
            print(f"{args.model} seed {s}: train {100 * tr:.2f}%, test {100 * te:.2f}%")
        lo, hi = sweep.test_range
        print(f"test accuracy over {len(sweep.seeds)} seeds: mean {100 * sweep.test_mean:.1f}%, "
              f"range {100 * lo:.0f}-{100 * hi:.0f}%")
    else:
        seed = PUBLISHED_SEEDS[args.model] if args.seed is None else args.seed
        _print_result(run_deep(args.model, seed))
    return 0
