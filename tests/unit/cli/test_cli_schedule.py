"""``safehouse schedule`` prints an inspection's due dates without a database.

The expected dates were counted by hand for an inspection on Tuesday 7 and Wednesday
8 April 2026, just after Easter (Good Friday 3 April, Easter Monday 6 April), with the
early May bank holiday on 4 May and the spring bank holiday on 25 May.
"""

import argparse
import json

import pytest

from safehouse_portal.cli.schedule import add_schedule_command

EASTER_INSPECTION = ["--start", "2026-04-07", "--end", "2026-04-08"]

EXPECTED_AFTER_EASTER = {
    "announce": "2026-03-20",
    "pir_due": "2026-03-27",
    "inspection_start": "2026-04-07",
    "inspection_end": "2026-04-08",
    "additional_info_due": "2026-04-17",
    "draft_report_due": "2026-05-07",
    "fa_comments_due": "2026-05-21",
    "final_report_due": "2026-06-19",
}
"""Announce: 10 working days back from 7 April skips Easter Monday, Good Friday and two
weekends. PIR: 5 after 20 March. Additional information: 7 after 8 April. Draft: 20
after 8 April, skipping 4 May. FA: 10 after 7 May. Final: 50 after 8 April, skipping
4 and 25 May."""


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="safehouse")
    add_schedule_command(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["schedule", *argv])
    status = args.func(args)
    out, err = capsys.readouterr()
    return status, out, err


def test_json_prints_one_object_with_every_milestone_and_iso_dates(capsys):
    status, out, _ = run([*EASTER_INSPECTION, "--json"], capsys)
    assert status == 0
    assert json.loads(out) == EXPECTED_AFTER_EASTER
    assert list(json.loads(out)) == list(EXPECTED_AFTER_EASTER)


def test_the_early_outcome_letter_is_due_only_after_serious_concerns(capsys):
    _, out, _ = run([*EASTER_INSPECTION, "--json", "--serious-concern"], capsys)
    assert json.loads(out) == {**EXPECTED_AFTER_EASTER, "early_outcome_letter_due": "2026-04-15"}


def test_factual_accuracy_counts_from_the_day_the_draft_was_sent(capsys):
    _, out, _ = run([*EASTER_INSPECTION, "--json", "--draft-sent", "2026-05-01"], capsys)
    assert json.loads(out)["fa_comments_due"] == "2026-05-18"
    assert json.loads(out)["draft_report_due"] == "2026-05-07"


def test_plain_output_explains_every_due_date_and_says_closures_are_not_counted(capsys):
    status, out, _ = run(EASTER_INSPECTION, capsys)
    assert status == 0
    assert "programme closure days are not included" in out
    assert "Announce the inspection [announce]: 2026-03-20 (Friday 20 March 2026)" in out
    assert "Easter Monday (bank holiday) 6 April" in out
    assert out.count("lands on") == 6


@pytest.mark.parametrize(("argv", "message"), [
    (["--start", "2026-04-08", "--end", "2026-04-07"], "--end is before --start"),
    ([*EASTER_INSPECTION, "--draft-sent", "2026-04-01"], "--draft-sent is before"),
    (["--start", "2099-01-05", "--end", "2099-01-06"], "--start must be a date from"),
])
def test_impossible_dates_are_refused_with_a_message(capsys, argv, message):
    status, out, err = run([*argv, "--json"], capsys)
    assert status == 2 and out == ""
    assert message in err


def test_a_date_in_another_format_is_an_argument_error(capsys):
    with pytest.raises(SystemExit):
        run(["--start", "07/04/2026", "--end", "2026-04-08"], capsys)
    assert "is not a date in the form YYYY-MM-DD" in capsys.readouterr().err


def test_help_says_only_bank_holidays_are_counted(capsys):
    with pytest.raises(SystemExit):
        run(["--help"], capsys)
    assert "bank holidays only" in " ".join(capsys.readouterr().out.split())
