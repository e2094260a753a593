"""The PIR's services on a real database: opening, autosave with versions, pre-fill, submission, reopening."""

from datetime import date

import pytest
from sqlalchemy import event
from sqlmodel import select

from safehouse_portal import routes
from safehouse_portal.db import AuditEvent, Inspection, InspectionTeamMember, PirAnswer, PirReturn
from safehouse_portal.domain.enums import Role, Stage
from safehouse_portal.services.pir import returns as pir
from safehouse_portal.services.pir import review as pir_review
from safehouse_portal.demo.provider import complete_answers
from safehouse_portal.services.core.errors import InvalidInput, NotFound, PermissionDenied
from tests.integration.worlds import factories as f

TODAY = date(2026, 11, 23)


@pytest.fixture
def world(session):
    north, south = f.provider(session, "North Trust"), f.provider(session, "South Trust")
    people = {
        "north_lead": f.user(session, "lead@north.test", Role.PROVIDER_LEAD, north),
        "north_deputy": f.user(session, "deputy@north.test", Role.PROVIDER_LEAD, north),
        "south_lead": f.user(session, "lead@south.test", Role.PROVIDER_LEAD, south),
        "inspector": f.user(session, "insp@cqc.test", Role.INSPECTOR),
        "other_inspector": f.user(session, "other@cqc.test", Role.INSPECTOR),
        "manager": f.user(session, "pm@cqc.test", Role.PROGRAMME_MANAGER),
    }
    inspection = _announced(session, f.inspection(session, north, people["inspector"], Stage.ANNOUNCED))
    return {"north": north, "south": south, "inspection": inspection, **people}


def _announced(session, inspection: Inspection, requested: date = date(2026, 11, 18)) -> Inspection:
    inspection.announcement_call_on = inspection.announcement_letter_on = inspection.pir_requested_on = requested
    session.add(inspection)
    session.commit()
    return inspection


def _another_inspection(session, like: Inspection, stage: Stage = Stage.ANNOUNCED) -> Inspection:
    row = Inspection(group_id=like.group_id, type=like.type, mode=like.mode, key_questions=like.key_questions,
                     planned_start=date(2027, 1, 11), planned_end=date(2027, 1, 12),
                     lead_inspector_id=like.lead_inspector_id, stage=stage,
                     framework_version_id=like.framework_version_id)
    session.add(row)
    session.commit()
    return row


def _save(session, world, code, value, who="north_lead", version=None):
    actor = f.actor(world[who])
    if version is None:
        row = session.exec(select(PirAnswer).where(PirAnswer.question_code == code)).first()
        version = row.version if row else 0
    return pir.save_answer(session=session, actor=actor, inspection_id=world["inspection"].id, question_code=code,
                           value=value, expected_version=version, today=TODAY)


def test_opening_the_task_list_creates_the_return_with_every_section_not_started(session, world):
    view = pir.task_list(session=session, actor=f.actor(world["north_lead"]), today=TODAY)
    assert view.inspection_id == world["inspection"].id
    assert view.status_label == "Not started" and view.editable
    assert [s.status_label for s in view.sections] == ["Not started"] * 8
    assert view.due_text == "Due in 2 working days, on 25 November 2026"


def test_a_saved_answer_is_there_on_the_next_load_and_the_section_is_in_progress(session, world):
    saved = _save(session, world, "services_description", "We run two safehouses.")
    assert saved.version == 1 and saved.value == "We run two safehouses."
    page = pir.section_page(session=session, actor=f.actor(world["north_lead"]), inspection_id=world["inspection"].id,
                            section_key="services", today=TODAY)
    assert page.questions[0].value == "We run two safehouses."
    assert page.status_label == "In progress"


