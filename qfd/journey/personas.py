"""Two ways to segment, and a persona card per cluster.

* **Clusters** (k-means, :mod:`qfd.behaviour.segments`) group clients by all their features at
  once: one client, one cluster. They serve the *typical* journeys.
* **Attribute segments** are single-attribute rules written by the consultant («Регион = Урал или
  Сибирь», «Численность персонала > 1000»), combined with *and*. They overlap — a client can be
  in several — and serve personalisation.

The **cross-table** gives, for each cluster, the share of its clients in each attribute segment
and the index against the whole base (100 = as common as everywhere). A cluster's persona
*falls into* an attribute segment when at least half of its clients are in it, or at least a fifth
and 1.5 times as many as in the base.

A **persona card** adds to the cluster's portrait: its respondents' needs (the touchpoints they
rate most important), problems (rated least satisfying) and comments; its channels (the share of
its respondents who met a touchpoint served through each channel of the journey); and its
behaviour: average check (revenue / orders), monthly spend per client in the window, both by a
bracket of a chosen attribute, the seasonality of its orders, and its typical basket.

**Seasonality**: the orders of each month of the series against the days of that month the data
observed, in a Poisson regression with a log-linear trend (growth or decline over the years) and
calendar-month effects; index = the month's effect relative to the average month (1 = no season).
The persona is called seasonal when a likelihood-ratio test of the months against the trend alone
rejects "no season" at 5 % *and* the peak month's index is at least 1.25 (with thousands of
orders a tiny, useless deviation is "significant"). Pooling calendar months without the trend
would report growth as a season (the later months of every year busier); with fewer than 24
months observed the two cannot be told apart, and seasonality is not assessed.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from dataclasses import dataclass

import numpy as np

from qfd.errors import check_choice
from qfd.journey.paths import fold
from qfd.results import result

__all__ = [
    "OPERATORS",
    "AttributeSegment",
    "Condition",
    "CrossTable",
    "Persona",
    "Seasonality",
    "brackets",
    "check_by_bracket",
    "cross_table",
    "members",
    "persona",
    "seasonality",
    "typical_basket",
]

OPERATORS = ("=", "!=", ">", ">=", "<", "<=")
FALLS_INTO_SHARE = 0.5  # a cluster falls into a segment holding at least half of its clients
OVER_SHARE, OVER_INDEX = 0.2, 150.0  # ... or a fifth of them, 1.5 times the base's share
SEASON_P, SEASON_INDEX = 0.05, 1.25
SEASON_MONTHS = 24  # months observed before seasonality is told from a trend
TOP = 3  # needs and problems shown per persona
TOP_BASKET = 5
TOP_COMMENTS = 5


@dataclass(frozen=True)
class Condition:
    """``attribute op value``; several values (for = and !=) mean "any of them"."""

    attribute: str
    op: str
    values: tuple[object, ...]

    def __post_init__(self) -> None:
        check_choice("op", self.op, OPERATORS)


@dataclass(frozen=True)
class AttributeSegment:
    name: str
    conditions: tuple[Condition, ...]  # all must hold
    rule: str = ""  # as the consultant wrote it
    row: int = 0


def _holds(column: np.ndarray, c: Condition) -> np.ndarray:
    if column.dtype.kind == "f":
        numbers = [float(v) for v in c.values if isinstance(v, (int, float))]
        with np.errstate(invalid="ignore"):
            if c.op in ("=", "!="):
                hit = np.isin(column, numbers)
                return hit if c.op == "=" else ~hit & ~np.isnan(column)
            x = float(c.values[0])
            return {
                ">": column > x,
                ">=": column >= x,
                "<": column < x,
                "<=": column <= x,
            }[c.op]
    text = np.array([fold(v) if v is not None else None for v in column], dtype=object)
    wanted = {fold(_plain(v)) for v in c.values}
    if c.op not in ("=", "!="):  # an order on text: not a client of the segment
        return np.zeros(len(column), dtype=bool)
    hit = np.array([t in wanted for t in text], dtype=bool)
    known = np.array([t is not None and t != "" for t in text], dtype=bool)
    return hit if c.op == "=" else ~hit & known


def _plain(v) -> object:
    return int(v) if isinstance(v, float) and v.is_integer() else v


def members(segment: AttributeSegment, columns: dict[str, np.ndarray], n: int) -> np.ndarray:
    """Which of ``n`` units (clients or respondents) the segment's rule holds for. ``columns``
    maps each attribute to a float array (numbers, NaN unknown) or an object array (text); a
    unit without the attribute is not in the segment.

    >>> seg = AttributeSegment("big", (Condition("staff", ">", (100,)),
    ...                               Condition("region", "=", ("Урал", "Сибирь"))))
    >>> cols = {"staff": np.array([50., 500., 900., np.nan]),
    ...         "region": np.array(["урал", "Урал", "Москва", "Урал"], dtype=object)}
    >>> members(seg, cols, 4).tolist()
    [False, True, False, False]
    """
    mask = np.ones(n, dtype=bool)
    for c in segment.conditions:
        column = columns.get(c.attribute)
        if column is None:
            return np.zeros(n, dtype=bool)
        mask &= _holds(np.asarray(column), c)
    return mask


@result
class CrossTable:
    """Clusters × attribute segments over the units (clients, or respondents when a rule uses
    respondent attributes)."""

    segments: tuple[str, ...]
    clusters: int
    sizes: np.ndarray  # units per cluster
    counts: np.ndarray  # clusters × segments: units of the cluster in the segment
    shares: np.ndarray  # counts / sizes
    base_share: np.ndarray  # per segment, share of all clustered units
    index: np.ndarray  # shares / base_share × 100 (NaN where the segment is empty)

    def falls_into(self, cluster: int) -> tuple[tuple[str, float, float], ...]:
        """(segment, share, index) the cluster's persona falls into, largest share first."""
        out = []
        for j, name in enumerate(self.segments):
            share, idx = float(self.shares[cluster, j]), float(self.index[cluster, j])
            if share >= FALLS_INTO_SHARE or (share >= OVER_SHARE and idx >= OVER_INDEX):
                out.append((name, share, idx))
        return tuple(sorted(out, key=lambda t: (-t[1], t[0])))


