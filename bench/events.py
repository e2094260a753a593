"""Events at the framework's pace: the portal's busiest events under a crowd, beside a bare Reflex counter.

Starts two servers, each on its own port, in its own process group, from a copy of its sources:
the portal (``reflex run --env prod``, on its own SQLite database holding the demo programme, or
``--database-url``) and the bare counter app of ``bench/counter_app``. Signs in real demo users
through ``/auth/sign-in``, then drives each event kind with N concurrent clients over Reflex's
Socket.IO websocket (each client its own token, sending its next event as soon as the last one's
answer arrived), for ``--seconds`` per run:

- ``counter``: the bare counter's increment (the baseline every ratio is taken against);
- ``pir_save``: a provider lead saves one PIR answer (each client its own question where it can);
- ``kloe_load``: an inspector's KLOE page load handler (``KloeState.load``);
- ``kloe_page``: the whole KLOE page (both on_load handlers, ``KloeState`` and ``KloePanelState``);
- ``board``: the programme manager's board load (the demo's 60 groups).

An event counts as answered when the delta of the state it loads or saves arrives; one not
answered within ``--timeout`` seconds counts as a timeout. For each run it prints p50/p95/p99,
events/s, timeouts, errors (a refused page), delta bytes per event and the backend's memory (RSS
summed over every process of its group, and PSS, which counts the pages the forked worker shares
with its supervisor once) after the run, and p95 as a multiple of the counter's at the same clients;
then, ``--settle`` seconds after the last client left, the memory again.
``--redis URL`` runs both apps on Reflex's Redis state manager with ``--workers`` workers.

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
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import psutil
import websockets

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KINDS = ("counter", "pir_save", "kloe_load", "kloe_page", "board")
NAMESPACE = "/_event"
PASSWORD = "demo-password"  # noqa: S105  (the demo programme's published sign-in)
BACKEND_ONLY = """
import os, sys
sys.path.insert(0, os.getcwd())
from reflex_base.constants import LogLevel
from reflex.utils import exec as reflex_exec
reflex_exec.run_granian_backend_prod("0.0.0.0", int(sys.argv[1]), LogLevel.WARNING)
"""
COUNTER_STATE = "reflex___state____state.counter_app___counter_app____counter_state"


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

    def _memory_mb(self, kind: str) -> float:
        total = 0
        for proc in psutil.process_iter(["pid"]):
            try:
                if os.getpgid(proc.pid) == self.proc.pid:
                    info = proc.memory_full_info() if kind == "pss" else proc.memory_info()
                    total += getattr(info, kind)
            except (ProcessLookupError, psutil.Error):
                continue
        return round(total / 2**20, 1)

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
    engine.dispose()
    seen_provider, pirs = set(), []
    for inspection_id, email in announced:
        if email not in seen_provider:
            seen_provider.add(email)
            pirs.append((inspection_id, email))
    kloes = [(i, email) for i, email, questions in judging if "safe" in questions]
    return {"pirs": pirs, "kloes": kloes, "manager": manager}


def _text_questions() -> list[tuple[str, str]]:
    """(section, question code) of every free-text PIR question of the default template."""
    data = json.loads((ROOT / "safehouse_portal" / "data" / "pir_template_default.json").read_text())
    return [(s["key"], q["code"]) for s in data["sections"] for q in s.get("questions", []) if q.get("type") == "text"]


def sign_in(port: int, email: str) -> str:
    body = urllib.parse.urlencode({"email": email, "password": PASSWORD}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/auth/sign-in", data=body, method="POST",  # noqa: S310
                                     headers={"Content-Type": "application/x-www-form-urlencoded",
                                              "Origin": f"http://127.0.0.1:{port}"})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        response = opener.open(request, timeout=60)
    except urllib.error.HTTPError as exc:
        response = exc
    granted = response.headers.get("set-cookie") or ""
    if not granted.startswith("shp_session="):
        raise RuntimeError(f"sign-in of {email} refused ({response.status})")
    return granted.split(";", 1)[0]


# ---------------------------------------------------------------- the websocket client

class Tab:
    """One browser tab: its own token, its session cookie, Socket.IO v4 spoken by hand."""

    def __init__(self, port: int, cookie: str = "") -> None:
        self.port, self.cookie, self.token = port, cookie, str(uuid.uuid4())
        self.waiting: set[str] = set()
        self.answered = asyncio.Event()
        self.bytes = 0
        self.refused = False
        self.ws = None
        self.reader = None

    async def connect(self) -> None:
        url = f"ws://127.0.0.1:{self.port}{NAMESPACE}/?token={self.token}&EIO=4&transport=websocket"
        headers = {"Cookie": self.cookie} if self.cookie else {}
        self.ws = await websockets.connect(url, additional_headers=headers, origin=f"http://127.0.0.1:{self.port}",
                                           max_size=None, open_timeout=60, ping_interval=None, compression=None)
        await self.ws.recv()
        await self.ws.send(f"40{NAMESPACE},")
        while not (await self.ws.recv()).startswith(f"40{NAMESPACE}"):
            pass
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        prefix = f"42{NAMESPACE},"
        try:
            async for message in self.ws:
                if message == "2":
                    await self.ws.send("3")
                elif message.startswith(prefix):
                    self.bytes += len(message)
                    name, *data = json.loads(message[len(prefix):])
                    if name == "event" and data:
                        self._seen(data[0].get("delta") or {})
        except websockets.ConnectionClosed:
            pass

    def _seen(self, delta: dict) -> None:
        for key, values in delta.items():
            if any(v is True for k, v in values.items() if k.startswith("not_permitted")):
                self.refused = True
            self.waiting.discard(key)
        if not self.waiting:
            self.answered.set()

    async def send(self, name: str, path: str, payload: dict | None = None) -> None:
        pathname, _, query = path.partition("?")
        event = {"name": name, "payload": payload or {},
                 "router_data": {"pathname": pathname, "asPath": path,
                                 "query": dict(urllib.parse.parse_qsl(query))}}
        await self.ws.send(f"42{NAMESPACE}," + json.dumps(["event", event]))

    async def call(self, events: list[tuple[str, str, dict | None]], expect: set[str], timeout: float) -> tuple:
        """Send ``events``; wait for a delta of every state in ``expect``: (seconds or None, bytes, refused)."""
        self.waiting, self.bytes, self.refused = set(expect), 0, False
        self.answered.clear()
        started = time.perf_counter()
        for name, path, payload in events:
            await self.send(name, path, payload)
        try:
            await asyncio.wait_for(self.answered.wait(), timeout)
        except TimeoutError:
            return None, self.bytes, self.refused
        return time.perf_counter() - started, self.bytes, self.refused

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self.reader is not None:
            self.reader.cancel()


# ---------------------------------------------------------------- the event kinds

def _plans(kind: str, clients: int, world: dict, cookies: dict, names: dict, ports: dict) -> list[dict]:
    """Per client: its port, cookie, setup events, the measured events and the states they answer with."""
    plans = []
    questions = _text_questions()
    for n in range(clients):
        if kind == "counter":
            plans.append({"port": ports["counter"], "cookie": "", "setup": [],
                          "events": [(f"{COUNTER_STATE}.increment", "/", None)], "expect": {COUNTER_STATE}})
        elif kind == "pir_save":
            inspection_id, email = world["pirs"][n % len(world["pirs"])]
            section, code = questions[(n // len(world["pirs"])) % len(questions)]
            path = f"/provider/pir/{section}?inspection={inspection_id}"
            plans.append({"port": ports["app"], "cookie": cookies[email],
                          "setup": [(f"{names['pir']}.load", path, None)], "setup_expect": {names["pir"]},
                          "events": [(f"{names['pir']}.save", path, {"code": code, "value": "__VALUE__"})],
                          "expect": {names["pir"]}})
        elif kind in ("kloe_load", "kloe_page"):
            inspection_id, email = world["kloes"][n % len(world["kloes"])]
            path = f"/inspections/{inspection_id}/kloes/S{1 + n % 3}"
            events = [(f"{names['kloe']}.load", path, None)]
            expect = {names["kloe"]}
            if kind == "kloe_page":
                events.append((f"{names['panel']}.load", path, None))
                expect = {names["kloe"], names["panel"]}
            plans.append({"port": ports["app"], "cookie": cookies[email], "setup": [], "events": events,
                          "expect": expect})
        elif kind == "board":
            plans.append({"port": ports["app"], "cookie": cookies[world["manager"]], "setup": [],
                          "events": [(f"{names['board']}.load", "/programme", None)], "expect": {names["board"]}})
    return plans


async def _client(plan: dict, clock: dict, timeout: float, results: dict) -> None:
    tab = Tab(plan["port"], plan["cookie"])
    try:
        try:
            await tab.connect()
            if plan["setup"]:
                await tab.call(plan["setup"], plan["setup_expect"], timeout)
        except Exception as exc:  # noqa: BLE001  (a refused connection is a result, not a crash)
            results["connect_errors"] += 1
            results["connect_error"] = repr(exc)[:200]
            return
        finally:
            results["ready"] += 1
            if results["ready"] == results["clients"]:
                results["all_ready"].set()
        await results["start"].wait()
        count = 0
        while time.monotonic() < clock["stop"]:
            count += 1
            events = [(name, path, {k: (f"Bench answer {tab.token[:8]} {count}" if v == "__VALUE__" else v)
                                    for k, v in payload.items()} if payload else None)
                      for name, path, payload in plan["events"]]
            took, size, refused = await tab.call(events, plan["expect"], timeout)
            if took is None:
                results["timeouts"] += 1
                await tab.close()  # an answer may still come: a fresh tab, as a person reloading would
                tab = Tab(plan["port"], plan["cookie"])
                await tab.connect()
                continue
            results["latencies"].append(took)
            results["bytes"].append(size)
            results["errors"] += int(refused)
    finally:
        await tab.close()


def _pct(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


async def run_kind(kind: str, clients: int, seconds: float, timeout: float, world, cookies, names, ports) -> dict:
    plans = _plans(kind, clients, world, cookies, names, ports)
    results = {"latencies": [], "bytes": [], "timeouts": 0, "errors": 0, "connect_errors": 0, "ready": 0,
               "clients": clients, "start": asyncio.Event(), "all_ready": asyncio.Event()}
    clock = {"stop": 0.0}
    tasks = []
    for plan in plans:  # connect (and set up) gradually, as people arrive, then measure all at once
        tasks.append(asyncio.create_task(_client(plan, clock, timeout, results)))
        await asyncio.sleep(0.01)
    await asyncio.wait_for(results["all_ready"].wait(), 300)
    began = time.monotonic()
    clock["stop"] = began + seconds
    results["start"].set()
    await asyncio.gather(*tasks)
    elapsed = time.monotonic() - began
    latencies = [x * 1000 for x in results["latencies"]]
    return {"kind": kind, "clients": clients, "events": len(latencies),
            "p50_ms": round(_pct(latencies, 50), 1), "p95_ms": round(_pct(latencies, 95), 1),
            "p99_ms": round(_pct(latencies, 99), 1), "events_per_s": round(len(latencies) / elapsed, 1),
            "timeouts": results["timeouts"], "errors": results["errors"],
            "connect_errors": results["connect_errors"], "connect_error": results.get("connect_error", ""),
            "delta_bytes": round(statistics.mean(results["bytes"])) if results["bytes"] else 0}


# ---------------------------------------------------------------- main

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
        counter_env = {**env, "BENCH_BUN_PATH": str(ROOT / ".tools" / "node_modules" / "bun" / "bin" / "bun.exe")}
        counter = Server("counter", ROOT / "bench" / "counter_app", work, ports["counter"], counter_env,
                         args.frontend)
        servers.append(counter)
        app.wait()
        counter.wait()
        emails = {e for _, e in world["pirs"]} | {e for _, e in world["kloes"]} | {world["manager"]}
        cookies = {email: sign_in(ports["app"], email) for email in sorted(emails)}
        idle = {"app_rss_mb": app.rss_mb(), "app_pss_mb": app.pss_mb(), "counter_rss_mb": counter.rss_mb()}
        print(f"idle RSS: app {idle['app_rss_mb']} MB (PSS {idle['app_pss_mb']} MB), "
              f"counter {idle['counter_rss_mb']} MB", flush=True)
        runs = []
        for clients in counts:
            for kind in kinds:
                result = asyncio.run(run_kind(kind, clients, args.seconds, args.timeout, world, cookies, names,
                                              ports))
                result["rss_mb"] = (counter if kind == "counter" else app).rss_mb()
                result["pss_mb"] = (counter if kind == "counter" else app).pss_mb()
                runs.append(result)
                base = next(r for r in runs if r["kind"] == "counter" and r["clients"] == clients)
                result["p95_vs_counter"] = round(result["p95_ms"] / base["p95_ms"], 1) if base["p95_ms"] else None
                print(f"{kind:>10} x{clients:<4} p50 {result['p50_ms']:>8} ms  p95 {result['p95_ms']:>8} ms  "
                      f"p99 {result['p99_ms']:>8} ms  {result['events_per_s']:>7}/s  timeouts {result['timeouts']}"
                      f"  errors {result['errors']}  {result['delta_bytes']:>6} B/event  RSS {result['rss_mb']} MB"
                      f" (PSS {result['pss_mb']})"
                      f"  p95 {result['p95_vs_counter']}x counter", flush=True)
        time.sleep(args.settle)
        after = {"app_rss_mb_after_idle": app.rss_mb(), "app_pss_mb_after_idle": app.pss_mb(),
                 "settle_s": args.settle}
        print(f"{args.settle:.0f} s after the last client left: app RSS {after['app_rss_mb_after_idle']} MB "
              f"(PSS {after['app_pss_mb_after_idle']} MB)", flush=True)
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
