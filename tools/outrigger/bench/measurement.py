"""The measurement of a Bench run: idle resources, warm-up, the rounds of wrk and fixed rate."""

import subprocess
import time

from .jfr import jfr_start, jfr_stop
from .load import OpenLoop, run_wrk
from .procfs import MachineLoad, RssSampler, cpu_seconds, process_tree, rss_kib
from .settings import (DISTURBED_PCT, JAVA_PATHS, JAVA_PROXIES, MEASURED_PROCESSES, PATHS, PROXY_CPU,
                       WORK, BenchError, log)


class Measurement:
    """The measuring part of a Bench run (see run.Bench)."""

    def urls(self):
        return {"1-direct": f"http://127.0.0.1:{self.ports['upstream']}/data",
                "2-nginx": f"http://127.0.0.1:{self.ports['nginx-proxy']}/data",
                "3-haproxy": f"http://127.0.0.1:{self.ports['haproxy']}/data",
                "4-sidecar": f"http://127.0.0.1:{self.ports['sb-inbound']}/data",
                "5-mesh": f"http://127.0.0.1:{self.ports['sc-outbound']}/bench/data",
                "6-gateway": f"http://127.0.0.1:{self.ports['gateway']}/bench/data"}

    def trees(self, names):
        return {name: process_tree(self.pids[name]) for name in names}

    def measure_idle(self, phase):
        """RSS of every proxy (before load: 'idle'; after: 'after'), and idle CPU after the load."""
        trees = self.trees(MEASURED_PROCESSES)
        before = {name: cpu_seconds(pids) for name, pids in trees.items()}
        time.sleep(self.mode["idle_s"])
        for name, pids in trees.items():
            if phase == "after":
                self.idle_cpu[name] = (cpu_seconds(pids) - before[name]) / self.mode["idle_s"]
                self.rss_after[name] = rss_kib(pids)
            else:
                self.rss_idle[name] = rss_kib(pids)

    def warm_up(self, urls):
        """JIT warm-up before pinning (the compiler threads get both CPUs): wrk until steady."""
        m = self.mode
        log(f"warm-up (unpinned Java): wrk {m['warm_run_s']} s runs per Java path for at least {m['warm_min_s']} s "
            f"and until two agree within 3 % (at most {m['warm_max_s']} s); {m['warmup_s']} s for the others ...")
        order = [label for label, _, _ in PATHS if label not in JAVA_PATHS] + list(JAVA_PATHS)
        for label in order:
            runs = []
            if label in JAVA_PATHS:
                started = time.monotonic()
                while True:
                    runs.append(run_wrk(urls[label], m["warm_run_s"], self.pin)["rps"] or 0)
                    elapsed = time.monotonic() - started
                    steady = len(runs) >= 2 and runs[-2] and abs(runs[-1] - runs[-2]) / runs[-2] < 0.03
                    if (steady and elapsed >= m["warm_min_s"]) or elapsed + m["warm_run_s"] > m["warm_max_s"]:
                        break
                log(f"  {label}: " + " -> ".join(f"{r:.0f}" for r in runs) + " req/s")
            else:
                runs.append(run_wrk(urls[label], m["warmup_s"], self.pin)["rps"] or 0)
            self.warmup[label] = runs
            self.openloop.run("warmup", urls[label], self.args.rate, 0.2, 0.5)

    def pin_java(self):
        if not self.pin:
            return
        for name in JAVA_PROXIES:
            done = subprocess.run(["taskset", "-a", "-p", "-c", PROXY_CPU, str(self.pids[name])],
                                  capture_output=True, text=True)
            if done.returncode != 0:
                self.notes.append(f"could not pin {name}: {done.stderr.strip()}")

    def measure(self):
        urls = self.urls()
        self.openloop = OpenLoop(self.processes, self.java17, self.classes, self.pin)
        if self.args.jfr:
            jfr_start(self.java17, self.pids)  # before the warm-up: JFR's start-up is not measured
        self.warm_up(urls)
        self.pin_java()
        log(f"measuring: {self.mode['rounds']} round(s) of wrk {self.mode['wrk_s']} s + {self.args.rate} req/s "
            f"for {self.mode['rate_s']} s per path, path order rotated each round ...")
        rounds_began = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        with MachineLoad() as self.machine_load:
            self.rounds()
        log("machine: " + self.machine_load.describe())
        if self.args.jfr:
            self.jfr = jfr_stop(self.java17, self.java25, self.pids, self.logs, rounds_began)
        self.totals = self.openloop.totals()
        self.openloop.close()

    def rounds(self):
        urls = self.urls()
        names = [label for label, _, _ in PATHS]
        procs_of = {label: procs for label, _, procs in PATHS}
        for round_index in range(self.mode["rounds"]):
            order = names[round_index % len(names):] + names[:round_index % len(names)]
            for label in order:
                procs = ("upstream",) + procs_of[label]
                trees = self.trees(procs)
                with RssSampler(trees) as sampler, MachineLoad() as load:
                    result = run_wrk(urls[label], self.mode["wrk_s"], self.pin)
                    if result["rps"] is None:
                        raise BenchError(f"wrk failed on {label}: {result.get('error')}")
                    before = {name: cpu_seconds(pids) for name, pids in trees.items()}
                    rate = self.openloop.run(label, urls[label], self.args.rate, self.mode["rate_warmup_s"],
                                             self.mode["rate_s"])
                    after = {name: cpu_seconds(pids) for name, pids in trees.items()}
                sent = rate["sent"]
                for name in procs:
                    entry = self.cpu.setdefault((label, name), [0.0, 0])
                    entry[0] += after[name] - before[name]
                    entry[1] += sent
                    self.rss_peak[name] = max(self.rss_peak.get(name, 0), sampler.peaks[name])
                    self.rss_peak_path[(label, name)] = max(self.rss_peak_path.get((label, name), 0),
                                                            sampler.peaks[name])
                rate["others_pct"] = result["others_pct"] = load.percent()
                self.wrk[label].append(result)
                self.rate_runs[label].append(rate)
                errors = result["non2xx"] + result["socket_errors"] + rate["errors"] + rate["badStatus"]
                log(f"  round {round_index + 1} {label:10s} wrk {result['rps']:9.0f} req/s | {self.args.rate} req/s: "
                    f"p50 {rate['p50']:.3f} p99 {rate['p99']:.3f} max {rate['max']:.2f} ms"
                    + (f" | {errors} errors" if errors else "")
                    + (f" | other processes {load.percent():.0f} % CPU: {', '.join(load.top)}"
                       if load.percent() >= DISTURBED_PCT else ""))

    def hold(self):
        marker = WORK / "hold"
        marker.touch()
        log("holding: " + ", ".join(f"{k} {v}" for k, v in self.urls().items()))
        log("pids: " + ", ".join(f"{k} {v}" for k, v in self.pids.items()))
        log(f"delete {marker} to measure and stop (Ctrl-C stops at once)")
        while marker.exists():
            time.sleep(0.5)
