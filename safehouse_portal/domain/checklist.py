"""The announcement call's checklist: what the inspector confirms with the provider on the phone.

The call is made 10 working days before the inspection; each item is ticked once it is
confirmed, with a note of what was agreed.
"""

from dataclasses import dataclass
from enum import StrEnum

MAX_NOTE_LENGTH = 2000


class ChecklistKey(StrEnum):
    """One item of the announcement call's checklist, in the order of the call."""

    SERVICE_OPERATING = "service_operating"
    PEOPLE_AVAILABLE = "people_available"
    STAFF_EMAILS = "staff_emails"
    ROOM_AND_RECORDS = "room_and_records"
    LOCAL_CONTACTS = "local_contacts"
    SURVIVORS_NEEDS = "survivors_needs"


@dataclass(frozen=True)
class ChecklistEntry:
    """How an item reads: what to confirm, and a hint of what to note."""

    key: ChecklistKey
    label: str
    hint: str


CHECKLIST: tuple[ChecklistEntry, ...] = (
    ChecklistEntry(ChecklistKey.SERVICE_OPERATING, "The service operates on the inspection dates",
                   "For example, any days the safehouse is closed or the outreach team is away."),
    ChecklistEntry(ChecklistKey.PEOPLE_AVAILABLE, "Staff and survivors are available to speak with inspectors",
                   "Who is available, and on which days."),
    ChecklistEntry(ChecklistKey.STAFF_EMAILS, "Staff email addresses for the staff questionnaire",
                   "How and when the provider will send them."),
    ChecklistEntry(ChecklistKey.ROOM_AND_RECORDS, "A room to work in and access to records",
                   "Where inspectors can work, and how they will see case records."),
    ChecklistEntry(ChecklistKey.LOCAL_CONTACTS,
                   "Contacts of local services: GPs, police, legal advisers and others",
                   "Which partner agencies inspectors may contact."),
    ChecklistEntry(ChecklistKey.SURVIVORS_NEEDS, "Survivors' needs: interpretation, a quiet space",
                   "Languages needed, and any other adjustments for survivors."),
)
"""Every item, in the order of the call."""

LABELS: dict[ChecklistKey, str] = {entry.key: entry.label for entry in CHECKLIST}


def is_item(value: object) -> bool:
    """Whether ``value`` names an item of the checklist."""
    return isinstance(value, str) and value in LABELS


def ticked_count(ticked: dict[str, bool]) -> tuple[int, int]:
    """How many items are ticked, out of how many."""
    return sum(bool(ticked.get(entry.key.value)) for entry in CHECKLIST), len(CHECKLIST)
