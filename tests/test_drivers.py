"""Relative importance (LMG, Johnson) checked against independent computations."""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qfd.drivers.missing_data import pairwise_correlation
from qfd.drivers.relative_importance import (
    EXACT_MAX_P,
    all_subset_r2,
    johnson_weights,
    lmg_from_subsets,
    relative_importance,
)
from qfd.errors import ParameterError

RESULTS = Path(__file__).parent / "results"


def brute_force_shapley(value, p: int) -> np.ndarray:
    """Average over all p! orderings of the gain in ``value(sorted columns)``."""
    cache = {}
    shares = np.zeros(p)
    for order in itertools.permutations(range(p)):
        taken = []
        for j in order:
            before = cache.setdefault(tuple(sorted(taken)), value(sorted(taken)))
            taken.append(j)
            after = cache.setdefault(tuple(sorted(taken)), value(sorted(taken)))
            shares[j] += after - before
    return shares / math.factorial(p)


def least_squares_r2(X: np.ndarray, y: np.ndarray, cols) -> float:
    if not cols:
        return 0.0
    A = np.column_stack([np.ones(len(y)), X[:, cols]])
    resid = y - A @ np.linalg.lstsq(A, y, rcond=None)[0]
    return 1 - resid @ resid / ((y - y.mean()) @ (y - y.mean()))


