"""CX metrics per touchpoint × segment × survey wave, and the change between consecutive waves.

A *series* is one metric of one touchpoint (or of the whole relationship: NPS, CES, overall
satisfaction) in one segment, wave after wave. Every wave's figure carries its n, its interval
and the standard deviation of the answers behind it, so that the change from the previous wave
can be tested against the sampling error of both waves:

* CSI and CES (means): Welch's t on the difference of means (CSI is the mean rescaled to 0–100);
* top-2-box (a proportion): the two-proportion z-test, pooled under the null hypothesis;
* NPS: ``Δ = NPS₂ − NPS₁`` with ``Var(Δ) = Var(NPS₁) + Var(NPS₂)`` and
  ``Var(NPS) = (p_P + p_D − (p_P − p_D)²)/n`` — the NPS is a difference of two shares of the
  *same* sample, so neither a one-proportion nor a two-proportion test is right for it.

p-values are Holm-corrected across the touchpoints of each (segment, metric, wave) and across the
overall metrics (NPS, CES, overall CSI) of each (segment, wave). Respondents
without a wave are left out. Weights are not applied (as in :mod:`qfd.survey.metrics`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import field

import numpy as np

from qfd.errors import ParameterError, check_fraction, check_integer
from qfd.inference import holm, normal_quantile, normal_sf, t_quantile, t_sf
from qfd.results import result
from qfd.survey.metrics import Estimate, csi, mean_interval, nps, wilson_interval

__all__ = ["METRICS", "Series", "Waves", "change_test", "wave_series", "worse_sign"]

# metric -> (higher is better?)
METRICS = {"csi": True, "top2": True, "nps": True, "ces": False}
MIN_ANSWERS = 2  # a wave with fewer answers is not tested (no SD of one answer)
ALL = "*"  # the segment of all respondents


def worse_sign(metric: str) -> int:
    """The sign of a change that means *worse* for ``metric`` (CES: more effort is worse).

    >>> worse_sign("csi"), worse_sign("ces")
    (-1, 1)
    """
    return -1 if METRICS[metric] else 1


@result
class Series:
    """One metric of one touchpoint in one segment, per wave (arrays of length ``n_waves``).

    ``touchpoint`` is ``""`` for metrics of the whole relationship (NPS, CES, overall
    satisfaction). ``sd`` is the standard deviation of one answer in the metric's units (for NPS
    the SD of the +100/0/−100 scores), so ``sd/√n`` is the standard error of the wave's figure.
    ``change[w]`` compares wave ``w`` with wave ``w − 1`` (NaN for the first wave or when either
    is empty).
    """

    touchpoint: str
    segment: str
    metric: str
    value: np.ndarray
    low: np.ndarray
    high: np.ndarray
    n: np.ndarray
    sd: np.ndarray
    change: np.ndarray
    change_low: np.ndarray
    change_high: np.ndarray
    p_value: np.ndarray
    p_holm: np.ndarray

    def estimate(self, w: int) -> Estimate:
        return Estimate(
            float(self.value[w]), float(self.low[w]), float(self.high[w]), int(self.n[w])
        )


@result
class Waves:
    """All series of a tracking study; ``labels`` name the waves in their order."""

    labels: tuple[str, ...]
    touchpoints: tuple[str, ...]
    segments: tuple[str, ...]  # "*" first
    series: tuple[Series, ...]
    confidence: float = 0.95
    notes: tuple = field(default=())

    def get(self, touchpoint: str, metric: str, segment: str = ALL) -> Series | None:
        for s in self.series:
            if s.touchpoint == touchpoint and s.metric == metric and s.segment == segment:
                return s
        return None

    def counts(self, segment: str = ALL) -> np.ndarray:
        """Respondents with at least one answer per wave (the largest n of the segment's series)."""
        ns = [s.n for s in self.series if s.segment == segment]
        return np.max(ns, axis=0) if ns else np.zeros(len(self.labels), dtype=int)


def _figure(metric: str, x: np.ndarray, scale: tuple[float, float], confidence: float):
    """(estimate, sd of one answer in the metric's units) of the answers ``x`` (no NaN)."""
    n = len(x)
    low, high = scale
    if metric == "csi":
        est = csi(mean_interval(x, confidence), low, high)
        sd = 100 * float(x.std(ddof=1)) / (high - low) if n > 1 else np.nan
    elif metric == "ces":
        est = mean_interval(x, confidence)
        sd = float(x.std(ddof=1)) if n > 1 else np.nan
    elif metric == "top2":
        est = wilson_interval(int((x >= high - 1).sum()), n, confidence)
        sd = float(np.sqrt(est.value * (1 - est.value))) if n else np.nan
    else:  # nps
        est = nps(x, confidence)
        pp, pd_ = float((x >= 9).mean()) if n else 0.0, float((x <= 6).mean()) if n else 0.0
        sd = 100 * float(np.sqrt(max(pp + pd_ - (pp - pd_) ** 2, 0.0))) if n else np.nan
    return est, sd


def change_test(
    metric: str,
    before: tuple[float, float, int],
    after: tuple[float, float, int],
    confidence: float = 0.95,
    successes: tuple[int, int] | None = None,
) -> tuple[float, float, float, float]:
    """(change, low, high, p) between two independent waves given (value, sd, n) of each.

    Means (CSI, CES): Welch's t. NPS: a z-test whose variance is the sum of the two NPS
    variances. Top-2-box: a z-test pooled under the null (``successes`` = top-2 counts), the
    interval unpooled.

    >>> d, lo, hi, p = change_test("nps", (20.0, 80.0, 100), (0.0, 80.0, 100))
    >>> round(d, 1), round(p, 4)
    (-20.0, 0.0771)
    """
    (v1, s1, n1), (v2, s2, n2) = before, after
    nan = (np.nan, np.nan, np.nan, np.nan)
    if min(n1, n2) < MIN_ANSWERS or not (np.isfinite(v1) and np.isfinite(v2)):
        return nan
    delta = v2 - v1
    z_crit = normal_quantile(1 - (1 - confidence) / 2)
    if metric in ("csi", "ces"):
        a, b = s1**2 / n1, s2**2 / n2
        se = float(np.sqrt(a + b))
        if se == 0:
            return (delta, delta, delta, 1.0 if delta == 0 else 0.0)
        df = (a + b) ** 2 / ((a**2 / (n1 - 1) if a else 0) + (b**2 / (n2 - 1) if b else 0))
        t_crit = t_quantile(1 - (1 - confidence) / 2, df)
        p = float(2 * t_sf(abs(delta) / se, df))
        return (delta, delta - t_crit * se, delta + t_crit * se, p)
    se = float(np.sqrt(s1**2 / n1 + s2**2 / n2))
    if metric == "top2" and successes is not None:
        pooled = (successes[0] + successes[1]) / (n1 + n2)
        se_null = float(np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2)))
    else:
        se_null = se
    if se_null == 0:
        p = 1.0 if delta == 0 else 0.0
    else:
        p = float(2 * normal_sf(abs(delta) / se_null))
    return (delta, delta - z_crit * se, delta + z_crit * se, p)


