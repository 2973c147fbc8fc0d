"""Inter-purchase gaps, months and products per client: DuckDB against pandas over the same CSV,
and the same query text on Spark (local mode)."""

from __future__ import annotations

import datetime as dt
import shutil

import numpy as np
import pandas as pd
import pytest
from conftest import EXAMPLE

from qfd.behaviour.habits import (
    FIRST_SQL,
    MONTHS_SQL,
    PRODUCTS_SQL,
    period_days,
    purchase_habits,
)
from qfd.behaviour.intervals import GAPS_SQL, purchase_gaps
from qfd.behaviour.measures import render
from workbooks.project.engines import open_engine
from workbooks.project.transactions import TransactionSource

CSV = EXAMPLE.parent / "promtech_transactions.csv"
AS_OF = dt.date(2025, 6, 30)


@pytest.fixture(scope="module")
def lines() -> pd.DataFrame:
    df = pd.read_csv(CSV, sep=";", encoding="cp1251", decimal=",", dtype={0: str, 1: str})
    df.columns = ["client", "order", "date", "amount", "product"]
    df["date"] = pd.to_datetime(df["date"], format="%d.%m.%Y").dt.date
    return df[df["date"] <= AS_OF]


@pytest.fixture(scope="module")
def engine():
    with open_engine(TransactionSource.from_file(CSV)) as e:
        yield e


def test_gaps_match_pandas(engine, lines):
    got = purchase_gaps(engine, AS_OF)
    orders = lines.groupby(["client", "order"], as_index=False)["date"].min()
    days = orders.drop_duplicates(["client", "date"]).sort_values(["client", "date"])
    days["gap"] = (
        days.groupby("client")["date"].diff().map(lambda d: d.days if pd.notna(d) else np.nan)
    )
    expected = days.dropna(subset=["gap"])
    assert got.client_ids.tolist() == expected["client"].tolist()
    np.testing.assert_array_equal(got.gap_days, expected["gap"].to_numpy(dtype=float))
    # one gap per purchase day after the first: as many as BG/NBD's repeat days
    assert len(got.gap_days) == (days.groupby("client").size() - 1).sum()
    sample = set(expected["client"].unique()[:50])
    gaps, owners = got.of(sample)
    assert set(owners) == sample and len(gaps) == expected["client"].isin(sample).sum()


def test_months_and_products_match_pandas(engine, lines):
    got = purchase_habits(engine, AS_OF)
    orders = lines.groupby(["client", "order"], as_index=False).agg(
        date=("date", "min"), amount=("amount", "sum")
    )
    orders["period"] = [d.year * 12 + d.month - 1 for d in orders["date"]]
    by_month = orders.groupby(["client", "period"]).agg(n=("order", "size"), rev=("amount", "sum"))
    mine = pd.DataFrame(
        {
            "client": got.month_clients,
            "period": got.periods,
            "n": got.month_orders,
            "rev": got.month_revenue,
        }
    ).set_index(["client", "period"])
    pd.testing.assert_series_equal(mine["n"], by_month["n"].astype(float), check_names=False)
    np.testing.assert_allclose(mine["rev"], by_month["rev"], rtol=1e-9)
    by_product = lines.groupby(["client", "product"]).agg(
        n=("order", "nunique"), rev=("amount", "sum")
    )
    theirs = pd.DataFrame(
        {"client": got.product_clients, "product": got.products, "n": got.product_orders}
    ).set_index(["client", "product"])["n"]
    assert theirs.to_dict() == by_product["n"].astype(float).to_dict()
    np.testing.assert_allclose(
        got.product_revenue, by_product["rev"].sort_index().to_numpy(), rtol=1e-9
    )
    assert got.first == min(lines["date"])


@pytest.mark.parametrize(
    "first, last",
    [
        (dt.date(2023, 1, 1), dt.date(2025, 12, 31)),
        (dt.date(2024, 2, 10), dt.date(2024, 3, 5)),
        (dt.date(2023, 11, 30), dt.date(2026, 2, 28)),
    ],
)
def test_period_days_count_the_calendar(first, last):
    counted: dict[int, int] = {}
    day = first
    while day <= last:  # day by day
        period = day.year * 12 + day.month - 1
        counted[period] = counted.get(period, 0) + 1
        day += dt.timedelta(days=1)
    start, days = period_days(first, last)
    assert start == min(counted) and len(days) == max(counted) - start + 1
    np.testing.assert_array_equal(days, [counted.get(start + k, 0) for k in range(len(days))])


def test_the_queries_give_the_same_on_spark(tmp_path):
    if shutil.which("java") is None:
        pytest.skip(
            "!!! Java is not installed: the Spark test of the journey queries did not run. "
            "Install openjdk-17-jre-headless (.ci/run does). !!!"
        )
    with open(CSV, "rb") as f:
        head = f.read().split(b"\n")[:5000]
    sample = tmp_path / "sample.csv"
    sample.write_bytes(b"\n".join(head) + b"\n")
    queries = {
        "gaps": render(GAPS_SQL, AS_OF),
        "months": render(MONTHS_SQL, AS_OF),
        "products": render(PRODUCTS_SQL, AS_OF),
        "first": render(FIRST_SQL, AS_OF),
    }
    source = TransactionSource.from_file(sample)
    with open_engine(source, "duckdb") as duck:
        expected = {k: duck.query(q) for k, q in queries.items()}
    with open_engine(source, "spark", "local[2]") as spark:
        got = {k: spark.query(q) for k, q in queries.items()}
    for name, cols in expected.items():
        assert list(cols) == list(got[name]), name
        for col, values in cols.items():
            other = got[name][col]
            if values.dtype == object:  # dates: DuckDB gives datetimes, Spark dates
                assert [str(v)[:10] for v in values] == [str(v)[:10] for v in other], (name, col)
            else:
                np.testing.assert_allclose(other, values, rtol=1e-12, err_msg=f"{name}.{col}")
