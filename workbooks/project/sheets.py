"""The journey, clients, House of Quality, KPI, process and data-source sheets."""

from __future__ import annotations

import re

import numpy as np

from workbooks.errors import cell_ref
from workbooks.locale import note_text
from workbooks.project.model import (
    KPI,
    Characteristic,
    DataSource,
    ProcessStep,
    Touchpoint,
)
from workbooks.project.reader import Grid, closest, did_you_mean
from workbooks.project.schema import (
    CHARACTERISTICS,
    CLIENTS,
    DATA_SOURCES,
    JOURNEY,
    KPIS,
    PROCESSES,
    RELATIONSHIP_SYMBOLS,
    ROOF_SYMBOLS,
    TRANSACTIONS,
    normalise,
)
from workbooks.project.settings import parse_pairs
from workbooks.project.tables import (
    Ctx,
    check_unique,
    data_rows,
    match_header,
    read_table,
)
from workbooks.project.transactions import TransactionSource
from workbooks.project.values import (
    is_blank,
    parse_number,
)


def read_journey(grid: Grid, ctx: Ctx) -> tuple[Touchpoint, ...]:
    records = read_table(grid, JOURNEY, ctx)
    found, _ = match_header(grid.rows[0], JOURNEY.columns) if grid.rows else ({}, {})
    check_unique(
        records,
        "touchpoint_id",
        JOURNEY.columns[2].label(ctx.lang),
        grid,
        ctx,
        found.get("touchpoint_id", 0),
    )
    tps = []
    seen = set()
    for _, rec, _ in records:
        if rec["touchpoint_id"] is None or rec["touchpoint_id"] in seen:
            continue
        seen.add(rec["touchpoint_id"])
        channels = tuple(c.strip() for c in re.split(r"[;,]", rec["channels"] or "") if c.strip())
        tps.append(
            Touchpoint(
                id=rec["touchpoint_id"],
                name=rec["touchpoint"] or rec["touchpoint_id"],
                stage=rec["stage"] or "",
                stage_order=rec["stage_order"] or 0,
                channels=channels,
                moment_of_truth=rec["moment_of_truth"] == "yes",
                business_unit=rec["business_unit"] or "",
                target=rec["target"],
            )
        )
    return tuple(tps)


class TouchpointIndex:
    """Resolves a touchpoint written as ID or name."""

    def __init__(self, touchpoints: tuple[Touchpoint, ...]):
        self.by_word = {}
        for t in touchpoints:
            self.by_word[normalise(t.id)] = t.id
            self.by_word.setdefault(normalise(t.name), t.id)
        self.labels = [t.id for t in touchpoints]
        self.names = [t.name for t in touchpoints]

    def get(self, raw: object) -> str | None:
        return self.by_word.get(normalise(raw))

    def unknown(self, ctx: Ctx, raw: object, sheet: str, cell: str, column: str = "") -> None:
        hint = did_you_mean(raw, self.labels + self.names, ctx.lang)
        known = ", ".join(self.labels[:20]) + (" …" if len(self.labels) > 20 else "")
        if not self.labels:
            return  # the journey itself is missing or empty: that is the one error to report
        ctx.err(
            "unknown_touchpoint",
            sheet,
            cell,
            column,
            value=raw,
            journey=JOURNEY.name(ctx.lang),
            known=known,
            hint=hint,
        )


def read_characteristics(grid: Grid | None, ctx: Ctx) -> tuple[Characteristic, ...]:
    if grid is None:
        return ()
    records = read_table(grid, CHARACTERISTICS, ctx)
    found, _ = match_header(grid.rows[0], CHARACTERISTICS.columns) if grid.rows else ({}, {})
    check_unique(
        records, "characteristic_id", CHARACTERISTICS.columns[0].label(ctx.lang), grid, ctx
    )
    chars, where = [], []
    for r, rec, _ in records:
        if rec["characteristic_id"] is None:
            continue
        causes = parse_pairs(rec["caused_by"] or "")
        cell = cell_ref(r, found.get("caused_by", 9))
        if causes is None or any(w is not None and w not in (1, 3, 9) for _, w in causes):
            ctx.err("bad_causes", grid.name, cell, value=rec["caused_by"])
            causes = ()
        where.append(cell)
        chars.append(
            Characteristic(
                id=rec["characteristic_id"],
                name=rec["characteristic"] or rec["characteristic_id"],
                unit=rec["unit"] or "",
                direction=rec["direction"] or "more",
                indicator=rec["indicator"] or "lagging",
                current=rec["current"],
                target=rec["target"],
                competitor=rec["competitor"],
                difficulty=rec["difficulty"],
                caused_by=causes,
            )
        )
    known = {c.id for c in chars}
    for c, cell in zip(chars, where, strict=True):
        for cause, _ in c.caused_by:
            if cause not in known:
                ctx.err(
                    "unknown_characteristic",
                    grid.name,
                    cell,
                    value=cause,
                    known=", ".join(sorted(known)),
                )
    return tuple(chars)


