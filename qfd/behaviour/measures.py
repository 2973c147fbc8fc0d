"""Payment behaviour per client from the transactions: RFM, Pareto, basket, window measures.

Each measure is one SQL query, written once in DuckDB's dialect, over a typed ``transactions``
view (client_id, order_id, date, amount, product). Functions take an *engine* — any object with
``query(sql) -> dict of numpy columns`` — opened by the caller (the project layer opens DuckDB
or Spark on the client's file); order lines are first collapsed to orders, so an order with
three lines counts once. The transactions themselves never enter Python.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from qfd.results import result

__all__ = [
    "CLIENT_BEHAVIOUR_SQL",
    "RFM",
    "Basket",
    "ClientBehaviour",
    "Pareto",
    "basket",
    "client_behaviour",
    "last_date",
    "pareto",
    "rfm_scores",
]

# Every query is written once in DuckDB SQL over the typed ``transactions`` view; {asof} and
# {window_start} are replaced by date literals. The Spark engine transpiles the same text.
ORDERS = """
    SELECT client_id, order_id, min(date) AS date, sum(amount) AS amount
    FROM transactions
    WHERE date <= {asof}
    GROUP BY client_id, order_id
"""

CLIENT_BEHAVIOUR_SQL = """
WITH orders AS ({orders}),
firsts AS (SELECT client_id AS first_client, min(date) AS first_date FROM orders GROUP BY client_id)
SELECT
    client_id,
    date_diff('day', max(date), {asof})                                   AS recency_days,
    count(*)                                                              AS frequency,
    avg(amount)                                                           AS monetary,
    sum(amount)                                                           AS revenue,
    date_diff('day', min(date), {asof})                                   AS tenure_days,
    CASE WHEN count(*) > 1
         THEN date_diff('day', min(date), max(date)) / (count(*) - 1) END AS interpurchase_days,
    coalesce(sum(CASE WHEN date > {window_start} THEN amount END), 0)     AS window_revenue,
    count(CASE WHEN date > {window_start} THEN 1 END)                     AS window_frequency,
    count(DISTINCT date) - 1                                              AS repeat_days,
    date_diff('day', min(date), max(date))                                AS last_purchase_age_days,
    CASE WHEN count(DISTINCT date) > 1
         THEN sum(CASE WHEN date > first_date THEN amount ELSE 0 END)
              / (count(DISTINCT date) - 1) END                            AS repeat_monetary
FROM orders JOIN firsts ON orders.client_id = firsts.first_client
GROUP BY client_id
ORDER BY client_id
"""

# RFM quintile scores 1–5 by rank (ties share a score, so the result is deterministic).
RFM_SQL = """
WITH orders AS ({orders}),
c AS (
    SELECT client_id, date_diff('day', max(date), {asof}) AS recency_days,
           count(*) AS frequency, avg(amount) AS monetary
    FROM orders GROUP BY client_id
)
SELECT client_id,
    1 + CAST(floor(5 * (rank() OVER (ORDER BY recency_days DESC) - 1) / count(*) OVER ()) AS INTEGER) AS r_score,
    1 + CAST(floor(5 * (rank() OVER (ORDER BY frequency) - 1) / count(*) OVER ()) AS INTEGER) AS f_score,
    1 + CAST(floor(5 * (rank() OVER (ORDER BY monetary) - 1) / count(*) OVER ()) AS INTEGER) AS m_score
