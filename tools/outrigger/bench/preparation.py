"""Before a run: the tools (apt-get), the jars (Maven), the load generator (javac), jar copies."""

import hashlib
import os
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

from ..shared import JARS, jar_path, run_maven
from .settings import (APT_PACKAGES, HDR_JAR, HDR_VERSION, MODULES, SOURCES, WORK, BenchError,
                       log)


def ensure_tools(no_install):
    missing = sorted({pkg for tool_name, pkg in APT_PACKAGES.items() if not shutil.which(tool_name)
                      and not Path(f"/usr/sbin/{tool_name}").exists()})
    if not missing:
        return
    if no_install:
        raise BenchError(f"missing tools: {', '.join(missing)}; install them (apt-get install -y "
                         f"{' '.join(missing)}) or drop --no-install")
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise BenchError(f"missing tools: {', '.join(missing)}; run as root on Debian/Ubuntu so bench/run "
                         f"can apt-get install them, or install them yourself")
    log(f"installing {' '.join(missing)} with apt-get (services are not started) ...")
    policy = Path("/usr/sbin/policy-rc.d")
    made_policy = False
    if not policy.exists():
        # keep the Debian packages from starting a system-wide nginx/haproxy on port 80
        policy.write_text("#!/bin/sh\nexit 101\n")
        policy.chmod(0o755)
        made_policy = True
    try:
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", *missing]):
            done = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            if done.returncode != 0:
                raise BenchError(f"{' '.join(cmd)} failed (exit {done.returncode}):\n{done.stdout[-2000:]}")
    finally:
        if made_policy:
            policy.unlink()
    for tool_name in APT_PACKAGES:
        if not shutil.which(tool_name) and not Path(f"/usr/sbin/{tool_name}").exists():
            raise BenchError(f"{tool_name} is still missing after apt-get install")


def tool(name):
    return shutil.which(name) or f"/usr/sbin/{name}"


def ensure_built(logs):
    missing = [JARS[module][0] for module in MODULES if not jar_path(module).is_file()]
    if missing:
        log(f"building {', '.join(missing)} (log {logs / 'build.log'}) ...")
        args = ["-DskipTests", "package", "-pl", ",".join(missing), "-am"]
        if run_maven(["-o", *args], logs / "build.log") != 0 and run_maven(args, logs / "build.log") != 0:
            raise BenchError(f"the build failed; see {logs / 'build.log'}")
    if not HDR_JAR.is_file():
        log(f"fetching org.hdrhistogram:HdrHistogram:{HDR_VERSION} from Maven Central ...")
        code = run_maven(["dependency:get", f"-Dartifact=org.hdrhistogram:HdrHistogram:{HDR_VERSION}",
                          "-Dtransitive=false"], logs / "hdrhistogram.log")
        if code != 0 or not HDR_JAR.is_file():
            raise BenchError(f"could not fetch HdrHistogram; see {logs / 'hdrhistogram.log'}")


def compile_tools(javac):
    classes = WORK / "classes"
    sources = sorted(SOURCES.rglob("*.java"))
    stamp = classes / ".stamp"
    newest = max(p.stat().st_mtime for p in sources)
    if stamp.is_file() and stamp.stat().st_mtime >= newest:
        return classes
    shutil.rmtree(classes, ignore_errors=True)
    classes.mkdir(parents=True)
    done = subprocess.run([javac, "--release", "17", "-nowarn", "-cp", str(HDR_JAR), "-d", str(classes),
                           *map(str, sources)], capture_output=True, text=True)
    if done.returncode != 0:
        raise BenchError(f"cannot compile the load generator:\n{done.stderr}")
    stamp.touch()
    return classes


def copy_jars():
    """Copies the jars to bench/work/jars: others may rebuild target/ while the benchmark runs."""
    jars = WORK / "jars"
    jars.mkdir(parents=True, exist_ok=True)
    copied = {}
    for module in MODULES:
        source = jar_path(module)
        name = source.name
        for _ in range(5):
            size = source.stat().st_size
            target = jars / name
            tmp = jars / (name + ".tmp")
            shutil.copyfile(source, tmp)
            try:
                with zipfile.ZipFile(tmp) as archive:
                    archive.getinfo("META-INF/MANIFEST.MF")
                if tmp.stat().st_size == size == source.stat().st_size:
                    tmp.replace(target)
                    break
            except (zipfile.BadZipFile, KeyError):
                pass
            time.sleep(2)  # being rewritten by a build: try again
        else:
            raise BenchError(f"{source} stays unreadable (a build rewriting it?)")
        copied[module] = target
    return copied


def sha12(path):
    digest = hashlib.sha256()
    with open(path, "rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:12]
