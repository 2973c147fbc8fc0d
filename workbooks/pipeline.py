"""The whole job: validate a project, analyse it, write the deliverables into a folder.

Outputs go to a temporary folder next to the target and are moved into place at the end,
so an interrupted run leaves either the previous results or nothing, never half a folder.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from workbooks.errors import Problem
from workbooks.i18n import tr
from workbooks.project import Project, load_project, project_summary

__all__ = ["RunResult", "atomic_dir", "example_project", "run_pipeline"]

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


class atomic_dir:
    """Build a folder under a temporary name, then rename it into place."""

    def __init__(self, target: Path, force: bool):
        self.target = Path(target)
        if self.target.exists() and any(self.target.iterdir()) and not force:
            raise FileExistsError(str(self.target))
        self.target.parent.mkdir(parents=True, exist_ok=True)

    def __enter__(self) -> Path:
        self.tmp = Path(tempfile.mkdtemp(prefix=f".{self.target.name}-", dir=self.target.parent))
        return self.tmp

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            return
        if self.target.exists():
            old = self.target.with_name(f".{self.target.name}-old")
            shutil.rmtree(old, ignore_errors=True)
            self.target.rename(old)
            self.tmp.rename(self.target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            self.tmp.rename(self.target)


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
) -> RunResult:
    """Validate → analyse → export. Raises ``ProjectError`` before writing anything."""
    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()) and not force:
        raise FileExistsError(str(out_dir))
    project = load_project(project_path, lang)
    report = _validation_report(project, lang)
    with atomic_dir(out_dir, force) as tmp:
        (tmp / "validation.txt").write_text(report, encoding="utf-8")
        files = tuple(sorted(p.name for p in tmp.iterdir()))
    return RunResult(out_dir, files, report.splitlines()[0], project.warnings)
