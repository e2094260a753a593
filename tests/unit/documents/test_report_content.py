"""The report's content from rows: judgements by the documented rule, sections, snapshots."""

import json
from dataclasses import replace

from safehouse_portal.domain.enums import Rating
from safehouse_portal.documents.report_content import build_report, judgements_of
from tests.support.sample_report import sample_rows
from safehouse_portal.documents.snapshot import from_snapshot, to_snapshot


def _rows(ratings: dict[str, Rating | None], overrides=()):
    rows = sample_rows(recommendations=0)
    kloes = [replace(k, rating=ratings.get(k.code, Rating.MEETING)) for k in rows.kloes]
    return replace(rows, kloes=kloes, overrides=list(overrides))


def test_any_kloe_not_meeting_makes_the_key_question_not_meeting():
    content = build_report(_rows({"S1": Rating.NOT_MEETING, "S2": Rating.REQUIRES_IMPROVEMENT}), final=True)
    assert judgements_of(content)["kq-safe"] is Rating.NOT_MEETING


def test_requires_improvement_wins_over_meeting_and_all_meeting_is_meeting():
    content = build_report(_rows({"E3": Rating.REQUIRES_IMPROVEMENT}), final=True)
    assert judgements_of(content)["kq-effective"] is Rating.REQUIRES_IMPROVEMENT
    assert judgements_of(content)["kq-responsive"] is Rating.MEETING


def test_an_override_with_its_reason_wins_and_is_shown():
    from safehouse_portal.documents.report_content import OverrideRow

    content = build_report(_rows({"C2": Rating.NOT_MEETING}, [OverrideRow("caring", Rating.REQUIRES_IMPROVEMENT,
                                                                            "Isolated and put right.")]), final=True)
    caring = next(kq for kq in content.key_questions if kq.key_question == "caring")
    assert caring.rating is Rating.REQUIRES_IMPROVEMENT and caring.override_reason == "Isolated and put right."
    section = next(s for s in content.sections if s.key == "kq-caring")
    assert "Reason for the judgement: Isolated and put right." in section.text


def test_the_sections_for_comment_leave_out_recommendations_and_clauses():
    keys = [s.key for s in build_report(sample_rows(recommendations=5), final=False).sections]
    assert keys[:3] == ["cover", "summary", "kq-safe"] and "kloe-W5" in keys
    assert not any(k.startswith(("recommendation", "clause")) for k in keys)


def test_a_snapshot_through_json_gives_back_the_same_report():
    content = build_report(sample_rows(recommendations=4), final=True)
    assert from_snapshot(json.loads(json.dumps(to_snapshot(content)))) == content


def test_survivors_quotes_stay_with_their_kloe_through_the_sections_and_a_snapshot_and_old_snapshots_still_read():
    rows = sample_rows(recommendations=0)
    kloes = [replace(k, survivor_quotes=("Staff listened to me", " ")) if k.code == "S1" else k for k in rows.kloes]
    content = build_report(replace(rows, kloes=kloes), final=False)
    s1 = next(k for kq in content.key_questions for k in kq.kloes if k.code == "S1")
    assert s1.survivor_quotes == ("Staff listened to me",)
    section = next(s for s in content.sections if s.key == "kloe-S1")
    assert 'What survivors told us: "Staff listened to me"' in section.text
    assert not any("What survivors told us" in s.text for s in content.sections if s.key != "kloe-S1")
    kept = json.loads(json.dumps(to_snapshot(content)))
    assert from_snapshot(kept) == content
    for kq in kept["content"]["key_questions"]:
        for kloe in kq["kloes"]:
            del kloe["survivor_quotes"]
    assert next(k for kq in from_snapshot(kept).key_questions for k in kq.kloes if k.code == "S1").survivor_quotes == ()
