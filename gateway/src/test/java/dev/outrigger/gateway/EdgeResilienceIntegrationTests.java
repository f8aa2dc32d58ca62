package dev.outrigger.gateway;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The edge's retries, retry budget, deadline and concurrency limit, in front of fake
 * instances (some refusing connections, some failing) found through the simple discovery
 * client.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "eureka.client.enabled=false", "outrigger.config-watch.enabled=false",
				"management.tracing.export.enabled=false",
				"spring.cloud.gateway.server.webflux.httpclient.connect-timeout=1000",
				"spring.cloud.gateway.server.webflux.httpclient.response-timeout=5s",
				"spring.cloud.gateway.server.webflux.loadbalancer.use404=false",
				"outrigger.gateway.retries.budget-min-per-second=1",
				"outrigger.gateway.retries.backoff=1ms", "outrigger.gateway.retries.max-backoff=2ms",
				"spring.cloud.gateway.server.webflux.routes[0].id=shelf",
				"spring.cloud.gateway.server.webflux.routes[0].uri=lb://shelf",
				"spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/api/shelf/**",
				"spring.cloud.gateway.server.webflux.routes[0].filters[0]=StripPrefix=2",
				"spring.cloud.gateway.server.webflux.routes[1].id=till",
				"spring.cloud.gateway.server.webflux.routes[1].uri=lb://till",
				"spring.cloud.gateway.server.webflux.routes[1].predicates[0]=Path=/api/till/**",
				"spring.cloud.gateway.server.webflux.routes[1].filters[0]=StripPrefix=2",
				"spring.cloud.gateway.server.webflux.routes[2].id=flaky",
				"spring.cloud.gateway.server.webflux.routes[2].uri=lb://flaky",
				"spring.cloud.gateway.server.webflux.routes[2].predicates[0]=Path=/api/flaky/**",
				"spring.cloud.gateway.server.webflux.routes[2].filters[0]=StripPrefix=2",
				"spring.cloud.gateway.server.webflux.routes[3].id=limited",
				"spring.cloud.gateway.server.webflux.routes[3].uri=lb://limited",
				"spring.cloud.gateway.server.webflux.routes[3].predicates[0]=Path=/api/limited/**",
				"spring.cloud.gateway.server.webflux.routes[3].filters[0]=StripPrefix=2",
				"spring.cloud.gateway.server.webflux.routes[3].metadata.concurrency-limit=1",
				"spring.cloud.gateway.server.webflux.routes[3].metadata.response-timeout=1500",
				"spring.cloud.gateway.server.webflux.routes[4].id=timed",
				"spring.cloud.gateway.server.webflux.routes[4].uri=lb://timed",
				"spring.cloud.gateway.server.webflux.routes[4].predicates[0]=Path=/api/timed/**",
				"spring.cloud.gateway.server.webflux.routes[4].filters[0]=StripPrefix=2",
				"spring.cloud.gateway.server.webflux.routes[4].metadata.response-timeout=2s",
				"spring.cloud.gateway.server.webflux.routes[4].metadata.connect-timeout=1s",
				"spring.cloud.gateway.server.webflux.routes[4].metadata.retries.attempts=0" })
class EdgeResilienceIntegrationTests {

	private static final FakeUpstream upstream = FakeUpstream.start();

	private static final FakeUpstream otherUpstream = FakeUpstream.start();

	private static final FakeConfigServer configServer = FakeConfigServer.start();

	static {
		configServer.useAsConfigServerOfTheNextGateway();
	}

	@LocalServerPort
	private int port;

