"""Large inputs within bounded memory: a ~1 GB transactions CSV (Russian 1C-style: ';', decimal
commas, DD.MM.YYYY) through validation and the behaviour queries, and a project with 200,000
interviews through validation and the whole analysis, and the import of a 200,000-row survey
export into a project. Each step runs in its own process; peak
resident memory is printed.

    python benchmarks/bench_large.py [--gb 1.0] [--survey-rows 200000]

DuckDB is capped by QFDKPI_MEMORY_LIMIT (default 2GB) and spills to a temporary folder beyond it.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb


def make_csv(path: Path, gb: float) -> int:
    rows = int(gb * 1024**3 / 52)
    duckdb.connect().execute(f"""
        COPY (
            SELECT 'C' || lpad(CAST(hash(i) % 300000 AS VARCHAR), 6, '0') AS "Клиент",
                   'З-' || CAST(i // 2 AS VARCHAR) AS "Номер заказа",
                   strftime(DATE '2023-01-01' + CAST(hash(i // 2) % 1095 AS INTEGER), '%d.%m.%Y') AS "Дата",
                   replace(CAST(round(100 + (hash(i * 7) % 100000) / 10.0, 2) AS VARCHAR), '.', ',') AS "Сумма, руб",
                   'Товар ' || CAST(hash(i * 13) % 500 AS VARCHAR) AS "Номенклатура"
            FROM range({rows}) t(i)
        ) TO '{path}' (HEADER, DELIMITER ';')
    """)
    return rows


def child_behaviour(path: str) -> dict:
    import datetime as dt

    from qfd.behaviour.measures import client_behaviour
    from workbooks.project.engines import open_engine
    from workbooks.project.transactions import TransactionSource, open_source

    source = TransactionSource.from_file(path)
    with open_source(source) as db:  # validation: count untypable rows
        bad = db.bad_rows
    with open_engine(source) as engine:
        b = client_behaviour(engine, dt.date(2025, 12, 31), 12)
    return {"clients": len(b.client_ids), "bad_rows": bad}


def child_survey(project: str) -> dict:
    from workbooks.analysis import analyse
    from workbooks.project import load_project

    p = load_project(project)
    a = analyse(p, bootstrap=200)
    return {"respondents": p.interviews.n, "r2": a.drivers.importance.r_squared}


def child(kind: str, *args: str) -> None:
    start = time.perf_counter()
    info = {"behaviour": child_behaviour, "survey": child_survey, "import": child_import}[kind](
        *args
    )
    info["seconds"] = time.perf_counter() - start
    info["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(info, default=str))


def run(*args) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def make_survey(d: Path, rows: int) -> Path:
    """The example project with its interviews sheet grown to ``rows`` respondents (streamed)."""
    import shutil

    import xlsxwriter

    from workbooks.pipeline import example_project
    from workbooks.project.reader import read_grids
    from workbooks.project.template import write_cell

    src = example_project()
    for f in src.parent.glob("promtech*.csv"):
        shutil.copy(f, d / f.name)
    grids = read_grids(src)
    path = d / "big.xlsx"
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    for name, grid in grids.items():
        ws = wb.add_worksheet(name)
        if name != "Интервью":
            for r, row in enumerate(grid.rows):
                for c, v in enumerate(row):
                    write_cell(ws, r, c, v)
            continue
        top = list(grid.rows[0])
        for c in range(1, len(top)):  # merged cells cannot be streamed: repeat the touchpoint
            if top[c] is None and grid.rows[1][c] is not None:
                top[c] = top[c - 1]
        for r, row in enumerate([top, grid.rows[1]]):
            for c, v in enumerate(row):
                write_cell(ws, r, c, v)
        body = grid.rows[2:]
        for i in range(rows):
            row = list(body[i % len(body)])
            row[0] = f"R{i + 1:06d}"
            for c, v in enumerate(row):
                write_cell(ws, 2 + i, c, v)
    wb.close()
    return path


def make_export(d: Path, rows: int) -> tuple[Path, Path, Path]:
    import shutil

    import numpy as np
    import xlsxwriter

    from workbooks.pipeline import example_project

    for f in example_project().parent.glob("promtech*"):
        shutil.copy(f, d / f.name)
    export = d / "export.xlsx"
    wb = xlsxwriter.Workbook(str(export), {"constant_memory": True})
    ws = wb.add_worksheet("Ответы")
    tps = [f"TP{i:02d}" for i in range(1, 13)]
    header = ["ID", "ИНН", "Тип"] + [
        f"{tp}: {m}" for tp in tps for m in ("важность", "удовлетворённость", "конкурент")
    ]
    ws.write_row(0, 0, [*header, "Комментарий"])
    rng = np.random.default_rng(1)
    for r in range(1, rows + 1):
        scores = rng.integers(1, 6, size=36).tolist()
        ws.write_row(r, 0, [f"R{r}", f"C{r % 2000:04d}", "текущий", *scores, "ок"])
    wb.close()
    mapping = d / "map.toml"
    rules = [
        '[[rule]]\nmatch = "ID"\ncolumn = "respondent_id"\n',
        '[[rule]]\nmatch = "ИНН"\ncolumn = "client_id"\n',
        '[[rule]]\nmatch = "Тип"\ncolumn = "respondent_type"\n',
    ]
    for tp in tps:
        for word, measure in (
            ("важность", "importance"),
            ("удовлетворённость", "satisfaction"),
            ("конкурент", "competitor"),
        ):
            rules.append(
                f'[[rule]]\nmatch = "{tp}: {word}"\ntouchpoint = "{tp}"\nmeasure = "{measure}"\n'
            )
    mapping.write_text("\n".join(rules), encoding="utf-8")
    return export, mapping, d / "promtech.xlsx"


def child_import(export: str, mapping: str, project: str) -> dict:
    from workbooks.project.survey_import import import_survey

    r = import_survey(Path(export), Path(mapping), Path(project))
    return {"respondents": r.rows}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gb", type=float, default=1.0)
    ap.add_argument("--survey-rows", type=int, default=200_000)
    ap.add_argument("--child", nargs="+")
    args = ap.parse_args()
    if args.child:
        return child(*args.child)
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        csv = d / "transactions.csv"
        rows = make_csv(csv, args.gb)
        r = run("behaviour", str(csv))
        print(
            f"transactions CSV {csv.stat().st_size / 1024**3:.2f} GB ({rows:,} lines): validation + behaviour "
            f"{r['seconds']:.1f} s, peak {r['peak_mb']:.0f} MB, {r['clients']:,} clients"
        )
        project = make_survey(d, args.survey_rows)
        r = run("survey", str(project))
        print(
            f"project with {r['respondents']:,} interviews x 36 score columns: validation + analysis "
            f"(B = 200) {r['seconds']:.1f} s, peak {r['peak_mb']:.0f} MB"
        )
        sub = d / "import"
        sub.mkdir()
        export, mapping, target = make_export(sub, args.survey_rows)
        r = run("import", str(export), str(mapping), str(target))
        print(
            f"survey export {args.survey_rows:,} rows x 40 columns: import-survey + validation "
            f"{r['seconds']:.1f} s, peak {r['peak_mb']:.0f} MB"
        )


if __name__ == "__main__":
    main()
