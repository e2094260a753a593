"""The ``safehouse`` command: database, demo data, users, the framework and the survivor survey.

The CLI is an edge of the system: it reads the clock and stdin, and acts as the
operator (``CLI_OPERATOR``) for set-up tasks that come before any admin exists.
"""

import argparse
import sys
from pathlib import Path

from sqlmodel import select

from safehouse_portal.cli.programme import add_programme_commands
from safehouse_portal.cli.report import add_report_commands
from safehouse_portal.cli.schedule import add_schedule_command
from safehouse_portal.cli.stats import add_stats_commands
from safehouse_portal.cli.survey import add_survey_commands
from safehouse_portal.cli.audit import add_audit_commands
from safehouse_portal.cli.notify import add_notify_commands
from safehouse_portal.cli.plan import add_plan_commands
from safehouse_portal.db import Provider, User
from safehouse_portal.db.engine import database_url
from safehouse_portal.domain.enums import Role
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.services.core.actor import CLI_OPERATOR
from safehouse_portal.services.core.clock import programme_today
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from safehouse_portal.services.core.uow import unit_of_work
from safehouse_portal.settings import get_settings


def _db_upgrade(_args) -> int:
    from alembic import command
    from alembic.config import Config

    root = get_settings().project_root
    config = Config(str(root / "alembic.ini"))
    config.set_main_option("script_location", str(root / "alembic"))
    config.set_main_option("sqlalchemy.url", database_url().replace("%", "%%"))
    command.upgrade(config, "head")
    return 0


def _seed(args) -> int:
    from safehouse_portal.demo.seed import demo_email, demo_sign_ins, seed_demo

    if not args.demo:
        print("Nothing to seed: pass --demo", file=sys.stderr)
        return 2
    with unit_of_work() as session:
        has_data = session.exec(select(Provider.id)).first() is not None
        demo = session.exec(select(User.id).where(User.email == demo_email("admin"))).first() is not None
        if args.if_empty and has_data and not demo:
            print("The database already holds a programme: the demo was not added.")
            return 0
        summary = seed_demo(session=session, today=programme_today())
    print(f"Demo programme: {summary.providers} providers, {summary.locations} locations, "
          f"{summary.groups} inspection groups, {summary.inspections} inspections.")
    from safehouse_portal.demo.seed import DEMO_PASSWORD

    print(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
    for role, email, path in demo_sign_ins():
        print(f"  {role:<32} {email:<34} lands on {path}")
    return 0


def _provider_id(session, value: str | None) -> int | None:
    if value is None:
        return None
    if (provider_id := parse_id(value)) is not None:
        return provider_id
    provider = session.exec(select(Provider).where(Provider.name == value)).first()
    if provider is None:
        raise InvalidInput({"provider": f"No provider named {value!r}"})
    return provider.id


def _users_add(args) -> int:
    from safehouse_portal.services.accounts.users import create_user

    password = None if sys.stdin.isatty() else (sys.stdin.readline().rstrip("\n") or None)
    with unit_of_work() as session:
        created = create_user(
            session=session, actor=CLI_OPERATOR, password=password,
            data={"email": args.email, "name": args.name, "role": args.role,
                  "provider_id": _provider_id(session, args.provider)},
        )
    print(f"Created user {created.email} (id {created.user_id}).")
    if created.password:
        print(f"Password (shown once): {created.password}")
    return 0


def _framework_import(args) -> int:
    from safehouse_portal.services.framework.versions import import_framework_file
    from safehouse_portal.services.framework.schema import FrameworkFileError

    try:
        with unit_of_work() as session:
            summary = import_framework_file(session=session, path=Path(args.file), actor=CLI_OPERATOR)
    except FrameworkFileError as exc:
        print(f"Nothing imported: {len(exc.errors)} error(s) in {args.file}", file=sys.stderr)
        for error in exc.errors:
            print(f"  {error}", file=sys.stderr)
        return 1
    print(f"Imported framework {summary.version}: {summary.key_questions} key questions, "
          f"{summary.kloes} KLOEs, {summary.prompts} prompts, {summary.clauses} clauses.")
    return 0


def _framework_show(args) -> int:
    from safehouse_portal.services.framework.versions import show_framework

    with unit_of_work() as session:
        print(show_framework(session=session, version=args.version))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The command line, one sub-command per task."""
    parser = argparse.ArgumentParser(prog="safehouse", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    db = sub.add_parser("db", help="database tasks").add_subparsers(dest="db_command", required=True)
    db.add_parser("upgrade", help="apply every migration").set_defaults(func=_db_upgrade)

    seed = sub.add_parser("seed", help="create the demo programme (idempotent)")
    seed.add_argument("--demo", action="store_true", help="the demo programme with sign-ins for every role")
    seed.add_argument("--if-empty", action="store_true", help="only when the database holds no programme yet")
    seed.set_defaults(func=_seed)

    users = sub.add_parser("users", help="people who sign in").add_subparsers(dest="users_command", required=True)
    add = users.add_parser("add", help="add a user; password from stdin, or generated and printed once")
    add.add_argument("--email", required=True)
    add.add_argument("--name", required=True)
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--provider", help="provider id or exact name (provider leads)")
    add.set_defaults(func=_users_add)

    framework = sub.add_parser("framework", help="the inspection framework").add_subparsers(
        dest="framework_command", required=True)
    imp = framework.add_parser("import", help="import a new version (JSON, YAML or CSV): all of it or nothing")
    imp.add_argument("file")
    imp.set_defaults(func=_framework_import)
    show = framework.add_parser("show", help="print a version (the current one by default)")
    show.add_argument("--version", dest="version", default=None)
    show.set_defaults(func=_framework_show)
    add_schedule_command(sub)
    add_report_commands(sub)
    add_stats_commands(sub)
    add_survey_commands(sub)
    add_programme_commands(sub)
    add_audit_commands(sub)
    add_notify_commands(sub)
    add_plan_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``safehouse`` console script."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except InvalidInput as exc:
        for field, message in exc.errors.items():
            print(f"{field}: {message}", file=sys.stderr)
        return 1
    except NotFound as exc:
        print(str(exc), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
