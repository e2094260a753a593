"""A KLOE's autosaving boxes: each prompt's note and the judgement's texts save themselves as typed.

Each box carries the version of its text it was drawn with (``KloeView.text_versions``).
A save against an older version than the stored one is refused with ``TextConflict``
(theirs, who, when), never saved over the newer text; the page shows theirs and quotes
the inspector's back. A note typed for a prompt not yet chosen chooses it.
"""

from dataclasses import dataclass

from sqlmodel import Session, select

from safehouse_portal.db import AuditEvent, KloeAssessment, PromptNote, User
from safehouse_portal.domain.autosave import refused_as_conflict
from safehouse_portal.services.core import audit
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput, PermissionDenied, ServiceError
from safehouse_portal.services.judgements.kloe import (
    JUDGEMENT_LABELS, JUDGEMENT_TEXTS, assessment_row, prompt_slug, snapshot, snapshot_note,
)
from safehouse_portal.services.judgements.kloe_edit import (
    MAX_NOTE, MAX_TEXT, bounded, ensure_row, refuse_if_final, save_versioned, working_status,
)
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.judgements.kloe_access import in_scope, kloe_of, readable_ref
from safehouse_portal.services.judgements.kloe_framework import PromptRef
from safehouse_portal.services.judgements.kloe_pir import format_moment

_RECENT_SAVES = 200  # text saves read back to find who saved a box's newer version


class TextConflict(ServiceError):
    """Someone changed this box's text since it was drawn; ``theirs`` is the text stored now."""

    def __init__(self, field: str, label: str, theirs: str, by: str, at: str, version: int) -> None:
        super().__init__(f"{by} changed {label} at {at}")
        self.field, self.label, self.theirs, self.by, self.at, self.version = field, label, theirs, by, at, version


@dataclass(frozen=True)
class TextSaved:
    """One box's text as saved, its new version, and the KLOE's version before and after the save.

    ``seen_key``/``seen_value`` are the box's entry in ``kloe.snapshot`` now, so the page's
    whole-form saves do not take this page's own autosave for a colleague's change.
    """

    field: str = ""
    value: str = ""
    version: int = 0
    kloe_version_before: int = 0
    kloe_version: int = 0
    seen_key: str = ""
    seen_value: str = ""
    prompt_used: bool = False


def save_text(*, session: Session, actor: Actor | None, inspection_id: object, kloe_code: object, box: object,
              value: object, expected_version: object) -> TextSaved:
    """Save one box's text if nobody changed it since ``expected_version``.

    Raises:
        TextConflict: Someone saved other text in this box since it was drawn.
        InvalidInput: Keyed by the box: the KLOE is final, the box is unknown, or the text is too long.
    """
    inspection, facts = readable_ref(session, actor, inspection_id, Action.WORK_ON_INSPECTION)
    kloe = kloe_of(session, inspection, kloe_code)
    if not in_scope(inspection, kloe):
        raise PermissionDenied("This KLOE's key question is not in the inspection's scope.")
    prompts = {f"note-{prompt_slug(p.code)}": p for p in kloe.prompts}
    if not isinstance(box, str) or (box not in JUDGEMENT_TEXTS and box not in prompts):
        raise InvalidInput({"box": "Unknown box"})
    if not isinstance(expected_version, int) or isinstance(expected_version, bool) or expected_version < 0:
        raise InvalidInput({box: "Reload the page and try again"})
    row = assessment_row(session, inspection.id, kloe.id)
    refuse_if_final(row)
    prompt = prompts.get(box)
    try:
        text = bounded(value, MAX_NOTE if prompt else MAX_TEXT, "the note" if prompt else "this")
    except ValueError as exc:
        raise InvalidInput({box: str(exc)}) from None
    stored_version = int((row.text_versions or {}).get(box, 0)) if row is not None else 0
    if stored_version != expected_version and refused_as_conflict(
            stored_version, expected_version, _saved_by(session, row, box, stored_version), actor.user_id):
        raise _conflict(session, row, box, prompt)
    if row is None and not text:
        # An empty box left on a KLOE nobody has started: nothing is saved, and the KLOE stays "Not started".
        return _saved(0, box, prompt, text, 0, 0)
    row = ensure_row(session, actor, inspection.id, kloe.id, row)
    note = session.get(PromptNote, (row.id, prompt.id)) if prompt else None
    current = (note.note if note else "") if prompt else getattr(row, box)
    version_before = row.version
    if text == current and (prompt is None or note is not None):
        return _saved(version_before, box, prompt, text, stored_version, version_before)
    before = snapshot(session, row)
    if prompt is not None:
        note = note or PromptNote(assessment_id=row.id, prompt_id=prompt.id)
        note.note = text
        session.add(note)
        session.flush()
        values = {}
    else:
        values = {box: text}
    versions = {**(row.text_versions or {}), box: stored_version + 1}
    version_after = save_versioned(session, actor, row, kloe.id, before, text_versions=versions,
                                   status=working_status(row), **values)
    audit.record(session=session, actor=actor, action="kloe.text_saved", entity_type="kloe_assessment",
                 entity_id=row.id, before={"box": box, "text": current},
                 after={"box": box, "text": text, "version": stored_version + 1},
                 scope=(facts.provider.provider_id, inspection.id))
    session.flush()
    return _saved(version_after, box, prompt, text, stored_version + 1, version_before)


def _saved_by(session: Session, row: KloeAssessment | None, box: str, version: int) -> int | None:
    """Who saved version ``version`` of this box's text as typed (None if it came some other way).

    Read from the audit trail, and only when a save meets a newer version than it started from.
    """
    if row is None or version <= 0:
        return None
    records = session.exec(
        select(AuditEvent.actor_id, AuditEvent.after)
        .where(AuditEvent.entity_type == "kloe_assessment", AuditEvent.entity_id == row.id,
               AuditEvent.action == "kloe.text_saved")
        .order_by(AuditEvent.id.desc()).limit(_RECENT_SAVES)).all()
    return next((by for by, after in records
                 if isinstance(after, dict) and after.get("box") == box and after.get("version") == version), None)


def _saved(kloe_version: int, box: str, prompt: PromptRef | None, text: str, version: int,
           version_before: int) -> TextSaved:
    key, seen = (f"prompt:{prompt.code}", snapshot_note(text)) if prompt else (box, text)
    return TextSaved(box, text, version, version_before, kloe_version, key, seen, prompt is not None)


def _conflict(session: Session, row: KloeAssessment | None, box: str, prompt: PromptRef | None) -> TextConflict:
    label = f"Note on {prompt.code}" if prompt else JUDGEMENT_LABELS[box]
    if row is None:
        return TextConflict(box, label, "", "Someone else", "", 0)
    note = session.get(PromptNote, (row.id, prompt.id)) if prompt else None
    theirs = (note.note if note else "") if prompt else getattr(row, box)
    who = session.get(User, row.updated_by_id) if row.updated_by_id else None
    return TextConflict(box, label, theirs, who.name if who else "Someone else", format_moment(row.updated_at),
                        int((row.text_versions or {}).get(box, 0)))
