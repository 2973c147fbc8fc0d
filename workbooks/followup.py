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
from qfd.notes import Note, note
from workbooks.analysis import Analysis
from workbooks.errors import Problem, ProjectError
from workbooks.project import Project

__all__ = [
    "analysed_waves",
    "latest_wave",
    "monitoring_inputs",
    "noting_waves",
    "summary_lines",
    "with_followups",
]

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


def monitoring_inputs(project: Project, lang: str, grids: dict):
    """What monitoring reads beyond the project (waves, comments, ...), or None when the
    interviews carry no survey wave. Raises ProjectError for bad input in those columns."""
    from workbooks.project.monitoring_sheets import read_monitoring

    try:
        return read_monitoring(project.source, project, lang, grids)
    except ProjectError as exc:
        if {p.key for p in exc.problems} == {NO_WAVES}:
            return None
        raise


def analysed_waves(project: Project, inputs) -> tuple[Project, Note | None]:
    """The project the drivers and the QFD analyse: with survey waves, the latest wave (unless
    the settings pool them), and the note that says which."""
    from workbooks.project.monitoring_sheets import select_waves

    if inputs is None or not inputs.waves.labels:
        return project, None
    pool = inputs.settings.pool_waves
    chosen = select_waves(project.interviews, inputs.waves, pool)
    waves = inputs.waves
    if pool:
        return project, note("waves_pooled", waves=len(waves.labels), n=project.interviews.n)
    latest = note(
        "waves_latest", wave=waves.labels[waves.latest], n=chosen.n, total=project.interviews.n
    )
    return replace(project, interviews=chosen), latest


def latest_wave(project: Project, lang: str, grids: dict):
    """(project to analyse, wave note or None, monitoring inputs): what every command that runs
    the drivers or the QFD starts from, so that they all analyse the same respondents.
    ``grids``: the workbook's sheets as :func:`~workbooks.project.read_project` read them."""
    inputs = monitoring_inputs(project, lang, grids)
    analysed, wave_note = analysed_waves(project, inputs)
    return analysed, wave_note, inputs


def noting_waves(analysis: Analysis, wave_note: Note | None) -> Analysis:
    """The analysis with the wave note first among the drivers' warnings (every output lists
    those where it describes the model)."""
    if wave_note is None:
        return analysis
    drivers = replace(analysis.drivers, warnings=(wave_note, *analysis.drivers.warnings))
    return replace(analysis, drivers=drivers)


def _monitoring(project: Project, lang: str, inputs):
    from workbooks.monitoring import monitoring_of

    if inputs is None:
        return None, ()
    return monitoring_of(project, inputs, lang), inputs.warnings


def with_followups(
    project: Project, analysis: Analysis, lang: str, grids: dict, inputs
) -> tuple[Analysis, tuple[Problem, ...]]:
    """The analysis with its journey design and monitoring where the workbook has their sheets,
    and the warnings their sheets gave. Raises ProjectError for bad input in those sheets.
    ``project`` is the whole project (every wave), ``grids`` its workbook's sheets as read,
    ``inputs`` what :func:`monitoring_inputs` read from them (None: no waves)."""
    notes = list(analysis.notes)
    found: dict[str, object] = {}
    warnings: list[Problem] = []
    for part, run in (
        ("journey", lambda: _journey(project, analysis, lang, grids)),
        ("monitoring", lambda: _monitoring(project, lang, inputs)),
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
    from workbooks.deliverables.xlsx.followup import flagged_items
    from workbooks.locale import tr, words

    lines = []
    if a.journey is not None and a.journey.comparison is not None:
        lines.append(tr("run_journeys", lang, n=len(a.journey.comparison.segments)))
    if a.monitoring is not None:
        flags = "; ".join(flagged_items(a, lang)) or words("xt.no_flags", lang)
        lines.append(tr("run_monitoring", lang, n=len(a.monitoring.waves.labels), flags=flags))
    return lines
