"""The audit trail is a hash chain: it verifies, an edit made in the database breaks it at that row,
concurrent writers on PostgreSQL never fork it, and the migration chains the rows written before it."""

import threading

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, text
from sqlmodel import Session, select

import safehouse_portal.db.engine as engine_module
from safehouse_portal.cli import main as cli
from safehouse_portal.db import AuditEvent
from safehouse_portal.db.engine import make_engine
from safehouse_portal.domain.enums import Role
from safehouse_portal.services.audit.chain import verify
from safehouse_portal.services.core import audit
from safehouse_portal.services.core.actor import CLI_OPERATOR
from safehouse_portal.services.core.errors import PermissionDenied
from safehouse_portal.settings import PROJECT_ROOT
from tests.integration.worlds import factories as f


def _trail(session, inspection, count=5):
    pm = f.user(session, "pm@cqc.test", Role.PROGRAMME_MANAGER)
    for n in range(count):
        audit.record(session=session, actor=f.actor(pm), action="inspection.stage_moved", entity_type="inspection",
                     entity_id=inspection.id, before={"stage": "planned"}, after={"stage": "announced", "n": n})
        session.commit()
    return pm


def test_the_chain_verifies_and_an_edit_in_the_database_breaks_it_at_that_row(session):
    north = f.provider(session, "North Trust")
    inspection = f.inspection(session, north, None)
    _trail(session, inspection)
    rows = session.exec(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [r.inspection_id for r in rows] == [inspection.id] * 5 and {r.provider_id for r in rows} == {north.id}
    assert rows[0].previous_hash == "0" * 64 and rows[1].previous_hash == rows[0].row_hash
    assert verify(session=session, actor=CLI_OPERATOR).broken is None

    session.exec(text("UPDATE audit_event SET after = CAST(:after AS JSON) WHERE id = :id")
                 .bindparams(after='{"stage": "closed", "n": 2}', id=rows[2].id))
    session.commit()
    session.expire_all()
    result = verify(session=session, actor=CLI_OPERATOR)
    assert result.broken.row_id == rows[2].id and result.rows == 2
    assert "changed after it was written" in result.broken.reason


def test_removing_a_row_breaks_the_link_of_the_next_row(session):
    inspection = f.inspection(session, f.provider(session, "North Trust"), None)
    _trail(session, inspection)
    rows = session.exec(select(AuditEvent.id).order_by(AuditEvent.id)).all()
    session.exec(text("DELETE FROM audit_event WHERE id = :id").bindparams(id=rows[1]))
    session.commit()
    broken = verify(session=session, actor=CLI_OPERATOR).broken
    assert broken.row_id == rows[2] and f"does not follow row {rows[0]}" in broken.reason


def test_only_admins_and_programme_managers_may_verify(session):
    lead = f.user(session, "lead@north.test", Role.PROVIDER_LEAD, f.provider(session, "North Trust"))
    with pytest.raises(PermissionDenied):
        verify(session=session, actor=f.actor(lead))


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)  # SQLite lets one writer at a time
def test_concurrent_writers_never_fork_the_chain(engine):
    with Session(engine) as session:
        inspection = f.inspection(session, f.provider(session, "North Trust"), None)
        inspection_id = inspection.id
    start, errors = threading.Barrier(4), []

    def write(worker: int) -> None:
        try:
            start.wait()
            for n in range(25):
                with Session(engine) as s:
                    s.exec(select(AuditEvent.id).limit(1)).all()  # a snapshot taken before the append
                    audit.record(session=s, actor=CLI_OPERATOR, action="inspection.step_recorded",
                                 entity_type="inspection", entity_id=inspection_id, after={"worker": worker, "n": n})
                    s.commit()
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Session(engine) as session:
        rows = session.exec(select(AuditEvent).order_by(AuditEvent.id)).all()
        assert len(rows) == 100
        assert len({r.previous_hash for r in rows}) == 100, "two rows chained to the same head: the chain forked"
        assert verify(session=session, actor=CLI_OPERATOR).broken is None


def test_the_migration_chains_the_rows_written_before_it(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", url)
    command.upgrade(config, "0005")
    old = create_engine(url)
    with old.begin() as conn:
        conn.execute(text("INSERT INTO provider (id, name, lead_name, lead_email, lead_phone) "
                          "VALUES (1, 'North Trust', 'L', 'l@n.test', '0')"))
        for n in range(3):
            conn.execute(text("INSERT INTO audit_event (at, action, entity_type, entity_id, after) VALUES "
                              "(:at, 'provider.lead_contact_changed', 'provider', 1, :after)"),
                         {"at": f"2026-03-0{n + 1} 10:00:00.000000", "after": f'{{"lead_name": "L{n}"}}'})
    old.dispose()
    command.upgrade(config, "head")
    engine = make_engine(url)
    with Session(engine) as session:
        rows = session.exec(select(AuditEvent).order_by(AuditEvent.id)).all()
        assert [r.provider_id for r in rows] == [1, 1, 1] and all(r.row_hash for r in rows)
        assert verify(session=session, actor=CLI_OPERATOR).broken is None
        audit.record(session=session, actor=CLI_OPERATOR, action="provider.lead_contact_changed",
                     entity_type="provider", entity_id=1, after={"lead_name": "L3"})
        session.commit()
        assert verify(session=session, actor=CLI_OPERATOR).rows == 4
    engine.dispose()


def test_safehouse_audit_verify_exits_1_naming_the_broken_row(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = make_engine(url)
    monkeypatch.setattr(engine_module, "get_engine", lambda: engine)
    assert cli.main(["db", "upgrade"]) == 0
    with Session(engine) as session:
        _trail(session, f.inspection(session, f.provider(session, "North Trust"), None), count=3)
        second = session.exec(select(AuditEvent.id).order_by(AuditEvent.id)).all()[1]
    assert cli.main(["audit", "verify"]) == 0
    assert "3 row(s) checked" in capsys.readouterr().out
    with engine.begin() as conn:
        conn.execute(text("UPDATE audit_event SET actor_id = NULL WHERE id = :id"), {"id": second})
    assert cli.main(["audit", "verify"]) == 1
    assert f"broken at row {second}" in capsys.readouterr().err
    engine.dispose()
