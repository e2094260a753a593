"""One KLOE of one inspection, as the inspector works on it: prompts, evidence, judgement.

The rules that weigh the evidence live in ``domain/evidence.py``; changes are made in
``kloe_edit.py``; the PIR answers and clauses beside the KLOE come from ``kloe_pir.py``
and ``cross_reference.py``. A page load reads each thing once (the inspection and its access
facts, the KLOE from ``kloe_framework.py``, its assessment), and the snapshot the page keeps
comes from the same reads.
"""

from dataclasses import dataclass, field, replace

from sqlalchemy import bindparam
from sqlmodel import Session, select

from safehouse_portal.db.engine import read_rows
from safehouse_portal.db import (
    EvidenceItem, InspectionGroup, KloeAssessment, KloePrompt, PromptNote, Provider, StoredFile, User,
)
from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.enums import RATING_LABELS, Rating
from safehouse_portal.domain.evidence import (
    KLOE_STATUS_LABELS, ROBUSTNESS_LABELS, SOURCE_LABELS, Evidence, EvidenceSource, Judgement, KloeStatus, Robustness,
    corroborating_sources, has_conflict, sufficiency_problems, unresolved_conflict,
)
from safehouse_portal.services.core import access, audit
from safehouse_portal.services.core.access import Action, InspectionFacts
from safehouse_portal.domain.options import Option
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.framework.cross_reference import ClauseView
from safehouse_portal.services.judgements.kloe_access import (
    InspectionRef, in_scope, kloe_of, readable_inspection, readable_ref,
)
from safehouse_portal.services.judgements.kloe_framework import FrameworkKloe, clauses_for
from safehouse_portal.services.judgements.kloe_pir import (
    EMPTY_PANEL, PirPanelView, format_moment, panel_for, panel_of, return_of, tagged_questions, template_of,
)

JUDGEMENT_LABELS = {
    "rating": "Rating",
    "findings": "Findings",
    "good_practice": "Good practice",
    "justification": "Justification",
    "conflict_resolution": "How the conflict was resolved",
    "status": "Status",
}
"""The judgement's fields, as the 'what changed' message names them."""

JUDGEMENT_TEXTS = ("findings", "good_practice", "justification", "conflict_resolution")
"""The judgement's autosaving boxes, by the field each saves (``kloe_text.py``)."""


@dataclass(frozen=True)
class PromptView:
    """A prompt; ``slug`` names its form fields (``use-<slug>``, ``note-<slug>``)."""

    code: str = ""
    slug: str = ""
    text: str = ""
    used: bool = False
    note: str = ""


@dataclass(frozen=True)
class EvidenceView:
    id: int = 0
    source: str = ""
    summary: str = ""
    relates_to: str = ""
    robustness: str = ""
    supports: bool = False
    direction: str = ""
    pir_link: str = ""
    file_name: str = ""
    recorded: str = ""


@dataclass(frozen=True)
class KloeView:
    """Everything the KLOE page shows, for one reader."""

    inspection_id: int = 0
    group_name: str = ""
    provider_name: str = ""
    code: str = ""
    title: str = ""
    question: str = ""
    key_question: str = ""
    may_edit: bool = False
    read_only_reason: str = ""
    status: str = ""
    status_label: str = ""
    rating: str = ""
    rating_label: str = ""
    findings: str = ""
    good_practice: str = ""
    justification: str = ""
    conflict_resolution: str = ""
    version: int = 0
    text_versions: dict[str, int] = field(default_factory=dict)
    last_saved: str = ""
    prompts: list[PromptView] = field(default_factory=list)
    evidence: list[EvidenceView] = field(default_factory=list)
    corroboration: int = 0
    conflict: bool = False
    conflict_resolved: bool = False
    problems: list[str] = field(default_factory=list)
    pir_questions: list[Option] = field(default_factory=list)
    files: list[Option] = field(default_factory=list)
    clauses: list[ClauseView] = field(default_factory=list)
    pir: PirPanelView = field(default_factory=PirPanelView)


def prompt_slug(code: str) -> str:
    """A prompt code usable in element ids and field names (``S1.2`` -> ``S1-2``)."""
    return code.replace(".", "-")


def text_versions(row: KloeAssessment | None, prompt_codes: list[str]) -> dict[str, int]:
    """Every autosaving box's version (0 for a box never saved), as the page sends them back."""
    stored = dict(row.text_versions or {}) if row is not None else {}
    boxes = list(JUDGEMENT_TEXTS) + [f"note-{prompt_slug(code)}" for code in prompt_codes]
    return {box: int(stored.get(box, 0)) for box in boxes}


