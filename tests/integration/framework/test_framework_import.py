"""Importing framework versions into a real database: all of it or nothing, never twice."""

import json
from importlib import resources
from pathlib import Path

import pytest
import yaml
from sqlmodel import func, select

from safehouse_portal.db import (
    AuditEvent,
    ContractClause,
    FrameworkKeyQuestion,
    FrameworkVersion,
    Kloe,
    KloeClauseLink,
    KloePrompt,
    User,
)
from safehouse_portal.domain.enums import Role
from safehouse_portal.services.core.actor import CLI_OPERATOR, Actor
from safehouse_portal.services.core.errors import InvalidInput, NotFound, PermissionDenied
from safehouse_portal.services.framework.versions import (
    current_version_id, ensure_default_framework, import_framework, import_framework_file, list_versions, show_framework,
)
from safehouse_portal.services.framework.schema import FrameworkFileError, default_document

TABLES = (FrameworkVersion, FrameworkKeyQuestion, Kloe, KloePrompt, ContractClause, KloeClauseLink)


def _counts(session) -> dict[str, int]:
    return {table.__name__: session.exec(select(func.count()).select_from(table)).one() for table in TABLES}


def _data_path(name: str) -> Path:
    return Path(str(resources.files("safehouse_portal").joinpath("data", name)))


def _data_file(name: str) -> str:
    return _data_path(name).read_text("utf-8")


def _actor(session, role: Role) -> Actor:
    user = User(email=f"{role.value}@example.test", name=role.value, role=role, password_hash="not-a-hash")
    session.add(user)
    session.commit()
    return Actor(user_id=user.id, name=user.name, email=user.email, role=role)


def test_importing_the_default_creates_its_key_questions_kloes_prompts_clauses_and_links(session):
    document = default_document()
    kloes = [k for kq in document.key_questions for k in kq.kloes]

    summary = import_framework(session=session, document=document, actor=CLI_OPERATOR)

    expected = {
        "FrameworkVersion": 1, "FrameworkKeyQuestion": 5, "Kloe": 24,
        "KloePrompt": sum(len(k.prompts) for k in kloes), "ContractClause": len(document.clauses),
        "KloeClauseLink": sum(len(k.clauses) for k in kloes),
    }
    assert _counts(session) == expected
    assert (summary.key_questions, summary.kloes, summary.prompts, summary.clauses, summary.links) == (
        5, 24, expected["KloePrompt"], expected["ContractClause"], expected["KloeClauseLink"])
    assert current_version_id(session=session) == summary.version_id


def test_importing_a_new_version_makes_it_current_and_keeps_the_old_one(session):
    first = import_framework(session=session, document=default_document(), actor=CLI_OPERATOR)

    second = import_framework_file(session=session, path=_data_path("framework_example.csv"), actor=CLI_OPERATOR)

    versions = list_versions(session=session)
    assert [(v.version, v.is_current) for v in versions] == [(first.version, False), (second.version, True)]
    assert current_version_id(session=session) == second.version_id


def test_a_file_with_one_bad_row_imports_nothing(session, tmp_path):
    import_framework(session=session, document=default_document(), actor=CLI_OPERATOR)
    before = _counts(session)
    lines = _data_file("framework_example.csv").splitlines()
    lines[4] = lines[4].replace("E6.2", "")
    path = tmp_path / "broken.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    with pytest.raises(FrameworkFileError) as caught:
        import_framework_file(session=session, path=path, actor=CLI_OPERATOR)

    assert caught.value.errors == ["line 5, prompt_code: must not be empty"]
    assert _counts(session) == before


def test_reimporting_the_same_version_is_refused_naming_the_version(session):
    import_framework(session=session, document=default_document(), actor=CLI_OPERATOR)
    before = _counts(session)

    with pytest.raises(InvalidInput) as caught:
        import_framework(session=session, document=default_document(), actor=CLI_OPERATOR)

    assert "version" in caught.value.errors
    assert _counts(session) == before


def test_ensuring_the_default_framework_twice_imports_it_once(session):
    first = ensure_default_framework(session=session)
    second = ensure_default_framework(session=session)

    assert first == second == current_version_id(session=session)
    assert _counts(session)["FrameworkVersion"] == 1


def test_a_provider_lead_may_not_import_a_framework(session):
    lead = _actor(session, Role.PROVIDER_LEAD)

    with pytest.raises(PermissionDenied):
        import_framework(session=session, document=default_document(), actor=lead)

    assert _counts(session)["FrameworkVersion"] == 0


def test_a_programme_manager_import_is_audited_with_who_did_it(session):
    manager = _actor(session, Role.PROGRAMME_MANAGER)

    summary = import_framework(session=session, document=default_document(), actor=manager)

    event = session.exec(select(AuditEvent).where(AuditEvent.action == "framework.imported")).one()
    assert (event.actor_id, event.entity_id) == (manager.user_id, summary.version_id)


def test_a_yaml_file_imports_like_json(session, tmp_path):
    data = json.loads(_data_file("framework_default.json")) | {"version": "2026.3-yaml"}
    path = tmp_path / "framework.yml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")

    summary = import_framework_file(session=session, path=path, actor=CLI_OPERATOR)

    assert (summary.version, summary.kloes) == ("2026.3-yaml", 24)


def test_a_file_of_an_unknown_kind_is_refused(session, tmp_path):
    path = tmp_path / "framework.xlsx"
    path.write_bytes(b"")

    with pytest.raises(InvalidInput) as caught:
        import_framework_file(session=session, path=path, actor=CLI_OPERATOR)

    assert "path" in caught.value.errors


def test_showing_the_framework_marks_contract_clauses_as_illustrative(session):
    ensure_default_framework(session=session)

    text = show_framework(session=session)

    assert "Version 2026.1-default (current)" in text
    assert "S2 Assessing and managing risk" in text
    assert "Sch 2.2 KPI 10 [illustrative]" in text
    assert "Cited by: W1, W2, W3, W5" in text


def test_showing_an_unknown_version_is_refused(session):
    ensure_default_framework(session=session)

    with pytest.raises(NotFound):
        show_framework(session=session, version="1999.1")


def test_a_failure_part_way_through_writing_leaves_no_partial_version(session, monkeypatch):
    def fail(**_kwargs):
        raise RuntimeError("the audit trail is unavailable")

    monkeypatch.setattr("safehouse_portal.services.framework.versions.audit.record", fail)

    with pytest.raises(RuntimeError):
        import_framework(session=session, document=default_document(), actor=CLI_OPERATOR)

    assert set(_counts(session).values()) == {0}


def test_an_anonymous_caller_cannot_import_a_framework(session):
    with pytest.raises(PermissionDenied):
        import_framework(session=session, document=default_document(), actor=None)
