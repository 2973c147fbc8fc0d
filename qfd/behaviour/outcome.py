"""The outcome per respondent: a payment-behaviour measure of its client, or a survey answer.

This is the *y* of the driver model. Money is log-transformed; binary outcomes (repeat purchase,
churn) are flagged so the driver model reads them as such.
"""

from __future__ import annotations

import numpy as np

from qfd.behaviour.measures import ClientBehaviour
from qfd.errors import AnalysisError, check_choice
from qfd.notes import Note, Term, note
from qfd.results import result

__all__ = [
    "BINARY_OUTCOMES",
    "MONEY_OUTCOMES",
    "OUTCOMES",
    "SURVEY_OUTCOMES",
    "Outcome",
    "column_outcome",
    "respondent_outcome",
]

OUTCOMES = ("revenue", "ltv", "frequency", "monetary", "repeat", "churn", "overall", "nps")
MONEY_OUTCOMES = ("revenue", "ltv", "monetary")
BINARY_OUTCOMES = ("repeat", "churn")
SURVEY_OUTCOMES = ("overall", "nps")
# Respondent types that cannot have a purchase history with the client.
NOT_BUYERS = ("potential", "lost", "competitor")


@result
class Outcome:
    """The outcome per respondent and how it was made."""

    values: np.ndarray  # NaN where the respondent has no linked client or no answer
    measure: str
    binary: bool
    transform: str  # "log1p" for money, "" otherwise
    n_linked: int
    reason: Note | None = None  # why few respondents have an outcome, when that can be told

    def label(self) -> str:
        return f"log(1 + {self.measure})" if self.transform == "log1p" else self.measure

    @property
    def term(self) -> Term:
        """The outcome as a word of the method's vocabulary (NPS, overall satisfaction, revenue…),
        for notes and labels: outputs name the outcome, never a generic "payment behaviour"."""
        return Term("outcome", self.measure)

    @property
    def from_transactions(self) -> bool:
        """True for payment-behaviour outcomes, False for survey answers (NPS, overall)."""
        return self.measure not in SURVEY_OUTCOMES


def respondent_outcome(
    measure: str,
    client_ids,
    behaviour: ClientBehaviour | None,
    overall=None,
    nps=None,
    respondent_types=None,
) -> Outcome:
    """The outcome per respondent: a behaviour measure of its client, or a survey answer.

    Money measures are log-transformed (``log1p``): revenue is heavily skewed, and a log model
    reads as "a one-SD better touchpoint goes with x % more revenue". Binary outcomes:
    ``repeat`` = at least two orders in the window; ``churn`` = no order in the window.
    When fewer than three respondents get an outcome, ``reason`` says why where the inputs tell
    (no client named, clients absent from the transactions, only potential clients, the
    question unanswered); ``respondent_types`` (canonical values) help tell it.
    """
    check_choice("measure", measure, OUTCOMES)
    n = len(client_ids)
    if measure in ("overall", "nps"):
        values = np.asarray(overall if measure == "overall" else nps, dtype=float)
        linked = int((~np.isnan(values)).sum())
        reason = note("outcome_unanswered", outcome=Term("outcome", measure), n=linked)
        return Outcome(values, measure, False, "", linked, reason if linked < 3 else None)
    if behaviour is None:
        raise AnalysisError("outcome_needs_transactions", measure=measure)
    index = behaviour.index()
    column = {
        "revenue": behaviour.window_revenue,
        "ltv": behaviour.revenue,
        "frequency": behaviour.window_frequency,
        "monetary": behaviour.monetary,
        "repeat": (behaviour.window_frequency >= 2).astype(float),
        "churn": (behaviour.window_frequency == 0).astype(float),
    }[measure]
    values = np.full(n, np.nan)
    for i, cid in enumerate(client_ids):
        if cid is not None and cid in index:
            values[i] = column[index[cid]]
    linked = int((~np.isnan(values)).sum())
    reason = _unlinked_reason(client_ids, respondent_types, linked) if linked < 3 else None
    return _measured(measure, values, reason)


def column_outcome(measure: str, values) -> Outcome:
    """The outcome read from a column the consultant named (the workbook's «Столбец результата»):
    on the same scale as if it came from the transactions (money on the log scale)."""
    check_choice("measure", measure, OUTCOMES)
    values = np.asarray(values, dtype=float)
    linked = int((~np.isnan(values)).sum())
    reason = note("outcome_unanswered", outcome=Term("outcome", measure), n=linked)
    return _measured(measure, values, reason if linked < 3 else None)


def _measured(measure: str, values: np.ndarray, reason: Note | None) -> Outcome:
    linked = int((~np.isnan(values)).sum())
    if measure in MONEY_OUTCOMES:
        values = np.log1p(np.clip(values, 0, None))
        return Outcome(values, measure, False, "log1p", linked, reason)
    return Outcome(values, measure, measure in BINARY_OUTCOMES, "", linked, reason)


def _unlinked_reason(client_ids, respondent_types, linked: int) -> Note:
    named = [c for c in client_ids if c not in (None, "")]
    if not named:
        return note("no_client_ids", n=len(client_ids))
    types = [t for t in (respondent_types or ()) if t]
    if types and all(t in NOT_BUYERS for t in types):
        return note("only_potential", n=len(types))
    return note("clients_not_in_transactions", named=len(named), linked=linked)
