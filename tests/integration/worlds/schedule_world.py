"""The schedule's world: two providers, one inspection of the north one led by ``lead``, one person per role."""

import pytest

from safehouse_portal.domain.enums import Role
from tests.integration.worlds import factories as f


@pytest.fixture
def schedule_world(session):
    """Two providers, an inspection of the north one led by ``lead``, and one person per role."""
    north, south = f.provider(session, "North Trust"), f.provider(session, "South Trust")
    people = {
        "north_lead": f.user(session, "lead@north.test", Role.PROVIDER_LEAD, north),
        "south_lead": f.user(session, "lead@south.test", Role.PROVIDER_LEAD, south),
        "lead": f.user(session, "lead@cqc.test", Role.INSPECTOR),
        "other_inspector": f.user(session, "other@cqc.test", Role.INSPECTOR),
        "manager": f.user(session, "pm@cqc.test", Role.PROGRAMME_MANAGER),
        "admin": f.user(session, "admin@cqc.test", Role.ADMIN),
        "stakeholder": f.user(session, "ho@homeoffice.test", Role.STAKEHOLDER),
    }
    inspection = f.inspection(session, north, people["lead"])
    return {"north": north, "south": south, "inspection": inspection, **people}
