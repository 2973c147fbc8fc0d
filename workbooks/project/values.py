"""Reading one cell: numbers with decimal commas, dates, scores and the reasons a score is missing.

Survey exports mix real answers with words and codes that mean "no answer". We keep the
reason, because later counts need it: a touchpoint the client never met ("not experienced")
is different from one they could not judge ("don't know").
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

import numpy as np

from workbooks.project.schema import SCALE_HIGH_MAX, SCALE_LOW, normalise

__all__ = [
    "MISSING_WORDS",
    "CellError",
    "Formula",
    "Missing",
    "Scale",
    "is_blank",
    "parse_codes",
    "parse_date",
    "parse_likert",
    "parse_number",
    "parse_scale",
    "parse_score",
]

# Canonical missing reasons.
BLANK, DONT_KNOW, NOT_EXPERIENCED, REFUSED = "blank", "dont_know", "not_experienced", "refused"

MISSING_WORDS: dict[str, str] = {
    normalise(w): reason
    for words, reason in (
        (
            ("затрудняюсь ответить", "затрудняюсь", "не знаю", "don't know", "dont know", "dk"),
            DONT_KNOW,
        ),
        (("н/д", "нет данных", "n/a", "na", "-", "—", "–", "x", "#н/д"), BLANK),
        (
            (
                "не пользовался",
                "не пользовалась",
                "не сталкивался",
                "не сталкивалась",
                "не применимо",
                "not experienced",
                "not applicable",
            ),
            NOT_EXPERIENCED,
        ),
        (("нет ответа", "отказ", "no answer", "refused", "prefer not to say"), REFUSED),
    )
    for w in words
}


@dataclass(frozen=True)
class CellError:
    """An Excel error value in a cell (``#DIV/0!``, ``#N/A``, ``#VALUE!``...): never a blank."""

    code: str

    def __str__(self) -> str:
        return self.code


@dataclass(frozen=True)
class Formula:
    """A formula saved without its computed value (a file written by a script, not by Excel):
    we do not compute formulas, so it is reported, never read as a blank."""

    text: str

    def __str__(self) -> str:
        return "=" + self.text


@dataclass(frozen=True)
class Missing:
    """A cell that holds no answer, and why."""

    reason: str
    raw: object = None


@dataclass(frozen=True)
class Scale:
    """A closed rating scale such as 1–5 or 0–10."""

    low: int
    high: int

    def __str__(self) -> str:
        return f"{self.low}–{self.high}"

    def contains(self, x: float) -> bool:
        return self.low <= x <= self.high


def is_blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and raw.strip() == "")


_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


def parse_number(raw: object) -> float | None:
    """A number from a cell, accepting text numbers, decimal commas and spaces as thousands.

    Returns ``None`` when the cell does not hold a finite number.

    >>> parse_number("4,5"), parse_number(" 1 234,5 "), parse_number(3), parse_number("abc")
    (4.5, 1234.5, 3.0, None)
    >>> parse_number(True) is None, parse_number(float("nan")) is None
    (True, True)
    """
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, (int, float)):
        x = float(raw)
        return x if math.isfinite(x) else None
    if isinstance(raw, str):
        s = raw.strip().replace("\u00a0", "").replace(" ", "").replace("\u202f", "")
        if _NUMBER.match(s):
            x = float(s.replace(",", "."))
            return x if math.isfinite(x) else None
    return None


_DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%y", "%Y-%m-%d %H:%M:%S")


def parse_date(raw: object) -> dt.date | None:
    """A date from a cell holding a date, a datetime or text such as 31.12.2024.

    >>> parse_date("31.12.2024"), parse_date("2024-02-29")
    (datetime.date(2024, 12, 31), datetime.date(2024, 2, 29))
    >>> parse_date("31.02.2024") is None, parse_date(46022.0)
    (True, datetime.date(2025, 12, 31))
    >>> parse_date("10.03.2025 14:05:33"), parse_date("2025-03-10T14:05:33Z")
    (datetime.date(2025, 3, 10), datetime.date(2025, 3, 10))
    """
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and 20_000 <= raw <= 80_000:
        # an Excel serial date in a cell without a date format (1954–2119)
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(raw))
    if isinstance(raw, str):
        s = raw.strip()
        m = _WITH_TIME.match(s)  # a form's timestamp: the date, then a time of day
        if m:
            s = m.group(1)
        for fmt in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(s, fmt).date()
            except ValueError:
                continue
    return None


_WITH_TIME = re.compile(
    r"^(\S+)[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$"
)


