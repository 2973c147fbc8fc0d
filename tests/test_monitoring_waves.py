"""Survey waves and early warnings: figures and tests against independent computations, the
false-alarm rate and the power of the rule by simulation, and the planted change of the
monitoring example flagged exactly, from the month it starts."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from qfd.inference import holm
from qfd.monitoring.warnings import (
    WarningRule,
    _chart,
    chart_limit,
    detectable_change,
    early_warnings,
)
from qfd.monitoring.waves import Series, change_test, wave_series
from workbooks.examples import monitoring as example

RNG_SEED = 7


def _survey(rng, waves=6, n=80, p=4, drop=0.0, at=3, tp=1, wobble=0.0):
    wave = np.repeat(np.arange(waves), n)
    halo = rng.normal(size=(waves * n, 1))
    latent = 0.45 * halo + np.sqrt(1 - 0.45**2) * rng.normal(size=(waves * n, p))
    shift = rng.normal(0, wobble, size=(waves, p))[wave] if wobble else 0.0
    x = 3.5 + 0.9 * latent + rng.normal(0, 0.6, size=(waves * n, p)) + shift
    x[:, tp] -= drop * (wave >= at)
    sat = np.clip(np.round(x), 1, 5)
    nps = np.clip(np.round(7 + 2 * latent.mean(axis=1) + rng.normal(0, 1.2, waves * n)), 0, 10)
    return sat, nps, wave


def test_wave_figures_match_a_direct_computation():
    rng = np.random.default_rng(RNG_SEED)
    sat, nps, wave = _survey(rng)
    sat[::7, 0] = np.nan  # missing answers are left out, never zero
    segment = rng.random(len(wave)) < 0.4
    w = wave_series(
        sat,
        ["A", "B", "C", "D"],
        wave,
        [f"w{k}" for k in range(6)],
        (1, 5),
        segments={"S": segment},
        nps_scores=nps,
    )
    for k in range(6):
        x = sat[(wave == k) & segment, 0]
        x = x[np.isfinite(x)]
        s = w.get("A", "csi", "S")
        assert s.value[k] == pytest.approx(100 * (x.mean() - 1) / 4)
        half = stats.t.ppf(0.975, len(x) - 1) * x.std(ddof=1) / np.sqrt(len(x))
        assert s.high[k] - s.value[k] == pytest.approx(100 * half / 4)
        top = w.get("A", "top2", "S")
        low, high = proportion_confint((x >= 4).sum(), len(x), method="wilson")
        assert (top.low[k], top.high[k]) == pytest.approx((low, high))
        y = nps[wave == k]
        assert w.get("", "nps").value[k] == pytest.approx(100 * ((y >= 9).mean() - (y <= 6).mean()))
    # the change of CSI is Welch's t on the answers of the two waves
    a, b = sat[wave == 2, 1], sat[wave == 3, 1]
    t = stats.ttest_ind(b, a, equal_var=False)
    assert w.get("B", "csi").p_value[3] == pytest.approx(t.pvalue)
    # the change of top-2-box is the pooled two-proportion z-test
    _, p = proportions_ztest([(a >= 4).sum(), (b >= 4).sum()], [len(a), len(b)])
    assert w.get("B", "top2").p_value[3] == pytest.approx(p)
    # Holm across the touchpoints of the wave, as statsmodels computes it
    raw = [w.get(tp, "csi").p_value[3] for tp in "ABCD"]
    assert [w.get(tp, "csi").p_holm[3] for tp in "ABCD"] == pytest.approx(
        list(multipletests(raw, method="holm")[1])
    )


def test_holm_matches_statsmodels_with_ties_and_missing_values():
    p = np.array([0.01, np.nan, 0.04, 0.03, 0.04, 0.2, 0.0001])
    ok = np.isfinite(p)
    expected = multipletests(p[ok], method="holm")[1]
    assert holm(p)[ok] == pytest.approx(expected)
    assert np.isnan(holm(p)[1])


def test_the_variance_of_an_nps_difference_matches_simulation():
    """Two independent waves drawn from known shares of detractors / passives / promoters: the
    spread of the simulated NPS differences is the interval the test uses."""
    rng = np.random.default_rng(3)
    shares = [(0.3, 0.3, 0.4), (0.4, 0.3, 0.3)]
    n = 150
    diffs = []
    for _ in range(20_000):
        a = rng.multinomial(n, shares[0])
        b = rng.multinomial(n, shares[1])
        diffs.append(100 * ((b[2] - b[0]) - (a[2] - a[0])) / n)
    sd = []
    for d, _, pp in shares:
        sd.append(100 * np.sqrt(pp + d - (pp - d) ** 2))
    delta, low, high, _ = change_test("nps", (10.0, sd[0], n), (-10.0, sd[1], n))
    assert delta == -20
    assert (high - low) / (2 * 1.959964) == pytest.approx(np.std(diffs), rel=0.02)
    # treating NPS as one proportion would understate the spread a lot
    assert np.sqrt(2 * 0.25 / n) * 100 < 0.7 * np.std(diffs)


def _series(values, n, sd, metric="csi"):
    values = np.asarray(values, dtype=float)
    k = len(values)
    nan = np.full(k, np.nan)
    return Series(
        "T",
        "*",
        metric,
        values,
        nan,
        nan,
        np.full(k, n),
        np.full(k, float(sd)),
        nan,
        nan,
        nan,
        nan,
        nan,
    )


def test_the_ewma_limits_have_the_stated_spread_under_no_change():
    """Standardised EWMA deviations of stationary series (centre estimated from the baseline)
    have unit spread, so ±3 limits mean what they say."""
    rng = np.random.default_rng(11)
    rule = WarningRule()
    z = []
    for _ in range(4000):
        values = 50 + rng.normal(0, 20 / np.sqrt(100), 12)
        ewma, lower, upper, center, sigma_z = _chart(_series(values, 100, 20), rule)
        assert sigma_z >= 1
        z.append((ewma[6:] - center) / ((upper[6:] - lower[6:]) / (2 * rule.limit_sigma)))
    z = np.array(z)
    # the Laney factor can only widen the limits: the spread is at most 1, and close to it
    assert 0.85 < z.std(axis=0).min() and z.std(axis=0).max() < 1.05


def test_the_stated_thresholds_are_the_ones_applied():
    rule = WarningRule(alpha=0.05, baseline_waves=3)
    sd, n = 20.0, 200
    edge = detectable_change(sd, n, n, rule)
    for factor, flagged in ((1.05, True), (0.95, False)):
        values = np.array([50.0, 50.0, 50.0 - factor * edge])
        p = change_test("csi", (50.0, sd, n), (values[-1], sd, n))[3]
        assert (p < rule.alpha) == flagged
    assert chart_limit(sd, n, rule) == pytest.approx(3 * sd / np.sqrt(n) * np.sqrt(0.2 / 1.8))


def test_no_change_rarely_flags_and_a_real_drop_is_found_when_it_starts():
    """Simulated years of 12 monthly waves of 100 answers and 6 touchpoints with a small true
    wobble: the rule's false alarms stay rare; a drop of 0.8 points is flagged from its month."""
    rng = np.random.default_rng(5)
    series_years, false = 0, 0
    for _ in range(30):
        sat, nps, wave = _survey(rng, waves=12, n=100, p=6, wobble=0.03)
        w = wave_series(
            sat, list("ABCDEF"), wave, [str(k) for k in range(12)], (1, 5), nps_scores=nps
        )
        found = early_warnings(w)
        series_years += len(found.watches)
        false += len(found.flagged)
    assert false / series_years < 0.03
    hits = 0
    for _ in range(20):
        sat, nps, wave = _survey(rng, waves=12, n=100, p=6, drop=0.8, at=8, tp=2, wobble=0.03)
        w = wave_series(
            sat, list("ABCDEF"), wave, [str(k) for k in range(12)], (1, 5), nps_scores=nps
        )
        found = early_warnings(w)
        c = next(x for x in found.watches if x.touchpoint == "C" and x.metric == "csi")
        hits += c.first == 8 and c.since == 8
    assert hits >= 18


def test_the_planted_deterioration_of_the_example_is_flagged_exactly(monitoring_result):
    truth = example.TRUTH["deterioration"]
    flagged = monitoring_result.warnings.flagged
    assert [(w.touchpoint, w.metric) for w in flagged] == [(truth["touchpoint"], "csi")]
    watch = flagged[0]
    assert watch.first == truth["from_wave"]
    assert watch.since == truth["from_wave"]  # still flagged in the latest wave
    assert not watch.worse[: truth["from_wave"]].any()
    labels = monitoring_result.waves.labels
    assert labels[watch.first] == example.month_label(truth["from_wave"])


def test_series_per_segment_and_wave_cover_every_respondent_once(monitoring_result):
    w = monitoring_result.waves
    inputs = monitoring_result.inputs
    assert len(w.labels) == example.WAVES
    per_wave = np.bincount(inputs.waves.index, minlength=len(w.labels))
    assert w.get("", "nps").n.tolist() == per_wave.tolist()
    segments = [s for s in w.segments if s != "*"]
    assert segments
    total = sum(w.get("", "nps", s).n for s in segments)
    assert total.tolist() == per_wave.tolist()
