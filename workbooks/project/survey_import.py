"""Import a raw survey export into the interviews sheet of a project.

A mapping says which export column is which touchpoint measure. It is a small TOML file::

    [survey]
    sheet = "Ответы"        # optional, default: the first sheet
    header_rows = 1         # optional: detected from the export (a disagreeing value is an error)
    duplicates = "drop"     # a repeated submission: "drop" the later one (default) or "keep"

    [defaults]              # values for columns the export does not have, and for the
    respondent_type = "текущий"   # blank cells of a column it has

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

    [recode.role]           # values of any column or attribute, as the export writes them
    "Закупки" = "ЛВР"

or an ``.xlsx`` whose first sheet has the columns «Заголовок» (match), «Точка контакта»,
«Мера», «Столбец», «Признак», and an optional sheet «Перекодировка» (Столбец, Было, Стало).

Raw answers are copied as they are (codes, words, labels such as «4 — скорее да», decimal
commas); the project is validated before anything is written and a failed import leaves it
untouched. Problems with the answers are reported at the export's own cells. Only the
interviews sheet of the project changes: its part of the xlsx package is replaced and every
other part (other sheets, formulas with their values, styles, drop-downs, comments) is copied
as it was.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field, replace
from operator import itemgetter
from pathlib import Path

from workbooks.errors import Problem, ProjectError, cell_ref, column_letter
from workbooks.locale import tr
from workbooks.project.reader import (
    Grid,
    closest,
    find_sheet,
    read_grids,
    written_grid,
)
from workbooks.project.schema import (
    INTERVIEWS,
    MAPPING_COLUMNS,
    MEASURES,
    RECODE_COLUMNS,
    RECODE_SHEET,
    Column,
    measure_label,
    normalise,
)
from workbooks.project.tables import shown
from workbooks.project.values import (
    CellError,
    Formula,
    Scale,
    fold_words,
    is_blank,
    parse_score,
)
from workbooks.project.xlsx import cell_index

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = [
    "ImportResult",
    "MappedExport",
    "Mapping",
    "Rule",
    "detect_header_rows",
    "import_survey",
    "map_export",
    "read_mapping",
]

_FIXED = {c.key: c for c in INTERVIEWS.columns}
# free-text columns: a formula saved without its value keeps its text there (with a warning)
_TEXT_COLUMNS = {c.key for c in INTERVIEWS.columns if c.kind == "text"}
# what a respondent answered (for "same client, same answers" warnings)
_ANSWER_COLUMNS = ("overall", "nps", "ces")
# the most header rows we look through for the first row of answers
_MAX_HEADER_ROWS = 10


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

    def target(self) -> object:
        """What the matched column becomes: (touchpoint, measure), a column key or an attribute."""
        if self.touchpoint:
            return (self.touchpoint, self.measure)
        return self.column or self.attribute


@dataclass(frozen=True)
class Mapping:
    rules: tuple[Rule, ...]
    sheet: str = ""
    header_rows: int | None = None  # as declared; None: detected from the export
    defaults: tuple[tuple[str, object], ...] = ()
    duplicates: str = "drop"
    recode: dict[str, dict[str, object]] = field(default_factory=dict)  # target -> folded -> new


@dataclass(frozen=True)
class ImportResult:
    sheet: str
    rows: int
    columns: int
    warnings: tuple[Problem, ...]
    dropped: int = 0  # repeated submissions left out


def _bad(key: str, source: Path, lang: str, **values) -> ProjectError:
    detail = tr(key, lang, **values)
    return ProjectError([Problem(tr("mapping_bad", lang, detail=detail))], source.name, lang)


def _column_key(name: str) -> str:
    """A recode table's name: a column key (by key, Russian or English label) or an attribute."""
    word = normalise(name)
    for col in INTERVIEWS.columns:
        if word in col.names():
            return col.key
    return str(name).strip()


def read_mapping(path: Path, lang: str = "ru") -> Mapping:
    """Rules from a TOML file or from the first sheet of a workbook."""
    path = Path(path)
    if not path.exists():
        raise ProjectError([Problem(tr("file_missing", lang, value=path))], path.name, lang)
    if path.suffix.lower() in (".toml", ".tml"):
        return _toml_mapping(path, lang)
    return _sheet_mapping(path, lang)


