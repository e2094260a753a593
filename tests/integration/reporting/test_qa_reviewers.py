"""Quality assurance belongs to the team and the reviewers a programme manager names, nobody else.

Before reviewers were named, any inspector could open a draft at quality assurance, download
it and its announcement letter, and sign it off: each forged call here by an inspector
neither on the team nor named was allowed.
"""

from datetime import UTC, datetime

import pytest
from sqlmodel import select
from starlette.applications import Starlette
from starlette.testclient import TestClient

import safehouse_portal.db.engine as engine_module
from safehouse_portal.db import AuditEvent, InspectionQaReviewer, InspectionTeamMember, QaReview
from safehouse_portal.domain.enums import Role
from safehouse_portal.portals.reporting.common import EMPTY_PAGE
from safehouse_portal.portals.reporting.report_page import ReportPageState
from safehouse_portal.services.accounts import sessions as auth
from safehouse_portal.services.core.errors import InvalidInput, PermissionDenied
from safehouse_portal.services.reporting import issue as report_issue
from safehouse_portal.services.reporting import qa, qa_reviewers
from safehouse_portal.web import documents as documents_web
from tests.integration.worlds import factories as f
from tests.integration.worlds.forged import call
from tests.integration.worlds.report_world import TODAY, build


def _report_state(browser_as, world, who):
    return browser_as(getattr(world, who), ReportPageState, f"/inspections/{world.inspection.id}/report")


def _download(session, engine, monkeypatch, user, inspection_id: int, name: str) -> int:
    monkeypatch.setattr(engine_module, "get_engine", lambda: engine)
    token = auth.sign_in(session=session, email=user.email, password=f.PASSWORD, now=datetime.now(UTC)).token
    session.commit()
    client = TestClient(Starlette(routes=documents_web.ROUTES))
    client.cookies.set("shp_session", token)
    return client.get(f"/documents/inspections/{inspection_id}/{name}.pdf").status_code


def _name(session, world, user, who="manager"):
    return qa_reviewers.name_reviewer(session=session, actor=f.actor(getattr(world, who)),
                                      inspection_id=world.inspection.id, data={"reviewer": str(user.id)})


def test_an_inspector_neither_on_the_team_nor_named_is_refused_the_report_page(browser_as, session):
    world = build(session)
    state = _report_state(browser_as, world, "outsider")
    call(state, "load")
    assert state.not_permitted and state.view == EMPTY_PAGE


@pytest.mark.parametrize("name", ["report-working", "announcement-letter"])
def test_an_inspector_neither_on_the_team_nor_named_gets_404_for_the_draft_and_the_letter(
        session, engine, monkeypatch, name):
    world = build(session)
    assert _download(session, engine, monkeypatch, world.outsider, world.inspection.id, name) == 404
    assert _download(session, engine, monkeypatch, world.second, world.inspection.id, name) == 200


def test_a_forged_sign_off_by_an_inspector_neither_on_the_team_nor_named_records_nothing(browser_as, session):
    world = build(session)
    state = _report_state(browser_as, world, "outsider")
    call(state, "review_qa", {"outcome": "signed_off"})
    assert state.qa_errors and state.notice == ""
    assert session.exec(select(QaReview)).all() == []
    with pytest.raises(PermissionDenied):
        qa.review(session=session, actor=f.actor(world.outsider), inspection_id=world.inspection.id,
                  data={"outcome": "signed_off"}, today=TODAY)


def test_a_named_reviewer_outside_the_team_opens_the_draft_and_signs_it_off(browser_as, session):
    world = build(session)
    state = _report_state(browser_as, world, "second")
    call(state, "load")
    assert state.view.may_review and [r.name for r in state.view.qa_reviewers] == ["Second"]
    assert not state.view.may_name_reviewers and state.view.reviewer_choices == []
    call(state, "review_qa", {"outcome": "signed_off"})
    assert state.notice == "Quality assurance recorded: signed off."


