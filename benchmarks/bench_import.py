"""Reading a 50,000 × 40 survey export: python-calamine (our reader) vs openpyxl read-only.

Run by hand:  python benchmarks/bench_import.py [--rows 50000] [--cols 40]
Prints both timings and the ratio (target: calamine at least 3× faster).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import openpyxl
import xlsxwriter

from workbooks.project.reader import read_grids


def make_export(path: Path, rows: int, cols: int, seed: int = 1) -> None:
    rng = np.random.default_rng(seed)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("Ответы")
    ws.write_row(0, 0, [f"Вопрос {j}: насколько вы удовлетворены точкой {j}?" for j in range(cols)])
    words = ["затрудняюсь ответить", "4,5", "н/д"]
    for r in range(1, rows + 1):
        values = rng.integers(1, 6, size=cols).tolist()
        for j in range(0, cols, 7):
            if rng.random() < 0.1:
                values[j] = words[int(rng.integers(3))]
        ws.write_row(r, 0, values)
    wb.close()


def time_it(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def openpyxl_read(path: Path) -> int:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    n = sum(1 for _ in wb.active.iter_rows(values_only=True))
    wb.close()
    return n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=50_000)
    ap.add_argument("--cols", type=int, default=40)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "export.xlsx"
        make_export(path, args.rows, args.cols)
        ours = min(time_it(lambda: read_grids(path)) for _ in range(3))
        peer = min(time_it(lambda: openpyxl_read(path)) for _ in range(3))
    print(f"export {args.rows} x {args.cols}")
    print(f"python-calamine (workbooks.reader.read_grids): {ours:.2f} s")
    print(f"openpyxl read-only iter_rows:                  {peer:.2f} s")
    print(f"ratio openpyxl / ours: {peer / ours:.1f}x (target >= 3x)")


if __name__ == "__main__":
    main()
