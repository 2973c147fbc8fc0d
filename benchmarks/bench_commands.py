"""Every command as a consultant runs it — a fresh process — timed against the floor of the run.

The floor is what no command can avoid: starting Python, importing numpy and reading the
workbook with python-calamine. Each command's wall time and peak memory are printed next to it,
with the target of the speed issue, on two projects: the bundled example (60 interviews, 2,000
clients, 62,000 order lines) and the same project grown to 1,000 interviews and 1,000,000 order
lines (targets 3× looser).

    python benchmarks/bench_commands.py [--repeat 3] [--skip-large]

Times are the best and the median of ``--repeat`` runs (other work on the machine only slows a
run down); the target is judged on the best, the peak memory is the largest of the runs.

Last measured (issue 17, 2026-12-05, fourth round, 2-core machine, load about 1; best / median
of 3, peak MB; targets in brackets), as an installed script runs (bytecode cached):

    bundled example   validate 0.74/0.77 s 132 (1)   behaviour 1.34/1.35 s 182 (2)
                      segments 2.40/2.41 s 288 (2)   drivers 1.53/1.58 s 195 (2)
                      qfd 1.56/1.57 s 197 (2)        kpi 0.96/0.98 s 152 (2)
                      run 4.93/5.03 s 335 (5)        demo 4.87/4.95 s 325 (5)
    1,000 interviews, validate 2.61 s 278 (3)        behaviour 4.44 s 430 (6)
    1 M order lines   segments 4.41 s 470 (6)        drivers 5.79 s 479 (6)
                      qfd 5.78 s 536 (6)             kpi 3.03 s 407 (6)     run 10.63 s 623 (15)

The third round (the same day): validate 0.77/0.81, behaviour 1.39/1.57, segments 2.46/2.48,
drivers 1.53/1.57, qfd 1.56/1.63, kpi 0.93/0.94, run 4.99/5.26, demo 4.97/5.17 s; large
project drivers 6.04 s, qfd 6.10 s, run 11.51 s.
The second round (the same day, bytecode not cached): validate 0.88/0.90, behaviour 1.56/1.62,
segments 2.83/2.97, drivers 2.87/2.90, qfd 2.76/3.04, kpi 1.12/1.13, run 6.39/6.49, demo
6.59/6.60 s; large project behaviour 9.94 s, drivers 12.43 s, qfd 20.84 s, run 21.97 s.
Before the second round: validate 0.89/0.93, behaviour 2.63/2.68, segments 3.58/3.81, drivers
4.55/4.64, qfd 5.32/5.39, kpi 2.28/2.34, run 10.25/10.52, demo 9.81/10.00 s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# command -> (arguments after the project, target seconds)
COMMANDS = {
    "validate": ([], 1.0),
    "behaviour": ([], 2.0),
    "segments": ([], 2.0),
    "drivers": ([], 2.0),
    "qfd": ([], 2.0),
    "kpi": ([], 2.0),
    "run": (["--out", "{out}"], 5.0),
    "demo": (["--out", "{out}"], 5.0),  # the bundled example whatever the project (no argument)
}
MEMORY_MB = 300
LARGE_FACTOR = 3

CHILD = """
import json, resource, sys, time
kind, args = sys.argv[1], sys.argv[2:]
if kind == "floor":
    import numpy  # noqa: F401
    from python_calamine import CalamineWorkbook
    book = CalamineWorkbook.from_path(args[0])
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python()
    code = 0
else:
    from cli import main
    sys.argv = ["qfdkpi", *args]  # as the script runs: main() ends the process
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code or 0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"code": code, "peak_mb": peak}), file=sys.stderr)
"""


def user_environment(cache: Path) -> dict[str, str]:
    """The environment of a user's install: Python's bytecode cached (pip compiles it when it
    installs; a sandbox's PYTHONDONTWRITEBYTECODE would make every run compile the project's
    modules again, about 0.25 s), here in ``cache`` so the checkout stays clean. The project is
    compiled once before anything is timed."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    sources = ["cli.py", "qfd", "kpi_tree", "workbooks"]
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", *sources], cwd=ROOT, env=env, check=True
    )
    return env


ENV: dict[str, str] | None = None  # set by main()


