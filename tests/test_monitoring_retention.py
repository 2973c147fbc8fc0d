"""Retention queries: the same results on DuckDB and Spark, both equal to a pandas brute force
written from the definitions, and the clients who left in the example found sleeping."""

from __future__ import annotations

import datetime as dt
import shutil

import numpy as np
import pandas as pd
import pytest
from conftest import EXAMPLE

from qfd.monitoring.retention import (
    COHORT_SQL,
    FLOW_SQL,
    MIN_GAPS,
    SLEEPING_SQL,
    render_retention,
    retention,
)
from workbooks.examples import generate
from workbooks.project.engines import open_engine
from workbooks.project.transactions import TransactionSource

AS_OF = dt.date(2025, 6, 30)
QUANTILE = 0.85


def _segments() -> dict[str, str]:
    """Three segments (one named with a quote, one too small for its own interval) and clients
    left without a segment."""
    out = {}
    for i in range(1, 2001):
        if i % 7 == 0:
            continue
        out[f"C{i:04d}"] = "O'Neil" if i % 3 == 0 else "B" if i % 3 == 1 else "C"
    for client in ("C0031", "C0038", "C0042"):  # 3, 3 and 4 purchase days in the sample
        out[client] = "tiny"
    return out


@pytest.fixture(scope="module")
def sample_csv(tmp_path_factory):
    """The first 6,000 lines of the example export (cp1251, ';', decimal commas)."""
    src = EXAMPLE.parent / "promtech_transactions.csv"
    path = tmp_path_factory.mktemp("tx") / "sample.csv"
    with open(src, "rb") as f:
        lines = f.read().split(b"\n")[:6000]
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


@pytest.fixture(scope="module")
def orders(sample_csv) -> pd.DataFrame:
    raw = pd.read_csv(sample_csv, sep=";", encoding="cp1251", dtype=str)
    raw.columns = ["client_id", "order_id", "date", "amount", "product"]
    raw["date"] = pd.to_datetime(raw["date"], format="%d.%m.%Y")
    raw["amount"] = raw["amount"].str.replace(",", ".").astype(float)
    raw = raw[raw["date"] <= pd.Timestamp(AS_OF)]
    out = raw.groupby(["client_id", "order_id"], as_index=False).agg(
        date=("date", "min"), amount=("amount", "sum")
    )
    out["segment"] = out["client_id"].map(_segments()).fillna("")
    out["m"] = out["date"].dt.year * 12 + out["date"].dt.month - 1
    return out


def _brute_intervals(orders: pd.DataFrame) -> dict[str, float]:
    days = orders[["client_id", "segment", "date"]].drop_duplicates().sort_values("date")
    gaps = days.groupby("client_id")["date"].diff().dt.days
    days = days.assign(gap=gaps).dropna(subset=["gap"])
    overall = float(np.percentile(days["gap"], 100 * QUANTILE))
    out = {"*": overall}
    for seg in orders["segment"].unique():
        g = days.loc[days["segment"] == seg, "gap"]
        out[seg] = float(np.percentile(g, 100 * QUANTILE)) if len(g) >= MIN_GAPS else overall
    return out


def _brute_flows(orders: pd.DataFrame, intervals: dict[str, float]) -> pd.DataFrame:
    last_month = AS_OF.year * 12 + AS_OF.month - 1
    rows = []
    for _client, own in orders.groupby("client_id"):
        seg = own["segment"].iloc[0]
        dates = sorted(own["date"])
        first = dates[0].year * 12 + dates[0].month - 1
        previous = None
        for m in range(first, last_month + 1):
            y, mo = divmod(m, 12)
            end = (pd.Timestamp(y, mo + 1, 1) + pd.offsets.MonthEnd(0)).date()
            end = min(end, AS_OF)
            seen = [d for d in dates if d.date() <= end]
            sleeping = (end - seen[-1].date()).days > intervals[seg]
            bought = any(d.year * 12 + d.month - 1 == m for d in dates)
            rows.append(
                {
                    "segment": seg,
                    "m": m,
                    "sleeping": sleeping,
                    "bought": bought,
                    "new_clients": previous is None,
                    "returned": previous is True and bought,
                    "fell_asleep": previous is False and sleeping,
                }
            )
            previous = sleeping
    frame = pd.DataFrame(rows)
    per = frame.groupby(["segment", "m"]).agg(
        clients=("sleeping", "size"),
        sleeping=("sleeping", "sum"),
        buyers=("bought", "sum"),
        new_clients=("new_clients", "sum"),
        returned=("returned", "sum"),
        fell_asleep=("fell_asleep", "sum"),
    )
    total = per.groupby("m").sum()
    total["segment"] = "*"
    return pd.concat([per.reset_index(), total.reset_index()])


