"""Early warnings that respect sampling error: what got worse, since when — and not the noise.

A watched series (by default CSI of every touchpoint and NPS, CES and overall satisfaction of
the whole relationship, all respondents) is flagged at a wave by either rule:

1. **Change test.** Its change from the previous wave is a deterioration whose p-value, Holm-
   corrected across every watched series of that wave, is below ``alpha`` (0.01 by default):
   the change exceeds what the two sample sizes allow (tests in :mod:`qfd.monitoring.waves`).
2. **Control chart**, once the series has ``baseline_waves`` waves (6) before the current one:
   an EWMA chart (λ = 0.2) of the wave figures. The centre line is the n-weighted mean of the
   first ``baseline_waves`` waves; the limits are ``±L·σ_E`` (L = 3) where ``σ_E`` is the exact
   standard deviation of the EWMA for the sample sizes of the waves,
   ``Var(E_w − centre) = Σ λ²(1−λ)^{2(w−i)} σ²σ_z²/n_i + (1 − (1−λ)^{w−k})² σ²σ_z²/N₀``
   (the second term is the error of the centre estimated from the N₀ baseline answers), with
   σ the pooled SD of one answer in the baseline and σ_z Laney's factor ``max(1, MR̄(z)/1.128)`` of the baseline's standardised
   figures (it widens the limits when the baseline wobbles more than sampling explains). The
   series is flagged while its EWMA is beyond the limit on the *worse* side.

Improvements are found by the same rules on the other side and reported apart, never as a
warning. :class:`WarningRule` states the thresholds (:meth:`WarningRule.notes`,
:func:`detectable_change`, :func:`chart_limit`), so the TOR's alert rules can quote the same
logic the monitor applies.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from qfd.errors import check_fraction, check_integer
from qfd.inference import holm, normal_quantile
from qfd.monitoring.waves import ALL, MIN_ANSWERS, Series, Waves, worse_sign
from qfd.notes import Note, note
from qfd.results import result

__all__ = [
    "EarlyWarnings",
    "SeriesWatch",
    "WarningRule",
    "chart_limit",
    "detectable_change",
    "early_warnings",
]

D2 = 1.128  # E|x₁ − x₂| / σ for two normal observations (the moving-range constant)


@dataclass(frozen=True)
class WarningRule:
    """The thresholds of the early warnings (see the module's docstring)."""

    alpha: float = 0.01
    baseline_waves: int = 6
    ewma_lambda: float = 0.2
    limit_sigma: float = 3.0
    touchpoint_metrics: tuple[str, ...] = ("csi", "nps", "ces")
    overall_metrics: tuple[str, ...] = ("csi", "nps", "ces")

    def __post_init__(self) -> None:
        check_fraction("alpha", self.alpha, open_low=True, open_high=True)
        check_integer("baseline_waves", self.baseline_waves, 2)
        check_fraction("ewma_lambda", self.ewma_lambda, open_low=True)
        if not (isinstance(self.limit_sigma, (int, float)) and self.limit_sigma > 0):
            from qfd.errors import ParameterError

            raise ParameterError(
                f"The limit_sigma parameter must be a number > 0; got {self.limit_sigma!r}."
            )

    def watches(self, s: Series) -> bool:
        if s.segment != ALL:
            return False
        return s.metric in (self.touchpoint_metrics if s.touchpoint else self.overall_metrics)

    def notes(self) -> tuple[Note, ...]:
        """The rule in words (catalogue keys), for reports and the TOR."""
        return (
            note("warn_rule_change", alpha=self.alpha),
            note(
                "warn_rule_chart",
                k=self.baseline_waves,
                lam=self.ewma_lambda,
                L=self.limit_sigma,
            ),
        )


def detectable_change(
    sd: float, n_before: int, n_after: int, rule: WarningRule = WarningRule(), family: int = 1
) -> float:
    """The smallest deterioration (in the metric's units) the change test flags between two waves
    of ``n_before`` and ``n_after`` answers whose SD is ``sd``, when ``family`` series are
    watched (the first, strictest step of Holm: ``alpha/family``; normal approximation).

    >>> round(detectable_change(0.9, 100, 100, WarningRule(alpha=0.05)), 3)
    0.249
    """
    check_integer("family", family, 1)
    z = normal_quantile(1 - rule.alpha / family / 2)
    return float(z * sd * np.sqrt(1 / n_before + 1 / n_after))


def chart_limit(sd: float, n: int, rule: WarningRule = WarningRule()) -> float:
    """How far (in the metric's units) the EWMA may move from its centre line before it signals,
    in the steady state at ``n`` answers per wave (σ_z = 1).

    >>> round(chart_limit(0.9, 100), 3)
    0.09
    """
    lam = rule.ewma_lambda
    return float(rule.limit_sigma * sd / np.sqrt(n) * np.sqrt(lam / (2 - lam)))


@result
class SeriesWatch:
    """One watched series wave by wave: which rule flagged it and the chart behind the flags.

    ``worse[w]`` / ``better[w]``: flagged deterioration / improvement at wave ``w``;
    ``by_change`` and ``by_chart`` say which rule fired; ``ewma``, ``lower``, ``upper`` are the
    chart (NaN before it starts); ``since`` is the first wave of the current run of
    deterioration flags (−1 if the last wave is not flagged), ``first`` the first flagged wave.
    """

    touchpoint: str
    metric: str
    worse: np.ndarray
    better: np.ndarray
    by_change: np.ndarray
    by_chart: np.ndarray
    p_family: np.ndarray  # Holm across the watched series of each wave
    ewma: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    center: float
    sigma_z: float
    first: int
    since: int


@result
class EarlyWarnings:
    rule: WarningRule
    watches: tuple[SeriesWatch, ...]
    labels: tuple[str, ...]

    @property
    def flagged(self) -> tuple[SeriesWatch, ...]:
        """Series flagged at any wave, in the order of their first flag."""
        hits = [w for w in self.watches if w.first >= 0]
        return tuple(sorted(hits, key=lambda w: w.first))

    def current(self) -> tuple[SeriesWatch, ...]:
        """Series flagged at the latest wave."""
        return tuple(w for w in self.watches if w.since >= 0)


def _chart(s: Series, rule: WarningRule):
    """(ewma, lower, upper, centre, σ_z) of a series; NaN arrays when it is too short."""
    n_waves = len(s.value)
    nan = np.full(n_waves, np.nan)
    k = rule.baseline_waves
    base = [w for w in range(min(k, n_waves)) if s.n[w] >= MIN_ANSWERS and np.isfinite(s.value[w])]
    if n_waves <= k or len(base) < k:
        return nan, nan.copy(), nan.copy(), np.nan, np.nan
    n_b = s.n[base].astype(float)
    center = float(np.sum(n_b * s.value[base]) / n_b.sum())
    sigma = float(np.sqrt(np.sum(n_b * s.sd[base] ** 2) / n_b.sum()))
    if not np.isfinite(sigma) or sigma == 0:
        return nan, nan.copy(), nan.copy(), center, np.nan
    z = (s.value[base] - center) / (sigma / np.sqrt(n_b))
    sigma_z = max(1.0, float(np.mean(np.abs(np.diff(z)))) / D2)
    lam = rule.ewma_lambda
    ewma, lower, upper = nan.copy(), nan.copy(), nan.copy()
    e, var, carry = center, 0.0, 1.0  # carry: the weight the EWMA still gives to the centre
    var_center = (sigma * sigma_z) ** 2 / n_b.sum()
    for w in range(k, n_waves):
        if not (s.n[w] >= 1 and np.isfinite(s.value[w])):
            continue  # an empty wave: the EWMA carries over
        e = lam * s.value[w] + (1 - lam) * e
        var = (1 - lam) ** 2 * var + lam**2 * (sigma * sigma_z) ** 2 / s.n[w]
        carry *= 1 - lam
        # E − centre also carries the error of the estimated centre: (1 − carry)²·Var(centre)
        half = rule.limit_sigma * np.sqrt(var + (1 - carry) ** 2 * var_center)
        ewma[w], lower[w], upper[w] = e, center - half, center + half
    return ewma, lower, upper, center, sigma_z


def early_warnings(waves: Waves, rule: WarningRule = WarningRule()) -> EarlyWarnings:
    """Flags of every watched series of ``waves`` under ``rule``."""
    watched = [s for s in waves.series if rule.watches(s)]
    n_waves = len(waves.labels)
    if watched:
        p = np.array([s.p_value for s in watched])
        p_family = np.column_stack([holm(p[:, w]) for w in range(n_waves)])
    else:
        p_family = np.zeros((0, n_waves))
    out = []
    for s, pf in zip(watched, p_family, strict=True):
        sign = worse_sign(s.metric)
        significant = np.nan_to_num(pf, nan=1.0) < rule.alpha
        direction = np.sign(np.nan_to_num(s.change))
        change_worse = significant & (direction == sign)
        change_better = significant & (direction == -sign)
        ewma, lower, upper, center, sigma_z = _chart(s, rule)
        with np.errstate(invalid="ignore"):
            chart_low = np.nan_to_num(ewma < lower, nan=False)
            chart_high = np.nan_to_num(ewma > upper, nan=False)
        chart_worse = chart_low if sign < 0 else chart_high
        chart_better = chart_high if sign < 0 else chart_low
        worse = change_worse | chart_worse
        better = (change_better | chart_better) & ~worse
        first = int(np.argmax(worse)) if worse.any() else -1
        since = -1
        if worse[-1]:
            since = n_waves - 1
            while since > 0 and worse[since - 1]:
                since -= 1
        out.append(
            SeriesWatch(
                s.touchpoint,
                s.metric,
                worse,
                better,
                change_worse | change_better,
                chart_worse | chart_better,
                pf,
                ewma,
                lower,
                upper,
                center,
                sigma_z,
                first,
                since,
            )
        )
    return EarlyWarnings(rule, tuple(out), tuple(waves.labels))


def flagged_series(warnings: EarlyWarnings) -> Sequence[tuple[str, str]]:
    """(touchpoint, metric) of every series flagged at any wave."""
    return [(w.touchpoint, w.metric) for w in warnings.flagged]
