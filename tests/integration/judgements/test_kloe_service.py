"""One KLOE through its services: evidence, judgement, sufficiency, versions, PIR answers."""

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from safehouse_portal.db import AuditEvent, KloeAssessment
from safehouse_portal.services.judgements import kloe
from safehouse_portal.services.judgements import kloe_edit
from safehouse_portal.services.judgements import kloe_pir
from safehouse_portal.services.core.errors import InvalidInput, NotFound, PermissionDenied
from safehouse_portal.services.judgements.kloe_edit import EditConflict
from tests.integration.worlds import factories as f
from tests.integration.worlds.kloe_world import TODAY, answer

EVIDENCE = {"source": "staff_interview", "summary": "Night staff described the safeguarding referral route.",
            "relates_to": "2026-12-07", "robustness": "strong", "supports": "supports"}


def _ids(world):
    return {"inspection_id": world["inspection"].id, "kloe_code": "S1"}


def _page(session, world, who="lead"):
    return kloe.kloe_page(session=session, actor=f.actor(world[who]), **_ids(world))


def _add(session, world, who="lead", **changes):
    return kloe_edit.add_evidence(session=session, actor=f.actor(world[who]), data={**EVIDENCE, **changes},
                                  today=TODAY, **_ids(world))


def _judge(session, world, version, who="lead", seen=None, **data):
    return kloe_edit.save_judgement(session=session, actor=f.actor(world[who]), data=data, base_version=version,
                                    seen=seen or {}, **_ids(world))


def test_a_new_kloe_shows_its_question_prompts_and_clauses_and_is_not_started(session, kloe_world):
    view = _page(session, kloe_world)
    assert view.code == "S1" and view.question and view.key_question == "Safe"
    assert view.status_label == "Not started" and view.rating_label == "Not rated yet"
    assert len(view.prompts) >= 3 and not any(p.used for p in view.prompts)
    assert view.clauses and all(c.illustrative for c in view.clauses)
    assert view.may_edit


def test_two_items_from_different_sources_corroborate_twice_but_two_interviews_count_once(session, kloe_world):
    _add(session, kloe_world)
    _add(session, kloe_world)
    assert _page(session, kloe_world).corroboration == 1
    _add(session, kloe_world, source="case_record")
    view = _page(session, kloe_world)
    assert view.corroboration == 2
    assert [e.source for e in view.evidence] == ["Staff interview", "Staff interview", "Case record"]
    assert view.status_label == "In progress"


def test_requires_improvement_on_one_source_needs_a_justification_before_it_is_final(session, kloe_world):
    _add(session, kloe_world)
    version = _page(session, kloe_world).version
    version = _judge(session, kloe_world, version, rating="requires_improvement", findings="Training gaps.")
    result = kloe_edit.make_final(session=session, actor=f.actor(kloe_world["lead"]), base_version=version, seen={},
                                  **_ids(kloe_world))
    assert not result.allowed
    assert any("two independent sources" in reason for reason in result.reasons)
    version = _judge(session, kloe_world, version, rating="requires_improvement", findings="Training gaps.",
                     justification="The training matrix itself shows the gap.")
    result = kloe_edit.make_final(session=session, actor=f.actor(kloe_world["lead"]), base_version=version, seen={},
                                  **_ids(kloe_world))
    assert result.allowed
    view = _page(session, kloe_world)
    assert view.status_label == "Final" and not view.may_edit
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "kloe.made_final")).first() is not None


def test_a_conflict_blocks_final_until_its_resolution_is_written(session, kloe_world):
    _add(session, kloe_world)
    _add(session, kloe_world, source="survivor_conversation", supports="contradicts")
    view = _page(session, kloe_world)
    assert view.conflict
    version = _judge(session, kloe_world, view.version, rating="meeting", findings="Safeguarding is understood.")
    refused = kloe_edit.make_final(session=session, actor=f.actor(kloe_world["lead"]), base_version=version,
                                   seen={}, **_ids(kloe_world))
    assert [r for r in refused.reasons if "conflict" in r]
    version = _judge(session, kloe_world, version, rating="meeting", findings="Safeguarding is understood.",
                     conflict_resolution="The survivor's account predates the new policy; records confirm it.")
    assert not _page(session, kloe_world).conflict
    assert kloe_edit.make_final(session=session, actor=f.actor(kloe_world["lead"]), base_version=version, seen={},
                                **_ids(kloe_world)).allowed


