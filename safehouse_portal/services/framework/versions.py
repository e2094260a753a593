"""Importing, listing and showing versions of the Safehouse Inspection Framework.

The official framework and the contract's schedules were never published, so the
framework is data: the programme imports its own version, and until then the app runs
on a packaged default the project wrote (every clause in it marked illustrative).
A new version never rewrites an old one; inspections keep the version they began with.

Importing is an admin or programme manager task. The ``safehouse`` CLI passes
``CLI_OPERATOR``: whoever runs it on the server is the operator, and the audit event
records no user.
"""

import textwrap
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, func, select

from safehouse_portal.db import (
    ContractClause,
    FrameworkKeyQuestion,
    FrameworkVersion,
    Kloe,
    KloeClauseLink,
    KloePrompt,
)
from safehouse_portal.domain.enums import Role
from safehouse_portal.services.core import audit
from safehouse_portal.services.core.access import require_role
from safehouse_portal.services.core.actor import CLI_OPERATOR, Actor
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from safehouse_portal.services.framework.schema import (
    FrameworkDocument, default_document, parse_csv, parse_json, parse_yaml,
)

PARSERS = {".json": parse_json, ".yaml": parse_yaml, ".yml": parse_yaml, ".csv": parse_csv}


@dataclass(frozen=True)
class FrameworkSummary:
    """One stored framework version and how much it holds."""

    version_id: int = 0
    version: str = ""
    title: str = ""
    is_current: bool = False
    key_questions: int = 0
    kloes: int = 0
    prompts: int = 0
    clauses: int = 0
    links: int = 0


def import_framework(
    *, session: Session, document: FrameworkDocument, actor: Actor | None, make_current: bool = True
) -> FrameworkSummary:
    """Store ``document`` as a new version, all or nothing, in the caller's unit of work.

    Args:
        session: The database session; the caller commits it, and it is rolled back on failure.
        document: A validated framework (from ``framework_schema``).
        actor: An admin or programme manager (the CLI passes CLI_OPERATOR); None is refused.
        make_current: Mark the new version current, unsetting any other.

    Raises:
        PermissionDenied: The actor may not import frameworks.
        InvalidInput: ``version`` already exists (versions are never overwritten).
    """
    _require_importer(actor)
    if not isinstance(document, FrameworkDocument):
        raise InvalidInput({"document": "Give a validated framework document"})
    if _version_row(session, document.version) is not None:
        raise InvalidInput({"version": f"Version {document.version} has already been imported; "
                                       "give the new framework a new version"})
    try:
        version = _write(session, document, make_current)
        summary = _summary(session, version)
        audit.record(session=session, actor=actor, action="framework.imported", entity_type="framework_version",
                     entity_id=version.id, after={"version": version.version, "is_current": version.is_current,
                                                  "kloes": summary.kloes, "clauses": summary.clauses})
        session.flush()
    except IntegrityError:
        session.rollback()
        raise InvalidInput({"version": f"Version {document.version} has already been imported"}) from None
    except Exception:
        session.rollback()
        raise
    return summary


def import_framework_file(*, session: Session, path: Path, actor: Actor | None) -> FrameworkSummary:
    """Read, validate and import a .json, .yaml/.yml or .csv framework file (made current).

    Raises:
        FrameworkFileError: The file has problems; each names its row or path and field.
        InvalidInput: The file is missing or of an unknown kind, or its version exists.
    """
    _require_importer(actor)
    path = Path(path)
    parser = PARSERS.get(path.suffix.lower())
    if parser is None:
        raise InvalidInput({"path": f"Use a {', '.join(PARSERS)} file, not '{path.suffix}'"})
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InvalidInput({"path": f"Cannot read {path}: {exc.strerror or exc}"}) from None
    return import_framework(session=session, document=parser(text), actor=actor)


def ensure_default_framework(*, session: Session) -> int:
    """Import the packaged default if no version exists yet; return the current version's id.

    Raises:
        NotFound: Versions exist but none is marked current.
    """
    if session.exec(select(FrameworkVersion.id)).first() is None:
        import_framework(session=session, document=default_document(), actor=CLI_OPERATOR)
    version_id = current_version_id(session=session)
    if version_id is None:
        raise NotFound("No framework version is marked current")
    return version_id


def current_version_id(*, session: Session) -> int | None:
    """The id of the current framework version, if any."""
    return session.exec(select(FrameworkVersion.id).where(FrameworkVersion.is_current == True)).first()  # noqa: E712


def list_versions(*, session: Session) -> list[FrameworkSummary]:
    """Every stored version, oldest first."""
    rows = session.exec(select(FrameworkVersion).order_by(FrameworkVersion.imported_at, FrameworkVersion.id)).all()
    return [_summary(session, row) for row in rows]


