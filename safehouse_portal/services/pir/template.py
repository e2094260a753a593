"""The PIR template as versioned data: validated, imported once per version, never rewritten.

The programme's own PIR questions were never published, so the app ships a default the
project wrote from what CQC's guidance says the PIR covers (``data/pir_template_default.json``)
and the programme may import its own. Each return keeps the template version it was
started with, so a new version never changes a return already begun.
"""

import json
from dataclasses import dataclass
from importlib import resources
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from safehouse_portal.db import PirTemplate
from safehouse_portal.domain.enums import Role
from safehouse_portal.services.core.pir_templates import template_by_id
from safehouse_portal.domain.pir import KLOE_CODES, QuestionType, Template
from safehouse_portal.services.core import audit
from safehouse_portal.services.core.access import require_role
from safehouse_portal.services.core.actor import CLI_OPERATOR, Actor
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from safehouse_portal.services.core.validation import file_error_message

DEFAULT_FILE = "pir_template_default.json"
VERSION_PATTERN = r"^\d{4}\.\d{1,3}(-[a-z0-9]+)*$"
CODE_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"
"""Question, column, option and section codes: they appear in URLs and element ids."""


def _text(max_length: int, pattern: str | None = None):
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length,
                                            pattern=pattern)]


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OptionSpec(_Spec):
    value: _text(40, CODE_PATTERN)
    label: _text(200)


class ColumnSpec(_Spec):
    """A column of a repeating-rows question."""

    code: _text(40, CODE_PATTERN)
    label: _text(100)
    type: Literal["text", "number", "choice"]
    options: list[OptionSpec] = []
    required: bool = True
    error_name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] = ""

    @model_validator(mode="after")
    def _options_for_choices(self) -> "ColumnSpec":
        if (self.type == "choice") != bool(self.options):
            raise ValueError("a choice column needs options, and only a choice column has them")
        return self


class QuestionSpec(_Spec):
    """One question: its type's settings, and the KLOE codes its answer informs."""

    code: _text(40, CODE_PATTERN)
    text: _text(500)
    type: QuestionType
    hint: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] = ""
    required: bool = True
    word_limit: int | None = Field(default=None, ge=1, le=5000)
    options: list[OptionSpec] = []
    columns: list[ColumnSpec] = []
    min_rows: int = Field(default=0, ge=0, le=50)
    max_rows: int = Field(default=50, ge=1, le=100)
    kloes: list[str] = []
    error_name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] = ""

    @model_validator(mode="after")
    def _settings_fit_the_type(self) -> "QuestionSpec":
        if (self.type is QuestionType.TEXT) != (self.word_limit is not None):
            raise ValueError("a text question needs a word_limit, and only a text question has one")
        if (self.type is QuestionType.CHOICE) != (len(self.options) >= 2) or \
                (self.options and self.type is not QuestionType.CHOICE):
            raise ValueError("a choice question needs at least 2 options, and only a choice question has them")
        if (self.type is QuestionType.ROWS) != bool(self.columns) or len(self.columns) > 8:
            raise ValueError("a rows question needs 1 to 8 columns, and only a rows question has them")
        if self.min_rows > self.max_rows:
            raise ValueError("min_rows is more than max_rows")
        unknown = [code for code in self.kloes if code not in KLOE_CODES]
        if unknown:
            raise ValueError(f"unknown KLOE codes: {', '.join(unknown)}")
        return self


class SectionSpec(_Spec):
    key: _text(40, CODE_PATTERN)
    title: _text(200)
    description: Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)] = ""
    questions: list[QuestionSpec] = Field(min_length=1)


