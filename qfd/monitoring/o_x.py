"""Operational data (O-data) beside experience data (X-data): which operational KPI moves its
touchpoint's satisfaction, with what delay, and which moved before a flagged drop.

* **Lagged relationship.** For each operational KPI and the touchpoint it belongs to (the KPI
  sheet), the monthly *changes* of the KPI and of the touchpoint's CSI (all respondents) are
  correlated with the KPI leading by 0…``max_lag`` months: ``r(ΔKPI[t − ℓ], ΔCSI[t])`` over the
  months where both changes exist (n). Changes, not levels, so that two series that merely
  trend do not look related. Each r carries a Fisher-z 95 % interval and a t-test p-value;
  p-values are Holm-corrected across every (KPI, lag) tested. A KPI **leads** its touchpoint
  when its strongest lag is ≥ 1 and significant after Holm (``alpha``). The sign says whether
  it agrees with the KPI's direction (more is better → positive).
* **What moved before a drop.** For every touchpoint flagged by the early warnings, each KPI of
  that touchpoint (or leading it) is checked month by month in the ``max_lag`` months up to the
  first flagged wave: it *moved* in a month when its change into that month is on its worse
  side and larger than 3·σ, σ the robust spread (1.4826 × the median absolute deviation) of all
  its monthly changes (at least five), so that the jump does not hide itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import field

import numpy as np

from qfd.errors import ParameterError, check_fraction, check_integer
from qfd.inference import holm, t_sf
from qfd.monitoring.waves import ALL, Waves
from qfd.notes import note
from qfd.results import result

__all__ = ["Link", "Links", "Move", "lagged_correlation", "operational_links"]

MIN_CHANGES = 5


@result
class Link:
    """The strongest lag of one KPI over its touchpoint's CSI (``by_lag``: (lag, r, n) of
    every lag tried)."""

    kpi: str
    touchpoint: str
    lag: int
    r: float
    low: float
    high: float
    n: int
    p_value: float
    p_holm: float
    leads: bool
    consistent: bool
    by_lag: tuple[tuple[int, float, int], ...]


@result
class Move:
    """A KPI that moved before (or when) its touchpoint was flagged."""

    touchpoint: str
    flagged_month: int  # year·12 + month − 1 of the first flagged wave
    kpi: str
    month: int
    lead: int  # months before the flagged wave (0 = the same month)
    change: float  # from the month before
    limit: float  # the change beyond which it counts as a move


@result
class Links:
    links: tuple[Link, ...]
    moves: tuple[Move, ...]
    max_lag: int
    alpha: float
    notes: tuple = field(default=())

    @property
    def leading(self) -> tuple[Link, ...]:
        return tuple(k for k in self.links if k.leads)


def lagged_correlation(x: np.ndarray, y: np.ndarray, lag: int) -> tuple[float, int]:
    """Pearson r of ``x[t − lag]`` and ``y[t]`` over the t where both are finite, and n.

    >>> x = np.array([0.0, 1, 0, 2, 0, 3, 0]); y = np.r_[np.nan, x[:-1]]
    >>> r, n = lagged_correlation(x, y, 1); round(r, 6), n
    (1.0, 6)
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if lag:
        x, y = x[:-lag], y[lag:]
    ok = np.isfinite(x) & np.isfinite(y)
    n = int(ok.sum())
    if n < 3 or np.std(x[ok]) == 0 or np.std(y[ok]) == 0:
        return float("nan"), n
    return float(np.corrcoef(x[ok], y[ok])[0, 1]), n


def _interval(r: float, n: int) -> tuple[float, float, float]:
    """(low, high, p) of a correlation: Fisher-z interval, t-test p-value."""
    if not np.isfinite(r) or n < 4:
        return float("nan"), float("nan"), float("nan")
    r = float(np.clip(r, -0.999999, 0.999999))
    z, half = np.arctanh(r), 1.959963984540054 / np.sqrt(n - 3)
    t = r * np.sqrt((n - 2) / (1 - r**2))
    return float(np.tanh(z - half)), float(np.tanh(z + half)), float(2 * t_sf(abs(t), n - 2))


def _monthly(values: np.ndarray, months: np.ndarray, grid: np.ndarray) -> np.ndarray:
    out = np.full(len(grid), np.nan)
    pos = np.searchsorted(grid, months)
    out[pos] = values
    return out


