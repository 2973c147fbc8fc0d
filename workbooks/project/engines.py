"""Where the behaviour queries run: embedded DuckDB (default) or Spark (scale-out).

Every measure is written once, as DuckDB SQL over the typed ``transactions`` view
(:mod:`qfd.behaviour.measures`). The Spark engine transpiles the same text with sqlglot, so the two
engines cannot drift; only reading and typing the raw file is engine-specific.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from qfd.errors import check_choice
from workbooks.project.transactions import (
    HEADERS,
    REQUIRED,
    TransactionError,
    TransactionSource,
    _fold,
    _sniff_text,
    _to_utf8,
    open_source,
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


def _spark_typed_view(spark, source: TransactionSource, workdir: str) -> None:
    """Register ``transactions`` in Spark with the same typing rules as the DuckDB reader."""
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
        encoding, delim = _sniff_text(Path(source.path))
        # Spark 4 reads only Unicode and Latin charsets: recode legacy exports first
        path = (
            Path(source.path)
            if encoding == "utf-8"
            else _to_utf8(Path(source.path), encoding, workdir)
        )
        raw = (
            spark.read.option("header", True)
            .option("sep", delim)
            .option("encoding", "UTF-8")
            .csv(str(path))
        )
    raw.createOrReplaceTempView("transactions_raw")
    columns = {}
    for name in raw.columns:
        for key, names in HEADERS.items():
            if key not in columns and _fold(name) in names:
                columns[key] = name
    missing = [k for k in REQUIRED if k not in columns]
    if missing:
        raise TransactionError(
            f"missing columns {', '.join(missing)}; the file has: {', '.join(raw.columns)}"
        )
    types = dict(raw.dtypes)

    def expr(key):
        if key not in columns:
            return f"CAST(NULL AS STRING) AS {key}"
        c = f"`{columns[key]}`"
        kind = types[columns[key]]
        if key == "amount":
            if kind != "string":
                return f"CAST({c} AS DOUBLE) AS amount"
            return (
                f"try_cast(replace(replace(replace(trim({c}), ' ', ''), '\u00a0', ''), ',', '.') AS DOUBLE) "
                "AS amount"
            )
        if key == "date":
            if kind != "string":
                return f"CAST({c} AS DATE) AS date"
            return (
                f"CAST(coalesce(try_to_timestamp(trim({c}), 'yyyy-MM-dd'), try_to_timestamp(trim({c}), "
                f"'dd.MM.yyyy'), try_to_timestamp(trim({c}), 'dd/MM/yyyy')) AS DATE) AS date"
            )
        return f"NULLIF(trim(CAST({c} AS STRING)), '') AS {key}"

    typed = ", ".join(expr(k) for k in HEADERS)
    cond = " AND ".join(f"{k} IS NOT NULL" for k in REQUIRED)
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
        with open_source(source, check=False) as db:
            yield DuckDBEngine(db)
        return
    check_choice("engine", engine, ("duckdb", "spark"))
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise TransactionError("the Spark engine needs pyspark: pip install '.[spark]'") from exc
    spark = (
        SparkSession.builder.master(master or "local[*]")
        .appName("qfdkpi")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    with tempfile.TemporaryDirectory(prefix="qfdkpi-spark-") as workdir:
        _spark_typed_view(spark, source, workdir)
        yield SparkEngine(spark)
