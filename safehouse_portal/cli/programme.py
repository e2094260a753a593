"""The ``safehouse programme`` commands: import, show and export the programme spreadsheet (issue 16).

``import FILE [--dry-run]`` reads a CSV or XLSX file, one row per location: all of it or
nothing, every problem listed by row and column (exit status 1). ``show [--json]`` prints the
programme, ``export FILE`` writes the spreadsheet back (CSV or XLSX by the file's extension);
neither gives addresses unless ``--with-addresses`` (audited). The command acts as the
command-line operator.
"""

import argparse
import json
import sys
from pathlib import Path

from safehouse_portal.services.core.actor import CLI_OPERATOR
from safehouse_portal.services.core.uow import unit_of_work


def add_programme_commands(sub: argparse._SubParsersAction) -> None:
    """Add ``safehouse programme ...`` to the command line."""
    programme = sub.add_parser("programme", help="providers, locations and inspection groups").add_subparsers(
        dest="programme_command", required=True)
    imp = programme.add_parser("import", help="import the programme spreadsheet (CSV or XLSX): all of it or nothing")
    imp.add_argument("file")
    imp.add_argument("--dry-run", action="store_true", help="say what would be created and changed; write nothing")
    imp.set_defaults(func=_import)
    show = programme.add_parser("show", help="print the programme")
    show.add_argument("--json", action="store_true", help="as JSON")
    show.add_argument("--with-addresses", action="store_true", help="include the confidential addresses (audited)")
    show.set_defaults(func=_show)
    export = programme.add_parser("export", help="write the programme spreadsheet (.csv or .xlsx)")
    export.add_argument("file")
    export.add_argument("--with-addresses", action="store_true", help="include the confidential addresses (audited)")
    export.set_defaults(func=_export)


def _import(args) -> int:
    from safehouse_portal.services.providers.programme_import import ProgrammeFileError, import_programme

    path = Path(args.file)
    try:
        content = _read(path)
        with unit_of_work() as session:
            outcome = import_programme(session=session, actor=CLI_OPERATOR, content=content, dry_run=args.dry_run,
                                       file_name=path.name)
    except ProgrammeFileError as exc:
        print(f"Nothing imported: {len(exc.problems)} error(s) in {args.file}", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    verb = "Would create" if outcome.dry_run else "Created"
    print(f"{'Dry run: nothing written. ' if outcome.dry_run else ''}{outcome.rows} rows read.")
    print(f"{verb} {len(outcome.created)}, {'would change' if outcome.dry_run else 'changed'} "
          f"{len(outcome.changed)}, left {len(outcome.unchanged)} unchanged.")
    for item in outcome.created:
        print(f"  + {item.kind} {item.name}")
    for item in outcome.changed:
        print(f"  ~ {item.kind} {item.name}: {'; '.join(item.changes)}")
    for account in outcome.accounts:
        if outcome.dry_run:
            print(f"  + provider lead account {account.email}")
        else:
            print(f"  + provider lead account {account.email}: password (shown once) {account.password}")
    return 0


def _read(path: Path) -> bytes:
    """The file's bytes; one too large is refused before it is read."""
    from safehouse_portal.domain.programme_rows import MAX_FILE_BYTES
    from safehouse_portal.services.providers.programme_file import TOO_LARGE, ProgrammeFileError

    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ProgrammeFileError([TOO_LARGE])
        return path.read_bytes()
    except OSError as exc:
        raise ProgrammeFileError([f"The file cannot be read: {exc.strerror}"]) from None


def _show(args) -> int:
    from safehouse_portal.services.providers.programme_export import show_programme

    with unit_of_work() as session:
        programme = show_programme(session=session, actor=CLI_OPERATOR, with_addresses=args.with_addresses)
    if args.json:
        print(json.dumps(programme, indent=2, ensure_ascii=False))
        return 0
    for provider in programme["providers"]:
        print(f"{provider['name']}  (lead {provider['lead_email']}, designated inspector "
              f"{provider['designated_inspector'] or 'none'})")
        for loc in provider["locations"]:
            flags = ", ".join(f for f, on in (("children", loc["accommodates_children"]), ("closed", not loc["active"]))
                              if on)
            where = f" - {loc['address']} {loc['postcode']}".rstrip() if args.with_addresses else ""
            print(f"  {loc['name']}: {loc['kind']}, {loc['region']}, group {loc['group'] or '(none)'}"
                  f"{' (' + flags + ')' if flags else ''}{where}")
    return 0


def _export(args) -> int:
    from safehouse_portal.services.providers.programme_export import export_programme

    path = Path(args.file)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("csv", "xlsx"):
        print("Give a file name ending in .csv or .xlsx", file=sys.stderr)
        return 1
    with unit_of_work() as session:
        export = export_programme(session=session, actor=CLI_OPERATOR, fmt=fmt, with_addresses=args.with_addresses)
    path.write_bytes(export.content)
    print(f"Wrote the programme to {path}{' with addresses' if args.with_addresses else ''}.")
    return 0
