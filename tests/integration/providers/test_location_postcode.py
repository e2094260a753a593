"""The location page shows and changes the postcode the import keeps, with the import's one postcode rule."""

import pytest
from sqlmodel import select

from safehouse_portal.db import AuditEvent, Location
from safehouse_portal.domain.programme_rows import POSTCODE_MESSAGE
from safehouse_portal.services.core.errors import InvalidInput
from safehouse_portal.services.providers import location_setup
from tests.integration.worlds import factories as f

LOCATION = {"name": "Ash House", "kind": "safehouse", "region": "Yorkshire and the Humber", "address": "1 Ash Road, Leeds",
            "manager_name": "", "accommodates_children": "no", "capacity": "6", "active": "yes",
            "closed_on": "", "reason": "The provider sent the full address"}


def _save(session, who, location, **changes):
    location_setup.update_location(session=session, actor=f.actor(who), location_id=location.id,
                                   data={**LOCATION, "region": location.region, **changes})
    session.commit()


def test_a_manager_sets_the_postcode_written_as_the_import_writes_it_and_kept_in_the_history(session, programme):
    _save(session, programme["manager"], programme["ash"], postcode="  zz99   4ab ")
    assert session.get(Location, programme["ash"].id).postcode == "ZZ99 4AB"
    view = location_setup.location_setup(session=session, actor=f.actor(programme["manager"]),
                                         location_id=programme["ash"].id)
    assert view.postcode == "ZZ99 4AB"
    assert [(r.field, r.before, r.after) for r in view.history] == [("Postcode", "-", "ZZ99 4AB")]
    audit = session.exec(select(AuditEvent).where(AuditEvent.action == "programme.location_changed")).one()
    assert "4AB" not in repr(audit.before) + repr(audit.after)


@pytest.mark.parametrize("bad", ["LS1", "12345", "ZZ99 4AB EXTRA", ["ZZ99 4AB"]])
def test_a_postcode_the_import_would_refuse_is_refused_by_its_field_and_nothing_is_saved(session, programme, bad):
    with pytest.raises(InvalidInput) as refused:
        _save(session, programme["manager"], programme["ash"], postcode=bad, capacity="9")
    assert refused.value.errors == {"postcode": POSTCODE_MESSAGE}
    assert session.get(Location, programme["ash"].id).capacity != 9


def test_an_admin_neither_sees_nor_changes_the_postcode(session, programme):
    _save(session, programme["manager"], programme["ash"], postcode="ZZ99 4AB")
    admin = f.actor(programme["admin"])
    view = location_setup.location_setup(session=session, actor=admin, location_id=programme["ash"].id)
    assert view.postcode == "" and not view.may_see_address
    assert {(r.before, r.after) for r in view.history if r.field == "Postcode"} == {("Withheld", "Withheld")}
    _save(session, programme["admin"], programme["ash"], postcode="", capacity="7")
    ash = session.get(Location, programme["ash"].id)
    assert (ash.postcode, ash.capacity) == ("ZZ99 4AB", 7)
