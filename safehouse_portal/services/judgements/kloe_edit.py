"""Changing one KLOE: prompt notes, evidence, the judgement, making it final or reopening it.

Two inspectors may edit the same KLOE. Every save names the version the editor loaded;
if someone has saved since and changed what the editor saw, the save is refused with
``EditConflict`` listing what changed, so neither loses work. The write itself is a
conditional update on the version, so a save racing another one is caught too.
"""

from dataclasses import dataclass
from functools import lru_cache
from datetime import date

from pydantic import BaseModel, field_validator
from sqlalchemy import bindparam, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, select

from safehouse_portal.db.engine import expire_held
from safehouse_portal.db import EvidenceItem, InspectionGroup, KloeAssessment, PromptNote, StoredFile, User
from safehouse_portal.db.types import utcnow
from safehouse_portal.domain.enums import Rating
from safehouse_portal.domain.evidence import (
    EvidenceSource, FieldChange, KloeStatus, Robustness, changed_fields, sufficiency_problems,
)
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.services.core import audit
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput, PermissionDenied, ServiceError
from safehouse_portal.services.judgements.kloe import (
    assessment_of, evidence_items, prompt_slug, evidence_rules, judgement_of, snapshot, snapshot_labels, text_bumped,
)
from safehouse_portal.services.judgements.kloe_access import editable_inspection, in_scope, kloe_of
from safehouse_portal.services.judgements.kloe_pir import format_moment, return_of, template_of
from safehouse_portal.services.core.validation import bounded_text, parse

MAX_TEXT = 10_000
MAX_NOTE = 4_000
MAX_SUMMARY = 4_000
FINAL_MESSAGE = "This KLOE is final. Reopen it to change it."


class EditConflict(ServiceError):
    """Someone saved the KLOE after the editor loaded it; ``changes`` says what they changed."""

    def __init__(self, changes: list[FieldChange], saved_by: str, saved_at: str, version: int) -> None:
        super().__init__(f"{saved_by} saved this KLOE at {saved_at}")
        self.changes, self.saved_by, self.saved_at, self.version = changes, saved_by, saved_at, version


@dataclass(frozen=True)
class FinalResult:
    """Whether the KLOE was made final, or the reasons it is not sufficient yet."""

    allowed: bool = False
    reasons: tuple[str, ...] = ()


class JudgementForm(BaseModel):
    rating: Rating | None
    findings: str = ""
    good_practice: str = ""
    justification: str = ""
    conflict_resolution: str = ""

    @field_validator("rating", mode="before")
    @classmethod
    def _rating(cls, value: object) -> Rating | None:
        if value in (None, ""):
            return None
        if not isinstance(value, str) or value not in Rating:
            raise ValueError("Choose a rating from the list")
        return Rating(value)

    @field_validator("findings", "good_practice", "justification", "conflict_resolution", mode="before")
    @classmethod
    def bounded(cls, value: object) -> str:
        return bounded(value, MAX_TEXT, "this")


