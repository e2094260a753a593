"""The programme board's world: two providers, every role, and groups at two stages (a pytest plugin)."""

from datetime import date

import pytest
from sqlmodel import select

from safehouse_portal.db import FrameworkVersion, Inspection, InspectionGroup, InspectionTeamMember, Location
from safehouse_portal.domain.enums import InspectionMode, InspectionType, Role, ServiceKind, Stage
from tests.integration.worlds import factories as f


def add_group(session, provider, name, *, stage=Stage.PLANNED, lead=None, kind=ServiceKind.SAFEHOUSE,
              region="London", children=False, start=date(2026, 12, 14), **steps):
    """A group with one location and one current inspection."""
    version = session.exec(select(FrameworkVersion)).first()
    if version is None:
        version = FrameworkVersion(version="t", title="t", source="t", is_current=True)
        session.add(version)
        session.commit()
    group = InspectionGroup(provider_id=provider.id, name=name)
    session.add(group)
    session.commit()
    session.add(Location(provider_id=provider.id, group_id=group.id, name=f"{name} house", kind=kind,
                         region=region, address="Secret", accommodates_children=children))
    inspection = Inspection(group_id=group.id, type=InspectionType.FOCUSED, mode=InspectionMode.REMOTE,
                            key_questions=["safe"], planned_start=start, planned_end=start,
                            lead_inspector_id=lead.id if lead else None, stage=stage,
                            framework_version_id=version.id, **steps)
    session.add(inspection)
    session.commit()
    return inspection


@pytest.fixture
def board_world(session):
    """Two providers, every role, a planned group with children and an overdue outreach group in drafting."""
    north, south = f.provider(session, "North Trust"), f.provider(session, "South Trust")
    people = {
        "lead": f.user(session, "lead@north.test", Role.PROVIDER_LEAD, north),
        "inspector": f.user(session, "insp@cqc.test", Role.INSPECTOR),
        "other_inspector": f.user(session, "other@cqc.test", Role.INSPECTOR),
        "manager": f.user(session, "pm@cqc.test", Role.PROGRAMME_MANAGER),
        "admin": f.user(session, "admin@cqc.test", Role.ADMIN),
        "stakeholder": f.user(session, "ho@homeoffice.test", Role.STAKEHOLDER),
    }
    planned = add_group(session, north, "Alder services", lead=people["inspector"], children=True)
    overdue = add_group(session, south, "Birch services", stage=Stage.DRAFTING, lead=people["other_inspector"],
                        kind=ServiceKind.OUTREACH, region="North East", start=date(2026, 10, 1),
                        announcement_call_on=date(2026, 9, 17), announcement_letter_on=date(2026, 9, 17),
                        pir_requested_on=date(2026, 9, 17), pir_received_on=date(2026, 9, 22),
                        started_on=date(2026, 10, 1), ended_on=date(2026, 10, 1))
    session.add(InspectionTeamMember(inspection_id=overdue.id, user_id=people["inspector"].id))
    session.commit()
    return {"north": north, "south": south, "planned": planned, "overdue": overdue, **people}
