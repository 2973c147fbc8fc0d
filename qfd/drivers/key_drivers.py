"""The key-driver analysis of a project: shares of R², betas and warnings, overall and by segment.

This is stage 3 of the method: the beta weights of touchpoints for payment behaviour. It
ties :func:`qfd.drivers.relative_importance.relative_importance` (what we rank by) to
:func:`qfd.drivers.regression.standardised_betas` (what consultants are asked about) and names every
reason to doubt a number.
"""

from __future__ import annotations

from dataclasses import field

import numpy as np

from qfd.behaviour.outcome import Outcome
from qfd.drivers.regression import Betas, standardised_betas
from qfd.drivers.relative_importance import RelativeImportance, relative_importance
from qfd.errors import AnalysisError
from qfd.notes import Note, note
from qfd.results import result

__all__ = ["MIN_ANSWERS", "MIN_SEGMENT_N", "DriverReport", "key_drivers"]

MIN_SEGMENT_N = 20  # respondents with an outcome needed to estimate a segment's own shares
MIN_ANSWERS = 5  # answers a touchpoint needs to enter the model at all


@result
class DriverReport:
    touchpoints: tuple[str, ...]  # all touchpoints, in journey order
    included: np.ndarray  # bool per touchpoint: entered the model
    outcome: Outcome
    importance: RelativeImportance  # over the included touchpoints
    betas: Betas | None
    segments: dict[str, RelativeImportance | None]
    segment_n: dict[str, int]
    warnings: tuple[Note, ...] = field(default=())

    def full(self, values: np.ndarray, fill: float = 0.0) -> np.ndarray:
        """Spread per-included values back over all touchpoints."""
        out = np.full(len(self.touchpoints), fill, dtype=float)
        out[self.included] = values
        return out

    @property
    def shares(self) -> np.ndarray:
        """Share of R² per touchpoint (0 for those left out)."""
        return self.full(self.importance.shares)

    @property
    def derived_importance(self) -> np.ndarray:
        """Shares normalised to sum to 1 (input of the planning matrix)."""
        return self.full(self.importance.normalised)


def key_drivers(
    satisfaction: np.ndarray,
    touchpoints,
    outcome: Outcome,
    *,
    weights=None,
    segments: dict[str, np.ndarray] | None = None,
    bootstrap: int = 1000,
    seed: int = 0,
    method: str = "lmg",
    missing: str = "pairwise",
) -> DriverReport:
    """Driver analysis of ``outcome`` on the satisfaction with each touchpoint.

    ``segments`` maps a segment name to a boolean mask over respondents.
    """
    X = np.asarray(satisfaction, dtype=float)
    y = outcome.values
    touchpoints = tuple(touchpoints)
    notes: list[Note] = []
    linked = ~np.isnan(y)
    answers = (~np.isnan(X) & linked[:, None]).sum(axis=0)
    sd = np.array([np.nanstd(X[linked, j]) if answers[j] > 1 else 0.0 for j in range(X.shape[1])])
    included = (answers >= MIN_ANSWERS) & (sd > 0)
    for j in np.flatnonzero(~included):
        if answers[j] >= MIN_ANSWERS:
            notes.append(note("no_variance", name=touchpoints[j]))
        else:
            notes.append(note("left_out", tp=touchpoints[j], n=int(answers[j]), limit=MIN_ANSWERS))
    names = [t for t, keep in zip(touchpoints, included, strict=True) if keep]
    Xi = X[:, included]
    if outcome.binary:
        notes.append(note("binary_outcome"))
    ri = relative_importance(
        Xi,
        y,
        method=method,
        weights=weights,
        missing=missing,
        bootstrap=bootstrap,
        seed=seed,
        names=names,
    )
    notes += list(ri.notes)
    if ri.n <= len(names) + 1:
        notes.append(note("n_below_p", n=ri.n, p=len(names)))
    if ri.n < 30:
        notes.append(note("indicative", n=ri.n))
    try:
        betas = standardised_betas(Xi, y, names, binary=outcome.binary, seed=seed)
        notes += list(betas.warnings)
    except AnalysisError as exc:
        betas = None
        notes.append(note("no_betas", reason=exc.note))
    seg_results: dict[str, RelativeImportance | None] = {}
    seg_n: dict[str, int] = {}
    for name, mask in (segments or {}).items():
        mask = np.asarray(mask, dtype=bool)
        n_seg = int((mask & linked).sum())
        seg_n[name] = n_seg
        if n_seg < MIN_SEGMENT_N:
            seg_results[name] = None
            notes.append(note("segment_small", name=name, n=n_seg, limit=MIN_SEGMENT_N))
            continue
        try:
            seg_results[name] = relative_importance(
                Xi[mask],
                y[mask],
                method=method,
                weights=None if weights is None else np.asarray(weights)[mask],
                missing=missing,
                bootstrap=bootstrap,
                seed=seed,
                names=names,
            )
        except AnalysisError as exc:
            seg_results[name] = None
            notes.append(note("segment_failed", name=name, reason=exc.note))
    return DriverReport(touchpoints, included, outcome, ri, betas, seg_results, seg_n, tuple(notes))
