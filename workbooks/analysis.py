"""From a validated project to the analysis results the exports need.

The stages call the pure computations in ``qfd`` and ``kpi_tree`` with plain arrays taken
from the :class:`~workbooks.project.Project`; this module only wires them together.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from qfd.behaviour import ClientBehaviour, Outcome, client_behaviour, respondent_outcome
from qfd.key_drivers import DriverReport, key_drivers
from qfd.metrics import compare_segments, touchpoint_metrics
from qfd.transactions import open_source
from workbooks.project import Project

__all__ = ["Analysis", "analyse", "behaviour_of", "drivers_of", "segment_masks"]


@dataclass(frozen=True)
class Analysis:
    project: Project
    behaviour: ClientBehaviour | None
    outcome: Outcome
    drivers: DriverReport
    metrics: list
    comparisons: list
    segments: dict[str, np.ndarray]


def segment_masks(project: Project) -> dict[str, np.ndarray]:
    """Respondent masks by the segment column named in the settings (if any)."""
    column = project.settings.segment_column
    iv = project.interviews
    if not column or iv is None:
        return {}
    from workbooks.schema import normalise

    match = next((k for k in iv.attributes if normalise(k) == normalise(column)), None)
    if match is None:
        return {}
    values = np.array(
        ["" if v is None else str(v).strip() for v in iv.attributes[match]], dtype=object
    )
    return {v: values == v for v in sorted(set(values)) if v}


def behaviour_of(project: Project) -> ClientBehaviour | None:
    if project.transactions is None:
        return None
    with open_source(project.transactions, check=False) as db:
        return client_behaviour(db, project.settings.analysis_date, project.settings.window_months)


def drivers_of(
    project: Project, behaviour: ClientBehaviour | None, segments, bootstrap: int | None = None
):
    iv = project.interviews
    s = project.settings
    outcome = respondent_outcome(s.outcome, iv.client_ids, behaviour, iv.overall, iv.nps)
    report = key_drivers(
        iv.satisfaction,
        iv.touchpoints,
        outcome,
        weights=iv.weights,
        segments=segments,
        bootstrap=s.bootstrap if bootstrap is None else bootstrap,
        seed=s.seed,
    )
    return outcome, report


def analyse(
    project: Project, *, bootstrap: int | None = None, progress: Callable[[str], None] | None = None
) -> Analysis:
    """Run the analysis stages that exist so far on a validated project."""
    say = progress or (lambda _: None)
    say("behaviour")
    behaviour = behaviour_of(project)
    segments = segment_masks(project)
    say("drivers")
    outcome, report = drivers_of(project, behaviour, segments, bootstrap)
    iv = project.interviews
    scale = project.settings.satisfaction_scale
    metrics = touchpoint_metrics(
        iv.satisfaction, iv.reasons["satisfaction"], iv.touchpoints, scale.low, scale.high, segments
    )
    comparisons = (
        compare_segments(iv.satisfaction, iv.touchpoints, segments, scale.high) if segments else []
    )
    return Analysis(project, behaviour, outcome, report, metrics, comparisons, segments)
