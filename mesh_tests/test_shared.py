"""Rules for the helpers ./mesh and bench/run share (tools/outrigger/shared.py) and for the one
definition of the JVM flags (tools/outrigger/jvm.py)."""

import http.server
import os
import signal
import subprocess
import sys
import tempfile
import threading
import unittest
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

from outrigger import jvm, shared  # noqa: E402
from outrigger.bench import run as bench_run  # noqa: E402
from outrigger.mesh import plan  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


class JavaVersionTests(unittest.TestCase):

    def test_reads_the_major_version_and_the_runtime_line(self):
        text = ('openjdk version "17.0.13" 2024-10-15\n'
                'OpenJDK Runtime Environment (build 17.0.13+11-Debian-2)\n'
                'OpenJDK 64-Bit Server VM (build 17.0.13+11-Debian-2, mixed mode)\n')
        self.assertEqual(shared.parse_java_version(text),
                         (17, "OpenJDK Runtime Environment (build 17.0.13+11-Debian-2)"))

    def test_old_one_dot_versions_give_their_real_major(self):
        self.assertEqual(shared.parse_java_version('java version "1.8.0_392"\n')[0], 8)

    def test_early_access_builds_count(self):
        self.assertEqual(shared.parse_java_version('openjdk version "25-ea" 2025-09-16\n')[0], 25)

    def test_no_version_is_none(self):
        self.assertEqual(shared.parse_java_version("command not found"), (None, None))

    def test_a_missing_binary_is_none_not_an_error(self):
        self.assertEqual(shared.java_version("/nonexistent/bin/java"), (None, None))


class PortTests(unittest.TestCase):

    def test_free_ports_are_distinct(self):
        ports = shared.free_ports(20)
        self.assertEqual(len(set(ports)), 20)

    def test_picker_never_returns_a_port_to_avoid(self):
        avoid = shared.free_ports(5)
        picker = shared.FreePortPicker(avoid)
        try:
            picked = [picker.pick() for _ in range(10)]
        finally:
            picker.close()
        self.assertFalse(set(picked) & set(avoid))


