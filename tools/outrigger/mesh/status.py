"""`./mesh status`: the table of components, their health, config revision and Eureka status."""

import json
from concurrent.futures import ThreadPoolExecutor

from ..shared import eureka_instance_on, eureka_instances, http_get
from .health import probe
from .processes import is_alive


def eureka_status(instances, inbound_port):
    if instances is None:
        return "registry unreachable"
    instance = eureka_instance_on(instances, inbound_port)
    return instance.get("status", "?") if instance else "not registered"


def describe(state):
    """Per component: name, role, pid, alive, ports, health and (sidecars) Eureka status."""
    components = state["components"]
    registry = next((c for c in components if c["role"] == "registry"), None)
    registry_url = f"http://127.0.0.1:{registry['ports']['http']}" if registry else None
    services = sorted({c["service"] for c in components if c["role"] == "sidecar"})
    with ThreadPoolExecutor(max_workers=16) as pool:
        health = list(pool.map(lambda c: probe(c["health"]) if is_alive(c) else "stopped",
                               components))
        revisions = list(pool.map(lambda c: config_revision(c) if is_alive(c) else None,
                                  components))
        eureka = dict(zip(services, pool.map(lambda s: eureka_instances(registry_url, s)
                                             if registry_url else None, services)))
    rows = []
    for component, status, revision in zip(components, health, revisions):
        row = {key: component[key] for key in ("name", "role", "service") if key in component}
        row.update({"pid": component["pid"], "alive": is_alive(component),
                    "ports": component["ports"], "health": status})
        if revision:
            row["config"] = revision
        if component["role"] == "sidecar":
            row["eureka"] = eureka_status(eureka[component["service"]],
                                          component["ports"]["inbound"])
        rows.append(row)
    return rows


def config_revision(component):
    """The config revision a member runs on; for the config server, what it serves and refused."""
    role = component["role"]
    if role not in ("gateway", "sidecar", "config-server"):
        return None
    base = component["health"].rsplit("/actuator/", 1)[0]
    try:
        if role == "config-server":
            code, body = http_get(f"{base}/outrigger/revision")
            return json.loads(body) if code == 200 else None
        code, body = http_get(f"{base}/actuator/info")
        if code != 200:
            return None
        info = json.loads(body)
        return {"revision": info.get("config", {}).get("revision"),
                "refused": info.get("policy", {}).get("refused", {})}
    except (OSError, ValueError, AttributeError):
        return None


def short_revision(revision):
    if not revision:
        return "-"
    return revision[:19] if revision.startswith("sha256:") else revision[:12]


def print_config_summary(rows):
    served = next((r["config"] for r in rows if r["role"] == "config-server" and "config" in r), None)
    if not served:
        return
    print(f"\nConfig: serving revision {short_revision(served.get('revision'))} of "
          f"{served.get('source')}")
    behind = [r["name"] for r in rows if r["role"] in ("gateway", "sidecar") and "config" in r
              and r["config"].get("revision") != served.get("revision")]
    if behind:
        print(f"  not on it yet: {', '.join(behind)}")
    refused = served.get("refused")
    if refused:
        print(f"  REFUSED revision {short_revision(refused.get('revision'))} at {refused.get('at')}:")
        for problem in refused.get("problems", []):
            print(f"    {problem}")
    for line in refused_policies(rows):
        print(f"  {line}")
    if served.get("sourceError"):
        print(f"  cannot read the repo: {served['sourceError']}")


def refused_policies(rows):
    """One line per route or destination whose policy a member refused (it keeps the previous one)."""
    lines = []
    for row in rows:
        if row["role"] not in ("gateway", "sidecar"):
            continue
        for target, reason in sorted(row.get("config", {}).get("refused", {}).items()):
            lines.append(f"{row['name']} refused the policy of {target}, keeps its previous one: {reason}")
    return lines


def format_ports(ports):
    return " ".join(f"{key}={port}" for key, port in ports.items())


def status_table(rows):
    """The lines of the status table, columns padded to their widest cell."""
    table = [("NAME", "ROLE", "PID", "PORTS", "HEALTH", "CONFIG", "EUREKA")]
    for row in rows:
        pid = f"{row['pid']}" + ("" if row["alive"] else " (dead)") if row["pid"] else "-"
        config = short_revision(row["config"].get("revision")) if "config" in row else ""
        table.append((row["name"], row["role"], pid, format_ports(row["ports"]), row["health"],
                      config, row.get("eureka", "")))
    widths = [max(len(str(line[i])) for line in table) for i in range(len(table[0]))]
    return ["  ".join(str(cell).ljust(width) for cell, width in zip(line, widths)).rstrip()
            for line in table]
