"""CX metrics against textbook formulas."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from qfd.survey.metrics import (
    compare_segments,
    csi,
    mean_interval,
    nps,
    touchpoint_metrics,
    wilson_interval,
)


def test_wilson_interval_formula():
    k, n, z = 7, 20, stats.norm.ppf(0.975)
    p = k / n
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z / (1 + z**2 / n) * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    e = wilson_interval(k, n)
    assert e.low == pytest.approx(centre - half) and e.high == pytest.approx(centre + half)


def test_nps_and_its_standard_error():
    scores = [10] * 50 + [8] * 30 + [3] * 20
    e = nps(scores)
    se = np.sqrt((0.5 + 0.2 - 0.3**2) / 100)
    assert e.value == pytest.approx(30)
    assert e.high - e.value == pytest.approx(100 * 1.959964 * se, rel=1e-5)


def test_csi_rescales_mean_and_flags_small_n():
    m = mean_interval([5, 5, 4, np.nan])
    c = csi(m, 1, 5)
    assert c.value == pytest.approx(100 * (14 / 3 - 1) / 4) and c.n == 3 and c.indicative


def test_touchpoint_metrics_counts_reasons_per_segment():
    sat = np.array([[5, np.nan], [4, 2], [1, np.nan], [5, 3]], dtype=float)
    reasons = np.array(
        [["", "not_experienced"], ["", ""], ["", "dont_know"], ["", ""]], dtype=object
    )
    rows = touchpoint_metrics(sat, reasons, ["A", "B"], 1, 5, {"s1": np.array([1, 1, 0, 0], bool)})
    overall_b = next(r for r in rows if r.segment == "*" and r.touchpoint == "B")
    assert overall_b.mean.n == 2 and overall_b.not_experienced == 1 and overall_b.dont_know == 1
    seg_a = next(r for r in rows if r.segment == "s1" and r.touchpoint == "A")
    assert seg_a.top2.value == pytest.approx(1.0) and seg_a.mean.value == pytest.approx(4.5)


def test_segment_comparisons_are_holm_corrected():
    rng = np.random.default_rng(0)
    sat = np.clip(np.round(rng.normal(3, 1, size=(90, 3))), 1, 5)
    sat[:30, 0] = 5  # segment a is delighted with touchpoint 0
    masks = {
        "a": np.arange(90) < 30,
        "b": (np.arange(90) >= 30) & (np.arange(90) < 60),
        "c": np.arange(90) >= 60,
    }
    rows = compare_segments(sat, ["T0", "T1", "T2"], masks, 5)
    raw = np.array([r.p_value for r in rows])
    order = np.argsort(raw)
    m = len(raw)
    holm = np.minimum(1, np.maximum.accumulate(raw[order] * (m - np.arange(m))))
    np.testing.assert_allclose(np.array([r.p_holm for r in rows])[order], holm)
    assert any(r.touchpoint == "T0" and r.p_holm < 0.001 for r in rows)


# --------------------------------------------------------------------------- issue 16, item 7


def test_weighted_mean_and_nps_by_hand():
    x = np.array([5, 4, 2, np.nan, 3.0])
    w = np.array([2.0, 1.0, 1.0, 5.0, 0.5])
    e = mean_interval(x, weights=w)
    xs, ws = x[:4][[0, 1, 2]], w[[0, 1, 2]]
    xs, ws = np.append(xs, 3.0), np.append(ws, 0.5)
    m = ws @ xs / ws.sum()
    n_eff = ws.sum() ** 2 / (ws**2).sum()
    var = ws @ (xs - m) ** 2 / (ws.sum() - (ws**2).sum() / ws.sum())
    half = stats.t.ppf(0.975, 3) * np.sqrt(var / n_eff)
    assert e.value == pytest.approx(m) and e.n == 4 and e.n_effective == pytest.approx(n_eff)
    assert e.high - e.value == pytest.approx(half)
    same = mean_interval([5, 4, 2, 3], weights=np.ones(4))
    plain = mean_interval([5, 4, 2, 3])
    assert (same.value, same.low, same.high) == pytest.approx((plain.value, plain.low, plain.high))
    scores = np.array([10, 9, 3, 7, 0])
    weights = np.array([1.0, 3.0, 1.0, 1.0, 2.0])
    pp, pd_ = 4 / 8, 3 / 8
    n_eff = 8**2 / (weights**2).sum()
    e = nps(scores, weights=weights)
    assert e.value == pytest.approx(100 * (pp - pd_))
    se = np.sqrt((pp + pd_ - (pp - pd_) ** 2) / n_eff)
    assert e.high - e.value == pytest.approx(100 * 1.959964 * se, rel=1e-5)


def _two_groups(n_a=40, n_b=40, seed=0):
    rng = np.random.default_rng(seed)
    sat = np.clip(np.round(rng.normal(3.5, 1, size=(n_a + n_b, 2))), 1, 5)
    sat[:n_a, 0] = np.clip(sat[:n_a, 0] + 1, 1, 5)
    masks = {"a": np.arange(n_a + n_b) < n_a, "b": np.arange(n_a + n_b) >= n_a}
    return sat, masks


def test_unweighted_tests_equal_scipy_and_statsmodels():
    from statsmodels.stats.proportion import proportions_ztest

    from qfd.survey.metrics import segment_comparisons

    sat, masks = _two_groups()
    res = segment_comparisons(sat, ["T0", "T1"], masks, 5)
    mean_t0 = next(c for c in res.tests if c.touchpoint == "T0" and c.metric == "mean")
    ref = stats.ttest_ind(sat[masks["a"], 0], sat[masks["b"], 0], equal_var=False)
    assert mean_t0.statistic == pytest.approx(ref.statistic) and mean_t0.p_value == pytest.approx(
        ref.pvalue
    )
    top_t0 = next(c for c in res.tests if c.touchpoint == "T0" and c.metric == "top2")
    counts = [(sat[m, 0] >= 4).sum() for m in masks.values()]
    z, p = proportions_ztest(counts, [40, 40])
    assert top_t0.statistic == pytest.approx(z) and top_t0.p_value == pytest.approx(p)
    assert mean_t0.n == (40, 40)


def test_nps_difference_between_segments_by_hand():
    from qfd.survey.metrics import segment_comparisons

    sat, masks = _two_groups()
    scores = np.r_[[10] * 20 + [8] * 10 + [5] * 10, [10] * 8 + [7] * 12 + [2] * 20].astype(float)
    res = segment_comparisons(sat, ["T0", "T1"], masks, 5, nps_scores=scores)
    row = next(c for c in res.tests if c.metric == "nps")
    pa, da, pb, db = 20 / 40, 10 / 40, 8 / 40, 20 / 40
    var = (pa + da - (pa - da) ** 2) / 40 + (pb + db - (pb - db) ** 2) / 40
    z = ((pa - da) - (pb - db)) / np.sqrt(var)
    assert row.statistic == pytest.approx(z) and row.p_value == pytest.approx(
        2 * stats.norm.sf(abs(z))
    )
    raw = np.array([c.p_value for c in res.tests])  # Holm over the NPS test too
    order = np.argsort(raw)
    holm = np.minimum(1, np.maximum.accumulate(raw[order] * (len(raw) - np.arange(len(raw)))))
    np.testing.assert_allclose(np.array([c.p_holm for c in res.tests])[order], holm)
    assert any(c.metric == "nps" for c in res.tests)


def test_groups_too_small_are_not_tested_and_the_reason_is_given():
    from qfd.survey.metrics import MIN_TEST_N, segment_comparisons

    sat, masks = _two_groups(40, 4)  # issue 16: two-sample tests ran on groups of 4
    res = segment_comparisons(sat, ["T0", "T1"], masks, 5)
    assert res.tests == ()
    assert [n.key for n in res.skipped] == ["comparison_too_small"]
    assert dict(res.skipped[0].values) == {"segment": "b", "items": "T0, T1", "limit": MIN_TEST_N}


def test_nps_per_segment_and_per_touchpoint():
    from qfd.survey.metrics import segment_nps

    scores = np.array([10, 9, 0, 8, 10, 3], dtype=float)
    masks = {"x": np.array([1, 1, 1, 0, 0, 0], bool), "y": np.array([0, 0, 0, 1, 1, 1], bool)}
    rows = {r.segment: r for r in segment_nps(scores, masks)}
    assert rows["*"].nps.value == pytest.approx(100 * (3 / 6 - 2 / 6))
    assert rows["x"].nps.value == pytest.approx(100 * (2 / 3 - 1 / 3))
    assert rows["y"].promoters == pytest.approx(1 / 3) and rows["y"].detractors == pytest.approx(
        1 / 3
    )
    sat = np.array([[5.0], [4], [3], [2], [5], [1]])
    per_tp = np.column_stack([scores])
    m = touchpoint_metrics(
        sat, np.full(sat.shape, "", dtype=object), ["A"], 1, 5, nps_by_touchpoint=per_tp
    )
    assert m[0].nps.value == pytest.approx(rows["*"].nps.value)
