"""Two providers with locations in groups, one inspection under way and one planned: the programme-change tests' world."""

import pytest
from sqlmodel import select

from safehouse_portal.db import Inspection, InspectionGroup, Location
from safehouse_portal.domain.enums import Role, Stage
from safehouse_portal.services.core.membership import covered_by
from tests.integration.worlds import factories as f


@pytest.fixture
def programme(session):
    """North has groups A (two safehouses) and B (one); A's inspection is under way, B's planned.

    South has one location, ``south_house``, at a secret address north's lead must never see.
    """
    north, south = f.provider(session, "North Trust"), f.provider(session, "South Trust")
    started = f.inspection(session, north, None, Stage.INSPECTING)
    group_a = session.get(InspectionGroup, started.group_id)
    group_a.name = "North A"
    session.add(group_a)
    session.commit()
    planned = f.inspection(session, north, None, Stage.PLANNED)
    group_b = session.get(InspectionGroup, planned.group_id)
    group_b.name = "North B"
    session.add(group_b)
    session.commit()
    south_inspection = f.inspection(session, south, None, Stage.PLANNED)
    people = {
        "north_lead": f.user(session, "lead@north.test", Role.PROVIDER_LEAD, north),
        "south_lead": f.user(session, "lead@south.test", Role.PROVIDER_LEAD, south),
        "inspector": f.user(session, "insp@cqc.test", Role.INSPECTOR),
        "manager": f.user(session, "pm@cqc.test", Role.PROGRAMME_MANAGER),
        "admin": f.user(session, "admin@cqc.test", Role.ADMIN),
    }
    return {
        "north": north, "south": south, **people, "started": started, "planned": planned,
        "group_a": group_a, "group_b": group_b,
        "ash": f.location(session, north, "Ash House", "1 Ash Road, Leeds", group_a),
        "birch": f.location(session, north, "Birch House", "2 Birch Road, Leeds", group_a),
        "cedar": f.location(session, north, "Cedar House", "3 Cedar Road, York", group_b),
        "south_house": f.location(session, south, "Quay House", "99 Secret Quay, Bristol",
                                  session.get(InspectionGroup, south_inspection.group_id)),
    }


def covered(session, inspection: Inspection) -> set[str]:
    """The names of the locations ``inspection`` covers, as the report and survey read them."""
    return set(session.exec(select(Location.name).where(covered_by(session, inspection.id, inspection.group_id))).all())
