"""The communication program and the service level of each segment.

**Program**: one row per segment × stage × touchpoint × channel with its trigger, frequency,
message goal, owner and the KPI it moves. The rows come from

* the segment's **contact plan** (:mod:`qfd.journey.contact`): a proactive contact ahead of the
  expected purchase (positive scenario) and a retention contact when the silence exceeds the
  segment's threshold (negative scenario), at the touchpoint where the segment's target path
  starts (else the journey's first touchpoint), by the account manager for the retention contact;
* the steps of the segment's **target path** (to-be): a proactive step is triggered by the
  company's event, a self-service or visit step by the client reaching it; the goal is the
  client's need written on the step (else the recommendation, else the step);
* without a target path, the journey's touchpoints at the top of the QFD list, one row per
  channel the journey declares.

Owner and KPI come from the touchpoint's KPI tree: its client-level KPI and that KPI's owner.

**Service levels** (how a segment is served) follow its value and frequency against the base:
value = expected revenue per client (BG/NBD × Gamma-Gamma where fitted, else the window's
revenue per client), frequency = orders per client in the window; each is *high* at or above the
base's level (index ≥ 100). High value and frequency → *premium* (personal manager, answer
within 1 hour); high value, low frequency → *key account* (personal manager, 2 hours, planned
contact ahead of the expected purchase); low value, high frequency → *express* (dedicated line and
self-service, 4 hours); otherwise *standard* (shared line, one working day). Four levels at most:
more tiers than that confuse both the clients and the staff who route them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from qfd.journey.contact import ContactPlan
from qfd.journey.paths import Step
from qfd.notes import Note, note
from qfd.results import result

__all__ = [
    "LEVELS",
    "ProgramRow",
    "ServiceLevel",
    "TouchpointInfo",
    "program",
    "service_level",
    "split_channels",
]

TOP_TOUCHPOINTS = 5  # without a target path: the top of the QFD list
# level -> (answer within hours, personal manager)
LEVELS = {
    "premium": (1.0, True),
    "key_account": (2.0, True),
    "express": (4.0, False),
    "standard": (8.0, False),
}


@dataclass(frozen=True)
class TouchpointInfo:
    """What the program needs of a touchpoint: its place in the journey and its KPI."""

    id: str
    stage: str
    stage_order: int
    channels: tuple[str, ...] = ()
    kpi: str = ""  # "K0602 CSI of delivery times": the client-level KPI
    owner: str = ""
    rank: int = 0  # QFD rank (0: not ranked)


@result
class ProgramRow:
    segment: str
    stage: str
    stage_order: int
    touchpoint: str
    channel: str
    trigger: Note
    frequency: Note
    goal: Note
    owner: str
    kpi: Note
    source: str  # "contact_plan", "to_be" or "priority"


def _plan_rows(segment: str, plan: ContactPlan, tp: TouchpointInfo | None, channel: str):
    stage = tp.stage if tp else ""
    order = tp.stage_order if tp else 0
    tp_id = tp.id if tp else ""
    owner = tp.owner if tp else ""
    return [
        ProgramRow(
            segment,
            stage,
            order,
            tp_id,
            channel,
            note("comm_trigger_before", day=plan.contact_day, median=plan.median_gap),
            note("comm_frequency_cycle", days=plan.min_interval),
            note("comm_goal_before", lead=plan.lead_days),
            owner,
            note("comm_kpi_repeat"),
            "contact_plan",
        ),
        ProgramRow(
            segment,
            stage,
            order,
            tp_id,
            "",
            note("comm_trigger_silence", days=plan.silence_days),
            note("comm_frequency_once"),
            note("comm_goal_win_back"),
            owner,
            note("comm_kpi_slipping"),
            "contact_plan",
        ),
    ]


def _kpi(tp: TouchpointInfo | None) -> Note:
    if tp is not None and tp.kpi:
        return note("comm_kpi_of", kpi=tp.kpi)
    return note("comm_kpi_csi", touchpoint=tp.id if tp else "")


def split_channels(text: str) -> tuple[str, ...]:
    """The channels of a cell such as «менеджер; ЭДО».

    >>> split_channels("менеджер; ЭДО, e-mail")
    ('менеджер', 'ЭДО', 'e-mail')
    """
    return tuple(c.strip() for c in re.split(r"[;,]", text or "") if c.strip())


def _step_row(segment: str, step: Step, tp: TouchpointInfo | None, channel: str) -> ProgramRow:
    trigger = (
        note("comm_trigger_company", step=step.name)
        if step.kind == "proactive"
        else note("comm_trigger_client", step=step.name)
    )
    if step.need:
        goal = note("comm_goal_need", need=step.need)
    elif step.recommendation:
        goal = note("comm_goal_recommendation", text=step.recommendation)
    else:
        goal = note("comm_goal_step", step=step.name)
    return ProgramRow(
        segment,
        tp.stage if tp else "",
        tp.stage_order if tp else 0,
        step.touchpoint,
        channel,
        trigger,
        note("comm_frequency_event"),
        goal,
        tp.owner if tp else "",
        _kpi(tp),
        "to_be",
    )


def program(
    segments: tuple[str, ...],
    touchpoints: dict[str, TouchpointInfo],
    journey_order: tuple[str, ...],
    plans: dict[str, ContactPlan] | None = None,
    to_be: dict[str, list[Step]] | None = None,
) -> tuple[ProgramRow, ...]:
    """The communication program of ``segments``. ``journey_order`` lists touchpoint IDs in
    journey order; ``plans`` and ``to_be`` give each segment's contact plan and target path
    (either may be missing for a segment)."""
    plans, to_be = plans or {}, to_be or {}
    rows: list[ProgramRow] = []
    ranked = sorted((t for t in touchpoints.values() if t.rank), key=lambda t: (t.rank, t.id))[
        :TOP_TOUCHPOINTS
    ]
    for seg in segments:
        # steps outside the company's touchpoints (the client's own events) need no message
        steps = [
            s for s in sorted(to_be.get(seg, ()), key=lambda s: (s.order, s.row)) if s.touchpoint
        ]
        first = steps[0] if steps else None
        start_tp = first.touchpoint if first else (journey_order[0] if journey_order else "")
        tp = touchpoints.get(start_tp)
        channels = split_channels(first.channel) if first else ()
        channels = channels or (tp.channels if tp else ())
        if seg in plans and np.isfinite(plans[seg].median_gap):
            rows += _plan_rows(seg, plans[seg], tp, channels[0] if channels else "")
        if steps:
            for s in steps:
                info = touchpoints.get(s.touchpoint)
                for ch in split_channels(s.channel) or (info.channels[:1] if info else ()) or ("",):
                    rows.append(_step_row(seg, s, info, ch))
            continue
        for t in ranked:
            for ch in t.channels or ("",):
                rows.append(
                    ProgramRow(
                        seg,
                        t.stage,
                        t.stage_order,
                        t.id,
                        ch,
                        note("comm_trigger_touchpoint"),
                        note("comm_frequency_event"),
                        note("comm_goal_priority", rank=t.rank),
                        t.owner,
                        _kpi(t),
                        "priority",
                    )
                )
    return tuple(rows)


@result
class ServiceLevel:
    segment: str
    level: str  # a key of LEVELS
    value_index: float  # value per client / the base's × 100
    frequency_index: float  # orders per client / the base's × 100
    value_measure: str  # "clv" or "window_revenue"
    response_hours: float
    personal_manager: bool
    channels: tuple[str, ...]  # the segment's own most used channels


def service_level(
    segment: str,
    value: float,
    base_value: float,
    frequency: float,
    base_frequency: float,
    value_measure: str,
    channels: tuple[str, ...] = (),
) -> ServiceLevel:
    """The service level of a segment from its value and frequency per client against the base.

    >>> service_level("S1", 2.0, 1.0, 0.5, 1.0, "clv").level
    'key_account'
    """
    v = 100 * value / base_value if base_value else float("nan")
    f = 100 * frequency / base_frequency if base_frequency else float("nan")
    high_v, high_f = bool(v >= 100), bool(f >= 100)
    level = {
        (True, True): "premium",
        (True, False): "key_account",
        (False, True): "express",
        (False, False): "standard",
    }[(high_v, high_f)]
    hours, manager = LEVELS[level]
    return ServiceLevel(segment, level, v, f, value_measure, hours, manager, tuple(channels))
