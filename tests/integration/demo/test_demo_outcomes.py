"""The demo's issued reports reproduce the 2021-22 figures exactly, with judgements that agree."""

from collections import Counter
from datetime import date

import pytest
from sqlmodel import select

from safehouse_portal.db import FrameworkKeyQuestion, Inspection, Kloe, KloeAssessment, Recommendation
from safehouse_portal.services.analytics import service as analytics
from safehouse_portal.services.core.actor import CLI_OPERATOR

TODAY = date(2026, 3, 11)
FIGURE_2 = {
    "immediately": {"safehouse": 2, "outreach": 0, "total": 2},
    "within_21_days": {"safehouse": 9, "outreach": 1, "total": 10},
    "within_3_months": {"safehouse": 29, "outreach": 7, "total": 36},
    "within_6_months": {"safehouse": 15, "outreach": 1, "total": 16},
    "total": {"safehouse": 55, "outreach": 9, "total": 64},
}


@pytest.fixture
def demo(session, seeded_demo):
    seeded_demo(TODAY)
    return session


def _counts(session, view: str) -> dict:
    return analytics.counts(session=session, actor=CLI_OPERATOR, view=view, today=TODAY)


def test_the_demo_reproduces_the_2021_22_recommendations_by_timescale_and_service_kind(demo):
    assert _counts(demo, "timescales") == FIGURE_2


def test_caring_is_the_strongest_key_question_and_shortfalls_fall_mostly_under_safe_and_well_led(demo):
    table = _counts(demo, "judgements")
    short = {kq: row["requires_improvement"] + row["not_meeting"] for kq, row in table.items()}
    assert short["caring"] == 1
    assert sorted(short, key=short.get)[-2:] in (["safe", "well_led"], ["well_led", "safe"])
    assert min(short.values()) == short["caring"]


def test_the_recommendations_spread_over_all_six_themes(demo):
    table = _counts(demo, "themes")
    themes = [key for key in table if key != "total"]
    assert len(themes) == 6 and all(table[t]["total"] > 0 for t in themes)


def test_delivery_shows_recommendations_met_on_time_and_late_and_open(demo):
    totals = _counts(demo, "delivery")["total"]
    assert totals["met_on_time"] > totals["met_late"] > 0
    assert totals["open"] + totals["overdue"] > 0


def test_every_recommendation_cites_a_kloe_of_its_key_question_that_is_not_met(demo):
    version_kloes = {(k.version_id, k.code): (k.id, key) for k, key in demo.exec(
        select(Kloe, FrameworkKeyQuestion.key).join(FrameworkKeyQuestion)).all()}
    ratings = {(a.inspection_id, a.kloe_id): a.rating for a in demo.exec(select(KloeAssessment)).all()}
    for rec, inspection in demo.exec(select(Recommendation, Inspection).join(Inspection)).all():
        assert rec.key_question in inspection.key_questions
        kloe_id, key = version_kloes[(inspection.framework_version_id, rec.kloe_codes[0])]
        assert key == rec.key_question
        assert ratings[(inspection.id, kloe_id)] in ("requires_improvement", "not_meeting")


def test_every_issued_report_has_a_final_judgement_for_each_kloe_in_scope(demo):
    issued = demo.exec(select(Inspection).where(Inspection.final_issued_on.is_not(None),
                                                Inspection.stage.in_(["report_issued", "recommendations_open",
                                                                      "closed"]))).all()
    per_inspection = Counter(a.inspection_id for a in demo.exec(select(KloeAssessment)).all())
    kloes_per_kq = Counter(key for key in demo.exec(
        select(FrameworkKeyQuestion.key).join(Kloe, Kloe.key_question_id == FrameworkKeyQuestion.id)).all())
    for inspection in issued:
        assert per_inspection[inspection.id] == sum(kloes_per_kq[kq] for kq in inspection.key_questions)
