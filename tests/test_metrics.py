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
