"""Where the behaviour queries run: embedded DuckDB (default) or Spark (scale-out).

Every measure is written once, as DuckDB SQL over the typed ``transactions`` view
(:mod:`qfd.behaviour.measures`). The Spark engine transpiles the same text with sqlglot, so the two
engines cannot drift; only reading and typing the raw file is engine-specific.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from qfd.errors import check_choice
from workbooks.atomic import scratch_dir
from workbooks.project.transactions import (
    DATE_RANGE,
    KEYS,
    MAX_AMOUNT,
    TransactionError,
    TransactionSource,
    _match_columns,
    open_source,
    shared_reading,
    text_file,
)

__all__ = ["DuckDBEngine", "SparkEngine", "open_engine", "to_spark_sql"]


def _columns(names, rows_or_arrays) -> dict[str, np.ndarray]:
    out = {}
    for name, values in zip(names, rows_or_arrays, strict=True):
        arr = np.ma.asarray(values) if not isinstance(values, list) else None
        if arr is None:
            values = [None if v is None else v for v in values]
            try:
                out[name] = np.array([np.nan if v is None else float(v) for v in values])
            except (TypeError, ValueError):
                out[name] = np.array(values, dtype=object)
        elif arr.dtype.kind in "fiub":
            out[name] = np.ma.filled(arr.astype(float), np.nan)
        else:
            out[name] = np.asarray(np.ma.filled(arr, None), dtype=object)
    return out


class DuckDBEngine:
    """Runs queries on an open :class:`workbooks.project.transactions.TransactionDB`."""

    name = "duckdb"

    def __init__(self, db):
        self.db = db

    def query(self, sql: str) -> dict[str, np.ndarray]:
        cols = self.db.sql(sql).fetchnumpy()
        return _columns(list(cols), list(cols.values()))


def to_spark_sql(sql: str) -> str:
    """DuckDB SQL → Spark SQL (sqlglot).

    >>> to_spark_sql("SELECT date_diff('day', a, b) AS d FROM t")
    'SELECT DATEDIFF(DAY, a, b) AS d FROM t'
    """
    import sqlglot

    return sqlglot.transpile(sql, read="duckdb", write="spark")[0]


class SparkEngine:
    """Runs the transpiled queries on a Spark session with a ``transactions`` view."""

    name = "spark"

    def __init__(self, spark):
        self.spark = spark

    def query(self, sql: str) -> dict[str, np.ndarray]:
        frame = self.spark.sql(to_spark_sql(sql))
        rows = frame.collect()
        names = frame.columns
        return _columns(names, [[r[i] for r in rows] for i in range(len(names))])


def _spark_typed_view(spark, source: TransactionSource, workdir: Path) -> None:
    """Register ``transactions`` in Spark with the same columns and contract as the DuckDB reader."""
    if source.kind == "rows":
        rows = [
            (str(c), str(o), d, float(a), p)
            for c, o, d, a, *rest in source.rows
            for p in [rest[0] if rest else None]
        ]
        spark.createDataFrame(
            rows, "client_id string, order_id string, date date, amount double, product string"
        ).createOrReplaceTempView("transactions")
        return
    if source.kind == "parquet":
        raw = spark.read.parquet(str(source.path))
    else:
        # Spark 4 reads only Unicode and Latin charsets: legacy exports are recoded first
        path, delim, _ = text_file(Path(source.path), workdir)
        raw = (
            spark.read.option("header", True)
            .option("sep", delim)
            .option("encoding", "UTF-8")
            .csv(str(path))
        )
    raw.createOrReplaceTempView("transactions_raw")
    types = dict(raw.dtypes)
    described = [
        (name, "VARCHAR" if types[name] == "string" else types[name].upper())
        for name in raw.columns
    ]
    columns, _ = _match_columns(described, source.columns, source.name)

    def name(key):
        return "`" + columns[key][0].replace("`", "``") + "`"

    def expr(key):
        if key not in columns:
            return f"CAST(NULL AS STRING) AS {key}"
        c = name(key)
        kind = types[columns[key][0]]
        text = f"NULLIF(trim(CAST({c} AS STRING)), '')"
        if key == "amount":
            if kind not in ("string", "boolean") and not kind.startswith(
                ("array", "struct", "map")
            ):
                return f"CAST({c} AS DOUBLE) AS amount"
            return (
                f"try_cast(replace(replace(replace({text}, ' ', ''), '\u00a0', ''), ',', '.') "
                "AS DOUBLE) AS amount"
            )
        if key == "date":
            if kind in ("date", "timestamp", "timestamp_ntz"):
                return f"CAST({c} AS DATE) AS date"
            formats = ("yyyy-MM-dd", "dd.MM.yyyy", "dd.MM.yyyy H:mm:ss", "dd/MM/yyyy", "yyyyMMdd")
            tries = ", ".join(f"try_to_timestamp({text}, '{f}')" for f in formats)
            return f"CAST(coalesce({tries}) AS DATE) AS date"
        return f"{text} AS {key}"

    typed = ", ".join(expr(k) for k in KEYS)
    low, high = (d.isoformat() for d in DATE_RANGE)
    cond = (
        "client_id IS NOT NULL AND order_id IS NOT NULL AND amount IS NOT NULL "
        f"AND NOT isnan(amount) AND abs(amount) <= {MAX_AMOUNT:.0f} "
        f"AND date BETWEEN DATE '{low}' AND DATE '{high}'"
    )
    spark.sql(
        f"SELECT * FROM (SELECT {typed} FROM transactions_raw) WHERE {cond}"
    ).createOrReplaceTempView("transactions")


@contextmanager
def open_engine(
    source: TransactionSource, engine: str = "duckdb", master: str | None = None
) -> Iterator:
    """An engine with the ``transactions`` view of ``source``.

    ``engine="spark"`` needs pyspark (``pip install .[spark]``); ``master`` is a Spark master
    URL (default ``local[*]``).
    """
    if engine == "duckdb":
        shared = shared_reading(source)
        if shared is not None:  # inside reading_once: the scope's reading, left open
            yield DuckDBEngine(shared)
            return
        # the analyses query the lines several times: read the file once
        with open_source(source, check=False, materialise=True) as db:
            yield DuckDBEngine(db)
        return
    check_choice("engine", engine, ("duckdb", "spark"))
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise TransactionError("spark_missing") from exc
    spark = (
        SparkSession.builder.master(master or "local[*]")
        .appName("qfdkpi")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    with scratch_dir() as workdir:
        _spark_typed_view(spark, source, workdir)
        yield SparkEngine(spark)
