"""Load drivers: wrk (max throughput, closed loop) and the open-loop generator (fixed rate)."""

import contextlib
import json
import re
import subprocess

from ..jvm import jvm_flags
from .preparation import tool
from .settings import HDR_JAR, LOAD_CPU, RATE_CONNECTIONS, WRK_CONNECTIONS, WRK_THREADS, BenchError

DURATION_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def parse_duration_ms(text):
    """A wrk duration such as 812.00us, 1.20ms or 2.01s, in milliseconds; None if not one."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        return None
    return float(match.group(1)) * DURATION_UNITS_MS[match.group(2)]


def parse_wrk(out):
    """The numbers of one wrk --latency report: req/s, requests, errors, p50 and p99 in ms."""
    result = {"rps": None, "requests": 0, "non2xx": 0, "socket_errors": 0, "p50_ms": None, "p99_ms": None}
    if match := re.search(r"Requests/sec:\s+([\d.]+)", out):
        result["rps"] = float(match.group(1))
    if match := re.search(r"(\d+) requests in", out):
        result["requests"] = int(match.group(1))
    if match := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out):
        result["non2xx"] = int(match.group(1))
    if match := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        result["socket_errors"] = sum(int(g) for g in match.groups())
    for pct, key in (("50", "p50_ms"), ("99", "p99_ms")):
        if match := re.search(rf"^\s+{pct}%\s+(\S+)", out, re.M):
            result[key] = parse_duration_ms(match.group(1))
    return result


def run_wrk(url, seconds, pin):
    cmd = [tool("wrk"), f"-t{WRK_THREADS}", f"-c{WRK_CONNECTIONS}", f"-d{seconds}s", "--latency", url]
    if pin:
        cmd = ["taskset", "-c", LOAD_CPU] + cmd
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60)
    result = parse_wrk(done.stdout)
    if result["rps"] is None:
        result["error"] = (done.stdout + done.stderr).strip()[-500:]
    return result


class OpenLoop:
    """The Java open-loop generator, kept running for the whole benchmark (its JIT stays warm)."""

    def __init__(self, processes, java, classes, pin):
        cmd = [java, *jvm_flags("load-generator"), "-cp", f"{classes}:{HDR_JAR}",
               "dev.outrigger.bench.OpenLoopLoad"]
        if pin:
            cmd = ["taskset", "-c", LOAD_CPU] + cmd
        self.process = processes.popen_pipe("open-loop", cmd)

    def command(self, line, until):
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        lines = []
        while True:
            reply = self.process.stdout.readline()
            if not reply:
                raise BenchError("the open-loop load generator died (see its log in the run's logs)")
            reply = reply.rstrip("\n")
            if reply.startswith("ERROR"):
                raise BenchError(f"open-loop generator: {reply}")
            lines.append(reply)
            if reply.startswith(until):
                return lines

    def run(self, label, url, rate, warmup_s, seconds):
        line = self.command(f"run {label} {url} {rate} {warmup_s} {seconds} {RATE_CONNECTIONS}", "RESULT")[-1]
        return json.loads(line.split(" ", 1)[1])

    def totals(self):
        totals = [json.loads(line.split(" ", 1)[1]) for line in self.command("report", "END")
                  if line.startswith("TOTAL ")]
        return {total["label"]: total for total in totals}

    def close(self):
        with contextlib.suppress(OSError, ValueError):
            self.process.stdin.write("quit\n")
            self.process.stdin.flush()
