"""As-is → to-be: what the target path of a segment changes, and which priorities it serves.

A segment's journey is written twice: the current path (as-is) and the target path (to-be).
Each step has an order (equal orders run in parallel), a kind — a personal **visit**, done by
the client **self**-service, or **proactive** (done by the company without being asked) — a
channel, optionally the touchpoint it belongs to, the client's need and problem, the
recommendation, the expected effect and a duration in days. One step of a path may be marked
as the start event and one as the value result (else the first and the last steps are).

Steps of the two paths are paired: first by the same step name, then, among the rest, by the
same touchpoint in path order. An as-is step left without a pair is **removed**, a to-be step
without one is **added**, a pair that differs in kind, channel, touchpoint or duration is
**changed**. The time to the value result is the sum, over the order groups from the start event
to the value result, of the longest duration in the group (parallel steps overlap). A change
*addresses* the touchpoints its steps name; the comparison says which ranks of the QFD priority
list the changes address, the share of the total QFD weight they cover, and which of the top
priorities no change touches.
"""

from __future__ import annotations

from dataclasses import dataclass

from qfd.errors import check_choice
from qfd.notes import Note, note
from qfd.results import result

__all__ = [
    "KINDS",
    "MILESTONES",
    "PATHS",
    "JourneyComparison",
    "PathSummary",
    "SegmentJourney",
    "Step",
    "StepChange",
    "compare_paths",
    "compare_segment",
    "fold",
    "pair_steps",
    "summarise_path",
    "time_to_value",
]

KINDS = ("visit", "self", "proactive")
PATHS = ("as_is", "to_be")
MILESTONES = ("start", "result")
TOP_PRIORITIES = 3  # the top of the QFD list a target path is expected to address


@dataclass(frozen=True)
class Step:
    """One step of a segment's path as the consultant wrote it (``row``: the Excel row)."""

    segment: str
    path: str
    name: str
    order: int
    kind: str
    channel: str = ""
    touchpoint: str = ""
    need: str = ""
    problem: str = ""
    recommendation: str = ""
    effect: str = ""
    duration: float | None = None  # days
    milestone: str = ""  # "", "start" or "result"
    row: int = 0

    def __post_init__(self) -> None:
        check_choice("path", self.path, PATHS)
        check_choice("kind", self.kind, KINDS)
        check_choice("milestone", self.milestone, ("", *MILESTONES))


@result
class PathSummary:
    steps: int
    visits: int
    self_service: int
    proactive: int
    time_to_value: float  # days; NaN when a step in the span has no duration
    missing_durations: int  # steps in the span without a duration (milestones count as 0)
    start: str  # the start event (a step name)
    value_result: str


@result
class StepChange:
    change: str  # "removed", "added", "changed" or "kept"
    as_is: Step | None
    to_be: Step | None
    made_proactive: bool
    visit_avoided: bool  # a visit replaced by a self-service or proactive step, or removed
    days_saved: float  # as-is duration − to-be duration (NaN when either is unknown)
    touchpoints: tuple[str, ...]  # the touchpoints the change names


@result
class SegmentJourney:
    segment: str
    as_is: PathSummary
    to_be: PathSummary
    changes: tuple[StepChange, ...]
    removed: int
    added: int
    changed: int
    made_proactive: int
    added_proactive: int  # new steps the company does unasked
    visits_avoided: int  # as-is visits − to-be visits
    time_saved: float  # days of the time to the value result
    addressed: tuple[tuple[str, int, float], ...]  # (touchpoint, QFD rank, weight) by rank
    addressed_weight: float  # share of the total QFD weight the changes address
    missed_top: tuple[tuple[str, int], ...]  # top priorities no change addresses (tp, rank)
    notes: tuple[Note, ...] = ()


_YO = {0x0451: 0x0435, 0x0401: 0x0415}  # Cyrillic yo → ye, as the workbook reader folds it


def fold(text: object) -> str:
    """Text compared as people mean it: case, repeated spaces and yo/ye ignored.

    >>> fold("  Приёмка   на складе ") == fold("приемка на складе")
    True
    """
    return " ".join(str(text).translate(_YO).casefold().split())


def time_to_value(steps) -> tuple[float, int, str, str]:
    """(days, steps without a duration, start name, value-result name) of one path.

    >>> s = [Step("A", "as_is", n, o, "self", duration=d) for n, o, d in
    ...      (("a", 1, 2.0), ("b", 2, 5.0), ("c", 2, 3.0), ("d", 3, 1.0))]
    >>> time_to_value(s)
    (8.0, 0, 'a', 'd')
    """
    steps = sorted(steps, key=lambda s: (s.order, s.row))
    if not steps:
        return float("nan"), 0, "", ""
    start = next((s for s in steps if s.milestone == "start"), steps[0])
    end = next((s for s in steps if s.milestone == "result"), steps[-1])
    low, high = min(start.order, end.order), max(start.order, end.order)
    groups: dict[int, float] = {}
    missing = 0
    for s in steps:
        if not low <= s.order <= high:
            continue
        duration = s.duration
        if duration is None:
            if s.milestone:  # an event takes no time
                duration = 0.0
            else:
                missing += 1
                continue
        groups[s.order] = max(groups.get(s.order, 0.0), float(duration))
    total = float("nan") if missing else float(sum(groups.values()))
    return total, missing, start.name, end.name


