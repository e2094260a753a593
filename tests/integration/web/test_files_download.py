"""``GET /files/{id}``: a file goes only to those allowed to see its provider's data; others get a bare 404."""

from datetime import UTC, datetime

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

import safehouse_portal.db.engine as engine_module
from safehouse_portal.db import InspectionTeamMember
from safehouse_portal.domain.enums import Role
from safehouse_portal.web.files import ROUTES
from safehouse_portal.services.accounts import sessions as auth
from safehouse_portal.services.core import files
from safehouse_portal.services.core.errors import InvalidInput, PermissionDenied
from tests.integration.worlds import factories as f

CONTENT = b"%PDF-1.4 North Trust's confidential safeguarding policy"


@pytest.fixture
def world(session, engine, monkeypatch, tmp_path):
    monkeypatch.setattr(engine_module, "get_engine", lambda: engine)
    monkeypatch.setenv("SAFEHOUSE_UPLOAD_DIR", str(tmp_path / "uploads"))
    north, south = f.provider(session, "North Trust"), f.provider(session, "South Trust")
    people = {
        "north_lead": f.user(session, "lead@north.test", Role.PROVIDER_LEAD, north),
        "south_lead": f.user(session, "lead@south.test", Role.PROVIDER_LEAD, south),
        "lead_inspector": f.user(session, "lead.insp@cqc.test", Role.INSPECTOR),
        "team_inspector": f.user(session, "team.insp@cqc.test", Role.INSPECTOR),
        "designated": f.user(session, "designated@cqc.test", Role.INSPECTOR),
        "other_inspector": f.user(session, "other@cqc.test", Role.INSPECTOR),
        "manager": f.user(session, "pm@cqc.test", Role.PROGRAMME_MANAGER),
        "admin": f.user(session, "admin@cqc.test", Role.ADMIN),
        "stakeholder": f.user(session, "ho@homeoffice.test", Role.STAKEHOLDER),
    }
    north.designated_inspector_id = people["designated"].id
    session.add(north)
    inspection = f.inspection(session, north, people["lead_inspector"])
    session.add(InspectionTeamMember(inspection_id=inspection.id, user_id=people["team_inspector"].id))
    session.commit()
    stored = files.upload(session=session, actor=f.actor(people["north_lead"]), name="../Safeguarding policy.pdf",
                          content=CONTENT, purpose="pir")
    session.commit()
    return {"file": stored, "tmp": tmp_path, **people}


def _get(session, user, file_id):
    client = TestClient(Starlette(routes=ROUTES))
    if user is not None:
        token = auth.sign_in(session=session, email=user.email, password=f.PASSWORD, now=datetime.now(UTC)).token
        session.commit()
        client.cookies.set("shp_session", token)
    return client.get(f"/files/{file_id}")


@pytest.mark.parametrize("who", ["north_lead", "lead_inspector", "team_inspector", "designated", "manager"])
def test_the_providers_own_lead_its_inspectors_and_programme_managers_download_the_file(session, world, who):
    response = _get(session, world[who], world["file"].id)
    assert response.status_code == 200 and response.content == CONTENT
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["cache-control"] == "private, no-store"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "attachment" in response.headers["content-disposition"]
    assert "Safeguarding%20policy.pdf" in response.headers["content-disposition"]


@pytest.mark.parametrize("who", ["south_lead", "other_inspector", "admin", "stakeholder"])
def test_everyone_else_gets_a_404_with_no_data(session, world, who):
    response = _get(session, world[who], world["file"].id)
    assert response.status_code == 404
    assert b"confidential" not in response.content and "Safeguarding" not in response.text


def test_nobody_signed_in_is_asked_to_sign_in(session, world):
    response = _get(session, None, world["file"].id)
    assert response.status_code == 401 and b"confidential" not in response.content


@pytest.mark.parametrize("forged", ["0", "-1", "abc", "99999", "1e3", "9" * 12])
def test_forged_file_ids_are_not_found(session, world, forged):
    assert _get(session, world["north_lead"], forged).status_code == 404


def test_files_are_kept_under_a_random_name_outside_the_web_root(session, world):
    kept = list((world["tmp"] / "uploads").iterdir())
    assert len(kept) == 1 and len(kept[0].name) == 64 and "Safeguarding" not in kept[0].name
    assert kept[0].read_bytes() == CONTENT and kept[0].stat().st_mode & 0o077 == 0
    assert world["file"].name == "Safeguarding policy.pdf"


def test_only_a_provider_lead_uploads_and_only_allowed_kinds(session, world):
    with pytest.raises(PermissionDenied):
        files.upload(session=session, actor=f.actor(world["manager"]), name="a.pdf", content=CONTENT, purpose="pir")
    with pytest.raises(InvalidInput) as refused:
        files.upload(session=session, actor=f.actor(world["north_lead"]), name="setup.pdf",
                     content=b"MZ\x90\x00 program", purpose="pir")
    assert refused.value.errors["file"].startswith("This file cannot be accepted")
    with pytest.raises(InvalidInput):
        files.upload(session=session, actor=f.actor(world["north_lead"]), name="a.pdf", content=CONTENT,
                     purpose="anything")


def test_factual_accuracy_evidence_is_an_allowed_purpose(session, world):
    stored = files.upload(session=session, actor=f.actor(world["north_lead"]), name="evidence.png",
                          content=b"\x89PNG\r\n\x1a\nxx", purpose="fa_comment")
    assert stored.name == "evidence.png"


def test_each_download_of_a_file_is_recorded_in_the_audit_trail_and_a_refusal_is_not(session, world):
    from sqlmodel import select

    from safehouse_portal.db import AuditEvent

    assert _get(session, world["manager"], world["file"].id).status_code == 200
    assert _get(session, world["south_lead"], world["file"].id).status_code == 404
    session.expire_all()
    rows = session.exec(select(AuditEvent).where(AuditEvent.action == "file.downloaded")).all()
    assert [(r.actor_id, r.entity_id, r.provider_id) for r in rows] == [
        (world["manager"].id, world["file"].id, world["north_lead"].provider_id)]
