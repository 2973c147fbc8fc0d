"""Exact LMG: our all-subsets sweep vs the `dominance-analysis` package, measured in one run.

The peer needs an old stack (numpy<2) and calls bokeh's notebook hook on import, so it runs in
its own virtual environment as a subprocess, with that hook disabled:

    python3 -m venv /tmp/venv-da && /tmp/venv-da/bin/pip install "numpy<2" dominance-analysis==1.1.9
    python benchmarks/bench_lmg.py --peer-python /tmp/venv-da/bin/python

Targets: p = 20 in <= 0.2 s, p = 25 in <= 5 s (2 cores), >= 1000x faster than the peer at p = 14,
n = 500. Without --peer-python only our timings are printed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from qfd.drivers.relative_importance import all_subset_r2, lmg_from_subsets, relative_importance

PEER = r"""
import json, sys, time
import bokeh.io, bokeh.plotting
bokeh.io.output_notebook = bokeh.plotting.output_notebook = lambda *a, **k: None
import contextlib, io
import pandas as pd
from dominance_analysis import Dominance
df = pd.read_csv(sys.argv[1])
start = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    d = Dominance(data=df, target="y", objective=1, top_k=df.shape[1] - 1)
    shares = d.incremental_rsquare()
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "shares": [shares[c] for c in df.columns[:-1]]}))
"""


def problem(n: int, p: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    X = 0.5 * rng.normal(size=(n, 1)) + rng.normal(size=(n, p))
    y = X @ rng.normal(size=p) + rng.normal(size=n) * 3
    return X, y


def ours(X, y) -> tuple[float, np.ndarray]:
    start = time.perf_counter()
    corr = np.corrcoef(np.column_stack([X, y]), rowvar=False)
    shares = lmg_from_subsets(all_subset_r2(corr))
    return time.perf_counter() - start, shares


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--peer-python", help="python of a venv with dominance-analysis 1.1.9")
    ap.add_argument("--peer-p", type=int, default=14)
    args = ap.parse_args()
    ours(*problem(100, 5))  # warm-up: imports, thread pool
    relative_importance(*problem(30, 3), bootstrap=5)  # warm-up: statsmodels and scipy imports
    for p in (10, 14, 20, 25):
        X, y = problem(500, p)
        best = min(ours(X, y)[0] for _ in range(3 if p < 25 else 1))
        print(f"ours  p = {p:2d}, n = 500: {best:8.4f} s")
    X, y = problem(50, 10)
    X[np.random.default_rng(1).random(X.shape) < 0.2] = np.nan
    start = time.perf_counter()
    relative_importance(X, y, bootstrap=1000, seed=1)
    print(
        f"ours  bootstrap B = 1000, n = 50, p = 10, 20 % missing (EM, the default): "
        f"{time.perf_counter() - start:.2f} s (target about 1 s)"
    )
    if args.peer_python:
        X, y = problem(500, args.peer_p)
        t_ours, s_ours = min((ours(X, y) for _ in range(5)), key=lambda r: r[0])
        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / "data.csv"
            header = ",".join([f"x{j}" for j in range(args.peer_p)] + ["y"])
            np.savetxt(path, np.column_stack([X, y]), delimiter=",", header=header, comments="")
            out = subprocess.run(
                [args.peer_python, "-c", PEER, str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
        peer = json.loads(out.stdout.strip().splitlines()[-1])
        diff = np.max(np.abs(np.array(peer["shares"]) - s_ours))
        print(
            f"peer  p = {args.peer_p}, n = 500 (dominance-analysis 1.1.9): {peer['seconds']:.2f} s"
        )
        print(
            f"ours  p = {args.peer_p}, n = 500: {t_ours:.4f} s  -> {peer['seconds'] / t_ours:,.0f}x faster; "
            f"max |share difference| = {diff:.1e}"
        )


if __name__ == "__main__":
    sys.exit(main())
