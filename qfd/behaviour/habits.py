"""When and what each client buys: orders by calendar month and by product, per client.

Two SQL queries in DuckDB's dialect over the typed ``transactions`` view (the Spark engine
transpiles the same text). A segment's seasonality and typical basket are sums of these rows
over its clients (:mod:`qfd.journey.personas`), so the transactions never enter Python.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from qfd.behaviour.measures import render
from qfd.results import result

__all__ = [
    "MONTHS_SQL",
    "PRODUCTS_SQL",
    "PurchaseHabits",
    "period_days",
    "purchase_habits",
]

# Orders (order lines collapsed) and revenue per client and month, the month as a period
# number (year · 12 + month − 1): seasonality needs the months of each year apart, to tell a
# season from growth.
MONTHS_SQL = """
WITH orders AS ({orders})
SELECT client_id, CAST(year(date) * 12 + month(date) - 1 AS INTEGER) AS period,
       count(*) AS orders, sum(amount) AS revenue
FROM orders
GROUP BY client_id, year(date), month(date)
ORDER BY client_id, period
"""

# Orders containing the product and revenue of the product, per client.
PRODUCTS_SQL = """
SELECT client_id, product, count(DISTINCT order_id) AS orders, sum(amount) AS revenue
FROM transactions
WHERE date <= {asof} AND product IS NOT NULL
GROUP BY client_id, product
ORDER BY client_id, product
"""

FIRST_SQL = "SELECT min(date) AS first FROM transactions WHERE date <= {asof}"


@result
class PurchaseHabits:
    first: dt.date  # the first transaction date: with as_of, the observed calendar
    as_of: dt.date
    month_clients: np.ndarray  # one row per (client, month)
    periods: np.ndarray  # the month as year · 12 + month − 1
    month_orders: np.ndarray
    month_revenue: np.ndarray
    product_clients: np.ndarray  # one row per (client, product)
    products: np.ndarray
    product_orders: np.ndarray
    product_revenue: np.ndarray


def _day(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def purchase_habits(engine, as_of: dt.date) -> PurchaseHabits:
    """Orders per client and calendar month, and per client and product, up to ``as_of``."""
    months = engine.query(render(MONTHS_SQL, as_of))
    products = engine.query(render(PRODUCTS_SQL, as_of))
    first = _day(engine.query(render(FIRST_SQL, as_of))["first"][0])
    return PurchaseHabits(
        first,
        as_of,
        np.asarray(months["client_id"], dtype=object),
        np.asarray(months["period"], dtype=int),
        np.asarray(months["orders"], dtype=float),
        np.asarray(months["revenue"], dtype=float),
        np.asarray(products["client_id"], dtype=object),
        np.asarray(products["product"], dtype=object),
        np.asarray(products["orders"], dtype=float),
        np.asarray(products["revenue"], dtype=float),
    )


def period_days(first: dt.date, last: dt.date) -> tuple[int, np.ndarray]:
    """(the first month's period number, days observed in each month from ``first`` to ``last``
    inclusive): the exposure of each month of the series.

    >>> period_days(dt.date(2024, 12, 30), dt.date(2025, 2, 1))
    (24299, array([ 2., 31.,  1.]))
    """
    start = first.year * 12 + first.month - 1
    if first > last:
        return start, np.zeros(0)
    days = np.zeros(last.year * 12 + last.month - start)
    day = first
    while day <= last:  # one step per month
        nxt = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        end = min(last, nxt - dt.timedelta(days=1))
        days[day.year * 12 + day.month - 1 - start] += (end - day).days + 1
        day = nxt
    return start, days
