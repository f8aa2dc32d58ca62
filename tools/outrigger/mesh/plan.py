"""The plan: which components, with which ports, commands and environment (state.json records)."""

import re
import sys

from ..jvm import jvm_flags
from ..shared import REPO, jar_path
from .ports import assign_ports
from .settings import PAYMENTS_SCRIPT, ROLE_ORDER, SERVICES, ZIPKIN_JAR


CONFIG_SERVER_SHUTDOWN_PHASE = "3s"


def plan_slots(replicas, zipkin):
    """Returns [(name, role, service, index)] of the wanted topology, in start order."""
    slots = [("registry", "registry", None, 0), ("config-server", "config-server", None, 0)]
    if zipkin:
        slots.append(("zipkin", "zipkin", None, 0))
    slots.append(("gateway", "gateway", None, 0))
    for service in SERVICES:
        for index in range(1, replicas[service] + 1):
            slots.append((f"{service}-{index}", "app", service, index))
            slots.append((f"{service}-{index}-sidecar", "sidecar", service, index))
    return slots


class Planner:
    """Builds component records (the state.json entries) for one run directory."""

    def __init__(self, java, run_dir, config_repo, ports, versions):
        self.java = java
        self.logs = run_dir / "logs"
        self.config_cache = run_dir / "config-cache"
        self.config_published = run_dir / "config-published"
        self.config_repo = config_repo
        self.ports = ports
        self.versions = versions

    def url(self, name, suffix=""):
        return f"http://127.0.0.1:{self.ports[name]['http']}{suffix}" if name in self.ports \
            else None

    def tracing_env(self):
        zipkin = self.url("zipkin")
        return {"ZIPKIN_URL": zipkin} if zipkin else {"MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENABLED":
                                                      "false"}

    def mesh_env(self):
        # Each member's last good config, to start from while the config server is down.
        env = {"CONFIG_SERVER_URL": self.url("config-server"),
               "EUREKA_URL": self.url("registry", "/eureka/"),
               "OUTRIGGER_CONFIG_CACHE_DIR": str(self.config_cache)}
        env.update(self.tracing_env())
        return env

    def component(self, name, role, service, cmd, env, health):
        record = {"name": name, "role": role}
        if service:
            record["service"] = service
        record.update({"pid": None, "ports": self.ports[name], "health": health,
                       "log": str(self.logs / f"{name}.log"), "cmd": cmd, "env": env,
                       "cwd": str(REPO)})
        return record

    def java_cmd(self, role, jar):
        return [self.java] + jvm_flags(role) + ["-jar", str(jar)]

    def build(self, name, role, service, index):
        builders = {"registry": self.registry, "config-server": self.config_server,
                    "zipkin": self.zipkin, "gateway": self.gateway, "app": self.app,
                    "sidecar": self.sidecar}
        return builders[role](name, service, index)

    def registry(self, name, service, index):
        return self.component(name, "registry", None, self.java_cmd("registry",
                              jar_path("registry")), {"SERVER_PORT": str(self.port(name))},
                              self.url(name, "/actuator/health"))

    def config_server(self, name, service, index):
        # the revisions it validated and serves: the last good one survives a restart
        env = {"SERVER_PORT": str(self.port(name)), "OUTRIGGER_CONFIG_REPO": self.config_repo,
               "OUTRIGGER_CONFIG_PUBLISH_DIR": str(self.config_published),
               # Graceful shutdown waits for every open request, and a member's event stream
               # stays open until a heartbeat finds it gone (or the member stops), which
               # outlasts the stop grace period; config requests themselves take milliseconds.
               "SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE": CONFIG_SERVER_SHUTDOWN_PHASE}
        return self.component(name, "config-server", None,
                              self.java_cmd("config-server", jar_path("config-server")), env,
                              self.url(name, "/actuator/health"))

    def zipkin(self, name, service, index):
        return self.component(name, "zipkin", None, self.java_cmd("zipkin", ZIPKIN_JAR),
                              {"QUERY_PORT": str(self.port(name))}, self.url(name, "/health"))

    def gateway(self, name, service, index):
        env = {"SERVER_PORT": str(self.port(name))}
        env.update(self.mesh_env())
        return self.component(name, "gateway", None,
                              self.java_cmd("gateway", jar_path("gateway")), env,
                              self.url(name, "/actuator/health"))

    def app(self, name, service, index):
        port = str(self.port(name))
        if service == "payments":
            return self.component(name, "app", service, [sys.executable, str(PAYMENTS_SCRIPT)],
                                  {"PORT": port}, self.url(name, "/health"))
        env = {"SERVER_PORT": port}
        if service == "catalog":
            env["CATALOG_VERSION"] = self.versions.get(name, "v1")
        if service == "orders":
            outbound = self.ports[f"{name}-sidecar"]["outbound"]
            env["HTTP_PROXY"] = f"http://127.0.0.1:{outbound}"
        return self.component(name, "app", service, self.java_cmd("app", jar_path(service)), env,
                              self.url(name, "/actuator/health"))

    def sidecar(self, name, service, index):
        ports = self.ports[name]
        app = f"{service}-{index}"
        env = {"OUTRIGGER_SIDECAR_SERVICE": service,
               "OUTRIGGER_SIDECAR_APP_PORT": str(self.port(app)),
               "OUTRIGGER_SIDECAR_INBOUND_PORT": str(ports["inbound"]),
               "OUTRIGGER_SIDECAR_OUTBOUND_PORT": str(ports["outbound"]),
               "SERVER_PORT": str(ports["admin"]),
               "OUTRIGGER_SIDECAR_VERSION": self.versions.get(app, "v1"),
               "OUTRIGGER_SIDECAR_ZONE": "local",
               "OUTRIGGER_SIDECAR_ADVERTISE_HOST": "127.0.0.1"}
        env.update(self.mesh_env())
        return self.component(name, "sidecar", service,
                              self.java_cmd("sidecar", jar_path("sidecar")), env,
                              f"http://127.0.0.1:{ports['admin']}/actuator/health")

    def port(self, name):
        return self.ports[name]["http"]


def sort_key(component):
    service = component.get("service")
    match = re.search(r"-(\d+)", component["name"])
    return (ROLE_ORDER.index(component["role"]) if not service else len(ROLE_ORDER),
            SERVICES.index(service) if service in SERVICES else 0,
            int(match.group(1)) if match and service else 0,
            component["role"] == "sidecar")


def plan_components(replicas, versions, free_ports, java, run_dir, state, zipkin):
    """Returns the wanted components: recorded ones as recorded, plus new ones."""
    recorded = {c["name"]: c for c in state["components"]}
    slots = plan_slots(replicas, zipkin or "zipkin" in recorded)
    ports = assign_ports(slots, recorded, free_ports)
    planner = Planner(java, run_dir, state["configRepo"], ports, versions)
    wanted = {name: recorded.get(name) or planner.build(name, role, service, index)
              for name, role, service, index in slots}
    wanted.update({name: c for name, c in recorded.items() if name not in wanted})
    return sorted(wanted.values(), key=sort_key)
