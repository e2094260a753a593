"""The ``safehouse`` command against a real (SQLite) database."""

import io

import pytest
from sqlmodel import Session, select

from safehouse_portal.cli import main as cli
from safehouse_portal.db import FrameworkVersion, User
from safehouse_portal.services.accounts.passwords import verify_password


@pytest.fixture
def database(migrated_database):
    """A database of this test's own that ``safehouse db upgrade`` migrated (once per session, copied)."""
    return migrated_database


def test_users_add_reads_the_password_from_stdin(database, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))
    assert cli.main(["users", "add", "--email", "Pat@CQC.test", "--name", "Pat", "--role", "inspector"]) == 0
    assert "shown once" not in capsys.readouterr().out
    with Session(database) as session:
        pat = session.exec(select(User).where(User.email == "pat@cqc.test")).one()
        assert verify_password(pat.password_hash, "a long enough password")


def test_users_add_generates_and_prints_a_password_once_when_none_is_given(database, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert cli.main(["users", "add", "--email", "admin@cqc.test", "--name", "Admin", "--role", "admin"]) == 0
    printed = capsys.readouterr().out
    password = printed.split("Password (shown once): ")[1].strip()
    with Session(database) as session:
        admin = session.exec(select(User).where(User.email == "admin@cqc.test")).one()
        assert verify_password(admin.password_hash, password)


def test_a_provider_lead_without_a_provider_is_refused_with_the_field_named(database, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert cli.main(["users", "add", "--email", "l@p.test", "--name", "L", "--role", "provider_lead"]) == 1
    assert "provider_id" in capsys.readouterr().err


def test_seed_demo_prints_the_sign_ins_and_is_idempotent(database, capsys):
    assert cli.main(["seed", "--demo"]) == 0
    first = capsys.readouterr().out
    assert "admin@demo.safehouse.test" in first and "/programme" in first
    assert cli.main(["seed", "--demo", "--if-empty"]) == 0
    with Session(database) as session:
        assert len(session.exec(select(User)).all()) == 22


def test_framework_import_is_all_or_nothing_and_names_the_bad_row(database, tmp_path, capsys):
    cli.main(["seed", "--demo"])
    capsys.readouterr()
    bad = tmp_path / "bad.csv"
    header = ("version,title,source,key_question,key_question_title,kloe_code,kloe_title,kloe_question,"
              "prompt_code,prompt_text,clause_reference,clause_title,clause_text,clause_illustrative\n")
    bad.write_text(header + "2027.1,T,S,safe,Safe,S1,Title,Question?,S1.1,,,,,\n")
    assert cli.main(["framework", "import", str(bad)]) == 1
    assert "line 2" in capsys.readouterr().err
    with Session(database) as session:
        assert [v.version for v in session.exec(select(FrameworkVersion)).all()] == ["2026.1-default"]


def test_framework_show_prints_the_current_version_with_illustrative_clauses(database, capsys):
    cli.main(["seed", "--demo"])
    capsys.readouterr()
    assert cli.main(["framework", "show"]) == 0
    shown = capsys.readouterr().out
    assert "2026.1-default" in shown and "[illustrative]" in shown and "S1" in shown
