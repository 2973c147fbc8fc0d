"""Reading what continuous monitoring needs from a project workbook, every problem in one pass.

:func:`read_monitoring` takes a workbook already validated by
:func:`workbooks.project.load_project` and reads what the core reader does not keep: the survey
wave of each respondent (a column of the interviews sheet named by the «Столбец волны» setting,
«Волна» by default), the open comments (the respondent's comment and per-touchpoint columns such
as «TP06: комментарий»), NPS and CES asked per touchpoint («TP06: NPS»), the theme dictionaries,
the monthly operational data and the event-log file named in the settings. Problems are located
(sheet!cell) in the user's language and raised together as one
:class:`~workbooks.errors.ProjectError`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from workbooks.errors import Problem, Problems, cell_ref
from workbooks.locale import tr
from workbooks.project.model import Interviews, Project
from workbooks.project.monitoring_schema import (
    CES_WORDS,
    COMMENT_WORDS,
    MONITORING_SETTINGS,
    MONTHS,
    NPS_WORDS,
    OPERATIONS,
    THEMES,
    WAVE_COLUMN_WORDS,
)
from workbooks.project.reader import Grid, closest, find_sheet, read_grids
from workbooks.project.schema import (
    INTERVIEWS,
    INTERVIEWS_LONG,
    KPIS,
    MEASURES,
    SETTINGS_SHEET,
    enum_label,
    enum_value,
    normalise,
)
from workbooks.project.sheets import TouchpointIndex
from workbooks.project.tables import Ctx, data_rows, match_header, quote, read_table, shown
from workbooks.project.values import is_blank, parse_date, parse_number

__all__ = [
    "Comments",
    "MonitoringInputs",
    "MonitoringSettings",
    "OperationalSeries",
    "ThemeDictionary",
    "WaveIndex",
    "month_label",
    "parse_month",
    "read_monitoring",
    "select_waves",
]


# ------------------------------------------------------------------ what is read


@dataclass(frozen=True)
class MonitoringSettings:
    wave_column: str = ""
    pool_waves: bool = False
    event_log_file: str = ""
    warning_alpha: float = 0.01
    baseline_waves: int = 6
    sleeping_quantile: float = 0.9


@dataclass(frozen=True)
class WaveIndex:
    """The wave of every respondent: ``index[i]`` into ``labels`` (−1 when blank).

    ``months[w]`` is the calendar month of wave ``w`` as ``year·12 + month − 1`` when the waves
    are months (dates or months in the column), else ``None``.
    """

    column: str
    labels: tuple[str, ...]
    months: tuple[int | None, ...]
    index: np.ndarray

    @property
    def latest(self) -> int:
        return len(self.labels) - 1


@dataclass(frozen=True)
class Comments:
    """Open comments: ``texts[k]`` by respondent ``respondent[k]`` (index into the interviews),
    about ``touchpoint[k]`` ('' for the respondent's general comment)."""

    texts: tuple[str, ...]
    respondent: np.ndarray
    touchpoint: tuple[str, ...]

    @property
    def n(self) -> int:
        return len(self.texts)


@dataclass(frozen=True)
class ThemeDictionary:
    sheet: str
    themes: tuple[tuple[str, tuple[str, ...], str], ...]  # (theme, words, touchpoint id or '')


@dataclass(frozen=True)
class OperationalSeries:
    """Monthly operational KPIs: ``values[k, m]`` of ``kpi_ids[k]`` in month ``months[m]``."""

    sheet: str
    kpi_ids: tuple[str, ...]
    months: np.ndarray  # year·12 + month − 1, ascending
    values: np.ndarray  # NaN where the month is not given


@dataclass(frozen=True)
class MonitoringInputs:
    settings: MonitoringSettings
    waves: WaveIndex
    comments: Comments
    touchpoint_nps: dict[str, np.ndarray]
    touchpoint_ces: dict[str, np.ndarray]
    themes: ThemeDictionary | None
    operations: OperationalSeries | None
    event_log: Path | None
    warnings: tuple[Problem, ...] = ()


# ------------------------------------------------------------------ months and waves

_NUMERIC_MONTH = re.compile(r"^\s*(\d{4})[-./](\d{1,2})\s*$|^\s*(\d{1,2})[-./](\d{4})\s*$")
_WORD_MONTH = re.compile(r"^\s*([^\W\d_]+)\.?\s+(\d{4})(?:\s*\S{0,3})?\s*$")


def parse_month(raw: object) -> int | None:
    """The calendar month of a cell as ``year·12 + month − 1`` (a date, 2025-03, 03.2025,
    «март 2025», "Mar 2025"), or ``None``.

    >>> [month_label(parse_month(v)) for v in ("2025-03", "03.2025", "март 2025", "15.03.2025")]
    ['2025-03', '2025-03', '2025-03', '2025-03']
    >>> parse_month("Волна 3") is None, parse_month(3) is None
    (True, True)
    """
    if isinstance(raw, (dt.date, dt.datetime)) or (
        isinstance(raw, (int, float)) and not isinstance(raw, bool) and raw >= 20_000
    ):
        day = parse_date(raw)
        return None if day is None else day.year * 12 + day.month - 1
    if not isinstance(raw, str):
        return None
    m = _NUMERIC_MONTH.match(raw)
    if m:
        year, month = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        month_i = int(month)
        return int(year) * 12 + month_i - 1 if 1 <= month_i <= 12 else None
    m = _WORD_MONTH.match(raw)
    if m and normalise(m.group(1)) in MONTHS:
        return int(m.group(2)) * 12 + MONTHS[normalise(m.group(1))] - 1
    day = parse_date(raw)
    return None if day is None else day.year * 12 + day.month - 1


def month_label(month: int | None) -> str:
    """``2025-03`` for a month index (``year·12 + month − 1``).

    >>> month_label(2025 * 12 + 2)
    '2025-03'
    """
    if month is None:
        return ""
    return f"{month // 12:04d}-{month % 12 + 1:02d}"


def month_start(month: int) -> dt.date:
    return dt.date(month // 12, month % 12 + 1, 1)


def _natural_key(text: str):
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", normalise(text))]


def _waves(values: list[object]) -> tuple[tuple[str, ...], tuple[int | None, ...], np.ndarray]:
    """Order the wave values: months by the calendar, numbers by value, names carrying a number
    naturally («Волна 2» before «Волна 10»), other names as first met."""
    given = [v for v in values if not is_blank(v)]
    index = np.full(len(values), -1, dtype=int)
    if not given:
        return (), (), index
    months = [parse_month(v) for v in given]
    if all(m is not None for m in months):
        ordered = sorted(set(months))
        pos = {m: k for k, m in enumerate(ordered)}
        for i, v in enumerate(values):
            if not is_blank(v):
                index[i] = pos[parse_month(v)]
        return tuple(month_label(m) for m in ordered), tuple(ordered), index
    texts = [str(shown(v)).strip() for v in given]
    first_seen = list(dict.fromkeys(texts))
    if all(re.search(r"\d", t) for t in first_seen):
        first_seen.sort(key=_natural_key)
    pos = {t: k for k, t in enumerate(first_seen)}
    for i, v in enumerate(values):
        if not is_blank(v):
            index[i] = pos[str(shown(v)).strip()]
    return tuple(first_seen), (None,) * len(first_seen), index


def select_waves(interviews: Interviews, waves: WaveIndex, pool: bool) -> Interviews:
    """The interviews the drivers and the QFD use: the latest wave, or every wave when ``pool``
    (respondents without a wave are kept only when pooling)."""
    if pool or not waves.labels:
        return interviews
    keep = np.flatnonzero(waves.index == waves.latest)

    def take(value):
        if isinstance(value, np.ndarray) and value.shape[:1] == (interviews.n,):
            return value[keep]
        if isinstance(value, tuple) and len(value) == interviews.n:
            return tuple(value[i] for i in keep)
        if isinstance(value, dict):
            return {k: take(v) for k, v in value.items()}
        return value

    changes = {
        f.name: take(getattr(interviews, f.name))
        for f in dataclasses.fields(interviews)
        if f.name != "touchpoints"
    }
    return dataclasses.replace(interviews, **changes)


# ------------------------------------------------------------------ settings


def _read_settings(grid: Grid | None, ctx: Ctx) -> tuple[MonitoringSettings, tuple[str, str]]:
    """The monitoring settings and the (sheet, cell) of the event-log file setting."""
    where = (SETTINGS_SHEET.name(ctx.lang), "")
    if grid is None or not grid.rows:
        return MonitoringSettings(), where
    by_name = {normalise(n): s for s in MONITORING_SETTINGS for n in (s.key, s.ru, s.en)}
    found, _ = match_header(grid.rows[0], SETTINGS_SHEET.columns)
    pcol, vcol = found.get("parameter", 0), found.get("value", 1)
    values: dict[str, object] = {}
    for r, row in data_rows(grid, 1):
        name = row[pcol] if pcol < len(row) else None
        setting = by_name.get(normalise(name)) if not is_blank(name) else None
        raw = grid.cell(r, vcol)
        if setting is None or is_blank(raw):
            continue
        label = setting.label(ctx.lang)

        def bad(key: str, r=r, label=label, **kw) -> None:
            detail = tr(key, ctx.lang, **kw)
            ctx.err("bad_setting", grid.name, cell_ref(r, vcol), name=label, detail=detail)

        if setting.kind == "enum:bool":
            value = enum_value("bool", raw)
            if value is None:
                allowed = " / ".join(enum_label("bool", v, ctx.lang) for v in ("yes", "no"))
                bad("not_enum", allowed=allowed, value=raw)
            else:
                values[setting.key] = value == "yes"
        elif setting.kind == "number":
            x = parse_number(raw)
            if setting.key == "baseline_waves":
                if x is None or not float(x).is_integer() or x < 2:
                    bad("mon_bad_baseline", value=shown(raw))
                    continue
                values[setting.key] = int(x)
            elif x is None or not 0 < x < 1 or (setting.key == "warning_alpha" and x > 0.5):
                bad("mon_bad_share", value=shown(raw), high=0.5 if "alpha" in setting.key else 1)
            else:
                values[setting.key] = float(x)
        else:
            values[setting.key] = str(shown(raw)).strip()
            if setting.kind == "path":
                where = (grid.name, cell_ref(r, vcol))
    return MonitoringSettings(**values), where


def _inside_folder(value: str, folder: Path) -> Path | None:
    """The file ``value`` names, resolved inside ``folder``; ``None`` when it leaves the folder,
    is missing or is not a regular file (a directory, a device, a pipe)."""
    target = (folder / value).resolve()
    try:
        target.relative_to(folder.resolve())
    except ValueError:
        return None
    return target if target.is_file() else None


# ------------------------------------------------------------------ interviews: waves, comments


def _interview_layout(grid: Grid) -> tuple[int, bool]:
    """(first data row, long layout?) of the interviews sheet, decided as its reader does."""
    measure_words = {normalise(w) for words in MEASURES.values() for w in words}
    second = grid.rows[1] if len(grid.rows) > 1 else []
    wide_two_rows = any(normalise(v) in measure_words for v in second if not is_blank(v))
    if wide_two_rows:
        return 2, False
    long_found, _ = match_header(list(grid.rows[0]), INTERVIEWS_LONG)
    is_long = "touchpoint_id" in long_found and (
        "importance" in long_found or "satisfaction" in long_found
    )
    return 1, is_long


_SPLIT = re.compile(r"^(.*\S)\s*[:|—–/-]\s*([^:|—–/-]+)$")


def _touchpoint_measure(text: str, tps: TouchpointIndex) -> tuple[str, str] | None:
    """(touchpoint id, 'comment' | 'nps' | 'ces') of a header such as «TP06: комментарий»."""
    m = _SPLIT.match(str(text))
    if not m:
        return None
    tp = tps.get(m.group(1))
    word = normalise(m.group(2))
    for kind, words in (("comment", COMMENT_WORDS), ("nps", NPS_WORDS), ("ces", CES_WORDS)):
        if tp and word in {normalise(w) for w in words}:
            return tp, kind
    return None


def _read_interview_extras(grid: Grid, project: Project, settings, ctx: Ctx):
    interviews = project.interviews
    tps = TouchpointIndex(project.touchpoints)
    start, is_long = _interview_layout(grid)
    header = [grid.cell(0, j) for j in range(max(len(r) for r in grid.rows))]
    comment_col = next(c for c in INTERVIEWS.columns if c.key == "comment")
    found, extra = match_header(header, (comment_col,))
    # the wave column
    wanted = normalise(settings.wave_column) if settings.wave_column else None
    wave_col = None
    for j, text in extra.items():
        if (wanted and normalise(text) == wanted) or (
            not wanted and normalise(text) in {normalise(w) for w in WAVE_COLUMN_WORDS}
        ):
            wave_col = j
            break
    if wave_col is None:
        names = [str(h) for h in header if not is_blank(h)]
        if wanted:
            hits = closest(settings.wave_column, names, cutoff=0.6)
            hint = tr("did_you_mean", ctx.lang, name=hits[0]) if hits else ""
            ctx.err(
                "mon_wave_column_missing",
                grid.name,
                cell_ref(0, 0),
                name=settings.wave_column,
                columns=quote(names, ctx.lang),
                hint=hint,
            )
        else:
            ctx.err(
                "mon_no_wave_column",
                grid.name,
                cell_ref(0, 0),
                words=quote(WAVE_COLUMN_WORDS[:2], ctx.lang),
            )
    rows = [r - 1 for r in interviews.rows]  # Excel row numbers -> grid rows
    wave_values = [grid.cell(r, wave_col) for r in rows] if wave_col is not None else []
    labels, months, index = _waves(wave_values)
    if wave_col is not None:
        blank = [rows[i] for i, v in enumerate(wave_values) if is_blank(v)]
        if blank:
            ctx.warn(
                "mon_wave_blank",
                grid.name,
                cell_ref(blank[0], wave_col),
                n=len(blank),
                column=header[wave_col],
            )
    waves = WaveIndex(
        str(header[wave_col]) if wave_col is not None else "",
        labels,
        months,
        index if wave_col is not None else np.full(interviews.n, -1, dtype=int),
    )

    # comments and per-touchpoint NPS / CES
    per_tp = {j: _touchpoint_measure(text, tps) for j, text in extra.items()}
    per_tp = {j: v for j, v in per_tp.items() if v is not None}
    texts, who, about = [], [], []
    scores = {"nps": {}, "ces": {}}
    ces_scale = project.settings.ces_scale
    limits = {"nps": (0, 10), "ces": (ces_scale.low, ces_scale.high)}
    for tp, kind in per_tp.values():
        if kind in scores:
            scores[kind][tp] = np.full(interviews.n, np.nan)
    position = {rid: i for i, rid in enumerate(interviews.respondent_ids)}
    tp_col = None
    if is_long:
        long_found, _ = match_header(header, INTERVIEWS_LONG)
        tp_col = long_found.get("touchpoint_id")
        id_found, _ = match_header(header, INTERVIEWS.columns[:1])
        id_col = id_found.get("respondent_id", 0)
        row_owner = []
        for r, row in data_rows(grid, start):
            rid = row[id_col] if id_col < len(row) else None
            rid = str(shown(rid)).strip() if not is_blank(rid) else None
            row_owner.append((r, position.get(rid)))
    else:
        row_owner = [(r, i) for i, r in enumerate(rows)]
    for r, i in row_owner:
        if i is None:
            continue
        if "comment" in found:
            text = grid.cell(r, found["comment"])
            if not is_blank(text) and str(text).strip():
                tp = ""
                if tp_col is not None:
                    tp = tps.get(grid.cell(r, tp_col)) or ""
                texts.append(str(text).strip())
                who.append(i)
                about.append(tp)
        for j, (tp, kind) in per_tp.items():
            raw = grid.cell(r, j)
            if is_blank(raw):
                continue
            if kind == "comment":
                texts.append(str(raw).strip())
                who.append(i)
                about.append(tp)
                continue
            x = parse_number(raw)
            low, high = limits[kind]
            if x is None or not low <= x <= high:
                ctx.err(
                    "out_of_scale",
                    grid.name,
                    cell_ref(r, j),
                    str(header[j]),
                    value=shown(raw),
                    scale=f"{low:g}–{high:g}",
                )
            else:
                scores[kind][tp][i] = x
    comments = Comments(tuple(texts), np.array(who, dtype=int), tuple(about))
    return waves, comments, scores["nps"], scores["ces"]


# ------------------------------------------------------------------ theme dictionaries


def _read_themes(grid: Grid, project: Project, ctx: Ctx) -> ThemeDictionary:
    tps = TouchpointIndex(project.touchpoints)
    records = read_table(grid, THEMES, ctx)
    found, _ = match_header(grid.rows[0], THEMES.columns) if grid.rows else ({}, {})
    themes: dict[str, tuple[str, list[str], str]] = {}
    first: dict[str, int] = {}
    for r, rec, _ in records:
        theme, words = rec.get("theme"), rec.get("words")
        if theme is None or words is None:
            continue
        parts = [w.strip() for w in re.split(r"[;,\n]", words) if w.strip()]
        if not parts:
            ctx.err("required_blank", grid.name, cell_ref(r, found["words"]))
            continue
        tp = ""
        raw_tp = rec.get("touchpoint_id")
        if raw_tp is not None:
            tp = tps.get(raw_tp) or ""
            if not tp:
                tps.unknown(ctx, raw_tp, grid.name, cell_ref(r, found["touchpoint_id"]))
        key = normalise(theme)
        if key in themes:
            ctx.err(
                "duplicate_id",
                grid.name,
                cell_ref(r, found["theme"]),
                value=theme,
                first=first[key] + 1,
            )
            continue
        first[key] = r
        themes[key] = (theme, parts, tp)
    return ThemeDictionary(
        grid.name, tuple((t, tuple(words), tp) for t, words, tp in themes.values())
    )


# ------------------------------------------------------------------ operational data


def _read_operations(grid: Grid, project: Project, ctx: Ctx) -> OperationalSeries | None:
    if not grid.rows:
        ctx.err("empty_sheet", grid.name)
        return None
    known = {normalise(k.id): k.id for k in project.kpis}
    header = list(grid.rows[0])
    found, extra = match_header(header, OPERATIONS.columns)
    cells: dict[tuple[str, int], tuple[float, int, int]] = {}

    def kpi_of(raw, r, c) -> str | None:
        kpi = known.get(normalise(raw))
        if kpi is None:
            hits = closest(str(raw), list(known.values()))
            ctx.err(
                "mon_unknown_kpi",
                grid.name,
                cell_ref(r, c),
                value=shown(raw),
                kpis=KPIS.name(ctx.lang),
                hint=tr("did_you_mean", ctx.lang, name=hits[0]) if hits else "",
            )
        return kpi

    def month_of(raw, r, c) -> int | None:
        month = parse_month(raw)
        if month is None:
            ctx.err("mon_not_month", grid.name, cell_ref(r, c), value=shown(raw))
        return month

    def put(kpi, month, value, r, c) -> None:
        if (kpi, month) in cells:
            _, r0, _ = cells[(kpi, month)]
            ctx.err(
                "duplicate_id",
                grid.name,
                cell_ref(r, c),
                value=f"{kpi} × {month_label(month)}",
                first=r0 + 1,
            )
        else:
            cells[(kpi, month)] = (value, r, c)

    wide = "period" in found and "kpi_id" not in found and "value" not in found and extra
    if wide:
        pcol = found["period"]
        columns = {j: kpi_of(text, 0, j) for j, text in extra.items()}
        for r, _row in data_rows(grid, 1):
            month = month_of(grid.cell(r, pcol), r, pcol)
            for j, kpi in columns.items():
                raw = grid.cell(r, j)
                if kpi is None or month is None or is_blank(raw):
                    continue
                x = parse_number(raw)
                if x is None:
                    ctx.err("not_number", grid.name, cell_ref(r, j), kpi, value=shown(raw))
                else:
                    put(kpi, month, x, r, j)
    else:
        for r, rec, _ in read_table(grid, OPERATIONS, ctx):
            if rec["period"] is None or rec["kpi_id"] is None or rec["value"] is None:
                continue
            month = month_of(grid.cell(r, found["period"]), r, found["period"])
            kpi = kpi_of(rec["kpi_id"], r, found["kpi_id"])
            if month is not None and kpi is not None:
                put(kpi, month, rec["value"], r, found["value"])
    if not cells:
        return None
    kpis = [k.id for k in project.kpis if any(key[0] == k.id for key in cells)]
    months = np.array(sorted({m for _, m in cells}), dtype=int)
    values = np.full((len(kpis), len(months)), np.nan)
    for (kpi, month), (value, _, _) in cells.items():
        values[kpis.index(kpi), int(np.searchsorted(months, month))] = value
    return OperationalSeries(grid.name, tuple(kpis), months, values)


# ------------------------------------------------------------------ everything


def read_monitoring(
    path: str | Path, project: Project, lang: str = "ru", grids: dict | None = None
) -> MonitoringInputs:
    """What monitoring needs beyond :class:`~workbooks.project.model.Project`; raises
    :class:`~workbooks.errors.ProjectError` with every problem found. ``grids``: the workbook's
    sheets when already read."""
    path = Path(path)
    problems = Problems(source=path.name, lang=lang)
    ctx = Ctx(problems, lang)
    grids = read_grids(path, lang) if grids is None else grids
    settings, setting_cell = _read_settings(find_sheet(grids, SETTINGS_SHEET), ctx)
    interviews_grid = find_sheet(grids, INTERVIEWS)
    waves, comments, tp_nps, tp_ces = _read_interview_extras(
        interviews_grid, project, settings, ctx
    )
    themes_grid = find_sheet(grids, THEMES)
    themes = _read_themes(themes_grid, project, ctx) if themes_grid is not None else None
    ops_grid = find_sheet(grids, OPERATIONS)
    operations = _read_operations(ops_grid, project, ctx) if ops_grid is not None else None
    event_log = None
    if settings.event_log_file:
        event_log = _inside_folder(settings.event_log_file, path.parent)
        if event_log is None:
            sheet, cell = setting_cell
            ctx.err(
                "mon_event_log_path",
                sheet,
                cell,
                value=settings.event_log_file,
                folder=path.parent.name or str(path.parent),
            )
    problems.raise_if_any()
    return MonitoringInputs(
        settings,
        waves,
        comments,
        tp_nps,
        tp_ces,
        themes,
        operations,
        event_log,
        tuple(problems.warnings),
    )