def text_bumped(row: KloeAssessment, before: dict[str, str], after: dict[str, str]) -> dict:
    """``row.text_versions`` with every box whose text a whole-form save changed moved on by one.

    ``before``/``after`` are ``snapshot`` values (a prompt's entry is ``prompt:<code>``).
    """
    versions = dict(row.text_versions or {})
    for key in set(before) | set(after):
        box = key if key in JUDGEMENT_TEXTS else (f"note-{prompt_slug(key[7:])}" if key.startswith("prompt:") else "")
        if box and before.get(key, "") != after.get(key, ""):
            versions[box] = int(versions.get(box, 0)) + 1
    return versions


_ASSESSMENT = select(KloeAssessment).where(KloeAssessment.inspection_id == bindparam("inspection_id"),
                                           KloeAssessment.kloe_id == bindparam("kloe_id"))
_ASSESSMENT_ROW = select(*KloeAssessment.__table__.c).where(KloeAssessment.inspection_id == bindparam("inspection_id"),
                                                          KloeAssessment.kloe_id == bindparam("kloe_id"))
_ASSESSMENT_AND_SAVER = (select(KloeAssessment, User.name).outerjoin(User, User.id == KloeAssessment.updated_by_id)
                         .where(KloeAssessment.inspection_id == bindparam("inspection_id"),
                                KloeAssessment.kloe_id == bindparam("kloe_id")))
_GROUP_AND_PROVIDER = (select(InspectionGroup.name, Provider.id, Provider.name)
                       .join(Provider, Provider.id == InspectionGroup.provider_id)
                       .where(InspectionGroup.id == bindparam("group_id")))
_NOTES_BY_CODE = (select(KloePrompt.code, PromptNote.note).join(KloePrompt, KloePrompt.id == PromptNote.prompt_id)
                  .where(PromptNote.assessment_id == bindparam("assessment_id")))
_NOTES_BY_PROMPT = (select(PromptNote.prompt_id, PromptNote.note)
                    .where(PromptNote.assessment_id == bindparam("assessment_id")))
_EVIDENCE = (select(EvidenceItem, User.name, StoredFile.original_name)
             .outerjoin(User, User.id == EvidenceItem.recorded_by_id)
             .outerjoin(StoredFile, StoredFile.id == EvidenceItem.file_id)
             .where(EvidenceItem.assessment_id == bindparam("assessment_id"))
             .order_by(EvidenceItem.recorded_at, EvidenceItem.id))
_FILE_OPTIONS = (select(StoredFile.id, StoredFile.original_name)
                 .where(StoredFile.provider_id == bindparam("provider_id"))
                 .order_by(StoredFile.uploaded_at.desc()).limit(100))
"""Statements a KLOE page or save runs every time, built once (building one costs about as much as running it)."""


def assessment_of(session: Session, inspection_id: int, kloe_id: int) -> KloeAssessment | None:
    """The inspectors' work on the KLOE, if any has been saved."""
    return session.exec(_ASSESSMENT, params={"inspection_id": inspection_id, "kloe_id": kloe_id}).first()


def assessment_row(session: Session, inspection_id: int, kloe_id: int):
    """``assessment_of`` as a plain row, for a save that only reads it (an ORM object cost a save 50 µs more).

    It has the columns' names as attributes, and is never changed: a save writes with ``save_versioned``.
    """
    return read_rows(session, _ASSESSMENT_ROW, {"inspection_id": inspection_id, "kloe_id": kloe_id}).first()


def evidence_rules(items: list[EvidenceItem]) -> list[Evidence]:
    """The stored items as the domain rules read them."""
    return [Evidence(EvidenceSource(i.source), Robustness(i.robustness), i.supports) for i in items]


def judgement_of(row: KloeAssessment | None) -> Judgement:
    if row is None:
        return Judgement(rating=None)
    return Judgement(row.rating, row.findings, row.justification, row.conflict_resolution)


def evidence_items(session: Session, assessment: KloeAssessment | None) -> list[EvidenceItem]:
    if assessment is None:
        return []
    return list(session.exec(select(EvidenceItem).where(EvidenceItem.assessment_id == assessment.id)
                             .order_by(EvidenceItem.recorded_at, EvidenceItem.id)).all())


def snapshot(session: Session, assessment: KloeAssessment | None) -> dict[str, str]:
    """The saved judgement and prompt notes as text, to tell a reader what someone else changed.

    Empty fields are absent or empty; the status appears only once final, so a KLOE
    merely moving from not started to in progress is no change a reader must see.
    """
    if assessment is None:
        return {}
    notes = read_rows(session, _NOTES_BY_CODE, {"assessment_id": assessment.id}).all()
    return snapshot_of(assessment, dict(notes))


