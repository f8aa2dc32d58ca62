"""Tests for the pure parts of the ./mesh launcher: option parsing, port plan, state checks.

Run from the repository root: python3 -m unittest discover -s mesh_tests
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

from outrigger.mesh import cli, options, plan, processes, status, stopping  # noqa: E402
from outrigger.mesh import ports as port_plan  # noqa: E402
from outrigger.mesh.errors import MeshError  # noqa: E402
from outrigger.mesh.settings import LOG_MARK, MAX_REPLICAS, SERVICES  # noqa: E402
from outrigger.shared import tail_lines  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


class ReplicasTests(unittest.TestCase):

    def test_defaults_to_one_instance_per_service(self):
        self.assertEqual(options.parse_replicas(None), {"catalog": 1, "orders": 1, "payments": 1})

    def test_reads_repeated_and_comma_separated_items(self):
        replicas = options.parse_replicas(["catalog=2", "orders=3,payments=2"])
        self.assertEqual(replicas, {"catalog": 2, "orders": 3, "payments": 2})

    def test_rejects_unknown_service_with_the_known_ones(self):
        with self.assertRaisesRegex(MeshError, "bad --replicas 'shop=2'.*catalog, orders"):
            options.parse_replicas(["shop=2"])

    def test_rejects_counts_outside_the_port_plan(self):
        for item in ("catalog=0", f"catalog={MAX_REPLICAS + 1}", "catalog=x"):
            with self.subTest(item), self.assertRaises(MeshError):
                options.parse_replicas([item])

    def test_versions_name_planned_instances_only(self):
        replicas = options.parse_replicas(["catalog=2"])
        self.assertEqual(options.parse_versions(["catalog-2=v2"], replicas), {"catalog-2": "v2"})
        with self.assertRaisesRegex(MeshError, "catalog-3=v2"):
            options.parse_versions(["catalog-3=v2"], replicas)


class PortPlanTests(unittest.TestCase):

    def all_default_ports(self, replicas):
        slots = plan.plan_slots(replicas, zipkin=True)
        ports = port_plan.assign_ports(slots, recorded={}, free_ports=False)
        return [port for name in ports for port in ports[name].values()]

    def test_default_ports_are_distinct_at_most_replicas(self):
        ports = self.all_default_ports({s: MAX_REPLICAS for s in SERVICES})
        self.assertEqual(len(ports), len(set(ports)))

    def test_first_instance_mirrors_the_compose_sidecar_ports(self):
        self.assertEqual(port_plan.instance_ports("catalog", 1),
                         {"admin": 16000, "outbound": 16001, "inbound": 16006, "app": 16008})
        self.assertEqual(port_plan.instance_ports("orders", 2)["inbound"], 16116)

    def test_adding_a_replica_keeps_other_instances_ports(self):
        one = port_plan.assign_ports(plan.plan_slots(options.parse_replicas([]), True), {}, False)
        two = port_plan.assign_ports(plan.plan_slots(options.parse_replicas(["catalog=2"]), True), {}, False)
        self.assertEqual({name: two[name] for name in one}, one)

    def test_free_ports_are_distinct_and_keep_recorded_ones(self):
        recorded = {"registry": {"ports": {"http": 41234}}}
        slots = plan.plan_slots(options.parse_replicas(["catalog=3"]), zipkin=True)
        ports = port_plan.assign_ports(slots, recorded, free_ports=True)
        flat = [port for name in ports for port in ports[name].values()]
        self.assertEqual(ports["registry"], {"http": 41234})
        self.assertEqual(len(flat), len(set(flat)))


class PlanTests(unittest.TestCase):

    def plan(self, zipkin=True):
        slots = plan.plan_slots(options.parse_replicas([]), zipkin)
        ports = port_plan.assign_ports(slots, {}, False)
        planner = plan.Planner("/usr/bin/java", Path("/run"), "/repo/config-repo", ports, {})
        return {name: planner.build(name, role, service, index)
                for name, role, service, index in slots}

    def test_orders_proxies_through_its_own_sidecar(self):
        plan = self.plan()
        outbound = plan["orders-1-sidecar"]["ports"]["outbound"]
        self.assertEqual(plan["orders-1"]["env"]["HTTP_PROXY"], f"http://127.0.0.1:{outbound}")

    def test_sidecar_points_at_its_app_and_the_control_plane(self):
        env = self.plan()["catalog-1-sidecar"]["env"]
        self.assertEqual(env["OUTRIGGER_SIDECAR_APP_PORT"], "16008")
        self.assertEqual(env["EUREKA_URL"], "http://127.0.0.1:8761/eureka/")
        self.assertEqual(env["CONFIG_SERVER_URL"], "http://127.0.0.1:8888")
        self.assertEqual(env["ZIPKIN_URL"], "http://127.0.0.1:9411")

    def test_without_zipkin_tracing_export_is_switched_off(self):
        env = self.plan(zipkin=False)["gateway"]["env"]
        self.assertNotIn("ZIPKIN_URL", env)
        self.assertEqual(env["MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENABLED"], "false")

    def test_config_server_stops_within_the_grace_period(self):
        env = self.plan()["config-server"]["env"]
        self.assertEqual(env["SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE"], "3s")

    def test_records_have_the_state_shape(self):
        record = self.plan()["catalog-1-sidecar"]
        self.assertEqual(list(record), ["name", "role", "service", "pid", "ports", "health", "log",
                                        "cmd", "env", "cwd"])
        self.assertEqual(record["health"], "http://127.0.0.1:16000/actuator/health")

    def test_control_plane_starts_before_the_data_plane(self):
        names = [c["name"] for c in sorted(self.plan().values(), key=plan.sort_key)]
        self.assertEqual(names[:4], ["registry", "config-server", "zipkin", "gateway"])
        self.assertEqual(names[4:6], ["catalog-1", "catalog-1-sidecar"])


class ConfigRepoTests(unittest.TestCase):

    def test_git_uris_pass_unchanged(self):
        for uri in ("file:///srv/repo.git", "https://example.org/r.git", "ssh://h/r", "git@h:r.git"):
            with self.subTest(uri):
                self.assertEqual(options.resolve_config_repo(uri), uri)

    def test_folder_becomes_absolute_and_must_exist(self):
        with tempfile.TemporaryDirectory() as folder:
            self.assertEqual(options.resolve_config_repo(folder), str(Path(folder).resolve()))
        with self.assertRaisesRegex(MeshError, "is not a directory"):
            options.resolve_config_repo("/nonexistent/config-repo")


class ProcessTests(unittest.TestCase):

    def test_pid_running_another_command_is_not_ours(self):
        component = {"pid": os.getpid(), "cmd": ["java", "-jar", "x.jar"]}
        self.assertFalse(processes.is_alive(component))

    def test_pid_running_the_recorded_command_is_ours(self):
        process = subprocess.Popen([sys.executable, "-c", "import time; print('ready', flush=True); "
                                    "time.sleep(30)"], stdout=subprocess.PIPE, text=True)
        try:
            # Until the child has run exec, /proc shows the parent's command line.
            self.assertEqual(process.stdout.readline(), "ready\n")
            self.assertTrue(processes.is_alive({"pid": process.pid, "cmd": process.args}))
        finally:
            process.kill()
            process.wait()
            process.stdout.close()
        self.assertFalse(processes.is_alive({"pid": process.pid, "cmd": process.args}))

    def test_failure_tail_starts_at_the_last_start(self):
        with tempfile.NamedTemporaryFile("w", suffix=".log", delete=False) as log:
            log.write(f"{LOG_MARK}a\nold failure\n{LOG_MARK}a\nnew line\n")
        try:
            self.assertEqual(tail_lines(log.name, 20, since_mark=LOG_MARK),
                             [f"{LOG_MARK}a\n", "new line\n"])
        finally:
            os.unlink(log.name)


class KillTests(unittest.TestCase):

    def start(self, code):
        process = subprocess.Popen([sys.executable, "-c", code], start_new_session=True,
                                   stdout=subprocess.PIPE, text=True)
        self.addCleanup(process.stdout.close)
        self.addCleanup(process.wait)
        self.addCleanup(lambda: process.poll() is None and process.kill())
        # Until the child has run exec, /proc shows the parent's command line.
        self.assertEqual(process.stdout.readline(), "ready\n")
        return process

    def test_kills_at_once_a_process_that_ignores_sigterm(self):
        process = self.start("import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
                             "print('ready', flush=True); time.sleep(60)")
        component = {"name": "catalog-1", "pid": process.pid, "cmd": process.args}
        self.assertTrue(processes.is_alive(component))
        survivors = stopping.kill_all([component])
        self.assertEqual(survivors, [])
        self.assertEqual(process.wait(timeout=5), -9)

    def test_never_signals_a_pid_that_runs_another_command(self):
        component = {"name": "catalog-1", "pid": os.getpid(), "cmd": ["java", "-jar", "x.jar"]}
        self.assertEqual(stopping.kill_all([component]), [])

    def test_stop_takes_a_kill_option(self):
        args = cli.parser().parse_args(["stop", "--kill", "catalog-1", "catalog-1-sidecar"])
        self.assertTrue(args.kill)
        self.assertEqual(args.names, ["catalog-1", "catalog-1-sidecar"])
        self.assertFalse(cli.parser().parse_args(["stop", "catalog-1"]).kill)


class CommandLineTests(unittest.TestCase):
    """./mesh itself, as users and the end-to-end tests run it."""

    def mesh(self, *args):
        return subprocess.run([str(REPO / "mesh"), *args], capture_output=True, text=True, timeout=60,
                              env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"))

    def test_an_unknown_command_lists_the_known_ones(self):
        done = self.mesh("restart")
        self.assertEqual(done.returncode, 2)
        self.assertIn("invalid choice: 'restart' (choose from 'up', 'down', 'status', 'stop', 'start', "
                      "'validate', 'logs')", done.stderr)

    def test_no_command_prints_the_help(self):
        done = self.mesh()
        self.assertEqual(done.returncode, 1)
        self.assertIn("commands:", done.stdout)

    def test_a_bad_replicas_value_fails_before_anything_is_created(self):
        with tempfile.TemporaryDirectory() as parent:
            run_dir = Path(parent) / "run"
            done = self.mesh("up", "--replicas", "catalog=11", "--run-dir", str(run_dir))
            self.assertEqual(done.returncode, 1)
            self.assertEqual(done.stderr, f"mesh: error: bad --replicas 'catalog=11': N must be between 1 "
                                          f"and {MAX_REPLICAS}\n")
            self.assertFalse(run_dir.exists())

    def test_a_bad_replicas_item_says_what_is_expected(self):
        done = self.mesh("up", "--replicas", "catalog:2", "--run-dir", "/nonexistent/run")
        self.assertEqual(done.returncode, 1)
        self.assertIn("bad --replicas 'catalog:2': expected SERVICE=N with SERVICE one of catalog, orders, "
                      "payments", done.stderr)
        self.assertIn("hint: e.g. --replicas catalog=2", done.stderr)

    def test_down_of_an_empty_run_dir_has_nothing_to_stop(self):
        with tempfile.TemporaryDirectory() as run_dir:
            done = self.mesh("down", "--run-dir", run_dir)
        self.assertEqual((done.returncode, done.stdout.strip()),
                         (0, f"Nothing to stop: no mesh recorded in {Path(run_dir).resolve()}."))

    def test_stop_of_an_unknown_component_names_the_known_ones(self):
        with tempfile.TemporaryDirectory() as run_dir:
            Path(run_dir, "state.json").write_text(json.dumps(
                {"components": [{"name": "registry", "role": "registry", "pid": None, "cmd": []}]}))
            done = self.mesh("stop", "registy", "--run-dir", run_dir)
        self.assertEqual(done.returncode, 1)
        self.assertIn("mesh: error: unknown component registy", done.stderr)
        self.assertIn("hint: known: registry", done.stderr)


class EurekaTests(unittest.TestCase):

    def test_finds_the_instance_by_inbound_port(self):
        instances = json.loads('[{"port": {"$": 16006, "@enabled": "true"}, "status": "UP"},'
                               ' {"port": {"$": 16016, "@enabled": "true"}, "status": "DOWN"}]')
        self.assertEqual(status.eureka_status(instances, 16016), "DOWN")
        self.assertEqual(status.eureka_status(instances, 16026), "not registered")
        self.assertEqual(status.eureka_status(None, 16006), "registry unreachable")


class RefusedPolicyTests(unittest.TestCase):

    def test_lists_each_route_or_destination_a_member_refused(self):
        rows = [{"name": "gateway", "role": "gateway",
                 "config": {"revision": "abc", "refused": {"catalog": "metadata.retries: takes the keys"}}},
                {"name": "orders-1-sidecar", "role": "sidecar",
                 "config": {"revision": "abc", "refused": {}}},
                {"name": "registry", "role": "registry"}]
        self.assertEqual(status.refused_policies(rows),
                         ["gateway refused the policy of catalog, keeps its previous one: "
                          "metadata.retries: takes the keys"])

    def test_a_member_that_says_nothing_refused_nothing(self):
        self.assertEqual(status.refused_policies([{"name": "gateway", "role": "gateway"}]), [])


if __name__ == "__main__":
    unittest.main()
