"""The audit trail read in words, and its hash chain checked link by link (pure, no database)."""

import json
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from safehouse_portal.domain.audit_chain import GENESIS, ChainRow, canonical_json, content_hash, first_broken_link
from safehouse_portal.domain.enums import Stage
from safehouse_portal.domain.audit_words import FieldChange, action_words, changes, value_words


def test_a_stage_move_reads_as_words_side_by_side():
    assert changes({"stage": "announced"}, {"stage": "pir_received", "pir_received_on": "2026-02-27"}) == [
        FieldChange("Stage", "Announced", "PIR received"),
        FieldChange("PIR received on", "(none)", "27 February 2026"),
    ]


def test_values_read_as_people_say_them():
    assert value_words(True) == "Yes" and value_words(None) == "(none)"
    assert value_words(["safe", "well_led"]) == "Safe, Well-led"
    assert value_words("requires_improvement") == "Requires improvement"
    assert value_words("Fire doors were wedged open.") == "Fire doors were wedged open."


def test_actions_read_as_kinds_of_change_and_unknown_ones_are_tidied():
    assert action_words("inspection.stage_moved") == "Stage moved"
    assert action_words("something.new_happened") == "Something new happened"


def _chain(count: int) -> list[ChainRow]:
    rows, previous = [], GENESIS
    for n in range(1, count + 1):
        row = ChainRow(id=n, at=datetime(2026, 3, n, 9, 0, tzinfo=UTC), actor_id=2, action="inspection.stage_moved",
                       entity_type="inspection", entity_id=5, inspection_id=5, provider_id=1,
                       before={"stage": "planned"}, after={"stage": "announced", "n": n}, previous_hash=previous)
        row = replace(row, row_hash=content_hash(row, previous))
        rows.append(row)
        previous = row.row_hash
    return rows


def test_an_untouched_chain_holds():
    assert first_broken_link(_chain(4)) is None


def test_an_edited_row_is_named_as_the_first_broken_link():
    rows = _chain(4)
    rows[2] = replace(rows[2], after={"stage": "closed", "n": 3})
    broken = first_broken_link(rows)
    assert broken.row_id == 3 and "changed after it was written" in broken.reason


def test_a_removed_row_breaks_the_link_of_the_row_after_it():
    rows = _chain(4)
    del rows[1]
    broken = first_broken_link(rows)
    assert broken.row_id == 3 and "does not follow row 1" in broken.reason


def test_the_hash_does_not_depend_on_how_json_spells_the_content():
    row = _chain(1)[0]
    assert content_hash(replace(row, after={"n": 1, "stage": "announced"}), GENESIS) == row.row_hash
    assert content_hash(replace(row, before={"stage": ("planned",)}), GENESIS) == \
        content_hash(replace(row, before={"stage": ["planned"]}), GENESIS)


@pytest.mark.parametrize("value, expected", [
    ({"stage": ("planned",), 3: "x"}, {"stage": ["planned"], "3": "x"}),
    ({"on": date(2026, 3, 1)}, {"on": "2026-03-01"}),
    ({"stage": Stage.PLANNED}, {"stage": "planned"}),
    ({"n": 1, "ok": True, "none": None, "list": [1, "a", {"b": 2.5}]}, {"n": 1, "ok": True, "none": None,
                                                                         "list": [1, "a", {"b": 2.5}]}),
])
def test_what_a_record_stores_is_what_json_gives_back(value, expected):
    stored = canonical_json(value)
    assert stored == expected
    assert json.loads(json.dumps(stored)) == stored
    assert [type(v) for v in stored.values()] == [type(v) for v in expected.values()]