FROM c
ORDER BY client_id
"""

PARETO_SQL = """
WITH c AS (SELECT client_id, sum(amount) AS revenue FROM transactions WHERE date <= {asof} GROUP BY client_id)
SELECT client_id, revenue,
    sum(revenue) OVER (ORDER BY revenue DESC, client_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
        / sum(revenue) OVER () AS cum_share,
    row_number() OVER (ORDER BY revenue DESC, client_id) AS position
FROM c
ORDER BY position
"""

TOP_PRODUCTS_SQL = """
SELECT product, count(DISTINCT order_id) AS orders, count(DISTINCT client_id) AS clients,
       sum(amount) AS revenue
FROM transactions
WHERE date <= {asof} AND product IS NOT NULL
GROUP BY product
ORDER BY revenue DESC, product
LIMIT {limit}
"""

# Pairs bought together within one basket; {basket} is order_id (one order) or client_id
# (across a client's orders).
PAIRS_SQL = """
WITH items AS (
    SELECT DISTINCT {basket} AS basket, product FROM transactions
    WHERE date <= {asof} AND product IS NOT NULL
),
baskets AS (SELECT count(DISTINCT basket) AS n FROM items),
counts AS (SELECT product, count(*) AS k FROM items GROUP BY product),
pairs AS (
    SELECT x.product AS product_a, y.product AS product_b, count(*) AS together
    FROM items x JOIN items y ON x.basket = y.basket AND x.product < y.product
    GROUP BY x.product, y.product
)
SELECT pairs.product_a, pairs.product_b, pairs.together,
       pairs.together / baskets.n AS support,
       pairs.together / ca.k AS confidence_ab,
       pairs.together / cb.k AS confidence_ba,
       pairs.together * baskets.n / (ca.k * cb.k) AS lift
FROM pairs
CROSS JOIN baskets
JOIN counts ca ON ca.product = pairs.product_a
JOIN counts cb ON cb.product = pairs.product_b
ORDER BY lift DESC, together DESC, product_a, product_b
LIMIT {limit}
"""


def _literal(day: dt.date) -> str:
    return f"DATE '{day.isoformat()}'"


def render(sql: str, as_of: dt.date, window_start: dt.date | None = None, **extra) -> str:
    """Fill the placeholders of a query with literals (dates are generated, never user text)."""
    values = {"asof": _literal(as_of), "window_start": _literal(window_start or as_of), **extra}
    values["orders"] = ORDERS.format(**values)
    return sql.format(**values)


@result
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
    repeat_days: np.ndarray
    last_purchase_age_days: np.ndarray
    repeat_monetary: np.ndarray  # mean spend per repeat purchase day (NaN without repeats)

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


def last_date(engine) -> dt.date:
    value = engine.query("SELECT max(date) AS d FROM transactions")["d"][0]
    return value.date() if isinstance(value, dt.datetime) else value


def client_behaviour(
    engine, as_of: dt.date | None = None, window_months: float = 12
) -> ClientBehaviour:
    """Recency, frequency, monetary, revenue, tenure and window measures per client.

    ``engine`` is an engine of :mod:`workbooks.project.engines`; ``as_of`` defaults to the last transaction date.
    Repeat purchases for BG/NBD and Gamma-Gamma count distinct purchase days after the first
    (``repeat_days``, ``last_purchase_age_days``, and ``repeat_monetary``, the mean spend per
    repeat day: first purchases do not enter it, as the Gamma-Gamma paper defines it).
    """
    as_of = as_of or last_date(engine)
    start = _months_before(as_of, window_months)
    cols = engine.query(render(CLIENT_BEHAVIOUR_SQL, as_of, start))
    return ClientBehaviour(
        as_of=as_of,
        window_months=window_months,
        client_ids=np.asarray(cols.pop("client_id"), dtype=object),
        **{name: np.asarray(values, dtype=float) for name, values in cols.items()},
    )


@result
class RFM:
    client_ids: np.ndarray
    r: np.ndarray
    f: np.ndarray
    m: np.ndarray

    def segment_counts(self) -> dict[str, int]:
        """Clients per classic RFM group (champions: R,F ≥ 4; at risk: R ≤ 2, F ≥ 4; ...)."""
        groups = {
            "champions": (self.r >= 4) & (self.f >= 4),
            "at_risk": (self.r <= 2) & (self.f >= 4),
            "new": (self.r >= 4) & (self.f <= 2),
            "lost": (self.r <= 2) & (self.f <= 2),
        }
        groups["other"] = ~np.any(list(groups.values()), axis=0)
        return {k: int(v.sum()) for k, v in groups.items()}


def rfm_scores(engine, as_of: dt.date) -> RFM:
    cols = engine.query(render(RFM_SQL, as_of))
    return RFM(
        np.asarray(cols["client_id"], dtype=object),
        cols["r_score"].astype(int),
        cols["f_score"].astype(int),
        cols["m_score"].astype(int),
    )


@result
class Pareto:
    client_ids: np.ndarray  # by revenue, descending
    revenue: np.ndarray
    cum_share: np.ndarray
    share_for_80: float  # share of clients that brings 80 % of revenue
    tiers: tuple[tuple[str, int, float], ...]  # (tier, clients, revenue share)

    TIER_CUTS = (("A", 0.80), ("B", 0.95), ("C", 1.0))


def pareto(engine, as_of: dt.date) -> Pareto:
    """Clients by revenue; the share of clients making 80 % of it; service tiers A/B/C
    (A: the clients making the first 80 % of revenue, B: the next 15 %, C: the rest)."""
    cols = engine.query(render(PARETO_SQL, as_of))
    cum = cols["cum_share"]
    n = len(cum)
    k80 = int(np.searchsorted(cum, 0.8 - 1e-12) + 1) if n else 0
    tiers, start = [], 0
    for name, cut in Pareto.TIER_CUTS:
        end = n if cut >= 1 else int(np.searchsorted(cum, cut - 1e-12) + 1)
        end = max(end, start)
        share = (cum[end - 1] if end else 0.0) - (cum[start - 1] if start else 0.0)
        tiers.append((name, end - start, float(share)))
        start = end
    return Pareto(
        np.asarray(cols["client_id"], dtype=object),
        cols["revenue"],
        cum,
        k80 / n if n else float("nan"),
        tuple(tiers),
    )


@result
class Basket:
    top_products: dict[str, np.ndarray]
    pairs_in_order: dict[str, np.ndarray]
    pairs_across_orders: dict[str, np.ndarray]


def basket(engine, as_of: dt.date, limit: int = 15) -> Basket:
    """Top products and product pairs (support, confidence both ways, lift) within one order
    and across each client's orders."""
    return Basket(
        engine.query(render(TOP_PRODUCTS_SQL, as_of, limit=limit)),
        engine.query(render(PAIRS_SQL, as_of, basket="order_id", limit=limit)),
        engine.query(render(PAIRS_SQL, as_of, basket="client_id", limit=limit)),
    )
