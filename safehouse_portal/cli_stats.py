"""The ``safehouse stats`` commands: programme statistics (issue 8)."""

import argparse


def add_stats_commands(sub: argparse._SubParsersAction) -> None:
    """Add ``safehouse stats ...`` to the command line."""
