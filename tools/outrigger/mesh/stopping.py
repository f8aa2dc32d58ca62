"""Stopping components: drained in parallel (SIGTERM, then SIGKILL after each one's own grace
period), or killed at once like a crash."""

import contextlib
import signal
import time

from ..shared import signal_group
from .processes import is_alive
from .settings import RECORDING_GRACE_S, STOP_GRACE_S
from .staging import recorded_archive

# How long a process that got SIGKILL may take to disappear before it counts as a survivor.
KILL_WAIT_S = 5
POLL_S = 0.1

# Roles that use the control plane: sidecars deregister from the registry as they drain, and
# they and the gateway report to the config server and Zipkin until they are gone.
CONTROL_PLANE_USERS = ("gateway", "sidecar")
CONTROL_PLANE = ("registry", "config-server", "zipkin")


def down_order(component, others):
    """Names of the components that must be gone before this one gets SIGTERM in `down`.

    An app goes once its own sidecar has drained the traffic to it; the control plane once
    nothing that uses it runs. Everything else (gateway, sidecars) goes at once.
    """
    if component["role"] == "app":
        return {f"{component['name']}-sidecar"}
    if component["role"] in CONTROL_PLANE:
        return {c["name"] for c in others if c["role"] in CONTROL_PLANE_USERS}
    return set()


def grace_period(component, grace):
    # A JVM that records its class-data archive writes it as it exits: give it the time.
    return grace + (RECORDING_GRACE_S if recorded_archive(component) else 0)


def stop_all(components, grace=STOP_GRACE_S, after=lambda component, others: set(),
             report=print):
    """Stops components in parallel: each gets SIGTERM as soon as the ones `after` names for
    it are gone, and SIGKILL once its own grace period has passed. Returns the survivors."""
    running = [c for c in components if is_alive(c)]
    waiting = list(running)
    draining = {}  # name -> (component, when it gets SIGKILL)
    killed = {}  # name -> (component, when it counts as a survivor)
    while waiting or draining or killed:
        now = time.monotonic()
        gone = [name for name, (c, _) in {**draining, **killed}.items() if not is_alive(c)]
        for name in gone:
            draining.pop(name, None)
            killed.pop(name, None)
        if gone:
            report(f"  stopped {', '.join(gone)}", flush=True)
        for name, (_, give_up) in list(killed.items()):
            if now >= give_up:
                del killed[name]
        for name, (component, deadline) in list(draining.items()):
            if now >= deadline:
                kill(component, report)
                del draining[name]
                killed[name] = (component, now + KILL_WAIT_S)
        busy = set(draining) | set(killed) | {c["name"] for c in waiting}
        ready = [c for c in waiting if not after(c, running) & busy]
        if ready:
            report("Stopping " + ", ".join(f"{c['name']} (pid {c['pid']})" for c in ready)
                   + " ...", flush=True)
        for component in ready:
            waiting.remove(component)
            signal_group(component["pid"], signal.SIGTERM)
            draining[component["name"]] = (component, now + grace_period(component, grace))
        time.sleep(POLL_S)
    return [c for c in running if is_alive(c)]


def kill(component, report):
    report(f"  {component['name']} did not stop in time: SIGKILL", flush=True)
    signal_group(component["pid"], signal.SIGKILL)
    archive = recorded_archive(component)
    if archive:
        # cut off mid-write: a partial archive must not be used next time
        with contextlib.suppress(OSError):
            archive.unlink()


def kill_all(components):
    """SIGKILL to each process group at once, as a crash would: no drain, no deregistration."""
    running = [c for c in components if is_alive(c)]
    if running:
        print("Killing " + ", ".join(f"{c['name']} (pid {c['pid']})" for c in running) + " ...",
              flush=True)
    for component in running:
        signal_group(component["pid"], signal.SIGKILL)
    wait_until_dead(running, KILL_WAIT_S)
    survivors = [c for c in running if is_alive(c)]
    killed = [c["name"] for c in running if c not in survivors]
    if killed:
        print(f"  killed {', '.join(killed)}", flush=True)
    return survivors


def wait_until_dead(components, seconds):
    deadline = time.monotonic() + seconds
    while any(is_alive(c) for c in components) and time.monotonic() < deadline:
        time.sleep(POLL_S)
