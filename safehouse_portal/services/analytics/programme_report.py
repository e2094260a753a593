"""The annual programme report (issue 19): the whole programme's figures for a period, as a PDF.

Programme managers produce it and stakeholders (the prime contractor and the Home Office)
receive the same report, so its figures never depend on who asks. Every figure comes from
the functions behind ``safehouse stats`` (``service.counts`` for judgements, recommendations,
themes and timeliness; ``survey.survey_figures`` for the survey), called for the programme
report, so the report and the commands always agree. Each download is audited.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from safehouse_portal.domain.good_practice import programme_year

from safehouse_portal.db import Inspection, Location, Provider
from safehouse_portal.documents import analytics as frames
from safehouse_portal.documents.programme_report_content import (
    GoodPracticeEntry, ProgrammeFigures, SurveyGroup, build_content,
)
from safehouse_portal.services.analytics import service as analytics
from safehouse_portal.services.analytics.query import AnalyticsQuery
from safehouse_portal.services.analytics.survey import survey_figures
from safehouse_portal.services.core import audit
from safehouse_portal.services.learning import library
from safehouse_portal.services.core.access import Action, require
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput

MEDIA_TYPE = "application/pdf"


@dataclass(frozen=True)
class ProgrammeReportFile:
    """The report ready to send or write."""

    filename: str = ""
    media_type: str = MEDIA_TYPE
    content: bytes = b""


def good_practice_entries(*, session: Session, actor: Actor | None, date_from: date | None,
                          date_to: date | None) -> list[GoodPracticeEntry]:
    """The good-practice library's published examples found in the period's programme years, anonymised.

    The library publishes an example only once every name that could identify its service is
    resolved, and its entries never carry the provider or the location.
    """
    entries = library.published_entries(session=session, actor=actor,
                                        year_from=programme_year(date_from) if date_from else None,
                                        year_to=programme_year(date_to) if date_to else None)
    return [GoodPracticeEntry(title=e.title, what=e.what_they_do, why=e.why_it_works, key_question=e.key_question_label,
                              themes=tuple(e.theme_labels), year=e.year, service_kind=e.service_kind)
            for e in entries]


def programme_figures(*, session: Session, actor: Actor | None, date_from: date | None, date_to: date | None,
                      today: date) -> ProgrammeFigures:
    """The report's figures, from the same functions as ``safehouse stats``.

    Raises:
        PermissionDenied: The actor may not have the programme report.
        InvalidInput: The period ends before it starts.
    """
    require(actor, Action.VIEW_PROGRAMME_REPORT)
    if date_from and date_to and date_to < date_from:
        raise InvalidInput({"to": "The end of the period must be on or after its start"})
    period = dict(date_from=date_from, date_to=date_to)

    def table(view: str) -> dict:
        return analytics.counts(session=session, actor=actor, view=view, today=today, whole_programme=True, **period)

    survey = survey_figures(session=session, actor=actor, for_programme_report=True, **period)
    reports = _issued_reports(session=session, actor=actor, today=today, **period)
    return ProgrammeFigures(
        date_from=date_from, date_to=date_to, made_on=today,
        reports=len(reports), providers=int(reports["provider_id"].nunique()),
        locations=_locations_of(session, [int(i) for i in reports["inspection_id"]]),
        providers_in_programme=session.exec(select(func.count()).select_from(Provider)).one(),
        locations_in_programme=session.exec(select(func.count()).select_from(Location)
                                            .where(Location.active.is_(True))).one(),
        judgements=table("judgements"), timescales=table("timescales"), themes=table("themes"),
        timeliness=table("timeliness"), survey=survey.as_json(),
        survey_breakdowns=[(b.title, [SurveyGroup(r.key, r.label, r.responses, r.share_yes, r.hidden) for r in b.rows])
                           for b in survey.breakdowns],
        good_practice=good_practice_entries(session=session, actor=actor, **period),
    )


def programme_report(*, session: Session, actor: Actor | None, date_from: date | None, date_to: date | None,
                     today: date) -> ProgrammeReportFile:
    """The programme report for the period as a PDF; the download is audited.

    Raises:
        PermissionDenied: The actor may not have the programme report.
        InvalidInput: The period ends before it starts.
    """
    figures = programme_figures(session=session, actor=actor, date_from=date_from, date_to=date_to, today=today)
    from safehouse_portal.documents.programme_report import render_programme_report  # fpdf2, on first use

    content = render_programme_report(build_content(figures))
    audit.record(session=session, actor=actor, action="programme_report.downloaded", entity_type="programme_report",
                 entity_id=None, after={"from": date_from.isoformat() if date_from else None,
                                        "to": date_to.isoformat() if date_to else None})
    session.flush()
    start = date_from.isoformat() if date_from else "start"
    end = (date_to or today).isoformat()
    return ProgrammeReportFile(f"programme-report-{start}-to-{end}.pdf", MEDIA_TYPE, content)


def _issued_reports(*, session: Session, actor: Actor | None, date_from: date | None, date_to: date | None,
                    today: date):
    """The reports issued in the period, exactly as the judgements and recommendations count them."""
    query = AnalyticsQuery(view="timescales", filters=frames.Filters(date_from=date_from, date_to=date_to))
    computed = analytics.compute(session=session, actor=actor, query=query, today=today, whole_programme=True)
    return computed.reports


def _locations_of(session: Session, inspection_ids: list[int]) -> int:
    """How many locations the inspection groups of ``inspection_ids`` hold."""
    if not inspection_ids:
        return 0
    groups = select(Inspection.group_id).where(Inspection.id.in_(inspection_ids))
    return session.exec(select(func.count(func.distinct(Location.id))).where(Location.group_id.in_(groups))).one()
