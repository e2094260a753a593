"""Whether a new information request repeats an earlier one or something the PIR already gives."""

import pytest

from safehouse_portal.domain.similarity import Candidate, containment, find_similar, jaccard, stem, words

EARLIER = Candidate("Earlier request", "asked on 9 December 2026",
                    "Please send the fire safety check records for each safehouse.")
PIR = Candidate("In the PIR", "Policies and procedures", "When were your safeguarding policies last reviewed?",
                "Our safeguarding policy was reviewed by the board in March 2026 and the whistleblowing policy "
                "in May 2026; both are reviewed yearly.")


@pytest.mark.parametrize(("word", "expected"), [
    ("policies", "policy"), ("reviewed", "review"), ("reviews", "review"), ("fires", "fire"), ("boxes", "box"),
    ("access", "access"), ("accessed", "access"), ("processes", "process"), ("status", "status"), ("fire", "fire"),
])
def test_stems_meet_plurals_and_simple_verb_endings(word, expected):
    assert stem(word) == expected


def test_words_leave_out_how_a_request_is_asked():
    assert words("Please could you send us copies of your latest fire risk assessments?") == {
        "fire", "risk", "assessment"}


def test_a_reworded_request_is_found_as_much_the_same_question():
    [match] = find_similar("Send fire safety checks records for every safehouse", [EARLIER, PIR])
    assert match.candidate is EARLIER and match.reason == "asks much the same question"


def test_a_request_on_the_same_theme_but_for_something_else_is_not_flagged():
    assert find_similar("Which staff completed fire warden training this year?", [EARLIER]) == []


def test_a_request_whose_words_are_all_in_an_answer_is_found_answered_there():
    [match] = find_similar("How often is the whistleblowing policy reviewed by the board?", [PIR])
    assert match.reason == "is already answered there" and match.score == 0.8


def test_a_request_of_two_words_is_never_found_in_a_long_answer():
    assert find_similar("safeguarding policy", [Candidate("In the PIR", "x", "Unrelated", PIR.answer)]) == []


def test_matches_come_most_alike_first():
    cousin = Candidate("Earlier request", "asked on 10 December 2026", "Fire safety check records for outreach")
    matches = find_similar("Fire safety check records for each safehouse", [cousin, EARLIER])
    assert [m.candidate for m in matches] == [EARLIER, cousin] and matches[0].score == 1.0


def test_empty_text_is_alike_to_nothing():
    assert jaccard(frozenset(), frozenset()) == 0.0 and containment(frozenset(), frozenset({"a"})) == 0.0
    assert find_similar("", [EARLIER, PIR]) == []
