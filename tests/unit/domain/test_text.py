"""Which characters text may keep: everything typed, nothing a database refuses."""

import pytest

from safehouse_portal.domain.text import HIDDEN_CHARACTERS, has_unkept_characters, text_problem


@pytest.mark.parametrize("text", ["", "Plain words", "Łucja's household: ‘quoted’ – ✓ 🙂",
                                  "Line one\nline two\r\nand\ta tab", "Ends with newline\n"])
def test_text_a_person_types_is_kept_with_its_tabs_and_line_breaks(text):
    assert not has_unkept_characters(text)
    assert text_problem(text, most=100) is None


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f",
                                  "\ud800", "\udfff"])
def test_nul_other_control_characters_and_lone_surrogates_cannot_be_kept(char):
    text = f"Before{char}after"
    assert has_unkept_characters(text)
    assert text_problem(text, most=100) == HIDDEN_CHARACTERS


def test_too_long_text_is_refused_with_the_limit_in_words():
    assert text_problem("x" * 30_001, most=30_000) == "Keep this to 30,000 characters or fewer"
    assert text_problem("x" * 30_000, most=30_000) is None
