"""What a person asks the analytics for, read from a URL's query: the view, the filters, a cell.

Everything arrives as text from a browser (or a forged call with any type), so every value
is checked here and a wrong one is named in ``InvalidInput`` with a message to act on.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from safehouse_portal.domain.enums import KeyQuestion, Rating, ServiceKind, Theme, Timescale
from safehouse_portal.documents.analytics import DELIVERY, Filters
from safehouse_portal.documents.analytics_timeliness import STATES, TRACKED
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.text import HIDDEN_CHARACTERS, has_unkept_characters
from safehouse_portal.services.core.errors import InvalidInput

VIEWS: dict[str, str] = {
    "judgements": "Judgements by key question",
    "timescales": "Recommendations by timescale and service kind",
    "themes": "Recommendations by theme and key question",
    "timeliness": "Timeliness of deadlines",
    "delivery": "Recommendation delivery by provider",
}
"""Each view's key (as in the URL) and its title."""
DEFAULT_VIEW = "judgements"
FILTER_KEYS = ("from", "to", "provider", "kind", "region")
CELL_CHOICES: dict[str, tuple[str, ...]] = {
    "kq": tuple(kq.value for kq in KeyQuestion),
    "rating": tuple(r.value for r in Rating),
    "timescale": tuple(t.value for t in Timescale),
    "theme": tuple(t.value for t in Theme),
    "milestone": tuple(m.value for m in TRACKED),
    "state": (*STATES, "fallen_due"),
    "delivery": tuple(DELIVERY),
}
"""The keys that pick one cell of a table (for the list of items behind it), and their values."""
_MAX_TEXT = 200


@dataclass(frozen=True)
class AnalyticsQuery:
    """A validated request: which view, narrowed how, and (for items) which cell."""

    view: str = DEFAULT_VIEW
    filters: Filters = Filters()
    cell: Mapping[str, str] = field(default_factory=dict)

    def params(self, **changes: str | None) -> dict[str, str]:
        """The query parameters of this request, with ``changes`` applied (None removes one)."""
        f = self.filters
        values = {"view": self.view, "from": f.date_from.isoformat() if f.date_from else None,
                  "to": f.date_to.isoformat() if f.date_to else None,
                  "provider": str(f.provider_id) if f.provider_id is not None else None,
                  "kind": f.service_kind, "region": f.region, **self.cell, **changes}
        return {key: value for key, value in values.items() if value}

    def filter_params(self) -> dict[str, str]:
        """Only the filters (no view, no cell)."""
        return {key: value for key, value in self.params().items() if key in FILTER_KEYS}


def parse_query(raw: object) -> AnalyticsQuery:
    """Validate ``raw`` (a mapping of URL parameters) as an analytics request.

    Raises:
        InvalidInput: A value is of the wrong type or not one of the choices, a date is
            not a real date, or the period ends before it starts.
    """
    if not isinstance(raw, Mapping):
        raise InvalidInput({"form": "The filters could not be read. Try again."})
    errors: dict[str, str] = {}
    text = {key: _text(raw.get(key), key, errors) for key in ("view", *FILTER_KEYS, *CELL_CHOICES)}
    view = text["view"] or DEFAULT_VIEW
    if view not in VIEWS:
        errors["view"] = "Choose a view from the list"
    date_from, date_to = _date(text["from"], "from", errors), _date(text["to"], "to", errors)
    if date_from and date_to and date_to < date_from:
        errors["to"] = "The end of the period must be on or after its start"
    provider = text["provider"]
    if provider and parse_id(provider) is None:
        errors["provider"] = "Choose a provider from the list"
    kind = text["kind"]
    if kind and kind not in {k.value for k in ServiceKind}:
        errors["kind"] = "Choose safehouse or outreach"
    cell = {}
    for key, choices in CELL_CHOICES.items():
        if text[key] and text[key] not in choices:
            errors[key] = "Choose a value from the table"
        elif text[key]:
            cell[key] = text[key]
    if errors:
        raise InvalidInput(errors)
    filters = Filters(date_from=date_from, date_to=date_to, provider_id=int(provider) if provider else None,
                      service_kind=kind or None, region=text["region"] or None)
    return AnalyticsQuery(view=view, filters=filters, cell=cell)


def _text(value: object, key: str, errors: dict[str, str]) -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > _MAX_TEXT:
        errors[key] = "Enter a shorter value" if isinstance(value, str) else "The value could not be read"
        return ""
    if has_unkept_characters(value):
        errors[key] = HIDDEN_CHARACTERS
        return ""
    return value.strip()


def _date(value: str, key: str, errors: dict[str, str]) -> date | None:
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        errors[key] = "Enter a real date, for example 2022-03-31"
        return None
    if not 2000 <= day.year <= 2100:
        errors[key] = "Enter a date from 2000 to 2100"
        return None
    return day
