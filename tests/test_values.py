"""Cell parsing: properties over generated values."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from workbooks.project.values import (
    Missing,
    Scale,
    fold_words,
    parse_likert,
    parse_number,
    parse_scale,
    parse_score,
    parse_scores,
)


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_decimal_comma_text_reads_as_the_number(x):
    text = repr(x).replace(".", ",")
    assert parse_number(text) == x
    assert parse_number(f"  {x!r} ") == x


@given(st.integers(min_value=-100, max_value=100), st.integers(min_value=1, max_value=10))
def test_a_score_is_either_on_the_scale_or_an_error(value, width):
    scale = Scale(0, width)
    result = parse_score(value, scale)
    if 0 <= value <= width:
        assert result == value
    else:
        assert result == "out_of_scale"


@given(st.sampled_from([None, "", "  ", "затрудняюсь ответить", "Н/Д", "N/A", "-", "нет ответа"]))
def test_missing_is_never_zero(raw):
    assert isinstance(parse_score(raw, Scale(1, 5)), Missing)


@example("1ИЗ5")  # found by CI: "1 out of 5" written without spaces
@given(st.text(min_size=1).filter(lambda s: parse_number(s) is None))
def test_text_is_missing_an_error_or_the_one_score_written_in_it(raw):
    """A label such as «4 — скорее да» is its score, «4 из 5» too (out of the scale's top); any
    other text is missing or an error, and a text never becomes a number it does not show."""
    result = parse_score(raw, Scale(1, 5))
    if isinstance(result, float):
        numbers = [float(x.replace(",", ".")) for x in re.findall(r"\d+(?:[.,]\d+)?", raw)]
        out_of = re.search(r"из|/|of", raw.lower()) is not None and numbers[1:] == [5.0]
        assert numbers[:1] == [result] and (len(numbers) == 1 or out_of)
        assert 1 <= result <= 5
    else:
        assert isinstance(result, Missing) or result in (
            "not_score",
            "out_of_scale",
            "other_scale",
            "label_conflict",
        )


@given(
    st.integers(min_value=1, max_value=5),
    st.sampled_from(
        [
            "{} — совсем не удовлетворен",
            "{} - полностью",
            "({}) скорее да",
            "{} балла",
            "{} из 5",
            "{}/5",
            "Полностью удовлетворён ({})",
            "{}. Хорошо",
        ]
    ),
)
def test_labels_read_as_their_score(score, label):
    assert parse_score(label.format(score), Scale(1, 5)) == score


@pytest.mark.parametrize("text", ["4-5", "от 1 до 5", "2 или 3", "8 из 10", "4,5 - 5", "1 2"])
def test_ambiguous_labels_are_not_scores(text):
    assert isinstance(parse_score(text, Scale(1, 5)), str)


@given(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщыэюя ", min_size=3, max_size=30))
def test_a_word_of_the_scale_matches_in_any_case_spacing_and_punctuation(word):
    assume(fold_words(word))  # a word made of spaces only names nothing
    # the missing-answer words («отказ», «нет ответа», …) are reserved before any scale
    assume(not isinstance(parse_score(word, Scale(1, 5)), Missing))
    likert = parse_likert(f"{word}=3")
    variants = [word.upper(), f"  {word}! ", word.replace(" ", " - "), word.replace("е", "ё")]
    for v in variants:
        assert parse_score(v, Scale(1, 5), likert=likert) == 3


@pytest.mark.parametrize(
    "text, scale",
    [
        ("1-5", (1, 5)),
        ("0–10", (0, 10)),
        ("1-100", (1, 100)),
        ("5-1", None),
        ("1-1000000000", None),
        ("2-9", None),
        ("1-2", None),
        ("0-101", None),
    ],
)
def test_scales_are_bounded(text, scale):
    result = parse_scale(text)
    assert (result and (result.low, result.high)) == scale or (result is None and scale is None)


@given(
    st.one_of(st.integers(-1000, 1000), st.floats(-1e6, 1e6, allow_nan=False)),
    st.sampled_from([(1, 5), (0, 10), (1, 7)]),
    st.booleans(),
)
def test_a_number_cell_reads_as_the_same_number_typed_as_text(x, bounds, with_codes):
    """Number cells take a short path; they must read exactly as the text of the number does
    (codes first, then the scale)."""
    scale = Scale(*bounds)
    codes = {99.0: "dont_know", 0.0: "not_experienced"} if with_codes else None
    as_text, as_number = parse_score(repr(float(x)), scale, codes), parse_score(x, scale, codes)
    if isinstance(as_text, Missing):  # a missing code: the same reason (the raw cell differs)
        assert isinstance(as_number, Missing) and as_number.reason == as_text.reason
    else:
        assert as_number == as_text
    assert parse_score(float("inf"), scale, codes) == "not_score"


_CELLS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=12),
    st.floats(min_value=-3, max_value=12),
    st.sampled_from(
        [float("nan"), 4.0, 99.0, "", " ", "4", "4,5", "затрудняюсь ответить", "4 — да"]
    ),
    st.text(max_size=6),
)


@given(st.lists(_CELLS, max_size=40), st.booleans())
@example([1, 1.0, True, None, "1"], True)
def test_a_column_of_scores_reads_as_its_cells_one_by_one(values, with_codes):
    scale, codes = Scale(1, 5), ({99.0: "dont_know"} if with_codes else None)
    scores, other = parse_scores(values, scale, codes, {"да": 5.0})
    assert len(scores) == len(values)
    for i, raw in enumerate(values):
        one = parse_score(raw, scale, codes, {"да": 5.0})
        if isinstance(one, float):
            assert scores[i] == one and i not in other
        else:
            assert math.isnan(scores[i]) and other[i] == one
