"""CX metrics per touchpoint and segment (docs/method.md §2): mean, top-2-box, CSI, NPS, CES.

Every figure carries its n and an interval, and is flagged "indicative" under n = 30. With survey
weights every figure is a weighted estimate and its interval uses Kish's effective sample size
``(Σw)²/Σw²`` (the count of respondents stays the reported n).

Segment comparisons: Welch's t-test for means, the two-proportion z-test for top-2-box shares and
a z-test for the difference of two NPS values, whose variance is the sum of the two NPS variances
``(p_P + p_D − (p_P − p_D)²)/n`` (promoters and detractors of one group are not independent; the
two groups are). p-values are Holm-corrected across all comparisons of one table. Groups with
fewer than :data:`MIN_TEST_N` answers are not tested, and the result says which and why.
"""

from __future__ import annotations

import math
import warnings

import numpy as np

from qfd.errors import check_weights
from qfd.inference import holm, normal_quantile, normal_sf, t_quantile, t_sf
from qfd.notes import Note, note
from qfd.results import result

__all__ = [
    "INDICATIVE_N",
    "MIN_TEST_N",
    "Comparison",
    "Comparisons",
    "Estimate",
    "SegmentNPS",
    "compare_segments",
    "csi",
    "mean_interval",
    "nps",
    "segment_comparisons",
    "segment_nps",
    "touchpoint_metrics",
    "wilson_interval",
]

INDICATIVE_N = 30
MIN_TEST_N = 10  # answers each group needs before two groups are compared at all


@result
class Estimate:
    value: float
    low: float
    high: float
    n: int  # respondents behind it
    n_effective: float = math.nan  # Kish's effective n under survey weights (NaN = unweighted)

    @property
    def indicative(self) -> bool:
        return self.n < INDICATIVE_N


def _kish(w: np.ndarray) -> float:
    return float(w.sum() ** 2 / (w**2).sum()) if len(w) else 0.0


def _answered(x, weights):
    x = np.asarray(x, dtype=float)
    w = np.ones(len(x)) if weights is None else np.asarray(weights, dtype=float)
    ok = ~np.isnan(x)
    return x[ok], w[ok]


def mean_interval(x, confidence: float = 0.95, weights=None) -> Estimate:
    """Mean with a t-interval, ignoring NaN; weighted with ``weights`` (the SE then uses the
    weighted variance over Kish's effective n).

    >>> e = mean_interval([3, 4, 5])
    >>> e.value, round(e.low, 3), round(e.high, 3), e.n
    (4.0, 1.516, 6.484, 3)
    """
    x, w = _answered(x, weights)
    n = len(x)
    if n == 0:
        return Estimate(np.nan, np.nan, np.nan, 0)
    m = float(w @ x / w.sum())
    n_eff = _kish(w) if weights is not None else math.nan
    if n == 1:
        return Estimate(m, np.nan, np.nan, 1, n_eff)
    se = _weighted_se(x, w)
    half = float(t_quantile(1 - (1 - confidence) / 2, n - 1) * se)
    return Estimate(m, m - half, m + half, n, n_eff)


def _weighted_se(x: np.ndarray, w: np.ndarray) -> float:
    """SE of a weighted mean: unbiased weighted variance / Kish's n (= s/√n unweighted)."""
    total = w.sum()
    m = w @ x / total
    denom = total - (w**2).sum() / total
    var = float(w @ (x - m) ** 2 / denom) if denom > 0 else 0.0
    return math.sqrt(max(var, 0.0) / _kish(w))


def wilson_interval(successes, n, confidence: float = 0.95) -> Estimate:
    """A proportion with the Wilson score interval; ``successes`` and ``n`` may be weighted
    (effective) counts.

    The interval is the set of proportions a score test at ``confidence`` does not reject:
    centre (p̂ + z²/2n)/(1 + z²/n), half-width z·√(p̂(1 − p̂)/n + z²/4n²)/(1 + z²/n). Written
    out rather than taken from statsmodels' ``proportion_confint``, whose import (pandas and
    scipy.stats, ~0.8 s) would cost every command more than the formula;
    ``tests/test_inference.py`` checks the two agree.

    >>> e = wilson_interval(8, 10)
    >>> round(e.low, 4), round(e.high, 4)
    (0.4902, 0.9433)
    """
    if n == 0:
        return Estimate(np.nan, np.nan, np.nan, 0)
    z = float(normal_quantile(1 - (1 - confidence) / 2))
    share = successes / n
    scale = 1 + z * z / n
    centre = (share + z * z / (2 * n)) / scale
    half = z * math.sqrt(max(share * (1 - share) / n + z * z / (4 * n * n), 0.0)) / scale
    # The interval always contains p̂ (in exact arithmetic; at p̂ = 0 or 1 rounding may not)
    return Estimate(share, min(centre - half, share), max(centre + half, share), round(n))


def _proportion(hit: np.ndarray, w: np.ndarray, confidence: float, weighted: bool) -> Estimate:
    if not len(hit):
        return Estimate(np.nan, np.nan, np.nan, 0)
    if not weighted:
        return wilson_interval(int(hit.sum()), len(hit), confidence)
    n_eff = _kish(w)
    share = float(w @ hit / w.sum())
    e = wilson_interval(share * n_eff, n_eff, confidence)
    return Estimate(share, e.low, e.high, len(hit), n_eff)


