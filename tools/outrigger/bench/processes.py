"""The processes a run starts (each in its own process group) and waiting until they are ready."""

import contextlib
import os
import signal
import subprocess
import time

from ..shared import eureka_instance_on, eureka_instances, http_get, signal_group, tail_lines
from .settings import START_TIMEOUT_S, STOP_GRACE_S, STRIPPED_ENV, WORK, BenchError

KILL_WAIT_S = 5


class Processes:
    """Everything this run started, each in its own process group; stop() ends them all."""

    def __init__(self, logs):
        self.logs = logs
        self.started = []  # (name, Popen, tier)

    def start(self, name, cmd, env=None, tier=1, log_name=None):
        full_env = {k: v for k, v in os.environ.items() if k not in STRIPPED_ENV}
        full_env.update(env or {})
        log_file = self.logs / f"{log_name or name}.log"
        with open(log_file, "ab") as out:
            out.write(f"==== bench: {' '.join(cmd)}\n".encode())
            out.flush()
            process = subprocess.Popen(cmd, env=full_env, stdin=subprocess.DEVNULL, stdout=out,
                                       stderr=subprocess.STDOUT, start_new_session=True, cwd=WORK)
        self.started.append((name, process, tier))
        return process

    def popen_pipe(self, name, cmd, tier=0):
        process = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=open(self.logs / f"{name}.log", "ab"), text=True, bufsize=1,
                                   start_new_session=True, cwd=WORK)
        self.started.append((name, process, tier))
        return process

    @staticmethod
    def send(process, sig):
        if process.poll() is None:
            signal_group(process.pid, sig)

    def stop_one(self, process, grace=STOP_GRACE_S, sig=signal.SIGTERM):
        self.send(process, sig)
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            self.send(process, signal.SIGKILL)
            process.wait(KILL_WAIT_S)

    def stop(self):
        """Data plane first (so sidecars leave a live registry), then the rest; SIGKILL after grace."""
        for tier in sorted({tier for _, _, tier in self.started}):
            group = [p for _, p, t in self.started if t == tier and p.poll() is None]
            for process in group:
                self.send(process, signal.SIGTERM)
            deadline = time.monotonic() + STOP_GRACE_S
            for process in group:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(max(0.1, deadline - time.monotonic()))
            for process in group:
                if process.poll() is None:
                    self.send(process, signal.SIGKILL)
                    with contextlib.suppress(subprocess.TimeoutExpired):
                        process.wait(KILL_WAIT_S)
        self.started = [(n, p, t) for n, p, t in self.started if p.poll() is None]


def answers_200(port, path):
    """True when GET http://127.0.0.1:port/path answers 200."""
    try:
        return http_get(f"http://127.0.0.1:{port}{path}")[0] == 200
    except OSError:
        return False


def eureka_up(registry_port, app, inbound_port):
    """True when Eureka holds the instance of an app on that inbound port, with status UP."""
    instances = eureka_instances(f"http://127.0.0.1:{registry_port}", app)
    instance = eureka_instance_on(instances, inbound_port)
    return bool(instance) and instance.get("status") == "UP"


def tail(path, lines=25):
    return "".join(tail_lines(path, lines))


def wait_ready(name, process, started_at, ready, registered=None, timeout=START_TIMEOUT_S, log_file=None):
    """Polls until ready() (and registered()) hold; returns (ready_s, registered_s) from started_at."""
    ready_s = registered_s = None
    deadline = started_at + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"{name} exited (status {process.returncode}) before it was ready; "
                             f"last lines of {log_file}:\n{tail(log_file)}")
        if ready_s is None and ready():
            ready_s = time.monotonic() - started_at
        if registered is not None and registered_s is None and registered():
            registered_s = time.monotonic() - started_at
        if ready_s is not None and (registered is None or registered_s is not None):
            return ready_s, registered_s
        time.sleep(0.01)
    raise BenchError(f"{name} not ready after {timeout} s (ready={ready_s}, registered={registered_s}); "
                     f"last lines of {log_file}:\n{tail(log_file)}")
