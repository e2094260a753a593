"""What makes an autosave stale, and how a refused one is told."""

from safehouse_portal.domain.autosave import (
    client_version, conflict_text, expected_version, quoted, refused_as_conflict,
)


def test_a_save_is_expected_to_find_the_version_its_box_was_drawn_with():
    assert expected_version(3, known=5) == 3


def test_a_save_without_a_version_expects_what_the_page_knows():
    assert expected_version(None, known=5) == 5


def test_a_save_typed_before_this_pages_own_last_save_came_back_expects_that_save():
    assert expected_version(3, known=3, mine=4) == 4
    assert expected_version(6, known=3, mine=4) == 6


def test_only_whole_numbers_a_browser_may_send_are_versions():
    assert [client_version(v) for v in (0, 7, -1, True, "3", 2**31, None, 1.0)] == [0, 7] + [None] * 6


def test_a_conflict_names_the_box_them_their_text_and_quotes_yours():
    text = conflict_text("Findings", "Ana Lee", "10:02 on 6 December 2026", "Theirs.", "Mine.")
    assert text.startswith("Findings: Ana Lee saved \u201cTheirs.\u201d at 10:02 on 6 December 2026")
    assert "Yours was: \u201cMine.\u201d" in text


def test_blank_text_and_rows_are_quoted_in_words():
    assert quoted("") == "(blank)"
    assert quoted([{"a": "1", "b": ""}, {"a": "2", "b": "x"}]) == "1; 2, x"


def test_a_newer_value_is_refused_unless_the_same_person_saved_it_last():
    assert not refused_as_conflict(3, 3, stored_by=7, person=8)
    assert refused_as_conflict(4, 3, stored_by=8, person=7), "someone else's newer value"
    assert not refused_as_conflict(4, 3, stored_by=7, person=7), "their own save whose answer was lost"
    assert refused_as_conflict(4, 3, stored_by=None, person=7), "saved by nobody known"
    assert refused_as_conflict(2, 3, stored_by=7, person=7), "a version from the future is never taken"
