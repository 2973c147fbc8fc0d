"""The outcome per respondent: a payment-behaviour measure of its client, or a survey answer.

This is the *y* of the driver model. Money is log-transformed; binary outcomes (repeat purchase,
churn) are flagged so the driver model reads them as such.
"""

from __future__ import annotations

import numpy as np

from qfd.behaviour.measures import ClientBehaviour
from qfd.errors import AnalysisError, check_choice
from qfd.results import result

__all__ = [
    "BINARY_OUTCOMES",
    "MONEY_OUTCOMES",
    "OUTCOMES",
    "SURVEY_OUTCOMES",
    "Outcome",
    "respondent_outcome",
]

OUTCOMES = ("revenue", "ltv", "frequency", "monetary", "repeat", "churn", "overall", "nps")
MONEY_OUTCOMES = ("revenue", "ltv", "monetary")
BINARY_OUTCOMES = ("repeat", "churn")
SURVEY_OUTCOMES = ("overall", "nps")


@result
class Outcome:
    """The outcome per respondent and how it was made."""

    values: np.ndarray  # NaN where the respondent has no linked client or no answer
    measure: str
    binary: bool
    transform: str  # "log1p" for money, "" otherwise
    n_linked: int

    def label(self) -> str:
        return f"log(1 + {self.measure})" if self.transform == "log1p" else self.measure


def respondent_outcome(
    measure: str, client_ids, behaviour: ClientBehaviour | None, overall=None, nps=None
) -> Outcome:
    """The outcome per respondent: a behaviour measure of its client, or a survey answer.

    Money measures are log-transformed (``log1p``): revenue is heavily skewed, and a log model
    reads as "a one-SD better touchpoint goes with x % more revenue". Binary outcomes:
    ``repeat`` = at least two orders in the window; ``churn`` = no order in the window.
    """
    check_choice("measure", measure, OUTCOMES)
    n = len(client_ids)
    if measure in ("overall", "nps"):
        values = np.asarray(overall if measure == "overall" else nps, dtype=float)
        return Outcome(values, measure, False, "", int((~np.isnan(values)).sum()))
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
    if measure in MONEY_OUTCOMES:
        return Outcome(np.log1p(np.clip(values, 0, None)), measure, False, "log1p", linked)
    return Outcome(values, measure, measure in BINARY_OUTCOMES, "", linked)
