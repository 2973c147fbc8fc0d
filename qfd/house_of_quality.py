"""House of Quality: touchpoints (the "whats") → target characteristics (the "hows").

Technical importance ``TI_j = Σ_i w_i · r_ij`` on a relationship scale (9-3-1 by default,
5-3-1, 3-2-1, 9-5-1 or a custom triple; the matrix must hold that scale's values), roof conflicts among the important characteristics, the phase-2 cascade from
lagging characteristics to the leading indicators that cause them, and rank stability under
the respondent bootstrap and the alternative scales (docs/method.md §7).
"""

from __future__ import annotations

import math

import numpy as np

from qfd.errors import ParameterError, check_choice
from qfd.ranking import ranks
from qfd.results import result

__all__ = [
    "SCALES",
    "SYMBOLS",
    "Cascade",
    "Conflict",
    "TechnicalImportance",
    "cascade",
    "rescale",
    "roof_conflicts",
    "scale_values",
    "strengths",
    "technical_importance",
]

# Strong / medium / weak relationship values of each scale; the workbook stores 9/3/1.
SCALES: dict[str, tuple[float, float, float]] = {
    "9-3-1": (9.0, 3.0, 1.0),
    "5-3-1": (5.0, 3.0, 1.0),
    "3-2-1": (3.0, 2.0, 1.0),
    "9-5-1": (9.0, 5.0, 1.0),
}
# The workbook's symbols for strong / medium / weak, read on any scale.
SYMBOLS = ("●", "○", "△")


@result
class TechnicalImportance:
    absolute: np.ndarray  # Σ_i w_i r_ij
    relative: np.ndarray  # sums to 1
    rank: np.ndarray


def scale_values(scale: str | tuple[float, float, float]) -> tuple[float, float, float]:
    """(strong, medium, weak) of a named scale or a custom triple (strong > medium > weak > 0).

    >>> scale_values("5-3-1"), scale_values((7, 4, 1))
    ((5.0, 3.0, 1.0), (7.0, 4.0, 1.0))
    """
    if isinstance(scale, str):
        check_choice("scale", scale, tuple(SCALES))
        return SCALES[scale]
    try:
        strong, medium, weak = (float(v) for v in scale)
    except (TypeError, ValueError):
        raise ParameterError(
            f"The scale parameter must be one of {', '.join(map(repr, SCALES))} or a triple "
            f"strong > medium > weak > 0; got {scale!r}."
        ) from None
    if not (np.isfinite([strong, medium, weak]).all() and strong > medium > weak > 0):
        raise ParameterError(
            f"The scale parameter must be a triple strong > medium > weak > 0; got {scale!r}."
        )
    return strong, medium, weak


def strengths(relationships, scale="9-3-1") -> np.ndarray:
    """The relationship matrix as strength levels: 3 strong, 2 medium, 1 weak, 0 none.

    Values must be those of ``scale`` (or the symbols ● ○ △, or blank / 0); any other value is a
    :class:`~qfd.errors.ParameterError` naming it and its place — never a silent zero.

    >>> strengths([[5, 3, 1, 0], ["●", "○", "△", None]], "5-3-1").tolist()
    [[3, 2, 1, 0], [3, 2, 1, 0]]
    >>> strengths([[9, 5]], "9-3-1")
    Traceback (most recent call last):
    ...
    qfd.errors.ParameterError: The relationships parameter holds 5 at row 1, column 2; the 9-3-1 scale accepts 9, 3, 1, the symbols ● ○ △ or blank/0.
    """
    values = scale_values(scale)
    r = np.asarray(relationships, dtype=object)
    if r.ndim != 2:
        raise ParameterError(f"The relationships parameter must be a 2-D matrix; got {r.ndim}-D.")
    if r.dtype.kind in "biuf" or all(isinstance(v, (int, float)) for v in r.flat):
        x = r.astype(float)
        level = np.select([x == values[0], x == values[1], x == values[2]], [3, 2, 1], 0)
        if ((level > 0) | (x == 0)).all():
            return level
    out = np.zeros(r.shape, dtype=int)
    lookup = {SYMBOLS[k]: 3 - k for k in range(3)}
    for (i, j), v in np.ndenumerate(r):
        if isinstance(v, str) and v.strip() in lookup:
            out[i, j] = lookup[v.strip()]
            continue
        if v is None or (isinstance(v, str) and not v.strip()):
            continue
        try:
            x = float(v)
        except (TypeError, ValueError):
            x = math.nan
        if x == 0:
            continue
        level = next((3 - k for k, s in enumerate(values) if x == s), None)
        if level is None:
            name = scale if isinstance(scale, str) else "-".join(f"{s:g}" for s in values)
            accepted = ", ".join(f"{s:g}" for s in values)
            raise ParameterError(
                f"The relationships parameter holds {v!r} at row {i + 1}, column {j + 1}; the "
                f"{name} scale accepts {accepted}, the symbols ● ○ △ or blank/0."
            )
        out[i, j] = level
    return out


def rescale(
    relationships, scale: str | tuple[float, float, float] = "9-3-1", to=None
) -> np.ndarray:
    """The matrix on scale ``to`` (strong/medium/weak mapped level by level); its values must be
    those of ``scale``. With one scale given, a 9/3/1 matrix is mapped onto it.

    >>> rescale(np.array([[9, 3, 1, 0]]), "5-3-1").tolist()
    [[5.0, 3.0, 1.0, 0.0]]
    >>> rescale([[5, 3, 1]], "5-3-1", to="9-5-1").tolist()
    [[9.0, 5.0, 1.0]]
    """
    if to is None:
        scale, to = "9-3-1", scale
    level = strengths(relationships, scale)
    table = np.array([0.0, *reversed(scale_values(to))])
    return table[level]


def technical_importance(weights, relationships, *, scale="9-3-1") -> TechnicalImportance:
    """Technical importance ``TI_j = Σ_i w_i · r_ij`` of each characteristic.

    ``weights`` are the customer weights of the rows (touchpoints), ``relationships`` the
    rows × characteristics matrix written on ``scale`` (9-3-1 by default; "5-3-1", "3-2-1",
    "9-5-1", a custom (strong, medium, weak) triple; the symbols ● ○ △ are read on that scale).
    A value the scale does not have is refused (:class:`~qfd.errors.ParameterError`).

    >>> ti = technical_importance([0.5, 0.3, 0.2], [[9, 0], [3, 1], [0, 9]])
    >>> ti.absolute.tolist(), ti.relative.round(4).tolist()
    ([5.4, 2.1], [0.72, 0.28])
    >>> technical_importance([1, 2], [[5, 1], [3, 5]], scale="5-3-1").absolute.tolist()
    [11.0, 11.0]
    """
    w = np.asarray(weights, dtype=float)
    r = rescale(relationships, scale, to=scale)
    if w.shape != (r.shape[0],):
        raise ParameterError(
            f"The weights parameter must have one value per row of relationships "
            f"({r.shape[0]}); got shape {w.shape}."
        )
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
