"""Importing the programme spreadsheet against a real database (SQLite and PostgreSQL)."""

import io

import pytest
from openpyxl import Workbook
from sqlmodel import func, select

from safehouse_portal.db import AuditEvent, InspectionGroup, LeadContactChange, Location, Provider, User
from safehouse_portal.domain.enums import Role, Stage
from safehouse_portal.domain.programme_rows import MAX_FILE_BYTES, MAX_ROWS
from safehouse_portal.services.accounts.passwords import verify_password
from safehouse_portal.services.core.errors import PermissionDenied
from safehouse_portal.services.providers.programme_export import export_programme, programme_history
from safehouse_portal.services.providers.programme_import import ProgrammeFileError, import_programme
from tests.integration.providers.programme_sheets import INSPECTOR_EMAIL, csv_bytes, row, two_providers
from tests.integration.worlds import factories as f


@pytest.fixture
def manager(session):
    f.user(session, INSPECTOR_EMAIL, Role.INSPECTOR)
    return f.actor(f.user(session, "pm@cqc.test", Role.PROGRAMME_MANAGER))


def run(session, actor, content: bytes, dry_run: bool = False):
    outcome = import_programme(session=session, actor=actor, content=content, dry_run=dry_run)
    session.commit()
    return outcome


def count(session, table) -> int:
    return session.exec(select(func.count()).select_from(table)).one()


def test_an_import_creates_providers_groups_locations_and_lead_accounts(session, manager):
    outcome = run(session, manager, csv_bytes(two_providers()))
    assert (count(session, Provider), count(session, InspectionGroup), count(session, Location)) == (2, 2, 3)
    rowan = session.exec(select(Location).where(Location.name == "Rowan House")).one()
    assert (rowan.capacity, rowan.postcode, rowan.address) == (8, "ZZ99 3AB", "12 Example Road, Testford")
    harbour = session.exec(select(Provider).where(Provider.name == "Harbourlight Support Trust")).one()
    assert session.get(User, harbour.designated_inspector_id).email == INSPECTOR_EMAIL
    (eleanor,) = [a for a in outcome.accounts if a.email == "eleanor@harbour.test"]
    lead = session.get(User, eleanor.user_id)
    assert lead.role is Role.PROVIDER_LEAD and lead.provider_id == harbour.id
    assert verify_password(lead.password_hash, eleanor.password)
    assert len(outcome.accounts) == 2 and len(outcome.created) == 2 + 2 + 3


def test_importing_the_same_file_twice_changes_nothing(session, manager):
    run(session, manager, csv_bytes(two_providers()))
    events = count(session, AuditEvent)
    again = run(session, manager, csv_bytes(two_providers()))
    assert again.created == [] and again.changed == [] and again.accounts == []
    assert len(again.unchanged) == 2 + 3
    assert (count(session, Provider), count(session, Location), count(session, User)) == (2, 3, 2 + 2)
    assert count(session, AuditEvent) == events + 1  # only the import itself is recorded


def test_a_changed_row_changes_that_location_and_keeps_who_when_before_and_after(session, manager):
    run(session, manager, csv_bytes(two_providers()))
    rows = two_providers()
    rows[0] |= {"capacity": "10", "active": "no", "address": "1 New Street"}
    rows[2] |= {"lead_phone": "01632 960999"}
    outcome = run(session, manager, csv_bytes(rows))
    assert sorted(item.name for item in outcome.changed) == ["Northgate Refuge Partnership",
                                                             "Rowan House (Harbourlight Support Trust)"]
    rowan = session.exec(select(Location).where(Location.name == "Rowan House")).one()
    assert (rowan.capacity, rowan.active, rowan.address) == (10, False, "1 New Street")
    history = programme_history(session=session, actor=manager, entity_type="location", entity_id=rowan.id)
    change = history[-1]
    assert change.action == "programme.location_changed" and change.by == "Pm"
    assert (change.before["capacity"], change.after["capacity"]) == (8, 10)
    assert change.after["address_changed"] is True and "1 New Street" not in str(change)
    kept = session.exec(select(LeadContactChange)).one()
    assert (kept.old_phone, kept.new_phone) == ("01632 960107", "01632 960999")


def test_a_location_missing_from_the_file_is_left_as_it_is(session, manager):
    run(session, manager, csv_bytes(two_providers()))
    run(session, manager, csv_bytes(two_providers()[1:]))
    rowan = session.exec(select(Location).where(Location.name == "Rowan House")).one()
    assert rowan.active is True


def test_any_error_imports_nothing_and_every_error_is_listed(session, manager):
    rows = [*two_providers(), row(location="Ash House", kind="hostel"), row(location="Elm House", region="Narnia"),
            row(provider="Other Trust", lead_email="x@other.test", designated_inspector_email="pm@cqc.test")]
    with pytest.raises(ProgrammeFileError) as refused:
        run(session, manager, csv_bytes(rows))
    session.rollback()
    assert refused.value.problems[0] == "row 5, column kind: Enter safehouse or outreach (not 'hostel')"
    assert refused.value.problems[1].startswith("row 6, column region: Enter one of the regions")
    assert refused.value.problems[2] == ("row 7, column designated_inspector_email: "
                                         "No active inspector has the email address pm@cqc.test")
    assert len(refused.value.problems) == 3
    assert (count(session, Provider), count(session, Location), count(session, User)) == (0, 0, 2)


