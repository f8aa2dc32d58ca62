"""The run directory's record of what runs (state.json, its lock) and starting a component."""

import contextlib
import json
import os
import subprocess
import time
from pathlib import Path

from ..jvm import JVM_ENV
from ..shared import PROXY_ENV
from .errors import MeshError
from .settings import LOG_MARK
from .staging import with_class_archive

try:
    import fcntl
except ImportError:  # not on POSIX: run without the run-dir lock
    fcntl = None


def state_path(run_dir):
    return run_dir / "state.json"


def load_state(run_dir):
    path = state_path(run_dir)
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError) as error:
        raise MeshError(f"cannot read {path}: {error}",
                        hint="if nothing from this run dir is running, delete that file")


def save_state(run_dir, state):
    path = state_path(run_dir)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(state, indent=2) + "\n")
    tmp.replace(path)


def require_state(run_dir):
    state = load_state(run_dir)
    if not state:
        raise MeshError(f"no mesh recorded in {run_dir}",
                        hint="start one with ./mesh up (or pass the --run-dir it used)")
    return state


def find_components(state, names):
    known = {c["name"]: c for c in state["components"]}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise MeshError(f"unknown component {', '.join(unknown)}",
                        hint="known: " + ", ".join(known))
    return [known[name] for name in names]


@contextlib.contextmanager
def run_lock(run_dir):
    """Serialises commands that change one run directory."""
    (run_dir / "logs").mkdir(parents=True, exist_ok=True)
    with open(run_dir / ".lock", "w") as lock:
        if fcntl:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise MeshError(f"another mesh command is working on {run_dir}",
                                hint="wait for it to finish")
        yield


def is_alive(component):
    """True while the recorded PID runs the recorded command (so a reused PID is not ours)."""
    pid = component.get("pid")
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    if not Path("/proc/self/cmdline").exists():
        return True
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[:-1]
    except OSError:
        return False
    return argv == [os.fsencode(arg) for arg in component["cmd"]]


def launch(component):
    """Starts a component in its own session, its output appended to its log; returns its PID."""
    component["cmd"] = with_class_archive(component["cmd"], component["name"])
    env = {k: v for k, v in os.environ.items() if k not in PROXY_ENV}
    if "-jar" in component["cmd"]:
        env.update(JVM_ENV)
    env.update(component["env"])
    log = Path(component["log"])
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "a") as out:
        out.write(f"{LOG_MARK}{component['name']} at {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
        out.flush()
        process = subprocess.Popen(component["cmd"], cwd=component["cwd"], env=env,
                                   stdin=subprocess.DEVNULL, stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    component["pid"] = process.pid
    return process