def test_retention_equals_a_pandas_brute_force(sample_csv, orders):
    with open_engine(TransactionSource.from_file(sample_csv)) as engine:
        r = retention(engine, _segments(), AS_OF, QUANTILE, limit=100_000)
    intervals = _brute_intervals(orders)
    assert r.intervals == pytest.approx(intervals)
    assert any(n.key == "retention_interval_pooled" for n in r.notes)  # the tiny segment
    flows = _brute_flows(orders, intervals)
    for seg in r.segments:
        expected = flows[flows["segment"] == seg].set_index("m")
        got = r.flows[seg]
        for name in ("clients", "sleeping", "buyers", "new_clients", "returned", "fell_asleep"):
            series = expected[name].reindex(r.months, fill_value=0).to_numpy()
            assert got[name].tolist() == series.tolist(), (seg, name)
    # cohorts: clients of each first-order month active k months later
    first = orders.groupby("client_id")["m"].transform("min")
    active = orders.assign(cohort=first, age=orders["m"] - first)
    active = active.drop_duplicates(["client_id", "m"])
    counts = active.groupby(["cohort", "age"]).size()
    table = r.cohort_clients["*"]
    for (cohort, age), n in counts.items():
        assert table[list(r.cohorts).index(cohort), age] == n
    assert np.nansum(table) == counts.sum()
    # sleeping clients now: every client whose last order is older than the interval
    last = orders.groupby("client_id").agg(last=("date", "max"), segment=("segment", "first"))
    days = (pd.Timestamp(AS_OF) - last["last"]).dt.days
    sleeping = set(last.index[days > last["segment"].map(intervals)])
    assert set(r.sleeping_clients["client_id"]) == sleeping
    summary = r.summary("*")
    assert summary["sleeping"] == len(sleeping)


def test_retention_queries_agree_on_duckdb_and_spark(sample_csv):
    if shutil.which("java") is None:
        pytest.skip(
            "!!! Java is not installed: the Spark retention test did not run. "
            "Install openjdk-17-jre-headless (.ci/run does). !!!"
        )
    queries = {
        name: render_retention(sql, AS_OF, _segments(), QUANTILE, 2023 * 12, 40)
        for name, sql in (("cohorts", COHORT_SQL), ("flows", FLOW_SQL), ("sleeping", SLEEPING_SQL))
    }
    source = TransactionSource.from_file(sample_csv)
    with open_engine(source, "duckdb") as duck:
        expected = {k: duck.query(q) for k, q in queries.items()}
    with open_engine(source, "spark", "local[2]") as spark:
        spark.spark.conf.set("spark.sql.shuffle.partitions", "4")
        got = {k: spark.query(q) for k, q in queries.items()}
    for name, cols in expected.items():
        assert list(cols) == list(got[name]), name
        for col, values in cols.items():
            other = got[name][col]
            assert len(values) == len(other), (name, col)
            if values.dtype == object:

                def text(v):
                    v = v.date() if isinstance(v, dt.datetime) else v
                    return None if v is None else str(v)

                assert [text(v) for v in values] == [text(v) for v in other], (name, col)
            else:
                np.testing.assert_allclose(
                    other, values, rtol=1e-12, equal_nan=True, err_msg=f"{name}.{col}"
                )


def test_clients_who_left_are_sleeping_in_the_example(monitoring_result):
    """The audit example's former clients stopped buying at least 200 days before its end,
    longer than any segment's usual interval: every one of them is sleeping."""
    rng = np.random.default_rng(generate.SEED)
    clients = generate._clients(rng)
    latent = np.array([c["_latent"] for c in clients])
    drive = sum(
        b * latent[:, generate.TP_IDS.index(tp)]
        for tp, b in generate.TRUTH["revenue_drivers"].items()
    )
    former = {clients[i]["client_id"] for i in np.argsort(drive)[:150]}
    project = monitoring_result.project
    with open_engine(project.transactions) as engine:
        from workbooks.monitoring import _client_segments

        r = retention(engine, _client_segments(project), project.settings.analysis_date, limit=5000)
    assert max(r.intervals.values()) < 200
    buyers = set(r.sleeping_clients["client_id"])
    with open_engine(project.transactions) as engine:
        have = set(engine.query("SELECT DISTINCT client_id FROM transactions")["client_id"])
    assert former & have <= buyers
    assert monitoring_result.retention.summary()["sleeping"] == len(buyers)
