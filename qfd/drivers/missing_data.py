"""Correlation matrices of touchpoint satisfaction and the outcome when answers are missing.

Missing answers are the norm in interviews. The driver model needs one correlation matrix of the
predictors and the outcome; this module builds it by pairwise-complete correlations (repaired to
the nearest correlation matrix when they are not positive definite), by listwise deletion, or
from multiply imputed data sets. Every matrix can be computed under count weights, so bootstrap
replicates come in one batch.
"""

from __future__ import annotations

import warnings

import numpy as np

from qfd.errors import AnalysisError, check_choice

__all__ = [
    "MISSING_METHODS",
    "REPAIR_FLOOR",
    "correlation_matrix",
    "impute",
    "pairwise_correlation",
    "pairwise_correlations",
    "repair_stack",
]

MISSING_METHODS = ("pairwise", "listwise", "mice")
# Smallest eigenvalue of a repaired correlation matrix. A repair that lands on the boundary of
# the positive semi-definite cone (eigenvalue ~0) makes some combination of predictors predict
# the outcome almost perfectly (R² → 1); a floor keeps the repaired matrix well conditioned.
REPAIR_FLOOR = 1e-2


# --------------------------------------------------------------------------- correlations


def pairwise_correlation(data: np.ndarray, weights: np.ndarray | None = None):
    """Pairwise-complete (optionally weighted) correlation matrix and pairwise counts.

    ``data`` is n×q with NaN for missing. Returns (corr, n_pairs); a pair with fewer than
    three common answers or no variance gets correlation 0 and is reported by its count.
    """
    x = np.asarray(data, dtype=float)
    w = np.ones(x.shape[0]) if weights is None else np.asarray(weights, dtype=float)
    corr = pairwise_correlations(x, w[None, :])[0]
    v = (~np.isnan(x)).astype(float)
    return corr, (v.T @ v).astype(int)


def pairwise_correlations(data: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Pairwise-complete correlation matrices of ``data`` under each row of ``weights`` (K×n).

    A bootstrap replicate is the data weighted by how often each respondent was drawn, so all
    replicates are computed in one batch of matrix products.
    """
    x = np.asarray(data, dtype=float)
    valid = ~np.isnan(x)
    v = valid.astype(float)
    x0 = np.where(valid, x, 0.0)
    w = np.asarray(weights, dtype=float)[:, :, None]  # K × n × 1
    wv, wx, wx2 = w * v, w * x0, w * x0**2
    s0 = np.swapaxes(wv, 1, 2) @ v  # Σ w over rows where a and b are both present
    s1 = np.swapaxes(wx, 1, 2) @ v  # Σ w x_a over those rows, indexed (a, b)
    s2 = np.swapaxes(wx2, 1, 2) @ v
    sab = np.swapaxes(wx, 1, 2) @ x0
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_a = s1 / s0
        mean_b = np.swapaxes(s1, 1, 2) / s0
        cov = sab / s0 - mean_a * mean_b
        var_a = s2 / s0 - mean_a**2
        var_b = np.swapaxes(s2, 1, 2) / s0 - mean_b**2
        corr = cov / np.sqrt(var_a * var_b)
    rows = np.swapaxes((w > 0) * v, 1, 2) @ v  # respondents (not weight) behind each pair
    bad = ~np.isfinite(corr) | (rows < 3) | (var_a <= 1e-12) | (var_b <= 1e-12)
    corr = np.where(bad, 0.0, np.clip(corr, -1.0, 1.0))
    idx = np.arange(x.shape[1])
    corr[:, idx, idx] = 1.0
    return corr


def repair_stack(stack: np.ndarray, floor: float) -> tuple[np.ndarray, np.ndarray]:
    """Repair the matrices of a stack that are not positive definite by clipping their
    eigenvalues at ``floor`` and rescaling to a unit diagonal; returns (stack, repaired)."""
    out = stack.copy()
    repaired = np.linalg.eigvalsh(stack)[:, 0] <= 1e-10
    if repaired.any():
        vals, vecs = np.linalg.eigh(stack[repaired])
        fixed = (vecs * np.maximum(vals, floor)[:, None, :]) @ np.swapaxes(vecs, 1, 2)
        d = np.sqrt(np.einsum("kii->ki", fixed))
        out[repaired] = fixed / d[:, :, None] / d[:, None, :]
    return out, repaired


def _nearest_correlation(corr: np.ndarray, fast: bool = False) -> tuple[np.ndarray, bool, str]:
    """Repair a matrix that is not positive definite: (matrix, repaired?, how).

    The main estimate uses Higham's nearest correlation matrix (statsmodels ``corr_nearest``);
    bootstrap replicates, and the rare case where that does not converge, use eigenvalue
    clipping (Higham's projection step), which is much faster.
    """
    import warnings

    from statsmodels.stats.correlation_tools import corr_nearest
    from statsmodels.tools.sm_exceptions import IterationLimitWarning

    if np.linalg.eigvalsh(corr).min() > 1e-10:
        return corr, False, ""
    how = "clipped"
    if not fast:
        with warnings.catch_warnings():
            warnings.simplefilter("error", IterationLimitWarning)
            try:
                fixed, how = corr_nearest(corr, threshold=REPAIR_FLOOR, n_fact=100), "nearest"
            except IterationLimitWarning:
                fixed = None
    if fast or fixed is None:
        return repair_stack(corr[None], REPAIR_FLOOR)[0][0], True, how
    d = np.sqrt(np.diag(fixed))
    fixed = fixed / d[:, None] / d[None, :]
    return (fixed + fixed.T) / 2, True, how


def impute(data: np.ndarray, m: int, seed: int) -> list[np.ndarray]:
    """``m`` completed copies of ``data`` (NaN = missing) by chained equations with posterior
    draws (scikit-learn IterativeImputer, seeded)."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.experimental import enable_iterative_imputer  # noqa: F401
    from sklearn.impute import IterativeImputer

    imputer = IterativeImputer(
        sample_posterior=True, random_state=seed, max_iter=10, keep_empty_features=True
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        first = imputer.fit_transform(data)
        # Further draws reuse the fitted chain: each transform samples again from the
        # posterior predictive of every conditional model (BayesianRidge).
        return [first] + [imputer.transform(data) for _ in range(m - 1)]


def _mice_correlations(data: np.ndarray, n_imputations: int, seed: int) -> np.ndarray:
    """Correlation matrices of multiply imputed copies of ``data``."""
    return np.array([np.corrcoef(d, rowvar=False) for d in impute(data, n_imputations, seed)])


def correlation_matrix(data, weights, missing, seed, fast=False):
    """(corr, repaired, n_used) for one data set by the chosen missing-data method."""
    if missing == "listwise":
        keep = ~np.isnan(data).any(axis=1)
        if keep.sum() < data.shape[1] + 2:
            raise AnalysisError("listwise_too_few", n=int(keep.sum()), p=data.shape[1] - 1)
        corr, _ = pairwise_correlation(data[keep], None if weights is None else weights[keep])
        return corr, False, int(keep.sum())
    if missing == "mice":
        corr = _mice_correlations(data, 20, seed).mean(axis=0)
        corr, repaired, _ = _nearest_correlation(corr, fast)
        return corr, repaired, data.shape[0]
    check_choice("missing", missing, MISSING_METHODS)
    corr, _ = pairwise_correlation(data, weights)
    corr, repaired, _ = _nearest_correlation(corr, fast)
    return corr, repaired, data.shape[0]
