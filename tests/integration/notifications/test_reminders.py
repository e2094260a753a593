"""Reminders for a future day, across a bank holiday, stored exactly once however often the job runs."""

import json
from datetime import date

import pytest
from sqlmodel import Session, select

from safehouse_portal.cli import main as cli
from safehouse_portal.db import InfoRequest, Notification
from safehouse_portal.domain.enums import Role, Stage
from safehouse_portal.services.core.actor import CLI_OPERATOR
from safehouse_portal.services.core.errors import PermissionDenied
from safehouse_portal.services.framework.versions import ensure_default_framework
from safehouse_portal.services.notifications.reminders import run_reminders
from tests.integration.worlds import factories as f
from tests.integration.worlds.provider_world import inspection

REQUESTED = date(2026, 5, 18)
"""A Monday: five working days on, over the Spring bank holiday of Monday 25 May, the PIR is due on Tuesday 26 May."""
PIR_DUE = date(2026, 5, 26)


def _world(session):
    ensure_default_framework(session=session)
    provider = f.provider(session, "North Trust")
    lead = f.user(session, "lead@north.test", Role.PROVIDER_LEAD, provider)
    inspector = f.user(session, "insp@cqc.test", Role.INSPECTOR)
    manager = f.user(session, "pm@cqc.test", Role.PROGRAMME_MANAGER)
    visit = inspection(session, provider, inspector, "North group", Stage.ANNOUNCED, planned_start=date(2026, 6, 8),
                       planned_end=date(2026, 6, 9), pir_requested_on=REQUESTED, announcement_call_on=REQUESTED,
                       announcement_letter_on=REQUESTED)
    return {"lead": lead, "inspector": inspector, "manager": manager, "inspection": visit}


def _keys(session) -> list[str]:
    return [n.dedupe_key for n in session.exec(select(Notification).order_by(Notification.id)).all()]


def test_the_pir_reminders_fall_before_and_after_the_bank_holiday_once_each(session):
    world = _world(session)
    for day in (date(2026, 5, 21), date(2026, 5, 21), date(2026, 5, 22), date(2026, 5, 25), date(2026, 5, 26),
                date(2026, 5, 26)):
        run_reminders(session=session, actor=CLI_OPERATOR, today=day)
        session.commit()
    lead = world["lead"].id
    assert _keys(session) == [f"pir:{world['inspection'].id}:wd{n}:u{lead}" for n in (2, 1, 0)]
    notes = session.exec(select(Notification)).all()
    assert {(n.kind, n.due_on, n.user_id, n.link_target) for n in notes} == {("pir_due", PIR_DUE, lead, "provider_pir")}


def test_a_received_pir_is_not_reminded_and_an_open_request_is_on_its_due_day(session):
    world = _world(session)
    world["inspection"].pir_received_on = date(2026, 5, 20)
    session.add(world["inspection"])
    session.add(InfoRequest(inspection_id=world["inspection"].id, question="Send the rota.", due_on=PIR_DUE,
                            asked_by_id=world["inspector"].id))
    session.commit()
    created = run_reminders(session=session, actor=CLI_OPERATOR, today=PIR_DUE)
    assert [(r.kind, r.to, r.due) for r in created] == [("info_due", "lead@north.test", "2026-05-26")]


def test_only_the_operator_or_an_admin_runs_the_job(session):
    world = _world(session)
    with pytest.raises(PermissionDenied):
        run_reminders(session=session, actor=f.actor(world["manager"]), today=PIR_DUE)


@pytest.fixture
def database(migrated_database, monkeypatch):
    """A database of this test's own that ``safehouse db upgrade`` migrated (once per session, copied)."""
    monkeypatch.delenv("SAFEHOUSE_SMTP_URL", raising=False)
    return migrated_database


def test_notify_run_for_a_future_day_prints_the_reminders_as_json_and_a_dry_run_stores_nothing(database, capsys):
    with Session(database) as session:
        world = _world(session)
        inspection_id = world["inspection"].id
    capsys.readouterr()
    assert cli.main(["notify", "run", "--today", "2026-05-22", "--dry-run", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert printed == [{"kind": "pir_due", "to": "lead@north.test", "inspection_id": inspection_id, "due": "2026-05-26"}]
    with Session(database) as session:
        assert _keys(session) == []
    assert cli.main(["notify", "run", "--today", "2026-05-22", "--json"]) == 0
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1]) == printed
    assert cli.main(["notify", "run", "--today", "2026-05-22", "--json"]) == 0
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1]) == []
    assert cli.main(["notify", "run", "--today", "2026-05-25", "--dry-run", "--json"]) == 0
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1]) == []
