"""Counting survey answers and hiding every breakdown of fewer than five responses."""

from safehouse_portal.domain import survey_results as results
from safehouse_portal.domain.survey import Question

SUPPORT = Question(code="support", kind="choice", service_kinds=frozenset({"safehouse"}), options=("yes", "partly", "no"))
GOOD = Question(code="good", kind="text", service_kinds=frozenset({"safehouse"}))


def _answers(*supports: str | None, good: str = "") -> list[dict[str, str]]:
    out = []
    for s in supports:
        answer = {} if s is None else {"support": s}
        if good:
            answer["good"] = good
        out.append(answer)
    return out


def test_a_question_answered_by_five_shows_counts_and_percentages_of_those_who_answered():
    tally = results.tally(SUPPORT, _answers("yes", "yes", "yes", "partly", "prefer_not_to_say", None))
    assert tally.answered == 5 and not tally.hidden
    shown = {o.value: (o.count, o.percent) for o in tally.options}
    assert shown == {"yes": (3, 60.0), "partly": (1, 20.0), "no": (0, 0.0), "prefer_not_to_say": (1, 20.0)}


def test_a_question_answered_by_four_is_hidden_whole_not_cell_by_cell():
    tally = results.tally(SUPPORT, _answers("yes", "yes", "no", "partly", None, None))
    assert tally.hidden and tally.options == ()


def test_free_text_is_hidden_while_the_inspection_has_fewer_than_five_responses():
    four = _answers("yes", "yes", "yes", "yes", good="The staff are kind")
    assert results.comments([SUPPORT, GOOD], four, inspection_total=4) is None
    five = _answers("yes", "yes", "yes", "yes", "no", good="The staff are kind")
    assert results.comments([SUPPORT, GOOD], five, inspection_total=5) == {"good": ["The staff are kind"] * 5}


def test_free_text_filtered_down_to_fewer_than_five_is_hidden_even_in_a_large_inspection():
    assert results.comments([GOOD], _answers("yes", "no", good="x"), inspection_total=200) is None


def test_the_support_summary_counts_silence_and_prefer_not_to_say_as_not_answered():
    summary = results.support_summary(_answers("yes", "yes", "partly", "no", "prefer_not_to_say", None))
    assert summary.counts == {"yes": 2, "partly": 1, "no": 1, "not_answered": 2}
    assert summary.responses == 6 and summary.share_yes == 33.3


def test_the_programme_figure_546_of_563_is_97_percent_to_one_decimal():
    assert results.support_summary(_answers(*(["yes"] * 546 + ["partly"] * 17))).share_yes == 97.0


def test_a_breakdown_group_of_fewer_than_five_shows_neither_its_count_nor_its_share():
    rows = results.breakdown({"ar": _answers("no", "no"), "en": _answers("yes", "yes", "yes", "yes", "no")})
    assert rows[0] == results.GroupRow(key="ar", responses=0, hidden=True)
    assert (rows[1].responses, rows[1].share_yes, rows[1].hidden) == (5, 80.0, False)


def test_nothing_at_all_is_zero_percent_not_an_error():
    assert results.support_summary([]).share_yes == 0.0 and results.percent(0, 0) == 0.0
