"""Private, extracted copies of the jars, and the class-data archive each component uses."""

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

from ..shared import JARS, jar_path
from .build import java_major_version
from .errors import MeshError

# JVM options that name a class-data archive; replaced on every launch.
ARCHIVE_OPTIONS = ("-XX:SharedArchiveFile=", "-XX:ArchiveClassesAtExit=", "-XX:AOTCache=",
                   "-XX:AOTCacheOutput=", "-Xshare:", "-XX:ErrorFile=")


def stage_jars(components, run_dir, in_use=()):
    """Points each component at a private, extracted copy of its jar, named after its build.

    A running JVM reads classes from its jar for as long as it runs; a rebuild that rewrites
    target/*.jar under it breaks it with NoClassDefFoundError. Copies in RUN_DIR/jars are never
    rewritten, so `./mvnw package` while the mesh runs is safe (restart a component to pick up
    the new build). They are extracted (Spring Boot's `-Djarmode=tools extract`) because the
    JVM's class-data archives (CDS, AOT cache) only work with plain jars on the class path.
    """
    jars = {str(jar_path(key)) for key in JARS}
    staged_dir = run_dir / "jars"
    keep = {Path(arg).parent for c in in_use for arg in c["cmd"] if arg.endswith(".jar")}
    for component in components:
        for i, arg in enumerate(component["cmd"]):
            if arg in jars:
                component["cmd"][i] = str(stage_jar(component["cmd"][0], Path(arg), staged_dir,
                                                    keep))


def stage_jar(java, source, staged_dir, keep):
    # ctime, not mtime: a repackaged jar may keep its old mtime (Maven's jar plugin does not
    # rewrite an unchanged module jar, Spring Boot's repackage then replaces it in place), and
    # the stale extracted copy would run code that is no longer in the jar
    stamp = source.stat().st_ctime_ns
    target = staged_dir / f"{source.stem}-{stamp}"
    staged = target / source.name
    if not staged.is_file():
        prune_stale_stages(staged_dir, source.stem, keep)
        partial = staged_dir / f"{target.name}.part"
        shutil.rmtree(partial, ignore_errors=True)
        result = subprocess.run([java, "-Djarmode=tools", "-jar", str(source), "extract",
                                 "--destination", str(partial)], capture_output=True, text=True)
        if result.returncode != 0:
            raise MeshError(f"could not extract {source}: {result.stdout}{result.stderr}".strip(),
                            hint="rebuild it: ./mvnw -B -DskipTests package")
        partial.replace(target)
    return staged


def prune_stale_stages(staged_dir, stem, keep):
    """Removes extracted copies of older builds of a jar that no running component uses."""
    for old in staged_dir.glob(f"{stem}-*"):
        if old.is_dir() and old not in keep and re.fullmatch(re.escape(stem) + r"-\d+", old.name):
            shutil.rmtree(old, ignore_errors=True)


def with_class_archive(cmd, name):
    """Adds a per-component class-data archive: used when present, else recorded at exit.

    Java 25+ gets an AOT cache (classes loaded and linked ahead of time), Java 17-24 a dynamic
    CDS archive. The first run of a component records it when it stops (`./mesh down`); later
    runs start from it. The file name carries a digest of the JVM options, because the JVM
    ignores (with a warning) an archive made under other options.
    """
    cmd = [arg for arg in cmd if not arg.startswith(ARCHIVE_OPTIONS)]
    if "-jar" not in cmd or os.environ.get("OUTRIGGER_CLASS_ARCHIVE", "on") == "off":
        return cmd
    jar = Path(cmd[cmd.index("-jar") + 1])
    if jar.parent.parent.name != "jars":
        return cmd
    options = cmd[1:cmd.index("-jar")]
    digest = hashlib.sha256("\0".join(options).encode()).hexdigest()[:10]
    aot = java_major_version(cmd[0]) >= 25
    archive = jar.parent / f"{name}-{digest}.{'aot' if aot else 'jsa'}"
    if archive.is_file():
        flags = [f"-XX:AOTCache={archive}"] if aot else [f"-XX:SharedArchiveFile={archive}",
                                                          "-Xshare:auto"]
    else:
        flags = [f"-XX:AOTCacheOutput={archive}"] if aot else [f"-XX:ArchiveClassesAtExit={archive}"]
    # A JVM crash report goes to the run's logs, not to the working directory (the repo).
    flags.append(f"-XX:ErrorFile={jar.parent.parent.parent / 'logs' / (name + '-hs_err_%p.log')}")
    return cmd[:1] + flags + cmd[1:]


def recorded_archive(component):
    """The class-data archive a component writes when it exits, if it records one."""
    for arg in component["cmd"]:
        for option in ("-XX:ArchiveClassesAtExit=", "-XX:AOTCacheOutput="):
            if arg.startswith(option):
                return Path(arg[len(option):])
    return None
