"""How sure the drivers are: a simulation study of the driver intervals and the missing-data method.

Every cell draws survey-like data from a known population — touchpoint scores that share a common
"halo" factor (inter-item correlation 0.30), an outcome that depends on them either *diffusely*
(every touchpoint matters, from β = 0.35 down to 0.10) or *sparsely* (three touchpoints at
β = 0.45, the rest not at all) — hides 0–30 % of the answers completely at random (MCAR) or at
random given the outcome (MAR: clients with a worse outcome skip more questions), runs the engine's
own ``relative_importance`` with a respondent bootstrap, and asks:

* coverage — how often the nominal-95 % interval contains the *population* value, for the LMG
  share of R², the normalised share (what the planning matrix uses) and the rank (ties in the
  population count as covered when the interval reaches the tied ranks), for every interval
  method of ``qfd.bootstrap.INTERVALS`` computed from the same replicates;
* bias of R² against the complete-data sample — what the same respondents would have given with
  no answer missing — for each missing-data method: EM with the ridge prior (the default), plain
  maximum likelihood (EM without the prior), pairwise deletion with the nearest-correlation
  repair, listwise deletion (where enough complete rows remain) and multiple imputation (on the
  first replications of each cell; it costs about a second each).

The cells with n ≥ 50 and p ≤ 12 are the validated range: the target is ≥ 93 % coverage there and
|bias of R²| ≤ 0.03. Cells with p = 20 run the bootstrap as the engine does at its default
B = 1000 (Johnson's weights in the replicates, see ``bootstrap_plan``).

    nice -n 10 python benchmarks/bench_calibration.py            # ~30 min on 2 cores
    python benchmarks/bench_calibration.py --quick               # 2 cells, a smoke test
    python benchmarks/bench_calibration.py --price               # the bootstrap's price only

Writes ``benchmarks/results/calibration.json`` and prints the README table. The engine's note for
projects outside the validated range reads ``qfd/drivers/evidence.py``; a test checks that it
agrees with the JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

OUT = Path(__file__).parent / "results" / "calibration.json"
HALO = 0.55  # loading on the common factor: inter-item correlation 0.55² / (0.55² + 0.7) = 0.30
B = 200
ENGINE_B = 1000  # the engine's default bootstrap: the p = 20 cells plan their replicates for it
MI_REPS = 15  # replications per cell that also run multiple imputation

# (n, p, missing share, mechanism, truth, replications)
CELLS = [
    (50, 8, 0.2, "MCAR", "diffuse", 150),
    (50, 8, 0.2, "MAR", "sparse", 150),
    (50, 12, 0.2, "MAR", "diffuse", 150),
    (50, 12, 0.3, "MAR", "sparse", 150),
    (60, 12, 0.15, "MCAR", "sparse", 150),
    (100, 5, 0.0, "MCAR", "diffuse", 150),
    (100, 12, 0.3, "MAR", "diffuse", 120),
    (200, 12, 0.3, "MCAR", "sparse", 100),
    (200, 8, 0.1, "MAR", "diffuse", 100),
    (30, 5, 0.1, "MCAR", "sparse", 150),
    (30, 12, 0.2, "MCAR", "diffuse", 150),
    (100, 20, 0.2, "MCAR", "sparse", 100),
    (200, 20, 0.1, "MAR", "diffuse", 100),
]


def in_range(n: int, p: int, missing: float) -> bool:
    return n >= 50 and p <= 12 and missing <= 0.3


def betas(p: int, truth: str) -> np.ndarray:
    if truth == "sparse":
        return np.r_[np.full(3, 0.45), np.zeros(p - 3)]
    return np.linspace(0.35, 0.10, p)


def population(p: int, beta: np.ndarray) -> np.ndarray:
    """The population correlation matrix of the p scores and the outcome (last)."""
    sxx = np.full((p, p), HALO**2) + np.eye(p) * (1 - 0.3)
    cov = np.zeros((p + 1, p + 1))
    cov[:p, :p] = sxx
    cov[:p, p] = cov[p, :p] = sxx @ beta
    cov[p, p] = beta @ sxx @ beta + 1.0
    d = np.sqrt(np.diag(cov))
    return cov / d[:, None] / d[None, :]


def tied_rank_range(true: np.ndarray):
    """Best and worst population rank of each predictor (ties share a range)."""
    eps = 1e-9 * max(true.max(), 1e-12)
    best = 1 + (true[None, :] > true[:, None] + eps).sum(axis=1)
    worst = (true[None, :] >= true[:, None] - eps).sum(axis=1)
    return best, worst


def draw(rng, n, p, missing, mechanism, chol):
    data = rng.normal(size=(n, p + 1)) @ chol.T
    X, y = data[:, :p], data[:, p]
    if mechanism == "MAR":
        zy = (y - y.mean()) / y.std()
        prob = np.clip(missing * 2 / (1 + np.exp(1.5 * zy)), 0, 0.95)[:, None]
    else:
        prob = np.full((n, 1), missing)
    Xm = X.copy()
    Xm[rng.random(X.shape) < prob] = np.nan
    # a respondent who skipped everything is no respondent: keep one answer
    empty = np.isnan(Xm).all(axis=1)
    Xm[empty, 0] = X[empty, 0]
    return X, y, Xm


def r2_of(corr: np.ndarray) -> float:
    rxx, rxy = corr[:-1, :-1], corr[:-1, -1]
    return float(rxy @ np.linalg.solve(rxx, rxy))


def run_cell(cell, seed: int) -> dict:
    from qfd.bootstrap import INTERVALS
    from qfd.drivers.missing_data import correlation_matrix, em_covariance, standardise
    from qfd.drivers.relative_importance import (
        BOOTSTRAP_BUDGET,
        all_subset_r2,
        lmg_from_subsets,
        population_intervals,
        relative_importance,
    )

    n, p, missing, mechanism, truth, reps = cell
    rng = np.random.default_rng(seed)
    pop = population(p, betas(p, truth))
    true = lmg_from_subsets(all_subset_r2(pop))
    true_norm = true / true.sum()
    best, worst = tied_rank_range(true)
    chol = np.linalg.cholesky(pop)
    cover = {(kind, m): [] for kind in ("share", "normalised", "rank") for m in INTERVALS}
    width = {(kind, m): [] for kind in ("share", "normalised") for m in INTERVALS}
    bias = {m: [] for m in ("em", "ml", "pairwise", "listwise", "mice")}
    plans, seconds = set(), 0.0
    budget = BOOTSTRAP_BUDGET * B / ENGINE_B  # the replicates as the engine would plan B = 1000
    for r in range(reps):
        X, y, Xm = draw(rng, n, p, missing, mechanism, chol)
        complete = r2_of(np.corrcoef(np.column_stack([X, y]), rowvar=False))
        start = time.perf_counter()
        ri = relative_importance(Xm, y, bootstrap=B, seed=int(rng.integers(1 << 31)), budget=budget)
        seconds += time.perf_counter() - start
        plans.add(ri.replicates)
        bias["em"].append(ri.r_squared - complete)
        data = np.column_stack([Xm, y])
        z, _ = standardise(data)
        bias["ml"].append(r2_of(em_covariance(z, max_iter=200).correlation[0]) - complete)
        bias["pairwise"].append(
            r2_of(correlation_matrix(data, None, "pairwise", 0).stack[0]) - complete
        )
        if (~np.isnan(Xm).any(axis=1)).sum() >= p + 3:
            bias["listwise"].append(
                r2_of(correlation_matrix(data, None, "listwise", 0).stack[0]) - complete
            )
        if r < MI_REPS and missing > 0:
            mi = relative_importance(Xm, y, missing="mice", seed=r)
            bias["mice"].append(mi.r_squared - complete)
        for m in INTERVALS:
            ci = population_intervals(
                ri.shares, ri.adjusted_shares, ri.bootstrap_adjusted, 0.95, m, ri.n
            )
            cover["share", m].append((ci.share[:, 0] <= true) & (true <= ci.share[:, 1]))
            cover["normalised", m].append(
                (ci.normalised[:, 0] <= true_norm) & (true_norm <= ci.normalised[:, 1])
            )
            cover["rank", m].append((ci.rank[:, 0] <= worst) & (ci.rank[:, 1] >= best))
            width["share", m].append(ci.share[:, 1] - ci.share[:, 0])
            width["normalised", m].append(ci.normalised[:, 1] - ci.normalised[:, 0])
    out = {
        "n": n,
        "p": p,
        "missing": missing,
        "mechanism": mechanism,
        "truth": truth,
        "replications": reps,
        "bootstrap": B,
        "in_range": in_range(n, p, missing),
        "population_r2": float(true.sum()),
        "replicates": sorted(plans),
        "seconds_per_fit": seconds / reps,
        "coverage": {},
        "r2_bias": {m: (float(np.mean(v)) if v else None) for m, v in bias.items()},
        "r2_bias_n": {m: len(v) for m, v in bias.items()},
    }
    for (kind, m), v in cover.items():
        v = np.array(v, dtype=float)
        out["coverage"].setdefault(kind, {})[m] = {
            "mean": float(v.mean()),
            "worst_touchpoint": float(v.mean(axis=0).min()),
        }
    for (kind, m), v in width.items():
        out["coverage"][kind][m]["width"] = float(np.mean(v))
    return out


def price() -> None:
    """The default bootstrap's cost against the old one (pairwise + clipping) in the same run."""
    from qfd.drivers.relative_importance import relative_importance

    rng = np.random.default_rng(1)
    chol = np.linalg.cholesky(population(12, betas(12, "sparse")))
    _, y, Xm = draw(rng, 60, 12, 0.15, "MCAR", chol)
    relative_importance(Xm, y, bootstrap=20)  # warm-up
    timings = {}
    for missing in ("pairwise", "em"):
        start = time.perf_counter()
        relative_importance(Xm, y, bootstrap=1000, seed=1, missing=missing)
        timings[missing] = time.perf_counter() - start
    print(
        f"bootstrap B = 1000, n = 60, p = 12, 15 % missing: EM (default) {timings['em']:.2f} s, "
        f"pairwise {timings['pairwise']:.2f} s -> EM costs {timings['em'] / timings['pairwise']:.1f}x"
    )


