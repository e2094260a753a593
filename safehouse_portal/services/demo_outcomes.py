"""Demo data: issued reports' judgements and recommendations reproducing the 2021-22 figures (issue 8)."""

from datetime import date

from sqlmodel import Session


def seed(*, session: Session, today: date) -> None:
    """Add this area's demo rows to the base programme."""
