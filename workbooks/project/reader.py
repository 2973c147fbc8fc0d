"""Raw access to spreadsheet sheets through python-calamine.

Calamine keeps the raw cell values (numbers stay numbers, text codes stay text), which is
what validation needs, and reads large exports several times faster than openpyxl.
"""

from __future__ import annotations

import difflib
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from python_calamine import CalamineWorkbook

from workbooks.errors import Problem, ProjectError, cell_ref
from workbooks.locale import tr, words
from workbooks.project.schema import CONFUSABLE, SheetSpec, normalise
from workbooks.project.xlsx import (
    MAX_CELLS,
    Package,
    SheetTooLarge,
    cell_index,
    clean_text,
    is_xlsx,
    stored_value,
)

__all__ = ["Grid", "closest", "find_sheet", "read_grids", "written_grid"]


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
    if isinstance(value, str):
        value = clean_text(value)
        return value if value.strip() else None
    return value


def read_grids(path: str | Path, lang: str = "ru", warnings: list | None = None) -> dict[str, Grid]:
    """All sheets of a workbook, by their names as written in the file; container warnings
    (macros) are appended to ``warnings``.

    An .xlsx is read part by part (:mod:`workbooks.project.xlsx`): only cells that hold
    something, error values and formulas without a stored value kept as markers; legacy .xls
    and .ods files go through python-calamine.
    """
    path = Path(path)
    if not path.exists():
        raise ProjectError([Problem(tr("file_missing", lang, value=path))], str(path), lang)
    from workbooks.project.safety import check_spreadsheet

    found = check_spreadsheet(path, lang)  # refuses encrypted files and zip bombs before parsing
    if warnings is not None:
        warnings.extend(replace(w, key=w.key or "macros_ignored") for w in found)
    try:
        if is_xlsx(path):
            return _read_xlsx(path)
        return _read_other(path)
    except ProjectError:
        raise
    except SheetTooLarge as exc:
        cell = cell_ref(exc.row, exc.col)
        problem = Problem(
            tr("sheet_too_large", lang, limit=MAX_CELLS, cell=cell),
            exc.sheet,
            cell,
            key="sheet_too_large",
        )
        raise ProjectError([problem], str(path), lang) from None
    except Exception as exc:  # zip, XML and calamine errors of a broken file
        detail = f"{type(exc).__name__}: {exc}".strip()
        raise ProjectError([Problem(tr("not_xlsx", lang, detail=detail))], str(path), lang) from exc


def _read_xlsx(path: Path) -> dict[str, Grid]:
    """Plain sheets through python-calamine (fast), the others part by part (complete)."""
    book = None
    with zipfile.ZipFile(path) as z:
        package = Package(z)
        grids: dict[str, Grid] = {}
        for sheet in package.sheets:
            if sheet.name in grids:
                continue
            if package.is_plain(sheet):
                book = book or CalamineWorkbook.from_path(str(path))
                grids[sheet.name] = _calamine_grid(book, sheet.raw_name, sheet.name)
            else:
                rows, merged = package.read_sheet(sheet)
                grids[sheet.name] = Grid(sheet.name, rows, merged)
        return grids


def _calamine_grid(book, raw_name: str, name: str) -> Grid:
    sheet = book.get_sheet_by_name(raw_name)
    # _clean on text only: most cells of an export are numbers or the "" of an empty cell (a
    # call per cell is most of the reading time of a large sheet)
    rows = [
        [(_clean(v) if v else None) if v.__class__ is str else v for v in row]
        for row in sheet.to_python(skip_empty_area=False)
    ]
    merged = tuple((a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or []))
    return Grid(name, rows, merged)


def written_grid(name: str, rows: Iterable[list], merges: list[str]) -> Grid:
    """The grid that reading back a sheet written by
    :func:`workbooks.project.xlsx.replace_sheet` from ``rows`` and ``merges`` gives, when it
    is read as a plain sheet (:func:`_calamine_grid`): every value as the cell stores it
    (:func:`~workbooks.project.xlsx.stored_value`) and cleaned as text is, the rows up to the
    last one holding a cell, all as wide as the widest.

    >>> written_grid("S", [["a", 4, None], [], [" ", ""]], ["A1:B1"]).rows
    [['a', 4.0], [None, None], [None, None]]
    """
    numbers: dict[float, object] = {}  # a number's stored value, by value: answers repeat
    grid: list[list] = []
    width = height = 0
    for row in rows:
        cells, last = [], 0
        for j, v in enumerate(row):
            kind = v.__class__
            if kind is float or kind is int:
                value = numbers[v] if v in numbers else numbers.setdefault(v, stored_value(v))
                if value is not None:
                    last = j + 1
            elif v is None or (kind is str and not v):
                value = None
            else:  # a cell is written, even if its text is only spaces
                value, last = stored_value(v), j + 1
                if value.__class__ is str:
                    value = _clean(value)
            cells.append(value)
        grid.append(cells)
        if last:
            width, height = max(width, last), len(grid)
    del grid[height:]
    for row in grid:  # as wide as the widest, like calamine's rectangle
        if len(row) > width:
            del row[width:]
        elif len(row) < width:
            row.extend([None] * (width - len(row)))
    merged = []
    for ref in merges:
        a, _, b = ref.partition(":")
        (r0, c0), (r1, c1) = cell_index(a), cell_index(b or a)
        merged.append((r0, c0, r1, c1))
    return Grid(name, grid, tuple(merged))


