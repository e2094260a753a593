"""Reading the KLOE page's parameters (``routes.KLOE``) from the URL path."""

from safehouse_portal.domain.ids import parse_id


def route_ids(path: str) -> tuple[int | None, str | None]:
    """The inspection id and KLOE code of ``/inspections/<id>/kloes/<code>`` (None when malformed)."""
    parts = path.strip("/").split("/")
    if len(parts) != 4 or parts[0] != "inspections" or parts[2] != "kloes":
        return None, None
    return parse_id(parts[1]), parts[3]
