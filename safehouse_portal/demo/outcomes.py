"""Demo data: issued reports' judgements and recommendations reproducing the 2021-22 figures (issue 8).

For every inspection whose final report was issued (report issued, recommendations open
or closed), this writes the final KLOE judgements of its framework version and its
recommendations, so that across the issued reports:

- there are 64 recommendations: immediately 2 safehouse / 0 outreach, within 21 days 9 / 1,
  within 3 months 29 / 7, within 6 months 15 / 1 (the programme report's Figure 2). A
  report counts as outreach only when all of its group's locations are outreach services
  (``documents/analytics.group_service_kind``), so outreach recommendations go to those;
- caring is the strongest key question (one report not meeting it, none requiring
  improvement) and most shortfalls fall under safe and well-led;
- the themes spread across the six of 2021-22, each recommendation citing a KLOE of its
  key question that the judgements mark down;
- some recommendations were met on time, some late, some are overdue, and the rest open.

Draws come from ``random.Random(2122)`` so the same base programme always gives the same outcomes.
"""

import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, select

from safehouse_portal.db import FrameworkKeyQuestion, Inspection, KloeAssessment, Kloe, Location, Recommendation
from safehouse_portal.domain.enums import KeyQuestion, Rating, ServiceKind, Stage, Theme, Timescale
from safehouse_portal.domain.recommendations import RecommendationStatus, due_date
from safehouse_portal.documents.analytics import ISSUED_STAGES, group_service_kind

SEED = 2122
FIGURE_2: dict[ServiceKind, dict[Timescale, int]] = {
    ServiceKind.SAFEHOUSE: {Timescale.IMMEDIATELY: 2, Timescale.WITHIN_21_DAYS: 9,
                            Timescale.WITHIN_3_MONTHS: 29, Timescale.WITHIN_6_MONTHS: 15},
    ServiceKind.OUTREACH: {Timescale.IMMEDIATELY: 0, Timescale.WITHIN_21_DAYS: 1,
                           Timescale.WITHIN_3_MONTHS: 7, Timescale.WITHIN_6_MONTHS: 1},
}
"""The 2021-22 recommendations by service kind and timescale (64 in all)."""

KQ_WEIGHTS = {KeyQuestion.SAFE: 5, KeyQuestion.WELL_LED: 4, KeyQuestion.EFFECTIVE: 2, KeyQuestion.RESPONSIVE: 1}
"""How likely a recommendation falls under each key question: safe and well-led most."""
THEMES_BY_KQ: dict[KeyQuestion, tuple[Theme, ...]] = {
    KeyQuestion.SAFE: (Theme.RISK_ASSESSMENTS_AND_RECORDS, Theme.HEALTH_AND_SAFETY, Theme.STAFFING,
                       Theme.PROPERTY_MAINTENANCE, Theme.TRAINING),
    KeyQuestion.WELL_LED: (Theme.GOVERNANCE_AND_OVERSIGHT, Theme.TRAINING, Theme.GOVERNANCE_AND_OVERSIGHT,
                           Theme.STAFFING),
    KeyQuestion.EFFECTIVE: (Theme.TRAINING, Theme.PROPERTY_MAINTENANCE, Theme.RISK_ASSESSMENTS_AND_RECORDS),
    KeyQuestion.RESPONSIVE: (Theme.RISK_ASSESSMENTS_AND_RECORDS, Theme.STAFFING),
    KeyQuestion.CARING: (Theme.TRAINING,),
}
KLOES_BY_THEME: dict[Theme, tuple[str, ...]] = {
    Theme.TRAINING: ("E2", "W2", "S1", "C1"),
    Theme.STAFFING: ("S3", "W2", "R1"),
    Theme.RISK_ASSESSMENTS_AND_RECORDS: ("S2", "E1", "R1", "R3"),
    Theme.PROPERTY_MAINTENANCE: ("E6", "S5"),
    Theme.HEALTH_AND_SAFETY: ("S2", "S5"),
    Theme.GOVERNANCE_AND_OVERSIGHT: ("W2", "W4", "W1"),
}
"""KLOEs a recommendation of each theme usually cites, first match under its key question."""
RECOMMENDATION_TEXTS: dict[Theme, tuple[str, ...]] = {
    Theme.TRAINING: (
        "Make sure every member of staff completes training in safeguarding children and adults at risk, "
        "and keep a record of who has done it.",
        "Give staff training in trauma-informed practice and check in supervision that they use it.",
        "Keep a training plan that shows when each member of staff is due refresher training.",
    ),
    Theme.STAFFING: (
        "Review outreach caseloads so that each survivor's support worker has time to meet their needs.",
        "Make sure there are enough staff on call to admit survivors safely out of hours.",
        "Give every survivor an allocated support worker from the day they arrive.",
    ),
    Theme.RISK_ASSESSMENTS_AND_RECORDS: (
        "Review each survivor's risk assessment within the contract's timescales and record the review.",
        "Assess and record the needs and risks of children who live in the safehouse with their parent.",
        "Keep survivors' records complete, up to date and stored securely.",
    ),
    Theme.PROPERTY_MAINTENANCE: (
        "Repair the damaged kitchen and bathroom fittings and keep a log of maintenance requests.",
        "Make the accommodation accessible to survivors with a disability, or plan how their needs are met.",
    ),
    Theme.HEALTH_AND_SAFETY: (
        "Carry out a fire risk assessment of the safehouse and act on what it finds.",
        "Test the fire alarms and emergency lighting weekly and record each test.",
    ),
    Theme.GOVERNANCE_AND_OVERSIGHT: (
        "Put in place audits that let managers check the quality and safety of the service.",
        "Make sure managers have oversight of staff supervision and act on what it shows.",
        "Keep a record of incidents and complaints and show what was learned from them.",
    ),
    Theme.OTHER: ("Review how the service meets survivors' needs.",),
}
"""Plainly fictional recommendation texts in the spirit of the 2021-22 findings."""
FINDINGS: dict[Rating, str] = {
    Rating.MEETING: "The evidence showed the service met the requirements under this line of enquiry.",
    Rating.REQUIRES_IMPROVEMENT: "Some of the evidence showed the service needs to improve under this line of "
                                 "enquiry; see the recommendations.",
    Rating.NOT_MEETING: "The evidence showed the service did not meet the requirements under this line of "
                        "enquiry; see the recommendations.",
}


