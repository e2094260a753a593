from safehouse_portal.domain.enums import Rating
from safehouse_portal.domain.evidence import (
    Evidence, EvidenceSource as Src, Judgement, Robustness, changed_fields, corroborating_sources, has_conflict,
    sufficiency_problems, unresolved_conflict,
)


def item(source: Src, supports: bool = True, robustness: Robustness = Robustness.STRONG) -> Evidence:
    return Evidence(source, robustness, supports)


def test_two_staff_interviews_are_one_independent_source():
    assert corroborating_sources([item(Src.STAFF_INTERVIEW), item(Src.STAFF_INTERVIEW)]) == 1


def test_contradicting_evidence_does_not_corroborate_the_finding():
    assert corroborating_sources([item(Src.STAFF_INTERVIEW), item(Src.CASE_RECORD, supports=False)]) == 1


def test_evidence_pointing_both_ways_is_a_conflict_until_a_resolution_is_written():
    items = [item(Src.DOCUMENT), item(Src.SURVIVOR_CONVERSATION, supports=False)]
    assert has_conflict(items)
    assert unresolved_conflict(items, "   ")
    assert not unresolved_conflict(items, "Relied on the case records.")
    assert not has_conflict([item(Src.DOCUMENT, supports=False)])


def test_a_kloe_with_no_rating_findings_or_evidence_lists_each_missing_thing():
    problems = sufficiency_problems([], Judgement(rating=None))
    assert problems == ["Choose a rating.", "Write the findings that support the rating.",
                        "Record at least one piece of evidence."]


def test_meeting_requirements_on_one_source_is_sufficient():
    assert sufficiency_problems([item(Src.PIR_ANSWER)], Judgement(Rating.MEETING, "Fine.")) == []


def test_a_shortfall_rating_needs_two_independent_sources_or_a_justification():
    one_source = [item(Src.STAFF_INTERVIEW), item(Src.STAFF_INTERVIEW)]
    for rating in (Rating.REQUIRES_IMPROVEMENT, Rating.NOT_MEETING):
        assert any("two independent sources" in p for p in sufficiency_problems(one_source, Judgement(rating, "x")))
        assert sufficiency_problems(one_source, Judgement(rating, "x", justification="Training records show it.")) == []
        two_sources = [*one_source, item(Src.CASE_RECORD)]
        assert sufficiency_problems(two_sources, Judgement(rating, "x")) == []


def test_an_unresolved_conflict_blocks_final_even_with_everything_else_in_place():
    items = [item(Src.DOCUMENT), item(Src.CASE_RECORD), item(Src.SURVIVOR_SURVEY, supports=False)]
    problems = sufficiency_problems(items, Judgement(Rating.REQUIRES_IMPROVEMENT, "x"))
    assert len(problems) == 1 and "conflict" in problems[0]
    assert sufficiency_problems(items, Judgement(Rating.REQUIRES_IMPROVEMENT, "x", conflict_resolution="Done.")) == []


def test_changed_fields_lists_only_what_differs_in_label_order():
    labels = {"rating": "Rating", "findings": "Findings", "good_practice": "Good practice"}
    changes = changed_fields({"rating": "Meeting requirements", "findings": "Old"},
                             {"rating": "Meeting requirements", "findings": "New", "good_practice": "Peer group"},
                             labels)
    assert [(c.label, c.before, c.after) for c in changes] == [("Findings", "Old", "New"),
                                                               ("Good practice", "", "Peer group")]


def test_evidence_and_judgements_share_one_kloe_status():
    from safehouse_portal.domain import evidence, judgements

    assert evidence.KloeStatus is judgements.KloeStatus
    assert evidence.KLOE_STATUS_LABELS is judgements.KLOE_STATUS_LABELS
