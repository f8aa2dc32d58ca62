"""Java and the build: which java to run, which jars are missing, building and fetching them."""

import functools
import os
import shutil
import time
from pathlib import Path

from ..shared import JARS, jar_path, java_version, run_maven, tail_lines
from .errors import MeshError
from .settings import BUILD_LOG_TAIL, PAYMENTS_SCRIPT, ZIPKIN_ARTIFACT, ZIPKIN_JAR


def find_java():
    """Returns the java binary to use, after checking it is Java 17 or newer."""
    java_home = os.environ.get("JAVA_HOME")
    candidate = (os.environ.get("OUTRIGGER_JAVA")
                 or (str(Path(java_home) / "bin" / "java") if java_home else None)
                 or "java")
    java = shutil.which(candidate)
    if not java:
        raise MeshError(f"Java not found ({candidate})",
                        hint="install a JDK 17 or newer, or set OUTRIGGER_JAVA=/path/to/bin/java")
    major = java_major_version(java)
    if major < 17:
        raise MeshError(f"{java} is Java {major}; Outrigger needs Java 17 or newer",
                        hint="set OUTRIGGER_JAVA or JAVA_HOME to a JDK 17+")
    return java


@functools.lru_cache(maxsize=None)
def java_major_version(java):
    major, _ = java_version(java)
    if major is None:
        raise MeshError(f"cannot read the Java version of {java} (`{java} -version` failed)")
    return major


def missing_modules(components):
    keys = set()
    for component in components:
        role = component["role"]
        key = component.get("service") if role == "app" else role
        if key in JARS and not jar_path(key).is_file():
            keys.add(key)
    return sorted(JARS[key][0] for key in keys)


def ensure_built(components, no_build, logs_dir):
    if any(c.get("service") == "payments" for c in components) and not PAYMENTS_SCRIPT.is_file():
        raise MeshError(f"{PAYMENTS_SCRIPT} is missing")
    modules = missing_modules(components)
    if not modules:
        return
    if no_build:
        raise MeshError(f"missing jars in {', '.join(modules)} and --no-build was given",
                        hint="run ./mvnw -B -DskipTests package, or drop --no-build")
    run_build(modules, logs_dir / "build.log")


def run_build(modules, log):
    print(f"Building {', '.join(modules)} (log: {log}) ...", flush=True)
    started = time.monotonic()
    code = run_maven(["-DskipTests", "package", "-pl", ",".join(modules), "-am"], log)
    if code != 0:
        raise MeshError(f"build failed (exit {code}); log: {log}",
                        details=f"last {BUILD_LOG_TAIL} lines of {log}:\n"
                                + "".join(tail_lines(log, BUILD_LOG_TAIL)))
    print(f"Built in {time.monotonic() - started:.0f} s.")


def zipkin_available(logs_dir):
    """Fetches the Zipkin server jar if needed; False (with a warning) when it cannot."""
    if ZIPKIN_JAR.is_file():
        return True
    log = logs_dir / "zipkin-fetch.log"
    print(f"Fetching {ZIPKIN_ARTIFACT} from Maven Central (log: {log}) ...", flush=True)
    run_maven(["dependency:get", f"-Dartifact={ZIPKIN_ARTIFACT}", "-Dtransitive=false"], log)
    if ZIPKIN_JAR.is_file():
        return True
    print(f"warning: could not fetch Zipkin (see {log}); continuing without tracing.")
    return False
