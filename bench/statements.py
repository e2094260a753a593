"""SQL statements per event: a provider lead's PIR save and the programme manager's board load.

Seeds the demo into a fresh SQLite file, opens a session for each person (as signing in
does), then replays each event's database work as the portal does it: the session guard
resolves the person in its own session, then the handler's unit of work reuses that answer
and runs the service (and, for a page load, the header's unread count) and commits. Every
statement the driver executes is counted (SQLAlchemy's ``before_cursor_execute``).

Run: ``PYTHONPATH=$PWD .venv/bin/python bench/statements.py [--show]``
"""

import argparse
import os
import secrets
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = Path(tempfile.mkdtemp(prefix="safehouse-statements-"))
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'statements.db'}"
os.environ["SAFEHOUSE_UPLOAD_DIR"] = str(WORK / "uploads")
sys.path.insert(0, str(ROOT))

from sqlalchemy import event  # noqa: E402
from sqlmodel import select  # noqa: E402

from safehouse_portal.db import AuthSession, Inspection, InspectionGroup, Provider, User  # noqa: E402
from safehouse_portal.db.engine import get_engine, new_session  # noqa: E402
from safehouse_portal.domain.enums import Role, Stage  # noqa: E402
from safehouse_portal.portals.shared import event_actor as event_actor_module  # noqa: E402
from safehouse_portal.portals.shared.event_actor import event_actor  # noqa: E402
from safehouse_portal.services.accounts.sessions import token_digest  # noqa: E402
from safehouse_portal.services.core.uow import unit_of_work  # noqa: E402
from safehouse_portal.services.notifications.inbox import unread_count  # noqa: E402
from safehouse_portal.services.pir import returns as pir  # noqa: E402
from safehouse_portal.services.programme import board  # noqa: E402
from safehouse_portal.web.cookies import COOKIE_NAME  # noqa: E402


def _seed() -> None:
    for args in (("db", "upgrade"), ("seed", "--demo")):
        subprocess.run([sys.executable, "-m", "safehouse_portal.cli.main", *args], check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL, env=os.environ)


def _cookie(user_id: int) -> str:
    token = secrets.token_urlsafe(32)
    with unit_of_work() as session:
        session.add(AuthSession(token_sha256=token_digest(token), user_id=user_id,
                                expires_at=datetime.now(UTC) + timedelta(hours=1)))
    return f"{COOKIE_NAME}={token}"


def _people() -> tuple[int, str, str]:
    with new_session() as session:
        inspection_id, lead = session.exec(
            select(Inspection.id, User.id).join(InspectionGroup, InspectionGroup.id == Inspection.group_id)
            .join(Provider, Provider.id == InspectionGroup.provider_id).join(User, User.email == Provider.lead_email)
            .where(Inspection.stage == Stage.ANNOUNCED).order_by(Inspection.id)).first()
        manager = session.exec(select(User.id).where(User.role == Role.PROGRAMME_MANAGER)).first()
    return inspection_id, _cookie(lead), _cookie(manager)


class Counter:
    """Counts (and keeps) the statements the engine executes."""

    def __init__(self) -> None:
        self.statements: list[str] = []
        event.listen(get_engine(), "before_cursor_execute", self._seen)

    def _seen(self, _conn, _cursor, statement, _params, _context, _many) -> None:
        self.statements.append(" ".join(statement.split())[:160])

    def measure(self, work) -> list[str]:
        self.statements = []
        work()
        return self.statements


def _event(n: int, cookie: str, handler) -> None:
    """One event: the guard resolves the person in its own session, then the handler's unit reuses it."""
    event_actor_module._event_id = lambda: f"event-{n}"  # one Reflex event transaction
    with new_session() as session:
        event_actor(session, cookie)
    with unit_of_work() as session:
        handler(session, event_actor(session, cookie))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", action="store_true", help="print every statement")
    args = parser.parse_args()
    _seed()
    inspection_id, lead_cookie, manager_cookie = _people()
    today = date.today()
    counter = Counter()

    def pir_save(value: str):
        return lambda session, actor: pir.save_answer(
            session=session, actor=actor, inspection_id=inspection_id, question_code="staffing_arrangements",
            value=value, expected_version=version[0], today=today)

    def board_load(session, actor):
        unread_count(session=session, actor=actor)
        board.board_view(session=session, actor=actor, query={}, limits={}, today=today)
        board.board_version(session=session, actor=actor, today=today)

    version = [0]
    with unit_of_work() as session:  # the return exists before the bench's saves (opened by the page load)
        page = pir.section_page(session=session, actor=event_actor(session, lead_cookie),
                                inspection_id=inspection_id, section_key="staffing", today=today)
    version[0] = next(q.version for q in page.questions if q.code == "staffing_arrangements")
    results = {}
    for n, (name, cookie, handler) in enumerate((
            ("pir_save (first)", lead_cookie, pir_save("An answer, 1.")),
            ("pir_save", lead_cookie, pir_save("An answer, 2.")),
            ("board", manager_cookie, board_load),
            ("board (again)", manager_cookie, board_load))):
        statements = counter.measure(lambda: _event(n, cookie, handler))
        if name.startswith("pir_save"):
            version[0] += 1
        results[name] = statements
    for name, statements in results.items():
        print(f"{name}: {len(statements)} statements")
        if args.show:
            for statement in statements:
                print(f"    {statement}")


if __name__ == "__main__":
    main()
