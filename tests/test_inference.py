"""The shared inference helpers against scipy.stats and statsmodels (the libraries they stand in
for on the commands' import path)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from qfd.inference import chi2_sf, f_sf, normal_cdf, normal_quantile, normal_sf, t_quantile, t_sf
from qfd.survey.metrics import wilson_interval

probabilities = st.floats(1e-6, 1 - 1e-6)
dfs = st.floats(0.5, 5_000)


@given(probabilities, dfs)
def test_t_quantile_and_tail_match_scipy(q, df):
    assert t_quantile(q, df) == pytest.approx(stats.t.ppf(q, df), rel=1e-9, abs=1e-9)
    x = stats.t.ppf(q, df)
    assert t_sf(x, df) == pytest.approx(stats.t.sf(x, df), rel=1e-9, abs=1e-12)


@given(probabilities, st.floats(-8, 8))
def test_normal_quantile_and_tails_match_scipy(q, x):
    assert normal_quantile(q) == pytest.approx(stats.norm.ppf(q), rel=1e-12, abs=1e-12)
    assert normal_sf(x) == pytest.approx(stats.norm.sf(x), rel=1e-12, abs=1e-300)
    assert normal_cdf(x) == pytest.approx(stats.norm.cdf(x), rel=1e-12, abs=1e-300)


@given(st.floats(0, 50), st.integers(1, 40), st.integers(1, 10_000))
def test_f_tail_matches_scipy(x, dfn, dfd):
    assert f_sf(x, dfn, dfd) == pytest.approx(stats.f.sf(x, dfn, dfd), rel=1e-9, abs=1e-15)


@given(st.floats(0, 200), st.integers(1, 60))
def test_chi2_tail_matches_scipy(x, df):
    assert chi2_sf(x, df) == pytest.approx(stats.chi2.sf(x, df), rel=1e-9, abs=1e-15)


@given(st.floats(0.5, 10_000), st.floats(0, 1), st.sampled_from([0.8, 0.9, 0.95, 0.99]))
def test_wilson_interval_matches_statsmodels(n, share, confidence):
    """Weighted (effective) counts are fractional: the formula must agree there as well."""
    successes = share * n
    e = wilson_interval(successes, n, confidence)
    low, high = proportion_confint(successes, n, alpha=1 - confidence, method="wilson")
    assert (e.low, e.high) == pytest.approx((low, high), rel=1e-9, abs=1e-12)
    assert e.low <= e.value <= e.high


def test_wilson_interval_textbook_value():
    """Newcombe (1998), table I, example 81/263: Wilson 0.2553 to 0.3662."""
    e = wilson_interval(81, 263)
    assert (round(e.low, 4), round(e.high, 4)) == (0.2553, 0.3662)


def test_student_quantile_textbook_values():
    """Two-sided 95 % critical values from the t table: 12.706 (1 df), 2.228 (10), 2.042 (30)."""
    got = [round(float(t_quantile(0.975, df)), 3) for df in (1, 10, 30)]
    assert got == [12.706, 2.228, 2.042]
    assert np.isclose(normal_quantile(0.975), 1.959964, atol=1e-6)
