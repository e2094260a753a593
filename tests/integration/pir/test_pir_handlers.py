"""The PIR pages' handlers called as a forging browser would: other providers' ids, wrong roles, wrong types.

Every refusal must leave the State without the other provider's data.
"""

import json
from datetime import date

import pytest
from sqlmodel import select

from safehouse_portal.db import Inspection, PirAnswer, PirReturn, StoredFile
from safehouse_portal.domain.enums import Role, Stage
from safehouse_portal.domain.pir import MAX_TEXT_CHARS
from safehouse_portal.portals.shared import live
from safehouse_portal.portals.pir import section as pir_section
from safehouse_portal.portals.pir import task_list as pir_task_list
from safehouse_portal.portals.pir.review import PirReviewState
from safehouse_portal.portals.pir.section import PirSectionState
from safehouse_portal.portals.pir.task_list import PirTaskListState
from safehouse_portal.services.pir import returns as pir
from safehouse_portal.demo.provider import complete_answers
from tests.integration.worlds import factories as f
from tests.integration.worlds.forged import call

SECRET = "Our safehouse at 2 Hidden Road"


class _Upload:
    """What Reflex hands an upload handler: a name and bytes to read."""

    def __init__(self, name: str, content: bytes) -> None:
        self.filename, self._content = name, content

    async def read(self, size: int = -1) -> bytes:
        return self._content[:size] if size >= 0 else self._content


@pytest.fixture
def world(session):
    north, south = f.provider(session, "North Trust"), f.provider(session, "South Trust")
    people = {
        "north_lead": f.user(session, "lead@north.test", Role.PROVIDER_LEAD, north),
        "north_deputy": f.user(session, "deputy@north.test", Role.PROVIDER_LEAD, north),
        "south_lead": f.user(session, "lead@south.test", Role.PROVIDER_LEAD, south),
        "inspector": f.user(session, "insp@cqc.test", Role.INSPECTOR),
        "stakeholder": f.user(session, "ho@homeoffice.test", Role.STAKEHOLDER),
    }
    inspections = {}
    for name, prov in (("north", north), ("south", south)):
        inspection = f.inspection(session, prov, people["inspector"], Stage.ANNOUNCED)
        inspection.announcement_call_on = inspection.announcement_letter_on = date(2026, 11, 18)
        inspection.pir_requested_on = date(2026, 11, 18)
        session.add(inspection)
        session.commit()
        inspections[name] = inspection
    south_id = inspections["south"].id
    pir.save_answer(session=session, actor=f.actor(people["south_lead"]), inspection_id=south_id,
                    question_code="services_description", value=SECRET, expected_version=0, today=date(2026, 11, 23))
    return {"north": north, "south": south, **people, **{f"{k}_inspection": v for k, v in inspections.items()}}


def _south_answer(session, world):
    return session.exec(select(PirAnswer).join(PirReturn, PirReturn.id == PirAnswer.return_id)
                        .where(PirReturn.inspection_id == world["south_inspection"].id)).one()


@pytest.fixture(autouse=True)
def told(monkeypatch):
    """What the PIR pages announced live: ``("pir", inspection_id)`` to KLOE pages, ``("board",)`` to boards.

    Linking shared states needs a running app, so the announcements are recorded here.
    """
    heard = []

    async def pir_changed(state, inspection_id):
        heard.append(("pir", inspection_id))

    async def board():
        heard.append(("board",))

    monkeypatch.setattr(pir_section, "notify_pir_changed", pir_changed)
    monkeypatch.setattr(pir_task_list, "notify_pir_changed", pir_changed)
    monkeypatch.setattr(pir_task_list, "announce_board_changed", board)
    return heard


def _shows_no_secret(state) -> bool:
    return SECRET not in repr(state.dict())


def test_the_task_list_of_another_providers_return_is_refused_and_empty(session, world, browser_as):
    state = browser_as(world["north_lead"], PirTaskListState,
                       f"/provider/pir?inspection={world['south_inspection'].id}")
    call(state, "load")
    assert state.not_permitted and state.view.inspection_id == 0 and _shows_no_secret(state)


def test_a_section_of_another_providers_return_is_refused_and_empty(session, world, browser_as):
    path = f"/provider/pir/services?inspection={world['south_inspection'].id}"
    state = browser_as(world["north_lead"], PirSectionState, path)
    call(state, "load")
    assert state.not_permitted and state.view.questions == [] and _shows_no_secret(state)


