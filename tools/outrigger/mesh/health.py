"""Health: probing components, and starting them and waiting until they are healthy."""

import contextlib
import json
import time
from concurrent.futures import ThreadPoolExecutor

from ..shared import http_get, tail_lines
from .options import run_dir_arg
from .processes import launch, save_state
from .errors import MeshError
from .settings import GATE, GATED_ROLES, LOG_MARK, LOG_TAIL_ON_FAILURE

NOTICE_EVERY_S = 15


def probe(url):
    """Health of a URL: UP, DOWN (or the status it reports), or unreachable."""
    try:
        code, body = http_get(url)
    except OSError:
        return "unreachable"
    with contextlib.suppress(ValueError, AttributeError):
        return str(json.loads(body).get("status") or ("UP" if code < 300 else "DOWN"))
    return "UP" if code < 300 else "DOWN"


class Startup:
    """Starts components, the gated ones once the control plane is healthy, and waits for all."""

    def __init__(self, run_dir, state, todo, timeout, gated_roles=GATED_ROLES):
        self.run_dir = run_dir
        self.state = state
        self.first = [c for c in todo if c["role"] not in gated_roles]
        self.gated = [c for c in todo if c["role"] in gated_roles]
        self.timeout = timeout
        self.gate = [c for c in state["components"] if c["name"] in GATE]
        self.pending = {}
        self.healthy = set()
        self.started_at = time.monotonic()
        self.next_notice = self.started_at + NOTICE_EVERY_S

    def run(self):
        self.start(self.first)
        with ThreadPoolExecutor(max_workers=16) as pool:
            while self.pending or self.gated:
                self.tick(pool)
                time.sleep(0.3)

    def start(self, components):
        if components:
            print(f"Starting {', '.join(c['name'] for c in components)} ...", flush=True)
        for component in components:
            self.pending[component["name"]] = (component, launch(component), time.monotonic())
            save_state(self.run_dir, self.state)

    def tick(self, pool):
        waiting = list(self.pending.values())
        results = pool.map(lambda entry: probe(entry[0]["health"]), waiting)
        for (component, process, since), health in zip(waiting, results):
            self.check(component, process, since, health)
        if self.gated and self.gate_open(pool):
            gated, self.gated = self.gated, []
            self.start(gated)
        elif self.gated and time.monotonic() - self.started_at > self.timeout:
            raise MeshError(f"the control plane ({', '.join(GATE)}) was not healthy after "
                            f"{self.timeout} s, so {', '.join(c['name'] for c in self.gated)} "
                            f"did not start", hint="./mesh status; ./mesh logs config-server")
        self.notice_waiting()

    def check(self, component, process, since, health):
        name = component["name"]
        elapsed = time.monotonic() - since
        if health == "UP":
            del self.pending[name]
            self.healthy.add(name)
            print(f"  {name:<22} healthy after {elapsed:5.1f} s  (pid {component['pid']})",
                  flush=True)
        elif process.poll() is not None:
            self.fail(component, f"{name} exited with code {process.returncode} before it "
                                 f"became healthy")
        elif elapsed > self.timeout:
            self.fail(component, f"{name} was not healthy after {self.timeout} s "
                                 f"({component['health']} says {health})")

    def fail(self, component, message):
        details = (f"last {LOG_TAIL_ON_FAILURE} lines of {component['log']}:\n"
                   + "".join(tail_lines(component["log"], LOG_TAIL_ON_FAILURE,
                                        since_mark=LOG_MARK)))
        if component["role"] != "zipkin":
            raise MeshError(message, details=details,
                            hint=f"./mesh logs {component['name']}{run_dir_arg(self.run_dir)}; "
                                 f"what started keeps running (./mesh down stops it)")
        print(f"warning: {message}; continuing without tracing.\n{details}")
        del self.pending[component["name"]]

    def gate_open(self, pool):
        unknown = [c for c in self.gate if c["name"] not in self.healthy]
        if any(c["name"] in self.pending for c in unknown):
            return False
        return all(h == "UP" for h in pool.map(lambda c: probe(c["health"]), unknown))

    def notice_waiting(self):
        now = time.monotonic()
        if now >= self.next_notice and self.pending:
            print(f"  ... {now - self.started_at:.0f} s, waiting for "
                  f"{', '.join(sorted(self.pending))}", flush=True)
            self.next_notice = now + NOTICE_EVERY_S
