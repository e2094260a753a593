"""What an inspection's stage gates see, read from the database as of a given day.

``schedule.move_stage`` hands these facts to ``domain/lifecycle.check_move``; the PIR's
submission reads them too, to move the inspection on by itself when the gates allow.
"""

from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from safehouse_portal.db import FrameworkKeyQuestion, Inspection, Kloe
from safehouse_portal.domain.lifecycle import InspectionFacts
from safehouse_portal.domain.milestones import FA_WORKING_DAYS, Milestone
from safehouse_portal.domain.working_days import WorkingCalendar
from safehouse_portal.services.core.calendar import working_calendar
from safehouse_portal.services.programme.judgement_facts import judgement_facts
from safehouse_portal.services.programme.deadlines import extensions_of, schedule_of
from safehouse_portal.services.programme.report_facts import report_facts


def facts_for(session: Session, inspection: Inspection, today: date,
              calendar: WorkingCalendar | None = None) -> InspectionFacts:
    """What the stage gates see, read from the database as of ``today``.

    The judgement builder adds final KLOEs and recommendations
    (``judgement_facts``); quality assurance and factual accuracy add the sign-off
    and undecided comments (``report_facts``).
    """
    calendar = calendar or working_calendar(session=session)
    return InspectionFacts(
        has_lead_inspector=inspection.lead_inspector_id is not None,
        has_planned_dates=inspection.planned_start is not None and inspection.planned_end is not None,
        announcement_call_made=inspection.announcement_call_on is not None,
        announcement_letter_sent=inspection.announcement_letter_on is not None,
        pir_submitted=inspection.pir_received_on is not None,
        inspection_started=inspection.started_on is not None,
        inspection_ended=inspection.ended_on is not None,
        in_scope_kloes_total=_in_scope_kloes(session, inspection),
        draft_sent=inspection.draft_sent_on is not None,
        fa_window_closed=_fa_window_closed(session, inspection, today, calendar),
        provider_declined_fa=inspection.fa_declined,
        final_report_issued=inspection.final_issued_on is not None,
        **judgement_facts(session, inspection),
        **report_facts(session, inspection),
    )


def _in_scope_kloes(session: Session, inspection: Inspection) -> int:
    keys = [str(key) for key in inspection.key_questions or []]
    if not keys:
        return 0
    return session.exec(
        select(func.count(Kloe.id))
        .join(FrameworkKeyQuestion, FrameworkKeyQuestion.id == Kloe.key_question_id)
        .where(Kloe.version_id == inspection.framework_version_id, FrameworkKeyQuestion.key.in_(keys))
    ).one()


def _fa_window_closed(session: Session, inspection: Inspection, today: date, calendar: WorkingCalendar) -> bool:
    """Past the factual accuracy due date (with any extension) counted from the draft's sending."""
    if inspection.draft_sent_on is None:
        return False
    for status in schedule_of(inspection, extensions_of(session, inspection.id), today, calendar):
        if status.key is Milestone.FA_COMMENTS_DUE:
            return today > status.due
    return today > calendar.add_working_days(inspection.draft_sent_on, FA_WORKING_DAYS)