@pytest.mark.parametrize("handler,args", [
    ("save", ("services_description", "Overwritten")),
    ("save_cell", ("external_agencies", 0, "name", "x")),
    ("add_row", ("external_agencies",)),
    ("remove_row", ("external_agencies", 0)),
    ("confirm", ("services_description",)),
    ("remove_file", ("quality_audit_report",)),
    ("choose_file", ("quality_audit_report",)),
    ("check_section", ()),
])
def test_every_section_handler_on_another_providers_return_changes_and_reveals_nothing(session, world, browser_as,
                                                                                       handler, args):
    path = f"/provider/pir/services?inspection={world['south_inspection'].id}"
    state = browser_as(world["north_lead"], PirSectionState, path)
    call(state, "load")
    call(state, handler, *args)
    session.expire_all()
    assert _south_answer(session, world).value == SECRET and _south_answer(session, world).version == 1
    assert _shows_no_secret(state) and state.view.questions == []


def test_a_forged_save_on_the_own_page_cannot_reach_another_providers_return(session, world, browser_as, told):
    state = browser_as(world["north_lead"], PirSectionState,
                       f"/provider/pir/services?inspection={world['north_inspection'].id}")
    call(state, "load")
    assert not state.not_permitted and len(state.view.questions) == 5
    call(state, "save", "services_description", "Our own words")
    session.expire_all()
    assert _south_answer(session, world).value == SECRET
    rows = session.exec(select(PirAnswer).join(PirReturn)
                        .where(PirReturn.inspection_id == world["north_inspection"].id)).all()
    assert [r.value for r in rows] == ["Our own words"]
    assert told == [("pir", world["north_inspection"].id)], "only the own inspection's KLOE pages hear of it"


@pytest.mark.parametrize("args", [
    ({"code": 1}, "x"), ("services_description", {"x": 1}), ("services_description", "y" * 50_000),
    (None, None), ("no_such_question", "x"),
])
def test_forged_argument_types_are_refused_without_a_save(session, world, browser_as, args):
    state = browser_as(world["north_lead"], PirSectionState,
                       f"/provider/pir/services?inspection={world['north_inspection'].id}")
    call(state, "load")
    call(state, "save", *args)
    assert session.exec(select(PirAnswer).join(PirReturn)
                        .where(PirReturn.inspection_id == world["north_inspection"].id)).first() is None


@pytest.mark.parametrize("length", [MAX_TEXT_CHARS + 1, 50_000, 2_000_000])
def test_an_over_long_answer_is_refused_next_to_its_question_and_never_dropped_silently(session, world, browser_as,
                                                                                       length):
    state = browser_as(world["north_lead"], PirSectionState,
                       f"/provider/pir/services?inspection={world['north_inspection'].id}")
    call(state, "load")
    generation = state.generation
    call(state, "save", "services_description", "y" * length)
    assert state.shown_errors["services_description"] == f"Keep this to {MAX_TEXT_CHARS:,} characters or fewer"
    assert state.generation == generation, "the field is not redrawn, so what was typed stays in it"
    assert session.exec(select(PirAnswer).join(PirReturn)
                        .where(PirReturn.inspection_id == world["north_inspection"].id)).first() is None


def test_a_forged_upload_for_another_providers_return_stores_nothing(session, world, browser_as, tmp_path,
                                                                     monkeypatch):
    monkeypatch.setenv("SAFEHOUSE_UPLOAD_DIR", str(tmp_path / "uploads"))
    state = browser_as(world["north_lead"], PirSectionState,
                       f"/provider/pir/quality?inspection={world['south_inspection'].id}")
    call(state, "load")
    state.upload_target = "quality_audit_report"
    call(state, "upload", [_Upload("a.pdf", b"%PDF-1.4 x")])
    assert not (tmp_path / "uploads").exists() and state.not_permitted