def summarise_path(steps) -> PathSummary:
    days, missing, start, end = time_to_value(steps)
    kinds = [s.kind for s in steps]
    return PathSummary(
        len(kinds),
        kinds.count("visit"),
        kinds.count("self"),
        kinds.count("proactive"),
        days,
        missing,
        start,
        end,
    )


def pair_steps(as_is, to_be) -> list[tuple[Step | None, Step | None]]:
    """Pairs of (as-is step, to-be step): same name first, then the same touchpoint in path
    order; a step without a pair is paired with None (removed or added)."""
    a = sorted(as_is, key=lambda s: (s.order, s.row))
    b = sorted(to_be, key=lambda s: (s.order, s.row))
    pairs: list[tuple[Step | None, Step | None]] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for match in (lambda s: fold(s.name), lambda s: s.touchpoint):
        for i, x in enumerate(a):
            if i in used_a or not match(x):
                continue
            j = next((j for j, y in enumerate(b) if j not in used_b and match(y) == match(x)), None)
            if j is not None:
                used_a.add(i)
                used_b.add(j)
                pairs.append((x, b[j]))
    pairs += [(x, None) for i, x in enumerate(a) if i not in used_a]
    pairs += [(None, y) for j, y in enumerate(b) if j not in used_b]
    key = {id(s): k for k, s in enumerate(a + b)}
    return sorted(pairs, key=lambda p: key[id(p[0] if p[0] is not None else p[1])])


def _change(x: Step | None, y: Step | None) -> StepChange:
    tps = tuple(dict.fromkeys(t for t in (x and x.touchpoint, y and y.touchpoint) if t))
    if y is None:
        return StepChange("removed", x, None, False, x.kind == "visit", float("nan"), tps)
    if x is None:
        return StepChange("added", None, y, False, False, float("nan"), tps)
    saved = (
        float(x.duration - y.duration)
        if x.duration is not None and y.duration is not None
        else float("nan")
    )
    differs = (
        x.kind != y.kind
        or fold(x.channel) != fold(y.channel)
        or x.touchpoint != y.touchpoint
        or (x.duration != y.duration)
    )
    return StepChange(
        "changed" if differs else "kept",
        x,
        y,
        x.kind != "proactive" and y.kind == "proactive",
        x.kind == "visit" and y.kind != "visit",
        saved,
        tps if differs else (),
    )


def compare_segment(
    segment: str, as_is, to_be, priority: dict[str, tuple[int, float]] | None = None
) -> SegmentJourney:
    """The comparison of one segment's two paths; ``priority`` maps a touchpoint to its QFD
    (rank, weight)."""
    priority = priority or {}
    changes = tuple(_change(x, y) for x, y in pair_steps(as_is, to_be))
    a, b = summarise_path(as_is), summarise_path(to_be)
    count = {k: sum(c.change == k for c in changes) for k in ("removed", "added", "changed")}
    touched = dict.fromkeys(t for c in changes for t in c.touchpoints)
    addressed = sorted(
        ((t, *priority[t]) for t in touched if t in priority), key=lambda r: (r[1], r[0])
    )
    top = sorted((rank, t) for t, (rank, _) in priority.items() if rank <= TOP_PRIORITIES)
    notes = []
    for path, summary in (("as_is", a), ("to_be", b)):
        if summary.missing_durations:
            notes.append(
                note(
                    f"journey_missing_durations_{path}",
                    segment=segment,
                    n=summary.missing_durations,
                )
            )
    unknown = [t for t in touched if priority and t not in priority]
    if unknown:
        notes.append(note("journey_unranked", segment=segment, items=", ".join(unknown)))
    return SegmentJourney(
        segment,
        a,
        b,
        changes,
        count["removed"],
        count["added"],
        count["changed"],
        sum(c.made_proactive for c in changes),
        sum(c.change == "added" and c.to_be.kind == "proactive" for c in changes),
        a.visits - b.visits,
        a.time_to_value - b.time_to_value,
        tuple(addressed),
        float(sum(w for _, _, w in addressed)),
        tuple((t, rank) for rank, t in top if t not in touched),
        tuple(notes),
    )


@result
class JourneyComparison:
    segments: tuple[SegmentJourney, ...]
    notes: tuple[Note, ...] = ()

    def by_segment(self) -> dict[str, SegmentJourney]:
        return {s.segment: s for s in self.segments}


def compare_paths(steps, priority: dict[str, tuple[int, float]] | None = None) -> JourneyComparison:
    """Compare the as-is and to-be paths of every segment (in the order segments first appear);
    a segment with one path only is left out with a note."""
    segments = list(dict.fromkeys(s.segment for s in steps))
    out, notes = [], []
    for seg in segments:
        as_is = [s for s in steps if s.segment == seg and s.path == "as_is"]
        to_be = [s for s in steps if s.segment == seg and s.path == "to_be"]
        if not as_is or not to_be:
            notes.append(note("journey_no_to_be" if as_is else "journey_no_as_is", segment=seg))
            continue
        out.append(compare_segment(seg, as_is, to_be, priority))
    return JourneyComparison(tuple(out), tuple(notes))
