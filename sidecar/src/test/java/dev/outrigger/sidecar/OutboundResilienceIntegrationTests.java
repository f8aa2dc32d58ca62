package dev.outrigger.sidecar;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbound policy of a real sidecar against fake instances registered in a real Eureka
 * server: retries and what they may repeat, the retry budget, the circuit breaker, the
 * caller's deadline and the concurrency limit. Each test uses a destination of its own.
 */
class OutboundResilienceIntegrationTests {

	private static TestRegistry registry;

	private static FakeConfigServer configServer;

	private static FakeApp app;

	private static FakeApp upstream;

	private static FakeApp otherUpstream;

	private static RunningSidecar sidecar;

	private final MeshClient client = MeshClient.direct();

	@BeforeAll
	static void startMesh() {
		registry = new TestRegistry();
		configServer = new FakeConfigServer();
		app = new FakeApp();
		upstream = new FakeApp();
		otherUpstream = new FakeApp();
		sidecar = new RunningSidecar("orders", app.port(), registry, configServer, Map.of(
				"outrigger.sidecar.destinations.flaky.circuit-breaker.enabled", "false",
				"outrigger.sidecar.destinations.flaky.retries.budget-min-per-second", "1",
				"outrigger.sidecar.destinations.flaky.retries.backoff", "1ms",
				"outrigger.sidecar.destinations.flaky.retries.max-backoff", "2ms",
				"outrigger.sidecar.destinations.broken.circuit-breaker.open-for", "1s",
				"outrigger.sidecar.destinations.broken.retries.attempts", "0",
				"outrigger.sidecar.destinations.limited.concurrency-limit", "2",
				"outrigger.sidecar.destinations.limited.timeout", "3s"));
	}

	@AfterAll
	static void stopMesh() {
		sidecar.close();
		otherUpstream.close();
		upstream.close();
		app.close();
		configServer.close();
		registry.close();
	}

	@Test
	void getsAreRetriedOnAnotherInstanceWhenOneRefusesConnections() {
		registry.register("shelf", "shelf-live", upstream.port(), InstanceStatus.UP);
		registry.register("shelf", "shelf-dead", RunningSidecar.freePort(), InstanceStatus.UP);
		awaitInstances("shelf", 2);

		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			statuses.add(this.client.get(sidecar.outbound("/shelf/items/" + i)).statusCode());
		}

