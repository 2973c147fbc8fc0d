"""How often to contact a segment: a positive and a negative scenario from its purchase rhythm.

The evidence is the segment's **inter-purchase times**: the days between consecutive purchase
days of each of its clients (completed gaps only). Every client counts once, however often it
buys: the segment's rhythm is the average of its clients' own distributions,
``F(t) = mean over clients of (share of the client's gaps ≤ t)``, and its q-quantile is the
smallest t with ``F(t) ≥ q``. (Pooling the gaps instead would let the most frequent buyers set
the rhythm, and call every slower client "slipping away".)

* **Positive scenario** — the client buys on rhythm. Contact on the day after a purchase by which
  a quarter of the segment's next purchases have happened (the 25th percentile of the gaps): early
  enough to be ahead of three purchases in four, late enough not to talk to a client who has just
  bought. The lead is the distance to the typical next purchase (the median gap).
* **At most** two proactive contacts per typical purchase cycle (one ahead of the purchase, one
  after it), and never more than one a week: the minimum interval between contacts is
  ``max(7, median gap / 2)`` days.
* **Negative scenario** — a silence longer than the 90th percentile of the gaps (nine purchase
  cycles in ten are shorter) means the client is slipping away: a retention contact. Clients past
  that point who still bought within the analysis window are *slipping away*; those with nothing
  in the window are *lost* already.
* Where the BG/NBD model was fitted, it gives each client's own expectation: the probability of
  being still active and, if active, the median time to the next purchase
  ``(α + T)·(2^{1/(r + x)} − 1)`` weeks (the waiting time of a gamma-mixed Poisson process is
  Lomax-distributed). The segment's plan shows the median of those times and the share of its
  clients the model thinks more likely gone than active (P(alive) < 0.5) next to the rhythm rule.

A segment with fewer than :data:`MIN_GAPS` gaps borrows the distribution of the whole base, and
the plan says so.
"""

from __future__ import annotations

import numpy as np

from qfd.behaviour.clv import BGNBD, NO_DROPOUT
from qfd.notes import Note, note
from qfd.results import result

__all__ = [
    "CONTACTS_PER_CYCLE",
    "EARLY",
    "LATE",
    "MIN_GAPS",
    "MIN_INTERVAL_DAYS",
    "ContactPlan",
    "contact_plan",
    "median_days_to_next_purchase",
    "rhythm_quantiles",
]

EARLY = 0.25  # positive scenario: contact when this share of next purchases has happened
LATE = 0.90  # negative scenario: a silence longer than this quantile of the gaps
MIN_GAPS = 20  # fewer gaps: the base's distribution is used
MIN_INTERVAL_DAYS = 7.0  # never more than one proactive contact a week
CONTACTS_PER_CYCLE = 2  # at most two proactive contacts per typical purchase cycle


@result
class ContactPlan:
    segment: str
    clients: int
    repeat_clients: int  # clients with at least one completed gap
    gaps: int  # completed gaps behind the quantiles
    source: str  # "segment", or "base" when the segment has fewer than MIN_GAPS gaps
    median_gap: float
    q25: float
    q75: float
    q90: float
    contact_day: float  # positive scenario: day after a purchase
    lead_days: float  # how far ahead of the typical next purchase
    min_interval: float  # at most one proactive contact per this many days
    silence_days: float  # negative scenario: a longer silence means slipping away
    due_now: int  # clients whose silence is between contact_day and silence_days today
    slipping: int  # silent beyond silence_days, still bought within the window
    slipping_revenue: float  # their revenue within the window
    lost: int  # silent beyond silence_days, nothing within the window
    bg_days: float  # BG/NBD: median over clients of the median days to the next purchase
    bg_inactive: float  # BG/NBD: share of clients with P(alive) < 0.5
    notes: tuple[Note, ...] = ()


def median_days_to_next_purchase(model: BGNBD, x, T) -> np.ndarray:
    """Median days to the next purchase of an active client with ``x`` repeat purchases and age
    ``T`` weeks (the Lomax waiting time of the BG/NBD's gamma-mixed Poisson purchasing).

    >>> m = BGNBD(r=1.0, alpha=10.0, a=1.0, b=1.0, n=1, log_likelihood=0.0)
    >>> float(median_days_to_next_purchase(m, 0, 0)[0])  # 10 weeks · (2 − 1) · 7
    70.0
    """
    x = np.atleast_1d(np.asarray(x, dtype=float))
    T = np.atleast_1d(np.asarray(T, dtype=float))
    return 7.0 * (model.alpha + T) * (2.0 ** (1.0 / (model.r + x)) - 1.0)


