"""Closed vocabularies of the inspection programme.

Each is a ``StrEnum`` so that the stored value, the URL value and the JSON value
are the same plain string.
"""

from enum import StrEnum


class Role(StrEnum):
    """What a signed-in person is allowed to do."""

    PROVIDER_LEAD = "provider_lead"
    INSPECTOR = "inspector"
    PROGRAMME_MANAGER = "programme_manager"
    STAKEHOLDER = "stakeholder"
    ADMIN = "admin"


class ServiceKind(StrEnum):
    """A location is a residential safehouse or a community outreach service."""

    SAFEHOUSE = "safehouse"
    OUTREACH = "outreach"


class InspectionType(StrEnum):
    """How much of the framework an inspection covers."""

    COMPREHENSIVE = "comprehensive"
    FOCUSED = "focused"
    ASSURANCE = "assurance"


class InspectionMode(StrEnum):
    """Whether inspectors visit or work remotely."""

    ON_SITE = "on_site"
    REMOTE = "remote"


class KeyQuestion(StrEnum):
    """The five key questions CQC asks of every service, in report order."""

    SAFE = "safe"
    EFFECTIVE = "effective"
    CARING = "caring"
    RESPONSIVE = "responsive"
    WELL_LED = "well_led"


class Stage(StrEnum):
    """The lifecycle stages of one inspection, in order."""

    PLANNED = "planned"
    ANNOUNCED = "announced"
    PIR_RECEIVED = "pir_received"
    INSPECTING = "inspecting"
    EVIDENCE_REVIEW = "evidence_review"
    DRAFTING = "drafting"
    QUALITY_ASSURANCE = "quality_assurance"
    FACTUAL_ACCURACY = "factual_accuracy"
    FINALISING = "finalising"
    REPORT_ISSUED = "report_issued"
    RECOMMENDATIONS_OPEN = "recommendations_open"
    CLOSED = "closed"


class Rating(StrEnum):
    """A judgement on a KLOE or a key question."""

    MEETING = "meeting"
    REQUIRES_IMPROVEMENT = "requires_improvement"
    NOT_MEETING = "not_meeting"


class Timescale(StrEnum):
    """How soon a recommendation must be met, from receipt of the final report."""

    IMMEDIATELY = "immediately"
    WITHIN_21_DAYS = "within_21_days"
    WITHIN_3_MONTHS = "within_3_months"
    WITHIN_6_MONTHS = "within_6_months"


class Theme(StrEnum):
    """Themes of recommendations seen across the 2021-22 programme."""

    TRAINING = "training"
    STAFFING = "staffing"
    RISK_ASSESSMENTS_AND_RECORDS = "risk_assessments_and_records"
    PROPERTY_MAINTENANCE = "property_maintenance"
    HEALTH_AND_SAFETY = "health_and_safety"
    GOVERNANCE_AND_OVERSIGHT = "governance_and_oversight"
    OTHER = "other"


STAGE_LABELS: dict[Stage, str] = {
    Stage.PLANNED: "Planned",
    Stage.ANNOUNCED: "Announced",
    Stage.PIR_RECEIVED: "PIR received",
    Stage.INSPECTING: "Inspecting",
    Stage.EVIDENCE_REVIEW: "Evidence review",
    Stage.DRAFTING: "Drafting",
    Stage.QUALITY_ASSURANCE: "Quality assurance",
    Stage.FACTUAL_ACCURACY: "Factual accuracy",
    Stage.FINALISING: "Finalising",
    Stage.REPORT_ISSUED: "Report issued",
    Stage.RECOMMENDATIONS_OPEN: "Recommendations open",
    Stage.CLOSED: "Closed",
}

KEY_QUESTION_LABELS: dict[KeyQuestion, str] = {
    KeyQuestion.SAFE: "Safe",
    KeyQuestion.EFFECTIVE: "Effective",
    KeyQuestion.CARING: "Caring",
    KeyQuestion.RESPONSIVE: "Responsive",
    KeyQuestion.WELL_LED: "Well-led",
}

ROLE_LABELS: dict[Role, str] = {
    Role.PROVIDER_LEAD: "Provider lead",
    Role.INSPECTOR: "Inspector",
    Role.PROGRAMME_MANAGER: "Programme manager",
    Role.STAKEHOLDER: "Stakeholder",
    Role.ADMIN: "Admin",
}

RATING_LABELS: dict[Rating, str] = {
    Rating.MEETING: "Meeting requirements",
    Rating.REQUIRES_IMPROVEMENT: "Requires improvement",
    Rating.NOT_MEETING: "Not meeting requirements",
}

TIMESCALE_LABELS: dict[Timescale, str] = {
    Timescale.IMMEDIATELY: "Immediately",
    Timescale.WITHIN_21_DAYS: "Within 21 days",
    Timescale.WITHIN_3_MONTHS: "Within 3 months",
    Timescale.WITHIN_6_MONTHS: "Within 6 months",
}

THEME_LABELS: dict[Theme, str] = {
    Theme.TRAINING: "Training",
    Theme.STAFFING: "Staffing",
    Theme.RISK_ASSESSMENTS_AND_RECORDS: "Risk assessments and survivor records",
    Theme.PROPERTY_MAINTENANCE: "Property maintenance",
    Theme.HEALTH_AND_SAFETY: "Health and safety",
    Theme.GOVERNANCE_AND_OVERSIGHT: "Governance and oversight",
    Theme.OTHER: "Other",
}


class InspectionReason(StrEnum):
    """Why an inspection is allocated (chosen at allocation, shown on its card and timeline)."""

    NEW_SERVICE = "new_service"
    ANNUAL = "annual"
    FOLLOW_UP = "follow_up_recommendations"
    CONCERN = "concern"
    HOME_OFFICE_REQUEST = "home_office_request"


INSPECTION_REASON_LABELS: dict[InspectionReason, str] = {
    InspectionReason.NEW_SERVICE: "New service",
    InspectionReason.ANNUAL: "Annual inspection",
    InspectionReason.FOLLOW_UP: "Follow-up of recommendations",
    InspectionReason.CONCERN: "Concern",
    InspectionReason.HOME_OFFICE_REQUEST: "Home Office request",
}
