"""Demo data: judgement work in progress for inspections being inspected or drafted (issue 6)."""

from datetime import date

from sqlmodel import Session


def seed(*, session: Session, today: date) -> None:
    """Add this area's demo rows to the base programme."""
