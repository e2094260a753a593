"""The access facts are read once per unit of work, and read again as soon as anything is written."""

from sqlalchemy import delete
from sqlmodel import Session

from safehouse_portal.db import InspectionTeamMember
from safehouse_portal.domain.enums import Role
from safehouse_portal.services.core.access_facts import inspection_facts, provider_facts
from safehouse_portal.services.core.uow import unit_of_work
from tests.integration.worlds import factories as f
from tests.support.statements import counted


def _unit(engine):
    return unit_of_work(lambda: Session(engine))


def _world(session: Session):
    prov = f.provider(session, "Haven Trust")
    lead = f.user(session, "lead@cqc.test", Role.INSPECTOR)
    colleague = f.user(session, "colleague@cqc.test", Role.INSPECTOR)
    return prov, f.inspection(session, prov, lead), colleague


def test_facts_asked_for_twice_in_one_unit_are_read_once(engine):
    with Session(engine, expire_on_commit=False) as setup:
        _, inspection, _ = _world(setup)
    with _unit(engine) as unit:
        row = unit.get(type(inspection), inspection.id)
        with counted(engine) as first:
            facts = inspection_facts(unit, row)
        with counted(engine) as second:
            again = inspection_facts(unit, row)
        assert again == facts
        assert first and second == [], "the second asking reads nothing"


def test_a_team_member_added_in_the_unit_counts_at_once_flushed_or_not(engine):
    with Session(engine, expire_on_commit=False) as setup:
        prov, inspection, colleague = _world(setup)
    with _unit(engine) as unit:
        row = unit.get(type(inspection), inspection.id)
        assert colleague.id not in inspection_facts(unit, row).team_ids
        unit.add(InspectionTeamMember(inspection_id=row.id, user_id=colleague.id))
        assert colleague.id in inspection_facts(unit, row).team_ids, "a change waiting to be flushed is seen"
        unit.flush()
        assert colleague.id in inspection_facts(unit, row).team_ids
        assert colleague.id in provider_facts(unit, prov.id).inspector_ids
        unit.exec(delete(InspectionTeamMember).where(InspectionTeamMember.user_id == colleague.id))
        assert colleague.id not in inspection_facts(unit, row).team_ids, "a DELETE statement is seen"
        assert colleague.id not in provider_facts(unit, prov.id).inspector_ids


def test_a_new_unit_of_work_reads_the_facts_again(engine):
    with Session(engine, expire_on_commit=False) as setup:
        prov, inspection, colleague = _world(setup)
    with _unit(engine) as unit:
        assert colleague.id not in provider_facts(unit, prov.id).inspector_ids
        with Session(engine) as other:
            other.add(InspectionTeamMember(inspection_id=inspection.id, user_id=colleague.id))
            other.commit()
        unit.commit()
        assert colleague.id in provider_facts(unit, prov.id).inspector_ids, "a committed unit forgets its facts"
    with _unit(engine) as next_unit, counted(engine) as read:
        assert colleague.id in provider_facts(next_unit, prov.id).inspector_ids
        assert read, "a new unit reads the facts from the database"


def test_a_session_that_is_not_a_unit_of_work_reads_the_facts_every_time(engine):
    with Session(engine, expire_on_commit=False) as setup:
        prov, _, _ = _world(setup)
    with Session(engine) as long_lived:
        provider_facts(long_lived, prov.id)
        with counted(engine) as again:
            provider_facts(long_lived, prov.id)
        assert again, "a test's or a script's long session never keeps facts"
