"""Chapter 24: L2 regularisation and inverted dropout on a small noisy 2-D set.

The set-up of the chapter (:data:`SETTING`): two moons with noise 0.35, 80 training and 500
held-out points per draw, a [2, 50, 20, 1] ReLU/sigmoid network with He initial weights, 1,000
full-batch Adam steps of learning rate 0.01. :func:`lambda_sweep` trains it for every λ on
several draws of the data; :func:`compare` trains it without regularisation, with L2 and with
dropout, for the table beside the course's published one (:data:`PUBLISHED`).

Full size from the command line (more draws, more λ values, longer training):
``python -m dlnotes regularization [--draws 10] [--iterations 3000]``.
"""
from __future__ import annotations

import time

import numpy as np

from .. import cli, dense, planar
from .._validate import (_got, choice, integers, mapping, number, numbers_list, positive_int,
                         records)
from ..progress import progress_bar

__all__ = ["SETTING", "PUBLISHED", "train", "lambda_sweep", "sweep_table", "compare",
           "compare_table", "main"]

SETTING = {"name": "moons", "n_train": 80, "n_test": 500, "noise": 0.35,
           "layer_dims": [2, 50, 20, 1], "learning_rate": 0.01, "num_iterations": 1000}

# deeplearning.ai, "Improving Deep Neural Networks", week 1, regularisation exercise, as published
# in its public copies: a 2-D data set of the course's own, a [2, 20, 3, 1] ReLU network trained
# by gradient descent (learning rate 0.3, 30,000 iterations). Accuracies as fractions.
PUBLISHED = {
    "source": "deeplearning.ai course 2 (Improving Deep Neural Networks), week 1, "
              "regularisation exercise",
    "rows": {"no regularisation": (0.948, 0.915),
             "L2, λ = 0.7": (0.938, 0.93),
             "dropout, keep_prob = 0.86": (0.929, 0.95)},
}


def _setting(setting):
    """:data:`SETTING` updated by ``setting`` (a dict of some of its keys), checked."""
    if setting is None:
        return dict(SETTING)
    mapping(setting, "setting", "a dict of some of SETTING's keys")
    unknown = sorted(set(setting) - set(SETTING))
    if unknown:
        raise ValueError(f"setting must hold only keys of SETTING ({', '.join(SETTING)}), got "
                         f"{unknown}")
    s = {**SETTING, **setting}
    choice(s["name"], "setting['name']", planar.NAMES)
    for key in ("n_train", "n_test", "num_iterations"):
        positive_int(s[key], f"setting[{key!r}]")
    number(s["noise"], "setting['noise']", lo=0)
    number(s["learning_rate"], "setting['learning_rate']", lo=0, lo_open=True)
    dims = s["layer_dims"]
    if not isinstance(dims, (list, tuple)) or len(dims) < 2 or dims[0] != 2 or dims[-1] != 1:
        raise ValueError(f"setting['layer_dims'] must be a list [2, ..., 1] (2-D points in, one "
                         f"probability out), got {_got(dims)}")
    for i, n in enumerate(dims):
        positive_int(n, f"setting['layer_dims'][{i}]")
    return s


def _draws(draws):
    """The draw numbers (seeds of the data), checked: non-negative integers."""
    return integers(draws, "draws", 0, what="a sequence of draw numbers")


def _data(draw, setting):
    return planar.load(setting["name"], n_train=setting["n_train"], n_test=setting["n_test"],
                       noise=setting["noise"], seed=draw)


def train(data, *, lambd=0.0, keep_prob=1.0, seed=0, setting=None):
    """Train the network of ``setting`` (default :data:`SETTING`) on a :class:`dlnotes.planar.Planar`
    set. Returns {"params", "train_acc", "test_acc"}."""
    s = _setting(setting)
    if not isinstance(data, planar.Planar):
        raise TypeError(f"data must be a dlnotes.planar.Planar set, got {_got(data)}")
    params, _ = dense.fit(data.X_train, data.Y_train, s["layer_dims"], init="he",
                          optimizer="adam", learning_rate=s["learning_rate"],
                          num_iterations=s["num_iterations"], lambd=lambd, keep_prob=keep_prob,
                          seed=seed, record_every=s["num_iterations"])
    return {"params": params,
            "train_acc": dense.accuracy(data.X_train, data.Y_train, params),
            "test_acc": dense.accuracy(data.X_test, data.Y_test, params)}


def lambda_sweep(lambdas=(0.0, 0.01, 0.1, 0.3, 0.7, 3.0, 10.0), draws=(0, 1, 2), *,
                 setting=None, progress=None):
    """Train for every λ on every draw of the data (seeded by the draw number).

    Returns a list of dicts {"lambd", "draw", "train_acc", "test_acc", "params"}.
    """
    s = _setting(setting)
    lambdas = numbers_list(lambdas, "lambdas", lo=0, what="a sequence of L2 strengths")
    draws = _draws(draws)
    rows = []
    for draw in progress_bar(draws, progress, "draws"):
        data = _data(draw, s)
        for lambd in lambdas:
            r = train(data, lambd=lambd, setting=s)
            rows.append({"lambd": float(lambd), "draw": int(draw), **r})
    return rows


def _mean(rows, key, **match):
    sel = [r[key] for r in rows if all(r[k] == v for k, v in match.items())]
    return float(np.mean(sel)), float(min(sel)), float(max(sel))


