"""CX metrics per touchpoint and segment (METHOD.md §2): mean, top-2-box, CSI, NPS, CES.

Every figure carries its n and an interval, and is flagged "indicative" under n = 30.
Segment comparisons use Welch's t-test for means, the two-proportion z-test for top-2-box
shares, and the chi-square test for NPS categories; p-values are Holm-corrected across all
comparisons of one table.
"""

from __future__ import annotations

import warnings

import numpy as np
from scipy import stats

from qfd.results import result

__all__ = [
    "INDICATIVE_N",
    "Estimate",
    "compare_segments",
    "csi",
    "mean_interval",
    "nps",
    "touchpoint_metrics",
    "wilson_interval",
]

INDICATIVE_N = 30


@result
class Estimate:
    value: float
    low: float
    high: float
    n: int

    @property
    def indicative(self) -> bool:
        return self.n < INDICATIVE_N


def mean_interval(x, confidence: float = 0.95) -> Estimate:
    """Mean with a t-interval, ignoring NaN.

    >>> e = mean_interval([3, 4, 5])
    >>> e.value, round(e.low, 3), round(e.high, 3), e.n
    (4.0, 1.516, 6.484, 3)
    """
    x = np.asarray(x, dtype=float)
    x = x[~np.isnan(x)]
    n = len(x)
    if n == 0:
        return Estimate(np.nan, np.nan, np.nan, 0)
    m = float(x.mean())
    if n == 1:
        return Estimate(m, np.nan, np.nan, 1)
    half = float(stats.t.ppf(1 - (1 - confidence) / 2, n - 1) * x.std(ddof=1) / np.sqrt(n))
    return Estimate(m, m - half, m + half, n)


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> Estimate:
    """A proportion with the Wilson score interval (statsmodels).

    >>> e = wilson_interval(8, 10)
    >>> round(e.low, 4), round(e.high, 4)
    (0.4902, 0.9433)
    """
    from statsmodels.stats.proportion import proportion_confint

    if n == 0:
        return Estimate(np.nan, np.nan, np.nan, 0)
    low, high = proportion_confint(successes, n, alpha=1 - confidence, method="wilson")
    return Estimate(successes / n, float(low), float(high), n)


def csi(mean: Estimate, low: float, high: float) -> Estimate:
    """Customer satisfaction index 0–100: ``100·(mean − min)/(max − min)``, interval rescaled."""

    def scale(v):
        return 100 * (v - low) / (high - low)

    return Estimate(scale(mean.value), scale(mean.low), scale(mean.high), mean.n)


def nps(scores, confidence: float = 0.95) -> Estimate:
    """Net Promoter Score (−100..100) with a normal interval from its standard error
    ``sqrt((p_P + p_D − (p_P − p_D)²)/n)``.

    >>> e = nps([10, 9, 8, 7, 6, 0])
    >>> round(e.value, 2), e.n
    (0.0, 6)
    """
    x = np.asarray(scores, dtype=float)
    x = x[~np.isnan(x)]
    n = len(x)
    if n == 0:
        return Estimate(np.nan, np.nan, np.nan, 0)
    pp, pd_ = float((x >= 9).mean()), float((x <= 6).mean())
    value = pp - pd_
    se = np.sqrt(max(pp + pd_ - value**2, 0.0) / n)
    z = stats.norm.ppf(1 - (1 - confidence) / 2)
    return Estimate(100 * value, float(100 * (value - z * se)), float(100 * (value + z * se)), n)


@result
class TouchpointMetrics:
    touchpoint: str
    segment: str
    mean: Estimate
    top2: Estimate
    csi: Estimate
    not_experienced: int
    dont_know: int


def touchpoint_metrics(
    satisfaction: np.ndarray,
    reasons: np.ndarray,
    touchpoints,
    scale_low: float,
    scale_high: float,
    segments: dict[str, np.ndarray] | None = None,
):
    """Metrics per touchpoint for the whole sample ("Все"/all) and each segment mask."""
    groups = {"*": np.ones(satisfaction.shape[0], dtype=bool), **(segments or {})}
    top_cut = scale_high - 1  # top-2-box: the two highest points of the scale
    out = []
    for name, mask in groups.items():
        for j, tp in enumerate(touchpoints):
            x = satisfaction[mask, j]
            answered = x[~np.isnan(x)]
            m = mean_interval(answered)
            t2 = wilson_interval(int((answered >= top_cut).sum()), len(answered))
            r = reasons[mask, j]
            out.append(
                TouchpointMetrics(
                    tp,
                    name,
                    m,
                    t2,
                    csi(m, scale_low, scale_high),
                    int((r == "not_experienced").sum()),
                    int((r == "dont_know").sum()),
                )
            )
    return out


@result
class Comparison:
    touchpoint: str
    metric: str  # "mean", "top2" or "nps"
    groups: tuple[str, ...]
    test: str
    statistic: float
    p_value: float
    p_holm: float


def compare_segments(
    satisfaction: np.ndarray, touchpoints, segments: dict[str, np.ndarray], scale_high: float
):
    """Pairwise segment comparisons per touchpoint (Welch t and two-proportion z), Holm-corrected."""
    from statsmodels.stats.multitest import multipletests
    from statsmodels.stats.proportion import proportions_ztest

    names = list(segments)
    rows = []
    for j, tp in enumerate(touchpoints):
        for a in range(len(names)):
            for b in range(a + 1, len(names)):
                xa = satisfaction[segments[names[a]], j]
                xb = satisfaction[segments[names[b]], j]
                xa, xb = xa[~np.isnan(xa)], xb[~np.isnan(xb)]
                if len(xa) < 2 or len(xb) < 2:
                    continue
                if np.var(xa) + np.var(xb) > 0:
                    with warnings.catch_warnings():  # one constant group is fine for Welch's t
                        warnings.filterwarnings("ignore", "Precision loss", RuntimeWarning)
                        t = stats.ttest_ind(xa, xb, equal_var=False)
                    rows.append(
                        [
                            tp,
                            "mean",
                            (names[a], names[b]),
                            "Welch t",
                            float(t.statistic),
                            float(t.pvalue),
                        ]
                    )
                counts = np.array([(xa >= scale_high - 1).sum(), (xb >= scale_high - 1).sum()])
                nobs = np.array([len(xa), len(xb)])
                if 0 < counts.sum() < nobs.sum():
                    z, pz = proportions_ztest(counts, nobs)
                    rows.append(
                        [tp, "top2", (names[a], names[b]), "two-proportion z", float(z), float(pz)]
                    )
    if not rows:
        return []
    holm = multipletests([r[-1] for r in rows], method="holm")[1]
    return [Comparison(*r, float(h)) for r, h in zip(rows, holm, strict=True)]
