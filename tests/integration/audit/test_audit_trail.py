"""The audit page's trail: filtered by person, provider, inspection, kind and London dates, before and
after in words, keyset pages that never repeat or skip an entry, and a CSV export with its header first."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select
from starlette.applications import Starlette
from starlette.testclient import TestClient

import safehouse_portal.db.engine as engine_module
import safehouse_portal.services.core.audit as core_audit
from safehouse_portal.db import AuditEvent
from safehouse_portal.services.accounts import sessions as auth
from safehouse_portal.services.audit import export, trail
from safehouse_portal.services.core import audit
from safehouse_portal.services.core.errors import InvalidInput, PermissionDenied
from safehouse_portal.web import audit_export as audit_web
from tests.integration.worlds import factories as f
from tests.integration.worlds.report_world import build

START = datetime(2026, 3, 31, 22, 30, tzinfo=UTC)
"""23:30 in London on 31 March 2026 (BST begins on 29 March, so this is 31 March there)."""


@pytest.fixture
def clock(monkeypatch):
    """The times the next audit rows are written at, one per row (then the real time again)."""
    times: list[datetime] = []
    monkeypatch.setattr(core_audit, "utcnow", lambda: times.pop(0) if times else datetime.now(UTC))
    return times


def _record(session, clock, at, who, action, entity_type, entity_id, before=None, after=None):
    clock.append(at)
    audit.record(session=session, actor=f.actor(who) if who else None, action=action, entity_type=entity_type,
                 entity_id=entity_id, before=before, after=after)
    session.commit()


def _history(session, clock):
    world = build(session)
    south_inspection = f.inspection(session, world.south, world.lead)
    for row in session.exec(select(AuditEvent)).all():
        session.delete(row)
    session.commit()
    _record(session, clock, START, world.manager, "inspection.stage_moved", "inspection", world.inspection.id,
            {"stage": "announced"}, {"stage": "pir_received", "pir_received_on": "2026-02-27"})
    _record(session, clock, START + timedelta(hours=1), world.lead, "kloe.judgement_saved", "inspection",
            world.inspection.id, {"rating": "meeting"}, {"rating": "requires_improvement"})
    _record(session, clock, START + timedelta(days=1), world.north_lead, "provider.lead_contact_changed", "provider",
            world.north.id, {"lead_name": "Ana"}, {"lead_name": "Bea"})
    _record(session, clock, START + timedelta(days=2), world.manager, "inspection.stage_moved", "inspection",
            south_inspection.id, {"stage": "planned"}, {"stage": "announced"})
    return world, south_inspection


def _whats(page):
    return [r.what for r in page.rows]


def test_each_filter_narrows_the_trail_to_its_own_entries(session, clock):
    world, south_inspection = _history(session, clock)
    pm = f.actor(world.manager)

    def page(**query):
        return trail.trail_page(session=session, actor=pm, query=query)

    assert _whats(page()) == ["Stage moved", "Lead contact changed", "KLOE judgement saved", "Stage moved"]
    assert _whats(page(inspection=str(world.inspection.id))) == ["KLOE judgement saved", "Stage moved"]
    assert _whats(page(provider=str(world.north.id))) == ["Lead contact changed", "KLOE judgement saved",
                                                          "Stage moved"]
    assert [r.provider for r in page(provider=str(world.south.id)).rows] == ["South Trust"]
    assert _whats(page(person=str(world.lead.id))) == ["KLOE judgement saved"]
    assert [r.inspection for r in page(kind="inspection.stage_moved").rows] == [
        f"{south_inspection.id}: South Trust group", f"{world.inspection.id}: Riverside safehouses"]
    # 31 March 23:30 UTC is 00:30 on 1 April in London: the day is London's.
    assert _whats(page(**{"from": "2026-04-01", "to": "2026-04-01"})) == ["Lead contact changed",
                                                                          "KLOE judgement saved"]
    assert _whats(page(**{"to": "2026-03-31"})) == ["Stage moved"]


def test_before_and_after_are_shown_side_by_side_in_words(session, clock):
    world, _ = _history(session, clock)
    rows = trail.trail_page(session=session, actor=f.actor(world.manager),
                            query={"inspection": world.inspection.id}).rows
    moved = rows[-1]
    assert moved.who == "Pm" and moved.when == "31 March 2026, 23:30:00"
    assert [(c.field, c.before, c.after) for c in moved.changes] == [
        ("Stage", "Announced", "PIR received"), ("PIR received on", "(none)", "27 February 2026")]
    assert [(c.field, c.before, c.after) for c in rows[0].changes] == [
        ("Rating", "Meeting requirements", "Requires improvement")]


def test_keyset_pages_neither_repeat_nor_skip_entries_when_new_ones_arrive(session, clock):
    world = build(session)
    base = datetime(2026, 5, 1, 9, tzinfo=UTC)
    for n in range(120):
        _record(session, clock, base + timedelta(minutes=n // 2), world.manager, "inspection.step_recorded",
                "inspection", world.inspection.id, None, {"n": n})
    pm, query = f.actor(world.manager), {"inspection": str(world.inspection.id)}
    first = trail.trail_page(session=session, actor=pm, query=query, page_size=50)
    _record(session, clock, base + timedelta(hours=5), world.manager, "inspection.step_recorded", "inspection",
            world.inspection.id, None, {"n": "new"})
    second = trail.trail_page(session=session, actor=pm, query=query, cursor=first.next_cursor, page_size=50)
    third = trail.trail_page(session=session, actor=pm, query=query, cursor=second.next_cursor, page_size=50)
    ids = [r.id for p in (first, second, third) for r in p.rows]
    assert len(first.rows) == 50 and len(second.rows) == 50 and len(third.rows) == 20
    assert third.next_cursor == ""
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 120
    assert trail.trail_page(session=session, actor=pm, query=query, cursor="not a cursor",
                            page_size=50).rows[0].changes[0].after == "new"


@pytest.mark.parametrize("who", ["lead", "north_lead", "stakeholder"])
def test_only_programme_managers_and_admins_may_read_the_trail(session, who):
    world = build(session)
    with pytest.raises(PermissionDenied):
        trail.trail_page(session=session, actor=f.actor(getattr(world, who)), query={})
    with pytest.raises(PermissionDenied):
        export.export_csv(session=session, actor=f.actor(getattr(world, who)), query={})
    assert trail.trail_page(session=session, actor=f.actor(world.admin), query={}).rows is not None


@pytest.mark.parametrize(("query", "field"), [
    ({"provider": "1; drop table"}, "provider"), ({"person": {"id": 1}}, "person"), ({"kind": "made.up"}, "kind"),
    ({"from": "31/03/2026"}, "from"), ({"from": "2026-04-02", "to": "2026-04-01"}, "to"),
])
def test_a_filter_that_cannot_be_used_is_named(session, query, field):
    world = build(session)
    with pytest.raises(InvalidInput) as refused:
        trail.trail_page(session=session, actor=f.actor(world.manager), query=query)
    assert field in refused.value.errors


def test_the_csv_export_has_its_header_first_holds_the_filtered_entries_and_is_itself_audited(session, engine,
                                                                                               clock, monkeypatch):
    world, _ = _history(session, clock)
    monkeypatch.setattr(engine_module, "get_engine", lambda: engine)
    client = TestClient(Starlette(routes=audit_web.ROUTES))
    url = f"/exports/audit.csv?inspection={world.inspection.id}"
    assert client.get(url).status_code == 401

    def token(user):
        signed_in = auth.sign_in(session=session, email=user.email, password=f.PASSWORD, now=datetime.now(UTC))
        session.commit()
        return signed_in.token

    assert client.get(url, cookies={"shp_session": token(world.lead)}).status_code == 404
    answer = client.get(url, cookies={"shp_session": token(world.manager)})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(answer.text)))
    assert rows[0] == list(export.HEADER)
    assert [r[3] for r in rows[1:]] == ["KLOE judgement saved", "Stage moved"]
    assert rows[2][7] == "Stage: Announced\nPIR received on: (none)"
    assert client.get("/exports/audit.csv?from=yesterday", cookies={"shp_session": token(world.manager)}
                      ).status_code == 400
    session.expire_all()
    exported = session.exec(select(AuditEvent).where(AuditEvent.action == "audit.exported")).one()
    assert exported.actor_id == world.manager.id and exported.after["rows"] == 2