def brute_force_lmg(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Average over all p! orderings of the R² gain, each R² from a least-squares fit."""
    return brute_force_shapley(lambda cols: least_squares_r2(X, y, cols), X.shape[1])


def problem(seed: int, n: int, p: int, collinear: float = 0.0):
    rng = np.random.default_rng(seed)
    common = rng.normal(size=(n, 1))
    X = collinear * common + rng.normal(size=(n, p))
    y = X @ rng.normal(size=p) + rng.normal(size=n) * 2
    return X, y


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 6), st.sampled_from([0.0, 2.0, 5.0]))
def test_lmg_equals_brute_force_over_all_orderings(seed, p, collinear):
    X, y = problem(seed, 40, p, collinear)
    ours = relative_importance(X, y).shares
    np.testing.assert_allclose(ours, brute_force_lmg(X, y), atol=1e-10)


def test_lmg_matches_the_dominance_analysis_package_on_the_diabetes_data():
    from sklearn.datasets import load_diabetes

    expected = json.loads((RESULTS / "lmg_diabetes.json").read_text(encoding="utf-8"))
    data = load_diabetes()
    ri = relative_importance(data.data, data.target)
    assert ri.r_squared == pytest.approx(expected["r_squared"], abs=1e-10)
    got = dict(zip(data.feature_names, ri.shares, strict=True))
    for name, value in expected["lmg"].items():
        assert got[name] == pytest.approx(value, abs=1e-10), name


def test_all_subset_r2_matches_least_squares_for_every_subset():
    X, y = problem(3, 60, 5, 1.0)
    corr = np.corrcoef(np.column_stack([X, y]), rowvar=False)
    r2 = all_subset_r2(corr, chunk_bits=2)  # exercise the chunked path too
    for mask in range(1 << 5):
        cols = [j for j in range(5) if mask >> j & 1]
        A = np.column_stack([np.ones(60), X[:, cols]])
        resid = y - A @ np.linalg.lstsq(A, y, rcond=None)[0]
        assert r2[mask] == pytest.approx(1 - resid @ resid / ((y - y.mean()) ** 2).sum(), abs=1e-12)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 8), st.data())
def test_shares_are_nonnegative_sum_to_r2_and_follow_permutations(seed, p, data):
    X, y = problem(seed, 50, p, 1.0)
    ri = relative_importance(X, y)
    assert (ri.shares >= -1e-12).all()
    full = np.column_stack([np.ones(50), X])
    resid = y - full @ np.linalg.lstsq(full, y, rcond=None)[0]
    assert ri.r_squared == pytest.approx(1 - resid @ resid / ((y - y.mean()) ** 2).sum(), abs=1e-10)
    perm = data.draw(st.permutations(range(p)))
    np.testing.assert_allclose(
        relative_importance(X[:, perm], y).shares, ri.shares[perm], atol=1e-12
    )
    scale = data.draw(st.floats(0.01, 100))
    X2 = X.copy()
    X2[:, 0] = X2[:, 0] * scale + 7
    np.testing.assert_allclose(relative_importance(X2, y).shares, ri.shares, atol=1e-10)


def test_johnson_sums_to_r2_and_is_close_to_lmg():
    X, y = problem(5, 300, 6, 1.0)
    corr = np.corrcoef(np.column_stack([X, y]), rowvar=False)
    jw = johnson_weights(corr)
    lmg = lmg_from_subsets(all_subset_r2(corr))
    assert jw.sum() == pytest.approx(lmg.sum(), abs=1e-10)
    np.testing.assert_allclose(jw, lmg, atol=0.03)


def test_pairwise_correlation_matches_pandas_pairwise_complete():
    rng = np.random.default_rng(1)
    data = rng.normal(size=(80, 5))
    data[rng.random(data.shape) < 0.25] = np.nan
    corr, counts = pairwise_correlation(data)
    frame = pd.DataFrame(data)
    np.testing.assert_allclose(corr, frame.corr().to_numpy(), atol=1e-12)
    np.testing.assert_array_equal(counts, frame.notna().astype(int).T @ frame.notna().astype(int))


def test_integer_weights_equal_duplicated_rows():
    X, y = problem(2, 30, 3)
    w = np.arange(30) % 3 + 1
    weighted = relative_importance(X, y, weights=w).shares
    repeated = relative_importance(np.repeat(X, w, axis=0), np.repeat(y, w)).shares
    np.testing.assert_allclose(weighted, repeated, atol=1e-12)


def test_missing_answers_em_pairwise_listwise_and_imputation():
    X, y = problem(4, 300, 4, 1.0)
    truth = relative_importance(X, y).shares
    rng = np.random.default_rng(0)
    Xm = X.copy()
    Xm[rng.random(X.shape) < 0.1] = np.nan
    for missing in ("em", "pairwise", "listwise", "mice"):
        ri = relative_importance(Xm, y, missing=missing)
        np.testing.assert_allclose(ri.shares, truth, atol=0.05, err_msg=missing)
    assert relative_importance(Xm, y, missing="listwise").n == int(
        (~np.isnan(Xm).any(axis=1)).sum()
    )
    ri = relative_importance(Xm, y)
    np.testing.assert_array_equal(ri.n_pairwise, (~np.isnan(Xm)).sum(axis=0))


def test_a_non_positive_definite_pairwise_matrix_is_repaired_and_said():
    rng = np.random.default_rng(7)
    n, p = 50, 20
    X = rng.normal(size=(n, 1)) + 0.3 * rng.normal(size=(n, p))
    y = X[:, :3].sum(axis=1) + rng.normal(size=n)
    X[rng.random(X.shape) < 0.2] = np.nan
    corr, _ = pairwise_correlation(np.column_stack([X, y]))
    assert np.linalg.eigvalsh(corr).min() < 0  # the situation the issue describes
    ri = relative_importance(X, y, missing="pairwise")
    assert ri.repaired == "nearest" and any(n.key == "repaired_nearest" for n in ri.notes)
    assert np.linalg.eigvalsh(ri.correlation).min() > 0
    assert 0 < ri.r_squared < 1 and (ri.shares >= 0).all()
    # the default (EM) needs no repair: its matrix is positive definite by construction
    em = relative_importance(X, y)
    assert em.repaired == "" and np.linalg.eigvalsh(em.correlation).min() > 0


def test_bootstrap_is_seeded_and_brackets_the_estimate():
    X, y = problem(8, 60, 5, 1.0)
    a = relative_importance(X, y, bootstrap=300, seed=11)
    b = relative_importance(X, y, bootstrap=300, seed=11)
    np.testing.assert_array_equal(a.share_ci, b.share_ci)
    assert a.seed == 11 and a.bootstrap == 300 and a.interval == "expanded"
    for ci, est in ((a.share_ci, a.shares), (a.normalised_ci, a.normalised)):
        assert ((ci[:, 0] <= est) & (est <= ci[:, 1])).all()  # the printed estimate is inside
    assert (a.share_ci[:, 0] >= 0).all() and (a.normalised_ci[:, 1] <= 1).all()
    assert ((a.rank_ci[:, 0] >= 1) & (a.rank_ci[:, 1] <= 5)).all()
    assert (a.rank_ci[:, 0] <= a.ranks).all() and (a.ranks <= a.rank_ci[:, 1]).all()
    c = relative_importance(X, y, bootstrap=300, seed=12)
    assert not np.array_equal(a.share_ci, c.share_ci)


def test_bootstrap_resamples_are_the_ones_a_caller_draws():
    """Replicate k of the shares is the LMG of the k-th resample of bootstrap_counts."""
    from qfd.bootstrap import bootstrap_counts

    X, y = problem(4, 40, 3, 1.0)
    y[:5] = np.nan  # rows without an outcome are resampled too, and then left out
    ri = relative_importance(X, y, bootstrap=5, seed=3)
    counts = np.concatenate(list(bootstrap_counts(40, 5, 3)))
    for k in (0, 4):
        keep = counts[k] > 0
        keep[:5] = False
        again = relative_importance(X[keep], y[keep], weights=counts[k][keep])
        np.testing.assert_allclose(ri.bootstrap_shares[k], again.shares, atol=1e-6)


def test_above_the_exact_limit_johnson_is_used_and_said():
    X, y = problem(9, 200, EXACT_MAX_P + 1)
    ri = relative_importance(X, y)
    assert ri.method == "johnson" and ri.notes[0].key == "johnson_fallback"
    assert ri.shares.sum() == pytest.approx(ri.r_squared)


def test_bad_arguments_are_named():
    with pytest.raises(ParameterError, match="method parameter must be"):
        relative_importance(np.ones((5, 2)), np.ones(5), method="shapley")
    with pytest.raises(ParameterError, match="X must be n×p"):
        relative_importance(np.ones(5), np.ones(5))


# --------------------------------------------------------------------------- issue 15


def test_em_is_the_maximum_of_the_observed_data_likelihood():
    """Without the ridge prior, EM lands where a general-purpose optimiser of the observed-data
    normal likelihood lands (scipy, Cholesky-parametrised, every respondent's own pattern)."""
    from scipy import optimize
    from scipy import stats as st

    from qfd.drivers.missing_data import em_covariance, standardise

    rng = np.random.default_rng(1)
    q, n = 4, 40
    cov = np.array([[1, 0.5, 0.3, 0.4], [0.5, 1, 0.2, 0.3], [0.3, 0.2, 1, 0.5], [0.4, 0.3, 0.5, 1]])
    x = rng.multivariate_normal(np.zeros(q), cov, size=n)
    x[rng.random(x.shape) < 0.25] = np.nan
    x[np.isnan(x).all(axis=1), 0] = 0.1
    z, _ = standardise(x)
    fit = em_covariance(z)

    def nll(par):
        mu = par[:q]
        low = np.zeros((q, q))
        low[np.tril_indices(q)] = par[q:]
        s = low @ low.T
        return -sum(
            st.multivariate_normal(mu[o], s[np.ix_(o, o)]).logpdf(row[o])
            for row in z
            for o in [~np.isnan(row)]
        )

    start = np.r_[np.zeros(q), np.eye(q)[np.tril_indices(q)]]
    res = optimize.minimize(nll, start, method="BFGS", options={"gtol": 1e-9})
    low = np.zeros((q, q))
    low[np.tril_indices(q)] = res.x[q:]
    np.testing.assert_allclose(fit.covariance[0], low @ low.T, atol=1e-5)
    np.testing.assert_allclose(fit.mean[0], res.x[:q], atol=1e-5)


def test_em_weights_equal_duplicated_rows_and_replicates_equal_single_fits():
    from qfd.drivers.missing_data import em_covariance, standardise

    rng = np.random.default_rng(2)
    x = rng.multivariate_normal(np.zeros(3), [[1, 0.4, 0.2], [0.4, 1, 0.3], [0.2, 0.3, 1]], 30)
    x[rng.random(x.shape) < 0.2] = np.nan
    x[np.isnan(x).all(axis=1), 0] = 0.0
    z, _ = standardise(x)
    w = rng.integers(1, 4, size=30).astype(float)
    np.testing.assert_allclose(
        em_covariance(z, w[None]).covariance[0],
        em_covariance(np.repeat(z, w.astype(int), axis=0)).covariance[0],
        atol=1e-9,
    )
    batch = rng.integers(0, 3, size=(4, 30)).astype(float)
    together = em_covariance(z, batch, tol=1e-12).covariance
    for k in range(4):
        alone = em_covariance(z, batch[k : k + 1], tol=1e-12).covariance[0]
        np.testing.assert_allclose(together[k], alone, atol=1e-9)


def _r2_bias(missing: str, seeds=range(12), n=50, p=12, share=0.2):
    """Mean R² of the method minus R² of the same respondents before answers were hidden."""
    out = []
    for seed in seeds:
        rng = np.random.default_rng(seed)
        X = 0.55 * rng.normal(size=(n, 1)) + np.sqrt(0.7) * rng.normal(size=(n, p))
        y = X[:, :3] @ [0.45, 0.45, 0.45] + rng.normal(size=n)
        complete = relative_importance(X, y).r_squared
        Xm = X.copy()
        Xm[rng.random(X.shape) < share] = np.nan
        out.append(relative_importance(Xm, y, missing=missing).r_squared - complete)
    return float(np.mean(out))


def test_em_does_not_inflate_r2_where_pairwise_deletion_does():
    """Issue 15: pairwise deletion + repair inflated R² by ~0.1 at n = 50, p = 12, 20 % missing."""
    em, pairwise = _r2_bias("em"), _r2_bias("pairwise")
    assert abs(em) <= 0.03
    assert pairwise > 0.06


def test_nothing_missing_means_no_prior_and_the_plain_sample_correlations():
    X, y = problem(6, 50, 6, 1.0)
    ri = relative_importance(X, y)  # EM with nothing missing
    corr = np.corrcoef(np.column_stack([X, y]), rowvar=False)
    np.testing.assert_allclose(ri.correlation, corr, atol=1e-12)
    np.testing.assert_allclose(ri.shares, brute_force_lmg(X, y), atol=1e-10)


def test_huge_offsets_and_tiny_units_change_nothing():
    """Issue 15: E[x²] − E[x]² turned a share into 0 under an offset of 1e8, and an absolute
    1e-12 variance floor zeroed a real predictor measured in small units."""
    X, y = problem(9, 60, 4, 1.0)
    X[np.random.default_rng(0).random(X.shape) < 0.15] = np.nan
    base = relative_importance(X, y)
    moved = X.copy()
    moved[:, 0] = moved[:, 0] + 1e8
    moved[:, 1] = moved[:, 1] * 1e-9
    for missing in ("em", "pairwise"):
        again = relative_importance(moved, y + 1e8, missing=missing)
        ref = base if missing == "em" else relative_importance(X, y, missing="pairwise")
        np.testing.assert_allclose(again.shares, ref.shares, atol=1e-6, err_msg=missing)


def test_adjusted_shares_are_the_shapley_values_of_adjusted_r2():
    """Brute force over all orderings of the gain in adjusted R² (Ezekiel), from least squares."""
    X, y = problem(10, 30, 4, 1.0)
    n, p = X.shape

    def adj_r2(cols):
        r2 = least_squares_r2(X, y, cols)
        return 1 - (1 - r2) * (n - 1) / (n - len(cols) - 1) if cols else 0.0

    expected = brute_force_shapley(adj_r2, p)
    ri = relative_importance(X, y)
    np.testing.assert_allclose(ri.adjusted_shares, expected, atol=1e-10)
    assert ri.adjusted_shares.sum() == pytest.approx(ri.adjusted_r_squared)


def test_f_test_p_value_matches_statsmodels():
    import statsmodels.api as sm

    X, y = problem(11, 40, 5, 1.0)
    fit = sm.OLS(y, sm.add_constant(X)).fit()
    assert relative_importance(X, y).f_p_value == pytest.approx(fit.f_pvalue, rel=1e-8)


def test_no_intervals_when_n_does_not_exceed_p_plus_one():
    X, y = problem(12, 6, 5)
    ri = relative_importance(X, y, bootstrap=50)
    assert ri.share_ci is None and ri.adjusted_shares is None
    assert [n.key for n in ri.notes] == ["no_intervals"]


@pytest.mark.parametrize("bad", [-5.0, 0.0, np.inf, 1e300])
def test_a_weight_of_minus_five_or_1e300_is_refused(bad):
    """Issue 13: one weight of −5 took R² from 0.56 to 0.95; a weight of 1e300 passed."""
    X, y = problem(13, 30, 3)
    w = np.ones(30)
    w[4] = bad
    with pytest.raises(ParameterError, match="weights parameter must hold positive finite"):
        relative_importance(X, y, weights=w)


def test_touchpoints_above_the_exact_limit_bootstrap_by_johnson_within_the_budget():
    """Issue 13: 30 touchpoints made the bootstrap call exact LMG (240 GiB); the plan keeps
    every replicate within the budget and says how."""
    from qfd.drivers.relative_importance import bootstrap_plan

    plan = bootstrap_plan(1000, 60, 20, "lmg", "em")  # 1000 × 2^20 subsets: too much
    assert plan.method == "johnson" and plan.seconds <= 60
    assert bootstrap_plan(200, 60, 12, "lmg", "em").method == "lmg"
    plan = bootstrap_plan(1000, 200_000, 12, "lmg", "em")  # EM over 200k respondents
    assert plan.missing == "pairwise" and plan.seconds <= 60
    X, y = problem(14, 60, 30, 1.0)
    X[np.random.default_rng(1).random(X.shape) < 0.1] = np.nan
    ri = relative_importance(X, y, bootstrap=100, seed=1)
    assert ri.method == "johnson" and ri.replicates == "johnson/em"
    assert ri.share_ci.shape == (30, 2)


def test_the_correlation_repair_is_bounded():
    """Issue 13: 200 touchpoints hung for > 15 min in the nearest-correlation repair."""
    from qfd.drivers.missing_data import nearest_correlation

    rng = np.random.default_rng(3)
    x = rng.normal(size=(40, 1)) + 0.5 * rng.normal(size=(40, 150))
    x[rng.random(x.shape) < 0.3] = np.nan
    corr, _ = pairwise_correlation(x)
    assert np.linalg.eigvalsh(corr).min() < 0
    fixed, how = nearest_correlation(corr, max_iter=20)
    assert how in ("nearest", "clipped")
    assert np.linalg.eigvalsh(fixed).min() > 0
    np.testing.assert_allclose(np.diag(fixed), 1.0)


def test_the_interval_method_is_the_one_the_committed_study_chose():
    from qfd.drivers.relative_importance import DEFAULT_INTERVAL

    study = json.loads(
        (Path(__file__).parents[1] / "benchmarks" / "results" / "calibration.json").read_text()
    )
    assert study["default_interval"] == DEFAULT_INTERVAL
    for cell in study["cells"]:
        if cell["in_range"]:
            for kind in ("share", "normalised"):
                assert cell["coverage"][kind][DEFAULT_INTERVAL]["mean"] >= 0.93, cell
            assert abs(cell["r2_bias"]["em"]) <= 0.03, cell


def test_the_evidence_the_engine_quotes_is_the_committed_study():
    import importlib.util

    from qfd.drivers.evidence import STUDY, evidence_note

    root = Path(__file__).parents[1]
    spec = importlib.util.spec_from_file_location(
        "bench", root / "benchmarks" / "bench_calibration.py"
    )
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    saved = json.loads((root / "benchmarks" / "results" / "calibration.json").read_text())
    assert list(STUDY) == bench.study_rows(saved)
    n = evidence_note(45, 12, 0.1)
    values = dict(n.values)
    assert n.key == "outside_evidence" and values["cell_n"] < 50
    cell = next(
        c
        for c in STUDY
        if (c[0], c[1], c[2]) == (values["cell_n"], values["cell_p"], values["cell_missing"])
    )
    assert values["shares"] == cell[3]
    assert evidence_note(120, 8, 0.2) is None