def _toml_mapping(path: Path, lang: str) -> Mapping:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProjectError(
            [Problem(tr("mapping_bad", lang, detail=str(exc)))], path.name, lang
        ) from exc
    rules = []
    for k, r in enumerate(data.get("rule", []), start=1):
        where = f"[[rule]] #{k}"
        if not isinstance(r, dict) or "match" not in r:
            raise _bad("mapping_rule_match", path, lang, where=where)
        rule = Rule(
            str(r["match"]),
            str(r.get("touchpoint", "")),
            str(r.get("measure", "")),
            str(r.get("column", "")),
            str(r.get("attribute", "")),
        )
        _check_rule(rule, where, path, lang)
        rules.append(rule)
    survey = data.get("survey", {})
    header_rows = survey.get("header_rows")
    if header_rows is not None and (
        not isinstance(header_rows, int) or not 1 <= header_rows <= _MAX_HEADER_ROWS
    ):
        raise _bad(
            "mapping_option",
            path,
            lang,
            where="[survey] header_rows",
            allowed=f"1…{_MAX_HEADER_ROWS}",
            value=header_rows,
        )
    duplicates = str(survey.get("duplicates", "drop"))
    if duplicates not in ("drop", "keep"):
        raise _bad(
            "mapping_option",
            path,
            lang,
            where="[survey] duplicates",
            allowed="drop / keep",
            value=duplicates,
        )
    recode: dict[str, dict[str, object]] = {}
    for name, table in data.get("recode", {}).items():
        if not isinstance(table, dict):
            raise _bad(
                "mapping_option",
                path,
                lang,
                where=f"[recode.{name}]",
                allowed=tr("recode_form", lang),
                value=table,
            )
        recode.setdefault(_column_key(name), {}).update(
            {fold_words(k): v for k, v in table.items()}
        )
    return Mapping(
        tuple(rules),
        str(survey.get("sheet", "")),
        header_rows,
        tuple(data.get("defaults", {}).items()),
        duplicates,
        recode,
    )


def _positions(grid: Grid, names: dict[str, tuple[str, ...]]) -> dict[str, int | None]:
    head = [normalise(h) for h in (grid.rows[0] if grid.rows else [])]
    return {k: next((j for j, h in enumerate(head) if h in v), None) for k, v in names.items()}


def _sheet_mapping(path: Path, lang: str) -> Mapping:
    grids = read_grids(path, lang)
    grid = next(iter(grids.values()))
    pos = _positions(grid, MAPPING_COLUMNS)
    if pos["match"] is None:
        raise _bad("mapping_header", path, lang, where=f"{grid.name}!A1")
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
    recode: dict[str, dict[str, object]] = {}
    sheet = next((g for name, g in grids.items() if normalise(name) in RECODE_SHEET), None)
    if sheet is not None:
        at = _positions(sheet, RECODE_COLUMNS)
        if None not in at.values():
            for r in range(1, len(sheet.rows)):
                name, old, new = (sheet.cell(r, at[k]) for k in ("column", "from", "to"))
                if not is_blank(name) and not is_blank(old):
                    recode.setdefault(_column_key(str(name)), {})[fold_words(old)] = new
    return Mapping(tuple(rules), recode=recode)


def _check_rule(rule: Rule, where: str, path: Path, lang: str) -> None:
    if rule.match.startswith("re:"):
        try:
            re.compile(rule.match[3:])
        except re.error as exc:
            raise _bad("mapping_rule_regex", path, lang, where=where, detail=exc) from exc
    if rule.touchpoint and rule.measure not in MEASURES:
        raise _bad(
            "mapping_rule_measure",
            path,
            lang,
            where=where,
            allowed=", ".join(MEASURES),
            value=rule.measure,
        )
    if rule.column and rule.column not in _FIXED:
        raise _bad(
            "mapping_rule_column",
            path,
            lang,
            where=where,
            allowed=", ".join(sorted(_FIXED)),
            value=rule.column,
        )
    if not (rule.touchpoint or rule.column or rule.attribute):
        raise _bad("mapping_rule_empty", path, lang, where=where)


