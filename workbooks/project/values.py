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

from workbooks.project.schema import normalise

__all__ = [
    "MISSING_WORDS",
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
        for fmt in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(s, fmt).date()
            except ValueError:
                continue
    return None


def parse_scale(raw: object) -> Scale | None:
    """A scale from text such as ``1-5`` or ``0–10``.

    >>> parse_scale("1-5"), parse_scale("0–10"), parse_scale("5-1")
    (Scale(low=1, high=5), Scale(low=0, high=10), None)
    """
    m = re.match(r"^\s*(\d+)\s*[-–—]\s*(\d+)\s*$", str(raw))
    if not m:
        return None
    low, high = int(m.group(1)), int(m.group(2))
    return Scale(low, high) if low < high else None


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
        if not sep or value is None or not word.strip():
            return None
        words[normalise(word)] = value
    return words


def parse_score(
    raw: object,
    scale: Scale,
    codes: dict[float, str] | None = None,
    likert: dict[str, float] | None = None,
) -> float | Missing | str:
    """A score on ``scale``; a :class:`Missing`; or an error key (``not_score`` / ``out_of_scale``).

    Missing codes are checked before the scale, so 99 on a 1–5 scale is "don't know", not an
    out-of-scale error, when declared.

    >>> s = Scale(1, 5)
    >>> parse_score("4,5", s), parse_score("затрудняюсь ответить", s)
    (4.5, Missing(reason='dont_know', raw='затрудняюсь ответить'))
    >>> parse_score(99, s, {99.0: "dont_know"}).reason, parse_score(7, s)
    ('dont_know', 'out_of_scale')
    >>> parse_score("скорее удовлетворён", s, likert={"скорее удовлетворен": 4.0})
    4.0
    """
    if is_blank(raw):
        return Missing(BLANK, raw)
    x = parse_number(raw)
    if x is None:
        word = normalise(raw)
        if likert and word in likert:
            return likert[word]
        if word in MISSING_WORDS:
            return Missing(MISSING_WORDS[word], raw)
        return "not_score"
    if codes and x in codes:
        return Missing(codes[x], raw)
    if not scale.contains(x):
        return "out_of_scale"
    return x
