"""Start-up times of sidecar and gateway: Java 17 and 25, with and without a class-data cache."""

import hashlib
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

from ..shared import free_ports
from .load import run_wrk
from .preparation import sha12
from .procfs import MachineLoad, rss_kib
from .settings import BENCH, CACHE_VARIANTS, DISTURBED_PCT, WORK, BenchError, log


class StartupTimes:
    """The start-up part of a Bench run (see run.Bench)."""

    def extracted(self, module):
        """The jar extracted (plain jars on the class path, so a class-data cache can hold the
        application classes) in a folder of its own per jar and JVM flags."""
        jar = self.jars[module]
        # one cache per jar and JVM flags: a cache must be trained with the flags it runs with
        flags = hashlib.sha256(" ".join(self.flags[module]).encode()).hexdigest()[:8]
        home = WORK / "aot" / f"{module}-{sha12(jar)}-{flags}"
        app = home / "app"
        if not (app / jar.name).is_file():
            for old in (WORK / "aot").glob(f"{module}-*"):
                shutil.rmtree(old, ignore_errors=True)
            home.mkdir(parents=True, exist_ok=True)
            done = subprocess.run([self.java17, "-Djarmode=tools", "-jar", str(jar), "extract", "--destination",
                                   str(app)], capture_output=True, text=True)
            if done.returncode != 0:
                raise BenchError(f"cannot extract {jar} for a class-data cache: {done.stdout}{done.stderr}")
        return app / jar.name, home

    def class_cache(self, component, variant):
        """(jar, extra JVM flags) of a cached variant, training the cache first if it is missing."""
        java_key, file_name, train_flag, use_flag, _ = CACHE_VARIANTS[variant]
        java = self.java17 if java_key == "java17" else self.java25
        jar, home = self.extracted(component)
        cache = home / file_name
        if not cache.is_file():
            self.train_cache(component, variant, java, jar, cache, train_flag.format(cache))
        return jar, ((use_flag.format(cache),) if cache.is_file() else ())

    def measure_startup(self):
        samples = self.mode["startup_samples"]
        gw_samples = self.mode["gateway_samples"]
        st_ports = (self.ports["st-inbound"], self.ports["st-outbound"], self.ports["st-admin"])
        variants = [("java17", self.java17), ("java17+cds", self.java17)]
        if self.java25:
            variants += [("java25", self.java25), ("java25+aot", self.java25)]
        log(f"start-up times: sidecar x{samples}, gateway x{gw_samples} per variant "
            f"({', '.join(v for v, _ in variants)}) ...")
        for component, count in (("sidecar", samples), ("gateway", gw_samples)):
            for variant, java in variants:
                jar, extra = self.jars[component], ()
                if variant in CACHE_VARIANTS:
                    jar, extra = self.class_cache(component, variant)
                for sample in range(1, count + 1):
                    self.time_one(component, variant, sample, java, jar, extra, st_ports)

    def time_one(self, component, variant, sample, java, jar, extra, st_ports):
        # fresh ports: the instance killed before may still be UP in Eureka under the old ones
        st_ports = tuple(free_ports(3))
        self.ports["gw-startup"] = free_ports(1)[0]
        name = f"{component}-startup-{variant}-{sample}"
        log_file = self.logs / f"{name}.log"
        aot_log = self.logs / f"{name}.aot.log"
        if variant in CACHE_VARIANTS:
            extra = tuple(extra) + (f"-Xlog:{CACHE_VARIANTS[variant][4]}=info:file={aot_log}",)
        with MachineLoad() as load:
            if component == "sidecar":
                process, started = self.start_sidecar(name, "startup", st_ports, java, variant, jar, extra, tier=0)
                ready, registered = self.sidecar_ready(name, "startup", st_ports, process, started, log_file)
            else:
                process, started = self.start_gateway(name, self.ports["gw-startup"], java, jar, extra, tier=0)
                ready, registered = self.gateway_ready(name, self.ports["gw-startup"], process, started, log_file)
        rss = rss_kib([process.pid])
        self.processes.stop_one(process, sig=signal.SIGKILL)  # the next start must not share the CPUs
        note = f"RSS at ready {rss / 1024:.0f} MiB"
        disturbed = load.percent() >= DISTURBED_PCT
        if disturbed:
            note = (f"**disturbed**: other processes used {load.percent():.0f} % of the CPUs "
                    f"({', '.join(load.top)}); ") + note
        if variant in CACHE_VARIANTS:
            cache = next((e.split("=", 1)[1] for e in extra if e.startswith(("-XX:AOTCache=",
                                                                             "-XX:SharedArchiveFile="))), None)
            note += "; " + self.aot_status(log_file, aot_log, variant, cache) + "; extracted jar"
        else:
            note += "; fat jar"
        self.startup.append({"component": component, "variant": variant, "sample": sample, "ready_s": ready,
                             "registered_s": registered, "note": note, "disturbed": disturbed})
        shown = f", UP in Eureka {registered:.2f} s" if registered is not None else ""
        log(f"  {component} {variant} #{sample}: ready {ready:.2f} s{shown}"
            + (f" (disturbed: other processes {load.percent():.0f} % CPU)" if disturbed else ""))

    @staticmethod
    def aot_status(log_file, aot_log, variant, cache):
        """Whether the JVM used the cache: its own log says so and no warning about it appears
        (a stale or mismatched cache is ignored with just a warning)."""
        text = Path(aot_log).read_text(errors="replace") if Path(aot_log).is_file() else ""
        problems = [line for line in Path(log_file).read_text(errors="replace").splitlines()
                    if re.search(r"\[(warning|error)\]\[(aot|cds)", line)]
        problems += [line for line in text.splitlines()
                     if re.search(r"\[(warning|error)\]|[Uu]nable to|[Mm]ismatch", line)]
        used = cache is not None and any(line.startswith("[") and "Opened" in line and cache in line
                                         for line in text.splitlines())
        kind = "AOT cache" if variant.endswith("+aot") else "CDS archive"
        status = f"{kind} used" if used and not problems else f"{kind} NOT used" if not used else \
            f"{kind} opened with warnings"
        if problems:
            status += f" ({len(problems)} warnings, first: {problems[0].strip()[:160]})"
        return status

    def train_cache(self, component, variant, java, jar, cache, train_flag):
        """Training run: start with the recording flag, send traffic through every port, stop
        with SIGTERM; the JVM writes the archive or cache on exit."""
        log(f"  training the {variant} class-data cache of the {component} ({cache.relative_to(BENCH)}) ...")
        st_ports = tuple(free_ports(3))
        self.ports["gw-startup"] = free_ports(1)[0]
        name = f"{component}-{variant.replace('+', '-')}-training"
        log_file = self.logs / f"{name}.log"
        extra = (train_flag,)
        if component == "sidecar":
            process, started = self.start_sidecar(name, "startup", st_ports, java, "train", jar, extra, tier=0)
            self.sidecar_ready(name, "startup", st_ports, process, started, log_file)
            urls = [f"http://127.0.0.1:{st_ports[0]}/data", f"http://127.0.0.1:{st_ports[1]}/bench/data"]
        else:
            process, started = self.start_gateway(name, self.ports["gw-startup"], java, jar, extra, tier=0)
            self.gateway_ready(name, self.ports["gw-startup"], process, started, log_file)
            urls = [f"http://127.0.0.1:{self.ports['gw-startup']}/bench/data"]
        for url in urls:
            run_wrk(url, 3, False)
        self.processes.stop_one(process, grace=240)
        took = time.monotonic() - started
        if not cache.is_file():
            self.notes.append(f"{variant} training of the {component} wrote no cache (see {log_file}); "
                              f"{variant} runs without one")
        else:
            log(f"  {variant} cache of the {component}: {cache.stat().st_size / 1048576:.0f} MiB, "
                f"training took {took:.0f} s")

