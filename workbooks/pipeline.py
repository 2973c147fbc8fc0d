"""The whole job: validate a project, analyse it, write the deliverables into a folder.

The output folder is checked before any work (:class:`workbooks.atomic.atomic_dir`): it must be
new, empty, or a folder of earlier qfdkpi outputs, never one that holds an input, and it must be
writable. Outputs go to a temporary folder next to the target and are swapped into place at the
end, so an interrupted run leaves either the previous results or nothing, never half a folder;
files in the folder that qfdkpi did not write are kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from workbooks.atomic import atomic_dir
from workbooks.errors import Problem
from workbooks.locale import note_text, tr, words
from workbooks.project import Project, project_summary, read_project

__all__ = ["DELIVERABLES", "RunResult", "example_project", "run_pipeline", "warning_lines"]

EXAMPLES = Path(__file__).parent / "examples"


# What `run` writes into the output folder (besides the tool's marker file).
DELIVERABLES = (
    "validation.txt",
    "priorities.xlsx",
    "tor.docx",
    "tor.md",
    "dashboard.html",
    "presentation.pptx",
)


def example_project() -> Path:
    """The bundled example workbook (PromTech group)."""
    return EXAMPLES / "promtech.xlsx"


@dataclass(frozen=True)
class RunResult:
    out_dir: Path
    files: tuple[str, ...]
    summary: str
    warnings: tuple[Problem, ...]


def warning_lines(warnings, lang: str, examples: int = 3) -> list[str]:
    """Warnings for the terminal: one line per kind (the first one in full, then how many more
    and where); the full list goes to validation.txt."""
    if not warnings:
        return []
    groups: dict[str, list[Problem]] = {}
    for w in warnings:
        groups.setdefault(w.key or str(w), []).append(w)
    lines = [tr("warnings_header", lang, n=len(warnings))]
    for group in groups.values():
        first, rest = group[0], group[1:]
        if not rest:
            lines.append(f"  {first}")
            continue
        where = [f"{w.sheet}!{w.cell}" if w.cell else w.sheet for w in rest[:examples]]
        shown = ", ".join(x for x in where if x) + (" …" if len(rest) > examples else "")
        lines.append(tr("warning_kind", lang, message=first, n=len(rest), examples=shown))
    return lines


def _validation_report(project: Project, lang: str, more: tuple[Problem, ...] = ()) -> str:
    lines = [
        tr("validated_ok", lang, path=project.source.name, summary=project_summary(project, lang))
    ]
    warnings = project.warnings + tuple(more)
    if warnings:
        lines.append(tr("warnings_header", lang, n=len(warnings)))
        lines += [f"  {w}" for w in warnings]
    return "\n".join(lines) + "\n"


def run_pipeline(
    project_path: str | Path,
    out_dir: str | Path,
    *,
    lang: str = "ru",
    force: bool = False,
    progress: Callable[[str], None] | None = None,
    output_lang: str | None = None,
    allow_dirs=(),
) -> RunResult:
    """Validate → analyse → export. Raises ``ProjectError`` before writing anything.

    ``output_lang="workbook"`` takes the language of the outputs from the project's settings;
    ``allow_dirs`` are folders the workbook may name files in besides its own.
    """
    out_dir = Path(out_dir)
    # refuses a folder that is not the tool's, holds an input or cannot be written, before the work
    target = atomic_dir(out_dir, force, inputs=[project_path])
    from workbooks.deliverables.dashboard import write_dashboard
    from workbooks.deliverables.deck import write_presentation
    from workbooks.deliverables.priorities_xlsx import write_priorities
    from workbooks.deliverables.tor import tor_blocks, write_tor_docx, write_tor_md
    from workbooks.project.transactions import reading_once

    say = progress or (lambda _: None)
    say("validate")
    # validation's check and the stages share one reading of the transactions, closed (its
    # memory returned) before the documents are written
    with reading_once():
        project, result, more, lang = _validated_analysis(
            project_path, target, lang, say, output_lang, allow_dirs
        )
    report = _validation_report(project, lang, more)
    with target as tmp:
        say("export")
        (tmp / "validation.txt").write_text(report, encoding="utf-8")
        write_priorities(result, tmp / "priorities.xlsx", lang=lang)
        blocks = tor_blocks(result, lang)
        write_tor_docx(blocks, tmp / "tor.docx")
        write_tor_md(blocks, tmp / "tor.md")
        write_dashboard(result, tmp / "dashboard.html", lang)
        write_presentation(result, tmp / "presentation.pptx", lang)
        files = tuple(sorted(p.name for p in tmp.iterdir() if not p.name.startswith(".")))
    warnings = project.warnings + more
    if target.kept:
        kept = ", ".join(target.kept)
        warnings += (Problem(tr("out_kept", lang, path=out_dir, files=kept), key="out_kept"),)
    return RunResult(out_dir, files, run_summary(result, out_dir, lang), warnings)


def _validated_analysis(project_path, target, lang, say, output_lang, allow_dirs):
    """(project, analysis with its follow-ups, their warnings, the outputs' language)."""
    from workbooks.analysis import analyse
    from workbooks.followup import latest_wave, noting_waves, with_followups

    project, grids = read_project(project_path, lang, allow_dirs)
    if project.transactions is not None:
        target.check_inputs([project.transactions.path])
    if output_lang == "workbook":  # no language chosen on the command line: the settings sheet's
        lang = project.settings.language
    # survey waves (monitoring): the drivers and the QFD analyse the latest one unless pooled
    analysed, wave_note, inputs = latest_wave(project, lang, grids)
    result = noting_waves(analyse(analysed, progress=say), wave_note)
    # journey design and monitoring, when the workbook has their sheets (on every wave)
    result, more = with_followups(project, result, lang, grids, inputs)
    return project, result, more, lang


def run_summary(a, out_dir: Path, lang: str) -> str:
    """A few lines for the terminal: top touchpoints, bottlenecks, where the files are."""
    pm = a.qfd.planning
    suggested = pm.suggested
    names = {t.id: t.name for t in a.project.touchpoints}
    leaders = np.argsort(pm.rank)[:3]
    top = ", ".join(
        tr(
            "run_top_item",
            lang,
            id=pm.touchpoints[j],
            name=names[pm.touchpoints[j]],
            weight=float(pm.weight[j]),
        )
        + ("*" if suggested[j] else "")  # a headline resting on a suggestion says so
        for j in leaders
    )
    kpi_names = {k.id: k.name for k in a.project.kpis}
    actions = ", ".join(
        tr("run_action_item", lang, tp=tp, kpi=kpi, name=kpi_names.get(kpi, ""))
        for tp, kpi, _ in a.kpi.actions[:3]
    )
    files = ", ".join(name for name in DELIVERABLES if name != "validation.txt")
    summary = tr(
        "run_summary",
        lang,
        top=top,
        actions=actions or words("run_no_kpi_actions" if a.project.kpis else "run_no_kpis", lang),
        out=out_dir,
        files=files,
    )
    from workbooks.followup import summary_lines

    # the one warning that changes every priority: the drivers' weights are not used
    unsupported = a.drivers.unsupported if a.drivers is not None else None
    caveat = []
    if unsupported is not None:
        reason = note_text(dict(unsupported.values)["reason"], lang)
        chosen = a.project.settings.blend_lambda
        key = "run_derived_not_used" if chosen == 1 else "run_derived_not_used_lambda"
        caveat.append(tr(key, lang, reason=reason, chosen=chosen))
    starred = [words("run_top_suggested", lang)] if suggested[leaders].any() else []
    return "\n".join([*caveat, *summary_lines(a, lang), summary, *starred])
