"""What page States and download routes read from outside: today, the route's ids, a submitted form.

Services take all three as arguments; only this edge reads the clock or the browser's input.
Working days, due dates and countdowns are counted in England, whatever the server's time zone.
Ids come from the route's path, never from an event argument, and anything a browser sends
that is not what a form holds is dropped before a service sees it.
"""

from safehouse_portal.domain.ids import parse_id
from safehouse_portal.services.core.clock import programme_now, programme_today

__all__ = ["form_fields", "id_from_path", "programme_now", "programme_today"]


def id_from_path(path: str, position: int = -1) -> int | None:
    """The numeric id at ``position`` of the route's segments (None if it is not one)."""
    parts = [p for p in path.split("/") if p]
    try:
        tail = parts[position]
    except IndexError:
        return None
    return parse_id(tail)


def form_fields(form: object) -> dict[str, str]:
    """The submitted fields as a dict of strings (anything else a browser sends is dropped)."""
    if not isinstance(form, dict):
        return {}
    return {key: value for key, value in form.items() if isinstance(key, str) and isinstance(value, str)}
