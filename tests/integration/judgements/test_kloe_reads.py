"""The KLOE page reads each thing once per load, and a text saved as typed sends the browser only what changed."""

import json

from sqlmodel import select

from safehouse_portal.db import FrameworkVersion, Kloe
from safehouse_portal.portals.judgements.kloe_page import KloeState
from safehouse_portal.portals.judgements.kloe_panel import KloePanelState
from safehouse_portal.services.core import access_facts
from safehouse_portal.services.framework.versions import import_framework
from safehouse_portal.services.framework.schema import default_document
from safehouse_portal.services.core.actor import CLI_OPERATOR
from safehouse_portal.services.judgements import kloe, kloe_access, kloe_edit, kloe_pir, kloe_text
from tests.integration.worlds import factories as f
from tests.integration.worlds.forged import call
from tests.integration.worlds.kloe_world import TODAY, answer

EVIDENCE = {"source": "case_record", "summary": "Risk assessment reviewed on time.", "relates_to": "",
            "robustness": "strong", "supports": "supports"}


def _ids(world, code="S1"):
    return {"inspection_id": world["inspection"].id, "kloe_code": code}


def _path(world):
    return f"/inspections/{world['inspection'].id}/kloes/S1"


def _sent(state) -> str:
    """What the browser receives for the State's last event (its delta), as sent."""
    return json.dumps(state.get_delta(), default=str)


def test_the_page_and_the_snapshot_it_keeps_agree_with_the_kloe_as_saved(session, kloe_world):
    lead = f.actor(kloe_world["lead"])
    kloe_text.save_text(session=session, actor=lead, box="note-S1-2", value="Asked the night staff.",
                        expected_version=0, **_ids(kloe_world))
    kloe_text.save_text(session=session, actor=lead, box="findings", value="Referrals are prompt.",
                        expected_version=0, **_ids(kloe_world))
    kloe_edit.add_evidence(session=session, actor=lead, data=EVIDENCE, today=TODAY, **_ids(kloe_world))
    view, seen = kloe.kloe_page_with_snapshot(session=session, actor=lead, **_ids(kloe_world))
    assert seen == kloe.saved_snapshot(session=session, actor=lead, **_ids(kloe_world))
    assert seen["prompt:S1.2"] == "Used. Asked the night staff." and seen["findings"] == "Referrals are prompt."
    assert view == kloe.kloe_page(session=session, actor=lead, cross_references=False, **_ids(kloe_world))
    assert [p.code for p in view.prompts if p.used] == ["S1.2"] and view.evidence[0].recorded.startswith(
        kloe_world["lead"].name)


def test_a_page_load_asks_for_the_inspections_access_facts_once(session, kloe_world, monkeypatch):
    asked = []
    real = access_facts.inspection_facts
    monkeypatch.setattr(kloe_access, "inspection_facts", lambda s, i: asked.append(i.id) or real(s, i))
    view, _ = kloe.kloe_page_with_snapshot(session=session, actor=f.actor(kloe_world["member"]), **_ids(kloe_world))
    assert view.may_edit and asked == [kloe_world["inspection"].id]


def test_a_kloe_out_of_scope_or_of_another_version_reads_as_its_own_version_has_it(session, kloe_world):
    lead = f.actor(kloe_world["lead"])
    assert kloe.kloe_page(session=session, actor=lead, **_ids(kloe_world, "W1")).read_only_reason
    document = default_document().model_copy(update={"version": "2027.1"})
    import_framework(session=session, document=document, actor=CLI_OPERATOR, make_current=True)
    session.commit()
    newer = session.exec(select(FrameworkVersion).where(FrameworkVersion.version == "2027.1")).one()
    old_s1 = session.exec(select(Kloe).where(Kloe.code == "S1", Kloe.version_id != newer.id)).one()
    view = kloe.kloe_page(session=session, actor=lead, **_ids(kloe_world))
    assert view.code == "S1" and kloe_world["inspection"].framework_version_id == old_s1.version_id
    assert all(link.inspection_id == kloe_world["inspection"].id for c in view.clauses for link in c.citing)


def test_the_panels_answers_carry_the_stamp_its_poll_compares_with(session, kloe_world):
    answer(session, kloe_world["pir"], "staffing_training", "Annual training.")
    lead = f.actor(kloe_world["lead"])
    panel = kloe.kloe_panel(session=session, actor=lead, **_ids(kloe_world))
    assert panel.pir.stamp and panel.pir.stamp == kloe_pir.pir_last_changed(
        session=session, actor=lead, inspection_id=kloe_world["inspection"].id)


def test_a_text_saved_as_typed_sends_its_version_and_saved_time_not_the_whole_page(browser_as, kloe_world):
    lead = browser_as(kloe_world["lead"], KloeState, _path(kloe_world))
    call(lead, "load")
    assert lead.drawn.title in _sent(lead), "a load sends the page"
    lead._clean()
    call(lead, "save_text", "findings", "Referrals are prompt.", 0, lead.generation)
    sent = _sent(lead)
    assert len(sent) < 1000 and "saved_at" in sent and lead.drawn.title not in sent
    assert lead.saved_versions == {"findings": 1} and lead.view.findings == "Referrals are prompt."


