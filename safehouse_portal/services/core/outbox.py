"""The outbox: a notification written in the same unit of work as the change that causes it.

Like the audit trail, a service adds its notifications to the session it was given and
never commits: the change and the notification are committed together, or neither is.
The sender (``services/notifications/delivery``) emails them afterwards.

Each hook in an area's service is one line, e.g.::

    outbox.notify(session=session, kind=NotificationKind.INFO_REQUESTED,
                  to_user_ids=outbox.provider_leads(session, inspection_id=inspection.id),
                  inspection_id=inspection.id, link=LinkTarget.PROVIDER_REQUEST, link_id=request.id)

It lives beside ``audit`` in ``services/core`` because every area calls it and it
imports no area: any area may notify, and the notifications area may read every other.
"""

from collections.abc import Iterable

from sqlmodel import Session, select

from safehouse_portal.db import (
    Inspection, InspectionGroup, InspectionTeamMember, Notification, StakeholderOrganisation, User,
)
from safehouse_portal.domain.enums import Role
from safehouse_portal.domain.notifications import LinkTarget, NotificationKind


def notify(*, session: Session, kind: NotificationKind, to_user_ids: Iterable[int | None],
           inspection_id: int | None = None, link: LinkTarget, link_id: int | None = None,
           actor_id: int | None = None) -> int:
    """Add one notification per recipient to ``session`` (committed with the change); returns how many.

    Nobody is told of their own action: ``actor_id`` is left out of the recipients.
    """
    recipients = [i for i in dict.fromkeys(to_user_ids) if i is not None and i != actor_id]
    session.add_all(Notification(user_id=user_id, kind=NotificationKind(kind).value, inspection_id=inspection_id,
                                 link_target=LinkTarget(link).value, link_id=link_id)
                    for user_id in recipients)
    return len(recipients)


def provider_leads(session: Session, *, inspection_id: int | None = None, provider_id: int | None = None) -> list[int]:
    """The active provider leads of the inspection's provider (or of ``provider_id``)."""
    if provider_id is None and inspection_id is not None:
        provider_id = session.exec(select(InspectionGroup.provider_id).join(
            Inspection, Inspection.group_id == InspectionGroup.id).where(Inspection.id == inspection_id)).first()
    if provider_id is None:
        return []
    return list(session.exec(select(User.id).where(User.provider_id == provider_id, User.active,
                                                   User.role == Role.PROVIDER_LEAD).order_by(User.id)).all())


def inspection_staff(session: Session, inspection_id: int, *, team: bool = True) -> list[int]:
    """The inspection's lead inspector, and its team unless ``team`` is False."""
    lead = session.exec(select(Inspection.lead_inspector_id).where(Inspection.id == inspection_id)).first()
    members = session.exec(select(InspectionTeamMember.user_id).where(
        InspectionTeamMember.inspection_id == inspection_id)).all() if team else []
    return [i for i in (lead, *members) if i is not None]


def stakeholders(session: Session, *kinds: str) -> list[int]:
    """Active stakeholder users (the prime contractor, the Home Office); of organisations of ``kinds`` if given."""
    query = select(User.id).join(StakeholderOrganisation, StakeholderOrganisation.id == User.stakeholder_organisation_id,
                                 isouter=True).where(User.role == Role.STAKEHOLDER, User.active)
    if kinds:
        query = query.where(StakeholderOrganisation.kind.in_(kinds))
    return list(session.exec(query.order_by(User.id)).all())


def people_with_role(session: Session, role: Role) -> list[int]:
    """Every active person of ``role`` (programme managers for the overdue digest)."""
    return list(session.exec(select(User.id).where(User.role == role, User.active).order_by(User.id)).all())