def _headers(grid: Grid, n: int) -> list[str]:
    """One text per column, joining ``n`` header rows (merged cells forward-filled)."""
    width = max((len(r) for r in grid.rows[:n]), default=0)
    rows = [[grid.cell(r, j) for j in range(width)] for r in range(n)]
    for r0, c0, r1, c1 in grid.merged:
        for r in range(max(r0, 0), min(r1 + 1, n)):
            for j in range(c0, min(c1 + 1, width)):
                rows[r][j] = grid.cell(r0, c0)
    return [
        " / ".join(str(rows[r][j]).strip() for r in range(n) if not is_blank(rows[r][j]))
        for j in range(width)
    ]


def _targets(headers: list[str], rules: tuple[Rule, ...]) -> dict[int, Rule]:
    out = {}
    for j, h in enumerate(headers):
        if h:
            rule = next((r for r in rules if r.matches(h)), None)
            if rule is not None:
                out[j] = rule
    return out


_ANY_SCALE = Scale(0, 100)


def _answer_like(raw: object, likert: dict[str, float]) -> bool:
    value = parse_score(raw, _ANY_SCALE, None, likert)
    return not isinstance(value, str)


def detect_header_rows(grid: Grid, rules: tuple[Rule, ...], likert: dict[str, float]):
    """The number of header rows: the smallest n whose joined header rows match score rules and
    whose next row holds answers in most of those columns. Returns (n, an example answer cell)
    or (None, None) when no row looks like answers."""
    for n in range(1, min(_MAX_HEADER_ROWS, len(grid.rows) - 1) + 1):
        targets = _targets(_headers(grid, n), rules)
        score_cols = [j for j, rule in targets.items() if rule.touchpoint]
        if not score_cols:
            continue
        r = next(
            (r for r in range(n, len(grid.rows)) if any(not is_blank(v) for v in grid.rows[r])),
            None,
        )
        if r is None:
            return None, None
        filled = [j for j in score_cols if not is_blank(grid.cell(r, j))]
        like = [j for j in filled if _answer_like(grid.cell(r, j), likert)]
        if filled and len(like) * 2 >= len(filled):
            return n, (r, like[0])
    return None, None


@dataclass
class MappedExport:
    """An export read through a mapping: rows of values by target, and where each came from."""

    sheet: str
    touchpoints: list[str]
    measures: list[str]
    attributes: list[str]
    columns: list[str]  # fixed columns the export fills (or the defaults do)
    rows: list[dict]
    source_rows: list[int]  # the export's 0-based row of each kept row
    source_cols: dict[object, int]  # target -> export column
    warnings: list[Problem]
    dropped: int = 0
    header_cells: dict[int, str] = field(default_factory=dict)  # export column -> header cell


