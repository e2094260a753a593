"""The load side of ``bench/events.py``: signing in, one tab spoken to over Socket.IO by hand, and
the six event kinds driven by N concurrent clients."""

import asyncio
import json
import statistics
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import websockets

NAMESPACE = "/_event"
PASSWORD = "demo-password"  # noqa: S105  (the demo programme's published sign-in)
COUNTER_STATE = "reflex___state____state.counter_app___counter_app____counter_state"
WRITE_STATE = "reflex___state____state.counter_app___counter_app____write_state"


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
    questions = world["questions"]
    for n in range(clients):
        if kind == "counter":
            plans.append({"port": ports["counter"], "cookie": "", "setup": [],
                          "events": [(f"{COUNTER_STATE}.increment", "/", None)], "expect": {COUNTER_STATE}})
        elif kind == "bare_write":
            plans.append({"port": ports["counter"], "cookie": "", "setup": [],
                          "events": [(f"{WRITE_STATE}.write", "/", {"value": "__VALUE__"})], "expect": {WRITE_STATE}})
        elif kind == "pir_save":
            inspection_id, email = world["pirs"][n % len(world["pirs"])]
            section, code = questions[(n // len(world["pirs"])) % len(questions)]
            path = f"/provider/pir/{section}?inspection={inspection_id}"
            plans.append({"port": ports["app"], "cookie": cookies[email], "answer": (inspection_id, code),
                          "setup": [(f"{names['pir']}.load", path, None)], "setup_expect": {names["pir"]},
                          "events": [(f"{names['pir']}.save", path, {"code": code, "value": "__VALUE__"})],
                          "expect": {names["pir"]}})
        elif kind in ("kloe_load", "kloe_page"):
            inspection_id, email = world["kloes"][n % len(world["kloes"])]
            path = f"/inspections/{inspection_id}/kloes/S{1 + n % 3}"
            events = [(f"{names['kloe']}.load", path, None)]
            expect = {names["kloe"]}
            if kind == "kloe_page":  # the page's on_load loads the panel too; nothing else is sent when it mounts
                expect = {names["kloe"], names["panel"]}
            plans.append({"port": ports["app"], "cookie": cookies[email], "setup": [], "events": events,
                          "expect": expect})
        elif kind == "kloe_save":
            boxes = ("findings", "good_practice", "justification", "conflict_resolution")
            inspection_id, email, code = world["drafts"][n % len(world["drafts"])]
            path = f"/inspections/{inspection_id}/kloes/{code}"
            box = boxes[(n // len(world["drafts"])) % len(boxes)]
            plans.append({"port": ports["app"], "cookie": cookies[email],
                          "setup": [(f"{names['kloe']}.load", path, None)], "setup_expect": {names["kloe"]},
                          "events": [(f"{names['kloe']}.save_text", path,
                                      {"box": box, "value": "__VALUE__", "version": None, "seen": None})],
                          "expect": {names["kloe"]}})
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
            if "answer" in plan:  # what this client sent, and how much of it was acknowledged
                sent, acked = results["answers"].setdefault((*plan["answer"], id(plan)), ([], [0]))
                sent.append(events[0][2]["value"])
                if took is not None:
                    acked[0] = len(sent)
            if took is None:
                results["timeouts"] += 1
                await tab.close()  # an answer may still come: a fresh tab, as a person reloading would
                tab = Tab(plan["port"], plan["cookie"])
                await tab.connect()
                continue
            results["latencies"].append(took)
            if count == 1:  # the tab's first measured event: all clients send theirs at once
                results["first"].append(took)
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
    results = {"answers": {}, "latencies": [], "first": [], "bytes": [], "timeouts": 0, "errors": 0,
               "connect_errors": 0, "ready": 0, "clients": clients, "start": asyncio.Event(),
               "all_ready": asyncio.Event()}
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
            "first_p50_ms": round(_pct([x * 1000 for x in results["first"]], 50), 1),
            "first_max_ms": round(max(results["first"], default=0) * 1000, 1),
            "timeouts": results["timeouts"], "errors": results["errors"],
            "connect_errors": results["connect_errors"], "connect_error": results.get("connect_error", ""),
            "delta_bytes": round(statistics.mean(results["bytes"])) if results["bytes"] else 0,
            "answers": results["answers"]}


def run_line(result: dict) -> str:
    """One run's figures, as ``bench/events.py`` prints them."""
    return (f"{result['kind']:>10} x{result['clients']:<4} p50 {result['p50_ms']:>8} ms  p95 {result['p95_ms']:>8} ms  "
            f"p99 {result['p99_ms']:>8} ms  {result['events_per_s']:>7}/s  timeouts {result['timeouts']}"
            f"  errors {result['errors']}  {result['delta_bytes']:>6} B/event  RSS {result['rss_mb']} MB"
            f" (PSS {result['pss_mb']}, worker {result['worker_rss_mb']})"
            f"  p95 {result['p95_vs_counter']}x counter"
            + (f"  Redis clients max {result['redis_clients_max']}" if "redis_clients_max" in result else "")
            + (f"  lost saves {result['lost_saves']}" if "lost_saves" in result else "")
            + f"  first event p50 {result['first_p50_ms']} ms, max {result['first_max_ms']} ms")
