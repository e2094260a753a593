"""Reading the KLOE page's parameters (``routes.KLOE``) from the URL path."""


def route_ids(path: str) -> tuple[int | None, str | None]:
    """The inspection id and KLOE code of ``/inspections/<id>/kloes/<code>`` (None when malformed)."""
    parts = path.strip("/").split("/")
    if len(parts) != 4 or parts[0] != "inspections" or parts[2] != "kloes":
        return None, None
    number = int(parts[1]) if parts[1].isdigit() and len(parts[1]) < 10 else None
    return number, parts[3]
