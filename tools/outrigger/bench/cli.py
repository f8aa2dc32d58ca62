"""The command line of bench/run: options, one run at a time, the summary printed last."""

import argparse
import fcntl
import os
import signal
import sys
import time
import traceback

from ..shared import REPO
from .run import Bench
from .settings import JAVA17_DEFAULT, JAVA25_DEFAULT, MODES, RESULTS, WORK, BenchError, log

DESCRIPTION = """\
Benchmark of the Outrigger data plane against a direct call, nginx and HAProxy, in one run.

Starts everything on loopback (free ports), measures six paths interleaved, stops everything it
started, and writes bench/results/<timestamp>.md, .csv and .png. See bench/README.md.
"""


def summary(md, csv, png, budget, disturbed, bench):
    print()
    print(f"Results: {md.relative_to(REPO)}, {csv.name}, {png.name} (wall time {bench.wall:.0f} s)")
    print("Budget:")
    for metric, limit, value, unit, ok, detail in budget:
        shown = "n/a" if value is None else (f"{value:.3f} {unit}" if unit == "ms" else f"{value:.2f} {unit}")
        print(f"  {'MET ' if ok else 'MISS'}  {metric:62s} {shown:>12s}  (budget {limit}; {detail})")
    if disturbed:
        print(f"Warning: {disturbed}: compare with care, or run again on a quiet machine.")


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="bench/run", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smoke run, about 2 minutes (1 short round, "
                                                             "no Java 25 / AOT start-up runs)")
    parser.add_argument("--rate", type=int, default=1000, help="fixed rate of the latency runs, req/s (1000)")
    parser.add_argument("--java17", default=JAVA17_DEFAULT, help="Java 17 runtime of the load tests (java)")
    parser.add_argument("--java25", default=JAVA25_DEFAULT, help=f"Java 25 runtime for the start-up and AOT "
                                                                 f"runs ({JAVA25_DEFAULT})")
    parser.add_argument("--no-pin", action="store_true", help="do not pin processes to CPUs with taskset")
    parser.add_argument("--no-install", action="store_true", help="never apt-get install missing tools")
    parser.add_argument("--hold", action="store_true", help="after start-up, print the URLs and wait until "
                                                            "bench/work/hold is deleted, then measure (to poke "
                                                            "at the running set-up, e.g. with a profiler)")
    parser.add_argument("--jfr", action="store_true", help="record the Java proxies with JFR during the measured "
                                                           "rounds and add the hot methods to the results")
    return parser.parse_args(argv)


def exclusive_run(timeout_s=900):
    """Holds bench/work/run.lock for the whole run: two benchmarks on one machine spoil each other's
    numbers (and share bench/work), so a second run waits for the first."""
    lock = open(WORK / "run.lock", "a+")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        lock.seek(0)
        holder = lock.read().strip() or "?"
        log(f"another bench/run is running ({holder}); waiting for it (at most {timeout_s // 60} min) ...")
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise BenchError(f"another bench/run ({holder}) still holds {WORK / 'run.lock'}")
                time.sleep(1)
    lock.seek(0)
    lock.truncate()
    lock.write(f"pid {os.getpid()}, started {time.strftime('%H:%M:%S')}\n")
    lock.flush()
    return lock


def main(argv):
    args = parse_args(argv)
    mode = MODES["quick" if args.quick else "full"]
    started = time.monotonic()
    RESULTS.mkdir(parents=True, exist_ok=True)
    WORK.mkdir(parents=True, exist_ok=True)
    bench = None

    def on_signal(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(sig, on_signal)
    try:
        lock = exclusive_run()
        started = time.monotonic()
        bench = Bench(args, mode)
        log(f"{'quick' if args.quick else 'full'} run {bench.timestamp}; logs in {bench.logs.relative_to(REPO)}")
        bench.prepare()
        bench.start_static()
        bench.start_data_plane()
        bench.measure_idle("before")
        if args.hold:
            bench.hold()
        bench.measure()
        bench.measure_idle("after")
    except BenchError as error:
        print(f"bench: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as interrupt:
        print(f"bench: interrupted ({interrupt}); stopping what was started", file=sys.stderr)
        return 130
    except Exception:
        traceback.print_exc()
        print("bench: error: unexpected failure (trace above); stopping what was started", file=sys.stderr)
        return 1
    finally:
        if bench:
            log("stopping everything this run started ...")
            for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
                signal.signal(sig, signal.SIG_IGN)
            bench.close()
    bench.wall = time.monotonic() - started
    md, csv, png, budget, disturbed = bench.report()
    bench.wall = time.monotonic() - started
    summary(md, csv, png, budget, disturbed, bench)
    return 0
