"""Grid search and random search over hyperparameters.

A search space is a dict {name: (low, high, scale)} with scale one of

- "linear": a real number in [low, high], spaced (or drawn uniformly) on a linear scale;
- "log": a real number in [low, high] with 0 < low, uniform in log₁₀ (10^u, u ∈ [log₁₀ low,
  log₁₀ high]), the scale for a learning rate or an L2 strength;
- "int" / "log-int": the same, rounded to the nearest integer (units, layers).

:func:`grid_trials` puts k points on every axis (the ends and evenly between them, on the
axis's scale) and takes every combination, kᵈ trials for d hyperparameters;
:func:`random_trials` draws every hyperparameter of every trial independently. Both return a
list of dicts {name: value}; :func:`run_trials` scores them with a function and returns
:class:`Trial` records, and :func:`best_trial` picks the highest score.
"""
from __future__ import annotations

import itertools
import math
import numbers
from typing import NamedTuple

import numpy as np

from ._validate import _got, function, generator, mapping, number, positive_int

__all__ = ["SCALES", "grid_trials", "random_trials", "run_trials", "best_trial", "Trial"]

SCALES = ("linear", "log", "int", "log-int")


def _space(space):
    """The space checked: {name: (low, high, scale)} with low <= high (low > 0 on a log scale)."""
    mapping(space, "space", "a dict {name: (low, high, scale)}")
    if not space:
        raise ValueError("space must name at least one hyperparameter, got an empty dict")
    out = {}
    for name, rng in space.items():
        if not isinstance(name, str):
            raise TypeError(f"space keys must be names (strings), got {_got(name)}")
        if not isinstance(rng, (tuple, list)) or len(rng) != 3:
            raise ValueError(f"space[{name!r}] must be a tuple (low, high, scale), got {_got(rng)}")
        lo = number(rng[0], f"space[{name!r}] low")
        hi = number(rng[1], f"space[{name!r}] high")
        scale = rng[2]
        if not isinstance(scale, str) or scale not in SCALES:
            raise ValueError(f"space[{name!r}] scale must be one of {', '.join(map(repr, SCALES))}, "
                             f"got {_got(scale)}")
        if hi < lo:
            raise ValueError(f"space[{name!r}] must have low <= high, got low {lo:g} and high "
                             f"{hi:g}")
        if scale.startswith("log") and lo <= 0:
            raise ValueError(f"space[{name!r}] low must be > 0 on a log scale, got {lo:g}")
        out[name] = (lo, hi, scale)
    return out


def _from_unit(u, lo, hi, scale):
    """Map u ∈ [0, 1] (an array) onto [lo, hi] on the given scale."""
    if scale.startswith("log"):
        x = 10 ** (math.log10(lo) + u * (math.log10(hi) - math.log10(lo)))
    else:
        x = lo + u * (hi - lo)
    x = np.clip(x, lo, hi)      # 10**log10(hi) can overshoot hi by one rounding
    return np.rint(x).astype(int) if scale.endswith("int") else x


def _value(x):
    return int(x) if isinstance(x, (np.integer, int)) else float(x)


def grid_trials(space, points_per_axis):
    """Every combination of ``points_per_axis`` values per hyperparameter: on each axis the two
    ends and evenly spaced values between them (on its scale). Returns a list of
    points_per_axisᵈ dicts {name: value}, the last name varying fastest."""
    space = _space(space)
    k = positive_int(points_per_axis, "points_per_axis")
    u = np.linspace(0, 1, k) if k > 1 else np.array([0.5])
    axes = [[_value(x) for x in _from_unit(u, *space[name])] for name in space]
    return [dict(zip(space, combo)) for combo in itertools.product(*axes)]


def random_trials(space, n_trials, seed=0):
    """``n_trials`` dicts {name: value}, each value drawn uniformly on its axis's scale
    (log-uniform for "log"), independently, from ``seed`` (int or Generator). For each trial
    in turn the names are drawn in the order of ``space``."""
    space = _space(space)
    n = positive_int(n_trials, "n_trials")
    rng = generator(seed)
    u = rng.uniform(size=(n, len(space)))
    cols = [_from_unit(u[:, j], *space[name]) for j, name in enumerate(space)]
    return [{name: _value(cols[j][i]) for j, name in enumerate(space)} for i in range(n)]


class Trial(NamedTuple):
    """One scored trial: the hyperparameters ``params`` and the ``score`` (higher is better),
    with whatever else the scoring function returned in ``info``."""
    params: dict
    score: float
    info: dict


def run_trials(objective, trials):
    """Score every trial: ``objective(**params)`` returns a score, or a dict with a "score" key
    and more (kept in ``info``). Returns a list of :class:`Trial`, in the order of ``trials``."""
    function(objective, "objective")
    if not isinstance(trials, (list, tuple)) or not trials or \
            not all(isinstance(t, dict) for t in trials):
        raise ValueError(f"trials must be a non-empty list of dicts {{name: value}}, got "
                         f"{_got(trials)}")
    out = []
    for t in trials:
        result = objective(**t)
        info = dict(result) if isinstance(result, dict) else {}
        score = info.pop("score", None) if isinstance(result, dict) else result
        if isinstance(score, (bool, np.bool_)) or not isinstance(score, numbers.Real):
            raise ValueError(f"objective must return a number or a dict with a 'score' number, "
                             f"got {_got(result)} for the trial {t}")
        out.append(Trial(dict(t), float(score), info))
    return out


def best_trial(trials):
    """The :class:`Trial` with the highest score (the first of equal ones; NaN scores lose)."""
    if not isinstance(trials, (list, tuple)) or not trials or \
            not all(isinstance(t, Trial) for t in trials):
        raise ValueError(f"trials must be a non-empty list of Trial records (run_trials), got "
                         f"{_got(trials)}")
    scores = np.array([t.score for t in trials], dtype=float)
    scores[np.isnan(scores)] = -np.inf
    return trials[int(np.argmax(scores))]