def cross_table(labels, k: int, masks: dict[str, np.ndarray]) -> CrossTable:
    """The share of each cluster's units in each (overlapping) attribute segment; ``labels`` is
    the cluster of each unit (-1: none)."""
    labels = np.asarray(labels)
    names = tuple(masks)
    clustered = labels >= 0
    sizes = np.array([(labels == s).sum() for s in range(k)], dtype=float)
    counts = np.array(
        [[(np.asarray(masks[a]) & (labels == s)).sum() for a in names] for s in range(k)],
        dtype=float,
    ).reshape(k, len(names))
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = counts / sizes[:, None]
        base = np.array(
            [(np.asarray(masks[a]) & clustered).sum() / max(clustered.sum(), 1) for a in names]
        )
        index = np.where(base > 0, shares / base * 100, np.nan)
    return CrossTable(names, k, sizes, counts, shares, base, index)


@result
class Seasonality:
    orders: np.ndarray  # per calendar month, January first (all years together)
    index: np.ndarray  # the month's effect against the average month (1 = no season); NaN unseen
    chi2: float  # the likelihood-ratio statistic of the months (NaN: not assessed)
    p_value: float
    seasonal: bool
    peaks: tuple[int, ...]  # months (1–12) with an index ≥ SEASON_INDEX, highest first
    trend: float = math.nan  # orders' growth factor per year (1 = flat)
    months: int = 0  # months of the series observed


