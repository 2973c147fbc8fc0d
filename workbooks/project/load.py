"""Load and validate a project workbook into plain, frozen data.

:func:`load_project` reads every sheet, checks every cell and every cross-reference, collects
all problems in one pass and raises :class:`~workbooks.errors.ProjectError` once if any is an
error. The result, :class:`~workbooks.project.model.Project`, holds numpy arrays and small
dataclasses only, so the computation packages (``qfd``, ``kpi_tree``) never see a spreadsheet.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from workbooks.errors import Problems
from workbooks.locale import tr
from workbooks.project.interviews import read_interviews
from workbooks.project.model import (
    Project,
)
from workbooks.project.reader import find_sheet, missing_sheet_problem, read_grids
from workbooks.project.schema import (
    SHEETS,
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
)
from workbooks.project.tables import (
    Ctx,
)
from workbooks.project.transactions import project_transactions


def load_project(path: str | Path, lang: str = "ru", allow_dirs=()) -> Project:
    """Read and validate a project workbook.

    ``allow_dirs`` are folders besides the workbook's own from which the workbook may name
    files (the transactions file); they come from the command line, never from the workbook.

    Raises :class:`~workbooks.errors.ProjectError` listing every problem found; problems
    that do not stop the analysis are returned in :attr:`Project.warnings`.
    """
    path = Path(path)
    problems = Problems(source=path.name, lang=lang)
    grids = read_grids(path, lang, problems.warnings)
    ctx = Ctx(problems, lang)
    sheets = {}
    for spec in SHEETS:
        sheets[spec.key] = find_sheet(grids, spec)
        if sheets[spec.key] is None and spec.required:
            problems.errors.append(missing_sheet_problem(grids, spec, lang))

    settings = read_settings(sheets["settings"], ctx)
    touchpoints = read_journey(sheets["journey"], ctx) if sheets["journey"] else ()
    if sheets["journey"] is not None and not touchpoints:
        ctx.err("no_rows", sheets["journey"].name, "A2")
    tps = TouchpointIndex(touchpoints)
    interviews = (
        read_interviews(sheets["interviews"], tps, settings, ctx)
        if sheets["interviews"] and touchpoints
        else None
    )
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
    transactions, transaction_count, have = project_transactions(
        sheets, settings, path, ctx, allow_dirs
    )
    if transactions is not None and not problems.errors:
        if interviews is not None and have is not None:
            grid_i = sheets["interviews"]
            for i, cid in enumerate(interviews.client_ids):
                if (
                    cid
                    and interviews.respondent_types[i] in ("current", "former")
                    and cid not in have
                ):
                    ctx.warn("no_transactions", grid_i.name, f"A{interviews.rows[i]}", value=cid)

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
    )


def project_summary(project: Project, lang: str = "ru") -> str:
    """One sentence: how many touchpoints, respondents, clients, transactions and KPIs."""
    n_tx = "—" if project.transaction_count is None else project.transaction_count
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
