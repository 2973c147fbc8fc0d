"""Event logs (CSV, Parquet or xlsx) opened in DuckDB as one typed ``events`` view::

    events(case_id VARCHAR, activity VARCHAR, start_ts TIMESTAMP, end_ts TIMESTAMP, resource VARCHAR)

The columns are found by their usual process-mining names in Russian or English
(:data:`workbooks.project.monitoring_schema.EVENT_COLUMNS`); CSV files may be UTF-8 or cp1251,
``,`` or ``;`` separated; timestamps may be ``2025-10-06 09:15``, ``06.10.2025 09:15`` or dates.
Rows whose timestamps cannot be read, or that end before they start, are left out and counted;
a log without the required columns is refused with the columns it has. The path must already
be resolved inside the workbook's folder (:mod:`workbooks.project.monitoring_sheets` does it).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from workbooks.atomic import scratch_dir
from workbooks.errors import Problem, ProjectError
from workbooks.locale import tr
from workbooks.project.engines import DuckDBEngine
from workbooks.project.monitoring_schema import EVENT_COLUMNS, EVENT_REQUIRED
from workbooks.project.schema import normalise
from workbooks.project.transactions import (
    TransactionError,
    memory_limit,
    sql_name,
    sql_string,
    text_file,
)

__all__ = ["EventLogDB", "open_event_log"]

_FORMATS = (
    "'%Y-%m-%d %H:%M:%S'",
    "'%Y-%m-%d %H:%M'",
    "'%d.%m.%Y %H:%M:%S'",
    "'%d.%m.%Y %H:%M'",
    "'%d.%m.%Y'",
    "'%d/%m/%Y %H:%M'",
)


class EventLogDB:
    """An open DuckDB connection with the ``events`` view; ``bad_rows`` were left out."""

    def __init__(self, con, bad_rows: int, rows: int):
        self.con, self.bad_rows, self.rows = con, bad_rows, rows

    def sql(self, query: str):
        return self.con.execute(query)


def _xlsx_to_csv(path: Path, workdir: str, lang: str) -> Path:
    """The first sheet of a workbook as a UTF-8 CSV (calamine reads it; DuckDB the CSV)."""
    from workbooks.project.reader import read_grids
    from workbooks.project.tables import shown

    grid = next(iter(read_grids(path, lang).values()))
    target = Path(workdir) / "events.csv"
    with open(target, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        for row in grid.rows:
            writer.writerow(["" if v is None else shown(v) for v in row])
    return target


def _timestamp(column: str, native: str) -> str:
    c = sql_name(column)
    if native.startswith(("TIMESTAMP", "DATE")):
        return f"CAST({c} AS TIMESTAMP)"
    text = f"trim(CAST({c} AS VARCHAR))"
    return f"COALESCE(TRY_CAST({text} AS TIMESTAMP), TRY_STRPTIME({text}, [{', '.join(_FORMATS)}]))"


@contextmanager
def open_event_log(path: str | Path, lang: str = "ru") -> Iterator[DuckDBEngine]:
    """A query engine over the ``events`` view of the log at ``path``."""
    import duckdb

    path = Path(path)

    def fail(key: str, **values) -> ProjectError:
        return ProjectError([Problem(tr(key, lang, **values), path.name)], path.name, lang)

    limit = memory_limit()
    with scratch_dir() as workdir:  # private (0700), removed on every exit path
        con = duckdb.connect(
            config={"threads": 1, "memory_limit": limit, "temp_directory": str(workdir / "spill")}
        )
        try:
            suffix = path.suffix.lower()
            if suffix in (".parquet", ".pq"):
                raw = f"read_parquet({sql_string(path)})"
            else:
                if suffix in (".xlsx", ".xlsm", ".xls"):
                    text, delim = _xlsx_to_csv(path, str(workdir), lang), ","
                else:
                    try:
                        text, delim, _ = text_file(path, workdir)
                    except TransactionError as exc:
                        raise fail("event_log_no_rows", rows=0) from exc
                raw = (
                    f"read_csv({sql_string(text)}, all_varchar=true, header=true, "
                    f"delim={sql_string(delim)}, quote='\"', strict_mode=false, null_padding=true)"
                )
            try:
                described = con.execute(f"DESCRIBE SELECT * FROM {raw}").fetchall()
            except duckdb.Error as exc:
                raise fail("event_log_unreadable", detail=str(exc).splitlines()[0]) from exc
            columns: dict[str, tuple[str, str]] = {}
            for name, native, *_ in described:
                for key, names in EVENT_COLUMNS.items():
                    if key not in columns and normalise(name) in {normalise(n) for n in names}:
                        columns[key] = (name, native)
                        break
            missing = [k for k in EVENT_REQUIRED if k not in columns]
            if missing:
                wanted = ", ".join(f"{k} ({' / '.join(EVENT_COLUMNS[k][:3])})" for k in missing)
                have = ", ".join(n for n, *_ in described)
                raise fail("event_log_columns", missing=wanted, columns=have)
            case, activity = (sql_name(columns[k][0]) for k in ("case_id", "activity"))
            resource = (
                f"NULLIF(trim(CAST({sql_name(columns['resource'][0])} AS VARCHAR)), '')"
                if "resource" in columns
                else "CAST(NULL AS VARCHAR)"
            )
            con.execute(
                "CREATE VIEW typed AS SELECT "
                f"NULLIF(trim(CAST({case} AS VARCHAR)), '') AS case_id, "
                f"NULLIF(trim(CAST({activity} AS VARCHAR)), '') AS activity, "
                f"{_timestamp(*columns['start'])} AS start_ts, "
                f"{_timestamp(*columns['end'])} AS end_ts, "
                f"{resource} AS resource FROM {raw}"
            )
            good = (
                "case_id IS NOT NULL AND activity IS NOT NULL AND start_ts IS NOT NULL "
                "AND end_ts IS NOT NULL AND end_ts >= start_ts"
            )
            con.execute(f"CREATE VIEW events AS SELECT * FROM typed WHERE {good}")
            total, kept = con.execute(
                f"SELECT count(*), count(*) FILTER (WHERE {good}) FROM typed"
            ).fetchone()
            if not kept:
                raise fail("event_log_no_rows", rows=total)
            yield DuckDBEngine(EventLogDB(con, total - kept, kept))
        except (duckdb.InterruptException, RuntimeError) as exc:
            if isinstance(exc, duckdb.InterruptException) or "interrupted" in str(exc).lower():
                raise KeyboardInterrupt from exc
            raise
        finally:
            con.close()
