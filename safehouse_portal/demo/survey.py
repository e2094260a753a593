"""Demo data: survivor survey links for the current inspections, and answers like 2021-22's (issue 18).

The programme's survey had 563 responses, in several languages, and 97% of survivors said
they got the support they needed from staff. The demo reproduces those two figures across
the inspections now under way (announced to evidence review); the other answers lean
positive, as the programme found, with interpreters and health care the weaker spots. The
few comments are written afresh in the spirit of the programme report, never quoted.
"""

import random
from datetime import date, timedelta

from sqlmodel import Session, select

from safehouse_portal.db import Inspection, SurveyLink, SurveyResponse
from safehouse_portal.domain.enums import Stage
from safehouse_portal.domain.survey import PREFER_NOT_TO_SAY, Channel, applicable
from safehouse_portal.services.survey.public import service_kinds
from safehouse_portal.services.survey.versions import ensure_default_question_set, question_set

SEED = 1818
TOTAL_RESPONSES = 563
SUPPORTED = 546
"""546 of 563 is 97% (rounded): "yes" to the support question."""
SURVEY_STAGES = (Stage.ANNOUNCED, Stage.PIR_RECEIVED, Stage.INSPECTING, Stage.EVIDENCE_REVIEW)
OPEN_DAYS = 21
LANGUAGE_WEIGHTS = {"en": 34, "sq": 14, "vi": 11, "ar": 8, "ti": 8, "am": 4, "ro": 6, "pl": 4, "zh-Hans": 3,
                    "fa": 3, "ckb": 2, "ur": 3}
"""Roughly who answers: English, then the languages of the most common nationalities referred."""
OTHER_ANSWERS = (("yes", 80), ("partly", 12), ("no", 4), (PREFER_NOT_TO_SAY, 4))
WEAKER_ANSWERS = (("yes", 62), ("partly", 18), ("no", 9), ("not_needed", 8), (PREFER_NOT_TO_SAY, 3))
"""Interpreters and health care drew most of the survey's negative comments."""
COMMENTS = (
    ("good", "My key worker listens to me and explains everything slowly. I do not feel alone any more."),
    ("good", "The house is quiet and I can sleep. Staff check that I am okay every day."),
    ("good", "They helped me register with a doctor and came with me the first time."),
    ("good", "Everyone here is patient with me. I am learning English at the college now."),
    ("better", "Sometimes the interpreter on the phone is hard to understand and the call is very short."),
    ("better", "At night there is nobody to talk to if something happens. A night worker would help."),
    ("better", "I have waited a long time for my decision and I would like something useful to do while I wait."),
    ("better", "The kitchen tap has been broken for weeks. We told the staff."),
    ("better", "Counselling is only on the phone. I would like to see someone face to face."),
)


def seed(*, session: Session, today: date) -> None:
    """Open a link for each inspection under way and add the programme's responses across them."""
    set_id = ensure_default_question_set(session=session)
    questions = question_set(session, set_id)
    inspections = session.exec(select(Inspection).where(Inspection.stage.in_(SURVEY_STAGES))
                               .order_by(Inspection.id)).all()
    if not inspections:
        return
    rng = random.Random(SEED)  # noqa: S311  (seeded on purpose: the same demo every time; nothing secret)
    links = []
    for inspection in inspections:
        link = SurveyLink(inspection_id=inspection.id, token=_token(rng), question_set_id=set_id,
                          closes_on=today + timedelta(days=OPEN_DAYS), created_by_id=inspection.lead_inspector_id)
        session.add(link)
        links.append((link, applicable(questions.questions, service_kinds(session, inspection))))
    session.flush()
    languages = {code: w for code, w in LANGUAGE_WEIGHTS.items() if questions.language(code) is not None}
    supports = ["yes"] * SUPPORTED + _spread(rng, TOTAL_RESPONSES - SUPPORTED)
    rng.shuffle(supports)
    comments = dict(enumerate(COMMENTS, start=5))
    for n, support in enumerate(supports):
        link, asked = links[n % len(links)]
        answers = {q.code: _answer(rng, q) for q in asked if q.kind == "choice" and rng.random() < 0.9}
        answers["support"] = support
        language = rng.choices(list(languages), weights=list(languages.values()))[0]
        if n // 40 in comments and n % 40 == 0:
            code, text = comments[n // 40]
            answers[code], language = text, "en"
        session.add(SurveyResponse(link_id=link.id, question_set_id=set_id, language=language,
                                   day=today - timedelta(days=rng.randint(0, OPEN_DAYS - 1)), channel=Channel.ONLINE,
                                   answers=answers))


def _token(rng: random.Random) -> str:
    """A token like ``secrets.token_urlsafe(24)``, drawn from the demo's seed so the demo is repeatable."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    return "".join(rng.choice(alphabet) for _ in range(32))


def _spread(rng: random.Random, count: int) -> list[str]:
    """The answers to the support question that were not "yes"."""
    return [rng.choice(("partly", "partly", "no", PREFER_NOT_TO_SAY)) for _ in range(count)]


def _answer(rng: random.Random, question) -> str:
    table = WEAKER_ANSWERS if "not_needed" in question.options else OTHER_ANSWERS
    values = [value for value, _ in table if value in question.options or value == PREFER_NOT_TO_SAY]
    weights = [weight for value, weight in table if value in values]
    return rng.choices(values, weights=weights)[0]