def map_export(export: Path, mapping: Mapping, lang: str = "ru", likert=None) -> MappedExport:
    """Apply ``mapping`` to an export; raise :class:`ProjectError` for problems in the export
    itself (error values, formulas without a value, a header-row count that disagrees)."""
    export = Path(export)
    grids = read_grids(export, lang)
    grid = grids.get(mapping.sheet) if mapping.sheet else next(iter(grids.values()), None)
    if grid is None:
        detail = tr(
            "mapping_sheet_missing",
            lang,
            name=mapping.sheet,
            sheets=", ".join(tr("quoted", lang, value=g) for g in grids),
        )
        raise ProjectError([Problem(tr("mapping_bad", lang, detail=detail))], export.name, lang)
    errors: list[Problem] = []
    detected, example = detect_header_rows(grid, mapping.rules, likert or {})
    header_rows = detected or mapping.header_rows or 1
    if detected and mapping.header_rows and mapping.header_rows != detected:
        r, j = example
        errors.append(
            Problem(
                tr(
                    "header_rows_mismatch",
                    lang,
                    declared=mapping.header_rows,
                    detected=detected,
                    row=r + 1,
                    cell=cell_ref(r, j),
                    value=shown(grid.cell(r, j)),
                ),
                grid.name,
                cell_ref(r, j),
                key="header_rows_mismatch",
            )
        )
        raise ProjectError(errors, export.name, lang)
    headers = _headers(grid, header_rows)
    header_cells = {
        j: cell_ref(
            next((r for r in range(header_rows - 1, -1, -1) if not is_blank(grid.cell(r, j))), 0),
            j,
        )
        for j in range(len(headers))
    }
    warnings: list[Problem] = []
    targets: dict[int, Rule] = {}
    for j, h in enumerate(headers):
        if not h:
            continue
        rule = next((r for r in mapping.rules if r.matches(h)), None)
        if rule is None:
            hits = closest(h, [r.match for r in mapping.rules], n=3, cutoff=0.3)
            hint = tr("closest", lang, names=", ".join(hits)) if hits else ""
            warnings.append(
                Problem(
                    tr("mapping_unmatched", lang, value=h, hint=hint),
                    grid.name,
                    header_cells[j],
                    key="mapping_unmatched",
                )
            )
            continue
        targets[j] = rule
    touchpoints = list(dict.fromkeys(r.touchpoint for r in targets.values() if r.touchpoint))
    measures = [m for m in MEASURES if any(r.measure == m for r in targets.values())]
    attributes = list(dict.fromkeys(r.attribute for r in targets.values() if r.attribute))
    defaults = dict(mapping.defaults)
    source_cols = {rule.target(): j for j, rule in targets.items()}
    stamp_cols = _timestamp_columns(headers, targets)
    key_cols = sorted(set(targets) | stamp_cols)
    # per column, once: its target and its recoding table (None when there is none)
    columns = [
        (j, rule.target(), _recode_table(rule.target(), mapping.recode))
        for j, rule in targets.items()
    ]
    cols = [j for j, _, _ in columns]
    names = [target for _, target, _ in columns]
    recoded = [(k, table) for k, (_, _, table) in enumerate(columns) if table is not None]
    need = max([*cols, *key_cols], default=-1) + 1
    blanks = [(k, v) for k, v in defaults.items() if k in names]  # defaults of mapped columns
    pick, pick_key = _picker(cols), _picker(key_cols)
    rows, sources, keys = [], [], []
    for r in range(header_rows, len(grid.rows)):
        raw = grid.rows[r]
        if all(is_blank(v) for v in raw):
            continue
        if len(raw) < need:
            raw = [*raw, *[None] * (need - len(raw))]
        values = pick(raw)
        if recoded or not _MARKERS.isdisjoint(map(type, values)):
            values = list(values)
            for k, value in enumerate(values):
                if isinstance(value, (CellError, Formula)):
                    cell = cell_ref(r, cols[k])
                    values[k] = _cell(value, names[k], grid.name, cell, lang, errors, warnings)
            for k, table in recoded:
                if not is_blank(values[k]):
                    values[k] = table.get(fold_words(values[k]), values[k])
        row: dict = dict(defaults)
        row.update(zip(names, values, strict=True))
        for key, value in blanks:  # a blank cell of a column with a default takes it
            if is_blank(row[key]):
                row[key] = value
        rows.append(row)
        sources.append(r)
        keys.append(pick_key(raw))
    if errors:
        raise ProjectError(errors, export.name, lang)
    rows, sources, dropped = _drop_repeats(rows, sources, keys, mapping, grid.name, lang, warnings)
    for i, row in enumerate(rows, start=1):
        if is_blank(row.get("respondent_id")):
            row["respondent_id"] = f"R{i:04d}"
    columns = [
        c.key
        for c in INTERVIEWS.columns
        if c.in_template or any(c.key in row for row in rows[:1]) or c.key in source_cols
    ]
    return MappedExport(
        grid.name,
        touchpoints,
        measures,
        attributes,
        columns,
        rows,
        sources,
        source_cols,
        warnings,
        dropped,
        header_cells,
    )


def _timestamp_columns(headers: list[str], targets: dict[int, Rule]) -> set[int]:
    """Export columns holding the submission time, mapped or not (a repeat sent later is not a
    duplicate)."""
    names = _FIXED["timestamp"].names()
    return {
        j
        for j, h in enumerate(headers)
        if normalise(h) in names or (j in targets and targets[j].column == "timestamp")
    }


_MARKERS = {CellError, Formula}


def _picker(indices: list[int]):
    """A function giving the values of a row at ``indices``, as a tuple."""
    if len(indices) == 1:
        (j,) = indices
        return lambda row: (row[j],)
    return itemgetter(*indices) if indices else lambda row: ()


def _key(value: object) -> object:
    """A value as a repeat is recognised: text with its spaces folded (4.0 and 4 are one
    key already)."""
    return " ".join(value.split()) if isinstance(value, str) else value


