"""An import's changes are kept in the programme's history the provider and location pages show; addresses never as text."""

import pytest
from sqlmodel import func, select

from safehouse_portal.db import AuditEvent, Location, ProgrammeChange, Provider, User
from safehouse_portal.domain.enums import Role
from safehouse_portal.services.providers import location_setup, setup
from safehouse_portal.services.providers.programme_import import ProgrammeFileError, import_programme
from tests.integration.providers.programme_sheets import INSPECTOR_EMAIL, csv_bytes, row, two_providers
from tests.integration.worlds import factories as f


@pytest.fixture
def manager(session):
    f.user(session, INSPECTOR_EMAIL, Role.INSPECTOR)
    return f.actor(f.user(session, "pm@cqc.test", Role.PROGRAMME_MANAGER))


def run(session, actor, rows, file_name="programme 2026.csv"):
    outcome = import_programme(session=session, actor=actor, content=csv_bytes(rows), dry_run=False,
                               file_name=file_name)
    session.commit()
    return outcome


def kept(session) -> list[ProgrammeChange]:
    return list(session.exec(select(ProgrammeChange).order_by(ProgrammeChange.id)).all())


def named(session, table, name):
    return session.exec(select(table).where(table.name == name)).one()


def test_what_an_import_creates_shows_in_the_provider_and_location_history(session, manager):
    run(session, manager, two_providers())
    harbour = named(session, Provider, "Harbourlight Support Trust")
    rowan = named(session, Location, "Rowan House")
    page = setup.provider_setup(session=session, actor=manager, provider_id=harbour.id)
    created = {(r.entity_type, r.what) for r in page.history if r.field == "Created"}
    assert created == {("provider", "Harbourlight Support Trust"), ("group", "Testford services"),
                       ("location", "Rowan House"), ("location", "Hazel House")}
    assert {(r.source, r.reason, r.changed_by) for r in page.history} == {
        ("Spreadsheet import", "Programme import: programme 2026.csv", "Pm")}
    [own] = location_setup.location_setup(session=session, actor=manager, location_id=rowan.id).history
    assert (own.field, own.after) == ("Created", "Rowan House")


def test_a_changed_row_keeps_each_field_and_an_address_or_postcode_only_as_changed(session, manager):
    run(session, manager, two_providers())
    rows = two_providers()
    rows[0] |= {"capacity": "10", "address": "1 New Street", "postcode": "ZZ99 7QQ", "group": "Moorside services"}
    rows[2] |= {"lead_phone": "01632 960999", "designated_inspector_email": ""}
    events = session.exec(select(func.count()).select_from(AuditEvent)).one()
    run(session, manager, rows, file_name="C:\\Users\\pm\\Desktop\\autumn\x00 update.csv")
    new_events = session.exec(select(AuditEvent.action).where(AuditEvent.id > events)).all()
    assert sorted(new_events) == ["programme.group_created", "programme.imported", "programme.location_changed",
                                  "programme.provider_changed"]  # the history adds no audit of its own
    rowan = named(session, Location, "Rowan House")
    history = location_setup.location_setup(session=session, actor=manager, location_id=rowan.id).history
    changed = {r.field: (r.before, r.after, r.reason) for r in history if r.field != "Created"}
    reason = "Programme import: autumn update.csv"
    assert changed == {"Capacity": ("8", "10", reason), "Inspection group": ("Testford services", "Moorside services",
                                                                             reason),
                       "Address": ("(not kept)", "(changed)", reason), "Postcode": ("(not kept)", "(changed)", reason)}
    north = named(session, Provider, "Northgate Refuge Partnership")
    lead_page = setup.provider_setup(session=session, actor=manager, provider_id=north.id).history
    inspector = session.exec(select(User).where(User.email == INSPECTOR_EMAIL)).one()
    assert {r.field: (r.before, r.after) for r in lead_page if r.field != "Created"} == {
        "Lead phone": ("01632 960107", "01632 960999"), "Designated inspector": (inspector.name, "-")}
    stored = " ".join(f"{c.before} {c.after}" for c in kept(session))
    assert "New Street" not in stored and "7QQ" not in stored and "Example Road" not in stored


def test_an_unchanged_reimport_or_a_refused_file_keeps_nothing_more(session, manager):
    run(session, manager, two_providers())
    before = len(kept(session))
    run(session, manager, two_providers())
    with pytest.raises(ProgrammeFileError):
        run(session, manager, [*two_providers(), row(location="Elm House", region="Narnia")])
    session.rollback()
    assert len(kept(session)) == before


def test_a_dry_run_keeps_no_history(session, manager):
    import_programme(session=session, actor=manager, content=csv_bytes(two_providers()), dry_run=True)
    session.commit()
    assert kept(session) == []


def test_without_a_file_name_the_reason_still_says_it_was_the_import(session, manager):
    run(session, manager, two_providers()[:1], file_name="")
    assert {c.reason for c in kept(session)} == {"Programme import"}
