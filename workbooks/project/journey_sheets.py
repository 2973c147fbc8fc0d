"""Reading and validating the journey-design sheets: segment paths and attribute segments.

Both sheets are optional. Every problem is recorded with its sheet, cell and column in the
user's language and collected in one pass (the caller raises once). Rules of attribute segments
are read by a small grammar, never evaluated as code::

    rule      := condition (AND condition)*          AND: «и», "and" or «;»
    condition := attribute operator value (OR value)*   OR: «или», "or"
    operator  := = | != | <> | ≠ | > | >= | ≥ | < | <= | ≤

A piece between two ANDs that holds no operator belongs to the value before it, so values such
as «Монтаж и запуск» survive. Numbers may use decimal commas and spaced thousands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from qfd.journey.paths import Step
from qfd.journey.personas import AttributeSegment, Condition
from workbooks.errors import cell_ref
from workbooks.locale import tr
from workbooks.project.journey_schema import (
    ATTRIBUTE_SEGMENTS,
    CLUSTER_NAME,
    PATHS,
    RULE_AND,
    RULE_OR,
    behaviour_attribute,
    behaviour_words,
)
from workbooks.project.reader import Grid, closest, find_sheet
from workbooks.project.schema import INTERVIEWS, normalise
from workbooks.project.sheets import TouchpointIndex
from workbooks.project.tables import Ctx, check_unique, match_header, read_table
from workbooks.project.values import is_blank, parse_number

__all__ = [
    "JourneyDesign",
    "interview_comments",
    "parse_rule",
    "read_journey_design",
    "typed_column",
]

_OPERATOR = re.compile(r"(>=|<=|!=|<>|==|≥|≤|≠|=|>|<)")
_AND = re.compile(r"(\s+(?:" + "|".join(RULE_AND) + r")\s+|\s*;\s*)", re.IGNORECASE)
_OR = re.compile(r"\s+(?:" + "|".join(RULE_OR) + r")\s+", re.IGNORECASE)
_CANONICAL = {"==": "=", "<>": "!=", "≠": "!=", "≥": ">=", "≤": "<="}
_QUOTES = "«»\"'“”„ "
NUMERIC_SHARE = 0.8  # an attribute is numeric when this share of its filled values are numbers


@dataclass(frozen=True)
class JourneyDesign:
    """What the two sheets hold, validated."""

    steps: tuple[Step, ...] = ()
    segments: tuple[AttributeSegment, ...] = ()
    has_paths: bool = False
    has_segments: bool = False


def parse_rule(text: str) -> list[tuple[str, str, list[str]]] | None:
    """The conditions of a rule as (attribute, operator, values), or None when it cannot be read.

    >>> parse_rule("Отрасль = Энергетика и Численность персонала > 100")
    [('Отрасль', '=', ['Энергетика']), ('Численность персонала', '>', ['100'])]
    >>> parse_rule("Этап = Монтаж и запуск или Сервис")
    [('Этап', '=', ['Монтаж и запуск', 'Сервис'])]
    >>> parse_rule("Регион Урал") is None, parse_rule("Регион = Урал или Штат > 5") is None
    (True, True)
    """
    parts = _AND.split(str(text).strip())
    conditions: list[str] = []
    for k in range(0, len(parts), 2):
        piece = parts[k]
        if _OPERATOR.search(piece):
            conditions.append(piece)
        elif conditions and piece.strip():
            conditions[-1] += parts[k - 1] + piece  # the word joined a value, keep it
        else:
            return None
    out = []
    for c in conditions:
        m = _OPERATOR.search(c)
        attribute = c[: m.start()].strip().strip(_QUOTES)
        values = [v.strip().strip(_QUOTES) for v in _OR.split(c[m.end() :].strip())]
        if not attribute or not all(values) or any(_OPERATOR.search(v) for v in values):
            return None
        out.append((attribute, _CANONICAL.get(m.group(1), m.group(1)), values))
    return out


def typed_column(values) -> np.ndarray:
    """An attribute as numbers (float, NaN where blank or not a number) when most of its filled
    values are numbers, else as text (None where blank).

    >>> typed_column([1, "2,5", None]).tolist(), typed_column(["Урал", 3, None]).tolist()
    ([1.0, 2.5, nan], ['Урал', '3', None])
    """
    values = list(values)
    filled = [v for v in values if not is_blank(v)]
    numbers = [parse_number(v) for v in values]
    if filled and sum(x is not None for x in numbers) >= NUMERIC_SHARE * len(filled):
        return np.array([np.nan if x is None else x for x in numbers], dtype=float)
    shown = [
        None
        if is_blank(v)
        else str(int(v) if isinstance(v, float) and v.is_integer() else v).strip()
        for v in values
    ]
    return np.array(shown, dtype=object)


def _attributes(clients: dict, respondent_attributes: dict) -> dict[str, tuple[str, object]]:
    """Folded name -> (key used by the rules, the attribute's values)."""
    known: dict[str, tuple[str, object]] = {}
    names = dict.fromkeys(k for attrs in clients.values() for k in attrs if k != "client_name")
    for name in names:
        known.setdefault(
            normalise(name), (f"client:{name}", [a.get(name) for a in clients.values()])
        )
    for name, values in respondent_attributes.items():
        known.setdefault(normalise(name), (f"respondent:{name}", list(values)))
    return known


def _typed(folded: str, known, typed: dict):
    """The attribute's column typed (:func:`typed_column`) and its text values by folded
    spelling, worked out once for all the rules that name it."""
    if folded not in typed:
        column_values = typed_column(known[folded][1])
        text = column_values.dtype.kind == "O"
        seen = {normalise(v): v for v in column_values if v is not None} if text else {}
        typed[folded] = column_values, seen
    return typed[folded]


def _condition(attribute, op, values, known, typed, ctx: Ctx, where) -> Condition | None:
    sheet, cell, column = where
    folded = normalise(attribute)
    seen: dict[str, str] = {}
    if folded in known:
        key = known[folded][0]
        column_values, seen = _typed(folded, known, typed)
    elif behaviour_attribute(attribute):
        key, column_values = f"behaviour:{behaviour_attribute(attribute)}", np.zeros(0)
    else:
        names = [k.split(":", 1)[1] for k, _ in known.values()]
        hits = closest(attribute, names, cutoff=0.6)
        hint = ctx_hint(ctx, hits)
        ctx.err(
            "journey_unknown_attribute",
            sheet,
            cell,
            column,
            value=attribute,
            known=", ".join(names) or "—",
            measures=behaviour_words(ctx.lang),
            hint=hint,
        )
        return None
    numeric = key.startswith("behaviour:") or column_values.dtype.kind == "f"
    numbers = [parse_number(v) for v in values]
    if op not in ("=", "!="):
        if len(values) > 1 or numbers[0] is None or not numeric:
            ctx.err(
                "journey_rule_number",
                sheet,
                cell,
                column,
                op=op,
                value=" / ".join(values),
                attribute=attribute,
            )
            return None
        return Condition(key, op, (numbers[0],))
    if numeric:
        if any(x is None for x in numbers):
            bad = next(v for v, x in zip(values, numbers, strict=True) if x is None)
            ctx.err(
                "journey_rule_numeric_value", sheet, cell, column, attribute=attribute, value=bad
            )
            return None
        return Condition(key, op, tuple(numbers))
    for v in values:
        if normalise(v) not in seen:
            hits = closest(v, list(seen.values()), cutoff=0.6)
            shown = ", ".join(sorted(seen.values())[:15]) or "—"
            ctx.warn(
                "journey_value_unseen",
                sheet,
                cell,
                column,
                attribute=attribute,
                value=v,
                known=shown,
                hint=ctx_hint(ctx, hits),
            )
    return Condition(key, op, tuple(values))


def ctx_hint(ctx: Ctx, hits: list[str]) -> str:
    return tr("did_you_mean", ctx.lang, name=hits[0]) if hits else ""


def read_attribute_segments(grid: Grid, clients, respondent_attributes, ctx: Ctx):
    records = read_table(grid, ATTRIBUTE_SEGMENTS, ctx)
    found, _ = match_header(grid.rows[0], ATTRIBUTE_SEGMENTS.columns) if grid.rows else ({}, {})
    check_unique(
        records,
        "segment",
        ATTRIBUTE_SEGMENTS.columns[0].label(ctx.lang),
        grid,
        ctx,
        found.get("segment", 0),
    )
    known = _attributes(clients, respondent_attributes)
    label = ATTRIBUTE_SEGMENTS.columns[1].label(ctx.lang)
    out, seen, typed = [], set(), {}
    names = {rec["segment"] for _, rec, _ in records if rec["segment"] is not None}
    for r, rec, _ in records:
        name, rule = rec["segment"], rec["rule"]
        if name is None or rule is None or name in seen:
            continue
        seen.add(name)
        cell = cell_ref(r, found["rule"])
        parsed = parse_rule(rule)
        if parsed is None:
            ctx.err("journey_rule_syntax", grid.name, cell, label, value=rule)
            continue
        conditions = [_condition(*c, known, typed, ctx, (grid.name, cell, label)) for c in parsed]
        if all(c is not None for c in conditions):
            out.append(AttributeSegment(name, tuple(conditions), str(rule), r + 1))
    return tuple(out), names


def read_paths(grid: Grid, touchpoints, segment_names, ctx: Ctx) -> tuple[Step, ...]:
    """The steps of the paths sheet; every cell of every row is checked (one pass), and a row
    with any problem is left out."""
    records = read_table(grid, PATHS, ctx)
    found, _ = match_header(grid.rows[0], PATHS.columns) if grid.rows else ({}, {})
    tps = TouchpointIndex(tuple(touchpoints))
    label = {c.key: c.label(ctx.lang) for c in PATHS.columns}
    steps, milestones, unlinked = [], {}, set()
    required = ("segment", "path", "order", "step", "kind")
    for r, rec, _ in records:
        ok = all(rec[k] is not None for k in required)
        tp = ""
        if rec["touchpoint_id"] is not None:
            tp = tps.get(rec["touchpoint_id"]) or ""
            if not tp:
                tps.unknown(
                    ctx,
                    rec["touchpoint_id"],
                    grid.name,
                    cell_ref(r, found["touchpoint_id"]),
                    label["touchpoint_id"],
                )
                ok = False
        duration = rec["duration"]
        if duration is not None and duration < 0:
            ctx.err(
                "out_of_scale",
                grid.name,
                cell_ref(r, found["duration"]),
                label["duration"],
                value=duration,
                scale="≥ 0",
            )
            ok = False
        milestone = rec["milestone"] or ""
        if milestone and rec["segment"] is not None and rec["path"] is not None:
            key = (rec["segment"], rec["path"], milestone)
            if key in milestones:
                ctx.err(
                    "journey_duplicate_milestone",
                    grid.name,
                    cell_ref(r, found["milestone"]),
                    label["milestone"],
                    segment=rec["segment"],
                    first=milestones[key],
                )
                ok = False
            else:
                milestones[key] = r + 1
        segment = rec["segment"]
        if (
            segment is not None
            and segment_names is not None
            and segment not in segment_names
            and not CLUSTER_NAME.match(segment)
            and segment not in unlinked
        ):
            unlinked.add(segment)
            ctx.warn(
                "journey_segment_unlinked",
                grid.name,
                cell_ref(r, found["segment"]),
                label["segment"],
                value=segment,
                segments_sheet=ATTRIBUTE_SEGMENTS.name(ctx.lang),
            )
        if not ok:
            continue
        steps.append(
            Step(
                segment=segment,
                path=rec["path"],
                name=rec["step"],
                order=rec["order"],
                kind=rec["kind"],
                channel=rec["channel"] or "",
                touchpoint=tp,
                need=rec["need"] or "",
                problem=rec["problem"] or "",
                recommendation=rec["recommendation"] or "",
                effect=rec["effect"] or "",
                duration=duration,
                milestone=milestone,
                row=r + 1,
            )
        )
    return tuple(steps)


def read_journey_design(
    grids: dict[str, Grid], touchpoints, clients, respondent_attributes, ctx: Ctx
) -> JourneyDesign:
    """The two optional sheets of a workbook (``grids`` from :func:`~workbooks.project.reader.
    read_grids`), validated against the journey's touchpoints, the clients' and the
    respondents' attributes; problems go to ``ctx``."""
    seg_grid = find_sheet(grids, ATTRIBUTE_SEGMENTS)
    path_grid = find_sheet(grids, PATHS)
    segments, names = (
        read_attribute_segments(seg_grid, clients, respondent_attributes, ctx)
        if seg_grid is not None
        else ((), set())
    )
    steps = read_paths(path_grid, touchpoints, names, ctx) if path_grid is not None else ()
    return JourneyDesign(steps, segments, path_grid is not None, seg_grid is not None)


def interview_comments(grids: dict[str, Grid], rows: tuple[int, ...]) -> tuple[str | None, ...]:
    """The comment of each respondent (``rows``: their Excel rows), read from the interviews
    sheet; None where there is none."""
    grid = find_sheet(grids, INTERVIEWS)
    if grid is None or not grid.rows:
        return tuple(None for _ in rows)
    found, _ = match_header(grid.rows[0], INTERVIEWS.columns)
    j = found.get("comment")
    out = []
    for r in rows:
        value = grid.cell(r - 1, j) if j is not None else None
        out.append(None if is_blank(value) else str(value).strip())
    return tuple(out)
