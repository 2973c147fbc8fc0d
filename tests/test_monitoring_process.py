"""Process mining of an event log: the measures against a pandas brute force, the planted
bottleneck, rework loop and cycle-time disagreement of the example, and the reader's checks."""

from __future__ import annotations

import csv

import numpy as np
import pandas as pd
import pytest
from conftest import EXAMPLE

from kpi_tree.process import ProcessStep
from qfd.monitoring.event_log import compare_declared, process_mining
from workbooks.errors import ProjectError
from workbooks.examples import monitoring as example
from workbooks.project.event_logs import open_event_log

LOG = EXAMPLE.parent / example.EVENTS


@pytest.fixture(scope="module")
def mined():
    with open_event_log(LOG) as engine:
        return process_mining(engine)


def test_measures_equal_a_pandas_brute_force(mined):
    log = pd.read_csv(LOG, sep=";")
    log.columns = ["case", "activity", "start", "end", "resource"]
    log["start"] = pd.to_datetime(log["start"])
    log["end"] = pd.to_datetime(log["end"])
    log = log.sort_values(["case", "start", "end", "activity"])
    log["prev_end"] = log.groupby("case")["end"].shift()
    log["wait"] = (log["start"] - log["prev_end"]).dt.total_seconds().clip(lower=0) / 3600
    log["work"] = (log["end"] - log["start"]).dt.total_seconds() / 3600
    log["occurrence"] = log.groupby(["case", "activity"]).cumcount() + 1
    for activity, rows in log.groupby("activity"):
        k = mined.index(activity)
        active = (rows["end"].max() - rows["start"].min()).total_seconds() / 3600
        assert mined.executions[k] == len(rows)
        assert mined.service_hours[k] == pytest.approx(rows["work"].mean())
        assert mined.wait_hours[k] == pytest.approx(rows["wait"].mean(), nan_ok=True)
        assert mined.wait_total_hours[k] == pytest.approx(rows["wait"].sum())
        assert mined.throughput[k] == pytest.approx(len(rows) / (active / 168))
        assert mined.resources[k] == rows["resource"].nunique()
        busy = rows["work"].sum() / (rows["resource"].nunique() * active)
        assert mined.utilisation[k] == pytest.approx(busy)
        repeated = rows.loc[rows["occurrence"] > 1, "case"].nunique()
        assert mined.rework_share[k] == pytest.approx(repeated / rows["case"].nunique())
    lead = log.groupby("case").agg(first=("start", "min"), last=("end", "max"))
    hours = (lead["last"] - lead["first"]).dt.total_seconds() / 3600
    assert mined.n_cases == len(lead)
    assert mined.lead_hours == pytest.approx((hours.mean(), hours.median(), hours.quantile(0.9)))


def test_the_planted_bottleneck_rework_and_disagreement_are_found(mined, monitoring_result):
    assert mined.bottleneck == example.TRUTH["bottleneck"]
    rework = [a for a, share in zip(mined.activities, mined.rework_share, strict=True) if share > 0]
    assert rework == [example.TRUTH["rework"]]
    assert {(a, b) for a, b, _ in mined.loops} == {(example.TRUTH["rework"],) * 2}
    compared = monitoring_result.process
    assert compared.touchpoint == "TP10"
    assert compared.declared_bottleneck == compared.bottleneck  # the sheet agrees here
    cycle = [n for n in compared.notes if n.key == "event_cycle_differs"]
    assert [dict(n.values)["step"] for n in cycle] == [example.TRUTH["cycle_disagrees"]]
    assert not [n for n in compared.notes if n.key == "event_bottleneck_differs"]


def _write_log(path, rows, encoding="utf-8", delimiter=";"):
    with open(path, "w", encoding=encoding, newline="") as f:
        writer = csv.writer(f, delimiter=delimiter)
        writer.writerows(rows)
    return path


def test_a_declared_bottleneck_the_log_contradicts_is_said(tmp_path):
    rows = [["Случай", "Операция", "Начало", "Окончание"]]
    for c in range(20):
        day = 1 + c
        rows.append([f"K{c}", "Приём", f"{day:02d}.03.2025 09:00", f"{day:02d}.03.2025 10:00"])
        # cases queue before the check: it starts a day after the intake ends
        rows.append(
            [f"K{c}", "Проверка", f"{day + 1:02d}.03.2025 10:00", f"{day + 1:02d}.03.2025 11:00"]
        )
    path = _write_log(tmp_path / "log.csv", rows, encoding="cp1251")
    with open_event_log(path) as engine:
        mined = process_mining(engine)
    assert mined.bottleneck == "Проверка"
    assert np.isnan(mined.utilisation).all()  # no resources column
    steps = [
        ProcessStep("TP01", "Приём", 1, capacity=5, demand=10, cycle_time=1),
        ProcessStep("TP01", "Проверка", 2, capacity=50, demand=10, cycle_time=1),
    ]
    notes = {n.key for n in compare_declared(mined, steps).notes}
    assert "event_bottleneck_differs" in notes


@pytest.mark.parametrize("kind", ["xlsx", "parquet"])
def test_xlsx_and_parquet_logs_read_the_same(tmp_path, kind, mined):
    import duckdb

    target = tmp_path / f"log.{kind}"
    if kind == "parquet":
        con = duckdb.connect()
        con.execute(
            f"COPY (SELECT * FROM read_csv('{LOG}', delim=';', header=true)) TO '{target}' "
            "(FORMAT parquet)"
        )
        con.close()
    else:
        import openpyxl

        wb = openpyxl.Workbook()
        ws = wb.active
        with open(LOG, encoding="utf-8") as f:
            for row in csv.reader(f, delimiter=";"):
                ws.append(row)
        wb.save(target)
    with open_event_log(target) as engine:
        other = process_mining(engine)
    assert other.activities == mined.activities
    np.testing.assert_allclose(other.wait_total_hours, mined.wait_total_hours)
    assert other.bottleneck == mined.bottleneck


def test_a_log_without_the_needed_columns_is_refused_with_its_columns(tmp_path):
    path = _write_log(tmp_path / "bad.csv", [["Заявка", "Шаг", "Когда"], ["1", "A", "2025-01-01"]])
    for lang, word in (("ru", "нет столбцов"), ("en", "lacks the columns")):
        with pytest.raises(ProjectError) as err:
            with open_event_log(path, lang):
                pass
        text = err.value.report()
        assert word in text and "Когда" in text and "bad.csv" in text


def test_unreadable_rows_are_left_out_and_counted(tmp_path):
    rows = [
        ["case", "activity", "start", "end"],
        ["1", "A", "2025-01-01 10:00", "2025-01-01 11:00"],
        ["1", "B", "yesterday", "2025-01-01 12:00"],
        ["2", "A", "2025-01-02 10:00", "2025-01-02 09:00"],  # ends before it starts
    ]
    with open_event_log(_write_log(tmp_path / "x.csv", rows, delimiter=",")) as engine:
        assert engine.db.bad_rows == 2 and engine.db.rows == 1