def char_lookup(chars: tuple[Characteristic, ...]) -> dict[str, int]:
    index = {}
    for k, c in enumerate(chars):
        index[normalise(c.id)] = k
        index.setdefault(normalise(c.name), k)
    return index


def read_matrix(grid, rows_index, cols_index, parse, ctx, row_unknown, col_unknown, shape):
    """A labelled matrix sheet: header row of column labels, first column of row labels."""
    matrix = np.zeros(shape)
    if grid is None or not grid.rows:
        return matrix, np.zeros(shape, dtype=bool)
    filled = np.zeros(shape, dtype=bool)
    header = grid.rows[0]
    col_of: dict[int, int] = {}
    for j in range(1, len(header)):
        h = header[j]
        if is_blank(h):
            continue
        k = cols_index.get(normalise(h))
        if k is None:
            # a label column (e.g. touchpoint names) holds text in every row: skip it
            column_values = [grid.cell(r, j) for r in range(1, len(grid.rows))]
            if all(
                is_blank(v) or (parse_number(v) is None and parse(v) is None) for v in column_values
            ):
                continue
            col_unknown(h, cell_ref(0, j))
            continue
        col_of[j] = k
    for r, row in data_rows(grid, 1):
        label = row[0]
        if is_blank(label):
            continue
        i = rows_index(label)
        if i is None:
            row_unknown(label, cell_ref(r, 0))
            continue
        for j, k in col_of.items():
            raw = row[j] if j < len(row) else None
            value = parse(raw)
            if value is None:
                ctx.err(parse.error_key, grid.name, cell_ref(r, j), value=raw)
                continue
            matrix[i, k] = value
            filled[i, k] = not is_blank(raw)
    return matrix, filled


def relationship_value(raw: object) -> float | None:
    if is_blank(raw):
        return 0.0
    s = str(raw).strip()
    if s in RELATIONSHIP_SYMBOLS:
        return float(RELATIONSHIP_SYMBOLS[s])
    x = parse_number(raw)
    return x if x in (0, 1, 3, 9) else None


relationship_value.error_key = "bad_relationship"


def roof_value(raw: object) -> float | None:
    if is_blank(raw):
        return 0.0
    s = str(raw).strip().replace("–", "−").replace("—", "−−")
    if s in ROOF_SYMBOLS:
        return float(ROOF_SYMBOLS[s])
    x = parse_number(raw)
    return x if x in (-2, -1, 0, 1, 2) else None


roof_value.error_key = "bad_roof"


def read_kpis(grid: Grid | None, tps: TouchpointIndex, ctx: Ctx) -> tuple[KPI, ...]:
    if grid is None:
        return ()
    records = read_table(grid, KPIS, ctx)
    found, _ = match_header(grid.rows[0], KPIS.columns) if grid.rows else ({}, {})
    check_unique(
        records, "kpi_id", KPIS.columns[0].label(ctx.lang), grid, ctx, found.get("kpi_id", 0)
    )
    kpis = []
    for r, rec, _ in records:
        if rec["kpi_id"] is None:
            continue
        tp = rec["touchpoint_id"]
        if tp is not None:
            resolved = tps.get(tp)
            if resolved is None:
                tps.unknown(ctx, tp, grid.name, cell_ref(r, found["touchpoint_id"]))
            tp = resolved or tp
        drives = ()
        if rec["drives"]:
            parsed = parse_pairs(rec["drives"])
            if parsed is None:
                ctx.err(
                    "bad_drives",
                    grid.name,
                    cell_ref(r, found["drives"]),
                    KPIS.columns[4].label(ctx.lang),
                    value=rec["drives"],
                )
            else:
                drives = parsed
        kpis.append(
            KPI(
                id=rec["kpi_id"],
                name=rec["kpi"] or rec["kpi_id"],
                touchpoint_id=tp or "",
                level=rec["level"] or "",
                drives=drives,
                unit=rec["unit"] or "",
                direction=rec["direction"] or "more",
                baseline=rec["baseline"],
                actual=rec["actual"],
                target=rec["target"],
                indicator=rec["indicator"],
                source=rec["source"] or "",
                refresh=rec["refresh"] or "",
                owner=rec["owner"] or "",
                formula=rec["formula"] or "",
                row=r + 1,
            )
        )
    known = {k.id for k in kpis}
    for k in kpis:
        for parent, _ in k.drives:
            if parent not in known:
                hits = closest(parent, sorted(known))
                ctx.err(
                    "unknown_kpi",
                    grid.name,
                    cell_ref(k.row - 1, found.get("drives", 4)),
                    KPIS.columns[4].label(ctx.lang),
                    value=parent,
                    known=", ".join(hits or sorted(known)[:10]),
                )
    return tuple(kpis)


