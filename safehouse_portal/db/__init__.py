"""SQLModel tables. Importing this package registers every table on the metadata."""

from safehouse_portal.db.accounts import AuditEvent, AuthSession, User
from safehouse_portal.db.framework import (
    ContractClause,
    FrameworkKeyQuestion,
    FrameworkVersion,
    Kloe,
    KloeClauseLink,
    KloePrompt,
)
from safehouse_portal.db.inspections import (
    ClosureDay,
    DeadlineExtension,
    Inspection,
    InspectionTeamMember,
)
from safehouse_portal.db.organisations import (
    InspectionGroup,
    LeadContactChange,
    Location,
    Provider,
    StakeholderOrganisation,
)

__all__ = [
    "AuditEvent", "AuthSession", "ClosureDay", "ContractClause", "DeadlineExtension",
    "FrameworkKeyQuestion", "FrameworkVersion", "Inspection", "InspectionGroup",
    "InspectionTeamMember", "Kloe", "KloeClauseLink", "KloePrompt", "LeadContactChange",
    "Location", "Provider", "StakeholderOrganisation", "User",
]
