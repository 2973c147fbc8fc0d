"""Payment behaviour from DuckDB against a plain-Python computation over the same CSV."""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict

import numpy as np
import pytest
from conftest import EXAMPLE

from qfd.behaviour.measures import _months_before, client_behaviour
from qfd.behaviour.outcome import respondent_outcome
from qfd.errors import AnalysisError
from workbooks.project.engines import open_engine
from workbooks.project.transactions import TransactionSource

CSV = EXAMPLE.parent / "promtech_transactions.csv"
AS_OF = dt.date(2025, 6, 30)


def python_orders():
    orders = defaultdict(lambda: [None, 0.0])  # (client, order) -> [date, amount]
    with open(CSV, encoding="cp1251", newline="") as f:
        reader = csv.reader(f, delimiter=";")
        next(reader)
        for client, order, day, amount, _ in reader:
            d = dt.datetime.strptime(day, "%d.%m.%Y").date()
            o = orders[(client, order)]
            o[0] = d if o[0] is None else min(o[0], d)
            o[1] += float(amount.replace(",", "."))
    return orders


def test_behaviour_matches_python():
    with open_engine(TransactionSource.from_file(CSV)) as engine:
        b = client_behaviour(engine, AS_OF, 12)
    per_client = defaultdict(list)
    for (client, _), (day, amount) in python_orders().items():
        if day <= AS_OF:
            per_client[client].append((day, amount))
    assert set(b.client_ids) == set(per_client)
    start = dt.date(2024, 6, 30)
    for i, cid in enumerate(b.client_ids[:300]):
        rows = sorted(per_client[cid])
        days = [d for d, _ in rows]
        amounts = [a for _, a in rows]
        assert b.frequency[i] == len(rows)
        assert b.revenue[i] == pytest.approx(sum(amounts))
        assert b.monetary[i] == pytest.approx(sum(amounts) / len(rows))
        assert b.recency_days[i] == (AS_OF - days[-1]).days
        assert b.tenure_days[i] == (AS_OF - days[0]).days
        assert b.window_revenue[i] == pytest.approx(sum(a for d, a in rows if d > start))
        assert b.window_frequency[i] == sum(1 for d in days if d > start)
        if len(rows) > 1:
            assert b.interpurchase_days[i] == pytest.approx(
                (days[-1] - days[0]).days / (len(rows) - 1)
            )
        else:
            assert np.isnan(b.interpurchase_days[i])


def test_months_before_handles_month_ends():
    assert _months_before(dt.date(2025, 3, 31), 1) == dt.date(2025, 2, 28)
    assert _months_before(dt.date(2024, 3, 31), 1) == dt.date(2024, 2, 29)
    assert _months_before(dt.date(2025, 12, 31), 12) == dt.date(2024, 12, 31)


def test_outcomes_link_respondents_and_log_money():
    with open_engine(TransactionSource.from_file(CSV)) as engine:
        b = client_behaviour(engine, AS_OF, 12)
    ids = [b.client_ids[0], None, "NOPE", b.client_ids[1]]
    revenue = respondent_outcome("revenue", ids, b)
    assert revenue.transform == "log1p" and revenue.n_linked == 2
    assert revenue.values[0] == pytest.approx(np.log1p(b.window_revenue[0]))
    assert np.isnan(revenue.values[1]) and np.isnan(revenue.values[2])
    churn = respondent_outcome("churn", ids, b)
    assert churn.binary and churn.values[0] == float(b.window_frequency[0] == 0)
    overall = respondent_outcome("overall", ids, None, overall=[4, 5, np.nan, 3])
    assert overall.n_linked == 3
    with pytest.raises(AnalysisError, match="outcome_needs_transactions"):
        respondent_outcome("revenue", ids, None)


def test_repeat_purchase_spend_matches_python():
    """Mean spend per repeat purchase day (first purchase day excluded) — Gamma-Gamma's input."""
    with open_engine(TransactionSource.from_file(CSV)) as engine:
        b = client_behaviour(engine, AS_OF, 12)
    per_day = defaultdict(lambda: defaultdict(float))
    for (client, _), (day, amount) in python_orders().items():
        if day <= AS_OF:
            per_day[client][day] += amount
    for i, cid in enumerate(b.client_ids[:300]):
        days = sorted(per_day[cid])
        if len(days) == 1:
            assert np.isnan(b.repeat_monetary[i])
        else:
            repeat = [per_day[cid][d] for d in days[1:]]
            assert b.repeat_monetary[i] == pytest.approx(sum(repeat) / len(repeat))
            assert b.repeat_days[i] == len(repeat)
