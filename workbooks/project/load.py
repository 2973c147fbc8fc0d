"""Load and validate a project workbook into plain, frozen data.

:func:`load_project` reads every sheet, checks every cell and every cross-reference, collects
all problems in one pass and raises :class:`~workbooks.errors.ProjectError` once if any is an
error. The result, :class:`~workbooks.project.model.Project`, holds numpy arrays and small
dataclasses only, so the computation packages (``qfd``, ``kpi_tree``) never see a spreadsheet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import numpy as np

from qfd.behaviour.outcome import SURVEY_OUTCOMES
from workbooks.errors import Problems, cell_ref
from workbooks.locale import CATALOGUE, tr, words
from workbooks.project.interviews import latest_timestamp, read_interviews
from workbooks.project.model import (
    Project,
    Settings,
)
from workbooks.project.reader import (
    Grid,
    did_you_mean,
    find_sheet,
    fold_lookalikes,
    missing_sheet_problem,
    read_grids,
    sheets_named,
)
from workbooks.project.schema import (
    INTERVIEWS,
    SETTINGS_SHEET,
    SHEETS,
    enum_label,
    normalise,
)
from workbooks.project.settings import read_settings
from workbooks.project.sheets import (
    TouchpointIndex,
    char_lookup,
    check_kpi_trees,
    read_characteristics,
    read_clients,
    read_journey,
    read_kpis,
    read_matrix,
    read_processes,
    read_sources,
    relationship_value,
    roof_value,
    transactions_from_sheet,
)
from workbooks.project.tables import (
    Ctx,
    quote,
)
from workbooks.project.transactions import check_source, source_from_settings

# the names of the template's instructions sheet: not a misspelt project sheet
INSTRUCTION_NAMES = {normalise(title) for title in CATALOGUE["template_instructions_title"]}


def load_project(path: str | Path, lang: str = "ru", allow_dirs=(), read=None) -> Project:
    """Read and validate a project workbook.

    ``allow_dirs`` are folders besides the workbook's own from which the workbook may name
    files (the transactions file); they come from the command line, never from the workbook.
    ``read`` = (grids, warnings) are the workbook's sheets and the warnings of reading them
    when the caller has them (:func:`~workbooks.project.reader.read_grids`).

    Raises :class:`~workbooks.errors.ProjectError` listing every problem found; problems
    that do not stop the analysis are returned in :attr:`Project.warnings`.
    """
    return read_project(path, lang, allow_dirs, read)[0]


def read_project(
    path: str | Path, lang: str = "ru", allow_dirs=(), read=None
) -> tuple[Project, dict[str, Grid]]:
    """:func:`load_project` and the workbook's sheets as read, for the callers that read the
    optional sheets (journey design, monitoring) next: the file is parsed once."""
    path = Path(path)
    problems = Problems(source=path.name, lang=lang)
    if read is None:
        grids = read_grids(path, lang, problems.warnings)
    else:
        grids, found = read
        problems.warnings.extend(found)
    ctx = Ctx(problems, lang)
    sheets = {}
    known = {n for spec in SHEETS for n in spec.names()} | INSTRUCTION_NAMES
    for spec in SHEETS:
        sheets[spec.key] = find_sheet(grids, spec)
        if sheets[spec.key] is None and spec.required:
            problems.errors.append(missing_sheet_problem(grids, spec, lang, known))
        twins = sheets_named(grids, spec)
        if len(twins) > 1:
            ctx.err(
                "sheet_twice",
                twins[1],
                names=quote(twins, lang),
                name=spec.name(lang),
            )

    setting_cells: dict[str, str] = {}
    settings = read_settings(sheets["settings"], ctx, setting_cells)
    touchpoints = read_journey(sheets["journey"], ctx) if sheets["journey"] else ()
    if sheets["journey"] is not None and not touchpoints:
        ctx.err("no_rows", sheets["journey"].name, "A2")
    tps = TouchpointIndex(touchpoints)
    interviews = (
        read_interviews(sheets["interviews"], tps, settings, ctx)
        if sheets["interviews"] and touchpoints
        else None
    )
    if interviews is not None:
        unasked = [t.id for t in touchpoints if t.id not in interviews.touchpoints]
        if unasked:
            name = sheets["interviews"].name
            ctx.warn("touchpoints_not_asked", name, "", n=len(unasked), ids=", ".join(unasked))
    settings = _sales_points(settings, tps, interviews, sheets["settings"], setting_cells, ctx)
    clients = read_clients(sheets["clients"], ctx)
    characteristics = read_characteristics(sheets["characteristics"], ctx)
    chars = char_lookup(characteristics)
    tp_pos = {t.id: i for i, t in enumerate(touchpoints)}

    def tp_row(label):
        tp = tps.get(label)
        return tp_pos.get(tp) if tp else None

    grid = sheets["relationships"]
    relationships, _ = read_matrix(
        grid,
        tp_row,
        chars,
        relationship_value,
        ctx,
        lambda v, c: tps.unknown(ctx, v, grid.name, c),
        lambda v, c: ctx.err("bad_matrix_header", grid.name, c, value=v),
        (len(touchpoints), len(characteristics)),
    )
    grid_roof = sheets["roof"]
    roof, roof_filled = read_matrix(
        grid_roof,
        lambda v: chars.get(normalise(v)),
        chars,
        roof_value,
        ctx,
        lambda v, c: ctx.err(
            "unknown_characteristic",
            grid_roof.name,
            c,
            value=v,
            known=", ".join(c.id for c in characteristics),
        ),
        lambda v, c: ctx.err("bad_matrix_header", grid_roof.name, c, value=v),
        (len(characteristics), len(characteristics)),
    )
    roof = np.where(roof_filled, roof, roof.T)  # either triangle may be filled
    kpis = read_kpis(sheets["kpis"], tps, ctx)
    if kpis and not problems.errors:
        check_kpi_trees(kpis, sheets["kpis"], ctx)
    processes = read_processes(sheets["processes"], tps, ctx)
    sources = read_sources(sheets["data_sources"], ctx)

    # Transactions: a sheet, or a CSV/Parquet file named in the settings (inside the workbook's
    # folder or a folder allowed on the command line), every line checked.
    transactions, transaction_count, have, last_transaction = _transactions(
        sheets, settings, path, ctx, allow_dirs, setting_cells
    )
    if transactions is not None and not problems.errors:
        # clients without transactions matter only when the outcome is computed from them
        if interviews is not None and have is not None and _uses_transactions(settings):
            grid_i = sheets["interviews"]
            folded = None  # client IDs with look-alike letters folded, built when first needed
            for i, cid in enumerate(interviews.client_ids):
                if (
                    cid
                    and interviews.respondent_types[i] in ("current", "former")
                    and cid not in have
                ):
                    where = cell_ref(interviews.rows[i] - 1, interviews.client_id_column)
                    if folded is None:
                        folded = {fold_lookalikes(c): c for c in have}
                    twin = folded.get(fold_lookalikes(cid))
                    hint = did_you_mean(cid, [twin], ctx.lang) if twin else ""
                    ctx.warn("no_transactions", grid_i.name, where, value=cid, hint=hint)

    outcome_values = None
    if interviews is not None and not problems.errors:
        outcome_values = check_outcome(
            settings, interviews, clients, transactions, sheets, setting_cells, ctx
        )
        check_segment_column(settings, interviews, clients, sheets, setting_cells, ctx)
    if not problems.errors:
        settings = resolve_analysis_date(
            settings, interviews, transactions, last_transaction, setting_cells, ctx
        )
    problems.raise_if_any()
    return Project(
        source=path,
        touchpoints=touchpoints,
        interviews=interviews,
        clients=clients,
        transactions=transactions,
        characteristics=characteristics,
        relationships=relationships,
        roof=roof,
        kpis=kpis,
        processes=processes,
        data_sources=sources,
        settings=settings,
        warnings=tuple(problems.warnings),
        transaction_count=transaction_count,
        outcome_values=outcome_values,
    ), grids


def _uses_transactions(settings: Settings) -> bool:
    """The outcome is a payment-behaviour measure computed from the transactions."""
    return settings.outcome not in SURVEY_OUTCOMES and not settings.outcome_column


def check_outcome(settings, interviews, clients, transactions, sheets, cells, ctx):
    """The chosen outcome can be computed: transactions for a behaviour measure, answers for a
    survey one, numbers in the outcome column when one is named. Returns the outcome column's
    values per respondent (NaN where unknown), or None."""
    lang = ctx.lang
    settings_sheet = _settings_sheet(sheets)
    outcome_word = enum_label("outcome", settings.outcome, lang)
    if settings.outcome_column:
        return _outcome_column(settings, interviews, clients, settings_sheet, cells, ctx)
    if settings.outcome in SURVEY_OUTCOMES:
        values = interviews.overall if settings.outcome == "overall" else interviews.nps
        if np.isnan(values).all():
            column = next(c for c in INTERVIEWS.columns if c.key == settings.outcome)
            ctx.err(
                "outcome_survey_missing",
                settings_sheet,
                cells.get("outcome", ""),
                outcome=outcome_word,
                field=column.label(lang),
                sheet=sheets["interviews"].name,
            )
        return None
    if transactions is None:
        ctx.err(
            "outcome_without_transactions",
            settings_sheet,
            cells.get("outcome", ""),
            outcome=outcome_word,
        )
    return None


def respondent_values(interviews, clients, column: str) -> list | None:
    """Each respondent's value of ``column``: a respondent attribute of the interviews sheet, else
    a column of the Clients sheet (by the respondent's client); None when it is neither."""
    wanted = normalise(column)
    attribute = next((a for a in interviews.attributes if normalise(a) == wanted), None)
    if attribute is not None:
        return list(interviews.attributes[attribute])
    client_columns = {normalise(k): k for c in clients.values() for k in c if k != "client_name"}
    if wanted not in client_columns:
        return None
    key = client_columns[wanted]
    return [clients.get(cid, {}).get(key) if cid else None for cid in interviews.client_ids]


def _named_column(key: str, settings, interviews, clients, settings_sheet, cells, ctx):
    """Each respondent's value of the column the setting ``key`` names (see
    :func:`respondent_values`); None, and the error ``<key>_missing`` at the setting's cell with
    the columns there are, when it names none."""
    name = getattr(settings, key)
    raw = respondent_values(interviews, clients, name)
    if raw is None:
        known = {k for c in clients.values() for k in c if k != "client_name"}
        ctx.err(
            f"{key}_missing",
            settings_sheet,
            cells.get(key, ""),
            value=name,
            known=quote(sorted(known | set(interviews.attributes)), ctx.lang) or "—",
        )
    return raw


def check_segment_column(settings, interviews, clients, sheets, cells, ctx) -> None:
    """The segment column named in the settings exists (among the respondents' attributes or on
    the Clients sheet): a name that matches nothing would silently leave out every breakdown."""
    if settings.segment_column:
        place = _settings_sheet(sheets)
        _named_column("segment_column", settings, interviews, clients, place, cells, ctx)


def _settings_sheet(sheets) -> str:
    return sheets["settings"].name if sheets["settings"] else ""


def _outcome_column(settings, interviews, clients, settings_sheet, cells, ctx):
    """Values of the outcome column: a respondent attribute of the interviews sheet or a column
    of the Clients sheet (by the respondent's client)."""
    from workbooks.project.values import parse_number

    raw = _named_column("outcome_column", settings, interviews, clients, settings_sheet, cells, ctx)
    if raw is None:
        return None
    values = np.array([np.nan if (x := parse_number(v)) is None else x for v in raw], dtype=float)
    if np.isnan(values).all():
        ctx.err(
            "outcome_column_empty",
            settings_sheet,
            cells.get("outcome_column", ""),
            value=settings.outcome_column,
        )
        return None
    return values


def resolve_analysis_date(settings, interviews, transactions, last_transaction, cells, ctx):
    """The analysis date: the one in the settings; else the latest date in the inputs (the last
    transaction, else the latest survey timestamp), said in a warning. Never the clock: the same
    inputs give the same outputs. A date is required only when the outcome needs one."""
    if settings.analysis_date is not None:
        return settings
    lang = ctx.lang
    found, source = None, ""
    if last_transaction is not None:
        found, source = _as_date(last_transaction), words("date_source.transactions", lang)
    elif interviews is not None:
        found = latest_timestamp(interviews)
        source = tr("date_source.interviews", lang, column=interviews.timestamp_column)
    if found is None:
        if _uses_transactions(settings):
            ctx.err(
                "analysis_date_needed",
                "",
                cells.get("analysis_date", ""),
                outcome=enum_label("outcome", settings.outcome, lang),
            )
        return settings
    ctx.warn("analysis_date_default", "", "", date=found, source=source)
    return replace(settings, analysis_date=found)


def _as_date(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def project_summary(project: Project, lang: str = "ru") -> str:
    """One sentence: how many touchpoints, respondents, clients, transactions and KPIs."""
    n_tx = project.transaction_count  # None prints as "—"
    n_resp = project.interviews.n if project.interviews else 0
    return tr(
        "summary",
        lang,
        tps=len(project.touchpoints),
        resp=n_resp,
        clients=len(project.clients),
        tx=n_tx,
        kpis=len(project.kpis),
    )


def _sales_points(settings, tps, interviews, grid, setting_cells, ctx):
    """The settings' sales points by touchpoint ID (written as an ID or a name, in any case):
    an unknown touchpoint is an error at the setting's cell, one the interviews do not ask
    about a warning (there is no weight for it to raise)."""
    if not settings.sales_points or not tps.labels:
        return settings
    sheet = grid.name if grid is not None else ""
    cell = setting_cells.get("sales_points", "")
    resolved = {}
    for label, point in settings.sales_points.items():
        tp = tps.get(label)
        if tp is None:
            tps.unknown(ctx, label, sheet, cell)
        else:
            resolved[tp] = point
    if interviews is not None:
        idle = [tp for tp in resolved if tp not in interviews.touchpoints]
        if idle:
            ctx.warn("sales_point_not_asked", sheet, cell, ids=", ".join(idle))
    return replace(settings, sales_points=resolved)


def _transactions(sheets, settings, workbook: Path, ctx, allow_dirs, setting_cells):
    """The transactions of a project, checked: ``(source, valid lines, client ids, last date)``,
    all None when there are none. The source is the file named in the settings (problems placed
    on the setting's cell) or the transactions sheet; every problem of the lines goes to ``ctx``
    with the file's name."""
    grid = sheets.get("settings")
    sheet = grid.name if grid is not None else SETTINGS_SHEET.name(ctx.lang)
    source, _, problems = source_from_settings(settings, workbook, ctx.lang, allow_dirs)
    for key, message, error_key in problems:
        ctx.problems.error(message, sheet, setting_cells.get(key, ""), "", error_key)
    if source is None and not settings.transactions_file and sheets.get("transactions") is not None:
        source = transactions_from_sheet(sheets["transactions"], ctx)
    # the lines are checked in the same pass as the rest of the workbook, unless the settings
    # that read them (columns, analysis date, the file itself) are wrong
    if source is None or any(e.sheet == sheet for e in ctx.problems.errors):
        return source, None, None, None
    place = (sheet, setting_cells.get("transaction_columns", ""))
    count, have, last = check_source(source, ctx.problems, settings.analysis_date, place)
    return source, count, have, last