def test_nothing_can_be_added_to_a_final_kloe_until_it_is_reopened(session, kloe_world):
    _add(session, kloe_world)
    version = _judge(session, kloe_world, 0, rating="meeting", findings="Good.")
    kloe_edit.make_final(session=session, actor=f.actor(kloe_world["lead"]), base_version=version, seen={},
                         **_ids(kloe_world))
    version = _page(session, kloe_world).version
    with pytest.raises(InvalidInput, match="final"):
        _add(session, kloe_world)
    with pytest.raises(InvalidInput, match="final"):
        _judge(session, kloe_world, version, rating="not_meeting")
    kloe_edit.reopen(session=session, actor=f.actor(kloe_world["member"]), base_version=version, seen={},
                     **_ids(kloe_world))
    assert _page(session, kloe_world).status_label == "In progress"


def test_a_second_inspector_saving_over_changes_they_did_not_see_is_told_what_changed(session, kloe_world):
    first = _page(session, kloe_world, "lead")
    second_seen = kloe.snapshot(session, None)
    _judge(session, kloe_world, first.version, "lead", rating="meeting", findings="Lead's findings.")
    with pytest.raises(EditConflict) as refused:
        _judge(session, kloe_world, first.version, "member", seen=second_seen, rating="not_meeting",
               findings="Member's findings.")
    changes = {c.label: (c.before, c.after) for c in refused.value.changes}
    assert changes["Rating"] == ("", "Meeting requirements")
    assert changes["Findings"] == ("", "Lead's findings.")
    assert refused.value.saved_by == "Lead.Inspector"
    row = session.exec(select(KloeAssessment)).one()
    assert row.findings == "Lead's findings."


def test_a_save_after_seeing_the_other_inspectors_changes_goes_through(session, kloe_world):
    version = _judge(session, kloe_world, 0, "lead", rating="meeting", findings="Lead's findings.")
    seen = kloe.snapshot(session, session.exec(select(KloeAssessment)).one())
    assert _judge(session, kloe_world, version, "member", seen=seen, rating="meeting",
                  findings="Lead's findings. Member adds: staff confirmed.") == version + 1


def test_evidence_added_by_a_colleague_does_not_block_a_judgement_save(session, kloe_world):
    view = _page(session, kloe_world)
    _add(session, kloe_world, who="member")
    _judge(session, kloe_world, view.version, rating="meeting", findings="Fine.")
    assert _page(session, kloe_world).rating_label == "Meeting requirements"


@pytest.mark.parametrize("field, value, message", [
    ("source", "gossip", "Choose where the evidence came from"),
    ("summary", "  ", "Summarise the evidence"),
    ("robustness", {"x": 1}, "Choose how robust"),
    ("supports", True, "supports or contradicts"),
    ("relates_to", "2099-01-01", "today or earlier"),
    ("relates_to", "31/02/2026", "real date"),
    ("pir_question_code", "no_such_question", "Choose a PIR answer"),
    ("file_id", "12", "Choose a file"),
])
def test_evidence_that_cannot_be_recorded_is_refused_with_a_message_per_field(session, kloe_world, field, value,
                                                                              message):
    with pytest.raises(InvalidInput) as refused:
        _add(session, kloe_world, **{field: value})
    assert message in refused.value.errors[field]


def test_evidence_can_link_to_a_pir_answer_of_the_return(session, kloe_world):
    _add(session, kloe_world, source="pir_answer", pir_question_code="staffing_training")
    assert _page(session, kloe_world).evidence[0].pir_link == "staffing_training"


