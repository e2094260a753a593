"""Each person chooses, kind by kind, whether they also get an email (in the app they always see it)."""

from dataclasses import dataclass

from sqlmodel import Session, select

from safehouse_portal.db import NotificationPreference
from safehouse_portal.domain.enums import Role
from safehouse_portal.domain.notifications import KIND_LABELS, NotificationKind
from safehouse_portal.services.core import access, audit
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput

_STAFF_ONLY = {NotificationKind.INFO_ANSWERED, NotificationKind.FA_COMMENTS_RECEIVED, NotificationKind.DRAFT_REPORT_DUE,
               NotificationKind.FINAL_REPORT_DUE, NotificationKind.OVERDUE_DIGEST}
_PROVIDER_ONLY = {NotificationKind.INSPECTION_ANNOUNCED, NotificationKind.PIR_REQUESTED, NotificationKind.INFO_REQUESTED,
                  NotificationKind.DRAFT_SENT, NotificationKind.RECOMMENDATION_RETURNED,
                  NotificationKind.RECOMMENDATION_ACCEPTED, NotificationKind.PIR_DUE, NotificationKind.FA_COMMENTS_DUE,
                  NotificationKind.INFO_DUE, NotificationKind.RECOMMENDATION_DUE_SOON,
                  NotificationKind.RECOMMENDATION_OVERDUE, NotificationKind.SERVICE_CHANGE_ACCEPTED,
                  NotificationKind.SERVICE_CHANGE_DECLINED}
_STAKEHOLDER = {NotificationKind.FINAL_REPORT_ISSUED, NotificationKind.EARLY_OUTCOME_LETTER_SENT}
_MANAGER_ONLY = {NotificationKind.SERVICE_CHANGE_PROPOSED}
_ACCOUNT = {NotificationKind.ACCOUNT_CREATED, NotificationKind.PASSWORD_RESET}


@dataclass(frozen=True)
class PreferenceRow:
    """One kind and whether its emails are on."""

    kind: str = ""
    label: str = ""
    email: bool = True


def kinds_for(role: Role) -> list[NotificationKind]:
    """The kinds a person of ``role`` can receive, in the order the page lists them."""
    if role is Role.PROVIDER_LEAD:
        chosen = _PROVIDER_ONLY | _STAKEHOLDER | {NotificationKind.EXTENSION_GRANTED}
    elif role is Role.STAKEHOLDER:
        chosen = _STAKEHOLDER
    else:
        chosen = _STAFF_ONLY | {NotificationKind.EXTENSION_GRANTED}
        if role is Role.PROGRAMME_MANAGER:
            chosen |= _MANAGER_ONLY
    return [kind for kind in NotificationKind if kind in chosen | _ACCOUNT]


def my_preferences(*, session: Session, actor: Actor | None) -> list[PreferenceRow]:
    """The person's choice for each kind they can receive (email on unless they turned it off)."""
    actor = access.admit(actor, Action.READ_OWN_NOTIFICATIONS)
    off = set(session.exec(select(NotificationPreference.kind).where(
        NotificationPreference.user_id == actor.user_id, NotificationPreference.email.is_(False))).all())
    return [PreferenceRow(kind.value, KIND_LABELS[kind], kind.value not in off) for kind in kinds_for(actor.role)]


def save_preferences(*, session: Session, actor: Actor | None, email_on: object) -> list[PreferenceRow]:
    """Emails on for exactly the kinds in ``email_on`` (a list of kind names), off for the person's others.

    Raises:
        InvalidInput: ``email_on`` is not a list of kinds this person can receive.
    """
    actor = access.admit(actor, Action.READ_OWN_NOTIFICATIONS)
    kinds = kinds_for(actor.role)
    names = {kind.value for kind in kinds}
    if not isinstance(email_on, list | tuple) or any(not isinstance(k, str) or k not in names for k in email_on):
        raise InvalidInput({"email_on": "Choose from the kinds of notification listed"})
    wanted = set(email_on)
    existing = {row.kind: row for row in session.exec(select(NotificationPreference).where(
        NotificationPreference.user_id == actor.user_id)).all()}
    changed = {}
    for name in sorted(names):
        row = existing.get(name) or NotificationPreference(user_id=actor.user_id, kind=name, email=True)
        if row.email != (name in wanted):
            changed[name] = name in wanted
        row.email = name in wanted
        session.add(row)
    if changed:
        audit.record(session=session, actor=actor, action="notification.preferences_changed", entity_type="user",
                     entity_id=actor.user_id, after={"email": changed})
    session.flush()
    return my_preferences(session=session, actor=actor)


def email_wanted(session: Session, user_id: int, kind: str) -> bool:
    """Whether ``user_id`` wants emails of ``kind`` (yes unless they turned it off)."""
    row = session.get(NotificationPreference, (user_id, kind))
    return row is None or row.email
