"""Events at the framework's pace: the portal's busiest events under a crowd, beside a bare Reflex counter.

Starts two servers, each on its own port, in its own process group, from a copy of its sources:
the portal (``reflex run --env prod``, on its own SQLite database holding the demo programme, or
``--database-url``) and the bare counter app of ``bench/counter_app``. Signs in real demo users
through ``/auth/sign-in``, then drives each event kind with N concurrent clients over Reflex's
Socket.IO websocket (each client its own token, sending its next event as soon as the last one's
answer arrived), for ``--seconds`` per run:

- ``counter``: the bare counter's increment (the baseline every ratio is taken against);
- ``bare_write``: the counter app's save of one row (SQLite set up as the portal's): any save's floor;
- ``pir_save``: a provider lead saves one PIR answer (each client its own question where it can);
- ``kloe_load``: an inspector's KLOE page load handler (``KloeState.load``, which loads the panel too);
- ``kloe_page``: the whole KLOE page as a browser opens it (that one event, answered by both States);
- ``kloe_save``: an inspector on their KLOE page saves one judgement text (``KloeState.save_text``),
  each client its own box of a KLOE still being worked on, a new text each time;
- ``board``: the programme manager's board load (the demo's 60 groups).

An event counts as answered when the delta of the state it loads or saves arrives; one not
answered within ``--timeout`` seconds counts as a timeout. For each run it prints p50/p95/p99,
events/s, timeouts, errors (a refused page), delta bytes per event and the backend's memory (RSS
summed over every process of its group, and PSS, which counts the pages the forked worker shares
with its supervisor once) after the run, and p95 as a multiple of the counter's at the same clients;
then, ``--settle`` seconds after the last client left, the memory again. It also prints the
largest worker's RSS, and for ``pir_save`` the saves lost: answers whose stored value is not the
client's last acknowledged save (checked where a question has one client only), and each client's
first measured event on its own (p50, max): all are sent at once, a load's is the tab's first (its
whole state made, several times a later event) and Reflex answers a burst once all of it ran, so at
200 clients they make the p99 (ARCHITECTURE: "A burst is answered all at once").
``--redis URL`` runs both apps on Reflex's Redis state manager with ``--workers`` workers and
prints the most connections each server held to Redis during a run. ``--profile DIR`` samples
the portal with py-spy during each run (read the stacks with ``bench/profile_top.py``).

By default only the backends are started (``--backend-only``: the bench never loads the
JavaScript bundle, and the event path is the same); ``--frontend`` builds and serves the
frontend too, as ``make run`` does. Every process started is stopped by its process group id.
The last line printed is one JSON object. Not part of ``make test``.

Run: ``.venv/bin/python bench/events.py --clients 50,200 --seconds 10``
"""

import argparse
import asyncio
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from events_load import run_kind, run_line, sign_in  # noqa: E402  (beside this file)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KINDS = ("counter", "bare_write", "pir_save", "kloe_load", "kloe_page", "kloe_save", "board")
BARE = KINDS[:2]  # the counter app's kinds
BACKEND_ONLY = """
import os, sys
sys.path.insert(0, os.getcwd())
from reflex_base.constants import LogLevel
from reflex.utils import exec as reflex_exec
reflex_exec.run_granian_backend_prod("0.0.0.0", int(sys.argv[1]), LogLevel.WARNING)
"""


def _state_names() -> dict[str, str]:
    """The full Reflex names of the portal's States the bench talks to."""
    os.environ.setdefault("REFLEX_TELEMETRY_ENABLED", "false")
    from safehouse_portal.portals.judgements.kloe_page import KloeState
    from safehouse_portal.portals.judgements.kloe_panel import KloePanelState
    from safehouse_portal.portals.pir.section import PirSectionState
    from safehouse_portal.portals.programme.board import ProgrammeBoardState

    return {"kloe": KloeState.get_full_name(), "panel": KloePanelState.get_full_name(),
            "pir": PirSectionState.get_full_name(), "board": ProgrammeBoardState.get_full_name()}


# ---------------------------------------------------------------- processes