def csi(mean: Estimate, low: float, high: float) -> Estimate:
    """Customer satisfaction index 0–100: ``100·(mean − min)/(max − min)``, interval rescaled."""

    def scale(v):
        return 100 * (v - low) / (high - low)

    return Estimate(scale(mean.value), scale(mean.low), scale(mean.high), mean.n, mean.n_effective)


def _nps_parts(x: np.ndarray, w: np.ndarray):
    total = w.sum()
    pp = float(w @ (x >= 9) / total)
    pd_ = float(w @ (x <= 6) / total)
    return pp, pd_


def nps(scores, confidence: float = 0.95, weights=None) -> Estimate:
    """Net Promoter Score (−100..100) with a normal interval from its standard error
    ``sqrt((p_P + p_D − (p_P − p_D)²)/n)`` (n = Kish's effective n under weights).

    >>> e = nps([10, 9, 8, 7, 6, 0])
    >>> round(e.value, 2), e.n
    (0.0, 6)
    """
    x, w = _answered(scores, weights)
    n = len(x)
    if n == 0:
        return Estimate(np.nan, np.nan, np.nan, 0)
    pp, pd_ = _nps_parts(x, w)
    value = pp - pd_
    n_eff = _kish(w)
    se = np.sqrt(max(pp + pd_ - value**2, 0.0) / n_eff)
    z = normal_quantile(1 - (1 - confidence) / 2)
    return Estimate(
        100 * value,
        float(100 * (value - z * se)),
        float(100 * (value + z * se)),
        n,
        n_eff if weights is not None else math.nan,
    )


@result
class TouchpointMetrics:
    touchpoint: str
    segment: str
    mean: Estimate
    top2: Estimate
    csi: Estimate
    not_experienced: int
    dont_know: int
    nps: Estimate | None = None  # where the survey asks NPS per touchpoint


def touchpoint_metrics(
    satisfaction: np.ndarray,
    reasons: np.ndarray,
    touchpoints,
    scale_low: float,
    scale_high: float,
    segments: dict[str, np.ndarray] | None = None,
    *,
    weights=None,
    nps_by_touchpoint: np.ndarray | None = None,
):
    """Metrics per touchpoint for the whole sample ("*") and each segment mask; weighted by
    survey ``weights``; NPS per touchpoint where ``nps_by_touchpoint`` (respondents ×
    touchpoints, 0–10) holds answers."""
    w_all = check_weights(weights, satisfaction.shape[0])
    weighted = w_all is not None and np.ptp(w_all) > 0
    w_all = np.ones(satisfaction.shape[0]) if w_all is None else w_all
    groups = {"*": np.ones(satisfaction.shape[0], dtype=bool), **(segments or {})}
    top_cut = scale_high - 1  # top-2-box: the two highest points of the scale
    out = []
    for name, mask in groups.items():
        for j, tp in enumerate(touchpoints):
            x, w = _answered(satisfaction[mask, j], w_all[mask])
            m = mean_interval(x, weights=w if weighted else None)
            t2 = _proportion((x >= top_cut).astype(float), w, 0.95, weighted)
            r = reasons[mask, j]
            tp_nps = None
            if nps_by_touchpoint is not None and (~np.isnan(nps_by_touchpoint[mask, j])).any():
                tp_nps = nps(nps_by_touchpoint[mask, j], weights=w_all[mask] if weighted else None)
            out.append(
                TouchpointMetrics(
                    tp,
                    name,
                    m,
                    t2,
                    csi(m, scale_low, scale_high),
                    int((r == "not_experienced").sum()),
                    int((r == "dont_know").sum()),
                    tp_nps,
                )
            )
    return out


@result
class SegmentNPS:
    segment: str  # "*" for all respondents
    nps: Estimate
    promoters: float  # share (weighted)
    detractors: float


def segment_nps(scores, segments: dict[str, np.ndarray] | None = None, weights=None):
    """The respondents' NPS for all of them ("*") and per segment, with its interval."""
    x = np.asarray(scores, dtype=float)
    w_all = check_weights(weights, len(x))
    weighted = w_all is not None and np.ptp(w_all) > 0
    w_all = np.ones(len(x)) if w_all is None else w_all
    out = []
    for name, mask in {"*": np.ones(len(x), dtype=bool), **(segments or {})}.items():
        xs, ws = _answered(x[mask], w_all[mask])
        if not len(xs):
            continue
        pp, pd_ = _nps_parts(xs, ws)
        out.append(SegmentNPS(name, nps(xs, weights=ws if weighted else None), pp, pd_))
    return out


@result
class Comparison:
    touchpoint: str  # "" for a respondent-level measure (NPS)
    metric: str  # "mean", "top2" or "nps"
    groups: tuple[str, ...]
    test: str
    statistic: float
    p_value: float
    p_holm: float
    n: tuple[int, int] = (0, 0)  # answers in each group


