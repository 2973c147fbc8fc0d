"""Import a raw survey export into the interviews sheet of a project.

A mapping says which export column is which touchpoint measure. It is a small TOML file::

    [survey]
    sheet = "Ответы"        # optional, default: the first sheet
    header_rows = 1         # rows of question text above the answers

    [defaults]              # values for columns the export does not have
    respondent_type = "текущий"

    [[rule]]                # first matching rule wins
    match = "ID"            # exact header text (case, spacing and ё/е ignored) ...
    column = "respondent_id"

    [[rule]]
    match = "re:важн.*сайт"   # ... or a regular expression after ``re:``
    touchpoint = "TP01"
    measure = "importance"  # importance / satisfaction / competitor

    [[rule]]
    match = "Регион"
    attribute = "Регион"    # kept as a segment attribute

or an ``.xlsx`` whose first sheet has the columns «Заголовок» (match), «Точка контакта»,
«Мера», «Столбец», «Признак». Raw answers are copied as they are (codes, words, decimal
commas), and the project is validated before anything is written: a failed import leaves
the project untouched.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from workbooks.errors import Problem, ProjectError
from workbooks.locale import tr
from workbooks.project.reader import closest, find_sheet, read_grids
from workbooks.project.schema import INTERVIEWS, MEASURES, normalise

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["ImportResult", "Rule", "import_survey", "map_export", "read_mapping"]


@dataclass(frozen=True)
class Rule:
    match: str
    touchpoint: str = ""
    measure: str = ""
    column: str = ""
    attribute: str = ""

    def matches(self, header: str) -> bool:
        if self.match.startswith("re:"):
            return re.search(self.match[3:], header, flags=re.IGNORECASE) is not None
        return normalise(self.match) == normalise(header)


@dataclass(frozen=True)
class Mapping:
    rules: tuple[Rule, ...]
    sheet: str = ""
    header_rows: int = 1
    defaults: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class ImportResult:
    sheet: str
    rows: int
    columns: int
    warnings: tuple[Problem, ...]


_FIXED = {c.key for c in INTERVIEWS.columns}


def _bad(detail: str, source: Path, lang: str) -> ProjectError:
    return ProjectError([Problem(tr("mapping_bad", lang, detail=detail))], source.name, lang)


def read_mapping(path: Path, lang: str = "ru") -> Mapping:
    """Rules from a TOML file or from the first sheet of a workbook."""
    path = Path(path)
    if not path.exists():
        raise ProjectError([Problem(tr("file_missing", lang, value=path))], path.name, lang)
    if path.suffix.lower() in (".toml", ".tml"):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise _bad(str(exc), path, lang) from exc
        rules = []
        for k, r in enumerate(data.get("rule", []), start=1):
            if not isinstance(r, dict) or "match" not in r:
                raise _bad(f"[[rule]] #{k}: 'match' is required", path, lang)
            rule = Rule(
                str(r["match"]),
                str(r.get("touchpoint", "")),
                str(r.get("measure", "")),
                str(r.get("column", "")),
                str(r.get("attribute", "")),
            )
            _check_rule(rule, f"[[rule]] #{k}", path, lang)
            rules.append(rule)
        survey = data.get("survey", {})
        return Mapping(
            tuple(rules),
            str(survey.get("sheet", "")),
            int(survey.get("header_rows", 1)),
            tuple(data.get("defaults", {}).items()),
        )
    grids = read_grids(path, lang)
    grid = next(iter(grids.values()))
    head = [normalise(h) for h in (grid.rows[0] if grid.rows else [])]
    names = {
        "match": ("заголовок", "match", "header"),
        "touchpoint": ("точка контакта", "touchpoint"),
        "measure": ("мера", "measure"),
        "column": ("столбец", "column"),
        "attribute": ("признак", "attribute"),
    }
    pos = {k: next((j for j, h in enumerate(head) if h in v), None) for k, v in names.items()}
    if pos["match"] is None:
        raise _bad(f"{grid.name}!A1: 'Заголовок' / 'match'", path, lang)
    rules = []
    for r in range(1, len(grid.rows)):
        row = grid.rows[r]
        values = {
            k: ("" if j is None or j >= len(row) or row[j] is None else str(row[j]).strip())
            for k, j in pos.items()
        }
        if not values["match"]:
            continue
        rule = Rule(**values)
        _check_rule(rule, f"{grid.name}!A{r + 1}", path, lang)
        rules.append(rule)
    return Mapping(tuple(rules))


def _check_rule(rule: Rule, where: str, path: Path, lang: str) -> None:
    if rule.match.startswith("re:"):
        try:
            re.compile(rule.match[3:])
        except re.error as exc:
            raise _bad(f"{where}: {exc}", path, lang) from exc
    if rule.touchpoint and rule.measure not in MEASURES:
        raise _bad(
            f"{where}: measure must be one of {', '.join(MEASURES)}; got '{rule.measure}'",
            path,
            lang,
        )
    if rule.column and rule.column not in _FIXED:
        raise _bad(
            f"{where}: column must be one of {', '.join(sorted(_FIXED))}; got '{rule.column}'",
            path,
            lang,
        )
    if not (rule.touchpoint or rule.column or rule.attribute):
        raise _bad(f"{where}: set touchpoint+measure, column or attribute", path, lang)


def _headers(grid, n: int) -> list[str]:
    """One text per column, joining ``n`` header rows (merged cells forward-filled)."""
    width = max((len(r) for r in grid.rows[:n]), default=0)
    rows = [[grid.cell(r, j) for j in range(width)] for r in range(n)]
    for r0, c0, r1, c1 in grid.merged:
        for r in range(max(r0, 0), min(r1 + 1, n)):
            for j in range(c0, min(c1 + 1, width)):
                rows[r][j] = grid.cell(r0, c0)
    return [
        " / ".join(str(rows[r][j]).strip() for r in range(n) if rows[r][j] not in (None, ""))
        for j in range(width)
    ]


def map_export(export: Path, mapping: Mapping, lang: str = "ru"):
    """Apply ``mapping`` to an export: (touchpoints, measures, attributes, rows, warnings)."""
    grids = read_grids(export, lang)
    grid = grids.get(mapping.sheet) if mapping.sheet else next(iter(grids.values()))
    if grid is None:
        raise ProjectError(
            [
                Problem(
                    tr("sheet_missing", lang, name=mapping.sheet, sheets=", ".join(grids), hint="")
                )
            ],
            export.name,
            lang,
        )
    headers = _headers(grid, mapping.header_rows)
    targets: dict[int, Rule] = {}
    warnings = []
    for j, h in enumerate(headers):
        if not h:
            continue
        rule = next((r for r in mapping.rules if r.matches(h)), None)
        if rule is None:
            hits = closest(h, [r.match for r in mapping.rules], n=3, cutoff=0.3)
            hint = tr("closest", lang, names=", ".join(hits)) if hits else ""
            warnings.append(
                Problem(tr("mapping_unmatched", lang, value=h, hint=hint), grid.name, f"{_col(j)}1")
            )
            continue
        targets[j] = rule
    touchpoints = list(dict.fromkeys(r.touchpoint for r in targets.values() if r.touchpoint))
    measures = [m for m in MEASURES if any(r.measure == m for r in targets.values())]
    attributes = list(dict.fromkeys(r.attribute for r in targets.values() if r.attribute))
    rows = []
    for r in range(mapping.header_rows, len(grid.rows)):
        raw = grid.rows[r]
        if all(v in (None, "") for v in raw):
            continue
        row: dict = dict(mapping.defaults)
        for j, rule in targets.items():
            value = raw[j] if j < len(raw) else None
            if rule.touchpoint:
                row[(rule.touchpoint, rule.measure)] = value
            elif rule.column:
                row[rule.column] = value
            else:
                row[rule.attribute] = value
        row.setdefault("respondent_id", f"R{len(rows) + 1:04d}")
        rows.append(row)
    return touchpoints, measures, attributes, rows, tuple(warnings)


def _col(j: int) -> str:
    from workbooks.errors import column_letter

    return column_letter(j)


def import_survey(
    export: Path, mapping_path: Path, project: Path, lang: str = "ru"
) -> ImportResult:
    """Write the interviews sheet of ``project`` from ``export``; validate before replacing."""
    import openpyxl

    from workbooks.atomic import atomic_path
    from workbooks.project import load_project

    export, project = Path(export), Path(project)
    mapping = read_mapping(Path(mapping_path), lang)
    tps, measures, attributes, rows, warnings = map_export(export, mapping, lang)
    if not project.exists():
        raise ProjectError([Problem(tr("file_missing", lang, value=project))], project.name, lang)
    grids = read_grids(project, lang)
    existing = find_sheet(grids, INTERVIEWS)
    name = existing.name if existing else INTERVIEWS.name(lang)
    notes = ()
    with atomic_path(project, force=True) as tmp:
        if len(rows) > STREAM_ROWS:  # openpyxl would hold every cell: stream a plain copy instead
            _write_project_streaming(tmp, grids, name, tps, measures, attributes, rows, lang)
            notes = (Problem(tr("streamed_import", lang, n=len(rows))),)
        else:
            _write_interviews_sheet(
                tmp, project, name, tps, measures, attributes, rows, lang, openpyxl
            )
        try:
            checked = load_project(tmp, lang)  # raises: the project stays as it was
        except ProjectError as exc:
            raise ProjectError(exc.problems, project.name, lang) from None
    return ImportResult(
        name, len(rows), len(tps) * len(measures), warnings + notes + checked.warnings
    )


# Above this many respondents the project is rewritten by a streaming writer (values only).
STREAM_ROWS = 20_000


def _interview_table(tps, measures, attributes, rows, lang):
    """Header rows and data rows of the wide interviews sheet (as plain value lists)."""
    from workbooks.project.schema import MEASURE_LABELS

    fixed = list(INTERVIEWS.columns)
    top = [c.label(lang) for c in fixed] + list(attributes)
    second = [None] * len(top)
    for tp in tps:
        for k, measure in enumerate(measures):
            top.append(tp if k == 0 else None)  # a merged cell's hidden part reads as blank
            second.append(MEASURE_LABELS[measure][0 if lang == "ru" else 1])
    body = (
        [row.get(c.key) for c in fixed]
        + [row.get(a) for a in attributes]
        + [row.get((tp, ms)) for tp in tps for ms in measures]
        for row in rows
    )
    return top, second, body


def _write_project_streaming(tmp, grids, name, tps, measures, attributes, rows, lang) -> None:
    """Rewrite the project with XlsxWriter in constant memory: every sheet's values, the new
    interviews sheet in place of the old one (formatting, comments and drop-downs are not kept)."""
    import xlsxwriter

    from workbooks.project.template import FIXED_DATE, write_cell

    wb = xlsxwriter.Workbook(
        str(tmp), {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    wb.set_properties({"created": FIXED_DATE})
    date = wb.add_format({"num_format": "dd.mm.yyyy"})
    names = list(grids) if name in grids else [*grids, name]
    for sheet in names:
        ws = wb.add_worksheet(sheet)
        if sheet == name:
            top, second, body = _interview_table(tps, measures, attributes, rows, lang)
            table = [top, second, *body]
        else:
            table = grids[sheet].rows
        for r, values in enumerate(table):
            for c, v in enumerate(values):
                if v is not None and v != "":
                    write_cell(ws, r, c, v, date_fmt=date)
    wb.close()


def _write_interviews_sheet(tmp, project, name, tps, measures, attributes, rows, lang, openpyxl):
    from workbooks.project.schema import MEASURE_LABELS

    try:
        wb = openpyxl.load_workbook(project)  # defusedxml guards the XML parsing
    except Exception as exc:  # openpyxl and defusedxml raise many unrelated types
        detail = f"{type(exc).__name__}: {exc}"
        raise ProjectError(
            [Problem(tr("not_xlsx", lang, detail=detail))], Path(project).name, lang
        ) from exc
    index = wb.sheetnames.index(name) if name in wb.sheetnames else len(wb.sheetnames)
    if name in wb.sheetnames:
        del wb[name]
    ws = wb.create_sheet(name, index)
    fixed = list(INTERVIEWS.columns)
    header1 = [c.label(lang) for c in fixed] + attributes
    for j, text in enumerate(header1, start=1):
        ws.cell(1, j, text)
        ws.merge_cells(start_row=1, start_column=j, end_row=2, end_column=j)
    j0 = len(header1)
    m = len(measures)
    for t, tp in enumerate(tps):
        c = j0 + t * m + 1
        ws.cell(1, c, tp)
        if m > 1:
            ws.merge_cells(start_row=1, start_column=c, end_row=1, end_column=c + m - 1)
        for k, measure in enumerate(measures):
            ws.cell(2, c + k, MEASURE_LABELS[measure][0 if lang == "ru" else 1])
    for i, row in enumerate(rows, start=3):
        values = [row.get(c.key) for c in fixed] + [row.get(a) for a in attributes]
        values += [row.get((tp, ms)) for tp in tps for ms in measures]
        for j, v in enumerate(values, start=1):
            if v is None or v == "":
                continue
            cell = ws.cell(i, j, v)
            if isinstance(v, str):
                cell.data_type = "s"  # user text stays text, never a formula
    ws.freeze_panes = "B3"
    wb.save(tmp)
