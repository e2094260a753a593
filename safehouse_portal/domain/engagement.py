"""Engagement between inspections: the designated inspector's meetings, and concerns heard.

CQC "will allocate an inspector to your organisation ... This inspector will contact you to
arrange regular engagement meetings". Since 2023 revisits are also intelligence-based: a
concern heard between inspections (from the Home Office, the prime contractor, a partner
agency, a whistleblower...) is recorded, escalated where significant ("If we find a
significant concern, we will escalate this to the prime contractor and the Home Office"),
raises the provider in the revisit priorities while it is open, and may start a focused
inspection. Concerns are confidential to CQC staff: a provider never sees them.
"""

from enum import StrEnum

MAX_TEXT = 4000
"""The longest notes, summary or escalation note."""
MAX_SHORT_TEXT = 500
"""The longest attendee list, action or owner."""
MAX_ACTIONS = 10
"""Agreed actions one meeting form holds."""


class ConcernSeverity(StrEnum):
    """How serious a concern is, as the person recording it judges."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


SEVERITY_LABELS: dict[ConcernSeverity, str] = {
    ConcernSeverity.LOW: "Low", ConcernSeverity.MEDIUM: "Medium", ConcernSeverity.HIGH: "High",
}


class ConcernSource(StrEnum):
    """Where a concern came from."""

    HOME_OFFICE = "home_office"
    PRIME_CONTRACTOR = "prime_contractor"
    PARTNER_AGENCY = "partner_agency"
    SURVIVOR = "survivor"
    STAFF_OR_WHISTLEBLOWER = "staff_or_whistleblower"
    PROVIDER = "provider"
    ENGAGEMENT_MEETING = "engagement_meeting"
    OTHER = "other"


SOURCE_LABELS: dict[ConcernSource, str] = {
    ConcernSource.HOME_OFFICE: "Home Office",
    ConcernSource.PRIME_CONTRACTOR: "Prime contractor",
    ConcernSource.PARTNER_AGENCY: "Partner agency (for example police, GP, legal adviser)",
    ConcernSource.SURVIVOR: "A survivor or their representative",
    ConcernSource.STAFF_OR_WHISTLEBLOWER: "Staff member or whistleblower",
    ConcernSource.PROVIDER: "The provider itself",
    ConcernSource.ENGAGEMENT_MEETING: "An engagement meeting",
    ConcernSource.OTHER: "Other",
}


class Recipient(StrEnum):
    """Who a concern was told to (escalated to)."""

    PRIME_CONTRACTOR = "prime_contractor"
    HOME_OFFICE = "home_office"


RECIPIENT_LABELS: dict[Recipient, str] = {
    Recipient.PRIME_CONTRACTOR: "Prime contractor", Recipient.HOME_OFFICE: "Home Office",
}


class ConcernStatus(StrEnum):
    """Open until a programme manager or inspector closes it with what was done."""

    OPEN = "open"
    CLOSED = "closed"