def table(results: list[dict], interval: str) -> str:
    rows = [
        "| n | p | missing | truth | shares | normalised | ranks | R² bias: EM (default) | ML | pairwise | MI |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:

        def pct(kind, r=r):
            v = r["coverage"][kind][interval]
            return f"{100 * v['mean']:.0f} % ({100 * v['worst_touchpoint']:.0f})"

        def b(m, r=r):
            v = r["r2_bias"][m]
            return "—" if v is None else f"{v:+.3f}"

        n_mark = " *" if r["n"] < 50 else ""
        p_mark = " *" if r["p"] > 12 else ""
        miss = f"{100 * r['missing']:.0f} % {r['mechanism']}" if r["missing"] else "none"
        rows.append(
            f"| {r['n']}{n_mark} | {r['p']}{p_mark} | {miss} | {r['truth']} | "
            f"{pct('share')} | {pct('normalised')} | {pct('rank')} | {b('em')} | {b('ml')} | "
            f"{b('pairwise')} | {b('mice')} |"
        )
    return "\n".join(rows)


def study_rows(saved: dict) -> list[tuple]:
    """(n, p, missing, shares, normalised, ranks) per cell, coverage of the default interval."""
    m = saved["default_interval"]
    return [
        (
            c["n"],
            c["p"],
            c["missing"],
            round(c["coverage"]["share"][m]["mean"], 3),
            round(c["coverage"]["normalised"][m]["mean"], 3),
            round(c["coverage"]["rank"][m]["mean"], 3),
        )
        for c in saved["cells"]
    ]


def evidence(saved: dict) -> str:
    return "(\n" + "".join(f"    {row!r},\n" for row in study_rows(saved)) + ")"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="two small cells, 20 replications")
    ap.add_argument("--price", action="store_true", help="only the bootstrap's price")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--table", action="store_true", help="print the table of the saved results")
    args = ap.parse_args()
    if args.table:
        saved = json.loads(OUT.read_text(encoding="utf-8"))
        print(table(saved["cells"], saved["default_interval"]))
        print("\nqfd/drivers/evidence.py, STUDY:\n" + evidence(saved))
        return
    price()
    if args.price:
        return
    cells = CELLS
    if args.quick:
        cells = [(50, 8, 0.2, "MAR", "sparse", 20), (100, 5, 0.0, "MCAR", "diffuse", 20)]
    start = time.perf_counter()
    with ProcessPoolExecutor(args.workers) as pool:
        results = list(pool.map(run_cell, cells, [1000 + k for k in range(len(cells))]))
    minutes = (time.perf_counter() - start) / 60
    from qfd.bootstrap import INTERVALS
    from qfd.drivers.relative_importance import DEFAULT_INTERVAL

    for m in INTERVALS:
        ok = [r for r in results if r["in_range"]]
        worst = min(min(r["coverage"][k][m]["mean"] for k in ("share", "normalised")) for r in ok)
        print(f"{m:12s} lowest in-range coverage (shares, normalised): {100 * worst:.1f} %")
    print(f"\n{len(cells)} cells in {minutes:.1f} min; interval {DEFAULT_INTERVAL}:\n")
    print(table(results, DEFAULT_INTERVAL))
    if not args.quick:
        OUT.parent.mkdir(exist_ok=True)
        OUT.write_text(
            json.dumps({"default_interval": DEFAULT_INTERVAL, "cells": results}, indent=1),
            encoding="utf-8",
        )


if __name__ == "__main__":
    sys.exit(main())
