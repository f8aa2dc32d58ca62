"""Rules for stopping the mesh: `down` drains members in parallel, in the order the mesh needs,
and each member gets SIGKILL only after its own grace period."""

import os
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

from outrigger.mesh import stopping  # noqa: E402
from outrigger.mesh.settings import RECORDING_GRACE_S, STOP_GRACE_S  # noqa: E402

# A member that needs `delay` seconds to drain after SIGTERM, and notes when it got it.
DRAINING = """
import signal, sys, time
delay, note = float(sys.argv[1]), sys.argv[2]
def drain(signum, frame):
    with open(note, "w") as out:
        out.write(repr(time.time()))
    time.sleep(delay)
    sys.exit(0)
signal.signal(signal.SIGTERM, drain if delay >= 0 else signal.SIG_IGN)
print("ready", flush=True)
time.sleep(60)
"""


def member(name, role, **extra):
    return {"name": name, "role": role, "cmd": [], **extra}


class DownOrderTests(unittest.TestCase):

    def setUp(self):
        self.mesh = [member("registry", "registry"), member("config-server", "config-server"),
                     member("zipkin", "zipkin"), member("gateway", "gateway"),
                     member("catalog-1", "app", service="catalog"),
                     member("catalog-1-sidecar", "sidecar", service="catalog"),
                     member("catalog-2", "app", service="catalog"),
                     member("catalog-2-sidecar", "sidecar", service="catalog")]

    def after(self, name):
        component = next(c for c in self.mesh if c["name"] == name)
        return stopping.down_order(component, self.mesh)

    def test_sidecars_and_gateway_go_at_once(self):
        for name in ("gateway", "catalog-1-sidecar", "catalog-2-sidecar"):
            with self.subTest(name):
                self.assertEqual(self.after(name), set())

    def test_an_app_waits_for_its_own_sidecar_only(self):
        self.assertEqual(self.after("catalog-2"), {"catalog-2-sidecar"})

    def test_the_control_plane_waits_for_everything_that_uses_it(self):
        for name in ("registry", "config-server", "zipkin"):
            with self.subTest(name):
                self.assertEqual(self.after(name), {"gateway", "catalog-1-sidecar", "catalog-2-sidecar"})


class GracePeriodTests(unittest.TestCase):

    def test_a_member_recording_its_class_archive_gets_longer(self):
        plain = {"cmd": ["java", "-jar", "x.jar"]}
        recording = {"cmd": ["java", "-XX:ArchiveClassesAtExit=/tmp/x.jsa", "-jar", "x.jar"]}
        self.assertEqual(stopping.grace_period(plain, STOP_GRACE_S), STOP_GRACE_S)
        self.assertEqual(stopping.grace_period(recording, STOP_GRACE_S), STOP_GRACE_S + RECORDING_GRACE_S)


class StopAllTests(unittest.TestCase):

    def setUp(self):
        self.notes = tempfile.TemporaryDirectory()
        self.addCleanup(self.notes.cleanup)
        self.printed = []

    def start(self, name, role, delay):
        """A member that drains for `delay` seconds after SIGTERM (ignores it if delay < 0)."""
        note = os.path.join(self.notes.name, name)
        process = subprocess.Popen([sys.executable, "-c", DRAINING, str(delay), note],
                                   start_new_session=True, stdout=subprocess.PIPE, text=True)
        self.addCleanup(process.stdout.close)
        self.addCleanup(process.wait)
        self.addCleanup(lambda: process.poll() is None and process.kill())
        # Until the child has run exec, /proc shows the parent's command line.
        self.assertEqual(process.stdout.readline(), "ready\n")
        return {"name": name, "role": role, "pid": process.pid, "cmd": process.args, "note": note,
                "process": process}

    def stop(self, components, **options):
        started = time.monotonic()
        survivors = stopping.stop_all(components, report=lambda line, flush: self.printed.append(line),
                                      **options)
        return survivors, time.monotonic() - started

    @staticmethod
    def sigterm_at(component):
        return float(Path(component["note"]).read_text())

    def test_members_drain_in_parallel(self):
        members = [self.start(f"catalog-{i}-sidecar", "sidecar", 1.0) for i in range(1, 5)]
        survivors, took = self.stop(members)
        self.assertEqual(survivors, [])
        self.assertLess(took, 3.5, "four members of 1 s each took as long as one after another")
        for component in members:
            self.assertEqual(component["process"].wait(timeout=5), 0, "drained, not killed")

    def test_a_member_starts_draining_once_the_ones_before_it_are_gone(self):
        sidecar = self.start("catalog-1-sidecar", "sidecar", 1.0)
        app = self.start("catalog-1", "app", 0.0)
        other = self.start("orders-1", "app", 0.0)
        order = {"catalog-1": {"catalog-1-sidecar"}, "orders-1": set(), "catalog-1-sidecar": set()}
        survivors, _ = self.stop([app, other, sidecar], after=lambda c, others: order[c["name"]])
        self.assertEqual(survivors, [])
        self.assertGreaterEqual(self.sigterm_at(app) - self.sigterm_at(sidecar), 0.9)
        self.assertLess(abs(self.sigterm_at(other) - self.sigterm_at(sidecar)), 0.9)
        self.assertEqual(self.printed[0], "Stopping orders-1 (pid %d), catalog-1-sidecar (pid %d) ..."
                         % (other["pid"], sidecar["pid"]))

    def test_only_the_member_that_overstays_its_grace_period_is_killed(self):
        stubborn = self.start("gateway", "gateway", -1)
        quick = self.start("catalog-1-sidecar", "sidecar", 0.2)
        survivors, took = self.stop([stubborn, quick], grace=1.5)
        self.assertEqual(survivors, [])
        self.assertEqual(quick["process"].wait(timeout=5), 0)
        self.assertEqual(stubborn["process"].wait(timeout=5), -9)
        self.assertGreaterEqual(took, 1.5)
        self.assertIn("  gateway did not stop in time: SIGKILL", self.printed)
        self.assertNotIn("  catalog-1-sidecar did not stop in time: SIGKILL", self.printed)

    def test_members_that_are_not_running_are_left_alone(self):
        gone = {"name": "catalog-1", "role": "app", "pid": os.getpid(), "cmd": ["java", "-jar", "x.jar"]}
        survivors, took = self.stop([gone])
        self.assertEqual((survivors, self.printed), ([], []))
        self.assertLess(took, 1)


if __name__ == "__main__":
    unittest.main()
