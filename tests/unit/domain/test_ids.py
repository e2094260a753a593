"""The one id parser: what a URL, a form or a forged argument may name."""

import pytest

from safehouse_portal.domain.ids import MAX_ID, parse_id


@pytest.mark.parametrize("value, expected", [
    (1, 1), (MAX_ID, MAX_ID), ("42", 42), ("0007", 7), (str(MAX_ID), MAX_ID),
])
def test_a_positive_32_bit_id_is_read_from_an_int_or_its_digits(value, expected):
    assert parse_id(value) == expected


@pytest.mark.parametrize("value", [
    0, -1, MAX_ID + 1, True, False, 1.0, None, "", "0", "-1", " 7", "7 ", "1e3", "٣", "12345678901",
    str(MAX_ID + 1), ["1"], {"id": 1},
])
def test_anything_else_names_no_record(value):
    assert parse_id(value) is None


def test_a_service_that_wants_a_typed_id_refuses_its_digits():
    assert parse_id("42", text=False) is None
    assert parse_id(42, text=False) == 42