class EvidenceForm(BaseModel):
    source: EvidenceSource
    summary: str
    relates_to: date | None
    robustness: Robustness
    supports: bool
    pir_question_code: str | None = None
    file_id: int | None = None

    @field_validator("source", mode="before")
    @classmethod
    def _source(cls, value: object) -> EvidenceSource:
        if not isinstance(value, str) or value not in EvidenceSource:
            raise ValueError("Choose where the evidence came from")
        return EvidenceSource(value)

    @field_validator("robustness", mode="before")
    @classmethod
    def _robustness(cls, value: object) -> Robustness:
        if not isinstance(value, str) or value not in Robustness:
            raise ValueError("Choose how robust the evidence is")
        return Robustness(value)

    @field_validator("supports", mode="before")
    @classmethod
    def _supports(cls, value: object) -> bool:
        if value not in ("supports", "contradicts"):
            raise ValueError("Choose whether the evidence supports or contradicts the finding")
        return value == "supports"

    @field_validator("summary", mode="before")
    @classmethod
    def _summary(cls, value: object) -> str:
        text = bounded(value, MAX_SUMMARY, "the summary")
        if not text:
            raise ValueError("Summarise the evidence")
        return text

    @field_validator("relates_to", mode="before")
    @classmethod
    def _relates_to(cls, value: object) -> date | None:
        if value in (None, ""):
            return None
        try:
            return date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else _bad_date()
        except ValueError:
            return _bad_date()

    @field_validator("pir_question_code", mode="before")
    @classmethod
    def _pir(cls, value: object) -> str | None:
        if value in (None, ""):
            return None
        if not isinstance(value, str) or len(value) > 40:
            raise ValueError("Choose a PIR answer from the list")
        return value

    @field_validator("file_id", mode="before")
    @classmethod
    def _file(cls, value: object) -> int | None:
        if value in (None, ""):
            return None
        file_id = parse_id(value) if isinstance(value, str) else None
        if file_id is None:
            raise ValueError("Choose a file from the list")
        return file_id


def _bad_date():
    raise ValueError("Enter the date the evidence relates to as a real date, for example 27 3 2026")


def bounded(value: object, limit: int, what: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"Enter {what} as text")
    return bounded_text(value, most=limit, message=f"Keep {what} to {limit:,} characters or fewer", required=False)


def _version(value: object) -> int:
    """The KLOE version a page was filled from: an id-sized number, or 0 before the KLOE's first save."""
    if type(value) is int and value == 0:
        return 0
    version = parse_id(value, text=False)
    if version is None:
        raise InvalidInput({"form": "The page is out of date. Reload it and try again."})
    return version


def _seen(value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}


def _conflict(session: Session, row: KloeAssessment, kloe_id: int, seen: dict[str, str]) -> EditConflict:
    saved_by = session.get(User, row.updated_by_id).name if row.updated_by_id else "Someone"
    changes = changed_fields(seen, snapshot(session, row), snapshot_labels(session, kloe_id))
    return EditConflict(changes, saved_by, format_moment(row.updated_at), row.version)


def _open(session: Session, actor: Actor | None, inspection_id: object, kloe_code: object,
          base_version: object, seen: object):
    """Authorise, find the KLOE and its assessment, and refuse a save over someone else's changes."""
    inspection = editable_inspection(session, actor, inspection_id)
    kloe = kloe_of(session, inspection, kloe_code)
    if not in_scope(inspection, kloe):
        raise PermissionDenied("This KLOE's key question is not in the inspection's scope.")
    base, seen = _version(base_version), _seen(seen)
    row = assessment_of(session, inspection.id, kloe.id)
    if row is not None and row.version != base:
        conflict = _conflict(session, row, kloe.id, seen)
        if conflict.changes:
            raise conflict
    return inspection, kloe, row


def ensure_row(session: Session, actor: Actor, inspection_id: int, kloe_id: int,
                row: KloeAssessment | None) -> KloeAssessment:
    """The assessment, created (version 1, in progress) the first time anyone saves to the KLOE."""
    if row is not None:
        return row
    row = KloeAssessment(inspection_id=inspection_id, kloe_id=kloe_id, status=KloeStatus.IN_PROGRESS.value,
                         updated_by_id=actor.user_id)
    session.add(row)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise InvalidInput({"form": "Someone else started this KLOE at the same moment. Reload the page."}) from None
    return row