class Handler(http.server.BaseHTTPRequestHandler):

    def do_GET(self):
        body = self.headers.get("Accept", "none").encode()
        self.send_response(200 if self.path == "/ok?x=1" else 503)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class HttpTests(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        cls.base = f"http://127.0.0.1:{cls.server.server_address[1]}"

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()

    def test_returns_status_and_body_and_asks_for_json(self):
        self.assertEqual(shared.http_get(f"{self.base}/ok?x=1"), (200, "application/json"))

    def test_an_error_status_is_an_answer_not_an_exception(self):
        self.assertEqual(shared.http_get(f"{self.base}/down", accept=None), (503, "none"))

    def test_nothing_listening_raises_oserror(self):
        (port,) = shared.free_ports(1)
        with self.assertRaises(OSError):
            shared.http_get(f"http://127.0.0.1:{port}/health")


class EurekaTests(unittest.TestCase):

    def test_finds_an_instance_by_port_in_either_json_form(self):
        instances = [{"port": {"$": 16006, "@enabled": "true"}, "status": "UP"},
                     {"port": 16016, "status": "DOWN"}]
        self.assertEqual(shared.eureka_instance_on(instances, 16006)["status"], "UP")
        self.assertEqual(shared.eureka_instance_on(instances, "16016")["status"], "DOWN")
        self.assertIsNone(shared.eureka_instance_on(instances, 16026))
        self.assertIsNone(shared.eureka_instance_on(None, 16006))

    def test_a_registry_that_does_not_answer_is_none(self):
        (port,) = shared.free_ports(1)
        self.assertIsNone(shared.eureka_instances(f"http://127.0.0.1:{port}", "catalog"))


class ProcessGroupTests(unittest.TestCase):

    def test_signalling_a_group_that_is_gone_is_quiet(self):
        process = subprocess.Popen([sys.executable, "-c", "pass"], start_new_session=True)
        process.wait()
        shared.signal_group(process.pid, signal.SIGTERM)

    def test_signals_the_children_too(self):
        process = subprocess.Popen([sys.executable, "-c", "import subprocess, sys, time; "
                                    "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']); "
                                    "print('ready', flush=True); time.sleep(60)"],
                                   start_new_session=True, stdout=subprocess.PIPE, text=True)
        self.addCleanup(process.stdout.close)
        self.assertEqual(process.stdout.readline(), "ready\n")
        shared.signal_group(process.pid, signal.SIGKILL)
        self.assertEqual(process.wait(timeout=5), -signal.SIGKILL)
        with self.assertRaises(ProcessLookupError):
            for _ in range(50):
                os.killpg(process.pid, 0)
                threading.Event().wait(0.1)


class TailTests(unittest.TestCase):

    def write(self, text):
        with tempfile.NamedTemporaryFile("w", suffix=".log", delete=False) as log:
            log.write(text)
        self.addCleanup(os.unlink, log.name)
        return log.name

    def test_last_lines_of_a_file(self):
        self.assertEqual(shared.tail_lines(self.write("a\nb\nc\n"), 2), ["b\n", "c\n"])

    def test_zero_lines_and_a_missing_file_are_empty(self):
        self.assertEqual(shared.tail_lines(self.write("a\n"), 0), [])
        self.assertEqual(shared.tail_lines("/nonexistent.log", 5), [])

    def test_since_mark_keeps_only_the_latest_start(self):
        path = self.write("== start\nold\n== start\nnew\n")
        self.assertEqual(shared.tail_lines(path, 10, since_mark="== start"), ["== start\n", "new\n"])


class JarTests(unittest.TestCase):

    def test_every_jar_lives_in_its_modules_target(self):
        for key, (module, name) in shared.JARS.items():
            with self.subTest(key):
                self.assertTrue((REPO / module / "pom.xml").is_file(), f"{module} is not a module")
                self.assertEqual(shared.jar_path(key), REPO / module / "target" / name)


class JvmFlagsTests(unittest.TestCase):

    def test_the_sidecar_has_the_small_heap(self):
        self.assertIn("-Xmx64m", jvm.jvm_flags("sidecar"))

    def test_every_role_has_one_heap_setting_at_most(self):
        for role, flags in jvm.JVM_FLAGS.items():
            with self.subTest(role):
                self.assertLessEqual(len([f for f in flags if f.startswith("-Xmx")]), 1)

    def test_callers_get_a_copy(self):
        jvm.jvm_flags("sidecar").append("-Xmx1g")
        self.assertNotIn("-Xmx1g", jvm.JVM_FLAGS["sidecar"])

    def test_an_unknown_role_names_the_known_ones(self):
        with self.assertRaisesRegex(KeyError, "no JVM flags for role 'proxy'; known: registry"):
            jvm.jvm_flags("proxy")

    def test_mesh_starts_each_java_role_with_its_flags(self):
        planner = plan.Planner("/usr/bin/java", Path("/run"), "/config", {"x": {"http": 1}}, {})
        for role in ("registry", "config-server", "gateway", "sidecar", "app", "zipkin"):
            with self.subTest(role):
                self.assertEqual(planner.java_cmd(role, "/x.jar"),
                                 ["/usr/bin/java", *jvm.JVM_FLAGS[role], "-jar", "/x.jar"])

    def test_the_benchmark_runs_the_flags_mesh_runs(self):
        flags = bench_run.role_flags()
        self.assertEqual(set(flags), {"registry", "config-server", "gateway", "sidecar"})
        for role, role_flags in flags.items():
            with self.subTest(role):
                self.assertEqual(role_flags, jvm.JVM_FLAGS[role])

    def test_no_other_file_spells_out_the_flags(self):
        spelled = subprocess.run(["git", "grep", "-l", "-e", "-Xmx64m", "-e", "-Xss256k", "--", ".",
                                  ":!tools/outrigger/jvm.py", ":!mesh_tests", ":!bench/results"],
                                 cwd=REPO, capture_output=True, text=True)
        if spelled.returncode > 1:
            self.skipTest(f"git grep failed: {spelled.stderr.strip()}")
        self.assertEqual(spelled.stdout.split(), [])


if __name__ == "__main__":
    unittest.main()
