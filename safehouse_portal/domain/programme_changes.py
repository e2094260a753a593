"""Rules for keeping the programme current: group splits and merges, closures, provider-notified changes.

Pure: the services read the rows and pass ids, names and dates in; these functions say
whether a change is allowed and, if not, why (a message a person can act on).
"""

from collections.abc import Collection
from datetime import date
from enum import StrEnum

from safehouse_portal.domain.enums import Stage


class ProposalKind(StrEnum):
    """What a provider tells CQC about the services it provides."""

    NEW_SERVICE = "new_service"
    CLOSURE = "closure"
    MANAGER = "manager"
    ADDRESS = "address"


PROPOSAL_LABELS: dict[ProposalKind, str] = {
    ProposalKind.NEW_SERVICE: "A new service",
    ProposalKind.CLOSURE: "A service closing",
    ProposalKind.MANAGER: "A change of manager",
    ProposalKind.ADDRESS: "A change of address",
}


class ProposalStatus(StrEnum):
    """Where a provider-notified change stands."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


PROPOSAL_STATUS_LABELS: dict[ProposalStatus, str] = {
    ProposalStatus.PENDING: "Waiting for CQC",
    ProposalStatus.ACCEPTED: "Accepted",
    ProposalStatus.DECLINED: "Declined",
}

CONFIDENTIAL_FIELDS = frozenset({"address", "postcode"})
"""Fields whose values (before and after) only those who may see addresses are shown."""

NOT_KEPT, CHANGED = "(not kept)", "(changed)"
"""What the history keeps of a confidential value a writer chooses not to copy (the import's addresses)."""

MAX_REASON = 2000


def membership_frozen(stage: Stage) -> bool:
    """Whether an inspection at ``stage`` keeps the locations it started with.

    A planned inspection follows its group; from the announcement on it is under way and
    a later change to the group (a move, a split, a merge, a closure) must not alter it.
    """
    return stage is not Stage.PLANNED


def split_problem(group_location_ids: Collection[int], moving_ids: Collection[int]) -> str | None:
    """Why moving ``moving_ids`` out of a group of ``group_location_ids`` into a new group is not a split.

    A split takes at least one of the group's own locations and leaves at least one behind.
    """
    moving = set(moving_ids)
    if not moving:
        return "Choose the locations that move to the new group"
    if not moving <= set(group_location_ids):
        return "Choose locations of the group being split"
    if moving == set(group_location_ids):
        return "Leave at least one location in the group: to rename a group, move its locations instead"
    return None


def merge_problem(source_id: int | None, target_id: int | None, same_provider: bool) -> dict[str, str]:
    """Why merging group ``source_id`` into ``target_id`` is refused, by field (empty when it is allowed)."""
    errors: dict[str, str] = {}
    if source_id is None:
        errors["source"] = "Choose the group to merge"
    if target_id is None:
        errors["target"] = "Choose the group to merge it into"
    if errors:
        return errors
    if source_id == target_id:
        errors["target"] = "Choose a different group to merge into"
    elif not same_provider:
        errors["target"] = "Choose a group of the same provider"
    return errors


def closing_problem(active: bool, closed_on: date | None) -> str | None:
    """Why a location's open/closed state is inconsistent: a closed location needs its closing date."""
    if not active and closed_on is None:
        return "Enter the date the service closed, or will close"
    return None


def format_value(value: object) -> str:
    """A value as the history shows it: yes/no for booleans, blank as a dash."""
    if value is None or value == "":
        return "-"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)



FIELD_LABELS: dict[str, str] = {
    "lead_name": "Lead person", "lead_email": "Lead email", "lead_phone": "Lead phone",
    "designated_inspector": "Designated inspector", "copy_list": "Copy list",
    "name": "Name", "kind": "Kind", "region": "Region", "address": "Address",
    "accommodates_children": "Accommodates children", "capacity": "Capacity", "active": "Open",
    "closed_on": "Closing date", "manager_name": "Manager", "group": "Inspection group",
    "created": "Created", "merged": "Merged", "postcode": "Postcode",
}
"""How the history names each field it records."""
