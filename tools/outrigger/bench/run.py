"""The benchmark run: the processes on the measured paths, started on free loopback ports."""

import contextlib
import os
import platform
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

from ..jvm import JVM_ENV, jvm_flags
from ..shared import REPO, free_ports, java_version
from .measurement import Measurement
from .preparation import compile_tools, copy_jars, ensure_built, ensure_tools, sha12, tool
from .processes import Processes, answers_200, eureka_up, wait_ready
from .proxies import haproxy_conf, nginx_conf, nginx_proxy_server, upstream_server
from .report import Report
from .settings import CONFIG_REPO, MODULES, PATHS, PROXY_CPU, RESULTS, TRACING_OFF, BenchError, log
from .startup_times import StartupTimes


def role_flags():
    """The JVM flags of the roles the benchmark starts: those ./mesh starts them with."""
    return {role: jvm_flags(role) for role in MODULES}


class Bench(StartupTimes, Measurement):
    """One benchmark run: what it started, and everything it measured."""

    def __init__(self, args, mode):
        self.args = args
        self.mode = mode
        self.timestamp = time.strftime("%Y%m%d-%H%M%S")
        self.logs = RESULTS / "tmp" / self.timestamp
        self.logs.mkdir(parents=True, exist_ok=True)
        self.conf_dir = self.logs / "conf"
        self.conf_dir.mkdir(parents=True, exist_ok=True)
        self.processes = Processes(self.logs)
        self.pin = not args.no_pin and (os.cpu_count() or 1) >= 2
        self.notes = []
        if args.jfr:
            self.notes.append("JFR was recording the Java proxies (settings=default, about 1 % overhead)")
        if args.hold:
            self.notes.append("--hold: the set-up was held (and perhaps loaded by hand) before the measurement")
        self.flags = role_flags()
        self.jvm_env = dict(JVM_ENV)
        self.pids = {}  # proxy name -> pid (root of its process tree)
        self.ports = {}
        self.startup = []  # dicts: component, variant, sample, ready_s, registered_s, note
        self.wrk = {label: [] for label, _, _ in PATHS}
        self.rate_runs = {label: [] for label, _, _ in PATHS}
        self.cpu = {}  # (path, proc) -> [cpu_s, requests]
        self.rss_peak = {}  # proc -> KiB
        self.rss_peak_path = {}  # (path, proc) -> KiB
        self.rss_idle = {}
        self.idle_cpu = {}
        self.rss_after = {}
        self.warmup = {}  # path -> [req/s of each warm-up run]
        self.jfr = {}
        self.versions = {}

    def prepare(self):
        ensure_tools(self.args.no_install)
        self.java17 = shutil.which(self.args.java17) or self.args.java17
        major, runtime = java_version(self.java17)
        if major is None or major < 17:
            raise BenchError(f"{self.args.java17} is not a Java 17+ runtime (set --java17)")
        self.versions["java17"] = runtime
        self.java25 = self.args.java25 if Path(self.args.java25).is_file() else None
        if self.java25:
            major25, runtime25 = java_version(self.java25)
            if major25 is None or major25 < 25:
                self.notes.append(f"{self.args.java25} is not Java 25+: Java 25 start-up not measured")
                self.java25 = None
            else:
                self.versions["java25"] = runtime25
        else:
            self.notes.append(f"no Java 25 at {self.args.java25}: Java 25 start-up not measured (--java25)")
        javac = str(Path(self.java17).resolve().parent / "javac")
        if not Path(javac).is_file():
            javac = shutil.which("javac")
        if not javac:
            raise BenchError("javac not found next to the Java 17 runtime: a JDK (not a JRE) is needed")
        ensure_built(self.logs)
        self.classes = compile_tools(javac)
        self.jars = copy_jars()
        self.versions.update(self.tool_versions())

    def tool_versions(self):
        versions = {}
        for name, cmd in (("nginx", [tool("nginx"), "-v"]), ("haproxy", [tool("haproxy"), "-v"]),
                          ("wrk", [tool("wrk"), "-v"])):
            out = subprocess.run(cmd, capture_output=True, text=True)
            versions[name] = (out.stdout + out.stderr).strip().splitlines()[0] if (out.stdout + out.stderr) else "?"
        with zipfile.ZipFile(self.jars["sidecar"]) as jar:
            manifest = jar.read("META-INF/MANIFEST.MF").decode()
        if match := re.search(r"Spring-Boot-Version: (\S+)", manifest):
            versions["spring-boot"] = match.group(1)
        git = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True)
        versions["commit"] = (git.stdout.strip() or "?") + (" (uncommitted changes)" if dirty.stdout.strip() else "")
        for module, jar in self.jars.items():
            versions[f"jar {module}"] = f"{jar.name} sha256:{sha12(jar)}"
        return versions

    def machine(self):
        cpu = "?"
        with contextlib.suppress(OSError):
            for line in Path("/proc/cpuinfo").read_text().splitlines():
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
        mem = "?"
        with contextlib.suppress(OSError):
            kib = int(Path("/proc/meminfo").read_text().split()[1])
            mem = f"{kib / 1048576:.1f} GiB"
        return f"{os.cpu_count()} CPUs ({cpu}), {mem} RAM, Linux {platform.release()}"

    def java_cmd(self, java, role, jar, extra=()):
        return [java, *self.flags[role], *extra, "-jar", str(jar)]

    def mesh_env(self):
        env = dict(self.jvm_env)
        env.update({"CONFIG_SERVER_URL": f"http://127.0.0.1:{self.ports['config-server']}",
               "EUREKA_URL": f"http://127.0.0.1:{self.ports['registry']}/eureka/"})
        env.update(TRACING_OFF)
        return env

    def sidecar_env(self, service, inbound, outbound, admin):
        env = {"OUTRIGGER_SIDECAR_SERVICE": service, "OUTRIGGER_SIDECAR_APP_PORT": str(self.ports["upstream"]),
               "OUTRIGGER_SIDECAR_APP_HEALTH_PATH": "/health", "OUTRIGGER_SIDECAR_INBOUND_PORT": str(inbound),
               "OUTRIGGER_SIDECAR_OUTBOUND_PORT": str(outbound), "SERVER_PORT": str(admin),
               "OUTRIGGER_SIDECAR_ADVERTISE_HOST": "127.0.0.1", "OUTRIGGER_SIDECAR_VERSION": "v1",
               "OUTRIGGER_SIDECAR_ZONE": "local"}
        env.update(self.mesh_env())
        return env

    def start_static(self):
        names = ["upstream", "nginx-proxy", "haproxy", "registry", "config-server", "gateway",
                 "sb-inbound", "sb-outbound", "sb-admin", "sc-inbound", "sc-outbound", "sc-admin",
                 "st-inbound", "st-outbound", "st-admin", "gw-startup"]
        self.ports = dict(zip(names, free_ports(len(names))))
        upstream_conf = self.conf_dir / "upstream.conf"
        upstream_conf.write_text(nginx_conf("upstream", upstream_server(self.ports["upstream"]), self.conf_dir))
        proxy_conf = self.conf_dir / "nginx-proxy.conf"
        proxy_conf.write_text(nginx_conf("nginx-proxy", nginx_proxy_server(self.ports["nginx-proxy"],
                                                                           self.ports["upstream"]), self.conf_dir))
        ha_conf = self.conf_dir / "haproxy.cfg"
        ha_conf.write_text(haproxy_conf(self.ports["haproxy"], self.ports["upstream"]))
        pin = ["taskset", "-c", PROXY_CPU] if self.pin else []
        specs = [("upstream", [tool("nginx"), "-c", str(upstream_conf), "-p", str(self.conf_dir)], "upstream"),
                 ("nginx-proxy", pin + [tool("nginx"), "-c", str(proxy_conf), "-p", str(self.conf_dir)],
                  "nginx-proxy"),
                 ("haproxy", pin + [tool("haproxy"), "-f", str(ha_conf), "-db"], "haproxy")]
        for name, cmd, port_key in specs:
            started = time.monotonic()
            process = self.processes.start(name, cmd, tier=2)
            ready_s, _ = wait_ready(name, process, started, lambda p=self.ports[port_key]: answers_200(p, "/health"),
                                    timeout=20, log_file=self.logs / f"{name}.log")
            self.pids[name] = process.pid
            if name != "upstream":
                self.startup.append({"component": name, "variant": "native", "sample": 1, "ready_s": ready_s,
                                     "registered_s": None, "note": "to first proxied 200"})
        log(f"upstream :{self.ports['upstream']}, nginx proxy :{self.ports['nginx-proxy']}, "
            f"haproxy :{self.ports['haproxy']} ready")
        control = {}
        for role in ("registry", "config-server"):
            env = dict(self.jvm_env, SERVER_PORT=str(self.ports[role]))
            if role == "config-server":
                env["OUTRIGGER_CONFIG_REPO"] = str(CONFIG_REPO)
            control[role] = (time.monotonic(), self.processes.start(
                role, self.java_cmd(self.java17, role, self.jars[role]), env, tier=3))
        for role, (started, process) in control.items():
            wait_ready(role, process, started, lambda p=self.ports[role]: answers_200(p, "/actuator/health"),
                       log_file=self.logs / f"{role}.log")
        log(f"registry :{self.ports['registry']} and config-server :{self.ports['config-server']} ready "
            f"(config repo {CONFIG_REPO.relative_to(REPO)})")

    def start_sidecar(self, name, service, ports, java, variant, jar, extra=(), tier=1, log_name=None):
        inbound, outbound, admin = ports
        env = self.sidecar_env(service, inbound, outbound, admin)
        started = time.monotonic()
        process = self.processes.start(name, self.java_cmd(java, "sidecar", jar, extra), env, tier=tier,
                                       log_name=log_name)
        return process, started

    def sidecar_ready(self, name, service, ports, process, started, log_file):
        inbound, outbound, _ = ports
        probe_port, probe_path = (inbound, "/data") if service != "client" else (outbound, "/bench/data")
        return wait_ready(name, process, started, lambda: answers_200(probe_port, probe_path),
                          lambda: eureka_up(self.ports["registry"], service, inbound), log_file=log_file)

    def start_gateway(self, name, port, java, jar, extra=(), tier=1, log_name=None):
        env = {"SERVER_PORT": str(port)}
        env.update(self.mesh_env())
        started = time.monotonic()
        process = self.processes.start(name, self.java_cmd(java, "gateway", jar, extra), env, tier=tier,
                                       log_name=log_name)
        return process, started

    def gateway_ready(self, name, port, process, started, log_file):
        return wait_ready(name, process, started, lambda: answers_200(port, "/bench/data"),
                          log_file=log_file)

    def start_data_plane(self):
        jar = self.jars["sidecar"]
        bench_ports = (self.ports["sb-inbound"], self.ports["sb-outbound"], self.ports["sb-admin"])
        client_ports = (self.ports["sc-inbound"], self.ports["sc-outbound"], self.ports["sc-admin"])
        concurrent = self.mode["startup_samples"] == 0  # --quick: start the three JVMs at once
        bench, bench_t0 = self.start_sidecar("sidecar-bench", "bench", bench_ports, self.java17, "java17", jar)
        if concurrent:
            client, client_t0 = self.start_sidecar("sidecar-client", "client", client_ports, self.java17,
                                                   "java17", jar)
            gateway, gateway_t0 = self.start_gateway("gateway", self.ports["gateway"], self.java17,
                                                     self.jars["gateway"])
        ready, registered = self.sidecar_ready("sidecar-bench", "bench", bench_ports, bench, bench_t0,
                                               self.logs / "sidecar-bench.log")
        self.pids["sidecar-bench"] = bench.pid
        self.startup.append({"component": "sidecar", "variant": "java17", "sample": 0, "ready_s": ready,
                             "registered_s": registered,
                             "note": "load-test instance" + (", started with 2 other JVMs" if concurrent else "")})
        log(f"sidecar(bench) inbound :{bench_ports[0]} ready in {ready:.2f} s, UP in Eureka in {registered:.2f} s")
        if not concurrent:
            self.measure_startup()
            client, client_t0 = self.start_sidecar("sidecar-client", "client", client_ports, self.java17,
                                                   "java17", jar)
            gateway, gateway_t0 = self.start_gateway("gateway", self.ports["gateway"], self.java17,
                                                     self.jars["gateway"])
        ready, registered = self.sidecar_ready("sidecar-client", "client", client_ports, client, client_t0,
                                               self.logs / "sidecar-client.log")
        self.pids["sidecar-client"] = client.pid
        log(f"sidecar(client) outbound :{client_ports[1]} ready in {ready:.2f} s")
        ready, _ = self.gateway_ready("gateway", self.ports["gateway"], gateway, gateway_t0,
                                      self.logs / "gateway.log")
        self.pids["gateway"] = gateway.pid
        self.startup.append({"component": "gateway", "variant": "java17", "sample": 0, "ready_s": ready,
                             "registered_s": None,
                             "note": "load-test instance, started with another JVM"})
        log(f"gateway :{self.ports['gateway']} ready in {ready:.2f} s")

    def report(self):
        writer = Report(self)
        return writer.write()

    def close(self):
        with contextlib.suppress(Exception):
            if getattr(self, "openloop", None):
                self.openloop.close()
        self.processes.stop()

