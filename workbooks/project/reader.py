"""Raw access to spreadsheet sheets through python-calamine.

Calamine keeps the raw cell values (numbers stay numbers, text codes stay text), which is
what validation needs, and reads large exports several times faster than openpyxl.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from python_calamine import CalamineWorkbook

from workbooks.errors import Problem, ProjectError
from workbooks.locale import tr
from workbooks.project.schema import SheetSpec, normalise

__all__ = ["Grid", "closest", "find_sheet", "read_grids"]


@dataclass(frozen=True)
class Grid:
    """The cells of one sheet; ``rows[0]`` is Excel row 1 and ``rows[r][0]`` column A."""

    name: str
    rows: list[list[object]]
    merged: tuple[tuple[int, int, int, int], ...] = ()  # (row0, col0, row1, col1), inclusive

    def cell(self, r: int, c: int) -> object:
        if r < len(self.rows) and c < len(self.rows[r]):
            return self.rows[r][c]
        return None


def _clean(value: object) -> object:
    return None if value == "" else value


def read_grids(path: str | Path, lang: str = "ru", warnings: list | None = None) -> dict[str, Grid]:
    """All sheets of a workbook, by their names as written in the file; container warnings
    (macros) are appended to ``warnings``."""
    path = Path(path)
    if not path.exists():
        raise ProjectError([Problem(tr("file_missing", lang, value=path))], str(path), lang)
    from workbooks.project.safety import check_spreadsheet

    found = check_spreadsheet(path, lang)  # refuses encrypted files and zip bombs before parsing
    if warnings is not None:
        warnings.extend(found)
    try:
        book = CalamineWorkbook.from_path(str(path))
        grids = {}
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            rows = [[_clean(v) for v in row] for row in sheet.to_python(skip_empty_area=False)]
            merged = tuple((a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or []))
            grids[name] = Grid(name, rows, merged)
    except ProjectError:
        raise
    except Exception as exc:  # calamine raises several unrelated types for broken files
        detail = f"{type(exc).__name__}: {exc}".strip()
        raise ProjectError([Problem(tr("not_xlsx", lang, detail=detail))], str(path), lang) from exc
    return grids


# Characters people mistype for each other in codes: Latin/Cyrillic look-alikes, O/0, I/l/1.
_CONFUSABLE = str.maketrans("оoilтрскахеву", "0011tpckaxeby")


def closest(word: str, candidates: list[str], n: int = 1, cutoff: float = 0.5) -> list[str]:
    """Candidates that look like ``word`` (for "did you mean ...?" hints).

    >>> closest("TP1O", ["TP10", "TP12"]), closest("ТР01", ["TP01", "TP02"])
    (['TP10'], ['TP01'])
    """
    look = normalise(word).translate(_CONFUSABLE)
    same = [c for c in candidates if normalise(c).translate(_CONFUSABLE) == look]
    if same:
        return same[:n]
    folded = {normalise(c): c for c in candidates}
    hits = difflib.get_close_matches(normalise(word), list(folded), n=n, cutoff=cutoff)
    return [folded[h] for h in hits]


def find_sheet(grids: dict[str, Grid], spec: SheetSpec) -> Grid | None:
    """The sheet matching ``spec`` by its Russian, English or key name."""
    wanted = spec.names()
    for name, grid in grids.items():
        if normalise(name) in wanted:
            return grid
    return None


def missing_sheet_problem(grids: dict[str, Grid], spec: SheetSpec, lang: str) -> Problem:
    name = spec.name(lang)
    hint_hits = closest(name, list(grids), cutoff=0.4) or closest(
        spec.name("en" if lang == "ru" else "ru"), list(grids), cutoff=0.4
    )
    hint = tr("did_you_mean", lang, name=hint_hits[0]) if hint_hits else ""
    sheets = ", ".join(f"«{s}»" if lang == "ru" else f"'{s}'" for s in grids) or "—"
    return Problem(tr("sheet_missing", lang, name=name, sheets=sheets, hint=hint))
