"""Importing survey question sets: versioned, all or nothing, through the service and the CLI."""

import json
from dataclasses import replace

import pytest
from sqlmodel import Session, select

from safehouse_portal.cli import main as cli
from safehouse_portal.db import SurveyQuestionSet
from safehouse_portal.domain.enums import Role
from safehouse_portal.services.core.actor import CLI_OPERATOR
from safehouse_portal.services.core.errors import InvalidInput, PermissionDenied
from safehouse_portal.services.survey.versions import (
    ensure_default_question_set, import_question_set, question_set,
)
from tests.integration.worlds import factories as f
from tests.integration.worlds.survey_world import SMALL_SURVEY, small_question_set


def test_the_same_version_twice_is_refused(session):
    import_question_set(session=session, question_set=small_question_set(), actor=CLI_OPERATOR)
    with pytest.raises(InvalidInput, match="already been imported"):
        import_question_set(session=session, question_set=small_question_set(), actor=CLI_OPERATOR)


def test_a_stored_version_reads_back_as_it_was_imported(session):
    summary = import_question_set(session=session, question_set=small_question_set(), actor=CLI_OPERATOR)
    assert question_set(session, summary.version_id) == small_question_set()
    assert summary.languages == ("en", "ar") and summary.is_current


def test_the_default_is_imported_once_and_a_newer_version_becomes_current(session):
    first = ensure_default_question_set(session=session)
    assert ensure_default_question_set(session=session) == first
    newer = replace(small_question_set(), version="2027.1-reviewed")
    summary = import_question_set(session=session, question_set=newer, actor=CLI_OPERATOR)
    assert ensure_default_question_set(session=session) == summary.version_id
    assert len(session.exec(select(SurveyQuestionSet)).all()) == 2


def test_only_an_admin_or_programme_manager_may_import(session):
    lead = f.user(session, "i@cqc.test", Role.INSPECTOR)
    with pytest.raises(PermissionDenied):
        import_question_set(session=session, question_set=small_question_set(), actor=f.actor(lead))


@pytest.fixture
def database(migrated_database):
    """A database of this test's own that ``safehouse db upgrade`` migrated (once per session, copied)."""
    return migrated_database


def test_the_cli_imports_a_file_once_and_refuses_it_twice(database, capsys):
    assert cli.main(["survey", "import", str(SMALL_SURVEY)]) == 0
    assert "2026.1-default: 10 questions in 2 languages (en, ar)" in capsys.readouterr().out
    assert cli.main(["survey", "import", str(SMALL_SURVEY)]) == 1
    assert "already been imported" in capsys.readouterr().err


def test_the_cli_imports_nothing_from_a_file_with_problems_and_names_them(database, tmp_path, capsys):
    data = json.loads(SMALL_SURVEY.read_text(encoding="utf-8"))
    del data["languages"][1]["texts"]["busy"]
    data["version"] = "2027.1"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert cli.main(["survey", "import", str(bad)]) == 1
    assert "language ar: missing texts busy" in capsys.readouterr().err
    with Session(database) as session:
        assert session.exec(select(SurveyQuestionSet)).first() is None