def test_a_team_member_may_review_without_being_named(session):
    world = build(session)
    member = f.user(session, "member@cqc.test", Role.INSPECTOR)
    session.add(InspectionTeamMember(inspection_id=world.inspection.id, user_id=member.id))
    session.commit()
    assert qa.review(session=session, actor=f.actor(member), inspection_id=world.inspection.id,
                     data={"outcome": "signed_off"}, today=TODAY) == "signed_off"


def test_a_programme_manager_names_and_removes_a_reviewer_and_access_follows(browser_as, session):
    world = build(session)
    state = _report_state(browser_as, world, "manager")
    call(state, "load")
    assert state.view.may_name_reviewers
    assert [o.label for o in state.view.reviewer_choices] == ["Outsider"]
    call(state, "name_reviewer", {"reviewer": str(world.outsider.id)})
    assert state.reviewer_errors == {} and "Reviewer named" in state.notice
    assert [r.name for r in state.view.qa_reviewers] == ["Outsider", "Second"]
    assert report_issue.report_page(session=session, actor=f.actor(world.outsider),
                                    inspection_id=world.inspection.id, today=TODAY).may_review
    call(state, "remove_reviewer", str(world.outsider.id))
    assert [r.name for r in state.view.qa_reviewers] == ["Second"]
    with pytest.raises(PermissionDenied):
        report_issue.report_page(session=session, actor=f.actor(world.outsider), inspection_id=world.inspection.id,
                                 today=TODAY)
    actions = session.exec(select(AuditEvent.action).where(AuditEvent.action.like("report.qa_reviewer_%"))
                           .order_by(AuditEvent.id)).all()
    assert actions == ["report.qa_reviewer_named", "report.qa_reviewer_removed"]


@pytest.mark.parametrize("who", ["lead", "second", "outsider", "north_lead", "admin", "stakeholder", None])
def test_only_a_programme_manager_may_name_or_remove_a_reviewer(browser_as, session, who):
    world = build(session)
    state = browser_as(getattr(world, who) if who else None, ReportPageState,
                       f"/inspections/{world.inspection.id}/report")
    call(state, "name_reviewer", {"reviewer": str(world.outsider.id)})
    call(state, "remove_reviewer", str(world.second.id))
    assert state.notice == ""
    assert session.exec(select(InspectionQaReviewer.user_id)).all() == [world.second.id]
    if who is not None:
        with pytest.raises(PermissionDenied):
            _name(session, world, world.outsider, who=who)


@pytest.mark.parametrize(("who", "message"), [
    ("lead", "cannot quality assure their own report"), ("second", "named already"),
    ("manager", "Choose an inspector"), ("north_lead", "Choose an inspector"),
])
def test_the_lead_inspector_someone_named_already_and_people_who_are_not_inspectors_cannot_be_named(
        session, who, message):
    world = build(session)
    with pytest.raises(InvalidInput, match=message):
        _name(session, world, getattr(world, who))


def test_neither_a_team_member_nor_an_inspector_whose_account_is_closed_can_be_named(session):
    world = build(session)
    member = f.user(session, "member@cqc.test", Role.INSPECTOR)
    session.add(InspectionTeamMember(inspection_id=world.inspection.id, user_id=member.id))
    world.outsider.active = False
    session.add(world.outsider)
    session.commit()
    with pytest.raises(InvalidInput, match="on the inspection's team"):
        _name(session, world, member)
    with pytest.raises(InvalidInput, match="Choose an inspector"):
        _name(session, world, world.outsider)


@pytest.mark.parametrize("forged", [None, "x", 7, {"reviewer": 7}, {"reviewer": ["1"]}, {"reviewer": "-1"},
                                    {"reviewer": "99999999999"}, {"reviewer": "1\x00"}])
def test_forged_names_and_removals_are_refused_and_change_nothing(browser_as, session, forged):
    world = build(session)
    state = _report_state(browser_as, world, "manager")
    call(state, "name_reviewer", forged)
    assert state.reviewer_errors and state.notice == ""
    call(state, "remove_reviewer", forged)
    assert state.reviewer_errors and state.notice == ""
    assert session.exec(select(InspectionQaReviewer.user_id)).all() == [world.second.id]