def snapshot_of(assessment: KloeAssessment | None, notes: dict[str, str]) -> dict[str, str]:
    """``snapshot`` from rows already read: the assessment and its notes by prompt code."""
    if assessment is None:
        return {}
    values = {
        "rating": RATING_LABELS[assessment.rating] if assessment.rating else "",
        "findings": assessment.findings, "good_practice": assessment.good_practice,
        "justification": assessment.justification, "conflict_resolution": assessment.conflict_resolution,
    }
    if assessment.status == KloeStatus.FINAL.value:
        values["status"] = KLOE_STATUS_LABELS[KloeStatus.FINAL]
    for code, note in notes.items():
        values[f"prompt:{code}"] = snapshot_note(note)
    return values


def snapshot_note(note: str) -> str:
    """A chosen prompt's entry in ``snapshot``."""
    return f"Used. {note}".strip()


def snapshot_labels(session: Session, kloe_id: int) -> dict[str, str]:
    """The labels of every field ``snapshot`` may hold, in the page's order."""
    prompts = session.exec(select(KloePrompt.code).where(KloePrompt.kloe_id == kloe_id)
                           .order_by(KloePrompt.position)).all()
    return {**{f"prompt:{code}": f"Prompt {code}" for code in prompts}, **JUDGEMENT_LABELS}


def kloe_page(*, session: Session, actor: Actor | None, inspection_id: object, kloe_code: object,
              cross_references: bool = True) -> KloeView:
    """The KLOE page's read model, for the inspection's team (editable) or a programme manager.

    ``cross_references=False`` leaves out the clauses and PIR answers (``kloe_panel`` reads them
    for the page's cross-reference panel, so the page does not build them twice).
    """
    return _read_page(session, actor, inspection_id, kloe_code, cross_references)[0]


def page_mark(*, session: Session, actor: Actor | None, inspection_id: object, kloe_code: object) -> str:
    """A mark of everything the KLOE page and its panel read, for whoever may read the page.

    Every change to what they read is audited (the KLOE's texts, judgement and evidence, the
    PIR, the inspection and its team, the framework, stored files), so the same inspection, KLOE
    and newest audit record mean the page would read the same again. It goes through the access
    policy like the page itself.
    """
    inspection, _facts = readable_ref(session, actor, inspection_id)
    return f"{inspection.id}|{kloe_code!r}|{audit.head(session)}"


def kloe_page_with_snapshot(*, session: Session, actor: Actor | None, inspection_id: object,
                            kloe_code: object) -> tuple[KloeView, dict[str, str]]:
    """The page's read model without cross-references, and ``saved_snapshot`` of the same reads."""
    return _read_page(session, actor, inspection_id, kloe_code, False)


def _read_page(session: Session, actor: Actor | None, inspection_id: object, kloe_code: object,
               cross_references: bool) -> tuple[KloeView, dict[str, str]]:
    """Every read of the page once: the inspection and its access facts, the KLOE, its assessment."""
    inspection, facts = readable_ref(session, actor, inspection_id)
    kloe = kloe_of(session, inspection, kloe_code)
    group_name, provider_id, provider_name = read_rows(session, _GROUP_AND_PROVIDER,
                                                       {"group_id": inspection.group_id}).one()
    assessment, saved_by = session.exec(_ASSESSMENT_AND_SAVER, params={"inspection_id": inspection.id,
                                                                       "kloe_id": kloe.id}).first() or (None, None)
    evidence = _evidence(session, assessment)
    rules = evidence_rules([item for item, _, _ in evidence])
    judgement = judgement_of(assessment)
    status = KloeStatus(assessment.status) if assessment else KloeStatus.NOT_STARTED
    may_edit, reason = _may_edit(actor, facts, inspection, kloe)
    pir = return_of(session, inspection.id)
    notes = _notes(session, kloe, assessment)
    prompts = [PromptView(p.code, prompt_slug(p.code), p.text, p.code in notes, notes.get(p.code, ""))
               for p in kloe.prompts]
    view = KloeView(
        inspection_id=inspection.id, group_name=group_name, provider_name=provider_name,
        code=kloe.code, title=kloe.title, question=kloe.question, key_question=kloe.key_question_title,
        may_edit=may_edit and status is not KloeStatus.FINAL, read_only_reason=reason,
        status=status.value, status_label=KLOE_STATUS_LABELS[status],
        rating=judgement.rating.value if judgement.rating else "",
        rating_label=RATING_LABELS[judgement.rating] if judgement.rating else "Not rated yet",
        findings=judgement.findings, good_practice=assessment.good_practice if assessment else "",
        justification=judgement.justification, conflict_resolution=judgement.conflict_resolution,
        version=assessment.version if assessment else 0,
        text_versions=text_versions(assessment, [p.code for p in prompts]),
        last_saved=f"Last saved by {saved_by} on {format_moment(assessment.updated_at)}" if saved_by else "",
        prompts=prompts, evidence=[_evidence_view(*row) for row in evidence],
        corroboration=corroborating_sources(rules), conflict=unresolved_conflict(rules, judgement.conflict_resolution),
        conflict_resolved=has_conflict(rules) and bool(judgement.conflict_resolution.strip()),
        problems=sufficiency_problems(rules, judgement),
        pir_questions=tagged_questions(template_of(session, pir), kloe.code) if pir else [],
        files=_file_options(session, provider_id),
        clauses=clauses_for(kloe, inspection.id) if cross_references else [],
        pir=panel_of(session, pir, kloe.code) if cross_references else EMPTY_PANEL,
    )
    return view, snapshot_of(assessment, notes)