class Server:
    """One app served from a copy of its folder, in its own process group."""

    def __init__(self, name: str, source: Path, work: Path, port: int, env: dict, frontend: bool) -> None:
        self.name, self.port = name, port
        ignore = shutil.ignore_patterns(".venv", ".web", ".tools", ".git", "var", "*.db", "*.db-*", "__pycache__",
                                        ".hypothesis", ".states", "*.egg-info", "bench")
        self.folder = work / name
        shutil.copytree(source, self.folder, ignore=ignore)
        if (source / ".tools").exists():
            (self.folder / ".tools").symlink_to(source / ".tools")
        self.log = work / f"{name}.log"
        if frontend:
            command = [str(Path(sys.executable).parent / "reflex"), "run", "--env", "prod", "--backend-port",
                       str(port), "--frontend-port", str(port), "--loglevel", "warning"]
        else:  # the production backend alone, as tests/e2e/serve_built.py starts it (rxconfig names a frontend port)
            command = [sys.executable, "-c", BACKEND_ONLY, str(port)]
            env = {**env, "REFLEX_ENV_MODE": "prod", "__REFLEX_SKIP_COMPILE": "true"}
        with self.log.open("w") as out:
            self.proc = subprocess.Popen(command, cwd=self.folder, env=env, stdout=out, stderr=subprocess.STDOUT,
                                         start_new_session=True)

    def wait(self, seconds: float = 600) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited:\n{self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/ping", timeout=2):  # noqa: S310
                    return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"{self.name} did not answer in {seconds}s:\n{self.log.read_text()[-3000:]}")

    def rss_mb(self) -> float:
        """Resident memory of every process of the server's group (the supervisor and its workers).

        Workers are forked from the supervisor, which imported the app first, so this sum counts
        their shared pages more than once; ``pss_mb`` counts each page once.
        """
        return self._memory_mb("rss")

    def pss_mb(self) -> float:
        """Proportional set size of the group: each page shared by the forked processes counted once."""
        return self._memory_mb("pss")

    def processes(self) -> list[psutil.Process]:
        """The server's processes: its supervisor and workers."""
        found = []
        for proc in psutil.process_iter(["pid"]):
            try:
                if os.getpgid(proc.pid) == self.proc.pid:
                    found.append(proc)
            except (ProcessLookupError, psutil.Error):
                continue
        return found

    def worker_rss_mb(self) -> float:
        """Resident memory of the largest worker (a process of the group other than its leader)."""
        return self._memory_mb("rss", workers_only=True, reduce=max)

    def _memory_mb(self, kind: str, workers_only: bool = False, reduce=sum) -> float:
        sizes = [0]
        for proc in self.processes():
            if workers_only and proc.pid == self.proc.pid:
                continue
            try:
                info = proc.memory_full_info() if kind == "pss" else proc.memory_info()
            except psutil.Error:
                continue
            sizes.append(getattr(info, kind))
        return round(reduce(sizes) / 2**20, 1)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)

    def warnings(self) -> dict[str, int]:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return {"lock_held_too_long": text.count("held too long"),
                "linked_client_errors": text.count("Error updating linked client"),
                "tracebacks": text.count("Traceback")}


def _profile(server: "Server", out: Path, seconds: float) -> subprocess.Popen:
    """py-spy sampling every process of the server's group for the run (raw collapsed stacks in ``out``)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    spy = Path(sys.executable).parent / "py-spy"
    return subprocess.Popen([str(spy), "record", "--pid", str(server.proc.pid), "--subprocesses", "--format", "raw",
                             "--rate", "200", "--duration", str(int(seconds) + 1), "--output", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class RedisClients:
    """The most connections to Redis one server's processes held while a run went on (sampled every 0.2 s)."""

    def __init__(self, url: str, server: "Server") -> None:
        self.port = urllib.parse.urlsplit(url).port or 6379
        self.server, self.most, self.done = server, 0, threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        while not self.done.wait(0.2):
            count = 0
            for proc in self.server.processes():
                try:
                    count += sum(1 for c in proc.net_connections(kind="tcp")
                                 if c.raddr and c.raddr.port == self.port and c.status == psutil.CONN_ESTABLISHED)
                except psutil.Error:
                    continue
            self.most = max(self.most, count)

    def stop(self) -> int:
        self.done.set()
        self.thread.join()
        return self.most


# ---------------------------------------------------------------- the demo world

def _cli(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "safehouse_portal.cli.main", *args], env=env, check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL)


