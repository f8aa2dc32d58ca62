"""Rules for the arithmetic of bench/run's report: what wrk says, medians, ratios against nginx
and the direct call, added latency per hop, CPU per request, start-up samples, budget lines."""

import sys
import tempfile
import unittest
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

from outrigger.bench import load, maths, report  # noqa: E402
from outrigger.bench.settings import PATHS  # noqa: E402

WRK_OUTPUT = """\
Running 5s test @ http://127.0.0.1:40001/data
  1 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.02ms  312.50us   9.87ms   91.20%
    Req/Sec    31.20k     1.10k   33.01k    72.00%
  Latency Distribution
     50%  812.00us
     75%    1.10ms
     90%    1.35ms
     99%    2.01s
  155012 requests in 5.00s, 170.32MB read
  Socket errors: connect 0, read 2, write 1, timeout 3
  Non-2xx or 3xx responses: 4
Requests/sec:  31002.40
Transfer/sec:     34.06MB
"""


def startup(variant, sample, ready, registered, disturbed=False, component="sidecar"):
    return {"component": component, "variant": variant, "sample": sample, "ready_s": ready,
            "registered_s": registered, "disturbed": disturbed}


class WrkTests(unittest.TestCase):

    def test_reads_throughput_requests_and_errors(self):
        result = load.parse_wrk(WRK_OUTPUT)
        self.assertEqual(result["rps"], 31002.40)
        self.assertEqual(result["requests"], 155012)
        self.assertEqual(result["non2xx"], 4)
        self.assertEqual(result["socket_errors"], 6)

    def test_percentiles_are_in_milliseconds_whatever_unit_wrk_chose(self):
        result = load.parse_wrk(WRK_OUTPUT)
        self.assertAlmostEqual(result["p50_ms"], 0.812)
        self.assertAlmostEqual(result["p99_ms"], 2010.0)

    def test_durations_of_every_unit(self):
        self.assertAlmostEqual(load.parse_duration_ms("250.00us"), 0.25)
        self.assertAlmostEqual(load.parse_duration_ms("1.5ms"), 1.5)
        self.assertAlmostEqual(load.parse_duration_ms("2s"), 2000.0)
        self.assertAlmostEqual(load.parse_duration_ms("1.5m"), 90000.0)
        self.assertIsNone(load.parse_duration_ms("fast"))

    def test_a_failed_run_has_no_throughput(self):
        result = load.parse_wrk("unable to connect to 127.0.0.1:1 Connection refused\n")
        self.assertIsNone(result["rps"])
        self.assertIsNone(result["p50_ms"])


class ArithmeticTests(unittest.TestCase):

    def test_median_leaves_out_runs_that_measured_nothing(self):
        self.assertEqual(maths.median_rps([{"rps": 100.0}, {"rps": None}, {"rps": 300.0}, {"rps": 200.0}]), 200.0)
        self.assertIsNone(maths.median_rps([{"rps": None}]))

    def test_ratio_needs_both_numbers(self):
        self.assertAlmostEqual(maths.ratio(18000, 30000), 0.6)
        self.assertIsNone(maths.ratio(None, 30000))
        self.assertIsNone(maths.ratio(18000, 0))

    def test_added_latency_may_be_negative_but_not_invented(self):
        self.assertAlmostEqual(maths.added(0.35, 0.25), 0.10)
        self.assertAlmostEqual(maths.added(0.20, 0.25), -0.05)
        self.assertIsNone(maths.added(None, 0.25))

    def test_latency_of_a_two_hop_path_is_shared_by_its_hops(self):
        self.assertAlmostEqual(maths.per_hop(1.25, 0.25, 2), 0.5)
        self.assertIsNone(maths.per_hop(1.25, None, 2))

    def test_cpu_per_thousand_requests_is_cores_at_a_thousand_per_second(self):
        self.assertAlmostEqual(maths.per_thousand(2.4, 24000), 0.1)
        self.assertIsNone(maths.per_thousand(2.4, 0))
        self.assertIsNone(maths.per_thousand(None, 24000))

    def test_kib_to_mib_and_missing_memory(self):
        self.assertEqual(maths.mib(131072), 128.0)
        self.assertIsNone(maths.mib(0))

    def test_numbers_print_with_thousands_and_missing_ones_as_na(self):
        self.assertEqual(maths.fmt(31002.4, 0), "31,002")
        self.assertEqual(maths.fmt(0.1234, 3), "0.123")
        self.assertEqual(maths.fmt(None), "n/a")


