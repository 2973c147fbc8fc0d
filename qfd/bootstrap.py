"""The respondent bootstrap: resamples as count weights, percentile intervals, weighted means.

A bootstrap replicate draws n respondents with replacement. Instead of copying rows we keep how
often each respondent was drawn (a count weight), so every statistic that takes weights — means,
correlation matrices — is computed for all replicates in one batch of matrix products.
"""

from __future__ import annotations

import numpy as np

__all__ = ["bootstrap_counts", "percentile_interval", "resample_counts", "weighted_mean"]


def bootstrap_counts(n: int, replicates: int, seed: int, width: int = 1):
    """Respondent bootstrap as count weights, in chunks of at most ~2·10⁷ cells (``width`` =
    values per respondent), so 200,000 respondents × 1000 replicates stay within memory.
    Yields arrays (chunk × n); the chunking depends only on n and width, so results are
    reproducible for a seed."""
    rng = np.random.default_rng(seed)
    step = max(1, int(2e7 // max(1, n * width)))
    for start in range(0, replicates, step):
        k = min(step, replicates - start)
        yield resample_counts(rng.integers(0, n, size=(k, n)), n)


def resample_counts(idx: np.ndarray, n: int) -> np.ndarray:
    """How often each of ``n`` respondents was drawn in each bootstrap replicate (rows of idx)."""
    counts = np.zeros((idx.shape[0], n))
    np.add.at(counts, (np.arange(idx.shape[0])[:, None], idx), 1.0)
    return counts


def percentile_interval(boot: np.ndarray, estimate: np.ndarray, confidence: float = 0.95):
    """Percentile bootstrap intervals, extended to contain the estimate; and which were extended.

    Shares of R² are bounded below by 0 and resampling duplicates respondents, which inflates
    R²; the bootstrap distribution of a small share can then sit entirely above the estimate.
    (Bias-corrected intervals collapse to a point in that case.) We keep the percentile
    interval, extend it to the estimate and say so.

    >>> b = np.array([[0.2, 0.5], [0.3, 0.6], [0.4, 0.7]])
    >>> ci, extended = percentile_interval(b, np.array([0.3, 0.1]), 0.5)
    >>> ci.round(2).tolist(), extended.tolist()
    ([[0.25, 0.35], [0.1, 0.65]], [False, True])
    """
    alpha = (1 - confidence) / 2
    ci = np.quantile(boot, [alpha, 1 - alpha], axis=0).T
    extended = (estimate < ci[:, 0]) | (estimate > ci[:, 1])
    ci[:, 0] = np.minimum(ci[:, 0], estimate)
    ci[:, 1] = np.maximum(ci[:, 1], estimate)
    return ci, extended


def weighted_mean(x: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Column means of ``x`` (NaN = missing) weighted by each row of ``counts`` (K×n) → K×p.

    >>> weighted_mean(np.array([[1.0, np.nan], [3.0, 4.0]]), np.array([[1.0, 1.0], [0.0, 2.0]]))
    array([[2., 4.],
           [3., 4.]])
    """
    valid = ~np.isnan(x)
    x0 = np.where(valid, x, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (counts @ x0) / (counts @ valid)
