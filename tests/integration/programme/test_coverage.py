"""Coverage: services not inspected within a year, annual inspections falling due, revisit priorities."""

from datetime import date

import pytest

from safehouse_portal.db import FrameworkKeyQuestion, Kloe, KloeAssessment, Recommendation
from safehouse_portal.domain.enums import Rating, Stage, Theme, Timescale
from safehouse_portal.services.programme import coverage
from safehouse_portal.services.core.errors import PermissionDenied
from tests.integration.worlds import factories as f
from tests.integration.worlds.board_world import add_group

TODAY = date(2026, 11, 23)


def view(session, board_world):
    return coverage.coverage_view(session=session, actor=f.actor(board_world["manager"]), today=TODAY)


def test_never_inspected_and_long_ago_inspected_locations_are_listed_with_how_long(session, board_world):
    add_group(session, board_world["north"], "Elm services", stage=Stage.CLOSED, start=date(2025, 6, 2),
              started_on=date(2025, 6, 2), ended_on=date(2025, 6, 3))
    rows = {row.name: row for row in view(session, board_world).uncovered}
    assert rows["Alder services house"].how_long == "Never inspected"
    assert (rows["Elm services house"].last_inspected, rows["Elm services house"].how_long) == (
        "3 June 2025", "1 year and 5 months")
    assert "Birch services house" not in rows


def test_groups_whose_annual_inspection_falls_due_within_eight_weeks(session, board_world):
    add_group(session, board_world["south"], "Fir services", stage=Stage.CLOSED, start=date(2025, 12, 15),
              started_on=date(2025, 12, 15), ended_on=date(2025, 12, 16))
    add_group(session, board_world["south"], "Gorse services", stage=Stage.CLOSED, start=date(2026, 3, 2),
              started_on=date(2026, 3, 2), ended_on=date(2026, 3, 3))
    due = view(session, board_world).due_soon
    assert [(d.group_name, d.due, d.planned) for d in due] == [("Fir services", "16 December 2026",
                                                                "Not yet allocated")]


def test_the_revisit_list_scores_judgements_recommendations_and_concerns_and_says_why(session, board_world):
    done = add_group(session, board_world["north"], "Hazel services", stage=Stage.RECOMMENDATIONS_OPEN,
                     start=date(2026, 6, 1), started_on=date(2026, 6, 1), ended_on=date(2026, 6, 2),
                     final_issued_on=date(2026, 7, 1), serious_concern=True,
                     early_outcome_letter_on=date(2026, 6, 5))
    question = FrameworkKeyQuestion(version_id=done.framework_version_id, key="safe", title="Safe", position=1)
    session.add(question)
    session.commit()
    kloe = Kloe(version_id=done.framework_version_id, key_question_id=question.id, code="S2", title="Risk",
                question="?", position=1)
    session.add(kloe)
    session.commit()
    session.add(KloeAssessment(inspection_id=done.id, kloe_id=kloe.id, rating=Rating.NOT_MEETING))
    for timescale in (Timescale.WITHIN_21_DAYS, Timescale.WITHIN_6_MONTHS):
        session.add(Recommendation(inspection_id=done.id, key_question="safe", text="Do it", theme=Theme.TRAINING,
                                   timescale=timescale))
    session.commit()
    (top, *_rest) = view(session, board_world).priorities
    assert top.group_name == "Hazel services"
    assert top.reasons == ["A serious concern was raised", "An early outcome letter was sent on 5 June 2026",
                           "1 overdue recommendation", "1 key question judged not meeting requirements (Safe)",
                           "1 KLOE judged not meeting requirements (S2)", "1 open recommendation"]
    assert top.score == 40 + 30 + 15 + 12 + 8 + 3


@pytest.mark.parametrize("who", ["inspector", "lead", "stakeholder"])
def test_coverage_is_for_managers_and_admins(session, board_world, who):
    with pytest.raises(PermissionDenied):
        coverage.coverage_view(session=session, actor=f.actor(board_world[who]), today=TODAY)