@dataclass
class _Report:
    inspection: Inspection
    kind: ServiceKind
    kloes: dict[str, list[Kloe]]
    recommendations: list[tuple[KeyQuestion, Timescale]]

    @property
    def scope(self) -> list[KeyQuestion]:
        return [KeyQuestion(kq) for kq in self.inspection.key_questions if kq in KeyQuestion.__members__.values()]


def seed(*, session: Session, today: date) -> None:
    """Add the issued reports' KLOE judgements and recommendations (flushed, not committed)."""
    rng = random.Random(SEED)  # noqa: S311  (seeded for a reproducible demo, never for secrets)
    reports = _issued_reports(session)
    for kind, table in FIGURE_2.items():
        _deal(rng, [r for r in reports if r.kind is kind], table)
    _mark_caring(reports)
    counters: Counter = Counter()
    for report in reports:
        cited = _add_recommendations(session, rng, report, counters, today)
        _add_judgements(session, report, cited)
    session.flush()


def _issued_reports(session: Session) -> list[_Report]:
    issued = session.exec(
        select(Inspection).where(Inspection.stage.in_(list(ISSUED_STAGES)), Inspection.final_issued_on.is_not(None))
        .order_by(Inspection.final_issued_on, Inspection.id)).all()
    kinds: dict[int, list[str]] = defaultdict(list)
    for group_id, kind in session.exec(select(Location.group_id, Location.kind)).all():
        kinds[group_id].append(str(kind))
    kloes: dict[int, dict[str, list[Kloe]]] = defaultdict(lambda: defaultdict(list))
    rows = session.exec(select(Kloe, FrameworkKeyQuestion.key)
                        .join(FrameworkKeyQuestion, FrameworkKeyQuestion.id == Kloe.key_question_id)
                        .order_by(Kloe.position, Kloe.id)).all()
    for kloe, key in rows:
        kloes[kloe.version_id][key].append(kloe)
    return [_Report(i, ServiceKind(group_service_kind(kinds[i.group_id])), kloes[i.framework_version_id], [])
            for i in issued]


def _deal(rng: random.Random, reports: list[_Report], table: dict[Timescale, int]) -> None:
    """Share the kind's recommendations out: every fifth report (of four or more) has none."""
    timescales = [t for t, n in table.items() for _ in range(n)]
    if not timescales:
        return
    able = [r for r in reports if set(r.scope) & set(KQ_WEIGHTS)]
    recipients = [r for n, r in enumerate(able) if len(able) < 4 or n % 5 != 4]
    if not recipients:
        raise ValueError("the demo has no issued report of this kind to hold its recommendations")
    rng.shuffle(timescales)
    for n, timescale in enumerate(timescales):
        report = recipients[n % len(recipients)]
        options = [kq for kq in report.scope if kq in KQ_WEIGHTS]
        kq = rng.choices(options, weights=[KQ_WEIGHTS[kq] for kq in options])[0]
        report.recommendations.append((kq, timescale))


