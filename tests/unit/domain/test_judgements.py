"""The key-question rule, the scope each inspection type sets, and widening it."""

import pytest

from safehouse_portal.domain.enums import InspectionType, KeyQuestion, Rating
from safehouse_portal.domain.judgements import (
    KloeStatus, judgement, kloe_status, out_of_scope, rating_label, scope_for, scope_text, suggest, suggest_rating,
    widen,
)

M, RI, NM = Rating.MEETING, Rating.REQUIRES_IMPROVEMENT, Rating.NOT_MEETING


def test_any_kloe_not_meeting_makes_the_key_question_not_meeting():
    assert suggest_rating([M, RI, NM, M]) is NM


def test_requires_improvement_wins_when_no_kloe_is_not_meeting():
    assert suggest_rating([M, RI, M]) is RI


def test_every_kloe_meeting_makes_the_key_question_meeting():
    assert suggest_rating([M, M]) is M


def test_unrated_kloes_are_left_out_and_nothing_rated_suggests_nothing():
    assert suggest_rating([None, M, None]) is M
    assert suggest_rating([None, None]) is None
    assert suggest_rating([]) is None


def test_a_suggestion_is_complete_only_when_every_kloe_is_final():
    F, P, N = KloeStatus.FINAL, KloeStatus.IN_PROGRESS, KloeStatus.NOT_STARTED
    partial = suggest([(F, M), (P, RI), (N, None)])
    assert (partial.rating, partial.rated, partial.final, partial.total, partial.complete) == (RI, 2, 1, 3, False)
    assert suggest([(F, M), (F, M)]).complete is True
    assert suggest([]).complete is False


def test_the_leads_override_stands_over_the_suggestion():
    assert judgement(NM, RI) is RI
    assert judgement(NM, None) is NM
    assert judgement(None, None) is None


def test_a_stored_status_reads_as_not_started_when_no_assessment_exists():
    assert kloe_status(None) is KloeStatus.NOT_STARTED
    assert kloe_status("final") is KloeStatus.FINAL
    assert kloe_status("in_progress") is KloeStatus.IN_PROGRESS


def test_a_rating_reads_in_words():
    assert rating_label(RI) == "Requires improvement"
    assert rating_label(None) == "Not yet judged"


def test_comprehensive_inspections_cover_all_five_key_questions():
    assert scope_for(InspectionType.COMPREHENSIVE) == list(KeyQuestion)


def test_assurance_inspections_cover_safe_and_well_led():
    assert scope_for(InspectionType.ASSURANCE, ["caring"]) == [KeyQuestion.SAFE, KeyQuestion.WELL_LED]


def test_focused_inspections_cover_those_chosen_in_report_order():
    assert scope_for(InspectionType.FOCUSED, ["well_led", "caring"]) == [KeyQuestion.CARING, KeyQuestion.WELL_LED]
    with pytest.raises(ValueError):
        scope_for(InspectionType.FOCUSED, [])
    with pytest.raises(ValueError):
        scope_for(InspectionType.FOCUSED, ["kindness"])


def test_widening_adds_key_questions_in_report_order():
    assert widen(["safe", "well_led"], ["caring"]) == [KeyQuestion.SAFE, KeyQuestion.CARING, KeyQuestion.WELL_LED]


def test_widening_must_add_something_new():
    with pytest.raises(ValueError, match="not already in scope"):
        widen(["safe"], ["safe"])
    with pytest.raises(ValueError):
        widen(["safe"], [])


def test_the_scope_can_be_widened_to_what_is_not_yet_in_it():
    assert out_of_scope(["safe", "well_led"]) == [KeyQuestion.EFFECTIVE, KeyQuestion.CARING, KeyQuestion.RESPONSIVE]
    assert out_of_scope([kq.value for kq in KeyQuestion]) == []
    assert scope_text(["well_led", "safe"]) == "Well-led, Safe"