def seasonality(period_orders, period_days, first_period: int = 0) -> Seasonality:
    """Seasonality of a segment's orders, month by month (``period_orders``) against the days
    observed in each month (``period_days``), the series starting at period ``first_period``
    (year · 12 + month − 1): Poisson regression of the orders on a log-linear trend and the
    calendar months (statsmodels), the months tested against the trend alone.

    >>> days = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] * 2, dtype=float)
    >>> growth = np.round(days * np.exp(np.arange(24) / 12))   # ×e a year, no season
    >>> s = seasonality(growth, days, 2023 * 12)
    >>> s.seasonal, round(s.trend, 1)
    (False, 2.7)
    """
    import warnings

    # the GLM alone: statsmodels.api imports every model and plot (0.4 s of each journey run)
    from statsmodels.genmod.families import Poisson
    from statsmodels.genmod.generalized_linear_model import GLM

    from qfd.inference import chi2_sf

    orders = np.asarray(period_orders, dtype=float)
    days = np.asarray(period_days, dtype=float)
    calendar = (first_period + np.arange(len(days))) % 12
    by_month = np.bincount(calendar, weights=orders, minlength=12)
    seen = days > 0
    nan = np.full(12, np.nan)
    if seen.sum() < SEASON_MONTHS or orders[seen].sum() <= 0:
        return Seasonality(by_month, nan, math.nan, math.nan, False, (), math.nan, int(seen.sum()))
    y, offset = orders[seen], np.log(days[seen])
    years = np.flatnonzero(seen) / 12.0
    months = calendar[seen]
    present = np.unique(months)
    dummies = (months[:, None] == present[None, 1:]).astype(float)  # the first month: reference
    trend_only = np.column_stack([np.ones(len(y)), years])
    full = np.column_stack([trend_only, dummies])
    with warnings.catch_warnings():  # a month without orders drives its effect to −∞: index 0
        warnings.simplefilter("ignore")
        fit0 = GLM(y, trend_only, family=Poisson(), offset=offset).fit()
        fit1 = GLM(y, full, family=Poisson(), offset=offset).fit()
    lr = max(2 * (fit1.llf - fit0.llf), 0.0)
    p = float(chi2_sf(lr, dummies.shape[1]))
    effect = np.exp(np.concatenate([[0.0], fit1.params[2:]]))
    index = nan.copy()
    index[present] = effect / effect.mean()
    peaks = tuple(
        int(m + 1)
        for m in sorted(np.flatnonzero(index >= SEASON_INDEX), key=lambda m: (-index[m], m))
    )
    seasonal = bool(p < SEASON_P and np.nanmax(index) >= SEASON_INDEX)
    trend = float(np.exp(fit1.params[1]))
    return Seasonality(by_month, index, float(lr), p, seasonal, peaks, trend, int(seen.sum()))


def typical_basket(product_orders: dict[str, float], product_revenue: dict[str, float], orders):
    """(product, share of the orders containing it, share of revenue), most common first."""
    revenue = sum(product_revenue.values()) or 1.0
    rows = [
        (p, n / orders if orders else float("nan"), product_revenue.get(p, 0.0) / revenue)
        for p, n in product_orders.items()
    ]
    return tuple(sorted(rows, key=lambda r: (-r[1], -r[2], r[0]))[:TOP_BASKET])


def _nice(x: float) -> float:
    """``x`` rounded to two significant digits (bracket edges people can read)."""
    if x == 0 or not math.isfinite(x):
        return x
    digits = 1 - math.floor(math.log10(abs(x)))
    return round(x, digits)


def brackets(values) -> tuple[float, ...]:
    """Edges splitting a numeric attribute at its quartiles, rounded to two significant digits
    (duplicates dropped).

    >>> brackets(np.arange(1, 1001))
    (250.0, 500.0, 750.0)
    """
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if not len(v):
        return ()
    edges = sorted({_nice(float(q)) for q in np.quantile(v, [0.25, 0.5, 0.75])})
    return tuple(e for e in edges if v.min() < e <= v.max())


def check_by_bracket(values, revenue, orders, monthly, edges=None):
    """Per bracket of an attribute: (label, clients, average check, monthly spend per client).

    A numeric attribute is split at ``edges`` (label = (low, high), None for an open end); a
    text attribute by its values (label = the value). The average check is revenue / orders of
    the bracket's clients (order-weighted); monthly spend the mean over its clients.
    """
    values = np.asarray(values)
    revenue, orders, monthly = (np.asarray(a, dtype=float) for a in (revenue, orders, monthly))
    groups: list[tuple[object, np.ndarray]] = []
    if values.dtype.kind == "f":
        bounds = [None, *(edges or ()), None]
        for low, high in itertools.pairwise(bounds):
            mask = np.isfinite(values)
            if low is not None:
                mask &= values >= low
            if high is not None:
                mask &= values < high
            groups.append(((low, high), mask))
    else:
        text = np.array(["" if v is None else str(v) for v in values], dtype=object)
        groups = [(level, text == level) for level in sorted(set(text) - {""})]
    out = []
    for label, mask in groups:
        if not mask.any():
            continue
        n_orders = orders[mask].sum()
        check = revenue[mask].sum() / n_orders if n_orders else float("nan")
        out.append((label, int(mask.sum()), float(check), float(monthly[mask].mean())))
    return tuple(out)


@dataclass(frozen=True)
class Survey:
    """The interviews as a persona needs them (respondents × touchpoints arrays)."""

    cluster: np.ndarray  # cluster of each respondent's client, -1 when unknown
    touchpoints: tuple[str, ...]
    importance: np.ndarray
    satisfaction: np.ndarray
    comments: tuple[str | None, ...]
    decision_maker: np.ndarray  # per respondent 1.0 / 0.0, NaN where the role is unknown
    channels: dict[str, tuple[str, ...]]  # journey channels of each touchpoint


