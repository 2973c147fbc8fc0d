"""Transactions in an embedded DuckDB database, whatever file they came from.

A :class:`TransactionSource` says where the order lines are (rows of a project sheet, a CSV
export — UTF-8 or cp1251, ``,`` or ``;`` separated, decimal commas —, or Parquet).
:func:`open_source` exposes them as one typed view::

    transactions(client_id VARCHAR, order_id VARCHAR, date DATE, amount DOUBLE, product VARCHAR)

DuckDB streams the file, so inputs larger than memory work; nothing is loaded into Python.
Rows whose values cannot be typed are counted and reported with their line numbers.
"""

from __future__ import annotations

import codecs
import csv
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["TransactionDB", "TransactionSource", "client_ids_with_transactions", "open_source"]

# Accepted header names (folded) for each canonical column. Kept here, not imported from
# ``workbooks``, so that this computation package does not depend on the spreadsheet layer;
# a test checks the two lists agree.
HEADERS: dict[str, tuple[str, ...]] = {
    "client_id": ("client_id", "id клиента", "client id", "клиент", "client", "код клиента", "инн"),
    "order_id": ("order_id", "заказ", "order", "номер заказа", "order id", "документ"),
    "date": ("date", "дата", "дата заказа", "order date"),
    "amount": ("amount", "сумма", "сумма, руб", "выручка", "revenue", "сумма руб"),
    "product": ("product", "товар", "продукт", "номенклатура", "sku"),
}
REQUIRED = ("client_id", "order_id", "date", "amount")


def _fold(text: str) -> str:
    s = str(text).replace("\u00a0", " ").replace("\ufeff", "").strip().lower().replace("ё", "е")
    return re.sub(r"[\s_]+", " ", s).strip(" :.*")


@dataclass(frozen=True)
class TransactionSource:
    """Where the order lines come from."""

    kind: str  # "rows", "csv" or "parquet"
    path: Path | None = None
    rows: tuple[tuple, ...] = field(default=(), repr=False)
    name: str = ""

    @classmethod
    def from_file(cls, path: str | Path) -> TransactionSource:
        path = Path(path)
        kind = "parquet" if path.suffix.lower() in (".parquet", ".pq") else "csv"
        return cls(kind, path, (), path.name)

    @classmethod
    def from_rows(cls, rows, name: str = "transactions") -> TransactionSource:
        return cls("rows", None, tuple(tuple(r) for r in rows), name)

    def label(self, lang: str = "ru") -> str:
        return self.name


class TransactionError(Exception):
    """The transactions cannot be read (missing columns, unreadable file)."""


@dataclass
class TransactionDB:
    """An open DuckDB connection with the ``transactions`` view."""

    con: object  # duckdb.DuckDBPyConnection
    bad_rows: tuple[int, str] | None  # (count, first line numbers) of rows that failed typing
    rows: int

    def sql(self, query: str, params=None):
        return self.con.execute(query, params or [])


def _sniff_text(path: Path) -> tuple[str, str]:
    """(encoding, delimiter) of a text export, from its first megabyte."""
    with open(path, "rb") as f:
        head = f.read(1 << 20)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        text = decoder.decode(head, final=False)
        encoding = "utf-8"
    except UnicodeDecodeError:
        text = head.decode("cp1251", errors="replace")
        encoding = "cp1251"
    first = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    delimiter = max((";", ",", "\t", "|"), key=first.count)
    return encoding, delimiter


def _to_utf8(path: Path, encoding: str, workdir: str) -> Path:
    """Stream-recode a legacy-encoded export to UTF-8 (DuckDB reads UTF-8 natively)."""
    target = Path(workdir) / "transactions_utf8.csv"
    with (
        open(path, encoding=encoding, newline="") as src,
        open(target, "w", encoding="utf-8", newline="") as dst,
    ):
        while chunk := src.read(1 << 22):
            dst.write(chunk)
    return target


def _varchar_expr(col: str, kind: str, native: str, trim: bool = True) -> str:
    """A typed SQL expression for a raw column."""
    c = f'"{col}"'
    if kind == "amount":
        if native in ("DOUBLE", "FLOAT", "DECIMAL", "INTEGER", "BIGINT") or native.startswith(
            "DECIMAL"
        ):
            return f"CAST({c} AS DOUBLE)"
        cleaned = f"replace(replace(replace(trim({c}), ' ', ''), chr(160), ''), ',', '.')"
        return f"TRY_CAST({cleaned} AS DOUBLE)"
    if kind == "date":
        if native in ("DATE", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "TIMESTAMP_NS"):
            return f"CAST({c} AS DATE)"
        return (
            f"COALESCE(TRY_CAST(trim({c}) AS DATE), "
            f"CAST(TRY_STRPTIME(trim({c}), ['%d.%m.%Y', '%d.%m.%Y %H:%M:%S', '%d/%m/%Y']) AS DATE))"
        )
    if native == "VARCHAR":
        return f"NULLIF({c}, '')" if not trim else f"NULLIF(trim({c}), '')"
    return f"NULLIF(trim(CAST({c} AS VARCHAR)), '')"