		assertThat(statuses).containsOnly(200);
	}

	@Test
	void aPostRetriedAfterAConnectFailureArrivesWithItsWholeBody() {
		registry.register("ledger", "ledger-dead", RunningSidecar.freePort(), InstanceStatus.UP);
		registry.register("ledger", "ledger-live", upstream.port(), InstanceStatus.UP);
		awaitInstances("ledger", 2);
		String body = "x".repeat(10_000);

		for (int i = 0; i < 10; i++) {
			HttpResponse<String> response = this.client.post(sidecar.outbound("/ledger/entries/" + i), body,
					"Content-Type", "text/plain");
			assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
			assertThat(response.body()).isEqualTo("POST /entries/" + i + "\n" + body);
		}
	}

	@Test
	void aPostThatMayHaveBeenProcessedIsRetriedOnlyWithAnIdempotencyKey() {
		registry.register("till", "till-a", upstream.port(), InstanceStatus.UP);
		registry.register("till", "till-b", otherUpstream.port(), InstanceStatus.UP);
		awaitInstances("till", 2);

		HttpResponse<String> plain = this.client.post(sidecar.outbound("/till/fail/plain"), "pay 5");
		HttpResponse<String> keyed = this.client.post(sidecar.outbound("/till/fail/keyed"), "pay 5",
				"Idempotency-Key", "order-17");

		assertThat(plain.statusCode()).isEqualTo(503);
		assertThat(upstream.count("/fail/plain") + otherUpstream.count("/fail/plain")).isEqualTo(1);
		assertThat(keyed.statusCode()).isEqualTo(503);
		// the first attempt and two retries, the retries with the body intact
		assertThat(upstream.count("/fail/keyed") + otherUpstream.count("/fail/keyed")).isEqualTo(3);
		assertThat(upstream.lastRequestTo("/fail/keyed").body()).isEqualTo("pay 5");
	}

	@Test
	void theRetryBudgetCapsAttemptsOnAServiceThatFailsEveryRequest() {
		registry.register("flaky", "flaky-a", upstream.port(), InstanceStatus.UP);
		registry.register("flaky", "flaky-b", otherUpstream.port(), InstanceStatus.UP);
		awaitInstances("flaky", 2);
		long before = upstream.count("/fail/budget") + otherUpstream.count("/fail/budget");
		int requests = 200;
		long start = System.nanoTime();

		for (int i = 0; i < requests; i++) {
			assertThat(this.client.get(sidecar.outbound("/flaky/fail/budget")).statusCode()).isEqualTo(503);
		}

		double seconds = (System.nanoTime() - start) / 1e9;
		long attempts = upstream.count("/fail/budget") + otherUpstream.count("/fail/budget") - before;
		// without a budget: 3 attempts per request; with it: 20 % more, plus the floor set for
		// this destination, 1 per second, which the 10 s window makes available up front
		long floor = (long) Math.ceil(seconds) + 10;
		System.out.printf("retry budget: %d requests -> %d upstream attempts (%.2f x) in %.1f s%n", requests, attempts,
				attempts / (double) requests, seconds);
		assertThat(attempts).isLessThanOrEqualTo((long) (requests * 1.2) + floor);
		assertThat(attempts).isGreaterThan(requests);
	}

	@Test
	void theBreakerOpensOnAFailingServiceAndClosesWhenAnInstanceAnswersAgain() {
		registry.register("broken", "broken-1", RunningSidecar.freePort(), InstanceStatus.UP);
		awaitInstances("broken", 1);

		await().atMost(Duration.ofSeconds(10)).until(() -> "circuit_open"
			.equals(this.client.get(sidecar.outbound("/broken/items/1")).headers().firstValue("X-Outrigger-Error").orElse("")));
		registry.register("broken", "broken-1", upstream.port(), InstanceStatus.UP);

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.client.get(sidecar.outbound("/broken/items/1")).statusCode() == 200);
	}

	@Test
	void theCallersDeadlineCutsTheCallShortAndTravelsOn() {
		registry.register("pantry", "pantry-1", upstream.port(), InstanceStatus.UP);
		awaitInstances("pantry", 1);

		long start = System.nanoTime();
		HttpResponse<String> response = this.client.get(sidecar.outbound("/pantry/slow"), "x-outrigger-deadline-ms",
				"300");
		long tookMillis = (System.nanoTime() - start) / 1_000_000;

		assertThat(response.statusCode()).isEqualTo(504);
		assertThat(response.headers().firstValue("X-Outrigger-Error")).hasValue("upstream_timeout");
		assertThat(tookMillis).isBetween(250L, 900L);
		assertThat(Long.parseLong(upstream.lastRequestTo("/slow").header("x-outrigger-deadline-ms")))
			.isBetween(1L, 300L);
	}

	@Test
	void callsBeyondTheConcurrencyLimitAreRefusedWith503() {
		registry.register("limited", "limited-1", otherUpstream.port(), InstanceStatus.UP);
		awaitInstances("limited", 1);

		List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			calls.add(CompletableFuture.supplyAsync(() -> this.client.get(sidecar.outbound("/limited/slow"))));
		}
		await().atMost(Duration.ofSeconds(2)).until(() -> otherUpstream.slowInFlight() == 2);
		HttpResponse<String> refused = this.client.get(sidecar.outbound("/limited/items/1"));

		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.headers().firstValue("X-Outrigger-Error")).hasValue("concurrency_limit");
		assertThat(refused.body()).contains("more than 2 calls to service 'limited' are in flight");
		assertThat(calls).allSatisfy((call) -> assertThat(call.join().statusCode()).isEqualTo(200));
	}

	private void awaitInstances(String service, int count) {
		await().atMost(Duration.ofSeconds(10)).until(() -> sidecar.context.getBean(
				dev.outrigger.sidecar.outbound.ServiceDirectory.class).endpoints(service).size() == count);
	}

}