class StartupSampleTests(unittest.TestCase):

    def test_ready_and_registered_is_the_later_of_the_two(self):
        value, detail = maths.ready_registered([startup("java17", 1, 2.0, 2.6)], "java17", quick=False)
        self.assertEqual(value, 2.6)
        self.assertEqual(detail, "median of 1 undisturbed sample")

    def test_disturbed_samples_are_left_out_while_quiet_ones_exist(self):
        samples = [startup("java17", 1, 2.0, 2.5), startup("java17", 2, 9.0, 9.5, disturbed=True),
                   startup("java17", 3, 2.2, 2.7)]
        value, detail = maths.ready_registered(samples, "java17", quick=False)
        self.assertAlmostEqual(value, 2.6)
        self.assertEqual(detail, "median of 2 undisturbed samples; 1 disturbed sample(s) left out")

    def test_all_disturbed_uses_them_all_and_says_so(self):
        samples = [startup("java17", 1, 4.0, 4.0, True), startup("java17", 2, 6.0, 6.0, True)]
        value, detail = maths.ready_registered(samples, "java17", quick=False)
        self.assertEqual(value, 5.0)
        self.assertEqual(detail, "median of 2 samples; all samples disturbed")

    def test_without_dedicated_samples_the_load_test_instance_counts(self):
        value, detail = maths.ready_registered([startup("java17", 0, 3.0, 3.5)], "java17", quick=True)
        self.assertEqual(value, 3.5)
        self.assertIn("the load-test instance, started with 2 other JVMs", detail)

    def test_a_variant_not_run_is_not_measured(self):
        self.assertEqual(maths.ready_registered([], "java25+aot", quick=True), (None, "not measured (--quick)"))

    def test_gateway_samples_do_not_count_for_the_sidecar(self):
        samples = [startup("java17", 1, 1.0, None, component="gateway")]
        self.assertIsNone(maths.ready_registered(samples, "java17", quick=False)[0])


class NoiseTests(unittest.TestCase):

    def test_quiet_runs_say_nothing(self):
        self.assertEqual(maths.disturbed_summary([{"others_pct": 2.0}, {}]), "")

    def test_counts_the_disturbed_runs_and_the_worst(self):
        runs = [{"others_pct": 2.0}, {"others_pct": 10.0}, {"others_pct": 37.4}]
        self.assertEqual(maths.disturbed_summary(runs),
                         "other processes used 10 % or more of the CPUs during 2 of 3 measurements (up to 37 %)")


class BudgetTests(unittest.TestCase):

    def lines(self, rps=None, latency=None, rss=None, cpu=None, samples=()):
        if rps is None:
            rps = {"1-direct": 40000.0, "2-nginx": 30000.0, "4-sidecar": 18000.0, "6-gateway": 14000.0}
        if latency is None:
            latency = {"1-direct": {"p50": 0.2, "p99": 0.5}, "4-sidecar": {"p50": 0.6, "p99": 2.6},
                       "5-mesh": {"p50": 1.3, "p99": 4.5}}
        if rss is None:
            rss = {"sidecar-bench": 100 * 1024}
        if cpu is None:
            cpu = {("4-sidecar", "sidecar-bench"): (2.4, 24000)}
        rows = maths.budget(rps, latency, rss, cpu, list(samples), 1000, quick=False)
        return {metric: (value, ok, detail) for metric, _, value, _, ok, detail in rows}

    def test_sidecar_throughput_is_met_at_sixty_percent_of_nginx(self):
        value, ok, detail = self.lines()["one sidecar hop, max req/s vs nginx"]
        self.assertAlmostEqual(value, 0.6)
        self.assertTrue(ok)
        self.assertEqual(detail, "18,000 / 30,000 req/s")
        rps = {"1-direct": 40000.0, "2-nginx": 30000.0, "4-sidecar": 17999.0, "6-gateway": 14000.0}
        self.assertFalse(self.lines(rps=rps)["one sidecar hop, max req/s vs nginx"][1])

    def test_gateway_throughput_is_measured_against_the_direct_call(self):
        value, ok, _ = self.lines()["edge gateway (path 6), max req/s vs direct"]
        self.assertAlmostEqual(value, 0.35)
        self.assertTrue(ok)

    def test_added_latency_per_hop_for_one_and_two_hops(self):
        lines = self.lines()
        one = lines["added latency per hop at 1000 req/s, p50, path 4 - direct"]
        two = lines["added latency per hop at 1000 req/s, p50, (path 5 - direct) / 2"]
        self.assertAlmostEqual(one[0], 0.4)
        self.assertTrue(one[1])
        self.assertAlmostEqual(two[0], 0.55)
        self.assertFalse(two[1])
        self.assertEqual(two[2], "(1.300 - 0.200) / 2 ms")

    def test_p99_budget_is_two_milliseconds_per_hop(self):
        lines = self.lines()
        self.assertAlmostEqual(lines["added latency per hop at 1000 req/s, p99, (path 5 - direct) / 2"][0], 2.0)
        self.assertTrue(lines["added latency per hop at 1000 req/s, p99, (path 5 - direct) / 2"][1])
        self.assertFalse(lines["added latency per hop at 1000 req/s, p99, path 4 - direct"][1])

    def test_sidecar_memory_has_a_budget_and_a_stretch_goal(self):
        metric = "sidecar RSS under load (peak, sidecar(bench))"
        self.assertEqual(self.lines(rss={"sidecar-bench": 100 * 1024})[metric], (100.0, True, "stretch not met"))
        self.assertEqual(self.lines(rss={"sidecar-bench": 96 * 1024})[metric], (96.0, True, "stretch met"))
        self.assertFalse(self.lines(rss={"sidecar-bench": 129 * 1024})[metric][1])

    def test_sidecar_cpu_per_thousand_requests(self):
        value, ok, detail = self.lines()["sidecar CPU per 1000 req/s (path 4 at 1000 req/s)"]
        self.assertAlmostEqual(value, 0.1)
        self.assertTrue(ok)
        self.assertEqual(detail, "2.40 CPU s for 24000 requests")

    def test_start_up_budget_per_variant(self):
        lines = self.lines(samples=[startup("java25+aot", 1, 0.8, 1.1), startup("java17", 1, 2.5, 2.9)])
        self.assertFalse(lines["sidecar ready + registered UP, java25+aot"][1])
        self.assertTrue(lines["sidecar ready + registered UP, java17"][1])

    def test_what_was_not_measured_is_never_met(self):
        lines = self.lines(rps={"2-nginx": 30000.0}, latency={"1-direct": {"p50": 0.2}}, rss={}, cpu={})
        self.assertTrue(lines)
        for metric, (value, ok, _) in lines.items():
            with self.subTest(metric):
                self.assertIsNone(value)
                self.assertFalse(ok)


