"""The ``safehouse audit`` commands: ``safehouse audit verify`` checks the audit trail's hash chain.

It walks every row in the order written and prints how many held, or the first broken
link (the row an edit or a removal broke) and exits 1.
"""

import argparse
import sys

from safehouse_portal.services.audit.chain import verify
from safehouse_portal.services.core.actor import CLI_OPERATOR
from safehouse_portal.services.core.uow import unit_of_work


def add_audit_commands(sub: argparse._SubParsersAction) -> None:
    """Add ``safehouse audit ...`` to the command line."""
    audit = sub.add_parser("audit", help="the audit trail").add_subparsers(dest="audit_command", required=True)
    check = audit.add_parser("verify", help="check the trail's hash chain; report the first broken link (exit 1)")
    check.set_defaults(func=_verify)


def _verify(_args) -> int:
    with unit_of_work() as session:
        result = verify(session=session, actor=CLI_OPERATOR)
    if result.broken is not None:
        print(f"The audit trail is broken at row {result.broken.row_id}: {result.broken.reason}. "
              f"{result.rows} row(s) before it hold.", file=sys.stderr)
        return 1
    print(f"The audit trail holds: {result.rows} row(s) checked, each chained to the one before.")
    return 0
