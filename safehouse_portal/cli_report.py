"""The ``safehouse report`` commands: reports and letters as PDF (issue 7)."""

import argparse


def add_report_commands(sub: argparse._SubParsersAction) -> None:
    """Add ``safehouse report ...`` to the command line."""