def _cell(value, target, sheet, cell, lang, errors, warnings):
    """An export cell's value for the project: error values and formulas without a value are
    reported here, at the export's own cell."""
    if isinstance(value, CellError):
        errors.append(Problem(tr("cell_error", lang, value=value), sheet, cell, key="cell_error"))
        return None
    if isinstance(value, Formula):
        free_text = target in _TEXT_COLUMNS or not (isinstance(target, tuple) or target in _FIXED)
        if free_text:
            warnings.append(
                Problem(
                    tr("formula_kept_text", lang, value=value),
                    sheet,
                    cell,
                    key="formula_kept_text",
                )
            )
            return str(value)
        errors.append(
            Problem(tr("formula_no_value", lang, value=value), sheet, cell, key="formula_no_value")
        )
        return None
    return value


def _recode_table(target, recode) -> dict | None:
    """The recoding of a column's values (scores are read through the word scale instead)."""
    if isinstance(target, tuple):
        return None
    return recode.get(target) or None


def _drop_repeats(rows, sources, keys, mapping, sheet, lang, warnings):
    """Rows identical in every mapped column (and the time of submission) are one submission
    sent twice: the later one is dropped unless the mapping keeps them. The same client with
    the same answers at another time or in another role is only a warning."""
    first_of: dict[tuple, int] = {}
    answers_of: dict[tuple, int] = {}
    answers_in: dict[tuple, object] = {}  # the row's keys -> its answers, in key order
    keep_rows, keep_sources, dropped = [], [], 0
    for i, (row, r, key) in enumerate(zip(rows, sources, keys, strict=True)):
        if key in first_of:
            first = sources[first_of[key]]
            if mapping.duplicates == "keep":
                warnings.append(_repeat("duplicate_kept", sheet, r, first, lang))
            else:
                warnings.append(_repeat("duplicate_submission", sheet, r, first, lang))
                dropped += 1
                continue
        else:
            first_of[key] = i
            client = row.get("client_id")
            names = tuple(row)
            if names not in answers_in:  # every row of an export has the same keys: sort once
                answers_in[names] = _picker(
                    [
                        k
                        for k in sorted(names, key=str)
                        if isinstance(k, tuple) or k in _ANSWER_COLUMNS
                    ]
                )
            answers = tuple([_key(a) if a.__class__ is str else a for a in answers_in[names](row)])
            if not is_blank(client) and any(not is_blank(a) for a in answers):
                akey = (_key(client), answers)
                if akey in answers_of:
                    j = answers_of[akey]
                    differs = [
                        str(k)
                        for k in row
                        if not isinstance(k, tuple) and _key(row[k]) != _key(rows[j].get(k))
                    ]
                    warnings.append(
                        Problem(
                            tr(
                                "same_answers",
                                lang,
                                first=sources[j] + 1,
                                row=r + 1,
                                client=client,
                                differs=", ".join(_shown_target(k, lang) for k in differs) or "—",
                            ),
                            sheet,
                            f"A{r + 1}",
                            key="same_answers",
                        )
                    )
                else:
                    answers_of[akey] = i
        keep_rows.append(row)
        keep_sources.append(r)
    return keep_rows, keep_sources, dropped


def _shown_target(key: str, lang: str) -> str:
    col = _FIXED.get(key)
    return tr("quoted", lang, value=col.label(lang) if col else key)


def _repeat(key, sheet, r, first, lang) -> Problem:
    return Problem(tr(key, lang, row=r + 1, first=first + 1), sheet, f"A{r + 1}", key=key)


# ------------------------------------------------------------------ writing into the project


def _layout(mapped: MappedExport, lang: str):
    """The interviews sheet: two header rows, then one row per respondent; and for every
    column of the sheet the target it holds (to report problems at the export's cells)."""
    fixed: list[Column] = [_FIXED[k] for k in mapped.columns]
    top: list = [c.label(lang) for c in fixed] + list(mapped.attributes)
    second: list = [None] * len(top)
    targets: list = [c.key for c in fixed] + list(mapped.attributes)
    merges = [f"{column_letter(j)}1:{column_letter(j)}2" for j in range(len(top))]
    m = len(mapped.measures)
    for tp in mapped.touchpoints:
        if m > 1:
            merges.append(f"{column_letter(len(top))}1:{column_letter(len(top) + m - 1)}1")
        for k, measure in enumerate(mapped.measures):
            top.append(tp if k == 0 else None)
            second.append(measure_label(measure, lang))
            targets.append((tp, measure))

    def rows():
        yield top
        yield second
        for row in mapped.rows:
            yield list(map(row.get, targets))

    return rows, merges, targets


