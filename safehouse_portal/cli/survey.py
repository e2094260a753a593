"""The ``safehouse survey`` commands: importing a version of the survivor survey's questions (issue 18).

``safehouse survey import FILE`` stores a new question-set version (a reviewed translation
arrives this way) as the command-line operator: all of it or nothing, and a version already
imported is refused rather than rewritten.
"""

import argparse
import sys
from pathlib import Path

from safehouse_portal.services.core.actor import CLI_OPERATOR
from safehouse_portal.services.core.uow import unit_of_work


def add_survey_commands(sub: argparse._SubParsersAction) -> None:
    """Add ``safehouse survey ...`` to the command line."""
    survey = sub.add_parser("survey", help="the survivor survey").add_subparsers(dest="survey_command", required=True)
    imp = survey.add_parser("import", help="import a new question-set version (JSON): all of it or nothing")
    imp.add_argument("file")
    imp.set_defaults(func=_import)


def _import(args) -> int:
    from safehouse_portal.services.survey.schema import SurveyFileError
    from safehouse_portal.services.survey.versions import import_question_set_file

    try:
        with unit_of_work() as session:
            summary = import_question_set_file(session=session, path=Path(args.file), actor=CLI_OPERATOR)
    except SurveyFileError as exc:
        print(f"Nothing imported: {len(exc.errors)} error(s) in {args.file}", file=sys.stderr)
        for error in exc.errors:
            print(f"  {error}", file=sys.stderr)
        return 1
    print(f"Imported survivor survey {summary.version}: {summary.questions} questions in "
          f"{len(summary.languages)} languages ({', '.join(summary.languages)}).")
    return 0
