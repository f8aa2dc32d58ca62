"""What the benchmark measures and with what: paths, modes, CPU layout, tools, locations."""

import os
import time
from pathlib import Path

from ..shared import PROXY_ENV, REPO

BENCH = REPO / "bench"
WORK = BENCH / "work"
RESULTS = BENCH / "results"
CONFIG_REPO = BENCH / "config-repo"
SOURCES = BENCH / "src"

HDR_VERSION = "2.2.2"
HDR_JAR = (Path.home() / ".m2" / "repository" / "org" / "hdrhistogram" / "HdrHistogram" / HDR_VERSION
           / f"HdrHistogram-{HDR_VERSION}.jar")
JAVA17_DEFAULT = "java"
JAVA25_DEFAULT = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"
APT_PACKAGES = {"wrk": "wrk", "nginx": "nginx", "haproxy": "haproxy", "taskset": "util-linux"}
# The Java components on the measured paths and the control plane they need.
MODULES = ("registry", "config-server", "gateway", "sidecar")

# CPU layout on a 2-core machine: the proxy under test on CPU 0, the load generators on CPU 1,
# the upstream and the control plane unpinned (they share both).
PROXY_CPU = "0"
LOAD_CPU = "1"

BODY_BYTES = 1024
WRK_THREADS = 1
WRK_CONNECTIONS = 32
RATE_CONNECTIONS = 16
STOP_GRACE_S = 10
# CPU used by other processes (% of the machine) above which a measurement is marked disturbed
DISTURBED_PCT = 10
START_TIMEOUT_S = 150
CLK_TCK = os.sysconf("SC_CLK_TCK")

MODES = {
    # rounds of (wrk, fixed rate) per path, after a warm-up: Java paths get wrk runs of warm_run_s
    # for at least warm_min_s and until two in a row agree within 3 % (at most warm_max_s); the
    # others warmup_s of wrk.
    "full": {"rounds": 3, "wrk_s": 5, "rate_s": 8, "rate_warmup_s": 0.5, "warmup_s": 2, "warm_run_s": 3,
             "warm_min_s": 15, "warm_max_s": 45, "idle_s": 4, "startup_samples": 3, "gateway_samples": 1},
    "quick": {"rounds": 1, "wrk_s": 3, "rate_s": 3, "rate_warmup_s": 0.5, "warmup_s": 1, "warm_run_s": 2,
              "warm_min_s": 4, "warm_max_s": 8, "idle_s": 2, "startup_samples": 0, "gateway_samples": 0},
}
JAVA_PATHS = ("4-sidecar", "5-mesh", "6-gateway")
JAVA_PROXIES = ("sidecar-bench", "sidecar-client", "gateway")
# Start-up variants with a class-data cache of the extracted jar: runtime, file, training flag,
# flag that uses it, log tag. Java 17: dynamic CDS archive; Java 25: AOT cache (JEP 483/514).
CACHE_VARIANTS = {
    "java17+cds": ("java17", "app.jsa", "-XX:ArchiveClassesAtExit={}", "-XX:SharedArchiveFile={}", "cds"),
    "java25+aot": ("java25", "app.aot", "-XX:AOTCacheOutput={}", "-XX:AOTCache={}", "aot"),
}

PATHS = [
    # label, what, processes on the path (besides the upstream)
    ("1-direct", "client -> upstream (nginx, fixed 1 KB)", ()),
    ("2-nginx", "nginx proxy_pass, keep-alive upstream", ("nginx-proxy",)),
    ("3-haproxy", "HAProxy, http mode, keep-alive", ("haproxy",)),
    ("4-sidecar", "sidecar(bench) inbound -> upstream", ("sidecar-bench",)),
    ("5-mesh", "sidecar(client) outbound -> Eureka -> sidecar(bench) inbound -> upstream",
     ("sidecar-client", "sidecar-bench")),
    ("6-gateway", "gateway -> Eureka -> sidecar(bench) inbound -> upstream", ("gateway", "sidecar-bench")),
]
# Every process whose resources the report lists.
MEASURED_PROCESSES = ("upstream", "nginx-proxy", "haproxy") + JAVA_PROXIES

# Besides proxies, JVM options from the environment would change what is measured.
STRIPPED_ENV = PROXY_ENV + ("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")
TRACING_OFF = {"MANAGEMENT_TRACING_SAMPLING_PROBABILITY": "0",
               "MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENABLED": "false"}


class BenchError(Exception):
    """Something could not run: printed as one clear line, exit status 1."""


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)
