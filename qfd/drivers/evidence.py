"""What the committed simulation study measured, so a project outside its range is told so.

``benchmarks/bench_calibration.py`` measured how often the driver intervals cover the population
values. Its validated range is n ≥ 50 respondents with an outcome, p ≤ 12 touchpoints and at most
30 % of the answers missing; there the intervals of shares and normalised shares covered at least
93 % of the time. :data:`STUDY` holds its cells (``--table`` prints them from
``benchmarks/results/calibration.json``; a test checks that the two agree). For a project outside
the range, :func:`evidence_note` quotes the coverage measured in the nearest cell.
"""

from __future__ import annotations

import math

from qfd.notes import Note, note

__all__ = ["MAX_MISSING", "MAX_P", "MIN_N", "STUDY", "evidence_note"]

MIN_N, MAX_P, MAX_MISSING = 50, 12, 0.30

# (n, p, missing share, coverage of shares, coverage of normalised shares, coverage of ranks)
STUDY: tuple[tuple[int, int, float, float, float, float], ...] = (
    (50, 8, 0.2, 0.974, 0.967, 0.977),
    (50, 8, 0.2, 0.965, 0.958, 1.0),
    (50, 12, 0.2, 0.974, 0.972, 0.972),
    (50, 12, 0.3, 0.98, 0.968, 1.0),
    (60, 12, 0.15, 0.976, 0.967, 1.0),
    (100, 5, 0.0, 0.952, 0.944, 0.991),
    (100, 12, 0.3, 0.951, 0.951, 0.97),
    (200, 12, 0.3, 0.974, 0.971, 1.0),
    (200, 8, 0.1, 0.938, 0.936, 0.985),
    (30, 5, 0.1, 0.975, 0.969, 1.0),
    (30, 12, 0.2, 0.989, 0.989, 0.972),
    (100, 20, 0.2, 0.906, 0.915, 1.0),
    (200, 20, 0.1, 0.938, 0.936, 0.946),
)


def evidence_note(n: int, p: int, missing: float) -> Note | None:
    """None inside the validated range; otherwise a note with the nearest measured cell.

    >>> evidence_note(60, 12, 0.15) is None
    True
    """
    reasons = []
    if n < MIN_N:
        reasons.append("n")
    if p > MAX_P:
        reasons.append("p")
    if missing > MAX_MISSING:
        reasons.append("missing")
    if not reasons:
        return None
    outside = [c for c in STUDY if c[0] < MIN_N or c[1] > MAX_P or c[2] > MAX_MISSING]
    if not outside:
        return note("outside_evidence_unmeasured", n=n, p=p, missing=missing)

    def distance(c):
        return (math.log(c[0] / n)) ** 2 + (math.log(c[1] / p)) ** 2 + ((c[2] - missing) / 0.3) ** 2

    cell = min(outside, key=distance)
    return note(
        "outside_evidence",
        n=n,
        p=p,
        missing=missing,
        cell_n=cell[0],
        cell_p=cell[1],
        cell_missing=cell[2],
        shares=cell[3],
        normalised=cell[4],
        ranks=cell[5],
        min_n=MIN_N,
        max_p=MAX_P,
        max_missing=MAX_MISSING,
    )
