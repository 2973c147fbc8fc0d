"""Payment behaviour per client from the transactions, computed in DuckDB.

Each measure is one SQL query over the ``transactions`` view of :mod:`qfd.transactions`
(order lines are first collapsed to orders, so an order with three lines counts once).
Results come back as numpy columns; the transactions themselves never enter Python.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

__all__ = [
    "BINARY_OUTCOMES",
    "CLIENT_BEHAVIOUR_SQL",
    "MONEY_OUTCOMES",
    "OUTCOMES",
    "ClientBehaviour",
    "client_behaviour",
    "respondent_outcome",
]

CLIENT_BEHAVIOUR_SQL = """
WITH orders AS (
    SELECT client_id, order_id, min(date) AS date, sum(amount) AS amount
    FROM transactions
    WHERE date <= $asof
    GROUP BY client_id, order_id
)
SELECT
    client_id,
    date_diff('day', max(date), $asof)                                   AS recency_days,
    count(*)                                                             AS frequency,
    avg(amount)                                                          AS monetary,
    sum(amount)                                                          AS revenue,
    date_diff('day', min(date), $asof)                                   AS tenure_days,
    CASE WHEN count(*) > 1
         THEN date_diff('day', min(date), max(date)) / (count(*) - 1) END AS interpurchase_days,
    coalesce(sum(amount) FILTER (WHERE date > $window_start), 0)         AS window_revenue,
    count(*) FILTER (WHERE date > $window_start)                         AS window_frequency
FROM orders
GROUP BY client_id
ORDER BY client_id
"""

OUTCOMES = ("revenue", "ltv", "frequency", "monetary", "repeat", "churn", "overall", "nps")
MONEY_OUTCOMES = ("revenue", "ltv", "monetary")
BINARY_OUTCOMES = ("repeat", "churn")


@dataclass(frozen=True)
class ClientBehaviour:
    """Columns of per-client payment behaviour at ``as_of`` (one entry per client)."""

    as_of: dt.date
    window_months: float
    client_ids: np.ndarray
    recency_days: np.ndarray
    frequency: np.ndarray
    monetary: np.ndarray
    revenue: np.ndarray
    tenure_days: np.ndarray
    interpurchase_days: np.ndarray
    window_revenue: np.ndarray
    window_frequency: np.ndarray

    def index(self) -> dict[str, int]:
        return {c: i for i, c in enumerate(self.client_ids)}


def _months_before(day: dt.date, months: float) -> dt.date:
    whole = int(months)
    y, m = divmod(day.month - 1 - whole, 12)
    year, month = day.year + y, m + 1
    last = [
        31,
        29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][month - 1]
    base = dt.date(year, month, min(day.day, last))
    return base - dt.timedelta(days=round((months - whole) * 30.4375))


def client_behaviour(
    db, as_of: dt.date | None = None, window_months: float = 12
) -> ClientBehaviour:
    """Recency, frequency, monetary, revenue, tenure and window measures per client.

    ``db`` is an open :class:`qfd.transactions.TransactionDB`; ``as_of`` defaults to the last
    transaction date.
    """
    if as_of is None:
        as_of = db.sql("SELECT max(date) FROM transactions").fetchone()[0]
    start = _months_before(as_of, window_months)
    cols = db.sql(CLIENT_BEHAVIOUR_SQL, {"asof": as_of, "window_start": start}).fetchnumpy()
    return ClientBehaviour(
        as_of=as_of,
        window_months=window_months,
        client_ids=np.asarray(cols.pop("client_id"), dtype=object),
        **{name: numeric_column(values) for name, values in cols.items()},
    )


def numeric_column(values) -> np.ndarray:
    """A DuckDB numeric column as float with NaN for NULL (DuckDB returns masked arrays)."""
    return np.ma.filled(np.ma.asarray(values).astype(float), np.nan)


@dataclass(frozen=True)
class Outcome:
    """The outcome per respondent and how it was made."""

    values: np.ndarray  # NaN where the respondent has no linked client or no answer
    measure: str
    binary: bool
    transform: str  # "log1p" for money, "" otherwise
    n_linked: int

    def label(self) -> str:
        return f"log(1 + {self.measure})" if self.transform == "log1p" else self.measure


def respondent_outcome(
    measure: str, client_ids, behaviour: ClientBehaviour | None, overall=None, nps=None
) -> Outcome:
    """The outcome per respondent: a behaviour measure of its client, or a survey answer.

    Money measures are log-transformed (``log1p``): revenue is heavily skewed, and a log model
    reads as "a one-SD better touchpoint goes with x % more revenue". Binary outcomes:
    ``repeat`` = at least two orders in the window; ``churn`` = no order in the window.
    """
    if measure not in OUTCOMES:
        raise ValueError(f"outcome must be one of {', '.join(OUTCOMES)}; got {measure!r}")
    n = len(client_ids)
    if measure in ("overall", "nps"):
        values = np.asarray(overall if measure == "overall" else nps, dtype=float)
        return Outcome(values, measure, False, "", int((~np.isnan(values)).sum()))
    if behaviour is None:
        raise ValueError(f"outcome '{measure}' needs transactions; none are linked")
    index = behaviour.index()
    column = {
        "revenue": behaviour.window_revenue,
        "ltv": behaviour.revenue,
        "frequency": behaviour.window_frequency,
        "monetary": behaviour.monetary,
        "repeat": (behaviour.window_frequency >= 2).astype(float),
        "churn": (behaviour.window_frequency == 0).astype(float),
    }[measure]
    values = np.full(n, np.nan)
    for i, cid in enumerate(client_ids):
        if cid is not None and cid in index:
            values[i] = column[index[cid]]
    linked = int((~np.isnan(values)).sum())
    if measure in MONEY_OUTCOMES:
        return Outcome(np.log1p(np.clip(values, 0, None)), measure, False, "log1p", linked)
    return Outcome(values, measure, measure in BINARY_OUTCOMES, "", linked)
