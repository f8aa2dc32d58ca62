"""/proc: memory and CPU of a process and its children, and of the whole machine."""

import contextlib
import os
import threading
import time
from pathlib import Path

from .settings import CLK_TCK


def process_tree(pid):
    children = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def rss_kib(pids):
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total


def cpu_seconds(pids):
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
    return total / CLK_TCK


def machine_cpu():
    """(process, irq, steal) CPU seconds of the whole machine since boot, from /proc/stat:
    'process' is user + nice + system; 'irq' is hard and soft interrupts, which this kernel does
    not charge to any process (loopback packet processing is mostly softirq)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return (user + nice + system) / CLK_TCK, (irq + softirq) / CLK_TCK, steal / CLK_TCK


def own_cpu():
    """CPU seconds of this run: this process, its reaped children, and its live descendants."""
    fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
    total = sum(int(v) for v in fields[11:15]) / CLK_TCK  # utime stime cutime cstime
    return total + cpu_seconds([pid for pid in process_tree(os.getpid()) if pid != os.getpid()])


def all_processes_cpu():
    """{pid: (CPU seconds, command name)} of every process."""
    result = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            text = stat.read_text()
            fields = text.rsplit(")", 1)[1].split()
            result[int(stat.parent.name)] = ((int(fields[11]) + int(fields[12])) / CLK_TCK,
                                             text[text.index("(") + 1:text.rindex(")")])
    return result


def share_of_machine(cpu_s, seconds, cores):
    """CPU seconds used over an interval, as % of all the machine's cores."""
    return 100 * cpu_s / (seconds * cores)


class MachineLoad:
    """CPU used on the machine by processes other than this run's, over an interval: a noise
    indicator. Interrupt time (no process is charged for it) is counted apart."""

    def __enter__(self):
        self.start = (time.monotonic(), *machine_cpu(), own_cpu())
        self.per_process = all_processes_cpu()
        self.loadavg = Path("/proc/loadavg").read_text().split()[0]
        return self

    def __exit__(self, *exc):
        wall, busy, irq, steal, own = self.start
        now_busy, now_irq, now_steal = machine_cpu()
        self.seconds = time.monotonic() - wall
        self.others = max(0.0, (now_busy - busy) - (own_cpu() - own))
        self.irq = now_irq - irq
        self.steal = now_steal - steal
        mine = set(process_tree(os.getpid()))
        after = all_processes_cpu()
        deltas = [(after[pid][0] - cpu, pid, after[pid][1]) for pid, (cpu, _) in self.per_process.items()
                  if pid in after and pid not in mine]
        ranked = sorted(deltas, reverse=True)[:3]
        self.top = [f"{comm} (pid {pid}) {cpu:.1f} s" for cpu, pid, comm in ranked if cpu >= 0.5]
        if sum(cpu for cpu, _, _ in ranked) < self.others / 2:
            self.top.append("mostly processes that ended meanwhile")

    def percent(self):
        return share_of_machine(self.others, self.seconds, os.cpu_count() or 1)

    def describe(self):
        cores = os.cpu_count() or 1
        return (f"load average {self.loadavg} at the start of the rounds; during the {self.seconds:.0f} s of rounds "
                f"processes other than this run's used {self.others:.1f} CPU s "
                f"({share_of_machine(self.others, self.seconds, cores):.1f} % of {cores} cores); interrupts "
                f"(mostly loopback softirq, charged to no process) {self.irq:.1f} s; steal {self.steal:.1f} s")


class RssSampler:
    """Samples VmRSS of some process trees every 200 ms in the background; keeps the peaks."""

    def __init__(self, trees):
        self.trees = trees
        self.peaks = {name: 0 for name in trees}
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.loop, daemon=True)

    def loop(self):
        while not self.stopping.is_set():
            self.sample()
            self.stopping.wait(0.2)

    def sample(self):
        for name, pids in self.trees.items():
            self.peaks[name] = max(self.peaks[name], rss_kib(pids))

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.thread.join()
        self.sample()
