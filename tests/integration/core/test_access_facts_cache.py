"""An inspection's access facts are read once per unit of work, and never outlive the session's own writes."""

from sqlalchemy import event, insert
from sqlmodel import Session

from safehouse_portal.db import InspectionTeamMember
from safehouse_portal.domain.enums import Role
from safehouse_portal.services.core.access_facts import inspection_facts
from tests.integration.worlds import factories


def _world(engine):
    with Session(engine, expire_on_commit=False) as session:
        provider = factories.provider(session, "Haven")
        lead = factories.user(session, "lead@cqc.test", Role.INSPECTOR)
        colleague = factories.user(session, "colleague@cqc.test", Role.INSPECTOR)
        return factories.inspection(session, provider, lead), colleague


def _counting(engine) -> list[str]:
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    return statements


def test_the_second_check_in_one_unit_of_work_sends_no_query(engine):
    inspection, _ = _world(engine)
    with Session(engine) as session:
        first = inspection_facts(session, inspection)
        statements = _counting(engine)
        again = inspection_facts(session, inspection)
    assert again == first
    assert statements == []


def test_a_colleague_added_in_the_same_unit_of_work_is_on_the_team_at_the_next_check(engine):
    inspection, colleague = _world(engine)
    with Session(engine) as session:
        assert colleague.id not in inspection_facts(session, inspection).team_ids
        session.add(InspectionTeamMember(inspection_id=inspection.id, user_id=colleague.id))
        session.flush()
        assert colleague.id in inspection_facts(session, inspection).team_ids


def test_a_team_change_written_as_a_statement_is_seen_at_the_next_check(engine):
    inspection, colleague = _world(engine)
    with Session(engine) as session:
        assert colleague.id not in inspection_facts(session, inspection).team_ids
        session.exec(insert(InspectionTeamMember).values(inspection_id=inspection.id, user_id=colleague.id))
        assert colleague.id in inspection_facts(session, inspection).team_ids
