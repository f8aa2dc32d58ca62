"""JFR: recording the Java proxies during the measured rounds, and the hot methods."""

import re
import subprocess
from pathlib import Path

from .settings import JAVA_PROXIES


def jcmd(java):
    return str(Path(java).resolve().parent / "jcmd")


def jfr_start(java, pids):
    """Starts JFR (default settings: ~1 % overhead; 'profile' cost ~30 % here) in each Java proxy."""
    for name in JAVA_PROXIES:
        subprocess.run([jcmd(java), str(pids[name]), "JFR.start", "name=bench", "settings=default"],
                       capture_output=True, text=True)


def jfr_stop(java17, java25, pids, logs, since):
    """Dumps what each Java proxy recorded since the measured rounds began; {name: summary}."""
    summaries = {}
    for name in JAVA_PROXIES:
        target = logs / f"{name}.jfr"
        subprocess.run([jcmd(java17), str(pids[name]), "JFR.dump", "name=bench", f"filename={target}",
                        f"begin={since}"], capture_output=True, text=True)
        subprocess.run([jcmd(java17), str(pids[name]), "JFR.stop", "name=bench"], capture_output=True)
        if target.is_file():
            summaries[name] = summarise_jfr(target, java17, java25)
    return summaries


def summarise_jfr(recording, java17, java25):
    """Top methods of the execution samples (self, and inclusive above Netty and the JDK), and
    the top allocating classes."""
    jfr = str(Path(java25 or java17).resolve().parent / "jfr")
    out = subprocess.run([jfr, "print", "--events", "jdk.ExecutionSample", "--stack-depth", "96", str(recording)],
                         capture_output=True, text=True).stdout
    self_counts, incl_counts, total = {}, {}, 0
    for block in out.split("jdk.ExecutionSample")[1:]:
        stack = block.split("stackTrace = [", 1)[-1].split("\n  ]", 1)[0]
        frames = [f.strip() for f in re.findall(r"^\s{4}(\S.*?)(?:\s+line:.*)?$", stack, re.M)]
        frames = [f for f in frames if f and f != "..."]
        if not frames:
            continue
        total += 1
        self_counts[frames[0]] = self_counts.get(frames[0], 0) + 1
        for frame in set(frames):
            if not frame.startswith(("io.netty.", "java.", "jdk.", "sun.")):
                incl_counts[frame] = incl_counts.get(frame, 0) + 1
    views = {}
    if java25:
        for view in ("allocation-by-class", "gc"):
            done = subprocess.run([jfr, "view", "--width", "140", view, str(recording)], capture_output=True,
                                  text=True)
            views[view] = "\n".join(done.stdout.strip().splitlines()[:22])
    top = lambda counts, n: sorted(counts.items(), key=lambda kv: -kv[1])[:n]
    return {"samples": total, "self": top(self_counts, 15), "inclusive": top(incl_counts, 25), "views": views,
            "file": recording}


