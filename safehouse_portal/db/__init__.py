"""SQLModel tables. Importing this package registers every table on the metadata."""

from safehouse_portal.db.accounts import AuditEvent, AuthSession, KnownDevice, SignInThrottle, User
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
    InspectionQaReviewer,
    InspectionTeamMember,
)
from safehouse_portal.db.judgements import (
    ChecklistItem,
    EvidenceItem,
    KeyQuestionJudgement,
    KloeAssessment,
    PromptNote,
)
from safehouse_portal.db.pir import InfoRequest, PirAnswer, PirReturn, PirTemplate, StoredFile
from safehouse_portal.db.recommendations import Recommendation, RecommendationUpdate, SeriousConcern
from safehouse_portal.db.reporting import FactualAccuracyComment, QaReview, ReportIssue, ReportSnapshot
from safehouse_portal.db.survey import SurveyEvidence, SurveyLink, SurveyQuestionSet, SurveyResponse
from safehouse_portal.db.notifications import JobLease, Notification, NotificationPreference
from safehouse_portal.db.organisations import (
    InspectionGroup,
    LeadContactChange,
    Location,
    Provider,
    StakeholderOrganisation,
)
from safehouse_portal.db.programme_changes import (
    InspectionLocation,
    ProgrammeChange,
    ProviderCopyRecipient,
    ServiceChangeProposal,
)
from safehouse_portal.db.engagement import (
    AnnouncementCall,
    Concern,
    ConcernEscalation,
    EngagementAction,
    EngagementMeeting,
)
from safehouse_portal.db.planning import InspectorAvailability, InspectorUnavailability
from safehouse_portal.db.learning import GoodPracticeClearance, GoodPracticeEntry, GoodPracticeTrial
from safehouse_portal.db.quality_panel import QualityPanelMember, QualityPanelReview

__all__ = [
    "ChecklistItem", "EvidenceItem", "FactualAccuracyComment", "InfoRequest", "KeyQuestionJudgement",
    "KloeAssessment", "PirAnswer", "PirReturn", "PirTemplate", "PromptNote", "QaReview", "Recommendation",
    "RecommendationUpdate", "ReportIssue", "ReportSnapshot", "SeriousConcern", "StoredFile",
    "AuditEvent", "AuthSession", "ClosureDay", "ContractClause", "DeadlineExtension",
    "FrameworkKeyQuestion", "FrameworkVersion", "Inspection", "InspectionGroup", "InspectionQaReviewer",
    "InspectionTeamMember", "KnownDevice", "Kloe", "KloeClauseLink", "KloePrompt", "LeadContactChange",
    "Location", "Provider", "SignInThrottle", "StakeholderOrganisation", "SurveyLink", "SurveyQuestionSet",
    "SurveyResponse", "User", "SurveyEvidence",
    "InspectionLocation", "ProgrammeChange", "ProviderCopyRecipient", "ServiceChangeProposal",
    "AnnouncementCall", "Concern", "ConcernEscalation", "EngagementAction", "EngagementMeeting",
    "JobLease", "Notification", "NotificationPreference",
    "InspectorAvailability", "InspectorUnavailability",
    "GoodPracticeClearance", "GoodPracticeEntry", "GoodPracticeTrial", "QualityPanelMember", "QualityPanelReview",
]
