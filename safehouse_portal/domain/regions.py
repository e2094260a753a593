"""The regions of England and Wales a location is in (the nine English regions, and Wales)."""

REGIONS: tuple[str, ...] = (
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
    "Wales",
)
"""Every region, in the order lists show them."""

_BY_LOWER = {region.lower(): region for region in REGIONS}


def region_named(text: str) -> str | None:
    """The region ``text`` names (any case, spaces collapsed), or None."""
    return _BY_LOWER.get(" ".join(text.split()).lower())
