"""The port plan (fixed defaults or free ports) and who holds a port that is taken."""

import contextlib
import os
import re
import shutil
import socket
import subprocess
from pathlib import Path

from ..shared import FreePortPicker
from .errors import MeshError
from .settings import (CONTROL_PORTS, INSTANCE_BASE, INSTANCE_OFFSETS, INSTANCE_STRIDE,
                       SERVICE_STRIDE, SERVICES)


def instance_ports(service, index):
    base = INSTANCE_BASE + SERVICE_STRIDE * SERVICES.index(service) + INSTANCE_STRIDE * (index - 1)
    return {key: base + offset for key, offset in INSTANCE_OFFSETS.items()}


def default_ports(role, service, index):
    if role in CONTROL_PORTS:
        return {"http": CONTROL_PORTS[role]}
    block = instance_ports(service, index)
    if role == "app":
        return {"http": block["app"]}
    return {"inbound": block["inbound"], "outbound": block["outbound"], "admin": block["admin"]}


def assign_ports(slots, recorded, free_ports):
    """Returns {name: ports}: recorded ports are kept, new ones are default or free."""
    taken = {port for c in recorded.values() for port in c["ports"].values()}
    picker = FreePortPicker(taken)
    ports = {}
    try:
        for name, role, service, index in slots:
            if name in recorded:
                ports[name] = recorded[name]["ports"]
                continue
            defaults = default_ports(role, service, index)
            ports[name] = {k: picker.pick() for k in defaults} if free_ports else defaults
    finally:
        picker.close()
    return ports


def port_in_use(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("0.0.0.0", port))
        except OSError:
            return True
    return False


def port_holder(port):
    """Describes the process listening on a port: via `ss -ltnp`, else /proc."""
    if shutil.which("ss"):
        out = subprocess.run(["ss", "-ltnpH", f"sport = :{port}"], capture_output=True, text=True)
        match = re.search(r'users:\(\("([^"]+)",pid=(\d+)', out.stdout)
        if match:
            return f"{match.group(1)} (pid {match.group(2)})"
    return proc_port_holder(port) or "another process (owner not visible to this user)"


def proc_port_holder(port):
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError), open(table) as lines:
            for line in list(lines)[1:]:
                fields = line.split()
                if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                    inodes.add(f"socket:[{fields[9]}]")
    for fd_dir in Path("/proc").glob("[0-9]*/fd"):
        with contextlib.suppress(OSError):
            if any(os.readlink(fd) in inodes for fd in fd_dir.iterdir()):
                pid = fd_dir.parent.name
                return f"{(fd_dir.parent / 'comm').read_text().strip()} (pid {pid})"
    return None


def check_ports_free(components):
    conflicts = [f"port {port} ({key}) wanted by {c['name']} is held by {port_holder(port)}"
                 for c in components for key, port in c["ports"].items() if port_in_use(port)]
    if conflicts:
        raise MeshError(conflicts[0], details="\n".join(conflicts[1:]) or None,
                        hint="stop that process, or use --free-ports; nothing was started")
