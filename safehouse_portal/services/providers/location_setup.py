"""The programme pages' location: kind, region, confidential address, manager, children, capacity, open or closed.

Programme managers and admins change a location with a reason; each change is kept in
the programme's history. The address is shown, and may be changed, only by those the
access policy lets see the provider's records (admins may not), and each view is audited.
Closing a location first keeps the locations of its group's inspections under way.
"""

from dataclasses import dataclass, field
from datetime import date

from pydantic import BaseModel, field_validator
from sqlmodel import Session

from safehouse_portal.db import InspectionGroup, Location, Provider
from safehouse_portal.domain.enums import ServiceKind
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.programme_changes import CONFIDENTIAL_FIELDS, MAX_REASON, closing_problem
from safehouse_portal.domain.programme_rows import POSTCODE_MESSAGE, clean_postcode
from safehouse_portal.domain.regions import REGIONS
from safehouse_portal.services.core import access
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.access_facts import provider_facts
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from safehouse_portal.services.core.membership import keep_started_inspections
from safehouse_portal.services.core.validation import bounded_text, parse
from safehouse_portal.services.providers import history
from safehouse_portal.services.providers.history import HistoryRow
from safehouse_portal.services.providers.setup import status_of

MAX_NAME, MAX_ADDRESS, MAX_CAPACITY = 200, 500, 500
ADDRESS_WITHHELD = "Withheld: only the provider, its inspectors and programme managers see addresses"


class LocationForm(BaseModel):
    """A location's fields as a form sends them (text), checked one by one."""

    name: str
    kind: ServiceKind
    region: str
    address: str | None = None
    postcode: str | None = None
    manager_name: str = ""
    accommodates_children: bool = False
    capacity: int = 0
    active: bool = True
    closed_on: date | None = None

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: object) -> str:
        return bounded_text(value, most=MAX_NAME, message=f"Enter the service's name ({MAX_NAME} characters or fewer)")

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, value: object) -> str:
        if value not in {k.value for k in ServiceKind}:
            raise ValueError("Choose safehouse or outreach")
        return value

    @field_validator("region", mode="before")
    @classmethod
    def _region(cls, value: object) -> str:
        if value not in REGIONS:
            raise ValueError("Choose a region from the list")
        return value

    @field_validator("address", mode="before")
    @classmethod
    def _address(cls, value: object) -> str | None:
        if value is None:
            return None
        return bounded_text(value, most=MAX_ADDRESS, message=f"Enter the address ({MAX_ADDRESS} characters or fewer)")

    @field_validator("postcode", mode="before")
    @classmethod
    def _postcode(cls, value: object) -> str | None:
        if value is None:
            return None
        cleaned = clean_postcode(value) if isinstance(value, str) else None
        if cleaned is None:
            raise ValueError(POSTCODE_MESSAGE)
        return cleaned

    @field_validator("manager_name", mode="before")
    @classmethod
    def _manager(cls, value: object) -> str:
        return bounded_text(value, most=MAX_NAME, required=False, message=f"Enter a name of {MAX_NAME} characters or fewer")

    @field_validator("accommodates_children", "active", mode="before")
    @classmethod
    def _yes_no(cls, value: object) -> bool:
        if value not in ("yes", "no"):
            raise ValueError("Choose yes or no")
        return value == "yes"

    @field_validator("capacity", mode="before")
    @classmethod
    def _capacity(cls, value: object) -> int:
        text = value.strip() if isinstance(value, str) else ""
        if text == "":
            return 0
        if not text.isdigit() or int(text) > MAX_CAPACITY:
            raise ValueError(f"Enter the number of places as a whole number from 0 to {MAX_CAPACITY}")
        return int(text)

    @field_validator("closed_on", mode="before")
    @classmethod
    def _closed_on(cls, value: object) -> date | None:
        if value in (None, ""):
            return None
        try:
            return date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            raise ValueError("Enter the closing date as a real date, like 2027-03-31") from None



@dataclass(frozen=True)
class LocationSetup:
    """One location as the programme page shows and edits it."""

    id: int = 0
    provider_id: int = 0
    provider_name: str = ""
    name: str = ""
    kind: str = ""
    region: str = ""
    address: str = ""
    postcode: str = ""
    """The postcode ("" when none is kept, or when the address is withheld)."""
    may_see_address: bool = False
    manager_name: str = ""
    accommodates_children: bool = False
    capacity: str = ""
    active: bool = True
    closed_on: str = ""
    status: str = ""
    group_name: str = ""
    history: list[HistoryRow] = field(default_factory=list)


