"""``safehouse programme import | show | export`` against a real (SQLite) database."""

import json

import pytest
from sqlmodel import Session, select

from safehouse_portal.cli import main as cli
from safehouse_portal.db import AuditEvent, Location
from tests.integration.providers.programme_sheets import csv_bytes, row, two_providers


@pytest.fixture
def database(demo_database):
    """A database of this test's own after ``safehouse db upgrade`` and ``seed --demo`` (once per session, copied)."""
    return demo_database


def test_export_then_import_of_the_demo_programme_changes_nothing(database, tmp_path, capsys):
    for name in ("programme.csv", "programme.xlsx"):
        assert cli.main(["programme", "export", str(tmp_path / name), "--with-addresses"]) == 0
        capsys.readouterr()
        assert cli.main(["programme", "import", str(tmp_path / name)]) == 0
        assert "Created 0, changed 0, left 155 unchanged." in capsys.readouterr().out


def test_a_bad_file_exits_1_listing_every_error_and_imports_nothing(database, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes([row(designated_inspector_email="inspector1@demo.safehouse.test", kind="hostel"),
                                row(location="Ash House", capacity="lots",
                                    designated_inspector_email="inspector1@demo.safehouse.test")]))
    assert cli.main(["programme", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Nothing imported: 2 error(s)" in err
    assert "row 2, column kind: Enter safehouse or outreach (not 'hostel')" in err
    assert "row 3, column capacity: Enter a whole number from 0 to 10000" in err


def test_a_dry_run_lists_what_would_be_created_and_writes_nothing(database, tmp_path, capsys):
    path = tmp_path / "new.csv"
    renamed = {"Harbourlight Support Trust": "Ashgrove Trust", "Northgate Refuge Partnership": "Birchfield Trust"}
    path.write_bytes(csv_bytes([r | {"designated_inspector_email": "", "provider": renamed[r["provider"]]}
                                for r in two_providers()]))
    with Session(database) as session:
        before = len(session.exec(select(Location)).all())
    assert cli.main(["programme", "import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Dry run: nothing written." in out and "+ location Rowan House (Ashgrove Trust)" in out
    assert "+ provider lead account eleanor@harbour.test" in out and "password" not in out
    with Session(database) as session:
        assert len(session.exec(select(Location)).all()) == before
    assert cli.main(["programme", "import", str(path)]) == 0
    assert "eleanor@harbour.test: password (shown once) " in capsys.readouterr().out


def test_show_json_has_the_issues_shape_and_no_addresses_unless_asked(database, capsys):
    assert cli.main(["programme", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    first = shown["providers"][0]
    assert set(first) == {"name", "lead_email", "designated_inspector", "locations"}
    assert set(first["locations"][0]) == {"name", "kind", "region", "group", "active", "accommodates_children"}
    assert sum(len(p["locations"]) for p in shown["providers"]) == 143
    assert cli.main(["programme", "show", "--json", "--with-addresses"]) == 0
    assert "address" in json.loads(capsys.readouterr().out)["providers"][0]["locations"][0]
    with Session(database) as session:
        assert session.exec(select(AuditEvent).where(AuditEvent.action == "programme.addresses_viewed")).first()
