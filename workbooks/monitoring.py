"""Continuous monitoring of a project (docs/method.md §13), wired on a validated workbook.

:func:`monitor` reads the project and its monitoring inputs
(:mod:`workbooks.project.monitoring_sheets`), hands plain arrays and open query engines to the
computations of :mod:`qfd.monitoring` and collects their results in a :class:`Monitoring` that
the report (:mod:`workbooks.deliverables.monitoring_report`) reads. A section that the data
cannot support (no transactions, no event log, waves that are not months) is skipped with a
note saying why; the others still run.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from qfd.errors import AnalysisError
from qfd.monitoring.comments import MASK_LABELS, ThemeReport, comment_themes
from qfd.monitoring.event_log import ProcessMining, compare_declared, process_mining
from qfd.monitoring.o_x import Links, operational_links
from qfd.monitoring.retention import Retention, retention
from qfd.monitoring.warnings import EarlyWarnings, WarningRule, early_warnings
from qfd.monitoring.waves import Waves, wave_series
from qfd.notes import Note, note
from workbooks.locale import words
from workbooks.project import Project, read_project
from workbooks.project.monitoring_sheets import MonitoringInputs, read_monitoring

__all__ = ["Monitoring", "monitor", "monitoring_of", "warning_rule"]


@dataclass(frozen=True)
class Monitoring:
    project: Project
    inputs: MonitoringInputs
    waves: Waves
    warnings: EarlyWarnings
    themes: ThemeReport | None
    retention: Retention | None
    process: ProcessMining | None
    links: Links | None
    notes: tuple[Note, ...] = ()  # sections skipped on this data, and why


def warning_rule(inputs: MonitoringInputs) -> WarningRule:
    """The early-warning rule with the thresholds of the workbook's settings."""
    return WarningRule(
        alpha=inputs.settings.warning_alpha, baseline_waves=inputs.settings.baseline_waves
    )


def _segments(project: Project) -> dict[str, np.ndarray]:
    from workbooks.analysis import segment_masks

    return segment_masks(project)


def _waves(project: Project, inputs: MonitoringInputs) -> Waves:
    iv, s = project.interviews, project.settings
    if not inputs.waves.labels:
        raise AnalysisError("mon_no_waves")
    return wave_series(
        iv.satisfaction,
        iv.touchpoints,
        inputs.waves.index,
        inputs.waves.labels,
        (s.satisfaction_scale.low, s.satisfaction_scale.high),
        segments=_segments(project),
        nps_scores=iv.nps,
        ces_scores=iv.ces,
        ces_scale=(s.ces_scale.low, s.ces_scale.high),
        overall=iv.overall,
        touchpoint_nps=inputs.touchpoint_nps,
        touchpoint_ces=inputs.touchpoint_ces,
    )


def _themes(project: Project, inputs: MonitoringInputs, lang: str) -> ThemeReport | None:
    if not inputs.comments.n:
        return None
    iv, s = project.interviews, project.settings
    names = {t.id: t.name for t in project.touchpoints}
    dictionary = inputs.themes.themes if inputs.themes is not None else ()
    return comment_themes(
        inputs.comments.texts,
        inputs.comments.respondent,
        inputs.comments.touchpoint,
        nps=iv.nps,
        satisfaction=iv.satisfaction,
        overall=iv.overall,
        touchpoints=iv.touchpoints,
        touchpoint_names=tuple(names.get(t, t) for t in iv.touchpoints),
        scale=(s.satisfaction_scale.low, s.satisfaction_scale.high),
        dictionary=dictionary,
        seed=s.seed,
        mask_labels={kind: words(f"mask.{kind}", lang) for kind in MASK_LABELS},
    )


def _client_segments(project: Project) -> dict[str, str]:
    """The segment of every client: the clients-sheet attribute named like the segment column."""
    from workbooks.project.schema import normalise

    column = normalise(project.settings.segment_column) if project.settings.segment_column else ""
    out = {}
    for cid, attrs in project.clients.items():
        for key, value in attrs.items():
            if column and normalise(key) == column and value not in (None, ""):
                out[cid] = str(value).strip()
    return out


def _retention(project: Project, inputs: MonitoringInputs) -> Retention | None:
    from workbooks.project.engines import open_engine

    if project.transactions is None:
        return None
    with open_engine(project.transactions) as engine:
        return retention(
            engine,
            segments=_client_segments(project),
            as_of=project.settings.analysis_date,
            quantile=inputs.settings.sleeping_quantile,
        )


def _process(project: Project, inputs: MonitoringInputs, lang: str) -> ProcessMining | None:
    from workbooks.project.event_logs import open_event_log

    if inputs.event_log is None:
        return None
    with open_event_log(inputs.event_log, lang) as engine:
        mined = process_mining(engine)
        bad = engine.db.bad_rows
    mined = compare_declared(mined, project.processes)
    if bad:
        mined = replace(mined, notes=(note("event_log_bad_rows", n=bad), *mined.notes))
    return mined


def _links(project: Project, inputs: MonitoringInputs, waves: Waves, flags) -> Links | None:
    ops = inputs.operations
    if ops is None:
        return None
    if any(m is None for m in inputs.waves.months):
        raise AnalysisError("mon_waves_not_months")
    kpis = {k.id: k for k in project.kpis}
    return operational_links(
        waves,
        np.array(inputs.waves.months, dtype=int),
        ops.kpi_ids,
        ops.months,
        ops.values,
        kpi_touchpoints=tuple(kpis[k].touchpoint_id for k in ops.kpi_ids),
        kpi_directions=tuple(kpis[k].direction for k in ops.kpi_ids),
        warnings=flags,
    )


def monitoring_of(project: Project, inputs: MonitoringInputs, lang: str = "ru") -> Monitoring:
    """Every monitoring section of a validated project; sections the data cannot support are
    skipped with a note."""
    notes: list[Note] = []
    waves = _waves(project, inputs)
    flags = early_warnings(waves, warning_rule(inputs))

    def attempt(section: str, run):
        try:
            return run()
        except AnalysisError as exc:
            notes.append(note("mon_section_skipped", section=section, reason=exc.note))
            return None

    themes = attempt("themes", lambda: _themes(project, inputs, lang))
    kept = attempt("retention", lambda: _retention(project, inputs))
    process = attempt("process", lambda: _process(project, inputs, lang))
    links = attempt("links", lambda: _links(project, inputs, waves, flags))
    return Monitoring(project, inputs, waves, flags, themes, kept, process, links, tuple(notes))


def monitor(path: str | Path, lang: str | None = "ru") -> Monitoring:
    """Read and validate the workbook at ``path`` and run every monitoring section;
    ``lang=None``: in the workbook's own language (its settings)."""
    from workbooks.project.transactions import reading_once

    with reading_once():  # validation and the retention section read the transactions once
        project, grids = read_project(path, lang or "ru")
        lang = lang or project.settings.language
        inputs = read_monitoring(path, project, lang, grids)
        return monitoring_of(project, inputs, lang)
