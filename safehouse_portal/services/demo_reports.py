"""Demo data: report snapshots, QA, factual-accuracy comments and report issues (issue 7)."""

from datetime import date

from sqlmodel import Session


def seed(*, session: Session, today: date) -> None:
    """Add this area's demo rows to the base programme."""
