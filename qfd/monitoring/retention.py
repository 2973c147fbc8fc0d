"""Retention from the transactions: cohorts, sleeping clients, returns — one SQL text per measure.

Every query is written once in DuckDB's dialect over the typed ``transactions`` view, in the
style of :mod:`qfd.behaviour.measures` (the Spark engine transpiles the same text; a test runs
both and a pandas brute force). Order lines are collapsed to orders first. Months are calendar
months, numbered ``year·12 + month − 1``.

* **Cohort retention**: clients whose first order fell in month *c*; the share of them who
  ordered in month *c + k*.
* **The usual interval of a segment**: the ``quantile`` (0.9, linear interpolation) of the gaps
  in days between consecutive purchase days of its clients; a segment with fewer than ``MIN_GAPS`` gaps uses
  the interval of all clients (and the result says so).
* **Sleeping**: a client is sleeping at the end of a month when the days since their last
  purchase exceed their segment's usual interval. Per month and segment: clients known so far,
  sleeping, buyers, new (first order), *returned* (sleeping at the end of the previous month,
  bought this month), *fell asleep* (awake at the end of the previous month, sleeping now).
  Monthly retention = 1 − fell asleep / awake at the previous month's end; return rate =
  returned / sleeping at the previous month's end; balance = new + returned − fell asleep.

Segments are handed in as a mapping client → segment (user text, quoted into the SQL as
literals); clients without one form the segment ``""``; ``"*"`` is every client.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field

import numpy as np

from qfd.behaviour.measures import ORDERS, _literal, last_date
from qfd.errors import AnalysisError, check_fraction, check_integer
from qfd.notes import note
from qfd.results import result

__all__ = [
    "COHORT_SQL",
    "FLOW_SQL",
    "MIN_GAPS",
    "SLEEPING_SQL",
    "Retention",
    "render_retention",
    "retention",
]

MIN_GAPS = 30  # gaps a segment needs for its own usual interval
ALL = "*"

_SEG = """seg AS ({segments}),
orders AS ({orders}),
c AS (
    SELECT orders.client_id, coalesce(max(seg.segment), '') AS segment, min(orders.date) AS first_date
    FROM orders LEFT JOIN seg ON seg.client_id = orders.client_id
    GROUP BY orders.client_id
)"""

# Gaps between consecutive purchase days, and the usual interval per segment: the quantile with
# linear interpolation between the order statistics (numpy's default, DuckDB's quantile_cont),
# written with row numbers because Spark has no exact ordered-set percentile sqlglot maps to.
_THRESHOLDS = """days AS (SELECT DISTINCT client_id, date FROM orders),
gaps AS (
    SELECT client_id,
           date_diff('day', lag(date) OVER (PARTITION BY client_id ORDER BY date), date) AS gap
    FROM days
),
g AS (
    SELECT c.segment, gaps.gap FROM gaps JOIN c ON c.client_id = gaps.client_id
    WHERE gaps.gap IS NOT NULL
    UNION ALL
    SELECT '*' AS segment, gap FROM gaps WHERE gap IS NOT NULL
),
ranked AS (
    SELECT segment, gap, row_number() OVER (PARTITION BY segment ORDER BY gap) - 1 AS r,
           count(*) OVER (PARTITION BY segment) AS n, (count(*) OVER (PARTITION BY segment) - 1) * {quantile} AS h
    FROM g
),
q AS (
    SELECT segment, max(n) AS n, max(h) - floor(max(h)) AS frac,
           max(CASE WHEN r = floor(h) THEN gap END) AS lo,
           coalesce(max(CASE WHEN r = floor(h) + 1 THEN gap END), max(CASE WHEN r = floor(h) THEN gap END)) AS hi
    FROM ranked GROUP BY segment
),
own AS (SELECT segment, n, lo + frac * (hi - lo) AS q FROM q),
thresholds AS (
    SELECT s.segment,
           CASE WHEN own.n >= {min_gaps} THEN own.q ELSE overall.q END AS interval_days,
           coalesce(own.n, 0) AS gaps, overall.q AS all_interval, overall.n AS all_gaps
    FROM (SELECT DISTINCT segment FROM c) s
    CROSS JOIN (SELECT q, n FROM own WHERE segment = '*') overall
    LEFT JOIN own ON own.segment = s.segment
)"""

COHORT_SQL = (
    """
