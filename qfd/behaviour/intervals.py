"""Inter-purchase times: the days between consecutive purchase days of each client.

One SQL query, written once in DuckDB's dialect over the typed ``transactions`` view (the Spark
engine transpiles the same text, like every query of :mod:`qfd.behaviour.measures`). Order lines
are collapsed to orders, orders to purchase days (two orders on one day are one purchase
occasion, as in BG/NBD's repeat days), and each purchase day after a client's first gives one
completed gap. The open interval since the last purchase is the client's recency, not a gap.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from qfd.behaviour.measures import render
from qfd.results import result

__all__ = ["GAPS_SQL", "PurchaseGaps", "purchase_gaps"]

GAPS_SQL = """
WITH orders AS ({orders}),
days AS (SELECT DISTINCT client_id, date FROM orders),
lagged AS (
    SELECT client_id, date, lag(date) OVER (PARTITION BY client_id ORDER BY date) AS previous
    FROM days
)
SELECT client_id, date_diff('day', previous, date) AS gap_days
FROM lagged
WHERE previous IS NOT NULL
ORDER BY client_id, date
"""


@result
class PurchaseGaps:
    """Completed gaps, one entry per purchase day after a client's first (ordered by client,
    then date)."""

    as_of: dt.date
    client_ids: np.ndarray
    gap_days: np.ndarray

    def of(self, members) -> tuple[np.ndarray, np.ndarray]:
        """(gaps, their clients) of the clients in ``members`` (any container of client ids)."""
        members = set(members)
        keep = np.fromiter((c in members for c in self.client_ids), bool, len(self.client_ids))
        return self.gap_days[keep], self.client_ids[keep]


def purchase_gaps(engine, as_of: dt.date) -> PurchaseGaps:
    """Every client's completed inter-purchase gaps up to ``as_of``."""
    cols = engine.query(render(GAPS_SQL, as_of))
    return PurchaseGaps(
        as_of,
        np.asarray(cols["client_id"], dtype=object),
        np.asarray(cols["gap_days"], dtype=float),
    )
