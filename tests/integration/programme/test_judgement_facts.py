"""What the judgement builder tells the stage gates."""

from datetime import date

from sqlmodel import select

from safehouse_portal.db import Recommendation
from safehouse_portal.domain.enums import Rating, Stage, Theme, Timescale
from safehouse_portal.services.programme import schedule, stage_facts
from safehouse_portal.services.programme.judgement_facts import judgement_facts
from tests.integration.worlds import factories as f
from tests.integration.worlds.workspace_world import rate


def _recommend(session, inspection, status="open"):
    session.add(Recommendation(inspection_id=inspection.id, kloe_codes=["S1"], key_question="safe", text="Do it",
                               theme=Theme.TRAINING, timescale=Timescale.WITHIN_3_MONTHS, status=status))
    session.commit()


def test_only_final_kloes_in_scope_count_as_final(session, world):
    inspection = world["inspection"]
    rate(session, inspection, "S1", Rating.MEETING)
    rate(session, inspection, "S2", Rating.MEETING, status="in_progress")
    rate(session, inspection, "C1", Rating.MEETING)
    assert judgement_facts(session, inspection)["in_scope_kloes_final"] == 1


def test_recommendations_not_met_are_open(session, world):
    inspection = world["inspection"]
    _recommend(session, inspection)
    _recommend(session, inspection, status="met")
    _recommend(session, inspection, status="evidence_submitted")
    _recommend(session, world["other"])
    facts = judgement_facts(session, inspection)
    assert (facts["recommendations_total"], facts["open_recommendations"]) == (3, 2)


def test_the_move_to_quality_assurance_waits_for_every_kloe_in_scope(session, world):
    inspection = world["inspection"]
    inspection.stage = Stage.DRAFTING
    session.add(inspection)
    session.commit()
    facts = stage_facts.facts_for(session, inspection, date(2026, 11, 23))
    assert facts.in_scope_kloes_total == 11 and facts.in_scope_kloes_final == 0
    for code in ("S1", "S2", "S3", "S4", "S5", "S6", "W1", "W2", "W3", "W4", "W5"):
        rate(session, inspection, code, Rating.MEETING)
    facts = stage_facts.facts_for(session, inspection, date(2026, 11, 23))
    assert facts.in_scope_kloes_final == 11
    result = schedule.move_stage(session=session, actor=f.actor(world["lead"]), inspection_id=inspection.id,
                                 target="quality_assurance", reason=None, today=date(2026, 11, 23))
    assert result.allowed, result.reasons
    assert session.exec(select(Recommendation)).all() == []