def test_a_dry_run_says_what_would_happen_and_writes_nothing(session, manager):
    outcome = run(session, manager, csv_bytes(two_providers()), dry_run=True)
    assert outcome.dry_run and len(outcome.created) == 7
    assert [a.email for a in outcome.accounts] == ["eleanor@harbour.test", "kwame@north.test"]
    assert all(a.password == "" for a in outcome.accounts)
    assert (count(session, Provider), count(session, Location), count(session, User), count(session, AuditEvent)) \
        == (0, 0, 2, 0)


def test_an_oversized_file_is_refused_before_it_is_read(session, manager):
    with pytest.raises(ProgrammeFileError) as too_big:
        run(session, manager, b"x" * (MAX_FILE_BYTES + 1))
    assert too_big.value.problems == ["The file is larger than 5 MB: split the programme into smaller files"]
    many = csv_bytes([row(location=f"House {n}") for n in range(MAX_ROWS + 1)])
    assert len(many) < MAX_FILE_BYTES
    with pytest.raises(ProgrammeFileError) as too_long:
        run(session, manager, many)
    assert too_long.value.problems == ["The file has more than 20,000 rows: split the programme into smaller files"]


def test_a_formula_in_a_workbook_is_kept_as_its_text(session, manager):
    book = Workbook()
    sheet = book.active
    first = row(location="=HYPERLINK(\"http://evil.test\",\"Rowan\")", capacity="=2+2")
    sheet.append(list(first))
    sheet.append(list(first.values()))
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(ProgrammeFileError) as refused:
        run(session, manager, out.getvalue())
    assert refused.value.problems == ["row 2, column capacity: Enter a whole number from 0 to 10000"]
    sheet["L2"] = 4
    out = io.BytesIO()
    book.save(out)
    run(session, manager, out.getvalue())
    assert session.exec(select(Location.name)).one() == "=HYPERLINK(\"http://evil.test\",\"Rowan\")"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_changes_nothing(session, manager, fmt):
    rows = two_providers()
    rows[0]["location"] = "=Rowan"
    run(session, manager, csv_bytes(rows))
    for with_addresses in (False, True):
        export = export_programme(session=session, actor=manager, fmt=fmt, with_addresses=with_addresses)
        assert (b"12 Example Road" in export.content) is with_addresses or fmt == "xlsx"
        again = run(session, manager, export.content)
        assert again.created == [] and again.changed == [] and len(again.unchanged) == 5


def test_a_location_of_a_group_under_inspection_stays_in_it(session, manager):
    run(session, manager, csv_bytes(two_providers()))
    group = session.exec(select(InspectionGroup).where(InspectionGroup.name == "Testford services")).one()
    f.inspection(session, session.get(Provider, group.provider_id), None, Stage.INSPECTING).group_id = group.id
    session.commit()
    rows = two_providers()
    rows[0]["group"] = "Elsewhere services"
    rows.append(row(location="Ash House"))
    with pytest.raises(ProgrammeFileError) as refused:
        run(session, manager, csv_bytes(rows))
    assert refused.value.problems == [
        "row 2, column group: 'Testford services' has an inspection under way: its locations stay in it until "
        "the inspection closes",
        "row 5, column group: 'Testford services' has an inspection under way: no location joins it until the "
        "inspection closes"]


def test_a_lead_email_of_someone_elses_account_is_refused(session, manager):
    with pytest.raises(ProgrammeFileError) as refused:
        run(session, manager, csv_bytes([row(lead_email=INSPECTOR_EMAIL)]))
    assert refused.value.problems == ["row 2, column lead_email: This email address is already the account of a "
                                      "inspector elsewhere: use the lead's own address"]


@pytest.mark.parametrize("role", [Role.PROVIDER_LEAD, Role.INSPECTOR, Role.STAKEHOLDER])
def test_only_programme_managers_and_admins_may_import(session, manager, role):
    someone = f.actor(f.user(session, f"{role.value}@cqc.test", role))
    with pytest.raises(PermissionDenied):
        run(session, someone, csv_bytes(two_providers()))
    with pytest.raises(PermissionDenied):
        export_programme(session=session, actor=someone, fmt="csv")
    assert count(session, Provider) == 0


def test_an_admin_may_import_but_not_export_addresses(session, manager):
    admin = f.actor(f.user(session, "admin@cqc.test", Role.ADMIN))
    run(session, admin, csv_bytes(two_providers()))
    assert b"Rowan House" in export_programme(session=session, actor=admin, fmt="csv").content
    with pytest.raises(PermissionDenied):
        export_programme(session=session, actor=admin, fmt="csv", with_addresses=True)