def save_versioned(session: Session, actor: Actor, row, kloe_id: int, seen: dict[str, str], **values) -> int:
    """Write ``values`` only if nobody saved since ``row`` was read; return the new version.

    One UPDATE guarded by the version read (built once per set of fields). An ORM ``row`` then holds what
    was written; a plain one (``kloe.assessment_row``) is left as read, and any copy the session holds
    is read afresh when next used. It runs on the connection, so the session's access-facts memo is not
    told: a KLOE's texts, rating and status are no access fact.
    """
    expected = row.version
    written = {**values, "version": expected + 1, "updated_at": utcnow(), "updated_by_id": actor.user_id}
    result = session.connection().execute(_versioned_update(tuple(sorted(values))), {
        "row_id": row.id, "expected": expected, **{f"new_{k}": v for k, v in written.items()}})
    if result.rowcount != 1:
        session.rollback()
        raise _conflict(session, session.get(KloeAssessment, row.id, populate_existing=True), kloe_id, seen)
    if not isinstance(row, KloeAssessment):
        expire_held(session, KloeAssessment, row.id)
        return expected + 1
    for key, value in written.items():
        set_committed_value(row, key, value)
    return row.version


@lru_cache(maxsize=32)
def _versioned_update(fields: tuple[str, ...]):
    table = KloeAssessment.__table__
    return (update(table).where(table.c.id == bindparam("row_id"), table.c.version == bindparam("expected"))
            .values({name: bindparam(f"new_{name}")
                     for name in (*fields, "version", "updated_at", "updated_by_id")}))


def refuse_if_final(row: KloeAssessment | None) -> None:
    if row is not None and row.status == KloeStatus.FINAL.value:
        raise InvalidInput({"form": FINAL_MESSAGE})


def save_prompts(*, session: Session, actor: Actor | None, inspection_id: object, kloe_code: object,
                 form: object, base_version: object, seen: object) -> int:
    """Keep the prompts the inspectors chose (``use-<slug>`` ticked) and their notes (``note-<slug>``)."""
    inspection, kloe, row = _open(session, actor, inspection_id, kloe_code, base_version, seen)
    refuse_if_final(row)
    if not isinstance(form, dict):
        raise InvalidInput({"form": "The form could not be read. Try again."})
    data = form
    prompts = kloe.prompts
    chosen: dict[int, str] = {}
    errors: dict[str, str] = {}
    for prompt in prompts:
        slug = prompt_slug(prompt.code)
        if data.get(f"use-{slug}") not in (None, "", False):
            try:
                chosen[prompt.id] = bounded(data.get(f"note-{slug}"), MAX_NOTE, "the note")
            except ValueError as exc:
                errors[f"note-{slug}"] = str(exc)
    if errors:
        raise InvalidInput(errors)
    row = ensure_row(session, actor, inspection.id, kloe.id, row)
    before = snapshot(session, row)
    for note in session.exec(select(PromptNote).where(PromptNote.assessment_id == row.id)).all():
        session.delete(note)
    session.flush()
    session.add_all(PromptNote(assessment_id=row.id, prompt_id=pid, note=text) for pid, text in chosen.items())
    session.flush()
    versions = text_bumped(row, before, snapshot(session, row))
    version = save_versioned(session, actor, row, kloe.id, _seen(seen), status=working_status(row),
                             text_versions=versions)
    audit.record(session=session, actor=actor, action="kloe.prompts_saved", entity_type="kloe_assessment",
                 entity_id=row.id, before=before, after=snapshot(session, row))
    session.flush()
    return version


def working_status(row: KloeAssessment) -> str:
    return KloeStatus.IN_PROGRESS.value if row.status == KloeStatus.NOT_STARTED.value else row.status


def save_judgement(*, session: Session, actor: Actor | None, inspection_id: object, kloe_code: object,
                   data: object, base_version: object, seen: object) -> int:
    """Save the rating, findings, good practice, justification and conflict resolution."""
    inspection, kloe, row = _open(session, actor, inspection_id, kloe_code, base_version, seen)
    refuse_if_final(row)
    form = parse(JudgementForm, data)
    row = ensure_row(session, actor, inspection.id, kloe.id, row)
    before = snapshot(session, row)
    texts = {"findings": form.findings, "good_practice": form.good_practice, "justification": form.justification,
             "conflict_resolution": form.conflict_resolution}
    version = save_versioned(session, actor, row, kloe.id, _seen(seen), rating=form.rating, status=working_status(row),
                             text_versions=text_bumped(row, before, {**before, **texts}), **texts)
    audit.record(session=session, actor=actor, action="kloe.judgement_saved", entity_type="kloe_assessment",
                 entity_id=row.id, before=before, after=snapshot(session, row))
    session.flush()
    return version