LOCATION_FIELDS = ("name", "kind", "region", "address", "manager_name", "accommodates_children", "capacity",
                   "active", "closed_on", "postcode")


def parse_location(data: object, *, with_address: bool, reason: bool = True) -> tuple[LocationForm, str]:
    """The location's fields and the reason, each error by its field (``closed_on`` for the closing rule)."""
    if not isinstance(data, dict):
        raise InvalidInput({"form": "The form could not be read. Try again."})
    fields = {k: data.get(k) for k in LOCATION_FIELDS if k not in CONFIDENTIAL_FIELDS or with_address}
    errors: dict[str, str] = {}
    why = ""
    if reason:
        try:
            why = bounded_text(data.get("reason"), most=MAX_REASON, message="Say why you are making this change")
        except ValueError as exc:
            errors["reason"] = str(exc)
    closing = closing_problem(fields.get("active") != "no", None if fields.get("closed_on") in (None, "") else date.min)
    if closing:
        errors["closed_on"] = closing
    try:
        form = parse(LocationForm, fields)
    except InvalidInput as refused:
        raise InvalidInput({**refused.errors, **errors}) from None
    if errors:
        raise InvalidInput(errors)
    if form.active:
        form.closed_on = None
    return form, why


def location_setup(*, session: Session, actor: Actor | None, location_id: object) -> LocationSetup:
    """The location with its history; its address only for those who may see it (audited).

    Raises:
        PermissionDenied: Not a programme manager or admin.
        NotFound: No such location.
    """
    access.admit(actor, Action.EDIT_PROGRAMME)
    location = _location(session, location_id)
    provider = session.get(Provider, location.provider_id)
    show = access.may(actor, Action.VIEW_PROVIDER_RECORDS, provider_facts(session, provider.id))
    if show:
        history.audit_address_view(session=session, actor=actor, provider_id=provider.id, where="location",
                                   location_ids=[location.id])
    group = session.get(InspectionGroup, location.group_id) if location.group_id else None
    return LocationSetup(
        id=location.id, provider_id=provider.id, provider_name=provider.name, name=location.name,
        kind=location.kind.value, region=location.region, address=location.address if show else ADDRESS_WITHHELD,
        postcode=location.postcode if show else "",
        may_see_address=show, manager_name=location.manager_name or "",
        accommodates_children=location.accommodates_children, capacity=str(location.capacity),
        active=location.active, closed_on=location.closed_on.isoformat() if location.closed_on else "",
        status=status_of(location), group_name=group.name if group else "No group",
        history=history.provider_history(session=session, actor=actor, provider_id=provider.id,
                                         entity_type="location", entity_id=location.id),
    )


def update_location(*, session: Session, actor: Actor | None, location_id: object, data: object) -> None:
    """Change the location's fields, keeping each change with the reason (the address only if the actor may see it).

    Raises:
        PermissionDenied: Not a programme manager or admin.
        NotFound: No such location.
        InvalidInput: A field is wrong, or nothing changed; nothing is saved.
    """
    actor = access.admit(actor, Action.EDIT_PROGRAMME)
    location = _location(session, location_id)
    may_address = access.may(actor, Action.VIEW_PROVIDER_RECORDS, provider_facts(session, location.provider_id))
    form, reason = parse_location(data, with_address=may_address)
    apply_location(session=session, actor=actor, location=location, form=form, reason=reason, source="page")


def apply_location(*, session: Session, actor: Actor | None, location: Location, form: LocationForm, reason: str,
                   source: str) -> None:
    """Write ``form`` onto ``location`` with its history; refuse when nothing changed."""
    changes = {name: (getattr(location, name), getattr(form, name)) for name in LOCATION_FIELDS
               if name not in CONFIDENTIAL_FIELDS or getattr(form, name) is not None}
    changes["kind"] = (location.kind.value, form.kind.value)
    changes["manager_name"] = (location.manager_name or "", form.manager_name)
    if all(before == after for before, after in changes.values()):
        raise InvalidInput({"name": "These are the details already kept: change at least one of them"})
    if changes["active"][0] != changes["active"][1]:
        keep_started_inspections(session, [location.group_id])
    for name in changes:
        setattr(location, name, getattr(form, name))
    session.add(location)
    history.record(session=session, actor=actor, provider_id=location.provider_id, entity_type="location",
                   entity_id=location.id, what=location.name, changes=changes, reason=reason, source=source)
    session.flush()


def _location(session: Session, location_id: object) -> Location:
    parsed = parse_id(location_id, text=False)
    location = session.get(Location, parsed) if parsed is not None else None
    if location is None:
        raise NotFound("No such location")
    return location

