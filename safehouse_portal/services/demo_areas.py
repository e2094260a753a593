"""The demo data of each area, added after the base programme (see ``demo.seed_demo``).

An area appends its seeder here: ``seed(*, session, today) -> None``, writing only
its own rows and relying on the base programme being there.
"""

from collections.abc import Callable
from datetime import date

from sqlmodel import Session

Seeder = Callable[..., None]

SEEDERS: list[Seeder] = []