def _world(database_url: str) -> dict:
    """Who signs in where: announced PIRs with their leads, KLOEs with their lead inspectors, the manager."""
    from sqlalchemy import create_engine
    from sqlmodel import Session, select

    from safehouse_portal.db import Inspection, InspectionGroup, Provider, User
    from safehouse_portal.domain.enums import Role, Stage

    engine = create_engine(database_url)
    with Session(engine) as session:
        announced = session.exec(select(Inspection.id, Provider.lead_email)
                                 .join(InspectionGroup, InspectionGroup.id == Inspection.group_id)
                                 .join(Provider, Provider.id == InspectionGroup.provider_id)
                                 .where(Inspection.stage == Stage.ANNOUNCED)).all()
        judging = session.exec(select(Inspection.id, User.email, Inspection.key_questions)
                               .join(User, User.id == Inspection.lead_inspector_id)
                               .where(Inspection.stage.in_([Stage.INSPECTING, Stage.EVIDENCE_REVIEW]))).all()
        manager = session.exec(select(User.email).where(User.role == Role.PROGRAMME_MANAGER)).first()
        drafts = _open_kloes(session, judging)
    engine.dispose()
    seen_provider, pirs = set(), []
    for inspection_id, email in announced:
        if email not in seen_provider:
            seen_provider.add(email)
            pirs.append((inspection_id, email))
    kloes = [(i, email) for i, email, questions in judging if "safe" in questions]
    return {"pirs": pirs, "kloes": kloes, "drafts": drafts, "manager": manager, "questions": _text_questions()}


def _open_kloes(session, judging) -> list[tuple[int, str, str]]:
    """(inspection, lead's email, KLOE code) of every in-scope KLOE not yet final: the ones a text save may change."""
    from sqlmodel import select
    from safehouse_portal.db import FrameworkKeyQuestion, Inspection, Kloe, KloeAssessment

    final = set(session.exec(select(KloeAssessment.inspection_id, KloeAssessment.kloe_id)
                             .where(KloeAssessment.status == "final")).all())
    found = []
    for inspection_id, email, questions in judging:
        version_id = session.get(Inspection, inspection_id).framework_version_id
        for kloe_id, code in session.exec(select(Kloe.id, Kloe.code).join(FrameworkKeyQuestion)
                                          .where(Kloe.version_id == version_id,
                                                 FrameworkKeyQuestion.key.in_(questions or []))
                                          .order_by(Kloe.position)).all():
            if (inspection_id, kloe_id) not in final:
                found.append((inspection_id, email, code))
    return found


def _lost_saves(database_url: str, answers: dict) -> int:
    """Answers whose stored value is not the client's last acknowledged save (or one it sent after it).

    Each client saves its own question of its own return, so after the run the database must
    hold, for each, the last value the server acknowledged, unless a later unacknowledged one
    (a timeout) landed after it.
    """
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    lost = 0
    shared = Counter((inspection_id, code) for inspection_id, code, _ in answers)
    with engine.connect() as conn:
        for (inspection_id, code, _), (sent, acked) in answers.items():
            if not acked[0] or shared[(inspection_id, code)] > 1:  # several clients on one question: not checked
                continue
            row = conn.execute(text(
                "SELECT a.value FROM pir_answer a JOIN pir_return r ON r.id = a.return_id "
                "WHERE r.inspection_id = :i AND a.question_code = :c"), {"i": inspection_id, "c": code}).first()
            stored = row[0] if row is not None else None
            if isinstance(stored, str) and stored.startswith('"'):  # SQLite hands back the JSON text
                stored = json.loads(stored)
            lost += int(stored not in sent[acked[0] - 1:])
    engine.dispose()
    return lost


