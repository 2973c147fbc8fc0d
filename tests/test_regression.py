"""Standardised betas, Rubin's rules and diagnostics against independent computations."""

from __future__ import annotations

import numpy as np
import pytest

from qfd.drivers.regression import _rubin, standardised_betas, vif_from_correlation
from workbooks.locale import note_text


def test_listwise_betas_equal_least_squares_on_z_scores():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 3)) * [1, 5, 0.1] + [0, 3, -2]
    y = X @ [1.0, 0.2, 4.0] + rng.normal(size=200)
    b = standardised_betas(X, y, ["a", "b", "c"])
    z = (X - X.mean(0)) / X.std(0, ddof=1)
    zy = (y - y.mean()) / y.std(ddof=1)
    expected = np.linalg.lstsq(np.column_stack([np.ones(200), z]), zy, rcond=None)[0][1:]
    np.testing.assert_allclose(b.beta, expected, atol=1e-10)
    assert b.missing == "listwise" and b.n == 200 and b.model == "ols"
    assert (b.ci[:, 0] < b.beta).all() and (b.beta < b.ci[:, 1]).all()


def test_vif_equals_one_over_one_minus_r2_of_each_predictor():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(500, 3))
    X[:, 2] += X[:, 0]
    corr = np.corrcoef(X, rowvar=False)
    vif = vif_from_correlation(corr)
    for j in range(3):
        others = np.column_stack([np.ones(500), np.delete(X, j, axis=1)])
        resid = X[:, j] - others @ np.linalg.lstsq(others, X[:, j], rcond=None)[0]
        r2 = 1 - resid @ resid / ((X[:, j] - X[:, j].mean()) ** 2).sum()
        assert vif[j] == pytest.approx(1 / (1 - r2), rel=1e-10)


def test_rubins_rules_by_hand():
    est = np.array([[1.0], [1.2], [0.8]])
    var = np.array([[0.04], [0.05], [0.03]])
    q, se, _, _ = _rubin(est, var, n=100)
    within, between = 0.04, np.var([1.0, 1.2, 0.8], ddof=1)
    assert q[0] == pytest.approx(1.0)
    assert se[0] == pytest.approx(np.sqrt(within + (1 + 1 / 3) * between))


def test_imputation_recovers_betas_and_warns_about_small_samples():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(60, 6))
    y = X @ [0.8, 0.4, 0, 0, 0, 0] + rng.normal(size=60) * 0.5
    Xm = X.copy()
    Xm[rng.random(X.shape) < 0.2] = np.nan
    b = standardised_betas(Xm, y, list("abcdef"), seed=3)
    assert b.missing == "mice"
    full = standardised_betas(X, y, list("abcdef"))
    np.testing.assert_allclose(b.beta, full.beta, atol=0.2)
    assert b.beta[0] > b.beta[1] > max(abs(b.beta[2:]))
    assert any(w.key == "imputed" for w in b.warnings)
    again = standardised_betas(Xm, y, list("abcdef"), seed=3)
    np.testing.assert_array_equal(again.beta, b.beta)  # seeded


def test_collinearity_suppression_and_zero_variance_are_warned():
    rng = np.random.default_rng(4)
    base = rng.normal(size=300)
    X = np.column_stack(
        [base, base + 0.05 * rng.normal(size=300), np.ones(300), rng.normal(size=300)]
    )
    y = base + rng.normal(size=300)
    b = standardised_betas(X, y, ["a", "b", "flat", "d"])
    found = {(w.key, dict(w.values)["name"]) for w in b.warnings}
    assert {("collinearity", "a"), ("no_variance", "flat")} <= found
    assert note_text(b.warnings[0], "en").startswith("collinearity: VIF of a = 412")
    assert b.names == ("a", "b", "d")


def test_weighted_betas_equal_statsmodels_wls_rescaled_by_weighted_sds():
    """Issue 16: survey weights enter the betas (WLS), checked against statsmodels on raw data."""
    import statsmodels.api as sm

    rng = np.random.default_rng(5)
    X = rng.normal(size=(120, 3)) * [1, 3, 0.5] + [2, 0, 1]
    y = X @ [0.5, 0.1, 1.0] + rng.normal(size=120)
    w = rng.uniform(0.2, 3, size=120)
    b = standardised_betas(X, y, ["a", "b", "c"], weights=w)
    fit = sm.WLS(y, sm.add_constant(X), weights=w).fit()

    def wsd(v):
        m = w @ v / w.sum()
        return np.sqrt(w @ (v - m) ** 2 / w.sum())

    expected = fit.params[1:] * np.array([wsd(X[:, j]) for j in range(3)]) / wsd(y)
    np.testing.assert_allclose(b.beta, expected, rtol=1e-9)
    assert b.r_squared == pytest.approx(fit.rsquared)
    unweighted = standardised_betas(X, y, ["a", "b", "c"])
    assert np.abs(unweighted.beta - b.beta).max() > 1e-3  # the weights matter


def test_logistic_betas_refuse_survey_weights_with_a_reason():
    from qfd.errors import AnalysisError

    rng = np.random.default_rng(6)
    X = rng.normal(size=(80, 2))
    y = (X[:, 0] + rng.normal(size=80) > 0).astype(float)
    with pytest.raises(AnalysisError, match="betas_weighted_logit"):
        standardised_betas(X, y, ["a", "b"], binary=True, weights=rng.uniform(1, 2, 80))
