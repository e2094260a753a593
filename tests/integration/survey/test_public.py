"""The survivor's side: the survey behind a link, and what is (and is not) kept of an answer."""

from datetime import timedelta

import pytest
from sqlalchemy import inspect
from sqlmodel import func, select

from safehouse_portal.db import SurveyResponse
from safehouse_portal.services.survey import public
from tests.integration.worlds.survey_world import SURVEY_TODAY, add_link

LATER = SURVEY_TODAY + timedelta(days=14)


@pytest.fixture
def link(session, survey_world):
    return add_link(session, survey_world["inspection"], LATER)


def _send(session, token, answers, *, language="en", honeypot="", today=SURVEY_TODAY, **kw):
    return public.submit(session=session, token=token, language=language, answers=answers, honeypot=honeypot,
                         today=today, **kw)


def _stored(session) -> int:
    return session.exec(select(func.count()).select_from(SurveyResponse)).one()


def test_a_stored_response_has_no_column_that_could_identify_anyone(session, link):
    assert _send(session, link.token, {"support": "yes", "good": "Kind staff"}).status == public.SENT
    session.commit()
    columns = {c["name"] for c in inspect(session.get_bind()).get_columns("survey_response")}
    assert columns == {"id", "link_id", "question_set_id", "language", "day", "channel", "answers"}
    row = session.exec(select(SurveyResponse)).one()
    assert (row.link_id, row.language, row.day, row.channel) == (link.id, "en", SURVEY_TODAY, "online")
    assert row.answers == {"support": "yes", "good": "Kind staff"}
    assert len(row.id) == 32 and not row.id.isdigit(), "a random id keeps no order of arrival"


def test_the_survey_is_shown_in_arabic_right_to_left_with_the_safehouse_questions(session, link):
    view = public.survey_for_token(session=session, token=link.token, today=SURVEY_TODAY, language="ar")
    assert (view.status, view.language, view.dir) == (public.OPEN, "ar", "rtl")
    codes = [q.code for q in view.questions]
    assert "safe_safehouse" in codes and "safe_outreach" not in codes
    assert view.questions[2].progress == f"السؤال 3 من {len(codes)}"
    assert view.questions[0].options[-1].value == "prefer_not_to_say"
    assert [lang.name for lang in view.languages] == ["English", "العربية"]


def test_before_a_language_is_chosen_only_the_languages_are_offered(session, link):
    view = public.survey_for_token(session=session, token=link.token, today=SURVEY_TODAY, language="xx")
    assert view.language == "" and view.questions == [] and len(view.languages) == 2


@pytest.mark.parametrize("token", ["Z" * 32, "short", "../../etc", None, 42, "T" * 31 + "'"])
def test_an_unknown_link_says_so_and_keeps_nothing(session, link, token):
    view = public.survey_for_token(session=session, token=token, today=SURVEY_TODAY, language="en")
    assert view.status == public.UNKNOWN and view.questions == [] and view.texts["unknown_title"]
    assert _send(session, token, {"support": "yes"}).status == public.UNKNOWN
    assert _stored(session) == 0


def test_a_closed_link_says_so_and_keeps_nothing(session, link):
    after = LATER + timedelta(days=1)
    view = public.survey_for_token(session=session, token=link.token, today=after, language="ar")
    assert view.status == public.CLOSED and view.questions == [] and view.texts["closed_title"]
    assert _send(session, link.token, {"support": "yes"}, today=after).status == public.CLOSED
    assert _send(session, link.token, {"support": "yes"}, today=LATER).status == public.SENT
    assert _stored(session) == 1


def test_a_filled_honeypot_is_thanked_and_nothing_is_kept(session, link):
    assert _send(session, link.token, {"support": "yes"}, honeypot="http://spam.example").status == public.SENT
    assert _stored(session) == 0


def test_the_daily_limit_per_link_turns_further_answers_away_until_the_next_day(session, link):
    for _ in range(2):
        assert _send(session, link.token, {"support": "yes"}, daily_limit=2).status == public.SENT
    assert _send(session, link.token, {"support": "yes"}, daily_limit=2).status == public.BUSY
    tomorrow = SURVEY_TODAY + timedelta(days=1)
    assert _send(session, link.token, {"support": "yes"}, daily_limit=2, today=tomorrow).status == public.SENT
    assert _stored(session) == 3


def test_the_daily_limit_comes_from_the_settings(session, link, monkeypatch):
    monkeypatch.setenv("SAFEHOUSE_SURVEY_DAILY_LIMIT", "1")
    assert _send(session, link.token, {"support": "yes"}).status == public.SENT
    assert _send(session, link.token, {"support": "yes"}).status == public.BUSY


def test_too_long_an_answer_is_refused_with_the_too_long_message_and_nothing_kept(session, link):
    outcome = _send(session, link.token, {"support": "yes", "better": "a" * 2001})
    assert (outcome.status, outcome.errors) == (public.INVALID, {"better": "too_long"})
    assert _stored(session) == 0


@pytest.mark.parametrize("answers", [{f"q{n}": "x" for n in range(51)}, {"good": "a" * 41_000}, "support=yes",
                                     {"support": "maybe"}])
def test_an_oversized_or_malformed_submission_is_refused(session, link, answers):
    assert _send(session, link.token, answers).status == public.INVALID
    assert _stored(session) == 0


def test_a_language_the_survey_does_not_offer_is_refused(session, link):
    assert _send(session, link.token, {"support": "yes"}, language="xx").status == public.INVALID


def test_a_question_the_inspection_is_not_asked_is_dropped_and_control_characters_stripped(session, link):
    _send(session, link.token, {"safe_outreach": "no", "good": "Kind\x00 staff\x1b", "ip": "203.0.113.9"})
    assert session.exec(select(SurveyResponse.answers)).one() == {"good": "Kind staff"}


def test_an_empty_submission_is_kept_as_a_response_with_every_question_skipped(session, link):
    assert _send(session, link.token, {}).status == public.SENT
    assert session.exec(select(SurveyResponse.answers)).one() == {}
