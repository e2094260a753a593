"""Revisit priorities and coverage: weights, reasons in words, order, and the annual rule."""

from datetime import date

from safehouse_portal.domain.priorities import (
    WEIGHTS, Priority, RankedGroup, ReasonKind, RevisitEvidence, annual_due, not_inspected_within_a_year, rank,
    revisit_priority, time_since,
)

TODAY = date(2026, 11, 23)


def test_a_group_with_nothing_against_it_scores_nothing():
    assert revisit_priority(RevisitEvidence()) == Priority(0, ())


def test_every_point_comes_with_a_reason_in_plain_words_highest_first():
    priority = revisit_priority(RevisitEvidence(
        kloes_not_meeting=("S2", "S4"), key_questions_requiring_improvement=("Well-led",),
        open_recommendations=2, serious_concern=True, early_outcome_letter_on=date(2026, 9, 2)))
    assert [r.text for r in priority.reasons] == [
        "A serious concern was raised",
        "An early outcome letter was sent on 2 September 2026",
        "2 KLOEs judged not meeting requirements (S2, S4)",
        "1 key question judged requires improvement (Well-led)",
        "2 open recommendations",
    ]
    assert priority.score == 40 + 30 + 2 * 8 + 6 + 2 * 3
    assert priority.score == sum(r.points for r in priority.reasons)


def test_recommendations_beyond_five_add_no_more_points():
    many = revisit_priority(RevisitEvidence(overdue_recommendations=9))
    assert many.score == 5 * WEIGHTS[ReasonKind.OVERDUE_RECOMMENDATIONS]
    assert many.reasons[0].text == "9 overdue recommendations"


def test_the_documented_order_puts_concerns_before_judgements_before_open_recommendations():
    ordered = sorted(WEIGHTS, key=lambda kind: -WEIGHTS[kind])
    assert ordered[:2] == [ReasonKind.SERIOUS_CONCERN, ReasonKind.EARLY_OUTCOME_LETTER]
    assert ordered[-1] is ReasonKind.OPEN_RECOMMENDATIONS


def test_ranking_breaks_ties_by_the_longest_without_an_inspection_then_by_name():
    concern = revisit_priority(RevisitEvidence(serious_concern=True))
    letter = revisit_priority(RevisitEvidence(early_outcome_letter_on=date(2026, 1, 5)))
    groups = [
        RankedGroup("Birch", concern, date(2026, 5, 1)),
        RankedGroup("Alder", concern, date(2026, 5, 1)),
        RankedGroup("Cedar", concern, None),
        RankedGroup("Oak", letter, date(2024, 1, 1)),
        RankedGroup("Quiet", revisit_priority(RevisitEvidence()), None),
    ]
    assert [g.name for g in rank(groups)] == ["Cedar", "Alder", "Birch", "Oak"]


def test_a_service_is_due_again_twelve_months_after_its_last_inspection_ended():
    assert annual_due(date(2025, 11, 30)) == date(2026, 11, 30)
    assert annual_due(None) is None
    assert not_inspected_within_a_year(None, TODAY)
    assert not_inspected_within_a_year(date(2025, 11, 22), TODAY)
    assert not not_inspected_within_a_year(date(2025, 11, 23), TODAY)


def test_how_long_since_an_inspection_reads_in_years_and_months():
    assert time_since(None, TODAY) == "Never inspected"
    assert time_since(date(2025, 9, 24), TODAY) == "1 year and 1 month"
    assert time_since(date(2024, 11, 23), TODAY) == "2 years"
    assert time_since(date(2026, 11, 1), TODAY) == "0 months"


def test_an_open_concern_adds_twenty_points_and_says_how_serious_and_when_it_was_received():
    from safehouse_portal.domain.priorities import OpenConcern

    priority = revisit_priority(RevisitEvidence(open_concerns=(
        OpenConcern("Medium", date(2026, 10, 1)), OpenConcern("High", date(2026, 11, 2)))))
    assert priority.score == 2 * WEIGHTS[ReasonKind.OPEN_CONCERNS] == 40
    assert [r.text for r in priority.reasons] == [
        "2 open concerns (high, received 2 November 2026; medium, received 1 October 2026)"]


def test_concerns_beyond_three_add_no_more_points_and_one_outranks_a_key_question_not_meeting():
    from safehouse_portal.domain.priorities import OpenConcern

    many = revisit_priority(RevisitEvidence(open_concerns=tuple(OpenConcern("Low", TODAY) for _ in range(5))))
    assert many.score == 3 * WEIGHTS[ReasonKind.OPEN_CONCERNS]
    one = RankedGroup("With a concern", revisit_priority(RevisitEvidence(
        open_concerns=(OpenConcern("Low", TODAY),))), date(2026, 1, 1))
    judged = RankedGroup("Judged", revisit_priority(RevisitEvidence(key_questions_not_meeting=("Safe",))), None)
    assert [g.name for g in rank([judged, one])] == ["With a concern", "Judged"]
