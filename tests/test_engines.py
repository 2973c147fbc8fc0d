"""The behaviour queries give the same results on DuckDB and Spark (local mode)."""

from __future__ import annotations

import datetime as dt
import shutil

import numpy as np
import pytest
from conftest import EXAMPLE

from qfd.behaviour.measures import (
    CLIENT_BEHAVIOUR_SQL,
    PAIRS_SQL,
    PARETO_SQL,
    RFM_SQL,
    TOP_PRODUCTS_SQL,
    render,
)
from workbooks.project.engines import open_engine, to_spark_sql
from workbooks.project.transactions import TransactionSource

AS_OF = dt.date(2025, 6, 30)
QUERIES = {
    "clients": render(CLIENT_BEHAVIOUR_SQL, AS_OF, dt.date(2024, 6, 30)),
    "rfm": render(RFM_SQL, AS_OF),
    "pareto": render(PARETO_SQL, AS_OF),
    "top": render(TOP_PRODUCTS_SQL, AS_OF, limit=10),
    "pairs_order": render(PAIRS_SQL, AS_OF, basket="order_id", limit=10),
    "pairs_client": render(PAIRS_SQL, AS_OF, basket="client_id", limit=10),
}


@pytest.fixture(scope="module")
def sample_csv(tmp_path_factory):
    """The first 6,000 lines of the example export (cp1251, ';', decimal commas)."""
    src = EXAMPLE.parent / "promtech_transactions.csv"
    path = tmp_path_factory.mktemp("tx") / "sample.csv"
    with open(src, "rb") as f:
        lines = f.read().split(b"\n")[:6000]
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def test_both_engines_agree_on_every_query(sample_csv):
    if shutil.which("java") is None:
        pytest.skip(
            "!!! Java is not installed: the Spark engine test did not run. "
            "Install openjdk-17-jre-headless (.ci/run does). !!!"
        )
    source = TransactionSource.from_file(sample_csv)
    with open_engine(source, "duckdb") as duck:
        expected = {k: duck.query(q) for k, q in QUERIES.items()}
    with open_engine(source, "spark", "local[2]") as spark:
        got = {k: spark.query(q) for k, q in QUERIES.items()}
    for name, cols in expected.items():
        assert list(cols) == list(got[name]), name
        for col, values in cols.items():
            other = got[name][col]
            assert len(values) == len(other), (name, col)
            if values.dtype == object:
                assert [None if v is None else str(v) for v in values] == [
                    None if v is None else str(v) for v in other
                ], (name, col)
            else:  # sums in a different order may differ in the last bits only
                np.testing.assert_allclose(
                    other, values, rtol=1e-12, equal_nan=True, err_msg=f"{name}.{col}"
                )


def test_queries_are_transpiled_not_rewritten():
    spark_sql = to_spark_sql(QUERIES["clients"])
    assert "DATEDIFF" in spark_sql and "date_diff" not in spark_sql


def test_stages_in_one_scope_share_one_reading_of_the_transactions(sample_csv):
    """Inside reading_once every stage gets the same engine (the file is read once); the
    engine answers as a fresh one does, and is closed when the scope ends."""
    from workbooks.project.transactions import reading_once

    source = TransactionSource.from_file(sample_csv)
    with open_engine(source) as fresh:
        expected = fresh.query(QUERIES["clients"])
    with reading_once():
        with open_engine(source) as first:
            pass
        with open_engine(source) as second:  # the first stage's exit did not close it
            got = second.query(QUERIES["clients"])
        assert second.db is first.db
        other = TransactionSource.from_file(sample_csv)  # another source: its own engine
        with open_engine(other) as third:
            assert third.db is not first.db
    for col, values in expected.items():
        if values.dtype == object:
            assert list(values) == list(got[col])
        else:
            np.testing.assert_array_equal(values, got[col])
    with pytest.raises(Exception, match=r"(?i)closed|connection"):
        first.query(QUERIES["clients"])


def test_validation_and_analyses_share_the_checked_reading(sample_csv):
    """In a command's scope the check of validation opens the reading the analyses then use
    (checked: its issues and counts are there), and it counts what a reading of its own does."""
    from workbooks.errors import Problems
    from workbooks.project.transactions import check_source, reading_once

    source = TransactionSource.from_file(sample_csv)
    alone = check_source(source, Problems(source="x", lang="ru"))
    with reading_once():
        shared = check_source(source, Problems(source="x", lang="ru"))
        with open_engine(source) as engine:
            assert engine.db.rows == alone[0] and engine.db.clients == alone[1]
    assert shared == alone