def test_a_note_that_chooses_its_prompt_ticks_it_until_the_page_is_drawn_again(browser_as, kloe_world):
    lead = browser_as(kloe_world["lead"], KloeState, _path(kloe_world))
    call(lead, "load")
    call(lead, "save_text", "note-S1-1", "Asked night staff.", 0, lead.generation)
    assert lead.chosen == ["S1-1"] and next(p for p in lead.view.prompts if p.slug == "S1-1").used
    call(lead, "load")
    assert lead.chosen == [] and next(p for p in lead.drawn.prompts if p.slug == "S1-1").used


def test_a_resolution_saved_as_typed_shows_beside_the_conflicting_evidence(browser_as, session, kloe_world):
    lead = f.actor(kloe_world["lead"])
    for supports in ("supports", "contradicts"):
        kloe_edit.add_evidence(session=session, actor=lead, data={**EVIDENCE, "supports": supports}, today=TODAY,
                               **_ids(kloe_world))
    kloe_text.save_text(session=session, actor=lead, box="conflict_resolution", value="Asked the manager.",
                        expected_version=0, **_ids(kloe_world))
    session.commit()
    page = browser_as(kloe_world["lead"], KloeState, _path(kloe_world))
    call(page, "load")
    assert page.drawn.conflict_resolved and page.resolution == "Asked the manager."
    call(page, "save_text", "conflict_resolution", "Relied on the case records.", 1, page.generation)
    assert page.resolution == "Relied on the case records." and page.text_conflicts == {}


def test_a_reload_of_an_unchanged_kloe_reads_and_sends_little_and_a_colleagues_save_shows_at_once(
        browser_as, session, kloe_world):
    lead = browser_as(kloe_world["lead"], KloeState, _path(kloe_world))
    panel = lead.parent_state.get_substate(KloePanelState.get_full_name().split(".")[2:])
    call(lead, "load")
    lead._clean()
    panel._clean()
    with _counting(kloe) as page_reads:
        call(lead, "load")
        call(panel, "refresh_pir")  # as the panel does when it mounts
    assert page_reads == [], "nothing the page reads changed: it is not read again"
    sent = _sent(lead) + json.dumps(panel.get_delta(), default=repr)
    assert lead.drawn.title not in sent and "clauses" not in sent, "nor sent again"

    kloe_text.save_text(session=session, actor=f.actor(kloe_world["member"]), box="findings",
                        value="The member's findings.", expected_version=0, **_ids(kloe_world))
    answer(session, kloe_world["pir"], "staffing_training", "Annual training, now with refreshers.")
    session.commit()
    call(lead, "load")
    assert lead.drawn.findings == "The member's findings."
    assert "now with refreshers" in json.dumps(panel.pir, default=repr)


def test_opening_a_kloe_page_reads_the_page_and_its_panel_in_one_read_and_sends_the_clauses_once(
        browser_as, session, kloe_world, monkeypatch):
    answer(session, kloe_world["pir"], "staffing_training", "Annual training.")
    session.commit()
    lead = browser_as(kloe_world["lead"], KloeState, _path(kloe_world))
    panel = lead.parent_state.get_substate(KloePanelState.get_full_name().split(".")[2:])
    asked = []
    real = access_facts.inspection_facts
    monkeypatch.setattr(kloe_access, "inspection_facts", lambda s, i: asked.append(i.id) or real(s, i))
    with _counting(kloe) as reads:
        call(lead, "load")
    assert reads == ["kloe_page_and_panel"]
    assert len(asked) == 2, "the access policy is asked by the page's mark and by its one read"
    assert lead.drawn.code == "S1" and lead.drawn.clauses == [] and lead.drawn.pir.answers == []
    alone = kloe.kloe_panel(session=session, actor=f.actor(kloe_world["lead"]), **_ids(kloe_world))
    assert alone.clauses and alone.pir.answers, "the KLOE has clauses and a tagged answer to show"
    assert (panel.clauses, panel.pir) == (alone.clauses, alone.pir), "the panel as its own read gives it"


class _counting:
    """Counts the calls of the KLOE page's full reads (``kloe_page_with_snapshot``, ``kloe_panel`` and the
    two at once, ``kloe_page_and_panel``)."""

    def __init__(self, module) -> None:
        self.module, self.calls = module, []

    def __enter__(self) -> list[str]:
        self.saved = {name: getattr(self.module, name)
                      for name in ("kloe_page_with_snapshot", "kloe_panel", "kloe_page_and_panel")}
        for name, fn in self.saved.items():
            setattr(self.module, name, lambda *a, _n=name, _f=fn, **k: (self.calls.append(_n), _f(*a, **k))[1])
        return self.calls

    def __exit__(self, *_exc) -> None:
        for name, fn in self.saved.items():
            setattr(self.module, name, fn)