def check_kpi_trees(kpis: tuple[KPI, ...], grid: Grid, ctx: Ctx) -> None:
    """Tree-level checks of kpi_tree (cycles, level order, weights...) located at the cells."""
    from kpi_tree.tree import check_kpis

    found, _ = match_header(grid.rows[0], KPIS.columns)
    col = found.get("drives", found.get("kpi_id", 0))
    row_of = {k.id: k.row for k in kpis}
    for issue in check_kpis(kpis):
        first = issue.kpi_ids[0] if issue.kpi_ids else None
        at = found.get(issue.column, col) if issue.column else col
        cell = cell_ref(row_of[first] - 1, at) if first in row_of else ""
        add = ctx.problems.error if issue.error else ctx.problems.warn
        add(note_text(issue.note, ctx.lang), grid.name, cell, key=issue.note.key)


def read_processes(grid: Grid | None, tps: TouchpointIndex, ctx: Ctx):
    if grid is None:
        return ()
    records = read_table(grid, PROCESSES, ctx)
    found, _ = match_header(grid.rows[0], PROCESSES.columns) if grid.rows else ({}, {})
    steps = []
    for r, rec, _ in records:
        if any(rec[k] is None for k in ("touchpoint_id", "step", "order", "capacity", "demand")):
            continue
        tp = tps.get(rec["touchpoint_id"])
        if tp is None:
            tps.unknown(ctx, rec["touchpoint_id"], grid.name, cell_ref(r, found["touchpoint_id"]))
            continue
        for key in ("capacity", "demand"):
            if rec[key] < 0:
                ctx.err(
                    "out_of_scale",
                    grid.name,
                    cell_ref(r, found[key]),
                    PROCESSES.columns[3 if key == "capacity" else 4].label(ctx.lang),
                    value=rec[key],
                    scale="≥ 0",
                )
        if rec["capacity"] == 0:
            ctx.warn("zero_capacity", grid.name, cell_ref(r, found["capacity"]), step=rec["step"])
        steps.append(
            ProcessStep(
                tp, rec["step"], rec["order"], rec["capacity"], rec["demand"], rec["cycle_time"]
            )
        )
    return tuple(steps)


def read_sources(grid: Grid | None, ctx: Ctx):
    if grid is None:
        return ()
    return tuple(
        DataSource(
            rec["system"],
            rec["kind"] or "",
            rec["holds"] or "",
            rec["automation"],
            rec["refresh"] or "",
        )
        for _, rec, _ in read_table(grid, DATA_SOURCES, ctx)
        if rec["system"]
    )


def read_clients(grid: Grid | None, ctx: Ctx) -> dict[str, dict[str, object]]:
    if grid is None:
        return {}
    records = read_table(grid, CLIENTS, ctx)
    check_unique(records, "client_id", CLIENTS.columns[0].label(ctx.lang), grid, ctx)
    clients = {}
    for _, rec, extras in records:
        if rec["client_id"] is not None:
            clients[rec["client_id"]] = {"client_name": rec["client_name"], **extras}
    return clients


def transactions_from_sheet(grid: Grid, ctx: Ctx):
    """Order lines of the transactions sheet, or None when it has none (the template's empty
    sheet means "no transactions", not "zero sales")."""
    if not any(True for _ in data_rows(grid, 1)):
        return None
    records = read_table(grid, TRANSACTIONS, ctx)
    rows = [
        (rec["client_id"], rec["order_id"], rec["date"], rec["amount"], rec["product"])
        for _, rec, _ in records
        if None not in (rec["client_id"], rec["order_id"], rec["date"], rec["amount"])
    ]
    return TransactionSource.from_rows(rows, grid.name)