def wave_series(
    satisfaction: np.ndarray,
    touchpoints: Sequence[str],
    wave: np.ndarray,
    labels: Sequence[str],
    scale: tuple[float, float],
    *,
    segments: dict[str, np.ndarray] | None = None,
    nps_scores: np.ndarray | None = None,
    ces_scores: np.ndarray | None = None,
    ces_scale: tuple[float, float] = (1, 7),
    overall: np.ndarray | None = None,
    touchpoint_nps: dict[str, np.ndarray] | None = None,
    touchpoint_ces: dict[str, np.ndarray] | None = None,
    confidence: float = 0.95,
) -> Waves:
    """Every series of the study: CSI and top-2-box per touchpoint; NPS and CES per touchpoint
    where the survey asks them per touchpoint (``touchpoint_nps``, ``touchpoint_ces``: columns
    of scores by touchpoint id); NPS, CES and overall satisfaction (as CSI) of the whole
    relationship — each for all respondents and per segment mask.

    ``satisfaction`` is respondents × touchpoints (NaN = missing), ``wave`` the wave index of
    each respondent (−1 = none) into ``labels``, ``scale`` the (low, high) of the satisfaction
    scale.
    """
    sat = np.asarray(satisfaction, dtype=float)
    wave = np.asarray(wave)
    n_resp = sat.shape[0]
    if sat.ndim != 2 or sat.shape[1] != len(touchpoints):
        raise ParameterError(
            f"The satisfaction parameter must be respondents × {len(touchpoints)} touchpoints; "
            f"got shape {sat.shape}."
        )
    if wave.shape != (n_resp,):
        raise ParameterError(f"The wave parameter must have {n_resp} entries; got {wave.shape}.")
    n_waves = check_integer("labels (count)", len(labels), 1)
    if wave.size and (wave.max() >= n_waves or wave.min() < -1):
        raise ParameterError(f"The wave parameter must hold indexes in [-1, {n_waves - 1}].")
    check_fraction("confidence", confidence, open_low=True, open_high=True)
    groups = {ALL: np.ones(n_resp, dtype=bool)}
    for name, mask in (segments or {}).items():
        mask = np.asarray(mask, dtype=bool)
        if mask.shape != (n_resp,):
            raise ParameterError(f"The mask of segment {name!r} must have {n_resp} entries.")
        groups[str(name)] = mask

    # (touchpoint, metric, answers per respondent, scale)
    columns: list[tuple[str, str, np.ndarray, tuple[float, float]]] = []
    for j, tp in enumerate(touchpoints):
        columns.append((tp, "csi", sat[:, j], scale))
        columns.append((tp, "top2", sat[:, j], scale))
    for tp, scores in (touchpoint_nps or {}).items():
        columns.append((tp, "nps", np.asarray(scores, dtype=float), (0, 10)))
    for tp, scores in (touchpoint_ces or {}).items():
        columns.append((tp, "ces", np.asarray(scores, dtype=float), ces_scale))
    for metric, scores, sc in (
        ("nps", nps_scores, (0, 10)),
        ("ces", ces_scores, ces_scale),
        ("csi", overall, scale),
    ):
        if scores is not None and np.isfinite(np.asarray(scores, dtype=float)).any():
            columns.append(("", metric, np.asarray(scores, dtype=float), sc))

    raw = []
    for segment, mask in groups.items():
        for tp, metric, answers, sc in columns:
            cols = {k: np.full(n_waves, np.nan) for k in ("value", "low", "high", "sd")}
            n = np.zeros(n_waves, dtype=int)
            tops = np.zeros(n_waves, dtype=int)
            for w in range(n_waves):
                x = answers[mask & (wave == w)]
                x = x[np.isfinite(x)]
                n[w] = len(x)
                if not len(x):
                    continue
                est, sd = _figure(metric, x, sc, confidence)
                cols["value"][w], cols["low"][w], cols["high"][w] = est.value, est.low, est.high
                cols["sd"][w] = sd
                tops[w] = int((x >= sc[1] - 1).sum())
            change = {k: np.full(n_waves, np.nan) for k in ("d", "lo", "hi", "p")}
            for w in range(1, n_waves):
                d, lo, hi, p = change_test(
                    metric,
                    (cols["value"][w - 1], cols["sd"][w - 1], n[w - 1]),
                    (cols["value"][w], cols["sd"][w], n[w]),
                    confidence,
                    (tops[w - 1], tops[w]),
                )
                change["d"][w], change["lo"][w], change["hi"][w], change["p"][w] = d, lo, hi, p
            raw.append((tp, segment, metric, cols, n, change))

    # Holm across the touchpoints of each (segment, metric, wave), and across the overall
    # metrics (NPS, CES, overall CSI) of each (segment, wave)
    p_adjusted: dict[int, np.ndarray] = {}
    families: dict[tuple[str, str], list[int]] = {}
    for i, (tp, segment, metric, *_rest) in enumerate(raw):
        families.setdefault((segment, metric if tp else ""), []).append(i)
    for members in families.values():
        p = np.array([raw[i][5]["p"] for i in members])  # members × waves
        adjusted = np.column_stack([holm(p[:, w]) for w in range(n_waves)])
        for k, i in enumerate(members):
            p_adjusted[i] = adjusted[k]
    series = tuple(
        Series(
            tp,
            segment,
            metric,
            cols["value"],
            cols["low"],
            cols["high"],
            n,
            cols["sd"],
            change["d"],
            change["lo"],
            change["hi"],
            change["p"],
            p_adjusted[i],
        )
        for i, (tp, segment, metric, cols, n, change) in enumerate(raw)
    )
    return Waves(tuple(labels), tuple(touchpoints), tuple(groups), series, confidence)
