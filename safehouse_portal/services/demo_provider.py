"""Demo data: PIR returns and answers (issue 5)."""

from datetime import date

from sqlmodel import Session


def seed(*, session: Session, today: date) -> None:
    """Add this area's demo rows to the base programme."""