def rhythm_quantiles(gaps, owners, qs) -> list[float]:
    """Quantiles of the average client's gap distribution (each client weighs 1).

    >>> rhythm_quantiles([10, 20, 30, 100], ["a", "a", "a", "b"], [0.5, 0.9])
    [30.0, 100.0]
    """
    gaps = np.asarray(gaps, dtype=float)
    owners = np.asarray(owners, dtype=object)
    if not len(gaps):
        return [float("nan") for _ in qs]
    _, inverse, counts = np.unique(owners.astype(str), return_inverse=True, return_counts=True)
    weight = 1.0 / counts[inverse]
    order = np.argsort(gaps, kind="stable")
    cumulative = np.cumsum(weight[order]) / len(counts)
    sorted_gaps = gaps[order]
    last = len(gaps) - 1
    return [float(sorted_gaps[min(int(np.searchsorted(cumulative, q - 1e-12)), last)]) for q in qs]


def contact_plan(
    segment: str,
    gaps,
    owners,
    recency,
    repeat_days,
    window_frequency,
    window_revenue,
    *,
    base=None,
    model: BGNBD | None = None,
    ages=None,
) -> ContactPlan:
    """The contact plan of one segment.

    ``gaps`` are the segment's completed inter-purchase gaps in days and ``owners`` the client
    of each gap; per client of the segment,
    ``recency`` (days since the last purchase), ``repeat_days`` (purchase days after the first),
    ``window_frequency`` and ``window_revenue`` (orders and revenue within the analysis window);
    ``base`` = (gaps, owners) of the whole base for the fallback; ``model`` with ``ages`` = (t_x, T)
    in weeks per client adds the BG/NBD expectation.

    >>> gaps = np.arange(10, 210, 10)  # 20 clients, one gap each
    >>> plan = contact_plan("S1", gaps, np.arange(20), [5, 100, 300], [3, 0, 1], [1, 2, 0],
    ...                     [1., 2., 0.])
    >>> plan.contact_day, plan.median_gap, plan.silence_days, plan.min_interval
    (50.0, 100.0, 180.0, 50.0)
    >>> plan.due_now, plan.slipping, plan.lost
    (1, 0, 1)
    """
    gaps = np.asarray(gaps, dtype=float)
    owners = np.asarray(owners, dtype=object)
    recency = np.asarray(recency, dtype=float)
    repeat_days = np.asarray(repeat_days, dtype=float)
    window_frequency = np.asarray(window_frequency, dtype=float)
    window_revenue = np.asarray(window_revenue, dtype=float)
    notes: list[Note] = []
    used, source = (gaps, owners), "segment"
    if len(gaps) < MIN_GAPS:
        notes.append(note("contact_few_gaps", segment=segment, n=len(gaps), limit=MIN_GAPS))
        used, source = base if base is not None else ([], []), "base"
    q25, median, q75, q90 = rhythm_quantiles(*used, [EARLY, 0.5, 0.75, LATE])
    silent = recency > q90
    bought = window_frequency > 0
    bg_days = bg_inactive = float("nan")
    if model is not None and ages is not None and len(recency):
        t_x, T = (np.asarray(v, dtype=float) for v in ages)
        bg_days = float(np.median(median_days_to_next_purchase(model, repeat_days, T)))
        if min(model.a, model.b) >= NO_DROPOUT:  # else P(alive) ≡ 1 says nothing
            bg_inactive = float(np.mean(model.p_alive(repeat_days, t_x, T) < 0.5))
    return ContactPlan(
        segment=segment,
        clients=len(recency),
        repeat_clients=int((repeat_days > 0).sum()),
        gaps=len(gaps),
        source=source,
        median_gap=median,
        q25=q25,
        q75=q75,
        q90=q90,
        contact_day=q25,
        lead_days=median - q25,
        min_interval=max(MIN_INTERVAL_DAYS, median / CONTACTS_PER_CYCLE),
        silence_days=q90,
        due_now=int(((recency >= q25) & (recency <= q90)).sum()),
        slipping=int((silent & bought).sum()),
        slipping_revenue=float(window_revenue[silent & bought].sum()),
        lost=int((silent & ~bought).sum()),
        bg_days=bg_days,
        bg_inactive=bg_inactive,
        notes=tuple(notes),
    )
