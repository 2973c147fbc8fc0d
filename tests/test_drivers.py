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


def brute_force_lmg(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Average over all p! orderings of the R² gain, each R² from a least-squares fit."""
    n, p = X.shape

    def r2(cols):
        if not cols:
            return 0.0
        A = np.column_stack([np.ones(n), X[:, cols]])
        resid = y - A @ np.linalg.lstsq(A, y, rcond=None)[0]
        return 1 - resid @ resid / ((y - y.mean()) @ (y - y.mean()))

    cache = {}
    shares = np.zeros(p)
    for order in itertools.permutations(range(p)):
        taken = []
        for j in order:
            before = cache.setdefault(tuple(sorted(taken)), r2(sorted(taken)))
            taken.append(j)
            after = cache.setdefault(tuple(sorted(taken)), r2(sorted(taken)))
            shares[j] += after - before
    return shares / math.factorial(p)


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


def test_missing_answers_pairwise_listwise_and_imputation():
    X, y = problem(4, 300, 4, 1.0)
    truth = relative_importance(X, y).shares
    rng = np.random.default_rng(0)
    Xm = X.copy()
    Xm[rng.random(X.shape) < 0.1] = np.nan
    for missing in ("pairwise", "listwise", "mice"):
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
    ri = relative_importance(X, y)
    assert ri.repaired and any(n.key == "repaired" for n in ri.notes)
    assert np.linalg.eigvalsh(ri.correlation).min() > 0
    assert 0 < ri.r_squared < 1 and (ri.shares >= 0).all()


def test_bootstrap_is_seeded_and_brackets_the_estimate():
    X, y = problem(8, 60, 5, 1.0)
    a = relative_importance(X, y, bootstrap=300, seed=11)
    b = relative_importance(X, y, bootstrap=300, seed=11)
    np.testing.assert_array_equal(a.share_ci, b.share_ci)
    assert a.seed == 11 and a.bootstrap == 300
    assert ((a.share_ci[:, 0] <= a.shares + 1e-9) & (a.shares <= a.share_ci[:, 1] + 0.05)).all()
    assert ((a.rank_ci[:, 0] >= 1) & (a.rank_ci[:, 1] <= 5)).all()
    c = relative_importance(X, y, bootstrap=300, seed=12)
    assert not np.array_equal(a.share_ci, c.share_ci)


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