class PirTemplateDocument(_Spec):
    """A whole PIR template: section keys and question codes each used once."""

    version: _text(50, VERSION_PATTERN)
    title: _text(200)
    source: _text(500)
    sections: list[SectionSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_codes(self) -> "PirTemplateDocument":
        keys = [s.key for s in self.sections]
        codes = [q.code for s in self.sections for q in s.questions]
        repeated = sorted({c for c in keys if keys.count(c) > 1} | {c for c in codes if codes.count(c) > 1})
        if repeated:
            raise ValueError(f"codes used more than once: {', '.join(repeated)}")
        return self


@dataclass(frozen=True)
class TemplateSummary:
    template_id: int = 0
    version: str = ""
    title: str = ""
    is_current: bool = False
    sections: int = 0
    questions: int = 0


def parse_document(text: str) -> PirTemplateDocument:
    """A template from JSON text, or InvalidInput naming each problem and where it is."""
    try:
        return PirTemplateDocument.model_validate(json.loads(text))
    except json.JSONDecodeError as exc:
        raise InvalidInput({"document": f"Not valid JSON: {exc.msg} (line {exc.lineno})"}) from None
    except ValidationError as exc:
        raise InvalidInput({".".join(str(p) for p in err["loc"]) or "document": file_error_message(err)
                            for err in exc.errors()}) from None


def default_document() -> PirTemplateDocument:
    """The packaged default template."""
    return parse_document(resources.files("safehouse_portal").joinpath(f"data/{DEFAULT_FILE}").read_text("utf-8"))


def import_template(*, session: Session, actor: Actor | None, document: PirTemplateDocument,
                    make_current: bool = True) -> TemplateSummary:
    """Store a new template version (admins and programme managers; the CLI as operator).

    Raises:
        PermissionDenied: The actor may not import templates.
        InvalidInput: Not a validated document, or its version exists already.
    """
    require_role(actor, Role.ADMIN, Role.PROGRAMME_MANAGER)
    if not isinstance(document, PirTemplateDocument):
        raise InvalidInput({"document": "Give a validated PIR template"})
    if session.exec(select(PirTemplate.id).where(PirTemplate.version == document.version)).first():
        raise InvalidInput({"version": f"PIR template {document.version} exists already; give it a new version"})
    if make_current:
        for row in session.exec(select(PirTemplate).where(PirTemplate.is_current == True)):  # noqa: E712
            row.is_current = False
            session.add(row)
    row = PirTemplate(version=document.version, title=document.title,
                      definition=document.model_dump(mode="json"), is_current=make_current)
    session.add(row)
    try:
        session.flush()
        audit.record(session=session, actor=actor, action="pir_template.imported", entity_type="pir_template",
                     entity_id=row.id, after={"version": row.version, "is_current": row.is_current})
        session.flush()
    except IntegrityError:
        session.rollback()
        raise InvalidInput({"version": f"PIR template {document.version} exists already"}) from None
    return _summary(row)


def ensure_default_template(*, session: Session) -> int:
    """Import the packaged default if no template exists yet; the current template's id.

    Raises:
        NotFound: Templates exist but none is current.
    """
    if session.exec(select(PirTemplate.id)).first() is None:
        import_template(session=session, actor=CLI_OPERATOR, document=default_document())
    template_id = session.exec(select(PirTemplate.id).where(PirTemplate.is_current == True)).first()  # noqa: E712
    if template_id is None:
        raise NotFound("No PIR template is marked current")
    return template_id


def load_template(*, session: Session, template_id: int, stamp: tuple | None = None) -> Template:
    """The template a return was started with (rows are never changed once stored).

    ``stamp`` is the row's (version, imported_at) when the caller read it already.
    """
    template = template_by_id(session, template_id, stamp=stamp)
    if template is None:
        raise NotFound("No such PIR template")
    return template


def list_templates(*, session: Session) -> list[TemplateSummary]:
    rows = session.exec(select(PirTemplate).order_by(PirTemplate.imported_at, PirTemplate.id)).all()
    return [_summary(row) for row in rows]


def _summary(row: PirTemplate) -> TemplateSummary:
    sections = row.definition.get("sections", [])
    return TemplateSummary(row.id, row.version, row.title, row.is_current, len(sections),
                           sum(len(s.get("questions", [])) for s in sections))
