"""The audit trail in words: what kind of change each action is, and its before and after as people read them.

The trail stores each change's before and after as data (``{"stage": "announced"}``); the
audit page and its export show them side by side, one line per field, in words
(``Stage: Announced`` -> ``Stage: PIR received``), never as raw JSON.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.enums import (
    KEY_QUESTION_LABELS, RATING_LABELS, ROLE_LABELS, STAGE_LABELS, THEME_LABELS, TIMESCALE_LABELS,
)

ACTION_WORDS: Mapping[str, str] = {
    "availability.changed": "Inspector's availability changed",
    "availability.days_off_added": "Inspector's days away added",
    "availability.days_off_removed": "Inspector's days away removed",
    "kloe.text_saved": "KLOE text saved",
    "learning.good_practice_edited": "Good practice example edited",
    "learning.good_practice_name_cleared": "Name in a good practice example marked not identifying",
    "learning.good_practice_nominated": "Good practice nominated",
    "learning.good_practice_published": "Good practice published",
    "learning.good_practice_returned": "Good practice returned to the inspector",
    "learning.good_practice_tried": "Provider tried a good practice example",
    "report.quality_panel_member_named": "Quality panel member named",
    "report.quality_panel_opened": "Quality panel review opened",
    "report.quality_panel_outcome": "Quality panel outcome recorded",
    "report.quality_panel_view": "Quality panel member's view recorded",
    "address.viewed": "Safehouse addresses viewed",
    "analytics.exported": "Analytics exported",
    "audit.exported": "Audit trail exported",
    "auth.locked": "Account locked after failed sign-ins",
    "auth.signed_in": "Signed in",
    "auth.signed_out": "Signed out",
    "closure_day.added": "Closure day added",
    "closure_day.removed": "Closure day removed",
    "concern.closed": "Concern closed",
    "concern.escalated": "Concern escalated",
    "concern.inspection_started": "Inspection started for a concern",
    "concern.recorded": "Concern recorded",
    "deadline.extended": "Deadline extended",
    "document.downloaded": "Document downloaded",
    "engagement.action_done": "Agreed action marked done",
    "engagement.action_reopened": "Agreed action marked not done",
    "engagement.meeting_recorded": "Engagement meeting recorded",
    "file.downloaded": "Uploaded file downloaded",
    "file.uploaded": "File uploaded",
    "framework.imported": "Framework imported",
    "info_request.answered": "Information request answered",
    "info_request.asked": "Information requested",
    "info_request.withdrawn": "Information request withdrawn",
    "inspection.allocated": "Inspection allocated",
    "inspection.allocation_changed": "Allocation changed",
    "inspection.announcement_call_recorded": "Announcement call recorded",
    "inspection.stage_moved": "Stage moved",
    "inspection.step_recorded": "Step date recorded",
    "judgement.overridden": "Key question judgement overridden",
    "judgement.override_withdrawn": "Judgement override withdrawn",
    "kloe.evidence_added": "Evidence added to a KLOE",
    "kloe.judgement_saved": "KLOE judgement saved",
    "kloe.made_final": "KLOE made final",
    "kloe.prompts_saved": "KLOE prompts saved",
    "kloe.reopened": "KLOE reopened",
    "notification.preferences_changed": "Email choices changed",
    "notification.retried": "Undelivered email sent again",
    "pir.answer_confirmed": "PIR answer confirmed",
    "pir.answer_saved": "PIR answer saved",
    "pir.opened": "PIR opened",
    "pir.reopened": "PIR reopened",
    "pir.submitted": "PIR submitted",
    "pir_template.imported": "PIR template imported",
    "programme_report.downloaded": "Programme report downloaded",
    "programme.addresses_viewed": "Safehouse addresses exported",
    "programme.change_accepted": "Provider's change to services accepted",
    "programme.change_declined": "Provider's change to services declined",
    "programme.change_proposed": "Provider told us of a change to services",
    "programme.exported": "Programme exported",
    "programme.group_changed": "Inspection group changed",
    "programme.group_created": "Inspection group created",
    "programme.imported": "Programme imported",
    "programme.location_changed": "Location changed",
    "programme.location_created": "Location created",
    "programme.provider_changed": "Provider changed",
    "programme.provider_created": "Provider created",
    "provider.lead_contact_changed": "Lead contact changed",
    "recommendation.accepted": "Recommendation evidence accepted",
    "recommendation.changed": "Draft recommendation changed",
    "recommendation.drafted": "Recommendation drafted",
    "recommendation.evidence": "Recommendation evidence sent",
    "recommendation.progress": "Recommendation progress update",
    "recommendation.removed": "Draft recommendation removed",
    "recommendation.returned": "Recommendation evidence returned",
    "report.draft_sent": "Draft report sent for factual accuracy",
    "report.fa_comment_added": "Factual accuracy comment added",
    "report.fa_comment_decided": "Factual accuracy comment decided",
    "report.fa_declared_done": "Provider finished factual accuracy",
    "report.final_issued": "Final report issued",
    "report.judgement_changed": "Judgement changed after factual accuracy",
    "report.kloe_corrected": "KLOE findings corrected",
    "report.qa_returned": "Draft returned at quality assurance",
    "report.qa_reviewer_named": "Quality assurance reviewer named",
    "report.qa_reviewer_removed": "Quality assurance reviewer removed",
    "report.qa_signed_off": "Draft signed off at quality assurance",
    "serious_concern.letter_sent": "Early outcome letter sent",
    "serious_concern.raised": "Serious concern raised",
    "survey.closing_date_changed": "Survey closing date changed",
    "survey.comments_viewed": "Survivors' survey comments viewed",
    "survey.evidence_added": "Survey evidence added to a KLOE",
    "survey.link_opened": "Survey link opened",
    "survey.paper_response_entered": "Paper survey response entered",
    "survey.question_set_imported": "Survey questions imported",
    "survey.quote_checked": "Survey quote checked for identifying details",
    "survey.quote_in_report": "Survey quote marked for the report, or unmarked",
    "user.activated": "User reactivated",
    "user.created": "User created",
    "user.deactivated": "User deactivated",
    "user.password_chosen": "Own password chosen",
    "user.password_reset": "Password reset",
    "user.role_changed": "Role changed",
    "workspace.checklist_updated": "Checklist updated",
    "workspace.scope_widened": "Inspection scope widened",
}
"""Each kind of change the trail records, in words (the audit page's "kind of change" filter)."""

_FIELD_WORDS: Mapping[str, str] = {
    "pir": "PIR", "kloe": "KLOE", "fa": "Factual accuracy", "id": "ID", "ids": "IDs", "qa": "Quality assurance",
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NOTHING = "(none)"
_CODES: Mapping[str, str] = {
    code.value: label for labels in (STAGE_LABELS, RATING_LABELS, ROLE_LABELS, TIMESCALE_LABELS, THEME_LABELS,
                                     KEY_QUESTION_LABELS) for code, label in labels.items()
}
"""Stored codes (stages, ratings, roles...) and the words the app shows for them."""


@dataclass(frozen=True)
class FieldChange:
    """One field of a change: its name, and its value before and after, in words."""

    field: str = ""
    before: str = ""
    after: str = ""


def action_words(action: str) -> str:
    """The kind of change in words; an action not listed reads as its own name, tidied."""
    if action in ACTION_WORDS:
        return ACTION_WORDS[action]
    return field_words(action.replace(".", " "))


def field_words(key: str) -> str:
    """``pir_received_on`` -> ``PIR received on``."""
    words = [_FIELD_WORDS.get(w, w) for w in str(key).replace("_", " ").split()]
    text = " ".join(words)
    return text[:1].upper() + text[1:] if text else ""


def value_words(value: Any) -> str:
    """A stored value as people read it: dates in full, yes/no, lists joined, codes tidied."""
    if value is None or value == "" or value == [] or value == {}:
        return NOTHING
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return ", ".join(value_words(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{field_words(k)}: {value_words(v)}" for k, v in value.items())
    text = str(value)
    if text in _CODES:
        return _CODES[text]
    if _DATE.match(text):
        try:
            return format_date(date.fromisoformat(text))
        except ValueError:
            return text
    if re.fullmatch(r"[a-z]+(_[a-z]+)+", text):
        return field_words(text)
    return text


def changes(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> list[FieldChange]:
    """The fields of a change side by side, in the order they were recorded (before's first, then after's new ones)."""
    before, after = before or {}, after or {}
    keys = list(dict.fromkeys([*before, *after]))
    return [FieldChange(field_words(k), value_words(before[k]) if k in before else NOTHING,
                        value_words(after[k]) if k in after else NOTHING) for k in keys]