def test_an_upload_of_a_renamed_program_is_refused_with_a_clear_message(session, world, browser_as, tmp_path,
                                                                        monkeypatch):
    monkeypatch.setenv("SAFEHOUSE_UPLOAD_DIR", str(tmp_path / "uploads"))
    state = browser_as(world["north_lead"], PirSectionState,
                       f"/provider/pir/quality?inspection={world['north_inspection'].id}")
    call(state, "load")
    call(state, "choose_file", "quality_audit_report")
    call(state, "upload", [_Upload("report.pdf", b"MZ\x90\x00" + b"\x00" * 100)])
    assert state.shown_errors["quality_audit_report"].startswith("This file cannot be accepted")
    assert not (tmp_path / "uploads").exists()
    call(state, "upload", [_Upload("report.pdf", b"%PDF-1.4 real")])
    question = next(q for q in state.view.questions if q.code == "quality_audit_report")
    assert question.file_name == "report.pdf" and "quality_audit_report" not in state.shown_errors


def test_an_upload_whose_answer_cannot_be_saved_leaves_no_file_on_disk(session, world, browser_as, tmp_path,
                                                                      monkeypatch):
    monkeypatch.setenv("SAFEHOUSE_UPLOAD_DIR", str(tmp_path / "uploads"))
    state = browser_as(world["north_lead"], PirSectionState,
                       f"/provider/pir/quality?inspection={world['north_inspection'].id}")
    call(state, "load")
    call(state, "choose_file", "quality_audit_report")
    state._versions = {**state._versions, "quality_audit_report": 3}
    call(state, "upload", [_Upload("report.pdf", b"%PDF-1.4 real")])
    assert state.conflict, "the stale save was refused after the file had been checked and staged"
    assert list((tmp_path / "uploads").iterdir()) == []
    assert session.exec(select(StoredFile)).all() == []


@pytest.mark.parametrize("who", ["north_lead", "south_lead", "stakeholder"])
def test_the_inspectors_pir_page_is_refused_to_providers_and_stakeholders(session, world, browser_as, who):
    state = browser_as(world[who], PirReviewState, f"/inspections/{world['south_inspection'].id}/pir")
    call(state, "load")
    assert state.not_permitted and state.view.sections == [] and _shows_no_secret(state)
    call(state, "reopen", {"reason": "forged"})
    assert session.exec(select(PirReturn.status).where(
        PirReturn.inspection_id == world["south_inspection"].id)).one() == "in_progress"


def test_a_provider_lead_cannot_submit_another_providers_return(session, world, browser_as, told):
    state = browser_as(world["north_lead"], PirTaskListState,
                       f"/provider/pir?inspection={world['south_inspection'].id}")
    call(state, "submit")
    assert state.not_permitted and told == []
    assert session.get(Inspection, world["south_inspection"].id).stage is Stage.ANNOUNCED


def test_a_save_refused_on_another_providers_return_announces_nothing(session, world, browser_as, told):
    state = browser_as(world["north_lead"], PirSectionState,
                       f"/provider/pir/services?inspection={world['south_inspection'].id}")
    call(state, "load")
    call(state, "save", "services_description", "Forged words")
    assert told == []


def test_a_submitted_return_tells_the_kloe_pages_and_the_board(session, world, browser_as, told):
    north_id = world["north_inspection"].id
    for code, value in complete_answers(date(2026, 11, 23)).items():
        pir.save_answer(session=session, actor=f.actor(world["north_lead"]), inspection_id=north_id,
                        question_code=code, value=value, expected_version=0, today=date(2026, 11, 23))
    state = browser_as(world["north_lead"], PirTaskListState, f"/provider/pir?inspection={north_id}")
    call(state, "load")
    call(state, "submit")
    assert state.notice.startswith("Your information return was submitted"), state.problems
    assert told == [("pir", north_id), ("board",)]
    assert not live.following(state.router.session.client_token) and not live._HUB.following
    session.expire_all()
    assert session.get(Inspection, north_id).stage is Stage.PIR_RECEIVED


