"""Cell parsing: properties over generated values."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workbooks.project.values import Missing, Scale, parse_number, parse_score


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


@given(st.text(min_size=1).filter(lambda s: parse_number(s) is None))
def test_text_that_is_not_a_number_is_missing_or_an_error_never_a_score(raw):
    result = parse_score(raw, Scale(1, 5))
    assert isinstance(result, Missing) or result == "not_score"
