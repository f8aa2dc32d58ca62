package dev.outrigger.e2e.mesh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The mesh under instance failures, with two catalog instances and steady traffic
 * through the gateway and through orders. Every test restores the mesh before and after it.
 * <p>
 * The slow-instance test sets a short deadline: {@code outrigger.sidecar.destinations.catalog.timeout}
 * in {@code orders.yml} for orders' sidecar, and the route's {@code metadata.response-timeout}
 * (ms) in {@code gateway.yml}.
 */
class ResilienceIntegrationTests extends FaultInjectionTests {

	private static final Duration WARM_UP = Duration.ofSeconds(3);

	private static final Duration AFTER_FAULT = Duration.ofSeconds(10);

	private static final Duration AFTER_RESTART = Duration.ofSeconds(5);

	/** Per-destination timeout set for the slow-instance test. */
	private static final Duration CATALOG_TIMEOUT = Duration.ofMillis(500);

	/** What a caller may take beyond the timeout on this shared two-core machine. */
	private static final Duration LATENCY_MARGIN = Duration.ofMillis(300);

	/** Delay of the slow instance: well past the timeout. */
	private static final long SLOW_DELAY_MS = 2000;

	/** The gateway's deadline for an answer (gateway.yml), which a 503 must beat. */
	private static final Duration GATEWAY_TIMEOUT = Duration.ofSeconds(5);

	@Test
	void killedCatalogAppCostsNoRequest() throws Exception {
		LoadReport report = killAndRestart("kill -9 catalog-1 (its sidecar stays)", "catalog-1");
		assertThat(report.failureCounts()).as(report.summary()).isEmpty();
	}

	@Test
	void killedCatalogSidecarCostsNoRequest() throws Exception {
		LoadReport report = killAndRestart("kill -9 catalog-1-sidecar (its app stays)", "catalog-1-sidecar");
		assertThat(report.failureCounts()).as(report.summary()).isEmpty();
	}

	private LoadReport killAndRestart(String label, String component) throws Exception {
		try (SteadyLoad load = SteadyLoad.start(label, 6, 60, calls.itemViaGateway(), calls.quoteViaOrders(),
				calls.itemViaOrdersSidecar())) {
			load.keepRunning(WARM_UP);
			load.mark("kill -9 " + component);
			mesh.kill(component);
			load.keepRunning(AFTER_FAULT);
			load.mark("./mesh start " + component);
			mesh.start(component);
			load.mark(component + " healthy");
			load.keepRunning(AFTER_RESTART);
			return load.stop();
		}
	}

	@Test
	void sigtermedCatalogSidecarCostsNoRequestOfAnyMethod() throws Exception {
		LoadReport report;
		try (SteadyLoad load = SteadyLoad.start("SIGTERM catalog-1-sidecar", 8, 80, calls.itemViaGateway(),
				calls.quoteViaOrders(), calls.reservationViaGateway(Map.of()),
				calls.reservationViaOrdersSidecar(Map.of()), calls.orderViaGateway())) {
			load.keepRunning(WARM_UP);
			load.mark("./mesh stop catalog-1-sidecar (SIGTERM)");
			mesh.stop("catalog-1-sidecar");
			load.mark("catalog-1-sidecar exited");
			load.keepRunning(AFTER_FAULT);
			load.mark("./mesh start catalog-1-sidecar");
			mesh.start("catalog-1-sidecar");
			load.mark("catalog-1-sidecar healthy");
			load.keepRunning(AFTER_RESTART);
			report = load.stop();
		}
		assertThat(report.failureCounts()).as(report.summary()).isEmpty();
	}