def parse_scale(raw: object) -> Scale | None:
    """A rating scale from text such as ``1-5`` or ``0–10``: it starts at 0 or 1 and has 3 to
    101 points.

    >>> parse_scale("1-5"), parse_scale("0–10"), parse_scale("5-1"), parse_scale("1-1000000000")
    (Scale(low=1, high=5), Scale(low=0, high=10), None, None)
    """
    m = re.match(r"^\s*(\d+)\s*[-–—]\s*(\d+)\s*$", str(raw))
    if not m or len(m.group(2)) > 3:
        return None
    low, high = int(m.group(1)), int(m.group(2))
    if low not in SCALE_LOW or high - low < 2 or high > SCALE_HIGH_MAX:
        return None
    return Scale(low, high)


def parse_codes(raw: object) -> dict[float, str] | None:
    """Declared numeric missing codes: ``"99=затрудняюсь ответить; 98=не пользовался"``.

    The text after ``=`` is mapped to a reason through :data:`MISSING_WORDS`; anything else
    counts as "don't know".

    >>> parse_codes("99=затрудняюсь ответить; 98=не пользовался")
    {99.0: 'dont_know', 98.0: 'not_experienced'}
    >>> parse_codes("") == {}, parse_codes("99") is None
    (True, True)
    """
    codes: dict[float, str] = {}
    for part in re.split(r"[;\n]", str(raw or "")):
        if not part.strip():
            continue
        if "=" not in part:
            return None
        code, _, word = part.partition("=")
        value = parse_number(code)
        if value is None:
            return None
        codes[value] = MISSING_WORDS.get(normalise(word), DONT_KNOW)
    return codes


def parse_likert(raw: object) -> dict[str, float] | None:
    """A word scale: ``"совсем не удовлетворён=1; скорее удовлетворён=4"``.

    >>> parse_likert("совсем не удовлетворён=1; скорее удовлетворён=4")
    {'совсем не удовлетворен': 1.0, 'скорее удовлетворен': 4.0}
    """
    words: dict[str, float] = {}
    for part in re.split(r"[;\n]", str(raw or "")):
        if not part.strip():
            continue
        word, sep, score = part.rpartition("=")
        value = parse_number(score)
        if not sep or value is None or not fold_words(word):
            return None
        words[fold_words(word)] = value
    return words


def fold_words(text: object) -> str:
    """Words as a person means them: case, ё/е, dashes, spaces and punctuation do not count.

    >>> fold_words("Скорее  удовлетворён!"), fold_words("совсем-не удовлетворен")
    ('скорее удовлетворен', 'совсем не удовлетворен')
    """
    return " ".join(re.sub(r"[\W_]+", " ", normalise(text)).split())


# the missing words folded like labels («Не  пользовался.»), for answers typed with punctuation
MISSING_FOLDED: dict[str, str] = {
    fold_words(w): reason for w, reason in MISSING_WORDS.items() if fold_words(w)
}


# A score written inside a label: «1 — совсем не удовлетворен», «(4) скорее да», «5 - полностью»,
# «4 балла», «полностью удовлетворен (5)». The rest of the label holds no other number.
_LEADING = re.compile(r"^\(?\s*(\d+(?:[.,]\d+)?)\s*(?:\)|[-–—:.]|\s)\s*(?P<rest>[^\d]*)$")
_TRAILING = re.compile(r"^(?P<rest>[^\d]*?)\s*(?:[-–—:]|\()\s*(\d+(?:[.,]\d+)?)\s*\)?$")
# «4 из 5», «4/5», «4 of 5», «4 out of 5», optionally followed by «баллов» / «points»
_OUT_OF = re.compile(
    r"^(\d+(?:[.,]\d+)?)\s*(?:из|/|of|out of)\s*(\d+)\s*(?:балл\w*|points?|pts)?\.?$"
)


def label_score(raw: object, scale: Scale) -> tuple[float, str] | str | None:
    """(score, the label's words folded) when ``raw`` is a label holding one score; an error key
    when it holds a score out of another scale (``4 из 10`` on 1–5); None when it is no label.

    >>> s = Scale(1, 5)
    >>> [label_score(x, s)[0] for x in ("1 — совсем не удовлетворен", "5 - полностью",
    ...     "(4) скорее да", "4 из 5", "4 балла", "полностью удовлетворён (5)")]
    [1.0, 5.0, 4.0, 4.0, 4.0, 5.0]
    >>> label_score("4-5", s) is None, label_score("от 1 до 5", s) is None
    (True, True)
    >>> label_score("8 из 10", s)
    'other_scale'
    """
    text = " ".join(str(raw).split())
    m = _OUT_OF.match(text.lower())
    if m:
        x, top = parse_number(m.group(1)), parse_number(m.group(2))
        return (x, "") if top == scale.high else "other_scale"
    for pattern, group in ((_LEADING, 1), (_TRAILING, 2)):
        m = pattern.match(text)
        if m:
            return parse_number(m.group(group)), fold_words(m.group("rest"))
    return None