def test_prompts_chosen_are_kept_with_their_notes(session, kloe_world):
    view = _page(session, kloe_world)
    first, second = view.prompts[0].slug, view.prompts[1].slug
    kloe_edit.save_prompts(session=session, actor=f.actor(kloe_world["lead"]), base_version=view.version, seen={},
                           form={f"use-{first}": "on", f"note-{first}": "Ask night staff.", f"note-{second}": "x"},
                           **_ids(kloe_world))
    prompts = {p.slug: p for p in _page(session, kloe_world).prompts}
    assert prompts[first].used and prompts[first].note == "Ask night staff."
    assert not prompts[second].used


def test_the_pir_answers_tagged_with_the_kloe_follow_the_providers_latest_save(session, kloe_world):
    answer(session, kloe_world["pir"], "staffing_training", "Annual safeguarding training.",
           datetime(2026, 11, 2, 9, 30, tzinfo=UTC))
    answer(session, kloe_world["pir"], "staffing_caseload", "12")
    panel = kloe_pir.pir_panel(session=session, actor=f.actor(kloe_world["member"]), **_ids(kloe_world))
    codes = {a.question_code: a for a in panel.answers}
    assert "staffing_caseload" not in codes
    assert codes["staffing_training"].answer == "Annual safeguarding training."
    assert codes["staffing_training"].changed_at == "2 November 2026 at 09:30"
    assert codes["policy_safeguarding_reviewed"].answer == "Not answered"
    stamp = kloe_pir.pir_last_changed(session=session, actor=f.actor(kloe_world["lead"]),
                                      inspection_id=kloe_world["inspection"].id)
    answer(session, kloe_world["pir"], "staffing_training", "Training now includes children at risk.")
    assert kloe_pir.pir_last_changed(session=session, actor=f.actor(kloe_world["lead"]),
                                     inspection_id=kloe_world["inspection"].id) > stamp


def test_the_inspection_without_a_pir_says_so(session, kloe_world):
    assert not kloe_pir.pir_panel(session=session, actor=f.actor(kloe_world["outsider"]),
                                  inspection_id=kloe_world["other"].id, kloe_code="S1").started


def test_a_programme_manager_reads_but_cannot_change_a_kloe(session, kloe_world):
    assert not _page(session, kloe_world, "manager").may_edit
    with pytest.raises(PermissionDenied):
        _add(session, kloe_world, who="manager")


@pytest.mark.parametrize("who", ["outsider", "admin", "north_lead", "stakeholder"])
def test_only_the_team_and_managers_reach_a_kloe(session, kloe_world, who):
    with pytest.raises(PermissionDenied):
        _page(session, kloe_world, who)
    with pytest.raises(PermissionDenied):
        _add(session, kloe_world, who=who)


@pytest.mark.parametrize("inspection_id, code", [("1", "S1"), (None, "S1"), (True, "S1"), (10**12, "S1"),
                                                 (1, "S99"), (1, {"code": "S1"}), (1, "s1; drop")])
def test_forged_ids_and_codes_are_refused(session, kloe_world, inspection_id, code):
    with pytest.raises((InvalidInput, NotFound, PermissionDenied)):
        kloe.kloe_page(session=session, actor=f.actor(kloe_world["lead"]), inspection_id=inspection_id,
                       kloe_code=code)


def test_a_kloe_outside_the_scope_is_read_only(session, kloe_world):
    view = kloe.kloe_page(session=session, actor=f.actor(kloe_world["lead"]),
                          inspection_id=kloe_world["inspection"].id, kloe_code="C1")
    assert not view.may_edit and "scope" in view.read_only_reason
    with pytest.raises(PermissionDenied):
        kloe_edit.add_evidence(session=session, actor=f.actor(kloe_world["lead"]), data=EVIDENCE, today=TODAY,
                               inspection_id=kloe_world["inspection"].id, kloe_code="C1")
