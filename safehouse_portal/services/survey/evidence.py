"""Survivor survey comments and results as KLOE evidence, and the check before a quote is used.

An inspector on the inspection (its lead or team: ``Action.USE_SURVEY_EVIDENCE``) adds a
comment, or a question's results, to a KLOE's evidence with the source "survivor survey";
the evidence log itself (``services/judgements/kloe_edit.add_evidence``) records it, so the
KLOE's sufficiency rules weigh it like any other source. Only what the results page may
show can become evidence: nothing suppressed. A comment is a survivor's own words, so
before it is quoted in a report someone must mark it "checked for identifying details"
(taking out anything that could identify the person as they do); quoting an unchecked
comment is refused with a message saying so.
"""

from datetime import date

from sqlmodel import Session, select

from safehouse_portal.db import EvidenceItem, SurveyEvidence, SurveyResponse
from safehouse_portal.db.types import utcnow
from safehouse_portal.domain import survey_results as rules
from safehouse_portal.domain.evidence import EvidenceSource
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.survey import MAX_TEXT
from safehouse_portal.services.core import audit
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from safehouse_portal.services.core.validation import bounded_text
from safehouse_portal.services.judgements.kloe_edit import add_evidence
from safehouse_portal.services.survey.results import Survey, english, load_survey

COMMENT, RESULT = "comment", "result"
UNCHECKED_QUOTE = ("Check this quote for identifying details before using it in a report: "
                   "take out names, places, dates and anything else that could identify the person.")


def add_as_evidence(*, session: Session, actor: Actor | None, inspection_id: object, data: object,
                    today: date) -> int:
    """Add a comment (``kind`` comment, ``ref``) or a question's results (``kind`` result, ``question``) to a KLOE.

    ``data`` also names the KLOE (``kloe``), whether it ``supports`` or contradicts the
    finding and its ``robustness``, as the KLOE's own evidence form does. Returns the
    survey evidence id.

    Raises:
        PermissionDenied: Not the inspection's lead or team.
        InvalidInput: Nothing to add, a hidden (suppressed) comment or result, or the
            evidence form's own refusals (KLOE, direction, robustness).
        NotFound: No such inspection, or the KLOE is not the inspection's.
    """
    survey = load_survey(session, actor, inspection_id, Action.USE_SURVEY_EVIDENCE)
    fields = data if isinstance(data, dict) else {}
    if survey.link is None:
        raise InvalidInput({"form": "This inspection has no survey responses yet"})
    kind = fields.get("kind")
    if kind == COMMENT:
        code, quote, summary = _comment(session, survey, fields.get("ref"))
    elif kind == RESULT:
        code, summary = _result(session, survey, fields.get("question"))
        quote = ""
    else:
        raise InvalidInput({"form": "Choose a comment or a result to add"})
    item_id = add_evidence(session=session, actor=actor, inspection_id=survey.inspection.id,
                           kloe_code=fields.get("kloe"), today=today,
                           data={"source": EvidenceSource.SURVIVOR_SURVEY.value, "summary": summary,
                                 "relates_to": "", "robustness": fields.get("robustness"),
                                 "supports": fields.get("supports")})
    row = SurveyEvidence(inspection_id=survey.inspection.id, evidence_item_id=item_id, kind=kind,
                         question_code=code, quote=quote)
    session.add(row)
    session.flush()
    audit.record(session=session, actor=actor, action="survey.evidence_added", entity_type="survey_evidence",
                 entity_id=row.id, after={"kind": kind, "question": code, "evidence_item": item_id})
    return row.id


def mark_checked(*, session: Session, actor: Actor | None, inspection_id: object, evidence_id: object,
                 quote: object) -> None:
    """Mark a comment checked for identifying details, keeping ``quote`` (the comment with any taken out).

    Raises:
        InvalidInput: The quote is empty or too long.
        PermissionDenied, NotFound: As ``add_as_evidence``; or the evidence is not this inspection's.
    """
    survey = load_survey(session, actor, inspection_id, Action.USE_SURVEY_EVIDENCE)
    row = _evidence(session, survey, evidence_id)
    if row.kind != COMMENT:
        raise InvalidInput({"quote": "Only a comment is quoted: a result has nothing to check"})
    try:
        text = bounded_text(quote, most=MAX_TEXT, message=f"Keep the quote to between 1 and {MAX_TEXT:,} characters")
    except ValueError as exc:
        raise InvalidInput({"quote": str(exc)}) from None
    edited = text != row.quote
    item = session.get(EvidenceItem, row.evidence_item_id)
    item.summary = item.summary.replace(f'"{row.quote}"', f'"{text}"') if row.quote else item.summary
    row.quote, row.identifying_checked, row.checked_by_id, row.checked_at = text, True, actor.user_id, utcnow()
    session.add_all([row, item])
    audit.record(session=session, actor=actor, action="survey.quote_checked", entity_type="survey_evidence",
                 entity_id=row.id, after={"edited": edited})


