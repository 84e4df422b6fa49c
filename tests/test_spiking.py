"""The LIF neuron: its Euler simulation, its measured rate against the analytic formula, and the
claims chapter 38 makes about the rate curve."""
import numpy as np
import pytest

from dlnotes import spiking as sp


def test_measured_rate_matches_the_analytic_formula_within_the_discretisation_bound():
    # Counting spikes in T seconds loses at most one spike (1/T Hz); each interval between
    # spikes is at most one step dt too long, which lowers a rate r by at most about r² dt.
    currents = np.linspace(0, 60, 25)
    for dt in (1e-4, 2e-5):
        measured = sp.firing_rate(currents, duration=1.0, dt=dt)
        analytic = sp.analytic_rate(currents)
        assert np.all(np.abs(measured - analytic) <= 1.0 + 1.1 * analytic ** 2 * dt)


def test_a_finer_step_brings_the_rate_closer_to_the_formula():
    currents = np.array([5.0, 20.0, 60.0])
    err = [np.abs(sp.firing_rate(currents, 1.0, dt) - sp.analytic_rate(currents)).max()
           for dt in (1e-4, 1e-5)]
    assert err[1] < err[0]


def test_the_rate_is_zero_below_threshold_rises_monotonically_and_stays_below_one_over_t_ref():
    I_th = sp.threshold_current()
    assert I_th == pytest.approx(1.5)
    below = sp.firing_rate(np.array([0.0, 0.5, 1.0, 1.49]))
    assert np.all(below == 0)
    currents = np.linspace(1.6, 200, 30)
    r = sp.analytic_rate(currents)
    assert np.all(np.diff(r) > 0) and r.max() < 1 / sp.LIF["t_ref"]
    assert r[-1] > 0.9 / sp.LIF["t_ref"]       # saturates towards 1/t_ref
    # concave above threshold: the slope falls, unlike a ReLU's constant slope
    assert np.all(np.diff(r, 2) < 0)


def test_the_trace_stays_below_threshold_and_resets_at_each_spike():
    current = np.full(3000, 3.0)
    v, spikes = sp.lif_simulate(current, dt=1e-4)
    assert v.shape == spikes.shape == (3000,)
    assert v.max() < sp.LIF["v_th"] and spikes.sum() > 0
    assert np.all(v[spikes] == sp.LIF["v_reset"])
    # held at v_reset for t_ref = 20 steps after each spike
    first = int(np.argmax(spikes))
    assert np.all(v[first:first + 21] == sp.LIF["v_reset"]) and v[first + 21] > sp.LIF["v_reset"]


def test_batched_simulation_equals_one_neuron_at_a_time_and_is_deterministic():
    rng = np.random.default_rng(38)
    current = rng.uniform(0, 5, size=(3, 500))
    v, s = sp.lif_simulate(current)
    for i in range(3):
        vi, si = sp.lif_simulate(current[i])
        np.testing.assert_array_equal(vi, v[i])
        np.testing.assert_array_equal(si, s[i])
    v2, s2 = sp.lif_simulate(current)
    np.testing.assert_array_equal(v, v2)


def test_rates_keep_the_shape_of_the_currents():
    assert sp.firing_rate(np.ones((2, 3)) * 4, duration=0.1).shape == (2, 3)
    assert sp.analytic_rate(np.ones((2, 3))).shape == (2, 3)


@pytest.mark.parametrize("kwargs, name", [
    ({"dt": 0.05}, "dt"), ({"v_reset": -40.0}, "v_reset"), ({"v_rest": -40.0}, "v_rest"),
    ({"tau_m": 0.0}, "tau_m"), ({"t_ref": -1.0}, "t_ref"), ({"r_m": 0.0}, "r_m")])
def test_bad_parameters_are_refused_by_name(kwargs, name):
    with pytest.raises(ValueError, match=name):
        sp.lif_simulate(np.ones(10), **kwargs)


def test_an_empty_or_3d_current_is_refused():
    for bad in (np.ones(0), np.ones((2, 2, 2)), np.ones((2, 0))):
        with pytest.raises(ValueError, match="current"):
            sp.lif_simulate(bad)