if __name__ == "__main__":
    unittest.main()


class ReportTests(unittest.TestCase):
    """The results files of a run, written from made-up measurements."""

    def bench(self):
        labels = [label for label, _, _ in PATHS]
        wrk = {label: [{"rps": rps, "non2xx": 0, "socket_errors": 0, "p50_ms": 0.5, "p99_ms": 1.0,
                        "others_pct": 1.0}] for label, rps in zip(labels, (40000.0, 30000.0, 29000.0, 18000.0,
                                                                          9000.0, 14000.0))}
        totals = {label: {"p50": 0.2 + i / 10, "p90": 0.3, "p99": 0.5 + i / 10, "p99_9": 1.0, "max": 2.0,
                          "mean": 0.3, "count": 8000, "errors": 0, "badStatus": 0, "curve": [[50.0, 0.2]]}
                  for i, label in enumerate(labels)}
        rate_runs = {label: [{"p50": 0.2, "p99": 0.5, "max": 2.0, "others_pct": 12.0 if label == "5-mesh"
                              else 1.0}] for label in labels}
        return SimpleNamespace(
            timestamp="20260101-120000", wall=120.0, args=SimpleNamespace(quick=True, rate=1000),
            mode={"rounds": 1, "wrk_s": 3, "rate_s": 3, "rate_warmup_s": 0.5, "warmup_s": 1}, wrk=wrk,
            rate_runs=rate_runs, totals=totals, warmup={label: [100.0, 200.0] for label in labels},
            cpu={("4-sidecar", "sidecar-bench"): (2.4, 24000)}, rss_peak={"sidecar-bench": 100 * 1024},
            rss_peak_path={}, rss_idle={}, rss_after={}, idle_cpu={},
            startup=[dict(startup("java17", 0, 3.0, 3.5), note="load-test instance")], jfr={}, machine=lambda: "2 CPUs", pin=True,
            flags={"sidecar": ["-Xmx64m"], "gateway": ["-Xmx256m"]}, jvm_env={"MALLOC_ARENA_MAX": "2"},
            versions={"java17": "OpenJDK 17"}, notes=[], java17="false", classes=Path("/nonexistent"))

    def test_writes_markdown_and_csv_with_the_budget_and_the_ratios(self):
        with tempfile.TemporaryDirectory() as results, mock.patch.object(report, "RESULTS", Path(results)), \
                mock.patch.object(report, "log"):
            bench = self.bench()
            md, csv, png, budget, disturbed = report.Report(bench).write()
            text, rows = md.read_text(), csv.read_text().splitlines()
        self.assertIn("| one sidecar hop, max req/s vs nginx | >= 0.60 x | 0.60 x | yes | 18,000 / 30,000 req/s |",
                      text)
        self.assertIn("| 6-gateway | 14,000 | 14,000 | 0.35 | 0.47 | 0 |", text)
        self.assertIn("| 4-sidecar | 0.500 | 0.300 | 0.800 |", text)
        self.assertTrue(any(note.startswith("chart failed") for note in bench.notes))
        self.assertEqual(rows[0], "section,subject,metric,value,unit")
        self.assertIn("throughput,2-nginx,rps_median,30000,req/s", rows)
        self.assertIn("budget,one sidecar hop; max req/s vs nginx,met,1,", rows)
        self.assertEqual(disturbed, "other processes used 10 % or more of the CPUs during 1 of 6 measurements "
                                    "(up to 12 %)")
        self.assertEqual(len(budget), 11)
