"""The documents sent out, as their recipients list them.

Stakeholders see the final reports issued (never drafts) and the early outcome letters sent
to their organisation; a provider lead sees their own provider's letters and final reports.
Each list offers exactly the documents the download route would hand this person.
"""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from safehouse_portal.db import Inspection, InspectionGroup, Provider, ReportIssue, SeriousConcern
from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.enums import Role
from safehouse_portal.documents.labels import TYPE_LABELS
from safehouse_portal.services.core import access
from safehouse_portal.services.core.access import Action, require_role
from safehouse_portal.services.core.access_facts import inspection_facts
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.reporting.data import load
from safehouse_portal.services.reporting import quality_panel
from safehouse_portal.services.reporting.documents import may_have


@dataclass(frozen=True)
class IssuedReport:
    """One final report as the stakeholders' list shows it (the page links its ``report-final`` document)."""

    inspection_id: int = 0
    group_name: str = ""
    provider_name: str = ""
    type_label: str = ""
    issued_on: str = ""


def issued_reports(*, session: Session, actor: Actor | None) -> list[IssuedReport]:
    """Every final report issued, newest first (stakeholders and programme managers)."""
    require_role(actor, Role.STAKEHOLDER, Role.PROGRAMME_MANAGER)
    issued = select(ReportIssue.inspection_id).distinct()
    rows = session.exec(
        select(Inspection, InspectionGroup.name, Provider.name)
        .join(InspectionGroup, InspectionGroup.id == Inspection.group_id)
        .join(Provider, Provider.id == InspectionGroup.provider_id)
        .where(Inspection.id.in_(issued), Inspection.final_issued_on.is_not(None))
        .order_by(Inspection.final_issued_on.desc(), Inspection.id)
    ).all()
    return [IssuedReport(i.id, group, provider, TYPE_LABELS[i.type], format_date(i.final_issued_on))
            for i, group, provider in rows]


_LETTERS_AND_REPORTS = (
    ("announcement-letter", "Announcement letter", "announcement_letter_on"),
    ("early-outcome-letter", "Early outcome letter", "early_outcome_letter_on"),
    ("report-final", "Final report", "final_issued_on"),
)
"""The documents sent out of an inspection, as the Documents pages list them, and the date each went."""


@dataclass(frozen=True)
class SentDocument:
    """One letter or final report a person may download (the page links its document by name)."""

    inspection_id: int = 0
    name: str = ""
    label: str = ""
    group_name: str = ""
    provider_name: str = ""
    sent_on: str = ""
    concerns: int = 0
    """For an early outcome letter: how many serious concerns it escalates."""
    panel_outcome: str = ""
    """For a final report: the quality panel's outcome, as the provider is told it with the report."""


def provider_documents(*, session: Session, actor: Actor | None) -> list[SentDocument]:
    """The signed-in provider lead's own announcement letters, early outcome letters and final reports, newest first."""
    actor = access.require_own_provider(actor)
    query = (select(Inspection).join(InspectionGroup, InspectionGroup.id == Inspection.group_id)
             .where(InspectionGroup.provider_id == actor.provider_id))
    return _sent(session, actor, session.exec(query).all(), tuple(n for n, _, _ in _LETTERS_AND_REPORTS))


def addressed_letters(*, session: Session, actor: Actor | None) -> list[SentDocument]:
    """The early outcome letters (and the serious concerns they escalate) sent to the stakeholder's organisation."""
    actor = access.admit(actor, Action.VIEW_ADDRESSED_LETTER)
    require_role(actor, Role.STAKEHOLDER)
    sent = select(SeriousConcern.inspection_id).where(SeriousConcern.letter_sent_on.is_not(None))
    query = select(Inspection).where(Inspection.early_outcome_letter_on.is_not(None), Inspection.id.in_(sent))
    return _sent(session, actor, session.exec(query).all(), ("early-outcome-letter",))


def _sent(session: Session, actor: Actor, inspections, names: tuple[str, ...]) -> list[SentDocument]:
    """Each of ``names`` of each inspection that the actor may download (the download's own test decides)."""
    found: list[tuple[date, SentDocument]] = []
    for inspection in inspections:
        loaded = load(session, inspection.id)
        facts = inspection_facts(session, inspection)
        concerns = len(session.exec(select(SeriousConcern.id).where(
            SeriousConcern.inspection_id == inspection.id, SeriousConcern.letter_sent_on.is_not(None))).all())
        for name, label, column in _LETTERS_AND_REPORTS:
            day = getattr(inspection, column)
            if name in names and day is not None and may_have(session, actor, loaded, facts, name):
                panel = quality_panel.summary(session, inspection.id) if name == "report-final" else None
                found.append((day, SentDocument(inspection.id, name, label, loaded.group.name, loaded.provider.name,
                                                format_date(day), concerns if name == "early-outcome-letter" else 0,
                                                panel_outcome=_panel_words(panel))))
    return [row for _, row in sorted(found, key=lambda pair: (pair[0], pair[1].inspection_id), reverse=True)]


def _panel_words(panel: "quality_panel.PanelSummary | None") -> str:
    """What the provider is told of the quality panel with its final report (nothing when there was none)."""
    if panel is None or not panel.outcome:
        return ""
    return f"{panel.provider_words} {panel.outcome_reason}".strip()