def _to_export(
    problem: Problem, sheet: str, mapped: MappedExport, targets: list, lang: str
) -> Problem:
    """A problem found in the written interviews sheet, moved to the export's own cell (a
    required answer left blank says how a default would fill it)."""
    if problem.sheet != sheet or not problem.cell:
        return problem
    try:
        r, j = cell_index(problem.cell)
    except ValueError:
        return problem
    i = r - 2  # two header rows
    if problem.key == "required_blank" and i >= 0 and j < len(targets):
        hint = tr("mapping_default_hint", lang, column=targets[j])
        problem = replace(problem, message=f"{problem.message}{hint}")
    if j >= len(targets) or i >= len(mapped.source_rows):
        return problem
    col = mapped.source_cols.get(targets[j])
    if i < 0:  # the header: the export's header of that column
        if col is None:
            return problem
        return replace(problem, sheet=mapped.sheet, cell=mapped.header_cells[col])
    if col is None:  # a default value, not from the export: the export's row
        return replace(problem, cell=f"A{mapped.source_rows[i] + 1}", sheet=mapped.sheet)
    return replace(problem, sheet=mapped.sheet, cell=cell_ref(mapped.source_rows[i], col))


def import_survey(
    export: Path, mapping_path: Path, project: Path, lang: str = "ru"
) -> ImportResult:
    """Write the interviews sheet of ``project`` from ``export``; validate before replacing."""
    from workbooks.atomic import atomic_path
    from workbooks.project import load_project
    from workbooks.project.xlsx import is_xlsx, replace_sheet

    export, project = Path(export), Path(project)
    mapping = read_mapping(Path(mapping_path), lang)
    if not project.exists():
        raise ProjectError([Problem(tr("file_missing", lang, value=project))], project.name, lang)
    found: list[Problem] = []  # what reading the workbook warns of (macros)
    grids = read_grids(project, lang, found)
    if not is_xlsx(project):
        raise ProjectError(
            [Problem(tr("not_xlsx", lang, detail=project.suffix))], project.name, lang
        )
    likert = _project_likert(grids, lang)
    mapped = map_export(export, mapping, lang, likert)
    existing = find_sheet(grids, INTERVIEWS)
    name = existing.name if existing else INTERVIEWS.name(lang)
    rows, merges, targets = _layout(mapped, lang)
    with atomic_path(project, force=True) as tmp:
        replace_sheet(project, tmp, name, rows(), merges, header_rows=2)
        # validated as the file will read back (written_grid; a property test writes and reads
        # every kind of value through both readers): reading 200,000 rows again cost 10 s
        written = {**grids, name: written_grid(name, rows(), merges)}
        try:
            checked = load_project(tmp, lang, read=(written, found))  # raises: nothing changes
        except ProjectError as exc:
            moved = [_to_export(p, name, mapped, targets, lang) for p in exc.problems]
            # the header names the file the problems are in: the export's answers, mostly
            inside = all(p.sheet == mapped.sheet for p in moved) and name != mapped.sheet
            raise ProjectError(moved, export.name if inside else project.name, lang) from None
    moved_warnings = tuple(_to_export(w, name, mapped, targets, lang) for w in checked.warnings)
    return ImportResult(
        name,
        len(mapped.rows),
        len(mapped.touchpoints) * len(mapped.measures),
        tuple(mapped.warnings) + moved_warnings,
        mapped.dropped,
    )


def _project_likert(grids: dict[str, Grid], lang: str) -> dict[str, float]:
    """The word scale of the project's settings (to recognise answers in the export)."""
    from workbooks.errors import Problems
    from workbooks.project.schema import SETTINGS_SHEET
    from workbooks.project.settings import read_settings
    from workbooks.project.tables import Ctx

    grid = find_sheet(grids, SETTINGS_SHEET)
    if grid is None:
        return {}
    return read_settings(grid, Ctx(Problems(lang=lang), lang)).likert
