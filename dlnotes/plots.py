"""Figures that several chapters share. Each function draws on a matplotlib ``Axes`` it is given
and returns what it drew, so a chapter composes panels and sets its own titles."""
from __future__ import annotations

import numpy as np

from ._validate import _got, array, function, integer, labels01, number, positive_int

__all__ = ["plane_grid", "decision_boundary", "scatter_classes"]

CLASS_COLOURS = ("#1f77b4", "#d62728")   # class 0 blue, class 1 red, in every chapter


def _axes(ax):
    if not hasattr(ax, "scatter") or not hasattr(ax, "contourf"):
        raise TypeError(f"ax must be a matplotlib Axes (e.g. from plt.subplots()), got {_got(ax)}")


def plane_grid(X, steps=200, margin=0.25):
    """A ``steps`` × ``steps`` grid covering the points X (2, m) plus ``margin`` on each side.

    Returns ``(xx, yy, P)``: the two (steps, steps) coordinate arrays and P (2, steps²), the grid
    points as columns, ready to pass to a dense network.
    """
    X = array(X, "X", 2)
    if X.shape[0] != 2 or X.shape[1] < 1:
        raise ValueError(f"X must have shape (2, m) with m >= 1, got {X.shape}")
    steps = positive_int(steps, "steps")
    margin = number(margin, "margin", lo=0)
    lo, hi = X.min(axis=1) - margin, X.max(axis=1) + margin
    xx, yy = np.meshgrid(np.linspace(lo[0], hi[0], steps), np.linspace(lo[1], hi[1], steps))
    return xx, yy, np.vstack([xx.ravel(), yy.ravel()])


def scatter_classes(ax, X, Y, **kwargs):
    """Scatter the points X (2, m) coloured by their 0/1 labels Y (1, m)."""
    _axes(ax)
    X, Y = array(X, "X", 2), array(Y, "Y", 2)
    if X.shape[0] != 2 or Y.shape != (1, X.shape[1]):
        raise ValueError(f"X must have shape (2, m) and Y (1, m), got X {X.shape} and Y {Y.shape}")
    labels01(Y)
    kwargs = {"s": 14, "edgecolors": "white", "linewidths": 0.4, **kwargs}
    for label, colour in enumerate(CLASS_COLOURS):
        mask = Y[0] == label
        ax.scatter(X[0, mask], X[1, mask], c=colour, label=f"class {label}", **kwargs)
    return ax


def decision_boundary(ax, predict_proba, X, Y, steps=200, margin=0.25):
    """Shade where ``predict_proba`` (a function of P (2, k) returning (1, k) probabilities of
    class 1) is above 0.5, draw the 0.5 contour, and scatter X (2, m) with labels Y (1, m).

    Returns the (steps, steps) grid of probabilities.
    """
    _axes(ax)
    function(predict_proba, "predict_proba")
    steps = integer(steps, "steps", 2)
    xx, yy, P = plane_grid(X, steps, margin)
    prob = array(predict_proba(P), "predict_proba(P)", finite=False)
    if prob.shape != (1, P.shape[1]):
        raise ValueError(f"predict_proba must return shape (1, {P.shape[1]}) for a grid of "
                         f"{P.shape[1]} points, got {prob.shape}")
    if not (np.isfinite(prob).all() and prob.min() >= 0 and prob.max() <= 1):
        raise ValueError(f"predict_proba must return probabilities in [0, 1], got values from "
                         f"{np.nanmin(prob) if np.isfinite(prob).any() else prob.flat[0]} to "
                         f"{np.nanmax(prob) if np.isfinite(prob).any() else prob.flat[0]} "
                         f"(NaN or inf: {int((~np.isfinite(prob)).sum())})")
    prob = prob.reshape(xx.shape)
    ax.contourf(xx, yy, prob, levels=[0, 0.5, 1], colors=["#c6dbef", "#fcbba1"], alpha=0.8)
    ax.contour(xx, yy, prob, levels=[0.5], colors="black", linewidths=1)
    scatter_classes(ax, X, Y)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return prob