def _mark_caring(reports: list[_Report]) -> None:
    """The one report not meeting caring: the first safehouse report with recommendations that covers caring."""
    for report in reports:
        if report.kind is ServiceKind.SAFEHOUSE and report.recommendations and KeyQuestion.CARING in report.scope:
            _, timescale = report.recommendations[-1]
            report.recommendations[-1] = (KeyQuestion.CARING, timescale)
            return


def _add_recommendations(session: Session, rng: random.Random, report: _Report, counters: Counter,
                         today: date) -> dict[KeyQuestion, list[tuple[str, Timescale]]]:
    """Add the report's recommendations; return the KLOE codes each key question's cite."""
    inspection = report.inspection
    cited: dict[KeyQuestion, list[tuple[str, Timescale]]] = defaultdict(list)
    written = inspection.draft_sent_on or inspection.final_issued_on
    for kq, timescale in report.recommendations:
        themes = THEMES_BY_KQ[kq]
        theme = themes[counters[kq] % len(themes)]
        counters[kq] += 1
        code = _kloe_for(rng, report.kloes.get(kq.value, []), theme)
        texts = RECOMMENDATION_TEXTS[theme]
        text = texts[counters[theme] % len(texts)]
        counters[theme] += 1
        status, met_on = _progress(inspection, timescale, counters, today)
        session.add(Recommendation(
            inspection_id=inspection.id, kloe_codes=[code] if code else [], key_question=kq.value, text=text,
            theme=theme, timescale=timescale, status=status.value, met_on=met_on,
            created_by_id=inspection.lead_inspector_id,
            created_at=datetime.combine(written, time(10, 0), tzinfo=UTC)))
        if code:
            cited[kq].append((code, timescale))
    return cited


def _kloe_for(rng: random.Random, kloes: list[Kloe], theme: Theme) -> str | None:
    codes = [k.code for k in kloes]
    for code in KLOES_BY_THEME.get(theme, ()):
        if code in codes:
            return code
    return rng.choice(codes) if codes else None


def _progress(inspection: Inspection, timescale: Timescale, counters: Counter,
              today: date) -> tuple[RecommendationStatus, date | None]:
    """Where a recommendation stands: mostly met on time, some late, some overdue, the rest open."""
    issued = inspection.final_issued_on
    due = due_date(timescale, issued)
    n = counters["progress"] = counters["progress"] + 1
    if inspection.stage is Stage.CLOSED:
        late = n % 8 == 3
        met = due + timedelta(days=3 + n % 9) if late else max(issued, due - timedelta(days=n % 12))
        return RecommendationStatus.MET, min(met, today)
    if due < today:
        turn = counters["past_due"] = counters["past_due"] + 1
        if turn % 3 == 1:
            return RecommendationStatus.IN_PROGRESS, None
        if turn % 3 == 2 and due + timedelta(days=2) <= today:
            return RecommendationStatus.MET, min(due + timedelta(days=2 + n % 5), today)
        return RecommendationStatus.MET, max(issued, due - timedelta(days=n % 10))
    if n % 3 == 0:
        return RecommendationStatus.MET, min(today, issued + timedelta(days=5 + n % 10))
    return (RecommendationStatus.IN_PROGRESS if n % 3 == 1 else RecommendationStatus.OPEN), None


def _add_judgements(session: Session, report: _Report, cited: dict[KeyQuestion, list[tuple[str, Timescale]]]) -> None:
    """Final KLOE judgements of every key question in scope, agreeing with the recommendations.

    A key question with no recommendation meets requirements. One with a recommendation
    to act immediately, three or more recommendations, or caring's one shortfall does not
    meet them (its first cited KLOE does not); any other requires improvement.
    """
    inspection = report.inspection
    at = datetime.combine(inspection.final_issued_on, time(9, 0), tzinfo=UTC)
    for kq in report.scope:
        codes = [code for code, _ in cited.get(kq, [])]
        severe = kq is KeyQuestion.CARING or len(codes) >= 3 or any(
            t is Timescale.IMMEDIATELY for _, t in cited.get(kq, []))
        for kloe in report.kloes.get(kq.value, []):
            rating = Rating.MEETING
            if kloe.code in codes:
                rating = Rating.NOT_MEETING if severe and kloe.code == codes[0] else Rating.REQUIRES_IMPROVEMENT
            session.add(KloeAssessment(
                inspection_id=inspection.id, kloe_id=kloe.id, status="final", rating=rating,
                findings=FINDINGS[rating], justification=FINDINGS[rating], version=1, updated_at=at,
                updated_by_id=inspection.lead_inspector_id))
