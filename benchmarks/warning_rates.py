"""How often the early warnings cry wolf, and how soon they see a real drop (by simulation).

A simulated tracking study like the monitoring example: 12 monthly waves of ``--n`` answers,
12 touchpoints on a 1–5 scale with a halo, a small true month-to-month wobble (SD 0.03 points)
and an overall NPS. Under no change it counts the watched series flagged at least once in the
year (false alarms per series-year, and the share of years with any false alarm); with a drop
of ``d`` points in one touchpoint from month 8 it counts how often the drop is flagged in that
month and by month 10. Run by hand (about a minute per 100 years on 2 cores):

    python benchmarks/warning_rates.py --years 200 --n 100
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from qfd.monitoring.warnings import WarningRule, early_warnings
from qfd.monitoring.waves import wave_series


def survey(rng, n: int, drop: float = 0.0, waves: int = 12, p: int = 12, at: int = 7):
    wave = np.repeat(np.arange(waves), n)
    halo = rng.normal(size=(waves * n, 1))
    latent = 0.45 * halo + np.sqrt(1 - 0.45**2) * rng.normal(size=(waves * n, p))
    x = 3.5 + 0.9 * latent + rng.normal(0, 0.6, (waves * n, p))
    x += rng.normal(0, 0.03, (waves, p))[wave]
    x[:, 0] -= drop * (wave >= at)
    sat = np.clip(np.round(x), 1, 5)
    nps = np.clip(np.round(7 + 2 * latent.mean(axis=1) + rng.normal(0, 1.2, waves * n)), 0, 10)
    labels = [str(k) for k in range(waves)]
    return wave_series(sat, [f"T{j}" for j in range(p)], wave, labels, (1, 5), nps_scores=nps)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=int, default=200)
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    rule = WarningRule()
    start = time.perf_counter()
    series, false, years_with = 0, 0, 0
    for _ in range(args.years):
        found = early_warnings(survey(rng, args.n), rule)
        series += len(found.watches)
        false += len(found.flagged)
        years_with += bool(found.flagged)
    print(
        f"no change, {args.years} years × {series // args.years} watched series, n = {args.n}: "
        f"{false / series:.2%} of series-years falsely flagged; "
        f"{years_with / args.years:.1%} of years with any false flag"
    )
    for drop in (0.3, 0.5, 0.8):
        at_once = by_three = 0
        for _ in range(args.years // 2):
            found = early_warnings(survey(rng, args.n, drop), rule)
            w = next(x for x in found.watches if x.touchpoint == "T0" and x.metric == "csi")
            at_once += w.first == 7
            by_three += 7 <= w.first <= 9
        k = args.years // 2
        print(
            f"drop of {drop} points from month 8: flagged that month in {at_once / k:.0%}, "
            f"by month 10 in {by_three / k:.0%}"
        )
    print(f"{time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