def _moved(series: np.ndarray, k: int, direction: str) -> tuple[bool, float, float]:
    """Whether the change into month ``k`` is a move: on the KPI's worse side and beyond
    ``3·σ``, σ the robust spread (1.4826 · median absolute deviation) of all its monthly
    changes, so the jump itself does not widen it. (moved, change, limit)."""
    changes = np.diff(series)
    finite = changes[np.isfinite(changes)]
    if k < 1 or len(finite) < MIN_CHANGES or not np.isfinite(changes[k - 1]):
        return False, float("nan"), float("nan")
    sigma = 1.4826 * float(np.median(np.abs(finite - np.median(finite))))
    if sigma == 0:
        sigma = float(np.std(finite)) or 1e-12
    d = float(changes[k - 1])
    limit = 3 * sigma
    if direction == "more":
        return bool(d < -limit), d, -limit
    if direction == "less":
        return bool(d > limit), d, limit
    return bool(abs(d) > limit), d, float(np.sign(d) * limit)


def operational_links(
    waves: Waves,
    wave_months: np.ndarray,
    kpi_ids: Sequence[str],
    kpi_months: np.ndarray,
    kpi_values: np.ndarray,
    *,
    kpi_touchpoints: Sequence[str],
    kpi_directions: Sequence[str],
    warnings=None,
    max_lag: int = 3,
    alpha: float = 0.05,
) -> Links:
    """Lagged relationships of the KPIs ``kpi_ids`` (values: KPIs × ``kpi_months``) with their
    touchpoints' CSI in ``waves`` (wave ``w`` in month ``wave_months[w]``), and the KPIs that
    moved before the drops flagged in ``warnings`` (:class:`~qfd.monitoring.warnings.EarlyWarnings`)."""
    max_lag = check_integer("max_lag", max_lag, 0, 24)
    check_fraction("alpha", alpha, open_low=True, open_high=True)
    kpi_values = np.asarray(kpi_values, dtype=float)
    wave_months = np.asarray(wave_months, dtype=int)
    kpi_months = np.asarray(kpi_months, dtype=int)
    if kpi_values.shape != (len(kpi_ids), len(kpi_months)):
        raise ParameterError("The kpi_values parameter must be KPIs × months.")
    if len(wave_months) != len(waves.labels):
        raise ParameterError("The wave_months parameter must give one month per wave.")
    grid = np.arange(
        min(wave_months.min(), kpi_months.min()), max(wave_months.max(), kpi_months.max()) + 1
    )
    notes = []
    raw = []
    for k, (kpi, tp) in enumerate(zip(kpi_ids, kpi_touchpoints, strict=True)):
        s = waves.get(tp, "csi", ALL)
        if s is None:
            notes.append(note("ox_no_touchpoint", kpi=kpi, touchpoint=tp))
            continue
        sat = np.diff(_monthly(s.value, wave_months, grid), prepend=np.nan)
        ops = np.diff(_monthly(kpi_values[k], kpi_months, grid), prepend=np.nan)
        by_lag = []
        for lag in range(max_lag + 1):
            r, n = lagged_correlation(ops, sat, lag)
            low, high, p = _interval(r, n)
            by_lag.append((lag, r, n, low, high, p))
        raw.append((kpi, tp, kpi_directions[k], by_lag))
    p_all = holm(np.array([b[5] for *_, by_lag in raw for b in by_lag], dtype=float))
    links = []
    i = 0
    for kpi, tp, direction, by_lag in raw:
        adjusted = p_all[i : i + len(by_lag)]
        i += len(by_lag)
        finite = [j for j, b in enumerate(by_lag) if np.isfinite(b[1])]
        if not finite:
            notes.append(note("ox_too_short", kpi=kpi))
            continue
        j = max(finite, key=lambda j: (abs(by_lag[j][1]), -j))
        lag, r, n, low, high, p = by_lag[j]
        expected = {"more": 1, "less": -1}.get(direction, 0)
        links.append(
            Link(
                kpi,
                tp,
                lag,
                r,
                low,
                high,
                n,
                p,
                float(adjusted[j]),
                bool(lag >= 1 and adjusted[j] < alpha),
                bool(expected == 0 or np.sign(r) == expected),
                tuple((b[0], b[1], b[2]) for b in by_lag),
            )
        )
    moves = []
    leading = {(k.kpi, k.touchpoint) for k in links if k.leads}
    for watch in getattr(warnings, "flagged", ()):
        if not watch.touchpoint:
            continue
        flagged = int(wave_months[watch.first])
        for k, kpi in enumerate(kpi_ids):
            if kpi_touchpoints[k] != watch.touchpoint and (kpi, watch.touchpoint) not in leading:
                continue
            series = _monthly(kpi_values[k], kpi_months, grid)
            for month in range(flagged - max_lag, flagged + 1):
                pos = int(month - grid[0])
                if not 0 <= pos < len(grid):
                    continue
                moved, change, limit = _moved(series, pos, kpi_directions[k])
                if moved:
                    moves.append(
                        Move(
                            watch.touchpoint,
                            flagged,
                            kpi,
                            int(month),
                            int(flagged - month),
                            change,
                            float(limit),
                        )
                    )
                    break
    return Links(tuple(links), tuple(moves), max_lag, float(alpha), tuple(notes))
