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

__all__ = ["MONTHS_SQL", "PRODUCTS_SQL", "PurchaseHabits", "exposure_days", "purchase_habits"]

# Orders (order lines collapsed) and revenue per client and calendar month (1–12).
MONTHS_SQL = """
WITH orders AS ({orders})
SELECT client_id, CAST(month(date) AS INTEGER) AS month, count(*) AS orders,
       sum(amount) AS revenue
FROM orders
GROUP BY client_id, month(date)
ORDER BY client_id, month
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
    months: np.ndarray
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
        np.asarray(months["month"], dtype=int),
        np.asarray(months["orders"], dtype=float),
        np.asarray(months["revenue"], dtype=float),
        np.asarray(products["client_id"], dtype=object),
        np.asarray(products["product"], dtype=object),
        np.asarray(products["orders"], dtype=float),
        np.asarray(products["revenue"], dtype=float),
    )


def exposure_days(first: dt.date, last: dt.date) -> np.ndarray:
    """Days of each calendar month (January first) between ``first`` and ``last`` inclusive:
    how much of the calendar the data observed.

    >>> exposure_days(dt.date(2024, 12, 30), dt.date(2025, 2, 1)).astype(int).tolist()
    [31, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]
    """
    days = np.zeros(12)
    if first > last:
        return days
    day = first
    while day <= last:  # one step per calendar month
        nxt = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        end = min(last, nxt - dt.timedelta(days=1))
        days[day.month - 1] += (end - day).days + 1
        day = nxt
    return days
