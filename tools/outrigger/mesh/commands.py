"""The commands of ./mesh: up, down, stop, start, status, logs, validate."""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..jvm import jvm_flags
from ..shared import JARS, jar_path, tail_lines
from .build import ensure_built, find_java, run_build, zipkin_available
from .health import Startup
from .options import (parse_replicas, parse_versions, resolve_config_repo, resolve_run_dir,
                      run_dir_arg)
from .plan import plan_components
from .ports import check_ports_free
from .processes import (find_components, is_alive, load_state, require_state, run_lock,
                        save_state, state_path)
from .errors import MeshError
from .settings import DEFAULT_CONFIG_REPO
from .staging import stage_jars
from .status import describe, print_config_summary, status_table
from .stopping import down_order, kill_all, stop_all


def cmd_up(args):
    # bad options fail before anything is created, fetched or started
    replicas = parse_replicas(args.replicas)
    versions = parse_versions(args.set_version, replicas)
    run_dir = resolve_run_dir(args.run_dir)
    with run_lock(run_dir):
        java = find_java()
        state = live_state(run_dir) or {"runDir": str(run_dir),
                                        "configRepo": resolve_config_repo(args.config_repo),
                                        "components": []}
        warn_ignored_config_repo(args, state)
        wanted = plan_components(replicas, versions, args.free_ports, java, run_dir, state,
                                 want_zipkin(args, state, run_dir))
        running = [c for c in wanted if is_alive(c)]
        if running:
            print(f"Already running: {', '.join(c['name'] for c in running)}")
        todo = [c for c in wanted if c not in running]
        if todo:
            ensure_built(todo, args.no_build, run_dir / "logs")
            stage_jars(todo, run_dir, in_use=running)
            check_ports_free(todo)
            state["components"] = wanted
            save_state(run_dir, state)
            Startup(run_dir, state, todo, args.timeout).run()
        print_summary(run_dir, state)


def live_state(run_dir):
    """The recorded state, unless none of its processes runs any more (a stale run)."""
    state = load_state(run_dir)
    if state and not any(is_alive(c) for c in state["components"]):
        print(f"Nothing recorded in {run_dir} is running any more; starting afresh.")
        return None
    return state


def warn_ignored_config_repo(args, state):
    if state["components"] and args.config_repo \
            and resolve_config_repo(args.config_repo) != state["configRepo"]:
        print(f"warning: this mesh already uses config repo {state['configRepo']}; "
              f"--config-repo is ignored (./mesh down first to change it)")


def want_zipkin(args, state, run_dir):
    if any(c["role"] == "zipkin" for c in state["components"]):
        return True
    return not args.no_zipkin and zipkin_available(run_dir / "logs")


def print_summary(run_dir, state):
    ports = {c["name"]: c["ports"] for c in state["components"]}
    gateway = f"http://localhost:{ports['gateway']['http']}"
    print("\nOutrigger mesh is up.")
    print(f"  Gateway           {gateway}")
    print(f"  Eureka dashboard  http://localhost:{ports['registry']['http']}/")
    if "zipkin" in ports:
        print(f"  Zipkin UI         http://localhost:{ports['zipkin']['http']}/zipkin/")
    print(f"  Config server     http://localhost:{ports['config-server']['http']}"
          f"/gateway/default   (config repo: {state['configRepo']})")
    print("\nTry the shop:")
    print(f"  curl -s {gateway}/api/catalog/items")
    print(f"  curl -s -X POST {gateway}/api/orders -H 'Content-Type: application/json' "
          f"-d '{{\"itemId\":1,\"quantity\":2}}'")
    suffix = run_dir_arg(run_dir)
    print(f"\n./mesh status{suffix}   ./mesh logs NAME{suffix}   ./mesh down{suffix}")


def cmd_down(args):
    run_dir = resolve_run_dir(args.run_dir)
    with run_lock(run_dir):
        state = load_state(run_dir)
        if not state:
            print(f"Nothing to stop: no mesh recorded in {run_dir}.")
            return
        idle = [c["name"] for c in state["components"] if not is_alive(c)]
        if idle:
            print(f"Not running: {', '.join(idle)}")
        survivors = stop_all(state["components"], after=down_order)
        if survivors:
            state["components"] = survivors
            save_state(run_dir, state)
            raise MeshError("still running: " + ", ".join(f"{c['name']} (pid {c['pid']})"
                                                          for c in survivors))
        state_path(run_dir).unlink()
        print("Mesh is down.")


def cmd_stop(args):
    run_dir = resolve_run_dir(args.run_dir)
    with run_lock(run_dir):
        components = find_components(require_state(run_dir), args.names)
        for component in components:
            if not is_alive(component):
                print(f"{component['name']} is not running.")
        survivors = kill_all(components) if args.kill else stop_all(components)
        if survivors:
            raise MeshError(f"could not stop {', '.join(c['name'] for c in survivors)}")


def cmd_start(args):
    run_dir = resolve_run_dir(args.run_dir)
    with run_lock(run_dir):
        state = require_state(run_dir)
        components = find_components(state, args.names)
        running = [c for c in components if is_alive(c)]
        for component in running:
            print(f"{component['name']} is already running (pid {component['pid']}).")
        todo = [c for c in components if c not in running]
        check_ports_free(todo)
        # An explicit start does not wait for the control plane: the user chose the order.
        Startup(run_dir, state, todo, args.timeout, gated_roles=()).run()


def cmd_status(args):
    run_dir = resolve_run_dir(args.run_dir)
    state = load_state(run_dir)
    rows = describe(state) if state else []
    if args.json:
        print(json.dumps({"runDir": str(run_dir), "components": rows}, indent=2))
        return
    if not rows:
        print(f"No mesh recorded in {run_dir}.")
        return
    for line in status_table(rows):
        print(line)
    print_config_summary(rows)


def cmd_validate(args):
    """Runs the config server's own validator on a folder: exit 0 valid, 1 refused."""
    folder = Path(args.dir) if args.dir else DEFAULT_CONFIG_REPO
    if not folder.is_dir():
        raise MeshError(f"no such folder: {folder}")
    java = find_java()
    jar = jar_path("config-server")
    if not jar.is_file():
        log = Path(tempfile.gettempdir()) / "outrigger-validate-build.log"
        run_build([JARS["config-server"][0]], log)
    code = subprocess.run([java, *jvm_flags("validator"), "-jar", str(jar), "validate",
                           str(folder)], stdin=subprocess.DEVNULL).returncode
    sys.exit(code)


def cmd_logs(args):
    run_dir = resolve_run_dir(args.run_dir)
    (component,) = find_components(require_state(run_dir), [args.name])
    log = Path(component["log"])
    if not log.is_file():
        raise MeshError(f"{component['name']} has no log yet ({log})")
    sys.stdout.writelines(tail_lines(log, args.n))
    if args.follow:
        follow(log)


def follow(log):
    with open(log, errors="replace") as lines:
        lines.seek(0, os.SEEK_END)
        while True:
            line = lines.readline()
            if line:
                sys.stdout.write(line)
                sys.stdout.flush()
            else:
                time.sleep(0.3)