WITH """
    + _SEG
    + """,
om AS (SELECT DISTINCT client_id, year(date) * 12 + month(date) - 1 AS m FROM orders),
aged AS (
    SELECT c.segment, year(c.first_date) * 12 + month(c.first_date) - 1 AS cohort,
           om.m - (year(c.first_date) * 12 + month(c.first_date) - 1) AS age
    FROM c JOIN om ON om.client_id = c.client_id
)
SELECT CASE WHEN grouping(segment) = 1 THEN '*' ELSE segment END AS segment, cohort, age,
       count(*) AS clients
FROM aged
GROUP BY GROUPING SETS ((segment, cohort, age), (cohort, age))
ORDER BY 1, cohort, age
"""
)

FLOW_SQL = (
    """
WITH """
    + _SEG
    + ",\n"
    + _THRESHOLDS
    + """,
months AS ({months}),
pm AS (
    SELECT client_id, year(date) * 12 + month(date) - 1 AS m, max(date) AS last_in_month
    FROM orders GROUP BY client_id, year(date) * 12 + month(date) - 1
),
grid AS (
    SELECT c.client_id, c.segment, months.m, months.month_end
    FROM c JOIN months ON months.month_end >= c.first_date
),
st AS (
    SELECT grid.client_id, grid.segment, grid.m, grid.month_end, pm.last_in_month,
           max(pm.last_in_month) OVER (
               PARTITION BY grid.client_id ORDER BY grid.m
               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
           ) AS last_date
    FROM grid LEFT JOIN pm ON pm.client_id = grid.client_id AND pm.m = grid.m
),
status AS (
    SELECT st.client_id, st.segment, st.m, t.interval_days, t.gaps, t.all_interval, t.all_gaps,
           CASE WHEN st.last_in_month IS NOT NULL THEN 1 ELSE 0 END AS bought,
           CASE WHEN date_diff('day', st.last_date, st.month_end) > t.interval_days
                THEN 1 ELSE 0 END AS sleeping
    FROM st JOIN thresholds t ON t.segment = st.segment
),
flow AS (
    SELECT status.*, lag(sleeping) OVER (PARTITION BY client_id ORDER BY m) AS was_sleeping
    FROM status
)
SELECT CASE WHEN grouping(segment) = 1 THEN '*' ELSE segment END AS segment, m,
       count(*) AS clients, sum(sleeping) AS sleeping, sum(bought) AS buyers,
       sum(CASE WHEN was_sleeping IS NULL THEN 1 ELSE 0 END) AS new_clients,
       sum(CASE WHEN was_sleeping = 1 AND bought = 1 THEN 1 ELSE 0 END) AS returned,
       sum(CASE WHEN was_sleeping = 0 AND sleeping = 1 THEN 1 ELSE 0 END) AS fell_asleep,
       sum(CASE WHEN was_sleeping = 1 THEN 1 ELSE 0 END) AS slept_before,
       sum(CASE WHEN was_sleeping = 0 THEN 1 ELSE 0 END) AS awake_before,
       CASE WHEN grouping(segment) = 1 THEN max(all_interval) ELSE max(interval_days) END
           AS interval_days,
       CASE WHEN grouping(segment) = 1 THEN max(all_gaps) ELSE max(gaps) END AS gaps
FROM flow
GROUP BY GROUPING SETS ((segment, m), (m))
ORDER BY 1, m
"""
)

SLEEPING_SQL = (
    """
WITH """
    + _SEG
    + ",\n"
    + _THRESHOLDS
    + """,
