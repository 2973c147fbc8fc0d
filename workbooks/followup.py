"""The optional parts of ``qfdkpi run``: journey design and continuous monitoring.

They run only when the workbook has their sheets — the journey-design sheets («Пути сегментов»,
«Сегменты по признакам») for the journey, a survey-wave column in the interviews for monitoring —
and reuse what ``qfdkpi journey`` and ``qfdkpi monitor`` compute (:func:`workbooks.journey.
journey_of`, :func:`workbooks.monitoring.monitoring_of`). Bad input in those sheets is a
:class:`~workbooks.errors.ProjectError` raised before anything is written (exit 1, as for the
required sheets); a part the data cannot support is left out with a note, the way
``monitoring_of`` skips a section, and the main deliverables are still written.
"""

from __future__ import annotations

from dataclasses import replace

from qfd.errors import AnalysisError
from qfd.notes import note
from workbooks.analysis import Analysis
from workbooks.errors import Problem, ProjectError
from workbooks.project import Project

__all__ = ["summary_lines", "with_followups"]

NO_WAVES = "mon_no_wave_column"  # the one problem that means "no monitoring in this workbook"


def _journey(project: Project, analysis: Analysis, lang: str, grids: dict):
    from workbooks.journey import journey_of, read_design
    from workbooks.project.journey_schema import JOURNEY_SHEETS
    from workbooks.project.reader import find_sheet

    if not any(find_sheet(grids, spec) is not None for spec in JOURNEY_SHEETS):
        return None, ()
    design, comments, warnings = read_design(project, lang, grids)
    if not (design.has_paths or design.has_segments):
        return None, warnings
    return journey_of(project, analysis, design, comments), warnings


def _monitoring(project: Project, lang: str, grids: dict):
    from workbooks.monitoring import monitoring_of
    from workbooks.project.monitoring_sheets import read_monitoring

    try:
        inputs = read_monitoring(project.source, project, lang, grids)
    except ProjectError as exc:
        if {p.key for p in exc.problems} == {NO_WAVES}:
            return None, ()
        raise
    return monitoring_of(project, inputs, lang), inputs.warnings


def with_followups(
    project: Project, analysis: Analysis, lang: str = "ru"
) -> tuple[Analysis, tuple[Problem, ...]]:
    """The analysis with its journey design and monitoring where the workbook has their sheets,
    and the warnings their sheets gave. Raises ProjectError for bad input in those sheets."""
    from workbooks.project.reader import read_grids

    grids = read_grids(project.source, lang)  # once, for both parts
    notes = list(analysis.notes)
    found: dict[str, object] = {}
    warnings: list[Problem] = []
    for part, run in (
        ("journey", lambda: _journey(project, analysis, lang, grids)),
        ("monitoring", lambda: _monitoring(project, lang, grids)),
    ):
        try:
            found[part], more = run()
            warnings += more
        except AnalysisError as exc:
            found[part] = None
            notes.append(note("run_part_skipped", part=note(f"run_part.{part}"), reason=exc.note))
    out = replace(analysis, journey=found["journey"], monitoring=found["monitoring"])
    return replace(out, notes=tuple(notes)), tuple(warnings)


def summary_lines(a: Analysis, lang: str) -> list[str]:
    """Lines for the terminal after a run: the journeys compared and the series flagged."""
    from workbooks.deliverables.xlsx.followup import series_label
    from workbooks.locale import tr, words

    lines = []
    if a.journey is not None and a.journey.comparison is not None:
        lines.append(tr("run_journeys", lang, n=len(a.journey.comparison.segments)))
    if a.monitoring is not None:
        labels = a.monitoring.waves.labels
        flags = "; ".join(
            tr(
                "xt.flag_item",
                lang,
                series=series_label(a, w.touchpoint, w.metric, lang),
                since=labels[w.first],
            )
            for w in a.monitoring.warnings.flagged
        )
        lines.append(
            tr("run_monitoring", lang, n=len(labels), flags=flags or words("xt.no_flags", lang))
        )
    return lines