@dataclass(frozen=True)
class KloePanelView:
    """The cross-reference panel of a KLOE page: its contract clauses and the PIR answers tagged with it."""

    clauses: list[ClauseView] = field(default_factory=list)
    pir: PirPanelView = EMPTY_PANEL


def kloe_panel(*, session: Session, actor: Actor | None, inspection_id: object, kloe_code: object) -> KloePanelView:
    """The KLOE page's cross-references, for whoever may read the KLOE page."""
    inspection = readable_inspection(session, actor, inspection_id)
    kloe = kloe_of(session, inspection, kloe_code)
    return KloePanelView(clauses=clauses_for(kloe, inspection.id),
                         pir=panel_for(session, inspection_id=inspection.id, kloe_code=kloe.code))


def kloe_page_and_panel(*, session: Session, actor: Actor | None, inspection_id: object,
                        kloe_code: object) -> tuple[KloeView, dict[str, str], KloePanelView]:
    """``kloe_page_with_snapshot`` and ``kloe_panel`` from one read (a page opening reads both): the
    inspection, its access facts and the KLOE once, instead of once for the page and again for its panel."""
    view, seen = _read_page(session, actor, inspection_id, kloe_code, True)
    return replace(view, clauses=[], pir=EMPTY_PANEL), seen, KloePanelView(clauses=view.clauses, pir=view.pir)


def _may_edit(actor: Actor, facts: InspectionFacts, inspection: InspectionRef, kloe: FrameworkKloe) -> tuple[bool, str]:
    if not access.may(actor, Action.WORK_ON_INSPECTION, facts):
        return False, "You can read this KLOE; only the inspection's team can change it."
    if not in_scope(inspection, kloe):
        return False, "This KLOE's key question is not in the inspection's scope. The lead inspector can widen it."
    return True, ""


def _notes(session: Session, kloe: FrameworkKloe, assessment: KloeAssessment | None) -> dict[str, str]:
    """The notes of the prompts chosen, by prompt code, in the framework's order."""
    if assessment is None:
        return {}
    by_prompt = dict(read_rows(session, _NOTES_BY_PROMPT, {"assessment_id": assessment.id}).all())
    return {p.code: by_prompt[p.id] for p in kloe.prompts if p.id in by_prompt}


def _evidence(session: Session, assessment: KloeAssessment | None) -> list[tuple[EvidenceItem, str | None, str | None]]:
    """The evidence in the order recorded, with who recorded each and the name of the file it links."""
    if assessment is None:
        return []
    return list(session.exec(_EVIDENCE, params={"assessment_id": assessment.id}).all())


def _evidence_view(i: EvidenceItem, recorded_by: str | None, file_name: str | None) -> EvidenceView:
    return EvidenceView(
        id=i.id, source=SOURCE_LABELS[EvidenceSource(i.source)], summary=i.summary,
        relates_to=format_date(i.relates_to), robustness=ROBUSTNESS_LABELS[Robustness(i.robustness)],
        supports=i.supports, direction="Supports the finding" if i.supports else "Contradicts the finding",
        pir_link=i.pir_question_code or "", file_name=(file_name or "") if i.file_id else "",
        recorded=f"{recorded_by or 'Unknown'}, {format_moment(i.recorded_at)}",
    )


def _file_options(session: Session, provider_id: int) -> list[Option]:
    files = read_rows(session, _FILE_OPTIONS, {"provider_id": provider_id}).all()
    return [Option(str(file_id), name) for file_id, name in files]


RATING_OPTIONS = [(r.value, RATING_LABELS[r]) for r in Rating]


def saved_snapshot(*, session: Session, actor: Actor | None, inspection_id: object,
                   kloe_code: object) -> dict[str, str]:
    """The KLOE as saved now (see ``snapshot``), kept by the page to compare with later saves."""
    inspection = readable_inspection(session, actor, inspection_id)
    found = kloe_of(session, inspection, kloe_code)
    return snapshot(session, assessment_of(session, inspection.id, found.id))
