package dev.outrigger.e2e.mesh;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retries, at the edge (gateway) and inside the mesh (orders' sidecar, called as the
 * orders app calls it): bounded by a retry budget when everything fails, and safe for POST,
 * which is retried only when it provably never reached the app or carries an
 * {@code Idempotency-Key}.
 */
class RetryIntegrationTests extends FaultInjectionTests {

	/** Share of requests that may be retried. */
	private static final double BUDGET_RATIO = 0.2;

	/** The retry budget's sliding window. */
	private static final double BUDGET_WINDOW_SECONDS = 10;

	/** Retries allowed per second whatever the traffic, so that a quiet service can still retry. */
	private static final double BUDGET_FLOOR_PER_SECOND = 10;

	@Test
	void retryBudgetBoundsUpstreamAttemptsWhenEveryCatalogFails() {
		mesh.catalogInstances().forEach((instance) -> chaos.fail(instance, 503));
		SoftAssertions softly = new SoftAssertions();
		for (SteadyLoad.Call call : new SteadyLoad.Call[] { calls.itemViaGateway(), calls.itemViaOrdersSidecar() }) {
			Map<String, CatalogChaos.Counts> before = chaos.countsOfAll();
			LoadReport report;
			try (SteadyLoad load = SteadyLoad.start("every catalog answers 503: " + call.name(), 5, 50, call)) {
				load.keepRunning(Duration.ofSeconds(10));
				report = load.stop();
			}
			long attempts = CatalogChaos.Counts.sinceBefore(before, chaos.countsOfAll()).requests();
			double seconds = report.duration().toMillis() / 1000.0;
			// The floor is 10/s over the budget's 10 s window, so up to 100 of it may be spent at
			// once: the bound counts the window on top of the test's own duration.
			double allowed = (1 + BUDGET_RATIO) * report.requests()
					+ BUDGET_FLOOR_PER_SECOND * (seconds + BUDGET_WINDOW_SECONDS);
			System.out.printf("%s: %d client requests in %.1f s, %d upstream attempts: %.2f attempts per request "
					+ "(allowed %.0f = 1.2 x requests + %.0f/s x (duration + 10 s window))%n", call.name(), report.requests(), seconds,
					attempts, (double) attempts / report.requests(), allowed, BUDGET_FLOOR_PER_SECOND);
			softly.assertThat((double) attempts)
				.as("%s: upstream attempts for %d requests in %.1f s", call.name(), report.requests(), seconds)
				.isLessThanOrEqualTo(allowed);
		}
		softly.assertAll();
	}

	@Test
	void postRetriedAfterAConnectFailureArrivesWhole() throws Exception {
		SoftAssertions softly = new SoftAssertions();
		// the app dies, its sidecar stays: the sidecar cannot connect to the app
		LoadReport appKilled = postsAfter("kill -9 catalog-1 (its sidecar stays)", "catalog-1");
		softly.assertThat(appKilled.failureCounts()).as(appKilled.summary()).isEmpty();
		recovery.restore();
		// the sidecar dies: callers cannot connect to it until the registry drops it
		LoadReport sidecarKilled = postsAfter("kill -9 catalog-1-sidecar (its app stays)", "catalog-1-sidecar");
		softly.assertThat(sidecarKilled.failureCounts()).as(sidecarKilled.summary()).isEmpty();
		softly.assertAll();
	}

	/**
	 * POSTs to both catalogs, then {@code component} is killed between two requests and the
	 * POSTs go on while callers still list catalog-1: each of its turns is a connect failure.
	 * A POST in flight at the moment of a crash may have reached the app and is rightly not
	 * retried without a key, so the kill happens with nothing in flight.
	 */
	private LoadReport postsAfter(String label, String component) throws Exception {
		SteadyLoad.Call[] posts = { calls.reservationViaGateway(Map.of()), calls.reservationViaOrdersSidecar(Map.of()) };
		Map<String, CatalogChaos.Counts> before = chaos.countsOfAll();
		long toCatalog1 = 0;
		// callers may still eject catalog-1 after the previous fault (10 s, then longer): warm up
		// until it takes traffic again
		for (int round = 0; round < 15 && toCatalog1 == 0; round++) {
			try (SteadyLoad warmUp = SteadyLoad.start(label + ": warm-up", 4, 40, posts)) {
				warmUp.keepRunning(Duration.ofSeconds(2));
				warmUp.stop();
			}
			toCatalog1 = chaos.countsOfAll().get("catalog-1").minus(before.get("catalog-1")).post();
		}
		System.out.printf("[%s] warm-up: catalog-1 received %d POSTs%n", label, toCatalog1);
		assertThat(toCatalog1).as("%s: catalog-1 is one of the callers' choices before it dies", label).isPositive();
		mesh.kill(component);
		try (SteadyLoad load = SteadyLoad.start(label + ", then 10 KiB POSTs without Idempotency-Key", 4, 40, posts)) {
			load.keepRunning(Duration.ofSeconds(8));
			return load.stop();
		}
	}

	@Test
	void postThatReachedTheCatalogIsRetriedOnlyWithAnIdempotencyKey() {
		mesh.catalogInstances().forEach((instance) -> chaos.fail(instance, 503));
		SoftAssertions softly = new SoftAssertions();
		String gateway = mesh.url("gateway", "http") + "/api/catalog/items/1/reservations";
		String sidecar = mesh.url("orders-1-sidecar", "outbound") + "/catalog/items/1/reservations";
		int posts = 3;
		for (String url : new String[] { gateway, sidecar }) {
			long plain = postsReceived(url, posts, false, softly);
			System.out.printf("%s: %d POSTs without Idempotency-Key answered 503 by the catalog: %d reached it%n", url,
					posts, plain);
			softly.assertThat(plain).as("%s: POSTs without Idempotency-Key that reached a catalog: never retried", url)
				.isEqualTo(posts);
			long keyed = postsReceived(url, posts, true, softly);
			System.out.printf("%s: %d POSTs with Idempotency-Key answered 503 by the catalog: %d reached it%n", url,
					posts, keyed);
			softly.assertThat(keyed).as("%s: POSTs with an Idempotency-Key that reached a catalog: retried", url)
				.isGreaterThan(posts);
		}
		softly.assertAll();
	}

	/** Sends {@code count} POSTs one after another; returns how many the catalogs received. */
	private static long postsReceived(String url, int count, boolean idempotencyKey, SoftAssertions softly) {
		Map<String, CatalogChaos.Counts> before = chaos.countsOfAll();
		for (int i = 0; i < count; i++) {
			Map<String, String> headers = idempotencyKey ? Map.of("Idempotency-Key", UUID.randomUUID().toString())
					: Map.of();
			Http.Reply reply = Http.post(url, ShopCalls.LARGE_BODY, headers);
			softly.assertThat(reply.status()).as("POST %s while every catalog answers 503: %s", url, reply)
				.isEqualTo(503);
		}
		return CatalogChaos.Counts.sinceBefore(before, chaos.countsOfAll()).post();
	}

}
