"""The one clock of the edge: now and today in England, whatever the server's time zone.

Only the edges read it: page handlers (through ``portals.shared.edge``), download routes
and the ``safehouse`` command. Services and domain rules never do: they take ``today`` or
``now`` as arguments, so they can be tested on any day without freezing time.
"""

from datetime import date, datetime

from safehouse_portal.domain.dates import LONDON


def programme_now() -> datetime:
    """The current moment, aware, in England's time (for times a person reads)."""
    return datetime.now(LONDON)


def programme_today() -> date:
    """Today in England: the day deadlines, countdowns and working days are counted from."""
    return programme_now().date()