def show_framework(*, session: Session, version: str | None = None) -> str:
    """A plain-text listing of a version (the current one by default), for the CLI and reviewers.

    Raises:
        NotFound: No such version, or no current version.
    """
    if version:
        row = _version_row(session, version)
    else:
        row = session.exec(select(FrameworkVersion).where(FrameworkVersion.is_current == True)).first()  # noqa: E712
    if row is None:
        raise NotFound(f"No framework version '{version}'" if version else "No framework version is current")
    kqs = session.exec(select(FrameworkKeyQuestion).where(FrameworkKeyQuestion.version_id == row.id)
                       .order_by(FrameworkKeyQuestion.position)).all()
    kloes = session.exec(select(Kloe).where(Kloe.version_id == row.id).order_by(Kloe.position)).all()
    prompts = session.exec(select(KloePrompt).join(Kloe).where(Kloe.version_id == row.id)
                           .order_by(KloePrompt.position)).all()
    clauses = session.exec(select(ContractClause).where(ContractClause.version_id == row.id)
                           .order_by(ContractClause.id)).all()
    links = {(link.kloe_id, link.clause_id) for link in
             session.exec(select(KloeClauseLink).join(Kloe).where(Kloe.version_id == row.id))}
    lines = [row.title, f"Version {row.version}{' (current)' if row.is_current else ''}",
             *_wrap(f"Source: {row.source}", "")]
    for kq in kqs:
        lines += ["", f"{kq.title.upper()} ({kq.key})"]
        for kloe in (k for k in kloes if k.key_question_id == kq.id):
            lines += _kloe_lines(kloe, prompts, [c for c in clauses if (kloe.id, c.id) in links])
    lines += ["", "CONTRACT CLAUSES"]
    for clause in clauses:
        citing = ", ".join(k.code for k in kloes if (k.id, clause.id) in links)
        lines += ["", f"  {_ref(clause)}: {clause.title}", *_wrap(clause.text, "     "),
                  f"     Cited by: {citing or 'no KLOE'}"]
    return "\n".join(lines) + "\n"


def _kloe_lines(kloe: Kloe, prompts: list[KloePrompt], cited: list[ContractClause]) -> list[str]:
    return [
        "", f"  {kloe.code} {kloe.title}", *_wrap(f"Question: {kloe.question}", "     "),
        *(line for p in prompts if p.kloe_id == kloe.id for line in _wrap(f"{p.code} {p.text}", "     ")),
        *_wrap(f"Cites: {', '.join(_ref(c) for c in cited) or 'no clause'}", "     "),
    ]


def _require_importer(actor: Actor | None) -> None:
    require_role(actor, Role.ADMIN, Role.PROGRAMME_MANAGER)


def _version_row(session: Session, version: str) -> FrameworkVersion | None:
    return session.exec(select(FrameworkVersion).where(FrameworkVersion.version == version)).first()


def _write(session: Session, document: FrameworkDocument, make_current: bool) -> FrameworkVersion:
    if make_current:
        for current in session.exec(select(FrameworkVersion).where(FrameworkVersion.is_current == True)):  # noqa: E712
            current.is_current = False
            session.add(current)
    version = FrameworkVersion(version=document.version, title=document.title, source=document.source,
                               is_current=make_current)
    session.add(version)
    session.flush()
    clauses = {c.reference: ContractClause(version_id=version.id, reference=c.reference, title=c.title,
                                           text=c.text, illustrative=c.illustrative) for c in document.clauses}
    kqs = [FrameworkKeyQuestion(version_id=version.id, key=kq.key.value, title=kq.title, position=i)
           for i, kq in enumerate(document.key_questions)]
    session.add_all([*clauses.values(), *kqs])
    session.flush()
    specs = [(kq_row, spec) for kq_row, kq in zip(kqs, document.key_questions) for spec in kq.kloes]
    kloes = [Kloe(version_id=version.id, key_question_id=kq_row.id, code=spec.code, title=spec.title,
                  question=spec.question, position=i) for i, (kq_row, spec) in enumerate(specs)]
    session.add_all(kloes)
    session.flush()
    for kloe, (_, spec) in zip(kloes, specs):
        session.add_all([KloePrompt(kloe_id=kloe.id, code=p.code, text=p.text, position=i)
                         for i, p in enumerate(spec.prompts)])
        session.add_all([KloeClauseLink(kloe_id=kloe.id, clause_id=clauses[ref].id) for ref in spec.clauses])
    session.flush()
    return version


def _summary(session: Session, version: FrameworkVersion) -> FrameworkSummary:
    def count(query) -> int:
        return session.exec(query).one()

    kloe_ids = select(Kloe.id).where(Kloe.version_id == version.id)
    return FrameworkSummary(
        version_id=version.id,
        version=version.version,
        title=version.title,
        is_current=version.is_current,
        key_questions=count(select(func.count()).select_from(FrameworkKeyQuestion)
                            .where(FrameworkKeyQuestion.version_id == version.id)),
        kloes=count(select(func.count()).select_from(Kloe).where(Kloe.version_id == version.id)),
        prompts=count(select(func.count()).select_from(KloePrompt).where(KloePrompt.kloe_id.in_(kloe_ids))),
        clauses=count(select(func.count()).select_from(ContractClause).where(ContractClause.version_id == version.id)),
        links=count(select(func.count()).select_from(KloeClauseLink).where(KloeClauseLink.kloe_id.in_(kloe_ids))),
    )


def _ref(clause: ContractClause) -> str:
    return f"{clause.reference} [illustrative]" if clause.illustrative else clause.reference


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, width=100, initial_indent=indent, subsequent_indent=indent) or [indent]