	private EdgeClient edge;

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		String instances = "spring.cloud.discovery.client.simple.instances.";
		registry.add(instances + "shelf[0].uri", FakeUpstream::refusingUri);
		registry.add(instances + "shelf[1].uri", upstream::uri);
		registry.add(instances + "till[0].uri", upstream::uri);
		registry.add(instances + "till[1].uri", otherUpstream::uri);
		registry.add(instances + "flaky[0].uri", upstream::uri);
		registry.add(instances + "flaky[1].uri", otherUpstream::uri);
		registry.add(instances + "limited[0].uri", otherUpstream::uri);
		registry.add(instances + "timed[0].uri", otherUpstream::uri);
	}

	@AfterAll
	static void stopFakes() {
		upstream.close();
		otherUpstream.close();
		configServer.close();
	}

	@BeforeEach
	void connect() {
		this.edge = new EdgeClient(this.port);
	}

	@Test
	void getsAreRetriedOnAnotherInstanceWhenOneRefusesConnections() {
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			statuses.add(this.edge.get("/api/shelf/items/" + i).statusCode());
		}

		assertThat(statuses).containsOnly(200);
	}

	@Test
	void aPostRetriedAfterAConnectFailureArrivesWithItsWholeBody() {
		String body = "x".repeat(10_000);

		for (int i = 0; i < 10; i++) {
			HttpResponse<String> response = this.edge.post("/api/shelf/entries/" + i, body, "Content-Type",
					"text/plain");
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("{\"path\":\"/entries/" + i + "\",\"bodyLength\":10000}");
		}
	}

	@Test
	void aPostThatMayHaveBeenProcessedIsRetriedOnlyWithAnIdempotencyKey() {
		HttpResponse<String> plain = this.edge.post("/api/till/fail/plain", "pay 5");
		HttpResponse<String> keyed = this.edge.post("/api/till/fail/keyed", "pay 5", "Idempotency-Key", "order-17");

		assertThat(plain.statusCode()).isEqualTo(503);
		assertThat(upstream.received("/fail/plain").size() + otherUpstream.received("/fail/plain").size())
			.isEqualTo(1);
		assertThat(keyed.statusCode()).isEqualTo(503);
		List<FakeUpstream.Received> attempts = new ArrayList<>(upstream.received("/fail/keyed"));
		attempts.addAll(otherUpstream.received("/fail/keyed"));
		assertThat(attempts).hasSize(3).allSatisfy((attempt) -> assertThat(attempt.bodyLength()).isEqualTo(5));
	}

	@Test
	void theRetryBudgetCapsAttemptsOnAServiceThatFailsEveryRequest() {
		int requests = 200;
		long start = System.nanoTime();

		for (int i = 0; i < requests; i++) {
			assertThat(this.edge.get("/api/flaky/fail/budget").statusCode()).isEqualTo(503);
		}

		double seconds = (System.nanoTime() - start) / 1e9;
		long attempts = upstream.received("/fail/budget").size() + otherUpstream.received("/fail/budget").size();
		System.out.printf("edge retry budget: %d requests -> %d upstream attempts (%.2f x) in %.1f s%n", requests,
				attempts, attempts / (double) requests, seconds);
		// 20 % of the requests, plus the floor of 1 per second that the 10 s window offers up front
		assertThat(attempts).isLessThanOrEqualTo((long) (requests * 1.2) + (long) Math.ceil(seconds) + 10);
		assertThat(attempts).isGreaterThan(requests);
	}

	@Test
	void routeTimeoutsWrittenAsDurationsAreServedAndBecomeTheRoutesDeadline() {
		HttpResponse<String> response = this.edge.get("/api/timed/items/timed");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(otherUpstream.received("/items/timed")).singleElement()
			.satisfies((request) -> assertThat(Long.parseLong(request.deadline())).isBetween(1000L, 2000L));
	}

	@Test
	void theRemainingDeadlineTravelsToTheInstance() {
		assertThat(this.edge.get("/api/till/items/deadline").statusCode()).isEqualTo(200);

		List<FakeUpstream.Received> received = new ArrayList<>(upstream.received("/items/deadline"));
		received.addAll(otherUpstream.received("/items/deadline"));
		assertThat(received).singleElement()
			.satisfies((request) -> assertThat(Long.parseLong(request.deadline())).isBetween(4000L, 5000L));
	}

	@Test
	void requestsBeyondARoutesConcurrencyLimitAreRefusedWith503() {
		CompletableFuture<HttpResponse<String>> hanging = CompletableFuture
			.supplyAsync(() -> this.edge.get("/api/limited/hang"));
		await().atMost(Duration.ofSeconds(5)).until(() -> !otherUpstream.received("/hang").isEmpty());

		HttpResponse<String> refused = this.edge.get("/api/limited/items/1");

		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.headers().firstValue("X-Outrigger-Error")).hasValue("concurrency_limit");
		assertThat(refused.body()).contains("more than 1 calls to service 'limited' are in flight");
		assertThat(hanging.join().statusCode()).isEqualTo(504);
	}

}