def test_a_saved_answer_is_recorded_in_the_providers_and_the_inspections_trail(session, world):
    _save(session, world, "services_description", "First words")
    _save(session, world, "services_description", "Second words")
    newest = session.exec(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert (newest.action, newest.entity_type) == ("pir.answer_saved", "pir_return")
    assert (newest.provider_id, newest.inspection_id) == (world["north"].id, world["inspection"].id)
    assert newest.before == {"question": "services_description", "value": "First words"}
    assert newest.after == {"question": "services_description", "value": "Second words", "version": 2}


def test_a_page_read_again_in_the_same_unit_of_work_after_a_save_shows_the_saved_answer(session, world):
    _save(session, world, "services_description", "First words")
    session.commit()

    def shown() -> str:
        return pir.section_page(session=session, actor=f.actor(world["north_lead"]),
                                inspection_id=world["inspection"].id, section_key="services",
                                today=TODAY).questions[0].value

    held = session.exec(select(PirAnswer).where(PirAnswer.question_code == "services_description")).one()
    assert shown() == "First words"  # read from the row the session holds
    _save(session, world, "services_description", "Second words", version=1)
    assert shown() == "Second words"
    assert (held.value, held.version) == ("Second words", 2)


def test_a_save_against_an_older_version_is_refused_with_the_other_persons_answer(session, world):
    _save(session, world, "services_description", "First words", version=0)
    _save(session, world, "services_description", "Deputy's words", who="north_deputy", version=1)
    with pytest.raises(pir.AnswerConflict) as refused:
        _save(session, world, "services_description", "My late words", version=1)
    assert refused.value.current.value == "Deputy's words"
    assert refused.value.by == "Deputy"
    row = session.exec(select(PirAnswer).where(PirAnswer.question_code == "services_description")).one()
    assert (row.value, row.version) == ("Deputy's words", 2)


def test_a_save_whose_answer_was_lost_is_not_a_conflict_with_the_same_persons_next_save(session, world):
    # The server stored "2" (version 1) but stopped before the page heard, so the box still sends 0.
    _save(session, world, "services_description", "2", version=0)
    session.commit()
    saved = _save(session, world, "services_description", "3", version=0)
    assert (saved.value, saved.version) == ("3", 2)


def test_a_save_older_than_someone_elses_change_is_refused_even_after_ones_own_earlier_save(session, world):
    _save(session, world, "services_description", "Lead's words", version=0)
    _save(session, world, "services_description", "Deputy's words", who="north_deputy", version=1)
    with pytest.raises(pir.AnswerConflict):
        _save(session, world, "services_description", "Lead's late words", version=0)
    row = session.exec(select(PirAnswer).where(PirAnswer.question_code == "services_description")).one()
    assert (row.value, row.version) == ("Deputy's words", 2)


def test_an_answer_too_long_is_kept_and_shown_with_its_problem(session, world):
    saved = _save(session, world, "services_description", "word " * 501)
    assert saved.problem == "Use 500 words or fewer (you have used 501)"
    assert saved.value.startswith("word word")


def test_an_impossible_date_is_refused_next_to_its_field_and_the_stored_date_is_kept(session, world):
    _save(session, world, "quality_last_audit", "2026-02-27")
    session.commit()
    with pytest.raises(InvalidInput) as refused:
        _save(session, world, "quality_last_audit", "2026-02-31")
    session.rollback()
    assert refused.value.errors == {"quality_last_audit": "Enter a real date, like 31/3/2026"}
    row = session.exec(select(PirAnswer).where(PirAnswer.question_code == "quality_last_audit")).one()
    assert row.value == "2026-02-27"


def test_an_answer_over_the_longest_text_is_refused_with_the_limit_and_the_stored_one_kept(session, world):
    from safehouse_portal.domain.pir import MAX_TEXT_CHARS

    _save(session, world, "services_description", "Two safehouses.")
    session.commit()
    with pytest.raises(InvalidInput) as refused:
        _save(session, world, "services_description", "x" * (MAX_TEXT_CHARS + 1))
    session.rollback()
    assert refused.value.errors == {"services_description": f"Keep this to {MAX_TEXT_CHARS:,} characters or fewer"}
    row = session.exec(select(PirAnswer).where(PirAnswer.question_code == "services_description")).one()
    assert row.value == "Two safehouses."


@pytest.mark.parametrize("value", [{"x": 1}, 12, ["a"], "maybe"])
def test_values_no_form_sends_are_refused(session, world, value):
    with pytest.raises(InvalidInput):
        _save(session, world, "services_children", value)


def test_a_submission_with_a_missing_answer_lists_each_problem_linking_to_its_field(session, world):
    _save(session, world, "services_description", "Two safehouses.")
    outcome = pir.submit_return(session=session, actor=f.actor(world["north_lead"]),
                                inspection_id=world["inspection"].id, today=TODAY)
    assert not outcome.submitted
    first = outcome.problems[0]
    assert first.message == ("Services provided to survivors: "
                             "Select yes if any of these services support survivors with dependant children")
    href = routes.pir_section(first.inspection_id, first.section_key, check=True, field=first.field_id)
    assert href == f"/provider/pir/services?inspection={world['inspection'].id}&check=1#q-services_children"
    assert session.get(Inspection, world["inspection"].id).stage is Stage.ANNOUNCED


def test_a_complete_return_is_submitted_read_only_and_the_inspection_has_its_pir(session, world):
    for code, value in complete_answers(TODAY).items():
        _save(session, world, code, value)
    late_day = date(2026, 11, 27)
    outcome = pir.submit_return(session=session, actor=f.actor(world["north_lead"]),
                                inspection_id=world["inspection"].id, today=late_day)
    assert outcome.submitted, outcome.problems
    inspection = session.get(Inspection, world["inspection"].id)
    assert inspection.stage is Stage.PIR_RECEIVED and inspection.pir_received_on == late_day
    row = session.exec(select(PirReturn)).one()
    assert row.status == "submitted" and row.submitted_by_id == world["north_lead"].id
    with pytest.raises(InvalidInput):
        _save(session, world, "services_description", "A change after submission")
    view = pir.task_list(session=session, actor=f.actor(world["north_lead"]), today=late_day)
    assert not view.editable and view.submitted_text.startswith("Submitted by Lead at")
    assert view.late and view.due_text.startswith("Submitted 2 working days late")
    actions = session.exec(select(AuditEvent.action)).all()
    assert "pir.submitted" in actions and "inspection.stage_moved" in actions


def test_the_inspector_reads_the_return_and_reopens_it_with_a_reason(session, world):
    for code, value in complete_answers(TODAY).items():
        _save(session, world, code, value)
    pir.submit_return(session=session, actor=f.actor(world["north_lead"]), inspection_id=world["inspection"].id,
                      today=TODAY)
    view = pir_review.review(session=session, actor=f.actor(world["inspector"]),
                             inspection_id=world["inspection"].id, today=TODAY)
    assert view.status_label == "Submitted" and view.may_reopen
    assert view.timing_text == "Submitted on time" and not view.late
    assert view.sections[0].answers[1].answer == "Yes"
    with pytest.raises(InvalidInput):
        pir_review.reopen(session=session, actor=f.actor(world["inspector"]), inspection_id=world["inspection"].id,
                          data={"reason": "  "})
    pir_review.reopen(session=session, actor=f.actor(world["inspector"]), inspection_id=world["inspection"].id,
                      data={"reason": "Please add the audit report"})
    task = pir.task_list(session=session, actor=f.actor(world["north_lead"]), today=TODAY)
    assert task.editable and task.reopened_reason == "Please add the audit report"
    assert _save(session, world, "quality_audit_results", "Updated results").version == 2


def test_an_inspector_not_on_the_inspection_may_neither_read_nor_reopen(session, world):
    pir.task_list(session=session, actor=f.actor(world["north_lead"]), today=TODAY)
    with pytest.raises(PermissionDenied):
        pir_review.review(session=session, actor=f.actor(world["other_inspector"]),
                          inspection_id=world["inspection"].id, today=TODAY)
    with pytest.raises(PermissionDenied):
        pir_review.reopen(session=session, actor=f.actor(world["other_inspector"]),
                          inspection_id=world["inspection"].id, data={"reason": "x"})
    session.add(InspectionTeamMember(inspection_id=world["inspection"].id, user_id=world["other_inspector"].id))
    session.commit()
    assert pir_review.review(session=session, actor=f.actor(world["other_inspector"]),
                             inspection_id=world["inspection"].id, today=TODAY).status_label == "Not started"


def test_a_new_return_is_prefilled_from_the_last_one_and_each_copy_is_marked_until_confirmed(session, world):
    for code, value in complete_answers(TODAY).items():
        _save(session, world, code, value)
    pir.submit_return(session=session, actor=f.actor(world["north_lead"]), inspection_id=world["inspection"].id,
                      today=TODAY)
    later = _announced(session, _another_inspection(session, world["inspection"]), date(2026, 11, 20))
    lead = f.actor(world["north_lead"])
    task = pir.task_list(session=session, actor=lead, inspection_id=later.id, today=TODAY)
    assert task.prefilled_count == len(complete_answers(TODAY))
    page = pir.section_page(session=session, actor=lead, inspection_id=later.id, section_key="services", today=TODAY)
    first = page.questions[0]
    assert first.prefilled and first.problem == "Check this answer from your last return, then confirm it or change it"
    confirmed = pir.save_answer(session=session, actor=lead, inspection_id=later.id, question_code=first.code,
                                value=None, expected_version=first.version, today=TODAY, confirm=True)
    assert not confirmed.prefilled and confirmed.value == first.value and confirmed.problem == ""


def test_answers_tagged_with_a_kloe_are_given_to_the_inspection_team(session, world):
    _save(session, world, "incidents_count", "3")
    _save(session, world, "services_description", "Two safehouses.")
    found = pir_review.pir_answers_for_kloe(session=session, actor=f.actor(world["inspector"]),
                                            inspection_id=world["inspection"].id, kloe_code="S6")
    assert [(a.question_code, a.answer) for a in found] == [("incidents_count", "3")]
    with pytest.raises(PermissionDenied):
        pir_review.pir_answers_for_kloe(session=session, actor=f.actor(world["south_lead"]),
                                        inspection_id=world["inspection"].id, kloe_code="S6")


@pytest.mark.parametrize("who", ["south_lead", "inspector", "manager"])
def test_only_the_providers_own_lead_opens_its_return(session, world, who):
    with pytest.raises(PermissionDenied):
        pir.task_list(session=session, actor=f.actor(world[who]), inspection_id=world["inspection"].id, today=TODAY)
    assert session.exec(select(PirReturn)).first() is None


def test_a_return_not_yet_asked_for_is_not_found(session, world):
    planned = _another_inspection(session, world["inspection"], Stage.PLANNED)
    with pytest.raises(NotFound):
        pir.task_list(session=session, actor=f.actor(world["north_lead"]), inspection_id=planned.id, today=TODAY)


def test_a_save_reads_the_return_with_its_templates_stamp_and_never_the_template_document(session, world, engine):
    pir.task_list(session=session, actor=f.actor(world["north_lead"]), inspection_id=world["inspection"].id,
                  today=TODAY)
    session.commit()
    seen: list[str] = []

    def listener(_conn, _cursor, statement, *_args) -> None:
        seen.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", listener)
    try:
        saved = _save(session, world, "staffing_arrangements", "Two staff on every shift.")
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert saved.value == "Two staff on every shift." and saved.version == 1
    reads_of_templates = [s for s in seen if "pir_template" in s]
    assert len(reads_of_templates) == 1 and "pir_return" in reads_of_templates[0]
    assert "definition" not in reads_of_templates[0], "the parsed template is kept per version"
