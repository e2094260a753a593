"""The good-practice library's words: themes, statuses, the programme year and the service kind shown."""

from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum

from safehouse_portal.domain.enums import ServiceKind

MAX_TITLE = 120
MAX_TEXT = 3000
MAX_REASON = 1000


class EntryStatus(StrEnum):
    """Where a nomination stands."""

    NOMINATED = "nominated"
    RETURNED = "returned"
    PUBLISHED = "published"


STATUS_LABELS: Mapping[EntryStatus, str] = {
    EntryStatus.NOMINATED: "Waiting for review",
    EntryStatus.RETURNED: "Returned to the inspector",
    EntryStatus.PUBLISHED: "Published",
}


class PracticeTheme(StrEnum):
    """What an example of good practice is about (an entry has one or more)."""

    LANGUAGE = "language_and_interpretation"
    DIGITAL = "digital_inclusion"
    EMOTIONAL_SUPPORT = "emotional_support_and_counselling"
    PARTNERSHIPS = "partnership_working"
    STAFF = "staff_skills_and_training"
    CHILDREN = "children_and_families"
    MOVE_ON = "move_on_and_independence"
    SURVIVOR_VOICE = "survivor_involvement"
    HEALTH = "health_and_wellbeing"
    SAFETY = "safety_and_risk"


THEME_LABELS: Mapping[PracticeTheme, str] = {
    PracticeTheme.LANGUAGE: "Language and interpretation",
    PracticeTheme.DIGITAL: "Digital inclusion",
    PracticeTheme.EMOTIONAL_SUPPORT: "Emotional support and counselling",
    PracticeTheme.PARTNERSHIPS: "Partnership working",
    PracticeTheme.STAFF: "Staff skills and training",
    PracticeTheme.CHILDREN: "Children and families",
    PracticeTheme.MOVE_ON: "Move-on and independence",
    PracticeTheme.SURVIVOR_VOICE: "Survivor involvement",
    PracticeTheme.HEALTH: "Health and wellbeing",
    PracticeTheme.SAFETY: "Safety and risk",
}


def programme_year(day: date) -> str:
    """The programme year (April to March) ``day`` falls in, as the annual report names it: "2021-22"."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def service_kind_label(kinds: Iterable[ServiceKind | str]) -> str:
    """The kind of service an example comes from, in words that never narrow it to a provider."""
    found = {ServiceKind(kind) for kind in kinds}
    if found == {ServiceKind.SAFEHOUSE}:
        return "Safehouse"
    if found == {ServiceKind.OUTREACH}:
        return "Outreach"
    if found:
        return "Safehouse and outreach"
    return "Not recorded"