def _read_other(path: Path) -> dict[str, Grid]:
    book = CalamineWorkbook.from_path(str(path))
    return {clean_text(n): _calamine_grid(book, n, clean_text(n)) for n in book.sheet_names}


_CONFUSABLE = CONFUSABLE


def fold_lookalikes(word: str) -> str:
    """``word`` normalised with look-alike letters of both alphabets made one ("Р0074" and
    "P0074" fold alike).

    >>> fold_lookalikes("Р0074") == fold_lookalikes("P0074")
    True
    """
    return normalise(word).translate(_CONFUSABLE)


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


def _script(ch: str) -> str:
    if "\u0400" <= ch <= "\u04ff":
        return "cyrillic"
    if ch.isascii() and ch.isalpha():
        return "latin"
    return ""


def lookalikes(word: str, candidate: str) -> tuple[str, list[str]] | None:
    """The letters of ``word`` that are look-alikes from another alphabet than the same
    letters of ``candidate``: ("cyrillic", ["Т", "Р"]) for «ТР01» against TP01.

    >>> lookalikes("ТР01", "TP01")
    ('cyrillic', ['Т', 'Р'])
    >>> lookalikes("TP01", "TP02") is None
    True
    """
    word, candidate = str(word).strip(), str(candidate).strip()
    if len(word) != len(candidate):
        return None
    pairs = [(a, b) for a, b in zip(word, candidate, strict=True) if a != b]
    if not pairs or any(not _script(a) or _script(a) == _script(b) for a, b in pairs):
        return None
    scripts = {_script(a) for a, _ in pairs}
    if len(scripts) != 1:
        return None
    return scripts.pop(), list(dict.fromkeys(a for a, _ in pairs))


def did_you_mean(word: object, candidates: list[str], lang: str, cutoff: float = 0.5) -> str:
    """The hint after an unknown name: which look-alike letters are from the other alphabet,
    or the closest candidate; "" when nothing is close."""
    hits = closest(str(word), candidates, cutoff=cutoff)
    if not hits:
        return ""
    mixed = lookalikes(str(word), hits[0])
    if mixed:
        script, letters = mixed
        return tr(
            "lookalike",
            lang,
            value=str(word).strip(),
            script=words(f"script.{script}", lang),
            letters=", ".join(letters),
            name=hits[0],
        )
    return tr("did_you_mean", lang, name=hits[0])


def find_sheet(grids: dict[str, Grid], spec: SheetSpec) -> Grid | None:
    """The sheet matching ``spec`` by its Russian, English or key name."""
    wanted = spec.names()
    for name, grid in grids.items():
        if normalise(name) in wanted:
            return grid
    return None


def sheets_named(grids: dict[str, Grid], spec: SheetSpec) -> list[str]:
    """Every sheet whose name is one of ``spec``'s names (two means an ambiguous book)."""
    wanted = spec.names()
    return [name for name in grids if normalise(name) in wanted]


def missing_sheet_problem(
    grids: dict[str, Grid], spec: SheetSpec, lang: str, known: set[str] = frozenset()
) -> Problem:
    """A required sheet is missing: list the sheets, and suggest one only among the sheets
    that are not already something else (``known``: normalised names of other sheets)."""
    name = spec.name(lang)
    others = [g for g in grids if normalise(g) not in known]
    hint = did_you_mean(name, others, lang, cutoff=0.6) or did_you_mean(
        spec.en if name == spec.ru else spec.ru, others, lang, cutoff=0.6
    )
    sheets = ", ".join(tr("quoted", lang, value=s) for s in grids) or "—"
    return Problem(
        tr("sheet_missing", lang, name=name, sheets=sheets, hint=hint), key="sheet_missing"
    )