@result
class Comparisons:
    tests: tuple[Comparison, ...]
    skipped: tuple[Note, ...]  # pairs not tested, and why (too few answers)


def _welch(xa, wa, xb, wb):
    """Welch's t on (weighted) means; equals scipy's Welch test without weights."""
    se_a, se_b = _weighted_se(xa, wa) ** 2, _weighted_se(xb, wb) ** 2
    se = math.sqrt(se_a + se_b)
    diff = float(wa @ xa / wa.sum() - wb @ xb / wb.sum())
    na, nb = _kish(wa), _kish(wb)
    df = (se_a + se_b) ** 2 / (se_a**2 / (na - 1) + se_b**2 / (nb - 1))
    t = diff / se
    return t, float(2 * t_sf(abs(t), df))


def _two_proportions(ha, wa, hb, wb):
    """Pooled two-proportion z-test on (weighted) shares over Kish's effective n."""
    na, nb = _kish(wa), _kish(wb)
    pa, pb = float(wa @ ha / wa.sum()), float(wb @ hb / wb.sum())
    pooled = (pa * na + pb * nb) / (na + nb)
    z = (pa - pb) / math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb))
    return z, float(2 * normal_sf(abs(z)))


def _nps_difference(xa, wa, xb, wb):
    """z-test for NPS_a − NPS_b: Var = Σ over groups (p_P + p_D − (p_P − p_D)²)/n."""
    var = 0.0
    values = []
    for x, w in ((xa, wa), (xb, wb)):
        pp, pd_ = _nps_parts(x, w)
        values.append(pp - pd_)
        var += (pp + pd_ - (pp - pd_) ** 2) / _kish(w)
    if var <= 0:
        return None
    z = (values[0] - values[1]) / math.sqrt(var)
    return z, float(2 * normal_sf(abs(z)))


def segment_comparisons(
    satisfaction: np.ndarray,
    touchpoints,
    segments: dict[str, np.ndarray],
    scale_high: float,
    *,
    weights=None,
    nps_scores=None,
) -> Comparisons:
    """Pairwise segment comparisons per touchpoint (Welch t for means, two-proportion z for
    top-2-box) and of the respondents' NPS (z-test on the NPS difference), Holm-corrected
    together. Pairs where a group has fewer than :data:`MIN_TEST_N` answers are not tested."""
    w_all = check_weights(weights, satisfaction.shape[0])
    w_all = np.ones(satisfaction.shape[0]) if w_all is None else w_all
    names = list(segments)
    rows, small = [], {}
    columns = [(tp, satisfaction[:, j]) for j, tp in enumerate(touchpoints)]
    if nps_scores is not None:
        columns.append(("", np.asarray(nps_scores, dtype=float)))
    for tp, column in columns:
        for a in range(len(names)):
            for b in range(a + 1, len(names)):
                xa, wa = _answered(column[segments[names[a]]], w_all[segments[names[a]]])
                xb, wb = _answered(column[segments[names[b]]], w_all[segments[names[b]]])
                pair = (names[a], names[b])
                if min(len(xa), len(xb)) < MIN_TEST_N:
                    for name, x in zip(pair, (xa, xb), strict=True):
                        if len(x) < MIN_TEST_N:
                            small.setdefault(name, []).append(tp or "NPS")
                    continue
                counts = (len(xa), len(xb))
                if tp == "":
                    test = _nps_difference(xa, wa, xb, wb)
                    if test is not None:
                        rows.append(["", "nps", pair, "NPS difference z", *test, counts])
                    continue
                if np.var(xa) + np.var(xb) > 0:
                    with warnings.catch_warnings():  # one constant group is fine for Welch's t
                        warnings.filterwarnings("ignore", "Precision loss", RuntimeWarning)
                        t, pt = _welch(xa, wa, xb, wb)
                    rows.append([tp, "mean", pair, "Welch t", float(t), pt, counts])
                ha, hb = (xa >= scale_high - 1).astype(float), (xb >= scale_high - 1).astype(float)
                if 0 < ha.sum() + hb.sum() < len(ha) + len(hb):
                    z, pz = _two_proportions(ha, wa, hb, wb)
                    rows.append([tp, "top2", pair, "two-proportion z", float(z), pz, counts])
    skipped = tuple(
        note(
            "comparison_too_small",
            segment=name,
            items=", ".join(dict.fromkeys(items)),
            limit=MIN_TEST_N,
        )
        for name, items in small.items()
    )
    if not rows:
        return Comparisons((), skipped)
    adjusted = holm([r[5] for r in rows])
    tests = tuple(
        Comparison(r[0], r[1], r[2], r[3], r[4], r[5], float(h), r[6])
        for r, h in zip(rows, adjusted, strict=True)
    )
    return Comparisons(tests, skipped)


def compare_segments(
    satisfaction: np.ndarray, touchpoints, segments: dict[str, np.ndarray], scale_high: float
) -> list[Comparison]:
    """The tests of :func:`segment_comparisons` (unweighted, touchpoints only) as a list."""
    return list(segment_comparisons(satisfaction, touchpoints, segments, scale_high).tests)
