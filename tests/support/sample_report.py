"""A full, plainly fictional report's rows: every KLOE of the default framework, judged.

Used by the benchmark (a report of about 30 pages) and by tests that need a realistic
report without a database. Names mix scripts on purpose: a report must print Polish,
Romanian, Vietnamese, Cyrillic, Greek and Arabic names as written.
"""

import json
from datetime import date
from importlib import resources

from safehouse_portal.domain.enums import InspectionMode, InspectionType, KeyQuestion, Rating, Theme, Timescale
from safehouse_portal.documents.report_content import (
    ClauseRow, InspectionRow, KloeRow, OverrideRow, RecommendationRow, ReportRows,
)

MULTILINGUAL_NAMES = ("Łucja Wiśniewska", "Ștefan Țăranu", "Nguyễn Thị Hương", "Дмитрий Соколов",
                      "Ελένη Παπαδοπούλου", "فاطمة الزهراء")
"""Survivors' and staff names as they must print: Polish, Romanian, Vietnamese, Russian, Greek, Arabic."""

_FINDINGS = (
    "Staff we spoke with, including {name}, knew how to recognise and report concerns and described recent "
    "examples where they had acted promptly. Records for {count} of the {total} survivors in our sample showed "
    "risk assessments completed on arrival, but {gap} had not been reviewed within the contract's timescales. "
    "Where survivors lived with their children, the children's own needs and risks were not always recorded "
    "separately. One survivor told us: \u201cThe staff helped me feel safe from the first night.\u201d "
    "Managers had recognised the gap in reviews and introduced a weekly check, but it had not yet been "
    "embedded across every safehouse in the group."
)
_GOOD_PRACTICE = (
    "Support workers used interpreters for every key conversation, and the service had translated its "
    "welcome pack into the most common languages of the people it supports."
)
_RECOMMENDATIONS = (
    (Theme.RISK_ASSESSMENTS_AND_RECORDS, "Review every survivor's risk assessment within the contract's "
     "timescales and record the review, including the needs and risks of any children."),
    (Theme.TRAINING, "Make sure all staff, including night and relief staff, complete safeguarding training that "
     "covers children and adults at risk, and keep a record that managers check."),
    (Theme.HEALTH_AND_SAFETY, "Complete the outstanding fire safety actions and test the alarms weekly."),
    (Theme.PROPERTY_MAINTENANCE, "Repair the damaged bathroom flooring and keep a log of maintenance requests."),
    (Theme.GOVERNANCE_AND_OVERSIGHT, "Put in place audits that show managers have oversight of supervision, "
     "training and risk assessment reviews."),
    (Theme.STAFFING, "Review out-of-hours staffing so that admissions at night are supported safely."),
)


def _framework() -> dict:
    text = resources.files("safehouse_portal.data").joinpath("framework_default.json").read_text("utf-8")
    return json.loads(text)


def sample_rows(*, recommendations: int = 20, issued_on: date | None = None, paragraphs: int = 1) -> ReportRows:
    """A comprehensive inspection's rows with every KLOE judged and ``recommendations`` made.

    Args:
        recommendations: How many recommendations the report makes.
        issued_on: The day the final report was received, which fixes their due dates.
        paragraphs: Paragraphs of findings per KLOE (6 gives a report of about 30 pages).
    """
    framework = _framework()
    ratings = (Rating.MEETING, Rating.REQUIRES_IMPROVEMENT, Rating.MEETING, Rating.NOT_MEETING)
    kloes, clause_kloes = [], {}
    for kq in framework["key_questions"]:
        for position, kloe in enumerate(kq["kloes"]):
            n = len(kloes)
            kloes.append(KloeRow(
                key_question=kq["key"], code=kloe["code"], title=kloe["title"], question=kloe["question"],
                position=position, rating=ratings[n % len(ratings)],
                findings="\n".join(_FINDINGS.format(name=MULTILINGUAL_NAMES[(n + p) % len(MULTILINGUAL_NAMES)],
                                                     count=6 + n % 3, total=10, gap=1 + n % 4)
                                   for p in range(paragraphs)),
                good_practice=_GOOD_PRACTICE if n % 3 == 0 else "",
                evidence_sources=("pir", "staff_interview", "case_record", "survivor_conversation")[: 2 + n % 3],
            ))
            for reference in kloe.get("clauses", []):
                clause_kloes.setdefault(reference, []).append(kloe["code"])
    clauses = [ClauseRow(c["reference"], c["title"], c["text"], c.get("illustrative", True),
                         tuple(clause_kloes.get(c["reference"], ())))
               for c in framework["clauses"] if c["reference"] in clause_kloes]
    made = [
        RecommendationRow(
            kloe_codes=(kloes[i * 3 % len(kloes)].code,),
            key_question=kloes[i * 3 % len(kloes)].key_question,
            text=_RECOMMENDATIONS[i % len(_RECOMMENDATIONS)][1],
            theme=_RECOMMENDATIONS[i % len(_RECOMMENDATIONS)][0],
            timescale=list(Timescale)[i % 4],
        )
        for i in range(recommendations)
    ]
    return ReportRows(
        inspection=InspectionRow(
            id=1, group_name="Riverside safehouses", location_names=("Riverside House", "Willow Lodge",
                                                                     "Harbour outreach service"),
            provider_name="Example Support Trust", type=InspectionType.COMPREHENSIVE, mode=InspectionMode.ON_SITE,
            key_questions=tuple(kq.value for kq in KeyQuestion), first_day=date(2026, 3, 9),
            last_day=date(2026, 3, 11), lead_inspector="Ștefan Țăranu", team=("Nguyễn Thị Hương",),
            final_issued_on=issued_on, framework_title=framework["title"],
        ),
        kloes=kloes,
        overrides=[OverrideRow("caring", Rating.MEETING, "The shortfall under C2 was isolated and already put "
                                                         "right during the inspection.")],
        recommendations=made,
        clauses=clauses,
    )