def _text_questions() -> list[tuple[str, str]]:
    """(section, question code) of every free-text PIR question of the default template."""
    data = json.loads((ROOT / "safehouse_portal" / "data" / "pir_template_default.json").read_text())
    return [(s["key"], q["code"]) for s in data["sections"] for q in s.get("questions", []) if q.get("type") == "text"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", default="50,200", help="client counts, comma-separated")
    parser.add_argument("--seconds", type=float, default=10, help="measured seconds per run")
    parser.add_argument("--timeout", type=float, default=30, help="seconds before an event counts as timed out")
    parser.add_argument("--kinds", default=",".join(KINDS), help=f"event kinds, from {','.join(KINDS)}")
    parser.add_argument("--port", type=int, default=3400, help="the portal's port; the counter's is the next")
    parser.add_argument("--redis", default="", help="Redis URL: run on Reflex's Redis state manager")
    parser.add_argument("--workers", type=int, default=0, help="backend workers with --redis (default Reflex's)")
    parser.add_argument("--database-url", default="", help="an EMPTY database to migrate and seed (default SQLite)")
    parser.add_argument("--frontend", action="store_true", help="build and serve the frontend too")
    parser.add_argument("--profile", default="",
                        help="a folder: py-spy samples the portal's processes during each run (collapsed stacks)")
    parser.add_argument("--settle", type=float, default=60,
                        help="seconds to wait after the last run before measuring memory again (tabs left)")
    args = parser.parse_args()
    kinds = [k for k in args.kinds.split(",") if k]
    counts = [int(c) for c in args.clients.split(",") if c]
    if "counter" not in kinds:
        kinds.insert(0, "counter")

    work = Path(tempfile.mkdtemp(prefix="safehouse-events-"))
    database_url = args.database_url or f"sqlite:///{work / 'events.db'}"
    env = {**os.environ, "DATABASE_URL": database_url, "REFLEX_TELEMETRY_ENABLED": "false",
           "REFLEX_CHECK_LATEST_VERSION": "false", "REFLEX_HTTP_CLIENT_BIND_ADDRESS": "0.0.0.0",
           "REFLEX_USE_GRANIAN": "1", "SAFEHOUSE_UPLOAD_DIR": str(work / "uploads")}
    env.pop("REDIS_URL", None)
    if args.redis:
        env["REDIS_URL"] = args.redis
    if args.workers:
        env["GRANIAN_WORKERS"] = str(args.workers)
        env["SAFEHOUSE_WORKERS"] = str(args.workers)
    print(f"seeding the demo into {database_url.split('@')[-1]}", flush=True)
    _cli(env, "db", "upgrade")
    _cli(env, "seed", "--demo")
    world = _world(database_url)
    names = _state_names()
    ports = {"app": args.port, "counter": args.port + 1}
    servers = []
    try:
        app = Server("app", ROOT, work, ports["app"], {**env, "SAFEHOUSE_PORT": str(ports["app"])}, args.frontend)
        servers.append(app)
        counter_env = {**env, "BENCH_BUN_PATH": str(ROOT / ".tools" / "node_modules" / "bun" / "bin" / "bun.exe"),
                       "BENCH_WRITE_DB": str(work / "writes.db")}
        counter = Server("counter", ROOT / "bench" / "counter_app", work, ports["counter"], counter_env,
                         args.frontend)
        servers.append(counter)
        app.wait()
        counter.wait()
        emails = ({e for _, e in world["pirs"]} | {e for _, e in world["kloes"]} | {e for _, e, _ in world["drafts"]}
                  | {world["manager"]})
        cookies = {email: sign_in(ports["app"], email) for email in sorted(emails)}
        idle = {"app_rss_mb": app.rss_mb(), "app_pss_mb": app.pss_mb(), "app_worker_rss_mb": app.worker_rss_mb(),
                "counter_rss_mb": counter.rss_mb()}
        print(f"idle RSS: app {idle['app_rss_mb']} MB (PSS {idle['app_pss_mb']} MB, worker "
              f"{idle['app_worker_rss_mb']} MB), counter {idle['counter_rss_mb']} MB", flush=True)
        runs = []
        for clients in counts:
            for kind in kinds:
                spy = _profile(app, Path(args.profile) / f"{kind}-{clients}.txt", args.seconds) \
                    if args.profile and kind not in BARE else None
                server = counter if kind in BARE else app
                sampler = RedisClients(args.redis, server) if args.redis else None
                result = asyncio.run(run_kind(kind, clients, args.seconds, args.timeout, world, cookies, names,
                                              ports))
                if sampler is not None:
                    result["redis_clients_max"] = sampler.stop()
                answers = result.pop("answers")
                if answers:
                    result["lost_saves"] = _lost_saves(database_url, answers)
                if spy is not None:
                    spy.wait(timeout=120)
                result.update(rss_mb=server.rss_mb(), pss_mb=server.pss_mb(), worker_rss_mb=server.worker_rss_mb())
                runs.append(result)
                base = next(r for r in runs if r["kind"] == "counter" and r["clients"] == clients)
                result["p95_vs_counter"] = round(result["p95_ms"] / base["p95_ms"], 1) if base["p95_ms"] else None
                print(run_line(result), flush=True)
        time.sleep(args.settle)
        after = {"app_rss_mb_after_idle": app.rss_mb(), "app_pss_mb_after_idle": app.pss_mb(),
                 "app_worker_rss_mb_after_idle": app.worker_rss_mb(), "settle_s": args.settle}
        print(f"{args.settle:.0f} s after the last client left: app RSS {after['app_rss_mb_after_idle']} MB "
              f"(PSS {after['app_pss_mb_after_idle']} MB, worker {after['app_worker_rss_mb_after_idle']} MB)", flush=True)
        warnings = app.warnings()
    finally:
        for server in servers:
            server.stop()
        if not os.environ.get("BENCH_KEEP"):
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps({"redis": bool(args.redis), "workers": args.workers or None, "database": database_url.split(":")[0],
                      "seconds": args.seconds, "idle": idle, **after, "warnings": warnings, "runs": runs}))


if __name__ == "__main__":
    main()