def add_evidence(*, session: Session, actor: Actor | None, inspection_id: object, kloe_code: object,
                 data: object, today: date) -> int:
    """Record one piece of evidence; returns its id. Evidence is added, never overwritten."""
    inspection = editable_inspection(session, actor, inspection_id)
    kloe = kloe_of(session, inspection, kloe_code)
    if not in_scope(inspection, kloe):
        raise PermissionDenied("This KLOE's key question is not in the inspection's scope.")
    row = assessment_of(session, inspection.id, kloe.id)
    refuse_if_final(row)
    form = parse(EvidenceForm, data)
    _check_links(session, inspection, form, today)
    row = ensure_row(session, actor, inspection.id, kloe.id, row)
    row.status = working_status(row)
    item = EvidenceItem(assessment_id=row.id, source=form.source.value, summary=form.summary,
                        relates_to=form.relates_to, robustness=form.robustness.value, supports=form.supports,
                        pir_question_code=form.pir_question_code, file_id=form.file_id, recorded_by_id=actor.user_id)
    session.add(item)
    session.flush()
    audit.record(session=session, actor=actor, action="kloe.evidence_added", entity_type="evidence_item",
                 entity_id=item.id, after={"source": item.source, "supports": item.supports,
                                           "robustness": item.robustness, "kloe": kloe.code})
    session.flush()
    return item.id


def _check_links(session: Session, inspection, form: EvidenceForm, today: date) -> None:
    errors: dict[str, str] = {}
    if form.relates_to is not None and form.relates_to > today:
        errors["relates_to"] = "The date the evidence relates to must be today or earlier"
    if form.pir_question_code is not None:
        pir = return_of(session, inspection.id)
        if pir is None or template_of(session, pir).question(form.pir_question_code) is None:
            errors["pir_question_code"] = "Choose a PIR answer from the list"
    if form.file_id is not None:
        stored = session.get(StoredFile, form.file_id)
        group = session.get(InspectionGroup, inspection.group_id)
        if stored is None or stored.provider_id != group.provider_id:
            errors["file_id"] = "Choose a file from the list"
    if errors:
        raise InvalidInput(errors)


def make_final(*, session: Session, actor: Actor | None, inspection_id: object, kloe_code: object,
               base_version: object, seen: object) -> FinalResult:
    """Make the KLOE final if its evidence is sufficient; otherwise say what is missing."""
    inspection, kloe, row = _open(session, actor, inspection_id, kloe_code, base_version, seen)
    refuse_if_final(row)
    problems = sufficiency_problems(evidence_rules(evidence_items(session, row)), judgement_of(row))
    if problems:
        return FinalResult(False, tuple(problems))
    save_versioned(session, actor, row, kloe.id, _seen(seen), status=KloeStatus.FINAL.value)
    audit.record(session=session, actor=actor, action="kloe.made_final", entity_type="kloe_assessment",
                 entity_id=row.id, after={"kloe": kloe.code, "rating": row.rating.value if row.rating else None})
    session.flush()
    return FinalResult(True)


def reopen(*, session: Session, actor: Actor | None, inspection_id: object, kloe_code: object,
           base_version: object, seen: object) -> int:
    """Make a final KLOE editable again (audited)."""
    inspection, kloe, row = _open(session, actor, inspection_id, kloe_code, base_version, seen)
    if row is None or row.status != KloeStatus.FINAL.value:
        raise InvalidInput({"form": "Only a final KLOE can be reopened."})
    version = save_versioned(session, actor, row, kloe.id, _seen(seen), status=KloeStatus.IN_PROGRESS.value)
    audit.record(session=session, actor=actor, action="kloe.reopened", entity_type="kloe_assessment",
                 entity_id=row.id, after={"kloe": kloe.code})
    session.flush()
    return version
