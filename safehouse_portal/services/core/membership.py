"""Which locations an inspection covers, kept from the moment it is under way.

A planned inspection covers its group's open locations as they are. Once under way
(``domain.programme_changes.membership_frozen``) it keeps the locations it started with:
every change to a group's membership (a move, a split, a merge, a closure, an import)
calls ``keep_started_inspections`` first, which writes the group's current locations into
``inspection_location`` for each of its inspections under way that has none kept yet.
Readers ask ``covered_by`` for the condition that selects an inspection's locations.
"""

from collections.abc import Collection

from sqlalchemy import and_
from sqlmodel import Session, select

from safehouse_portal.db import Inspection, InspectionLocation, Location
from safehouse_portal.domain.enums import Stage


def covered_by(session: Session, inspection_id: int, group_id: int):
    """A SQL condition on ``Location``: the locations inspection ``inspection_id`` (of ``group_id``) covers."""
    kept = select(InspectionLocation.location_id).where(InspectionLocation.inspection_id == inspection_id)
    if session.exec(kept.limit(1)).first() is not None:
        return Location.id.in_(kept)
    return and_(Location.group_id == group_id, Location.active)


def keep_started_inspections(session: Session, group_ids: Collection[int]) -> int:
    """Before ``group_ids`` change, keep the locations of their inspections under way; returns how many were kept."""
    group_ids = {g for g in group_ids if g is not None}
    if not group_ids:
        return 0
    session.flush()
    inspections = session.exec(select(Inspection.id, Inspection.group_id).where(
        Inspection.group_id.in_(group_ids), Inspection.stage != Stage.PLANNED)).all()
    if not inspections:
        return 0
    already = set(session.exec(select(InspectionLocation.inspection_id).where(
        InspectionLocation.inspection_id.in_([i for i, _ in inspections]))).all())
    members: dict[int, list[int]] = {}
    for location_id, group_id in session.exec(select(Location.id, Location.group_id).where(
            Location.group_id.in_(group_ids), Location.active)).all():
        members.setdefault(group_id, []).append(location_id)
    kept = 0
    for inspection_id, group_id in inspections:
        if inspection_id in already:
            continue
        session.add_all(InspectionLocation(inspection_id=inspection_id, location_id=loc)
                        for loc in members.get(group_id, []))
        kept += 1
    session.flush()
    return kept
