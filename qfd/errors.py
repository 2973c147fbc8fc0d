"""Two kinds of failure of a computation, kept apart so that neither is disguised as the other.

* :class:`ParameterError` — a public function was called outside its contract
  (``bootstrap=-1``, ``confidence=95``): a bug of the caller. The message names the parameter,
  what it must be and what it got, in the style of scikit-learn's parameter validation.
* :class:`AnalysisError` — the data cannot support the analysis (too few respondents with an
  outcome, no clients to segment). It carries a :class:`~qfd.notes.Note`, so the user reads the
  reason in their language; callers may catch it and fall back, saying so.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from qfd.notes import Note, note

__all__ = [
    "AnalysisError",
    "ParameterError",
    "check_choice",
    "check_fraction",
    "check_integer",
    "check_weights",
]

# Survey weights further apart than this are a data error (a typo, a weight in the wrong unit),
# not a design: one respondent would count as a million others.
MAX_WEIGHT_RATIO = 1e6


class ParameterError(ValueError):
    """A parameter outside the function's contract (a programming error, not bad data)."""


class AnalysisError(Exception):
    """The data cannot support the analysis; :attr:`note` says why."""

    def __init__(self, key: str, **values: object):
        self.note: Note = note(key, **values)
        super().__init__(str(self.note))


def check_choice(name: str, value: object, choices: Iterable[object]) -> None:
    """Raise :class:`ParameterError` unless ``value`` is one of ``choices``.

    >>> check_choice("method", "lmg", ("lmg", "johnson"))
    >>> check_choice("method", "ols", ("lmg", "johnson"))
    Traceback (most recent call last):
    ...
    qfd.errors.ParameterError: The method parameter must be one of 'lmg', 'johnson'; got 'ols'.
    """
    choices = tuple(choices)
    if value not in choices:
        allowed = ", ".join(repr(c) for c in choices)
        raise ParameterError(f"The {name} parameter must be one of {allowed}; got {value!r}.")


def check_integer(name: str, value: object, low: int = 0, high: int | None = None) -> int:
    """``value`` as an int within [low, high], else :class:`ParameterError`.

    >>> check_integer("bootstrap", 200, 0, 100_000)
    200
    >>> check_integer("bootstrap", -1, 0)
    Traceback (most recent call last):
    ...
    qfd.errors.ParameterError: The bootstrap parameter must be an integer >= 0; got -1.
    """
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    ok = ok and math.isfinite(value) and float(value).is_integer()
    ok = ok and value >= low and (high is None or value <= high)
    if not ok:
        bound = f">= {low}" if high is None else f"in [{low}, {high}]"
        raise ParameterError(f"The {name} parameter must be an integer {bound}; got {value!r}.")
    return int(value)


def check_fraction(name: str, value: object, *, open_low: bool = False, open_high: bool = False):
    """``value`` as a float in [0, 1] (optionally open at either end), else :class:`ParameterError`.

    >>> check_fraction("confidence", 0.95, open_low=True, open_high=True)
    0.95
    >>> check_fraction("confidence", 95, open_low=True, open_high=True)
    Traceback (most recent call last):
    ...
    qfd.errors.ParameterError: The confidence parameter must be a number in (0, 1); got 95.
    """
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    ok = ok and (value > 0 if open_low else value >= 0) and (value < 1 if open_high else value <= 1)
    if not ok:
        interval = ("(" if open_low else "[") + "0, 1" + (")" if open_high else "]")
        raise ParameterError(f"The {name} parameter must be a number in {interval}; got {value!r}.")
    return float(value)


def check_weights(weights, n: int) -> np.ndarray | None:
    """Survey weights as positive finite numbers, one per respondent, at most
    :data:`MAX_WEIGHT_RATIO` apart, rescaled to a mean of 1 (None stays None).

    >>> check_weights([2, 2, 4], 3).tolist()
    [0.75, 0.75, 1.5]
    >>> check_weights([1, -5, 1], 3)
    Traceback (most recent call last):
    ...
    qfd.errors.ParameterError: The weights parameter must hold positive finite numbers at most 1e+06 apart, one per respondent (3); got -5 at position 2.
    """
    if weights is None:
        return None
    try:
        w = np.asarray(weights, dtype=float)
    except (TypeError, ValueError):
        raise ParameterError(
            f"The weights parameter must hold numbers, one per respondent ({n}); got {weights!r}."
        ) from None
    rule = (
        f"The weights parameter must hold positive finite numbers at most {MAX_WEIGHT_RATIO:g} "
        f"apart, one per respondent ({n})"
    )
    if w.shape != (n,):
        raise ParameterError(f"{rule}; got shape {w.shape}.")
    bad = np.flatnonzero(~np.isfinite(w) | (w <= 0))
    if bad.size:
        raise ParameterError(f"{rule}; got {w[bad[0]]:g} at position {bad[0] + 1}.")
    if n and w.max() / w.min() > MAX_WEIGHT_RATIO:
        k = int(np.argmax(w))
        raise ParameterError(
            f"{rule}; got {w[k]:g} at position {k + 1} against a smallest weight of {w.min():g}."
        )
    w = w / w.max()
    return w / w.mean() if n else w
