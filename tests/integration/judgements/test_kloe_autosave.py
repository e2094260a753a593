"""A KLOE's notes and judgement texts save themselves: a save started from older text than is stored is a
conflict shown next to the box (theirs and yours), never saved over a colleague's text."""

import pytest
from sqlmodel import select

from safehouse_portal.db import AuditEvent, KloeAssessment, PromptNote
from safehouse_portal.portals.judgements.kloe_page import KloeState
from safehouse_portal.services.core.errors import InvalidInput
from safehouse_portal.services.judgements import kloe, kloe_edit, kloe_text
from safehouse_portal.services.judgements.kloe_edit import MAX_TEXT
from tests.integration.worlds import factories as f
from tests.integration.worlds.forged import call


def _ids(world):
    return {"inspection_id": world["inspection"].id, "kloe_code": "S1"}


def _save(session, world, box, value, version, who="lead"):
    return kloe_text.save_text(session=session, actor=f.actor(world[who]), box=box, value=value,
                               expected_version=version, **_ids(world))


def _page(session, world, who="lead"):
    return kloe.kloe_page(session=session, actor=f.actor(world[who]), **_ids(world))


def test_each_box_starts_at_version_nought_and_rises_with_each_change_of_its_own_text(session, kloe_world):
    versions = _page(session, kloe_world).text_versions
    assert versions["findings"] == 0 and versions["note-S1-1"] == 0
    assert _save(session, kloe_world, "findings", "Referrals are prompt.", 0).version == 1
    assert _save(session, kloe_world, "findings", "Referrals are prompt.", 1).version == 1, "unchanged text"
    _save(session, kloe_world, "good_practice", "Weekly huddles.", 0)
    view = _page(session, kloe_world)
    assert view.findings == "Referrals are prompt." and view.good_practice == "Weekly huddles."
    assert view.text_versions["findings"] == 1 and view.text_versions["good_practice"] == 1


def test_the_page_read_again_in_the_same_unit_of_work_after_a_text_save_shows_the_saved_text(session, kloe_world):
    first = _save(session, kloe_world, "findings", "Referrals are prompt.", 0)
    session.commit()
    held = session.exec(select(KloeAssessment).where(KloeAssessment.inspection_id == kloe_world["inspection"].id)).one()
    assert _page(session, kloe_world).findings == "Referrals are prompt."  # read from the row the session holds
    second = _save(session, kloe_world, "findings", "Referrals are prompt and recorded.", 1)
    view = _page(session, kloe_world)
    assert view.findings == "Referrals are prompt and recorded." and view.text_versions["findings"] == 2
    assert (held.findings, held.version) == ("Referrals are prompt and recorded.", second.kloe_version)
    assert second.kloe_version_before == first.kloe_version and second.kloe_version == first.kloe_version + 1


