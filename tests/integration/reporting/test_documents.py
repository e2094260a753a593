"""Who gets which document: drafts to staff and the provider's own lead, finals to stakeholders too,
and every refusal a plain 404 with no data, through the service and the download route."""

import io
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader
from starlette.applications import Starlette
from starlette.testclient import TestClient

import safehouse_portal.db.engine as engine_module
from safehouse_portal.web import documents as reports_web
from safehouse_portal.db import SeriousConcern
from safehouse_portal.services.accounts import sessions as auth
from safehouse_portal.services.reporting import documents
from safehouse_portal.services.reporting import factual_accuracy
from safehouse_portal.services.reporting import qa
from safehouse_portal.services.reporting import issue as report_issue
from safehouse_portal.services.core.errors import NotFound, PermissionDenied
from tests.integration.worlds import factories as f
from tests.integration.worlds.report_world import TODAY, build

NAMES = ("report-working", "report-draft", "report-final", "fa-form", "fa-response", "comparison",
         "announcement-letter", "early-outcome-letter")


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def _may(session, world, who, name) -> bool:
    actor = f.actor(getattr(world, who)) if who else None
    try:
        documents.document(session=session, actor=actor, inspection_id=world.inspection.id, name=name, today=TODAY)
    except (NotFound, PermissionDenied):
        return False
    return True


def _send_draft(session, world):
    qa.review(session=session, actor=f.actor(world.second), inspection_id=world.inspection.id,
              data={"outcome": "signed_off"}, today=TODAY)
    assert report_issue.send_draft(session=session, actor=f.actor(world.lead), inspection_id=world.inspection.id,
                                   today=TODAY).allowed


def _issue(session, world):
    lead = f.actor(world.lead)
    factual_accuracy.declare_done(session=session, actor=f.actor(world.north_lead),
                                  inspection_id=world.inspection.id, today=TODAY)
    assert report_issue.close_factual_accuracy(session=session, actor=lead, inspection_id=world.inspection.id,
                                               today=TODAY).allowed
    assert report_issue.issue_final(session=session, actor=lead, inspection_id=world.inspection.id,
                                    today=TODAY).allowed


def test_before_the_draft_is_sent_only_staff_on_the_inspection_get_the_report(session):
    world = build(session)
    allowed = {who: [n for n in NAMES if _may(session, world, who, n)]
               for who in ("lead", "manager", "north_lead", "south_lead", "stakeholder", "admin", None)}
    assert allowed["lead"] == allowed["manager"] == ["report-working", "announcement-letter"]
    assert allowed["north_lead"] == ["announcement-letter"]
    assert allowed["south_lead"] == allowed["stakeholder"] == allowed["admin"] == allowed[None] == []


def test_the_provider_gets_the_draft_form_and_response_once_sent_but_never_the_working_report(session):
    world = build(session)
    _send_draft(session, world)
    allowed = [n for n in NAMES if _may(session, world, "north_lead", n)]
    assert allowed == ["report-draft", "fa-form", "fa-response", "announcement-letter"]
    assert [n for n in NAMES if _may(session, world, "south_lead", n)] == []
    assert [n for n in NAMES if _may(session, world, "stakeholder", n)] == []
    form = _text(documents.document(session=session, actor=f.actor(world.north_lead),
                                    inspection_id=world.inspection.id, name="fa-form", today=TODAY).content)
    assert "Comments due by 5 May 2026" in form and "[kloe-S1]" in form


def test_once_issued_the_stakeholders_get_the_final_report_only(session):
    world = build(session)
    _send_draft(session, world)
    _issue(session, world)
    assert [n for n in NAMES if _may(session, world, "stakeholder", n)] == ["report-final"]
    assert "comparison" in [n for n in NAMES if _may(session, world, "north_lead", n)]
    final = _text(documents.document(session=session, actor=f.actor(world.stakeholder),
                                     inspection_id=world.inspection.id, name="report-final", today=TODAY).content)
    assert "Final report" in final and "Official - sensitive: not for publication" in final


def test_the_early_outcome_letter_sets_out_the_recorded_concerns(session):
    world = build(session)
    world.inspection.serious_concern = True
    session.add(world.inspection)
    session.add(SeriousConcern(inspection_id=world.inspection.id, details="Fire doors were wedged open.",
                               raised_by_id=world.lead.id))
    session.commit()
    letter = _text(documents.document(session=session, actor=f.actor(world.lead), inspection_id=world.inspection.id,
                                      name="early-outcome-letter", today=TODAY).content)
    assert "1. Fire doors were wedged open." in letter
    assert not _may(session, world, "north_lead", "early-outcome-letter")


def test_the_announcement_letter_gives_the_pir_due_date_in_working_days(session):
    world = build(session)
    letter = _text(documents.document(session=session, actor=f.actor(world.north_lead),
                                      inspection_id=world.inspection.id, name="announcement-letter",
                                      today=TODAY).content)
    assert "by 2 March 2026: 5 working days from this request on 23 February 2026" in letter
    assert "Riverside House" in letter and "Provisional timetable" in letter


@pytest.mark.parametrize("forged", ["1", None, True, {"id": 1}, -5, 10**12])
def test_forged_ids_and_names_are_not_found(session, forged):
    world = build(session)
    with pytest.raises(NotFound):
        documents.document(session=session, actor=f.actor(world.manager), inspection_id=forged,
                           name="report-working", today=TODAY)
    with pytest.raises(NotFound):
        documents.document(session=session, actor=f.actor(world.manager), inspection_id=world.inspection.id,
                           name=forged, today=TODAY)


def test_the_download_route_wants_a_session_and_hides_refusals_behind_404(session, engine, monkeypatch):
    world = build(session)
    monkeypatch.setattr(engine_module, "get_engine", lambda: engine)
    client = TestClient(Starlette(routes=reports_web.ROUTES))
    url = f"/documents/inspections/{world.inspection.id}/report-working.pdf"
    assert client.get(url).status_code == 401

    def token(user):
        signed_in = auth.sign_in(session=session, email=user.email, password=f.PASSWORD, now=datetime.now(UTC))
        session.commit()
        return signed_in.token

    refused = client.get(url, cookies={"shp_session": token(world.south_lead)})
    assert refused.status_code == 404 and b"%PDF" not in refused.content
    assert refused.headers["cache-control"] == "private, no-store"
    assert client.get(f"/documents/inspections/{world.inspection.id}/passwords.pdf",
                      cookies={"shp_session": token(world.lead)}).status_code == 404
    assert client.get("/documents/inspections/99999999999/report-working.pdf",
                      cookies={"shp_session": token(world.lead)}).status_code == 404
    ok = client.get(url, cookies={"shp_session": token(world.lead)})
    assert ok.status_code == 200 and ok.content.startswith(b"%PDF")
    assert ok.headers["content-type"] == "application/pdf" and ok.headers["cache-control"] == "private, no-store"
    assert "attachment" in ok.headers["content-disposition"] and ".pdf" in ok.headers["content-disposition"]
    assert ok.headers["x-content-type-options"] == "nosniff"