	@Test
	void slowInstanceIsCutAtTheTimeoutAndGetsLessTraffic() throws Exception {
		String orders = mesh.configRepo()
			.edit("orders.yml", (yaml) -> yaml + "    destinations:\n      catalog:\n        timeout: "
					+ CATALOG_TIMEOUT.toMillis() + "ms\n", "catalog timeout for orders' sidecar");
		mesh.awaitConfig(orders, "orders-1-sidecar");
		String gateway = mesh.configRepo()
			.edit("gateway.yml", (yaml) -> yaml.replace("              uri: lb://catalog\n",
					"              uri: lb://catalog\n              metadata:\n                response-timeout: "
							+ CATALOG_TIMEOUT.toMillis() + "\n"),
					"catalog route timeout");
		mesh.awaitConfig(gateway, "gateway");
		chaos.delay("catalog-1", SLOW_DELAY_MS);
		Map<String, CatalogChaos.Counts> before = chaos.countsOfAll();
		LoadReport report;
		try (SteadyLoad load = SteadyLoad.start("catalog-1 answers after " + SLOW_DELAY_MS + " ms", 6, 45,
				calls.itemViaGateway(), calls.quoteViaOrders(), calls.itemViaOrdersSidecar())) {
			load.keepRunning(Duration.ofSeconds(20));
			report = load.stop();
		}
		Map<String, CatalogChaos.Counts> after = chaos.countsOfAll();
		long slow = after.get("catalog-1").minus(before.get("catalog-1")).requests();
		long fast = after.get("catalog-2").minus(before.get("catalog-2")).requests();
		System.out.printf("Requests received: slow catalog-1 %d, fast catalog-2 %d (%.0f %% to the slow one)%n", slow,
				fast, 100.0 * slow / Math.max(1, slow + fast));
		Duration bound = CATALOG_TIMEOUT.plus(LATENCY_MARGIN);
		SoftAssertions softly = new SoftAssertions();
		for (String call : List.of(calls.itemViaGateway().name(), calls.quoteViaOrders().name(),
				calls.itemViaOrdersSidecar().name())) {
			softly.assertThat(report.latency(call, 99))
				.as("p99 of %s, bounded by the %d ms timeout + %d ms", call, CATALOG_TIMEOUT.toMillis(),
						LATENCY_MARGIN.toMillis())
				.isLessThanOrEqualTo(bound);
		}
		softly.assertThat(slow)
			.as("requests to the slow catalog-1 vs %d to catalog-2: clearly fewer (at most half)", fast)
			.isLessThanOrEqualTo(fast / 2);
		softly.assertAll();
	}

	@Test
	void withEveryCatalogDownCallersGetFast503sThenAnOpenCircuitThenTrafficBack() throws Exception {
		String gatewayUrl = mesh.url("gateway", "http") + "/api/catalog/items/1";
		String sidecarUrl = mesh.url("orders-1-sidecar", "outbound") + "/catalog/items/1";
		SoftAssertions softly = new SoftAssertions();
		mesh.kill(mesh.catalogInstances().toArray(String[]::new));
		for (String url : List.of(gatewayUrl, sidecarUrl)) {
			long down = System.nanoTime();
			List<DownCall> calls = new ArrayList<>();
			try {
				await().atMost(Duration.ofSeconds(20))
					.pollInterval(Duration.ofMillis(50))
					.until(() -> "circuit_open".equals(DownCall.of(url, calls).code()));
			}
			catch (ConditionTimeoutException ex) {
				softly.fail("%s: no X-Outrigger-Error: circuit_open in %d calls over 20 s while every catalog was down: %s",
						url, calls.size(), DownCall.summary(calls));
			}
			System.out.printf("All catalogs down, %s: %d calls in %d ms: %s%n", url, calls.size(),
					(System.nanoTime() - down) / 1_000_000, DownCall.summary(calls));
			for (DownCall call : calls) {
				softly.assertThat(call.status()).as("%s: every answer a 503: %s", url, call).isEqualTo(503);
				softly.assertThat(call.service()).as("%s: the JSON error names the service: %s", url, call)
					.isEqualTo("catalog");
				softly.assertThat(call.took()).as("%s: answered within the %s deadline: %s", url, GATEWAY_TIMEOUT, call)
					.isLessThanOrEqualTo(GATEWAY_TIMEOUT);
			}
		}
		mesh.start("catalog-1");
		long back = System.nanoTime();
		for (String url : List.of(gatewayUrl, sidecarUrl)) {
			try {
				await().atMost(Duration.ofSeconds(20))
					.pollInterval(Duration.ofMillis(200))
					.until(() -> Http.get(url).status() == 200);
				System.out.printf("catalog-1 back: 200 from %s (circuit closed) %d ms after it was healthy%n", url,
						(System.nanoTime() - back) / 1_000_000);
			}
			catch (ConditionTimeoutException ex) {
				softly.fail("%s: still no 200 20 s after catalog-1 was healthy again; last answer %s", url,
						Http.get(url));
			}
		}
		softly.assertAll();
	}

	/**
	 * One call made while every catalog is down.
	 *
	 * @param status the answer's status
	 * @param code its {@code X-Outrigger-Error}
	 * @param service the {@code service} of its JSON body
	 * @param took how long the answer took
	 */
	private record DownCall(int status, String code, String service, Duration took) {

		static DownCall of(String url, List<DownCall> calls) {
			long start = System.nanoTime();
			Http.Reply reply = Http.get(url);
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			String service;
			try {
				service = reply.json().path("service").asString();
			}
			catch (RuntimeException ex) {
				service = "(no JSON body: " + reply.body() + ")";
			}
			DownCall call = new DownCall(reply.status(), reply.header("X-Outrigger-Error"), service, took);
			calls.add(call);
			return call;
		}

		static Map<String, Long> summary(List<DownCall> calls) {
			Map<String, Long> counts = new java.util.TreeMap<>();
			calls.forEach((call) -> counts.merge(call.status() + " " + call.code(), 1L, Long::sum));
			return counts;
		}

	}

}