@contextmanager
def open_source(source: TransactionSource, *, check: bool = True) -> Iterator[TransactionDB]:
    """Open the transactions as a typed DuckDB view (``check`` counts untypable rows)."""
    import duckdb  # imported when used: commands without transactions start faster

    with tempfile.TemporaryDirectory(prefix="qfdkpi-") as workdir:
        # A memory cap with a spill folder keeps inputs larger than RAM within bounds.
        con = duckdb.connect(
            config={
                "threads": os.cpu_count() or 2,
                "memory_limit": os.environ.get("QFDKPI_MEMORY_LIMIT", "2GB"),
                "temp_directory": workdir,
            }
        )
        try:
            if source.kind == "rows":
                path = Path(workdir) / "rows.csv"
                with open(path, "w", encoding="utf-8", newline="") as f:
                    w = csv.writer(f)
                    w.writerow(["client_id", "order_id", "date", "amount", "product"])
                    for r in source.rows:
                        w.writerow([*r[:4], r[4] if len(r) > 4 and r[4] is not None else ""])
                raw = f"read_csv('{path}', all_varchar=true, header=true, delim=',')"
            elif source.kind == "csv":
                if not source.path.exists():
                    raise TransactionError(f"file not found: {source.path}")
                encoding, delim = _sniff_text(source.path)
                path = (
                    source.path if encoding == "utf-8" else _to_utf8(source.path, encoding, workdir)
                )
                delim_sql = delim.replace("'", "''")
                raw = (
                    f"read_csv('{_sql_path(path)}', all_varchar=true, header=true, delim='{delim_sql}', "
                    "quote='\"', strict_mode=false, null_padding=true)"
                )
            else:
                raw = f"read_parquet('{_sql_path(source.path)}')"
            try:
                described = con.execute(f"DESCRIBE SELECT * FROM {raw}").fetchall()
            except duckdb.Error as exc:
                raise TransactionError(str(exc).splitlines()[0]) from exc
            columns = {}
            for name, native, *_ in described:
                for key, names in HEADERS.items():
                    if key not in columns and _fold(name) in names:
                        columns[key] = (name, native)
            missing = [k for k in REQUIRED if k not in columns]
            if missing:
                have = ", ".join(n for n, *_ in described)
                raise TransactionError(
                    f"missing columns {', '.join(missing)}; the file has: {have}"
                )
            select = []
            for key in HEADERS:
                if key in columns:
                    name, native = columns[key]
                    expr = _varchar_expr(name, key, native, trim=source.kind != "parquet")
                    select.append(f"{expr} AS {key}")
                else:
                    select.append(f"CAST(NULL AS VARCHAR) AS {key}")
            raw_cols = ", ".join(f'"{columns[k][0]}" AS raw_{k}' for k in REQUIRED)
            con.execute(
                f"CREATE VIEW typed AS SELECT row_number() OVER () AS line, {', '.join(select)}, "
                f"{raw_cols} FROM {raw}"
            )
            con.execute(
                "CREATE VIEW transactions AS SELECT client_id, order_id, date, amount, product "
                f"FROM ({_typed_select(raw, select)}) WHERE "
                + " AND ".join(f"{k} IS NOT NULL" for k in REQUIRED)
            )
            bad, total = None, -1
            if check:  # one scan of the file: untypable rows, where they are, and the rest
                cond = " OR ".join(f"{k} IS NULL" for k in REQUIRED)
                count, lines, total = con.execute(
                    f"SELECT count(*) FILTER (WHERE {cond}), "
                    f"(list(line + 1 ORDER BY line) FILTER (WHERE {cond}))[1:5], "
                    f"count(*) FILTER (WHERE NOT ({cond})) FROM typed"
                ).fetchone()
                if count:
                    bad = (count, ", ".join(f"#{n}" for n in lines))
            yield TransactionDB(con, bad, total)
        except (duckdb.InterruptException, RuntimeError) as exc:
            # DuckDB turns Ctrl-C during a query into its own error ("Query interrupted")
            if isinstance(exc, duckdb.InterruptException) or "interrupted" in str(exc).lower():
                raise KeyboardInterrupt from exc
            raise
        finally:
            con.close()


def _typed_select(raw: str, select: list[str]) -> str:
    return f"SELECT {', '.join(select)} FROM {raw}"


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def client_ids_with_transactions(db: TransactionDB) -> set[str]:
    """Client ids that have at least one valid transaction."""
    return {r[0] for r in db.sql("SELECT DISTINCT client_id FROM transactions").fetchall()}
