"""Demo data of the good-practice library and the quality panel (issue 19).

Three published examples, written afresh in the spirit of the 2021-22 findings' "going
beyond contractual requirements" (a tablet for each survivor, counselling in Albanian
through a partner charity, support workers who speak two languages), each from an
inspection whose report was issued; one nomination waiting for review whose text still
names the service it came from, so the anonymiser has something to flag; and one
inspection at finalising whose changed key question is with the quality panel, which
holds its final report.
"""

from datetime import UTC, date, datetime, time

from sqlmodel import Session, select

from safehouse_portal.db import (
    FrameworkKeyQuestion, GoodPracticeEntry, Inspection, InspectionTeamMember, Kloe, Location, QualityPanelMember,
    QualityPanelReview, User,
)
from safehouse_portal.domain.enums import Role, Stage
from safehouse_portal.domain.good_practice import EntryStatus, PracticeTheme, programme_year, service_kind_label

_PUBLISHED = (
    ("C1", "A tablet for every survivor", (
        "Each survivor is given a tablet with a data allowance on arrival, set up with their language and a "
        "secure messaging app. Staff show them how to use it in the first week."),
     ("Survivors told inspectors they could keep in touch with family and solicitors, join English classes "
      "online and book appointments without waiting for a staff member."), (PracticeTheme.DIGITAL,
                                                                            PracticeTheme.MOVE_ON)),
    ("C1", "Counselling in Albanian through a partner charity", (
        "The service has an agreement with a local charity whose counsellors speak Albanian. Survivors can "
        "self-refer and are seen within two weeks, in the charity's rooms rather than the safehouse."),
     ("Survivors said talking in their own language, away from where they live, made it easier to speak "
      "about what had happened to them."), (PracticeTheme.EMOTIONAL_SUPPORT, PracticeTheme.LANGUAGE,
                                            PracticeTheme.PARTNERSHIPS)),
    ("E2", "Support workers who speak two languages", (
        "The service recruits support workers who speak English and one of the languages most common among "
        "the survivors it supports, and pays for their interpreting qualification."),
     ("Everyday conversations do not wait for an interpreter, and survivors' first conversations with the "
      "service are in a language they understand."), (PracticeTheme.LANGUAGE, PracticeTheme.STAFF)),
)
_ISSUED = (Stage.REPORT_ISSUED, Stage.RECOMMENDATIONS_OPEN, Stage.CLOSED)


def seed(*, session: Session, today: date) -> None:
    """Adds the library's entries, the pending nomination and the panel review described above."""
    issued = session.exec(select(Inspection).where(Inspection.stage.in_(_ISSUED), Inspection.ended_on.is_not(None),
                                                   Inspection.lead_inspector_id.is_not(None))
                          .order_by(Inspection.ended_on.desc(), Inspection.id)).all()
    for inspection, (code, title, what, why, themes) in zip(issued, _PUBLISHED):
        _entry(session, inspection, code, title, what, why, themes, EntryStatus.PUBLISHED, today)
    drafting = session.exec(select(Inspection).where(Inspection.stage.in_((Stage.DRAFTING, Stage.EVIDENCE_REVIEW)),
                                                     Inspection.lead_inspector_id.is_not(None))
                            .order_by(Inspection.id)).first()
    if drafting is not None:
        place = session.exec(select(Location.name).where(Location.group_id == drafting.group_id)
                             .order_by(Location.id)).first() or "the safehouse"
        _entry(session, drafting, "R1", "Welcome packs chosen by survivors", (
            f"At {place}, survivors who have moved on choose what goes into the welcome pack for new arrivals: "
            "toiletries, a phone top-up, a local map and a note in their own words."),
            "New arrivals said the note from someone who had been there before made them feel less alone.",
            (PracticeTheme.SURVIVOR_VOICE,), EntryStatus.NOMINATED, today)
    _panel(session, today)
    session.flush()


def _entry(session: Session, inspection: Inspection, code: str, title: str, what: str, why: str, themes,
           status: EntryStatus, today: date) -> None:
    kloe = session.exec(select(Kloe, FrameworkKeyQuestion.key).join(
        FrameworkKeyQuestion, FrameworkKeyQuestion.id == Kloe.key_question_id).where(
        Kloe.version_id == inspection.framework_version_id, Kloe.code == code)).first()
    if kloe is None:
        return
    row, key = kloe
    kinds = session.exec(select(Location.kind).where(Location.group_id == inspection.group_id)).all()
    day = inspection.final_issued_on or inspection.ended_on or today
    at = datetime.combine(day, time(10), tzinfo=UTC)
    session.add(GoodPracticeEntry(
        inspection_id=inspection.id, key_question=key, kloe_code=row.code, kloe_title=row.title, title=title,
        what_they_do=what, why_it_works=why, themes=[t.value for t in themes],
        year=programme_year(inspection.ended_on or today), service_kind=service_kind_label(kinds),
        status=status.value, nominated_by_id=inspection.lead_inspector_id, nominated_at=at,
        published_at=at if status is EntryStatus.PUBLISHED else None))


def _panel(session: Session, today: date) -> None:
    """The latest inspection at finalising goes to the panel, with one member who has given a view."""
    inspection = session.exec(select(Inspection).where(Inspection.stage == Stage.FINALISING,
                                                       Inspection.lead_inspector_id.is_not(None))
                              .order_by(Inspection.id.desc())).first()
    manager = session.exec(select(User).where(User.role == Role.PROGRAMME_MANAGER).order_by(User.id)).first()
    if inspection is None or manager is None:
        return
    reason = ("Factual accuracy: the provider showed that every risk assessment was reviewed on time, so Safe "
              "changed from Requires improvement to Meeting requirements. Reason: the audit dates confirm it.")
    inspection.quality_panel_flag, inspection.quality_panel_reason = True, reason
    session.add(inspection)
    review = QualityPanelReview(inspection_id=inspection.id, reason=reason, opened_by_id=inspection.lead_inspector_id)
    session.add(review)
    session.flush()
    team = set(session.exec(select(InspectionTeamMember.user_id).where(
        InspectionTeamMember.inspection_id == inspection.id)).all()) | {inspection.lead_inspector_id}
    member = session.exec(select(User).where(User.role == Role.INSPECTOR, User.active.is_(True),
                                             User.id.not_in(team)).order_by(User.id.desc())).first()
    if member is not None:
        session.add(QualityPanelMember(
            review_id=review.id, user_id=member.id, inspection_id=inspection.id, named_by_id=manager.id,
            view="agree", view_reasons="The audit shows each review date; the change is supported by evidence.",
            viewed_at=datetime.combine(today, time(9), tzinfo=UTC)))
