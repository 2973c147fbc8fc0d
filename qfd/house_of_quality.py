"""House of Quality: touchpoints (the "whats") → target characteristics (the "hows").

Technical importance ``TI_j = Σ_i w_i · r_ij`` on a relationship scale (9-3-1 by default,
5-3-1, or custom), roof conflicts among the important characteristics, the phase-2 cascade from
lagging characteristics to the leading indicators that cause them, and rank stability under
the respondent bootstrap and the alternative scales (METHOD.md §7).
"""

from __future__ import annotations

import numpy as np

from qfd.ranking import ranks
from qfd.results import result

__all__ = [
    "SCALES",
    "Cascade",
    "Conflict",
    "TechnicalImportance",
    "cascade",
    "rescale",
    "roof_conflicts",
    "technical_importance",
]

# Strong / medium / weak relationship values of each scale; the workbook stores 9/3/1.
SCALES: dict[str, tuple[float, float, float]] = {
    "9-3-1": (9.0, 3.0, 1.0),
    "5-3-1": (5.0, 3.0, 1.0),
    "3-2-1": (3.0, 2.0, 1.0),
    "9-5-1": (9.0, 5.0, 1.0),
}


@result
class TechnicalImportance:
    absolute: np.ndarray  # Σ_i w_i r_ij
    relative: np.ndarray  # sums to 1
    rank: np.ndarray


def rescale(
    relationships: np.ndarray, scale: str | tuple[float, float, float] = "9-3-1"
) -> np.ndarray:
    """Map a 9/3/1 matrix onto another strong/medium/weak scale.

    >>> rescale(np.array([[9, 3, 1, 0]]), "5-3-1").tolist()
    [[5.0, 3.0, 1.0, 0.0]]
    """
    strong, medium, weak = SCALES[scale] if isinstance(scale, str) else scale
    r = np.asarray(relationships, dtype=float)
    return np.select([r == 9, r == 3, r == 1], [strong, medium, weak], default=0.0)


def technical_importance(weights, relationships, *, scale="9-3-1") -> TechnicalImportance:
    """Technical importance of each characteristic.

    ``weights`` are the customer weights of the rows (touchpoints), ``relationships`` the
    rows × characteristics matrix on 9/3/1 (symbols already converted).

    >>> ti = technical_importance([0.5, 0.3, 0.2], [[9, 0], [3, 1], [0, 9]])
    >>> ti.absolute.tolist(), ti.relative.round(4).tolist()
    ([5.4, 2.1], [0.72, 0.28])
    """
    w = np.asarray(weights, dtype=float)
    r = rescale(relationships, scale)
    absolute = w @ r
    total = absolute.sum()
    relative = absolute / total if total > 0 else np.zeros_like(absolute)
    return TechnicalImportance(absolute, relative, ranks(absolute))


@result
class Conflict:
    a: int
    b: int
    strength: int  # -1 negative, -2 strongly negative
    importance_a: float
    importance_b: float
    among_top: bool  # both are among the top characteristics: resolve before committing


def roof_conflicts(
    roof: np.ndarray, relative: np.ndarray, top: int | None = None
) -> list[Conflict]:
    """Negatively correlated pairs of characteristics, most important first; ``among_top``
    marks pairs where both are among the ``top`` (default: the upper half) by importance.

    >>> roof = np.array([[0, -2, 0], [-2, 0, -1], [0, -1, 0]])
    >>> [(c.a, c.b, c.strength, c.among_top) for c in roof_conflicts(roof, np.array([.5, .3, .2]))]
    [(0, 1, -2, True), (1, 2, -1, False)]
    """
    m = len(relative)
    top = top or max(2, (m + 1) // 2)
    best = set(np.argsort(-relative, kind="stable")[:top].tolist())
    out = []
    for a in range(m):
        for b in range(a + 1, m):
            if roof[a, b] < 0:
                out.append(
                    Conflict(
                        a,
                        b,
                        int(roof[a, b]),
                        float(relative[a]),
                        float(relative[b]),
                        a in best and b in best,
                    )
                )
    return sorted(out, key=lambda c: (not c.among_top, -(c.importance_a + c.importance_b)))


@result
class Cascade:
    lagging: tuple[int, ...]  # characteristic indices (rows of phase 2)
    leading: tuple[int, ...]  # columns of phase 2
    matrix: np.ndarray  # lagging × leading, relationship strength
    row_weights: np.ndarray  # absolute technical importance of the lagging ones (phase 1)
    absolute: np.ndarray  # leading importance
    relative: np.ndarray


def cascade(
    absolute: np.ndarray, indicator: list[str], causes: dict[int, dict[int, float]]
) -> Cascade:
    """Phase 2: lagging characteristics → the leading indicators that cause them.

    Rows carry the *absolute* phase-1 technical importance (no rescaling to a 1–5 scale, which
    would lose information), so phase-2 importances stay proportional to the customer weights.
    ``causes[lagging][leading]`` is the strength (9 if not given).

    >>> c = cascade(np.array([10.0, 2.0, 4.0]), ["lagging", "leading", "leading"], {0: {1: 9, 2: 3}})
    >>> c.absolute.tolist(), c.relative.round(2).tolist()
    ([90.0, 30.0], [0.75, 0.25])
    """
    lag = tuple(i for i, k in enumerate(indicator) if k == "lagging" and causes.get(i))
    lead = tuple(sorted({j for i in lag for j in causes[i]}))
    matrix = np.zeros((len(lag), len(lead)))
    for r, i in enumerate(lag):
        for j, strength in causes[i].items():
            matrix[r, lead.index(j)] = strength
    row_w = np.asarray(absolute, dtype=float)[list(lag)] if lag else np.zeros(0)
    abs2 = row_w @ matrix if lag else np.zeros(0)
    rel2 = abs2 / abs2.sum() if abs2.sum() > 0 else abs2
    return Cascade(lag, lead, matrix, row_w, abs2, rel2)