def test_saves_queued_offline_that_reach_a_fresh_state_before_its_load_keep_their_conflict(session, world,
                                                                                           browser_as, told):
    """After a restart Reflex may give a reconnecting tab a new, empty state, and the saves typed
    while offline arrive before the page's load: each is still judged against what is stored, and
    the conflict it shows survives the load that follows."""
    path = f"/provider/pir/services?inspection={world['north_inspection'].id}"
    before = browser_as(world["north_lead"], PirSectionState, path)
    call(before, "load")
    call(before, "save", "services_description", "Typed before the outage", 0, before.generation)
    drawn = next(q.version for q in before.view.questions if q.code == "services_description")
    pir.save_answer(session=session, actor=f.actor(world["north_deputy"]), inspection_id=world["north_inspection"].id,
                    question_code="services_description", value="A colleague's answer", expected_version=drawn,
                    today=date(2026, 11, 23))

    fresh = browser_as(world["north_lead"], PirSectionState, path)
    call(fresh, "save", "services_description", "Typed while offline", drawn, before.generation)
    call(fresh, "save", "services_interpretation", "Interpreters by phone", 0, before.generation)
    call(fresh, "load")

    session.expire_all()
    stored = {a.question_code: a.value for a in session.exec(
        select(PirAnswer).join(PirReturn).where(PirReturn.inspection_id == world["north_inspection"].id)).all()}
    assert stored["services_description"] == "A colleague's answer", "the colleague's answer is never saved over"
    assert stored["services_interpretation"] == "Interpreters by phone", "the answer nobody else changed is saved"
    assert "Typed while offline" in fresh.conflicts["services_description"]
    assert "A colleague's answer" in fresh.conflicts["services_description"]
    shown = {q.code: q.value for q in fresh.view.questions}
    assert shown["services_description"] == "A colleague's answer"


def _sent(state) -> str:
    """What the browser receives for the State's last event (its delta), as sent."""
    return json.dumps(state.get_delta(), default=str)


def test_an_answer_saved_as_entered_sends_its_version_not_the_section_and_saves_again_without_a_conflict(
        session, world, browser_as, told):
    state = browser_as(world["north_lead"], PirSectionState,
                       f"/provider/pir/services?inspection={world['north_inspection'].id}")
    call(state, "load")
    question = next(q for q in state.drawn.questions if q.code == "services_description")
    assert question.text in _sent(state), "a load sends the section"
    state._clean()
    generation = state.generation
    call(state, "save", "services_description", "Our own words", question.version, generation)
    sent = _sent(state)
    assert len(sent) < 1000 and "saved_at" in sent and question.text not in sent and "Our own words" not in sent
    assert state.generation == generation and state.saved_versions == {"services_description": question.version + 1}
    state._clean()
    call(state, "save", "services_description", "Our own words, changed", state.saved_versions["services_description"],
        generation)
    assert state.conflicts == {} and state.generation == generation, "the second save is no conflict"
    assert state.saved_versions == {"services_description": question.version + 2}
    assert len(_sent(state)) < 1000
    session.expire_all()
    stored = session.exec(select(PirAnswer).join(PirReturn)
                          .where(PirReturn.inspection_id == world["north_inspection"].id)).one()
    assert stored.value == "Our own words, changed"
    call(state, "load")
    assert state.saved_versions == {} and next(
        q for q in state.drawn.questions if q.code == "services_description").value == "Our own words, changed"


def _marked_from_last_return(state, code: str) -> bool:
    """Whether the field shows "From your last return" (as ``fields._prefilled`` draws it)."""
    drawn = next(q for q in state.drawn.questions if q.code == code)
    return drawn.prefilled and code not in state.saved_versions


def test_an_answer_from_the_last_return_loses_its_mark_once_changed_but_not_when_saved_unchanged(
        session, world, browser_as, told):
    north_id = world["north_inspection"].id
    pir.save_answer(session=session, actor=f.actor(world["north_lead"]), inspection_id=north_id,
                    question_code="services_description", value="Copied words", expected_version=0,
                    today=date(2026, 11, 23))
    answer = session.exec(select(PirAnswer).join(PirReturn).where(PirReturn.inspection_id == north_id)).one()
    answer.prefilled = True
    session.add(answer)
    session.commit()
    state = browser_as(world["north_lead"], PirSectionState, f"/provider/pir/services?inspection={north_id}")
    call(state, "load")
    assert _marked_from_last_return(state, "services_description")
    call(state, "save", "services_description", "Copied words", 1, state.generation)
    assert _marked_from_last_return(state, "services_description"), "the same words still need confirming"
    call(state, "save", "services_description", "New words", 1, state.generation)
    assert not _marked_from_last_return(state, "services_description") and state.conflicts == {}
    assert not next(q for q in state.view.questions if q.code == "services_description").prefilled
