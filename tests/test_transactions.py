"""Transactions from sheets, cp1251 ';' CSV exports and Parquet, checked against plain Python."""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict

import pytest
from conftest import EXAMPLE

from workbooks.project.schema import TRANSACTIONS, normalise
from workbooks.project.transactions import HEADERS, TransactionError, TransactionSource, open_source

CSV = EXAMPLE.parent / "promtech_transactions.csv"


def python_totals(path) -> dict[str, float]:
    totals: dict[str, float] = defaultdict(float)
    with open(path, encoding="cp1251", newline="") as f:
        reader = csv.reader(f, delimiter=";")
        next(reader)
        for client, _, _, amount, _ in reader:
            totals[client] += float(amount.replace(",", "."))
    return totals


def test_cp1251_semicolon_export_matches_python_csv():
    expected = python_totals(CSV)
    with open_source(TransactionSource.from_file(CSV)) as db:
        got = dict(db.sql("SELECT client_id, sum(amount) FROM transactions GROUP BY 1").fetchall())
        assert db.bad_rows is None
        first = db.sql("SELECT min(date), max(date) FROM transactions").fetchone()
    assert got.keys() == expected.keys()
    for k, v in expected.items():
        assert got[k] == pytest.approx(v, rel=1e-12)
    assert first[0] >= dt.date(2023, 1, 1) and first[1] <= dt.date(2025, 12, 31)


def test_parquet_gives_the_same_result(tmp_path):
    pq = tmp_path / "tx.parquet"
    with open_source(TransactionSource.from_file(CSV)) as db:
        db.sql(f"COPY transactions TO '{pq}' (FORMAT parquet)")
        expected = db.sql("SELECT count(*), sum(amount) FROM transactions").fetchone()
    with open_source(TransactionSource.from_file(pq)) as db:
        assert db.sql("SELECT count(*), sum(amount) FROM transactions").fetchone() == pytest.approx(
            expected
        )


def test_untypable_rows_are_counted_with_their_line_numbers(tmp_path):
    path = tmp_path / "tx.csv"
    path.write_text(
        "Клиент;Заказ;Дата;Сумма\nC1;1;01.02.2024;100,5\nC1;2;31.02.2024;10\nC2;3;2024-03-01;abc\n"
        "C2;4;2024-03-02;1 000,25\n",
        encoding="utf-8",
    )
    with open_source(TransactionSource.from_file(path)) as db:
        assert db.bad_rows == (2, "#3, #4")
        assert db.sql("SELECT sum(amount) FROM transactions").fetchone()[0] == pytest.approx(
            1100.75
        )


def test_missing_columns_are_named(tmp_path):
    path = tmp_path / "tx.csv"
    path.write_text("client,amount\nC1,5\n", encoding="utf-8")
    with (
        pytest.raises(TransactionError, match="order_id, date"),
        open_source(TransactionSource.from_file(path)),
    ):
        pass


def test_sheet_rows_become_the_same_view():
    rows = [
        ("C1", "1", dt.date(2024, 1, 1), 10.0, "=cmd"),
        ("C1", "2", dt.date(2024, 2, 1), 5.5, None),
    ]
    with open_source(TransactionSource.from_rows(rows)) as db:
        out = db.sql(
            "SELECT client_id, order_id, date, amount, product FROM transactions ORDER BY order_id"
        ).fetchall()
    assert out == [
        ("C1", "1", dt.date(2024, 1, 1), 10.0, "=cmd"),
        ("C1", "2", dt.date(2024, 2, 1), 5.5, None),
    ]


def test_header_words_agree_with_the_workbook_schema():
    """qfd keeps its own copy so it never imports the spreadsheet layer; they must agree."""
    for col in TRANSACTIONS.columns:
        accepted = {normalise(n) for n in (col.key, col.ru, col.en, *col.aliases)}
        assert accepted <= set(HEADERS[col.key]) | {col.key}, col.key
