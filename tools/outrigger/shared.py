"""Helpers that ./mesh and bench/run both use: paths, jars, Maven, Java, ports, HTTP, Eureka,
process groups and logs."""

import contextlib
import http.client
import json
import os
import re
import socket
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[2]

# Maven module and jar of every Java component, relative to the repository root.
JARS = {
    "registry": ("registry", "outrigger-registry.jar"),
    "config-server": ("config-server", "outrigger-config-server.jar"),
    "gateway": ("gateway", "outrigger-gateway.jar"),
    "sidecar": ("sidecar", "outrigger-sidecar.jar"),
    "catalog": ("demo-services/catalog", "demo-catalog.jar"),
    "orders": ("demo-services/orders", "demo-orders.jar"),
}

# Inherited proxy settings would send the tools' and the components' calls to 127.0.0.1
# through a proxy.
PROXY_ENV = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY",
             "http_proxy", "https_proxy", "all_proxy", "no_proxy")


def jar_path(key):
    module, jar = JARS[key]
    return REPO / module / "target" / jar


def run_maven(args, log_file):
    """Runs the Maven wrapper in the repository, output to a log; returns its exit code."""
    with open(log_file, "w") as out:
        return subprocess.run([str(REPO / "mvnw"), "-B", "-q", *args], cwd=REPO, stdout=out,
                              stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL).returncode


def parse_java_version(text):
    """(major version, runtime line) from the output of `java -version`; (None, None) if none."""
    match = re.search(r'version "(\d+)(?:\.(\d+))?[^"]*"', text)
    if not match:
        return None, None
    major = int(match.group(1))
    if major == 1:  # Java 8 and older call themselves 1.N
        major = int(match.group(2) or 0)
    runtime = next((line.strip() for line in text.splitlines() if "Runtime Environment" in line),
                   text.strip())
    return major, runtime


def java_version(java):
    """(major version, runtime line) of a java binary; (None, None) when it cannot tell."""
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None, None
    return parse_java_version(out.stderr + out.stdout)


class FreePortPicker:
    """Picks distinct free ports by binding port 0, holding each socket until closed, so two
    picks never return the same port."""

    def __init__(self, avoid=()):
        self.avoid = set(avoid)
        self.sockets = []

    def pick(self):
        while True:
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.bind(("0.0.0.0", 0))
            self.sockets.append(sock)
            port = sock.getsockname()[1]
            if port not in self.avoid:
                self.avoid.add(port)
                return port

    def close(self):
        for sock in self.sockets:
            sock.close()


def free_ports(count):
    """`count` distinct ports that were free a moment ago."""
    picker = FreePortPicker()
    try:
        return [picker.pick() for _ in range(count)]
    finally:
        picker.close()


def http_get(url, timeout=1.0, accept="application/json"):
    """Returns (HTTP status, body text) of a GET; raises OSError when nothing answers.

    http.client, not urllib: it never goes through an inherited proxy, and it is cheap enough
    for the benchmark's 10 ms start-up polls.
    """
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Accept": accept} if accept else {})
        response = connection.getresponse()
        return response.status, response.read().decode(errors="replace")
    except http.client.HTTPException as error:
        raise OSError(str(error)) from error
    finally:
        connection.close()


def eureka_instances(registry_url, service):
    """Instances Eureka holds for a service; [] when none, None when the registry is down."""
    try:
        code, body = http_get(f"{registry_url}/eureka/apps/{service.upper()}")
    except OSError:
        return None
    if code == 404:
        return []
    try:
        instances = json.loads(body)["application"]["instance"]
    except (ValueError, KeyError, TypeError):
        return None if code >= 300 else []
    return instances if isinstance(instances, list) else [instances]


def eureka_instance_on(instances, port):
    """The instance registered with a port (Eureka's JSON has it as {"$": N} or N), or None."""
    for instance in instances or []:
        registered = instance.get("port")
        registered = registered.get("$") if isinstance(registered, dict) else registered
        if str(registered) == str(port):
            return instance
    return None


def signal_group(pid, sig):
    """Signals a process group (a component and its children); gone already is fine."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, sig)


def tail_lines(path, count, since_mark=None):
    """The last `count` lines of a file ([] if unreadable); with since_mark, only those from
    the last line that starts with it (the log of the latest start)."""
    try:
        lines = Path(path).read_text(errors="replace").splitlines(keepends=True)
    except OSError:
        return []
    if since_mark:
        marks = [i for i, line in enumerate(lines) if line.startswith(since_mark)]
        lines = lines[marks[-1]:] if marks else lines
    return lines[-count:] if count > 0 else []