def parse_score(
    raw: object,
    scale: Scale,
    codes: dict[float, str] | None = None,
    likert: dict[str, float] | None = None,
) -> float | Missing | str:
    """A score on ``scale``; a :class:`Missing`; or an error key (``not_score``,
    ``out_of_scale``, ``other_scale``, ``label_conflict``, ``cell_error``, ``formula_no_value``).

    Missing codes are checked before the scale, so 99 on a 1–5 scale is "don't know", not an
    out-of-scale error, when declared. Labels with a score in them read as that score; words of
    the declared word scale match whatever their case, dashes, spaces and punctuation.

    >>> s = Scale(1, 5)
    >>> parse_score("4,5", s), parse_score("затрудняюсь ответить", s)
    (4.5, Missing(reason='dont_know', raw='затрудняюсь ответить'))
    >>> parse_score(99, s, {99.0: "dont_know"}).reason, parse_score(7, s)
    ('dont_know', 'out_of_scale')
    >>> parse_score("Скорее удовлетворён.", s, likert={"скорее удовлетворен": 4.0})
    4.0
    >>> parse_score("1 — совсем не удовлетворен", s), parse_score("2 - полностью", s, likert={"полностью": 5.0})
    (1.0, 'label_conflict')
    """
    if raw.__class__ is float or raw.__class__ is int:  # the common cell, first (not a bool)
        x = float(raw)
        if not math.isfinite(x):
            return "not_score"
        if codes and x in codes:
            return Missing(codes[x], raw)
        return x if scale.low <= x <= scale.high else "out_of_scale"
    if is_blank(raw):
        return Missing(BLANK, raw)
    if isinstance(raw, CellError):
        return "cell_error"
    if isinstance(raw, Formula):
        return "formula_no_value"
    x = parse_number(raw)
    if x is None:
        if isinstance(raw, bool) or not isinstance(raw, str):
            return "not_score"
        word = normalise(raw)
        if word in MISSING_WORDS:
            return Missing(MISSING_WORDS[word], raw)
        folded = fold_words(raw)
        if likert and folded in likert:
            return likert[folded]
        if folded in MISSING_FOLDED:
            return Missing(MISSING_FOLDED[folded], raw)
        label = label_score(raw, scale)
        if label is None or isinstance(label, str):
            return label or "not_score"
        x, rest = label
        if rest in MISSING_FOLDED:
            return Missing(MISSING_FOLDED[rest], raw)
        if likert and rest in likert and likert[rest] != x:
            return "label_conflict"
    if codes and x in codes:
        return Missing(codes[x], raw)
    if not scale.contains(x):
        return "out_of_scale"
    return x


def parse_scores(
    values: list,
    scale: Scale,
    codes: dict[float, str] | None = None,
    likert: dict[str, float] | None = None,
) -> tuple[np.ndarray, dict[int, object]]:
    """:func:`parse_score` of every value of a column, each distinct value parsed once (a
    column of answers holds a handful: the scale's points, blanks, a code or two): the scores
    (NaN where a cell holds none) and, by position, what every other cell holds.

    >>> scores, other = parse_scores([4, None, 6, 4.5], Scale(1, 5))
    >>> scores.tolist(), other
    ([4.0, nan, nan, 4.5], {1: Missing(reason='blank', raw=None), 2: 'out_of_scale'})
    """
    kinds = set(map(type, values))
    # True == 1 == 1.0 as keys of a dict: such a column is keyed by type and value
    mixed = bool in kinds or (int in kinds and float in kinds)
    keys = [(v.__class__, v) for v in values] if mixed else values
    parsed = {k: parse_score(k[1] if mixed else k, scale, codes, likert) for k in set(keys)}
    number = {k: r if r.__class__ is float else math.nan for k, r in parsed.items()}
    scores = np.fromiter(map(number.__getitem__, keys), float, len(keys))
    other = {int(i): parsed[keys[i]] for i in np.flatnonzero(np.isnan(scores))}
    return scores, other
