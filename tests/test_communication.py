"""The communication program and the service levels, on hand-made segments."""

from __future__ import annotations

import numpy as np
import pytest

from qfd.journey.communication import LEVELS, TouchpointInfo, program, service_level
from qfd.journey.contact import contact_plan
from qfd.journey.paths import Step

TOUCHPOINTS = {
    "T1": TouchpointInfo("T1", "Поиск", 1, ("сайт", "телефон"), "K1C CSI заявки", "Продажи", 3),
    "T2": TouchpointInfo("T2", "Поставка", 2, ("ЭДО",), "K2C CSI поставки", "Логистика", 1),
    "T3": TouchpointInfo("T3", "Сервис", 3, ("телефон",), "", "", 2),
    "T4": TouchpointInfo("T4", "Сервис", 3, ("e-mail",), "", "", 0),
}
ORDER = ("T1", "T2", "T3", "T4")


def _plan():
    gaps = np.arange(10, 310, 10)
    return contact_plan("A", gaps, np.arange(len(gaps)), [40], [3], [1], [1.0])


def test_a_target_path_gives_one_row_per_step_and_channel():
    to_be = [
        Step("A", "to_be", "Возникла потребность", 1, "self", milestone="start"),
        Step(
            "A", "to_be", "Заявка на сайте", 2, "self", "сайт; телефон", "T1", need="Ответ за час"
        ),
        Step("A", "to_be", "Уведомление об отгрузке", 3, "proactive", "", "T2"),
    ]
    plan = _plan()
    rows = program(("A",), TOUCHPOINTS, ORDER, {"A": plan}, {"A": to_be})
    # the contact plan: ahead of the purchase and on a long silence, at the first touchpoint
    ahead, silence = rows[0], rows[1]
    assert ahead.source == silence.source == "contact_plan"
    assert ahead.touchpoint == "T1" and ahead.channel == "сайт"
    assert dict(ahead.trigger.values) == {"day": plan.contact_day, "median": plan.median_gap}
    assert dict(silence.trigger.values) == {"days": plan.silence_days}
    steps = rows[2:]
    # the start event is the client's own, no message; one row per channel of each step
    assert [(r.touchpoint, r.channel) for r in steps] == [
        ("T1", "сайт"),
        ("T1", "телефон"),
        ("T2", "ЭДО"),
    ]
    assert [r.trigger.key for r in steps] == ["comm_trigger_client"] * 2 + ["comm_trigger_company"]
    assert dict(steps[0].goal.values) == {"need": "Ответ за час"}
    assert steps[2].goal.key == "comm_goal_step"
    assert (steps[2].stage, steps[2].owner) == ("Поставка", "Логистика")
    assert dict(steps[2].kpi.values) == {"kpi": "K2C CSI поставки"}


def test_without_a_target_path_the_top_of_the_qfd_list_is_covered():
    rows = program(("S1",), TOUCHPOINTS, ORDER, {"S1": _plan()}, {})
    covered = [(r.touchpoint, r.channel) for r in rows if r.source == "priority"]
    # ranked touchpoints in QFD order, one row per journey channel; T4 has no rank
    assert covered == [("T2", "ЭДО"), ("T3", "телефон"), ("T1", "сайт"), ("T1", "телефон")]
    assert rows[0].touchpoint == "T1"  # the contact plan at the journey's first touchpoint
    assert [r.kpi.key for r in rows if r.touchpoint == "T3"] == ["comm_kpi_csi"]


@pytest.mark.parametrize(
    "value, frequency, level",
    [
        (2.0, 2.0, "premium"),
        (2.0, 0.5, "key_account"),
        (0.5, 2.0, "express"),
        (0.5, 0.5, "standard"),
        (1.0, 1.0, "premium"),
    ],
)
def test_service_level_by_value_and_frequency(value, frequency, level):
    s = service_level("A", value, 1.0, frequency, 1.0, "clv", ("сайт",))
    assert s.level == level
    assert (s.response_hours, s.personal_manager) == LEVELS[level]
    assert s.value_index == pytest.approx(100 * value) and s.frequency_index == pytest.approx(
        100 * frequency
    )


def test_service_promises_are_ordered():
    hours = [LEVELS[k][0] for k in ("premium", "key_account", "express", "standard")]
    assert hours == sorted(hours) and len(LEVELS) <= 4  # no more than four levels