last AS (
    SELECT orders.client_id, max(orders.date) AS last_date, count(*) AS orders,
           coalesce(sum(CASE WHEN orders.date > {year_ago} THEN orders.amount END), 0) AS revenue_12m,
           sum(orders.amount) AS revenue
    FROM orders GROUP BY orders.client_id
)
SELECT last.client_id, c.segment, last.last_date,
       date_diff('day', last.last_date, {asof}) AS days_since, t.interval_days,
       last.orders, last.revenue_12m, last.revenue
FROM last
JOIN c ON c.client_id = last.client_id
JOIN thresholds t ON t.segment = c.segment
WHERE date_diff('day', last.last_date, {asof}) > t.interval_days
ORDER BY last.revenue_12m DESC, last.revenue DESC, last.client_id
LIMIT {limit}
"""
)


def _text(value: str) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _segments_sql(segments: dict[str, str]) -> str:
    if not segments:
        return "SELECT CAST(NULL AS VARCHAR) AS client_id, CAST(NULL AS VARCHAR) AS segment WHERE 1 = 0"
    rows = ", ".join(f"({_text(c)}, {_text(s)})" for c, s in sorted(segments.items()))
    return f"SELECT * FROM (VALUES {rows}) AS s(client_id, segment)"


def _month_end(m: int) -> dt.date:
    year, month = divmod(m + 1, 12)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def _months_sql(first: int, last: int, as_of: dt.date) -> str:
    rows = ", ".join(
        f"({m}, {_literal(min(_month_end(m), as_of))})" for m in range(first, last + 1)
    )
    return f"SELECT * FROM (VALUES {rows}) AS mo(m, month_end)"


def render_retention(
    sql: str,
    as_of: dt.date,
    segments: dict[str, str] | None = None,
    quantile: float = 0.9,
    first_month: int | None = None,
    limit: int = 50,
) -> str:
    """A retention query with its placeholders filled (dates and months are generated, the
    segment names are quoted literals)."""
    values = {
        "asof": _literal(as_of),
        "year_ago": _literal(as_of - dt.timedelta(days=365)),
        "quantile": repr(float(quantile)),
        "min_gaps": MIN_GAPS,
        "limit": int(limit),
        "segments": _segments_sql(segments or {}),
    }
    values["orders"] = ORDERS.format(asof=values["asof"])
    last = as_of.year * 12 + as_of.month - 1
    values["months"] = _months_sql(last if first_month is None else first_month, last, as_of)
    return sql.format(**values)


@result
class Retention:
    """Retention per segment ("*" = every client) up to ``as_of``.

    ``cohorts`` are first-order months; ``cohort_clients[s]`` is cohorts × ages (age 0 = the
    cohort's size; NaN where the age is not observed yet). ``months`` and ``flows[s][name]``
    (clients, sleeping, buyers, new_clients, returned, fell_asleep, slept_before, awake_before)
    are monthly. ``sleeping_clients`` lists the sleeping clients with the most revenue in the
    last 12 months.
    """

    as_of: dt.date
    quantile: float
    segments: tuple[str, ...]
    intervals: dict[str, float]
    gaps: dict[str, int]
    cohorts: np.ndarray
    cohort_clients: dict[str, np.ndarray]
    months: np.ndarray
    flows: dict[str, dict[str, np.ndarray]]
    sleeping_clients: dict[str, np.ndarray]
    notes: tuple = field(default=())

    def curve(self, segment: str = ALL, ages=(1, 3, 6, 12)) -> np.ndarray:
        """Share of a cohort still buying k months after its first order, pooled over cohorts
        (weighted by cohort size) where age k is observed."""
        table = self.cohort_clients[segment]
        out = []
        for k in ages:
            if k >= table.shape[1]:
                out.append(np.nan)
                continue
            seen = np.isfinite(table[:, k])
            size = table[seen, 0].sum()
            out.append(np.nansum(table[seen, k]) / size if size else np.nan)
        return np.array(out)

    def summary(self, segment: str = ALL, window: int = 12) -> dict[str, float]:
        """The latest month's sleeping share and balance, and the monthly retention and return
        rate averaged over the last ``window`` months (ratios of the summed counts)."""
        f = self.flows[segment]
        last = slice(max(0, len(self.months) - window), None)
        awake = f["awake_before"][last].sum()
        slept = f["slept_before"][last].sum()
        return {
            "clients": float(f["clients"][-1]),
            "sleeping": float(f["sleeping"][-1]),
            "sleeping_share": float(f["sleeping"][-1] / f["clients"][-1]),
            "retention": float(1 - f["fell_asleep"][last].sum() / awake) if awake else np.nan,
            "return_rate": float(f["returned"][last].sum() / slept) if slept else np.nan,
            "balance": float(f["new_clients"][-1] + f["returned"][-1] - f["fell_asleep"][-1]),
        }


def retention(
    engine,
    segments: dict[str, str] | None = None,
    as_of: dt.date | None = None,
    quantile: float = 0.9,
    limit: int = 50,
) -> Retention:
    """Cohorts, usual intervals, monthly flows and the sleeping clients, from the
    ``transactions`` view of ``engine`` (see :mod:`workbooks.project.engines`)."""
    check_fraction("quantile", quantile, open_low=True, open_high=True)
    check_integer("limit", limit, 1)
    as_of = as_of or last_date(engine)
    if as_of is None:
        raise AnalysisError("retention_no_orders")
    first = engine.query(
        f"SELECT min(date) AS d FROM transactions WHERE date <= {_literal(as_of)}"
    )["d"][0]
    if first is None or (isinstance(first, float) and np.isnan(first)):
        raise AnalysisError("retention_no_orders")
    first = first.date() if isinstance(first, dt.datetime) else first
    first_month = first.year * 12 + first.month - 1

    def run(sql):
        return engine.query(render_retention(sql, as_of, segments, quantile, first_month, limit))

    fl = run(FLOW_SQL)
    seg_names = [str(x) for x in fl["segment"]]
    intervals = {s: float(v) for s, v in zip(seg_names, fl["interval_days"], strict=True)}
    gaps = {s: int(v) for s, v in zip(seg_names, fl["gaps"], strict=True)}
    order = [ALL, *sorted(s for s in intervals if s != ALL)]
    notes = []
    if not np.isfinite(intervals.get(ALL, np.nan)):
        raise AnalysisError("retention_no_repeat")
    for s in order[1:]:
        if gaps[s] < MIN_GAPS:
            notes.append(note("retention_interval_pooled", segment=s, gaps=gaps[s], limit=MIN_GAPS))

    coh = run(COHORT_SQL)
    cohorts = np.unique(coh["cohort"].astype(int))
    last_month = as_of.year * 12 + as_of.month - 1
    width = last_month - first_month + 1
    cohort_clients = {}
    for s in order:  # every segment keeps the full list of cohorts (zeros where it has none)
        table = np.full((len(cohorts), width), np.nan)
        for k, c in enumerate(cohorts):
            table[k, : last_month - c + 1] = 0.0  # the ages observed so far
        sel = np.array([str(x) == s for x in coh["segment"]])
        for c, age, n in zip(coh["cohort"][sel], coh["age"][sel], coh["clients"][sel], strict=True):
            table[int(np.searchsorted(cohorts, int(c))), int(age)] = n
        cohort_clients[s] = table

    months = np.arange(first_month, last_month + 1)
    names = (
        "clients",
        "sleeping",
        "buyers",
        "new_clients",
        "returned",
        "fell_asleep",
        "slept_before",
        "awake_before",
    )
    flows = {}
    for s in order:
        sel = np.array([str(x) == s for x in fl["segment"]])
        cols = {n: np.zeros(len(months)) for n in names}
        pos = (fl["m"][sel].astype(int) - first_month).astype(int)
        for n in names:
            cols[n][pos] = fl[n][sel]
        flows[s] = cols
    sleepers = run(SLEEPING_SQL)
    return Retention(
        as_of=as_of,
        quantile=float(quantile),
        segments=tuple(order),
        intervals=intervals,
        gaps=gaps,
        cohorts=cohorts,
        cohort_clients=cohort_clients,
        months=months,
        flows=flows,
        sleeping_clients=sleepers,
        notes=tuple(notes),
    )
