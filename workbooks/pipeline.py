"""The whole job: validate a project, analyse it, write the deliverables into a folder.

Outputs go to a temporary folder next to the target and are moved into place at the end,
so an interrupted run leaves either the previous results or nothing, never half a folder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from workbooks.atomic import atomic_dir
from workbooks.errors import Problem
from workbooks.locale import tr
from workbooks.project import Project, load_project, project_summary

__all__ = ["RunResult", "example_project", "run_pipeline", "warning_lines"]

EXAMPLES = Path(__file__).parent / "examples"


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


def _validation_report(project: Project, lang: str) -> str:
    lines = [
        tr("validated_ok", lang, path=project.source.name, summary=project_summary(project, lang))
    ]
    if project.warnings:
        lines.append(tr("warnings_header", lang, n=len(project.warnings)))
        lines += [f"  {w}" for w in project.warnings]
    return "\n".join(lines) + "\n"


def run_pipeline(
    project_path: str | Path,
    out_dir: str | Path,
    *,
    lang: str = "ru",
    force: bool = False,
    progress: Callable[[str], None] | None = None,
    output_lang: str | None = None,
) -> RunResult:
    """Validate → analyse → export. Raises ``ProjectError`` before writing anything.

    ``output_lang="workbook"`` takes the language of the outputs from the project's settings.
    """
    out_dir = Path(out_dir)
    target = atomic_dir(out_dir, force)  # refuses an existing folder before the long work
    from workbooks.analysis import analyse
    from workbooks.deliverables.dashboard import write_dashboard
    from workbooks.deliverables.deck import write_presentation
    from workbooks.deliverables.priorities_xlsx import write_priorities
    from workbooks.deliverables.tor import tor_blocks, write_tor_docx, write_tor_md

    say = progress or (lambda _: None)
    say("validate")
    project = load_project(project_path, lang)
    if output_lang == "workbook":  # no language chosen on the command line: the settings sheet's
        lang = project.settings.language
    report = _validation_report(project, lang)
    result = analyse(project, progress=say)
    with target as tmp:
        say("export")
        (tmp / "validation.txt").write_text(report, encoding="utf-8")
        write_priorities(result, tmp / "priorities.xlsx", lang=lang)
        blocks = tor_blocks(result, lang)
        write_tor_docx(blocks, tmp / "tor.docx")
        write_tor_md(blocks, tmp / "tor.md")
        write_dashboard(result, tmp / "dashboard.html", lang)
        write_presentation(result, tmp / "presentation.pptx", lang)
        files = tuple(sorted(p.name for p in tmp.iterdir()))
    return RunResult(out_dir, files, run_summary(result, out_dir, lang), project.warnings)


def run_summary(a, out_dir: Path, lang: str) -> str:
    """A few lines for the terminal: top touchpoints, bottlenecks, where the files are."""
    pm = a.qfd.planning
    names = {t.id: t.name for t in a.project.touchpoints}
    top = ", ".join(
        f"{pm.touchpoints[j]} {names[pm.touchpoints[j]]} ({pm.weight[j]:.0%})"
        for j in np.argsort(pm.rank)[:3]
    )
    actions = ", ".join(f"{tp}: {kpi}" for tp, kpi, _ in a.kpi.actions[:3])
    if lang == "ru":
        return (
            f"Главные точки контакта: {top}\nУзкие места KPI: {actions}\n"
            f"Результаты: {out_dir}/ (priorities.xlsx, tor.docx, tor.md, dashboard.html)"
        )
    return (
        f"Top touchpoints: {top}\nKPI bottlenecks: {actions}\n"
        f"Outputs: {out_dir}/ (priorities.xlsx, tor.docx, tor.md, dashboard.html)"
    )