def sweep_table(rows):
    """Text table of :func:`lambda_sweep` rows: mean (min–max) accuracies over the draws per λ."""
    rows = records(rows, "rows", {"lambd": 0.0, "draw": 0, "train_acc": None, "test_acc": None},
                   "lambda_sweep")
    lines = [f"{'λ':>6} {'train':>18} {'held-out':>18}"]
    for lambd in sorted({r["lambd"] for r in rows}):
        cells = []
        for key in ("train_acc", "test_acc"):
            mean, lo, hi = _mean(rows, key, lambd=lambd)
            cells.append(f"{mean:>7.1%} ({lo:.1%}–{hi:.1%})")
        lines.append(f"{lambd:>6g} " + " ".join(f"{c:>18}" for c in cells))
    return "\n".join(lines)


def compare(draws=(0, 1, 2), *, lambd=0.7, keep_prob=0.86, setting=None, progress=None):
    """No regularisation, L2 with ``lambd`` and dropout with ``keep_prob`` (on both hidden
    layers) on every draw. Returns {name: {"train_acc", "test_acc"}} of means over the draws,
    with the names of :data:`PUBLISHED`."""
    s = _setting(setting)
    draws = _draws(draws)
    lambd = number(lambd, "lambd", lo=0)
    keep_prob = number(keep_prob, "keep_prob", lo=0, hi=1, lo_open=True)
    names = {"no regularisation": {}, "L2, λ = 0.7": {"lambd": lambd},
             "dropout, keep_prob = 0.86": {"keep_prob": keep_prob}}
    if lambd != 0.7 or keep_prob != 0.86:
        names = {"no regularisation": {}, f"L2, λ = {lambd:g}": {"lambd": lambd},
                 f"dropout, keep_prob = {keep_prob:g}": {"keep_prob": keep_prob}}
    runs = {name: [] for name in names}
    for draw in progress_bar(draws, progress, "draws"):
        data = _data(draw, s)
        for name, kwargs in names.items():
            runs[name].append(train(data, setting=s, **kwargs))
    return {name: {k: float(np.mean([r[k] for r in rs])) for k in ("train_acc", "test_acc")}
            for name, rs in runs.items()}


def compare_table(ours):
    """Our :func:`compare` results beside :data:`PUBLISHED` (train / test accuracy)."""
    mapping(ours, "ours", "a dict {name: {'train_acc', 'test_acc'}} as compare returns")
    if not ours:
        raise ValueError("ours must hold at least one row (as compare returns), got {}")
    for name, r in ours.items():
        if not isinstance(name, str) or not isinstance(r, dict):
            raise TypeError(f"ours must map names to dicts {{'train_acc', 'test_acc'}}, got "
                            f"{_got(name)}: {_got(r)}")
        for k in ("train_acc", "test_acc"):
            if k not in r:
                raise ValueError(f"ours[{name!r}] must hold {k!r}, got keys {sorted(r)}")
            number(r[k], f"ours[{name!r}][{k!r}]", lo=0, hi=1)
    lines = [f"{'':<28}{'ours: train':>12}{'held-out':>10}{'published: train':>18}{'test':>7}"]
    for name, r in ours.items():
        pub = PUBLISHED["rows"].get(name)
        pub_cells = f"{pub[0]:>18.1%}{pub[1]:>7.1%}" if pub else f"{'':>18}{'':>7}"
        lines.append(f"{name:<28}{r['train_acc']:>12.1%}{r['test_acc']:>10.1%}{pub_cells}")
    return "\n".join(lines)


def main(argv=None):
    parser = cli.parser("regularization", description="Chapter 24 at full size: a sweep over "
                                                      "the L2 strength λ and the regularisation "
                                                      "table.")
    parser.add_argument("--draws", type=cli.positive_int, default=10, metavar="N",
                        help="draws of the data set, seeds 0..N-1")
    parser.add_argument("--lambdas", type=cli.nonnegative_float, nargs="+",
                        default=[0, 0.01, 0.03, 0.1, 0.3, 0.7, 1, 3, 10], metavar="L",
                        help="L2 strengths")
    parser.add_argument("--keep-prob", type=cli.real(0, 1, lo_open=True), default=0.86,
                        metavar="P", help="dropout keep probability, in (0, 1]")
    parser.add_argument("--iterations", type=cli.positive_int, default=SETTING["num_iterations"],
                        metavar="K", help="full-batch Adam iterations")
    parser.add_argument("--progress", action=cli.BooleanOptionalAction, default=None,
                        help="show a progress bar (default: when stderr is a terminal)")
    args = parser.parse_args(argv)
    parser.refuse_unless(args, len(set(args.lambdas)) == len(args.lambdas), "lambdas",
                         f"names a strength twice: {' '.join(map(str, args.lambdas))}")
    setting = {"num_iterations": args.iterations}
    start = time.perf_counter()
    draws = range(args.draws)
    rows = lambda_sweep(args.lambdas, draws, setting=setting, progress=args.progress)
    print(f"{SETTING['layer_dims']} on {args.draws} draws of noisy moons, {args.iterations} "
          f"Adam iterations: mean (min–max) accuracy")
    print(sweep_table(rows))
    print()
    print(compare_table(compare(draws, keep_prob=args.keep_prob, setting=setting,
                                progress=args.progress)))
    print(f"({time.perf_counter() - start:.0f} s)")
    return 0