def measure(kind: str, args: list[str], repeat: int, cwd: Path) -> tuple[float, float, float]:
    """Best wall time, median wall time, the largest peak memory of the runs."""
    walls, peak = [], 0.0
    for _ in range(repeat):
        for a in args:  # a fresh output folder each time
            if a.endswith("/out-bench"):
                shutil.rmtree(a, ignore_errors=True)
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, kind, *args],
            cwd=cwd,
            env=ENV,
            capture_output=True,
            text=True,
        )
        wall = time.perf_counter() - start
        info = json.loads(proc.stderr.strip().splitlines()[-1])
        if info["code"] != 0:
            raise SystemExit(f"{kind} {args} failed:\n{proc.stderr[-2000:]}")
        walls.append(wall)
        peak = max(peak, info["peak_mb"])
    return min(walls), statistics.median(walls), peak


def grow(example: Path, transactions: Path, folder: Path, interviews: int, lines: int) -> Path:
    """The example with ``interviews`` respondents (rows resampled with jitter, linked to real
    clients) and ``lines`` order lines of the same clients (written by DuckDB)."""
    import duckdb
    import numpy as np
    import openpyxl

    rng = np.random.default_rng(7)
    wb = openpyxl.load_workbook(example)
    ws = wb["Интервью"]
    first = 3  # two header rows
    rows = [list(r) for r in ws.iter_rows(min_row=first, values_only=True)]
    for i in range(len(rows), interviews):
        row = list(rows[int(rng.integers(len(rows)))])
        row[0] = f"G{i:05d}"
        for j, v in enumerate(row):
            if isinstance(v, int) and 1 <= v <= 5 and j > 8 and rng.random() < 0.3:
                row[j] = int(np.clip(v + rng.integers(-1, 2), 1, 5))
        ws.append(row)
    project = folder / example.name
    wb.save(project)
    big = folder / transactions.name
    duckdb.connect().execute(f"""
        COPY (
            SELECT 'C' || lpad(CAST(1 + hash(i) % 2000 AS VARCHAR), 4, '0') AS "Клиент",
                   'З-' || CAST(i // 2 AS VARCHAR) AS "Номер заказа",
                   strftime(DATE '2023-01-01' + CAST(hash(i // 2) % 1095 AS INTEGER), '%d.%m.%Y')
                       AS "Дата",
                   replace(CAST(round(100 + (hash(i * 7) % 100000) / 10.0, 2) AS VARCHAR), '.', ',')
                       AS "Сумма, руб",
                   'Товар ' || CAST(hash(i * 13) % 60 AS VARCHAR) AS "Номенклатура"
            FROM range({lines}) t(i)
        ) TO '{big}' (HEADER, DELIMITER ';')
    """)
    return project


def report(name: str, project: Path, repeat: int, factor: float) -> bool:
    out = project.parent / "out-bench"
    floor, _, floor_mb = measure("floor", [str(project)], repeat, ROOT)
    print(f"\n{name}: floor (python + numpy + read the workbook) {floor:.2f} s, {floor_mb:.0f} MB")
    print(
        f"{'command':<10} {'best':>7} {'median':>7} {'×floor':>7} {'target':>7} {'peak MB':>8}  met"
    )
    ok = True
    for command, (extra, target) in COMMANDS.items():
        if command == "demo" and factor != 1:
            continue  # demo runs the bundled example only
        given = [] if command == "demo" else [str(project)]
        args = [command, *given, *(a.format(out=out) for a in extra)]
        best, median, peak = measure("cli", args, repeat, ROOT)
        met = best <= target * factor and peak <= MEMORY_MB * factor
        ok &= met
        print(
            f"{command:<10} {best:6.2f}s {median:6.2f}s {best / floor:6.1f}× "
            f"{target * factor:6.1f}s {peak:8.0f}  {'yes' if met else 'NO'}"
        )
    return ok


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-large", action="store_true")
    args = parser.parse_args()
    from workbooks.pipeline import example_project

    example = example_project()
    ok = True
    global ENV
    with tempfile.TemporaryDirectory() as tmp:
        ENV = user_environment(Path(tmp) / "pycache")
        folder = Path(tmp) / "example"
        folder.mkdir()
        for f in example.parent.glob("promtech*"):
            shutil.copy(f, folder / f.name)
        ok &= report("bundled example", folder / example.name, args.repeat, 1)
        if not args.skip_large:
            large = Path(tmp) / "large"
            large.mkdir()
            project = grow(
                folder / example.name,
                folder / "promtech_transactions.csv",
                large,
                interviews=1000,
                lines=1_000_000,
            )
            ok &= report(
                "1,000 interviews, 1,000,000 order lines", project, args.repeat, LARGE_FACTOR
            )
    print("\nevery target met" if ok else "\nsome targets NOT met")
    resource.getrusage(resource.RUSAGE_SELF)


if __name__ == "__main__":
    main()
