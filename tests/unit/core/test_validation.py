"""The validation boundary: text a database cannot keep is refused at its field, whatever the model."""

import pytest
from pydantic import BaseModel, field_validator

from safehouse_portal.domain.text import HIDDEN_CHARACTERS
from safehouse_portal.services.core.errors import InvalidInput
from safehouse_portal.services.core.validation import bounded_text, holds_unkept_text, parse


class _Form(BaseModel):
    name: str
    notes: str = ""
    tags: list[str] = []

    @field_validator("notes", mode="before")
    @classmethod
    def _notes(cls, value: object) -> str:
        return bounded_text(value, most=20, message="Keep the notes short", required=False)


def test_a_form_with_a_nul_in_a_plain_text_field_is_refused_at_that_field():
    with pytest.raises(InvalidInput) as refused:
        parse(_Form, {"name": "Amara\x00Okafor", "notes": "fine"})
    assert refused.value.errors == {"name": HIDDEN_CHARACTERS}


def test_control_characters_inside_lists_and_every_refused_field_are_reported_together():
    with pytest.raises(InvalidInput) as refused:
        parse(_Form, {"name": "Amara\x1b[31m", "tags": ["ok", "bell\x07"], "notes": "x" * 30})
    assert refused.value.errors == {"name": HIDDEN_CHARACTERS, "tags": HIDDEN_CHARACTERS,
                                    "notes": "Keep the notes short"}


def test_tabs_and_line_breaks_in_multi_line_text_pass_through_the_boundary():
    form = parse(_Form, {"name": "Amara", "notes": "one\r\ntwo\tthree\n"})
    assert form.notes == "one\r\ntwo\tthree"


def test_bounded_text_says_why_before_it_checks_the_length():
    with pytest.raises(ValueError, match="hidden control characters"):
        bounded_text("short\x00", most=100, message="Too long")
    with pytest.raises(ValueError, match="Too long"):
        bounded_text("x" * 101, most=100, message="Too long")
    assert bounded_text("  kept \n ", most=100, message="Too long") == "kept"


def test_deeply_nested_forged_values_are_walked_without_exhausting_the_stack():
    value: object = "deep\x00"
    for _ in range(100_000):
        value = [value]
    assert holds_unkept_text(value)
    assert holds_unkept_text({"key\x00": "value"}) and not holds_unkept_text({"key": ["a", {"b": "c"}], "n": 3})


def test_a_missing_or_mistyped_field_is_named_in_plain_words_never_as_pydantics_field_required():
    from pydantic import Field

    class _Titled(BaseModel):
        section_key: str
        count: int = Field(default=0, title="Number of staff")

    with pytest.raises(InvalidInput) as refused:
        parse(_Titled, {"count": "many"})
    assert refused.value.errors == {"section_key": "Enter the section key", "count": "Enter a valid number of staff"}
    assert "Field required" not in str(refused.value.errors)


def test_an_imported_files_problems_are_in_plain_words():
    from safehouse_portal.services.core.validation import file_error_message

    assert file_error_message({"type": "missing", "msg": "Field required"}) == "is missing: add it"
    assert file_error_message({"type": "string_too_long", "ctx": {"max_length": 40}}) == \
        "must be at most 40 characters"
    assert file_error_message({"type": "value_error", "msg": "Value error, a text question needs a word_limit"}) \
        == "a text question needs a word_limit"
