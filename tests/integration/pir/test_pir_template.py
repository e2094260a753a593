"""The PIR template as versioned data: validated on import, never rewritten, each question tagged with KLOEs."""

import json

import pytest
from sqlmodel import select

from safehouse_portal.db import PirTemplate
from safehouse_portal.domain.enums import Role
from safehouse_portal.domain.pir import KLOE_CODES, QuestionType, template_from_definition
from safehouse_portal.services.pir import template as pir_template
from safehouse_portal.services.core.errors import InvalidInput, PermissionDenied
from tests.integration.worlds import factories as f


def _document(**changes) -> str:
    data = pir_template.default_document().model_dump(mode="json")
    data.update(changes)
    return json.dumps(data)


def test_the_default_covers_what_the_guidance_lists_with_every_question_type_and_kloe_tags():
    template = template_from_definition(pir_template.default_document().model_dump(mode="json"))
    titles = " ".join(s.title.lower() for s in template.sections)
    for topic in ("services", "external", "staff", "survivors", "quality", "incidents", "feedback", "policies"):
        assert topic in titles
    questions = [q for s in template.sections for q in s.questions]
    assert {q.type for q in questions} == set(QuestionType)
    assert all(q.kloes and set(q.kloes) <= KLOE_CODES for q in questions)


def test_the_default_is_imported_once_and_is_current(session):
    first = pir_template.ensure_default_template(session=session)
    assert pir_template.ensure_default_template(session=session) == first
    assert [t.version for t in pir_template.list_templates(session=session)] == ["2026.1"]


def test_a_new_version_becomes_current_and_the_old_one_is_kept_unchanged(session):
    pir_template.ensure_default_template(session=session)
    before = session.exec(select(PirTemplate.definition).where(PirTemplate.version == "2026.1")).one()
    manager = f.actor(f.user(session, "pm@cqc.test", Role.PROGRAMME_MANAGER))
    summary = pir_template.import_template(session=session, actor=manager,
                                           document=pir_template.parse_document(_document(version="2027.1")))
    assert summary.is_current and summary.version == "2027.1"
    rows = {t.version: t for t in pir_template.list_templates(session=session)}
    assert not rows["2026.1"].is_current
    assert session.exec(select(PirTemplate.definition).where(PirTemplate.version == "2026.1")).one() == before
    with pytest.raises(InvalidInput) as again:
        pir_template.import_template(session=session, actor=manager,
                                     document=pir_template.parse_document(_document(version="2027.1")))
    assert "exists already" in again.value.errors["version"]


def test_only_admins_and_programme_managers_import_templates(session):
    lead = f.actor(f.user(session, "lead@north.test", Role.PROVIDER_LEAD, f.provider(session, "North Trust")))
    with pytest.raises(PermissionDenied):
        pir_template.import_template(session=session, actor=lead, document=pir_template.default_document())
    with pytest.raises(PermissionDenied):
        pir_template.import_template(session=session, actor=None, document=pir_template.default_document())


@pytest.mark.parametrize("broken,where", [
    ("{not json", "document"),
    (_document(version="latest"), "version"),
    (_document(sections=[]), "sections"),
])
def test_a_broken_document_is_refused_saying_where(broken, where):
    with pytest.raises(InvalidInput) as refused:
        pir_template.parse_document(broken)
    assert any(key.startswith(where) for key in refused.value.errors)


def test_unknown_kloe_tags_and_repeated_codes_are_refused():
    data = json.loads(_document())
    data["sections"][0]["questions"][0]["kloes"] = ["Z9"]
    with pytest.raises(InvalidInput) as refused:
        pir_template.parse_document(json.dumps(data))
    assert "unknown KLOE codes: Z9" in " ".join(refused.value.errors.values())
    data = json.loads(_document())
    data["sections"][1]["questions"].append(data["sections"][0]["questions"][0])
    with pytest.raises(InvalidInput) as refused:
        pir_template.parse_document(json.dumps(data))
    assert "services_description" in " ".join(refused.value.errors.values())
