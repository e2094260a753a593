"""Demo availability for planning the year: each demo inspector's home region, limit, skills and leave."""

from datetime import date, timedelta

from sqlmodel import Session, select

from safehouse_portal.db import InspectorAvailability, InspectorUnavailability, User
from safehouse_portal.domain.enums import Role
from safehouse_portal.domain.planning import CHILDREN

_HOMES = ("London", "North West", "West Midlands", "Yorkshire and the Humber", "South West", "East of England")


def seed(*, session: Session, today: date) -> None:
    """Home regions spread over England; half hold children's safeguarding; a week of leave each."""
    inspectors = session.exec(select(User).where(User.role == Role.INSPECTOR).order_by(User.id)).all()
    for n, inspector in enumerate(inspectors):
        if session.get(InspectorAvailability, inspector.id) is not None:
            continue
        session.add(InspectorAvailability(user_id=inspector.id, home_region=_HOMES[n % len(_HOMES)],
                                          max_leads_per_4_weeks=3 if n % 3 else 4,
                                          skills=[CHILDREN] if n % 2 == 0 else []))
        leave = today + timedelta(weeks=6 + 5 * n)
        leave -= timedelta(days=leave.weekday())
        session.add(InspectorUnavailability(user_id=inspector.id, first_day=leave, last_day=leave + timedelta(days=4),
                                            reason="Annual leave"))
    session.flush()