def test_a_saved_text_is_recorded_in_the_providers_and_the_inspections_trail(session, kloe_world):
    saved = _save(session, kloe_world, "findings", "Referrals are prompt.", 0)
    newest = session.exec(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert (newest.action, newest.entity_type) == ("kloe.text_saved", "kloe_assessment")
    assert (newest.provider_id, newest.inspection_id) == (kloe_world["north"].id, kloe_world["inspection"].id)
    assert newest.after == {"box": "findings", "text": "Referrals are prompt.", "version": saved.version}


def test_a_save_from_older_text_is_refused_with_theirs_and_the_stored_text_stays(session, kloe_world):
    _save(session, kloe_world, "findings", "The member's findings.", 0, who="member")
    session.commit()
    with pytest.raises(kloe_text.TextConflict) as conflict:
        _save(session, kloe_world, "findings", "The lead's findings, typed offline.", 0)
    session.rollback()
    assert conflict.value.theirs == "The member's findings." and conflict.value.version == 1
    assert conflict.value.by == kloe_world["member"].name and conflict.value.label == "Findings"
    assert _page(session, kloe_world).findings == "The member's findings."


def test_a_save_whose_answer_was_lost_is_not_a_conflict_with_the_same_persons_next_save(session, kloe_world):
    # The server stored "first" (version 1) but stopped before the page heard: the box still sends 0.
    _save(session, kloe_world, "findings", "First words.", 0)
    session.commit()
    saved = _save(session, kloe_world, "findings", "First words, then more typed offline.", 0)
    assert saved.version == 2
    assert _page(session, kloe_world).findings == "First words, then more typed offline."


def test_own_save_after_a_colleagues_change_to_the_same_box_is_still_a_conflict(session, kloe_world):
    _save(session, kloe_world, "findings", "The lead's words.", 0)
    _save(session, kloe_world, "findings", "The member's words.", 1, who="member")
    session.commit()
    with pytest.raises(kloe_text.TextConflict) as conflict:
        _save(session, kloe_world, "findings", "The lead's words, typed offline.", 1)
    session.rollback()
    assert conflict.value.theirs == "The member's words."
    # and a lead's save that is the newest may not carry a box over the member's change before it
    with pytest.raises(kloe_text.TextConflict):
        _save(session, kloe_world, "findings", "The lead's words, from the first draw.", 0)


def test_a_colleagues_change_to_another_box_does_not_refuse_this_one(session, kloe_world):
    _save(session, kloe_world, "good_practice", "The member's good practice.", 0, who="member")
    saved = _save(session, kloe_world, "findings", "The lead's findings.", 0)
    assert saved.version == 1
    view = _page(session, kloe_world)
    assert view.findings == "The lead's findings." and view.good_practice == "The member's good practice."


def test_a_note_typed_for_a_prompt_chooses_it_and_keeps_the_note(session, kloe_world):
    saved = _save(session, kloe_world, "note-S1-1", "Asked night staff.", 0)
    assert saved.prompt_used and saved.seen_value == "Used. Asked night staff."
    prompt = next(p for p in _page(session, kloe_world).prompts if p.slug == "S1-1")
    assert prompt.used and prompt.note == "Asked night staff."
    assert len(session.exec(select(PromptNote)).all()) == 1


def test_a_whole_form_save_moves_on_the_versions_of_the_texts_it_changed(session, kloe_world):
    _save(session, kloe_world, "findings", "First.", 0)
    row = session.exec(select(KloeAssessment)).one()
    kloe_edit.save_judgement(session=session, actor=f.actor(kloe_world["member"]), base_version=row.version,
                             seen={}, data={"rating": "meeting", "findings": "Second.", "good_practice": ""},
                             **_ids(kloe_world))
    versions = _page(session, kloe_world).text_versions
    assert versions["findings"] == 2 and versions["good_practice"] == 0
    with pytest.raises(kloe_text.TextConflict):
        _save(session, kloe_world, "findings", "Typed against the first.", 1)


@pytest.mark.parametrize("box, value, message", [
    ("findings", "x" * (MAX_TEXT + 1), "Keep this to 10,000 characters or fewer"),
    ("status", "final", "Unknown box"),
])
def test_bad_text_or_an_unknown_box_is_refused_and_nothing_is_kept(session, kloe_world, box, value, message):
    with pytest.raises(InvalidInput) as refused:
        _save(session, kloe_world, box, value, 0)
    assert message in refused.value.errors.values()
    session.rollback()
    assert session.exec(select(KloeAssessment)).first() is None


def _path(world):
    return f"/inspections/{world['inspection'].id}/kloes/S1"


def test_the_page_shows_a_stale_save_as_a_conflict_next_to_its_box_and_draws_theirs(browser_as, session, kloe_world):
    lead = browser_as(kloe_world["lead"], KloeState, _path(kloe_world))
    call(lead, "load")
    drawn = lead.generation
    _save(session, kloe_world, "findings", "The member's findings.", 0, who="member")
    session.commit()
    call(lead, "save_text", "findings", "The lead's findings.", 0, drawn)
    assert "saved \u201cThe member's findings.\u201d" in lead.text_conflicts["findings"]
    assert "Yours was: \u201cThe lead's findings.\u201d" in lead.text_conflicts["findings"]
    assert lead.view.findings == "The member's findings." and lead.generation != drawn
    session.expire_all()
    assert session.exec(select(KloeAssessment)).one().findings == "The member's findings."
    call(lead, "save_text", "findings", "The lead merged both.", lead.view.text_versions["findings"], lead.generation)
    assert lead.text_conflicts == {} and lead.view.findings == "The lead merged both."


def test_after_an_autosave_the_whole_form_save_is_not_taken_for_a_colleagues_change(browser_as, kloe_world):
    lead = browser_as(kloe_world["lead"], KloeState, _path(kloe_world))
    call(lead, "load")
    call(lead, "save_text", "findings", "Autosaved.", 0, lead.generation)
    call(lead, "save_text", "good_practice", "Also autosaved.", 0, lead.generation)
    assert lead.text_conflicts == {}, "the second box's save is not refused by the first box's"
    call(lead, "save_judgement", {"rating": "meeting", "findings": "Autosaved.", "good_practice": "Also autosaved."})
    assert lead.conflict_changes == [] and lead.notice == "Judgement saved."


@pytest.mark.parametrize("who", ["outsider", "manager", "north_lead", None])
def test_people_who_may_not_edit_save_no_text(browser_as, session, kloe_world, who):
    state = browser_as(kloe_world[who] if who else None, KloeState, _path(kloe_world))
    call(state, "load")
    for args in [("findings", "Forged.", 0, 0), ("note-S1-1", "Forged.", None, None), (5, ["x"], "a", {})]:
        call(state, "save_text", *args)
    session.expire_all()
    assert session.exec(select(KloeAssessment)).first() is None


def test_leaving_an_empty_box_of_a_kloe_nobody_started_saves_and_records_nothing(session, kloe_world):
    heads = session.exec(select(AuditEvent.id)).all()
    saved = _save(session, kloe_world, "findings", "", 0)
    _save(session, kloe_world, "note-S1-1", "", 0)
    session.commit()
    assert saved.version == 0 and saved.kloe_version == 0
    assert session.exec(select(KloeAssessment)).first() is None
    assert _page(session, kloe_world).status_label == "Not started"
    assert session.exec(select(AuditEvent.id)).all() == heads