def use_in_report(*, session: Session, actor: Actor | None, inspection_id: object, evidence_id: object,
                  use: object) -> None:
    """Quote a comment in the report (or stop quoting it); an unchecked comment is refused.

    Raises:
        InvalidInput: ``UNCHECKED_QUOTE`` for a comment nobody has checked for identifying details.
        PermissionDenied, NotFound: As ``mark_checked``.
    """
    survey = load_survey(session, actor, inspection_id, Action.USE_SURVEY_EVIDENCE)
    row = _evidence(session, survey, evidence_id)
    wanted = use is True
    if wanted and row.kind == COMMENT and not row.identifying_checked:
        raise InvalidInput({"form": UNCHECKED_QUOTE})
    row.in_report = wanted
    session.add(row)
    audit.record(session=session, actor=actor, action="survey.quote_in_report", entity_type="survey_evidence",
                 entity_id=row.id, after={"in_report": wanted})


def report_quotes(session: Session, inspection_id: int) -> list[tuple[int, str]]:
    """The checked comments to quote in the inspection's report: (evidence item id, quote).

    Raises:
        InvalidInput: ``UNCHECKED_QUOTE``, should an unchecked comment be marked for the report.
    """
    rows = session.exec(select(SurveyEvidence).where(SurveyEvidence.inspection_id == inspection_id,
                                                     SurveyEvidence.in_report == True)  # noqa: E712
                        .order_by(SurveyEvidence.id)).all()
    if any(r.kind == COMMENT and not r.identifying_checked for r in rows):
        raise InvalidInput({"form": UNCHECKED_QUOTE})
    return [(r.evidence_item_id, r.quote) for r in rows if r.kind == COMMENT]


def _evidence(session: Session, survey: Survey, evidence_id: object) -> SurveyEvidence:
    checked = parse_id(evidence_id)
    row = session.get(SurveyEvidence, checked) if checked is not None else None
    if row is None or row.inspection_id != survey.inspection.id:
        raise NotFound("No such survey evidence")
    return row


def _comment(session: Session, survey: Survey, ref: object) -> tuple[str, str, str]:
    response_id, _, code = ref.partition(":") if isinstance(ref, str) else ("", "", "")
    question = next((q for q in survey.asked if q.code == code and q.kind == "text"), None)
    response = session.get(SurveyResponse, response_id) if response_id and len(response_id) <= 32 else None
    if question is None or response is None or response.link_id != survey.link.id or not response.answers.get(code):
        raise InvalidInput({"form": "Choose a comment from the list"})
    total = _responses(session, survey)
    if rules.comments(survey.asked, [{}] * total, inspection_total=total) is None:
        raise InvalidInput({"form": rules.HIDDEN_TEXT.capitalize()})
    text = response.answers[code]
    label = english(survey.questions).get(f"q.{code}", code)
    return code, text, f'Survivor survey comment ({label}): "{text}"'


def _result(session: Session, survey: Survey, code: object) -> tuple[str, str]:
    question = next((q for q in survey.asked if q.code == code and q.kind == "choice"), None)
    if question is None:
        raise InvalidInput({"form": "Choose a question from the results"})
    answers = session.exec(select(SurveyResponse.answers).where(SurveyResponse.link_id == survey.link.id)).all()
    tally = rules.tally(question, answers)
    if tally.hidden:
        raise InvalidInput({"form": rules.HIDDEN_TEXT.capitalize()})
    texts = english(survey.questions)
    counts = "; ".join(f"{texts.get(f'opt.{o.value}', o.value)} {o.count} ({o.percent:.1f}%)" for o in tally.options)
    return question.code, (f"Survivor survey, {texts.get(f'q.{question.code}', question.code)} "
                           f"({tally.answered} answered): {counts}")


def _responses(session: Session, survey: Survey) -> int:
    return len(session.exec(select(SurveyResponse.id).where(SurveyResponse.link_id == survey.link.id)).all())