def _ranked(values: np.ndarray, touchpoints, highest: bool):
    n = (~np.isnan(values)).sum(axis=0)
    total = np.nansum(values, axis=0)
    mean = np.where(n > 0, total / np.maximum(n, 1), np.nan)
    keep = [j for j in range(len(touchpoints)) if n[j] > 0]
    keep.sort(key=lambda j: ((-mean[j] if highest else mean[j]), j))
    return tuple((touchpoints[j], float(mean[j]), int(n[j])) for j in keep[:TOP])


@result
class Persona:
    cluster: int
    name: str
    clients: int
    share: float
    revenue_share: float
    typical: dict[str, object]
    distinguishing: tuple[tuple[str, float], ...]
    attribute_segments: tuple[tuple[str, float, float], ...]  # (segment, share, index)
    respondents: int
    decision_makers: float  # share of decision makers among its respondents with a known role
    needs: tuple[tuple[str, float, int], ...]  # (touchpoint, mean importance, n)
    problems: tuple[tuple[str, float, int], ...]  # (touchpoint, mean satisfaction, n)
    comments: tuple[tuple[str, int], ...]  # (comment, respondents who wrote it)
    channels: tuple[tuple[str, float], ...]  # (channel, share of respondents who used it)
    path_channels: tuple[tuple[str, int], ...]  # (channel, as-is steps) of its segments' paths
    average_check: float
    monthly_spend: float
    by_bracket: tuple  # rows of check_by_bracket
    seasonality: Seasonality
    basket: tuple[tuple[str, float, float], ...]


def _share(flags: np.ndarray) -> float:
    known = flags[~np.isnan(flags)]
    return float(known.mean()) if len(known) else float("nan")


def survey_profile(survey: Survey, cluster: int):
    """(respondents, decision-maker share, needs, problems, comments, channels) of a cluster."""
    mask = survey.cluster == cluster
    n = int(mask.sum())
    imp, sat = survey.importance[mask], survey.satisfaction[mask]
    comments = Counter(
        " ".join(str(c).split()) for c, m in zip(survey.comments, mask, strict=True) if m and c
    )
    met = ~np.isnan(sat)  # a respondent met a touchpoint when they rated it
    used: Counter[str] = Counter()
    for row in met:
        channels = {
            c for j in np.flatnonzero(row) for c in survey.channels.get(survey.touchpoints[j], ())
        }
        used.update(channels)
    channels = (
        tuple(sorted(((c, k / n) for c, k in used.items()), key=lambda t: (-t[1], t[0])))
        if n
        else ()
    )
    return (
        n,
        _share(np.asarray(survey.decision_maker, dtype=float)[mask]),
        _ranked(imp, survey.touchpoints, True),
        _ranked(sat, survey.touchpoints, False),
        tuple(sorted(comments.items(), key=lambda t: (-t[1], t[0]))[:TOP_COMMENTS]),
        channels,
    )


def persona(
    portrait,
    segments,
    survey: Survey,
    behaviour: dict[str, np.ndarray],
    season: Seasonality,
    basket,
    bracket_values=None,
    edges=None,
    path_channels=(),
) -> Persona:
    """The persona card of one cluster. ``portrait`` is its :class:`qfd.behaviour.segments.
    Portrait`; ``segments`` the attribute segments it falls into (:meth:`CrossTable.falls_into`);
    ``behaviour`` holds its clients' ``revenue``, ``orders`` and ``monthly`` spend;
    ``bracket_values`` the chosen attribute for the same clients; ``path_channels`` the channels
    of the as-is paths of the segments it falls into, with their number of steps."""
    s = portrait.segment
    n, dm, needs, problems, comments, channels = survey_profile(survey, s)
    revenue, orders, monthly = (
        np.asarray(behaviour[k], dtype=float) for k in ("revenue", "orders", "monthly")
    )
    check = float(revenue.sum() / orders.sum()) if orders.sum() else float("nan")
    by_bracket = (
        check_by_bracket(bracket_values, revenue, orders, monthly, edges)
        if bracket_values is not None
        else ()
    )
    return Persona(
        s,
        portrait.name,
        portrait.size,
        portrait.share,
        portrait.revenue_share,
        dict(portrait.typical),
        tuple(portrait.distinguishing),
        tuple(segments),
        n,
        dm,
        needs,
        problems,
        comments,
        channels,
        tuple(path_channels),
        check,
        float(monthly.mean()) if len(monthly) else float("nan"),
        by_bracket,
        season,
        tuple(basket),
    )
