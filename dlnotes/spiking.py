"""A leaky integrate-and-fire (LIF) neuron, integrated numerically, and its firing rate.

The membrane potential v (mV) obeys

    τ_m dv/dt = −(v − v_rest) + R I(t),

with the input current I (nA) through the membrane resistance R (MΩ, so R I is in mV). When v
reaches the threshold v_th the neuron spikes, v is set to v_reset and held there for the
refractory period t_ref. Forward Euler with step dt:

    v ← v + (dt/τ_m) (−(v − v_rest) + R I),  then spike and reset if v ≥ v_th.

For a constant current the time from reset to threshold is t* = τ_m ln((v_∞ − v_reset) /
(v_∞ − v_th)) with v_∞ = v_rest + R I, so the rate is r(I) = 1 / (t_ref + t*) when v_∞ > v_th
and 0 otherwise (:func:`analytic_rate`): zero below the threshold current
I_th = (v_th − v_rest)/R, rising steeply above it, and bounded by 1/t_ref.

Times are in seconds, rates in spikes per second (Hz). The defaults (τ_m = 20 ms, v_rest =
v_reset = −65 mV, v_th = −50 mV, R = 10 MΩ, t_ref = 2 ms) are textbook values for a cortical
neuron: I_th = 1.5 nA and at most 500 spikes per second.
"""
from __future__ import annotations

import numpy as np

from ._validate import array, integer, number

__all__ = ["LIF", "lif_simulate", "firing_rate", "analytic_rate", "threshold_current"]

#: Default LIF parameters (seconds, mV, MΩ).
LIF = {"tau_m": 0.020, "v_rest": -65.0, "v_reset": -65.0, "v_th": -50.0, "r_m": 10.0,
       "t_ref": 0.002}


def _params(tau_m, v_rest, v_reset, v_th, r_m, t_ref):
    tau_m = number(tau_m, "tau_m", lo=0, lo_open=True)
    v_rest, v_reset, v_th = (number(v_rest, "v_rest"), number(v_reset, "v_reset"),
                             number(v_th, "v_th"))
    if not v_reset < v_th:
        raise ValueError(f"v_reset must be below v_th = {v_th:g}, got {v_reset!r}")
    if not v_rest < v_th:
        raise ValueError(f"v_rest must be below v_th = {v_th:g}, got {v_rest!r}")
    return (tau_m, v_rest, v_reset, v_th, number(r_m, "r_m", lo=0, lo_open=True),
            number(t_ref, "t_ref", lo=0))


def _simulate(current, dt, tau_m, v_rest, v_reset, v_th, r_m, t_ref):
    """Unchecked Euler loop over the last axis of current (n, steps); returns v, spikes."""
    n, steps = current.shape
    v = np.full(n, v_reset)
    wait = np.zeros(n, dtype=np.int64)        # refractory steps still to sit out
    n_ref = int(round(t_ref / dt))
    vs = np.empty((n, steps))
    spikes = np.zeros((n, steps), dtype=bool)
    k = dt / tau_m
    for t in range(steps):
        free = wait == 0
        v = np.where(free, v + k * (-(v - v_rest) + r_m * current[:, t]), v)
        fired = free & (v >= v_th)
        spikes[:, t] = fired
        v = np.where(fired, v_reset, v)
        wait = np.where(fired, n_ref, np.maximum(wait - 1, 0))
        vs[:, t] = v
    return vs, spikes


def lif_simulate(current, dt=1e-4, tau_m=LIF["tau_m"], v_rest=LIF["v_rest"],
                 v_reset=LIF["v_reset"], v_th=LIF["v_th"], r_m=LIF["r_m"], t_ref=LIF["t_ref"]):
    """Euler integration of the LIF neuron (see the module) driven by ``current`` (nA), one
    value per time step of ``dt`` seconds: shape (steps,) or (n, steps) for n neurons at once.

    Starts at v = v_reset. Returns ``(v, spikes)`` of the shape of ``current``: the membrane
    potential (mV) after each step (v_reset at a spike) and a boolean array, True at the steps
    where the neuron fired.
    """
    current = array(current, "current")
    if current.ndim not in (1, 2) or current.shape[-1] == 0:
        raise ValueError(f"current must be a 1-D (steps,) or 2-D (n, steps) array with at least "
                         f"one step, got shape {current.shape}")
    dt = number(dt, "dt", lo=0, lo_open=True)
    p = _params(tau_m, v_rest, v_reset, v_th, r_m, t_ref)
    if dt >= p[0]:
        raise ValueError(f"dt must be smaller than tau_m = {p[0]:g} s for the Euler step, got "
                         f"{dt!r}")
    v, spikes = _simulate(np.atleast_2d(current).astype(np.float64), dt, *p)
    return (v[0], spikes[0]) if current.ndim == 1 else (v, spikes)


def firing_rate(currents, duration=1.0, dt=1e-4, **lif):
    """Measured rate (Hz) for each constant current in ``currents`` (nA, any shape): the number
    of spikes of :func:`lif_simulate` in ``duration`` seconds, divided by ``duration``.
    ``lif``: the LIF parameters (tau_m, v_rest, v_reset, v_th, r_m, t_ref). Returns an array of
    the shape of ``currents``."""
    currents = array(currents, "currents")
    duration = number(duration, "duration", lo=0, lo_open=True)
    dt = number(dt, "dt", lo=0, lo_open=True)
    steps = integer(int(round(duration / dt)), "duration / dt", 1)
    flat = currents.reshape(-1, 1).astype(np.float64)
    _, spikes = lif_simulate(np.repeat(flat, steps, axis=1) if flat.size else np.zeros((1, steps)),
                             dt, **lif)
    counts = spikes.sum(axis=1)[:flat.shape[0]] if flat.size else np.zeros(0)
    return (counts / (steps * dt)).reshape(currents.shape)


def threshold_current(tau_m=LIF["tau_m"], v_rest=LIF["v_rest"], v_reset=LIF["v_reset"],
                      v_th=LIF["v_th"], r_m=LIF["r_m"], t_ref=LIF["t_ref"]):
    """I_th = (v_th − v_rest) / R (nA): the smallest constant current that ever fires."""
    _, v_rest, _, v_th, r_m, _ = _params(tau_m, v_rest, v_reset, v_th, r_m, t_ref)
    return (v_th - v_rest) / r_m


def analytic_rate(currents, tau_m=LIF["tau_m"], v_rest=LIF["v_rest"], v_reset=LIF["v_reset"],
                  v_th=LIF["v_th"], r_m=LIF["r_m"], t_ref=LIF["t_ref"]):
    """r(I) = 1 / (t_ref + τ_m ln((v_∞ − v_reset)/(v_∞ − v_th))), v_∞ = v_rest + R I, for
    v_∞ > v_th, else 0 (Hz), for each constant current (nA, any shape)."""
    currents = array(currents, "currents")
    tau_m, v_rest, v_reset, v_th, r_m, t_ref = _params(tau_m, v_rest, v_reset, v_th, r_m, t_ref)
    v_inf = v_rest + r_m * currents.astype(np.float64)
    above = v_inf > v_th
    gap = np.where(above, v_inf - v_th, 1.0)
    t_star = tau_m * np.log(np.where(above, v_inf - v_reset, 2.0) / gap)
    return np.where(above, 1.0 / (t_ref + t_star), 0.0)
