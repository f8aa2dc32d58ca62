"""The results of a run: bench/results/<timestamp>.md, .csv and .png (chart by LatencyChart)."""

import subprocess
import sys
from pathlib import Path

from . import maths
from .maths import fmt, mib, per_thousand
from .settings import (BENCH, DISTURBED_PCT, HDR_JAR, LOAD_CPU, MEASURED_PROCESSES, PATHS, PROXY_CPU, RESULTS,
                       WRK_CONNECTIONS, WRK_THREADS, log)


class Report:
    """Writes the results of a finished Bench run."""

    def __init__(self, bench):
        self.b = bench
        self.rows = []  # CSV: section, subject, metric, value, unit

    def csv(self, section, subject, metric, value, unit=""):
        self.rows.append((section, subject, metric, "" if value is None else
                          (f"{value:.6g}" if isinstance(value, float) else str(value)), unit))

    def rps(self, label):
        return maths.median_rps(self.b.wrk[label])

    def disturbed(self):
        return maths.disturbed_summary([r for label, _, _ in PATHS for r in self.b.rate_runs[label]])

    def budget(self):
        b = self.b
        return maths.budget({label: self.rps(label) for label, _, _ in PATHS}, b.totals, b.rss_peak, b.cpu,
                            b.startup, b.args.rate, b.args.quick)

    def write(self):
        b = self.b
        stem = RESULTS / b.timestamp
        md, csv, png = stem.with_suffix(".md"), stem.with_suffix(".csv"), stem.with_suffix(".png")
        budget = self.budget()
        out = []
        w = out.append
        mode = "quick" if b.args.quick else "full"
        w(f"# Outrigger benchmark {b.timestamp} ({mode})\n")
        w(f"Command: `{' '.join(['bench/run'] + sys.argv[1:])}` — wall time {b.wall:.0f} s. "
          f"Method and caveats: [`bench/README.md`](../README.md).\n")
        disturbed = self.disturbed()
        if disturbed:
            w(f"**Warning: {disturbed}.** Compare with care, or run again on a quiet machine.\n")
        w(f"![latency percentiles and throughput per path]({png.name})\n")
        self.summary(w, budget)
        self.throughput(w)
        self.latency(w)
        self.resources(w)
        self.startup(w)
        self.profile(w)
        self.setup(w, mode)
        md.write_text("\n".join(out) + "\n")
        with open(csv, "w") as f:
            f.write("section,subject,metric,value,unit\n")
            for row in self.rows:
                f.write(",".join(str(c).replace(",", ";") for c in row) + "\n")
        chart = subprocess.run([b.java17, "-Djava.awt.headless=true", "-cp", f"{b.classes}:{HDR_JAR}",
                                "dev.outrigger.bench.LatencyChart", str(csv), str(png),
                                f"Outrigger benchmark {b.timestamp} ({mode}): {b.args.rate} req/s open loop; "
                                f"wrk -c{WRK_CONNECTIONS}"], capture_output=True, text=True)
        if chart.returncode != 0:
            b.notes.append(f"chart failed: {chart.stderr.strip()[:300]}")
            log(f"warning: the chart could not be drawn: {chart.stderr.strip()[:300]}")
        return md, csv, png, budget, self.disturbed()


    def summary(self, w, budget):
        """The budget lines first, then what each path is."""
        b = self.b
        w("## Budget, ratios from this run\n")
        w("| metric | budget | measured | met | detail |\n|---|---|---|---|---|")
        for metric, limit, value, unit, ok, detail in budget:
            shown = "n/a" if value is None else (f"{value:.2f} {unit}" if unit != "ms" else f"{value:.3f} ms")
            w(f"| {metric} | {limit} | {shown} | {'yes' if ok else '**no**'} | {detail} |")
            self.csv("budget", metric, "value", value, unit)
            self.csv("budget", metric, "met", int(bool(ok)))
        w("")
        w(f"## Paths\n")
        w("| path | what | processes (pinned to CPU " + PROXY_CPU + ")" + " |\n|---|---|---|")
        for label, what, procs in PATHS:
            w(f"| {label} | {what} | {', '.join(procs) or '—'} |")
        w("")

    def throughput(self, w):
        """Max req/s per path and round, and the warm-up series."""
        b = self.b
        w(f"## Max throughput (wrk -t{WRK_THREADS} -c{WRK_CONNECTIONS}, {b.mode['wrk_s']} s per round, "
          f"closed loop)\n")
        direct, nginx = self.rps("1-direct"), self.rps("2-nginx")
        w(f"`*` = disturbed round (other processes used {DISTURBED_PCT} % or more of the machine meanwhile).\n")
        w("| path | req/s per round | median req/s | vs direct | vs nginx | errors |\n|---|---|---|---|---|---|")
        for label, _, _ in PATHS:
            runs = b.wrk[label]
            median = self.rps(label)
            errors = sum(r["non2xx"] + r["socket_errors"] for r in runs)
            marked = ", ".join(fmt(r["rps"], 0) + ("*" if r["others_pct"] >= DISTURBED_PCT else "") for r in runs)
            w(f"| {label} | {marked} | {fmt(median, 0)} | "
              f"{fmt(maths.ratio(median, direct))} | "
              f"{fmt(maths.ratio(median, nginx))} | {errors} |")
            for i, r in enumerate(runs, 1):
                self.csv("throughput", label, f"rps_round{i}", r["rps"], "req/s")
                self.csv("throughput", label, f"wrk_p50_round{i}", r["p50_ms"], "ms")
                self.csv("throughput", label, f"wrk_p99_round{i}", r["p99_ms"], "ms")
            self.csv("throughput", label, "rps_median", median, "req/s")
            self.csv("throughput", label, "errors", errors)
        w("")
        w("Warm-up before the rounds (wrk req/s per run; Java paths unpinned until steady):\n")
        w("| path | warm-up runs req/s |\n|---|---|")
        for label, _, _ in PATHS:
            runs = b.warmup.get(label, [])
            w(f"| {label} | {' -> '.join(fmt(r, 0) for r in runs)} |")
            for i, r in enumerate(runs, 1):
                self.csv("warmup", label, f"rps_run{i}", r, "req/s")
        w("")

    def latency(self, w):
        """Latency percentiles at the fixed rate, all rounds merged and per round."""
        b = self.b
        w(f"## Latency at a fixed {b.args.rate} req/s (open loop, from intended send time; all rounds merged: "
          f"{b.mode['rounds']} x {b.mode['rate_s']} s per path)\n")
        w("| path | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | mean ms | p50 added vs direct | "
          "p99 added vs direct | requests | errors |\n|---|---|---|---|---|---|---|---|---|---|---|")
        for label, _, _ in PATHS:
            t = b.totals.get(label, {})
            d = b.totals.get("1-direct", {})
            add50, add99 = (maths.added(t.get(pct), d.get(pct)) for pct in ("p50", "p99"))
            w(f"| {label} | {fmt(t.get('p50'), 3)} | {fmt(t.get('p90'), 3)} | {fmt(t.get('p99'), 3)} | "
              f"{fmt(t.get('p99_9'), 3)} | {fmt(t.get('max'), 2)} | {fmt(t.get('mean'), 3)} | {fmt(add50, 3)} | "
              f"{fmt(add99, 3)} | {t.get('count', 0)} | {t.get('errors', 0) + t.get('badStatus', 0)} |")
            for key in ("p50", "p90", "p99", "p99_9", "p99_99", "max", "mean"):
                self.csv("latency", label, key, t.get(key), "ms")
            self.csv("latency", label, "count", t.get("count"))
            self.csv("latency", label, "errors", t.get("errors", 0) + t.get("badStatus", 0))
            for i, run in enumerate(b.rate_runs[label], 1):
                for key in ("p50", "p99", "max"):
                    self.csv("latency_round", label, f"{key}_round{i}", run.get(key), "ms")
            for percentile, value in t.get("curve", []):
                self.csv("curve", label, f"{percentile}", value, "ms")
        w("")
        w("Per round: p50 / p99 / max ms at the fixed rate, and in brackets the CPU that processes other than "
          f"this run's used meanwhile (% of the machine; {DISTURBED_PCT} % or more is marked **disturbed**):\n")
        w("| path | " + " | ".join(f"round {i + 1}" for i in range(b.mode["rounds"])) + " |")
        w("|---|" + "---|" * b.mode["rounds"])
        for label, _, _ in PATHS:
            w(f"| {label} | " + " | ".join(
                f"{fmt(r['p50'], 3)} / {fmt(r['p99'], 3)} / {fmt(r['max'], 2)} ({r['others_pct']:.0f} %"
                + (", **disturbed**)" if r["others_pct"] >= DISTURBED_PCT else ")") for r in b.rate_runs[label]) + " |")
            for i, r in enumerate(b.rate_runs[label], 1):
                self.csv("noise", label, f"others_cpu_pct_round{i}", r["others_pct"], "%")
        w("")

    def resources(self, w):
        """RSS and CPU of every process, at rest and per path."""
        b = self.b
        w("## Resources per proxy process\n")
        w("RSS from `/proc/<pid>/status` VmRSS (process and its children); CPU from `/proc/<pid>/stat` "
          "utime+stime over the fixed-rate runs of the path (their unrecorded start included in the request count).\n")
        w("| process | RSS idle (started, before the measured load) MiB | RSS peak under load MiB | RSS after load MiB | "
          "idle CPU after load (cores) |\n|---|---|---|---|---|")
        for name in MEASURED_PROCESSES:
            idle, peak, after = b.rss_idle.get(name), b.rss_peak.get(name), b.rss_after.get(name)
            idle_cpu = b.idle_cpu.get(name)
            w(f"| {name} | {fmt(mib(idle), 1)} | {fmt(mib(peak), 1)} | {fmt(mib(after), 1)} | {fmt(idle_cpu, 3)} |")
            self.csv("resources", name, "rss_idle", mib(idle), "MiB")
            self.csv("resources", name, "rss_peak_load", mib(peak), "MiB")
            self.csv("resources", name, "rss_after_load", mib(after), "MiB")
            self.csv("resources", name, "idle_cpu", idle_cpu, "core")
        w("")
        w("| path | process | CPU s per 1000 requests (= cores at 1000 req/s) | RSS peak on this path MiB |")
        w("|---|---|---|---|")
        for label, _, procs in PATHS:
            for name in ("upstream",) + procs:
                cpu, requests = b.cpu.get((label, name), (None, 0))
                per_k = per_thousand(cpu, requests)
                peak = b.rss_peak_path.get((label, name))
                w(f"| {label} | {name} | {fmt(per_k, 3)} | {fmt(mib(peak), 1)} |")
                self.csv("cpu", f"{label}/{name}", "cpu_s_per_1000_req", per_k, "s")
                self.csv("cpu", f"{label}/{name}", "rss_peak", mib(peak), "MiB")
        w("")

    def startup(self, w):
        """Start-up samples of every component and variant."""
        b = self.b
        w("## Start-up (process start to ready; sidecars also to UP in Eureka)\n")
        w("Ready = first proxied 200 through the component (sidecar: inbound -> upstream; client sidecar: "
          "outbound -> Eureka -> bench sidecar; gateway: route -> Eureka -> bench sidecar). Measured "
          "unpinned, one JVM starting at a time except where noted.\n")
        w("| component | variant | sample | ready s | UP in Eureka s | ready + registered s | note |")
        w("|---|---|---|---|---|---|---|")
        for s in b.startup:
            both = max(s["ready_s"], s["registered_s"]) if s["registered_s"] is not None else None
            w(f"| {s['component']} | {s['variant']} | {s['sample'] or 'load instance'} | {fmt(s['ready_s'])} | "
              f"{fmt(s['registered_s'])} | {fmt(both)} | {s['note']} |")
            subject = f"{s['component']}/{s['variant']}/{s['sample']}"
            self.csv("startup", subject, "ready_s", s["ready_s"], "s")
            self.csv("startup", subject, "registered_s", s["registered_s"], "s")
        w("")

    def profile(self, w):
        """The JFR summary of each Java proxy, when it was recorded."""
        b = self.b
        if b.jfr:
            w("## JFR profile (settings=default, samples of the measured rounds only)\n")
            w("Execution samples count Java frames only: time in the kernel (syscalls, loopback TCP) and in "
              "the JIT/GC threads is not in them.\n")
            for name, summary in b.jfr.items():
                w(f"### {name}: {summary['samples']} execution samples (`{Path(summary['file']).name}` in "
                  f"{Path(summary['file']).parent.relative_to(BENCH)})\n")
                w("| top frame (self) | samples | % |\n|---|---|---|")
                for frame, count in summary["self"]:
                    w(f"| `{frame}` | {count} | {100 * count / max(1, summary['samples']):.1f} |")
                w("")
                w("| on the stack (inclusive; frames of Netty and the JDK left out) | samples | % |\n|---|---|---|")
                for frame, count in summary["inclusive"]:
                    w(f"| `{frame}` | {count} | {100 * count / max(1, summary['samples']):.1f} |")
                w("")
                for view, text in summary["views"].items():
                    w(f"`jfr view {view}`:\n\n```\n{text}\n```\n")

    def setup(self, w, mode):
        """Machine, mode, pinning, JVM flags, versions, notes."""
        b = self.b
        w("## Set-up\n")
        w(f"- Machine: {b.machine()}")
        if getattr(b, "machine_load", None):
            w(f"- Other load: {b.machine_load.describe()}")
        w(f"- Mode: {mode}; {b.mode['rounds']} round(s); per path and round: wrk {b.mode['wrk_s']} s, then "
          f"{b.args.rate} req/s for {b.mode['rate_s']} s after {b.mode['rate_warmup_s']} s unrecorded; "
          f"warm-up {b.mode['warmup_s']} s of wrk per path before round 1; path order rotated each round.")
        w(f"- CPU pinning: " + (f"proxies under test (nginx proxy, HAProxy, sidecars, gateway; all their threads) "
                                f"on CPU {PROXY_CPU}; wrk and the open-loop generator on CPU {LOAD_CPU}; upstream "
                                f"nginx, registry and config server unpinned" if b.pin else "off"))
        w(f"- JVM flags of sidecar and gateway (tools/outrigger/jvm.py, as ./mesh starts them): `{' '.join(b.flags['sidecar'])}` / "
          f"`{' '.join(b.flags['gateway'])}`; environment of every JVM: "
          f"`{' '.join(f'{k}={v}' for k, v in b.jvm_env.items()) or 'none'}`; load tests on "
          f"{b.versions.get('java17')}, fat jars")
        w("- Tracing off: sampling probability 0 and Zipkin export disabled (bench/config-repo/application.yml "
          "and environment).")
        for key, value in b.versions.items():
            w(f"- {key}: {value}")
        for note in b.notes:
            w(f"- Note: {note}")
        w(f"- Logs of this run: `bench/results/tmp/{b.timestamp}/` (not committed)")
