package dev.outrigger.gateway;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Route metadata's rate limit with this gateway's own token buckets. */
@EdgeIntegrationTest
class EdgeRateLimitIntegrationTests {

	private static final FakeUpstream upstream = FakeUpstream.start();

	@LocalServerPort
	private int port;

	private EdgeClient edge;

	@DynamicPropertySource
	static void routes(DynamicPropertyRegistry registry) {
		new TestRoutes().route("quota", "rate-limit.per-second", "0.5", "rate-limit.burst", "5")
			.route("pool", "rate-limit.per-second", "0.5", "rate-limit.burst", "4", "rate-limit.per-caller", "false")
			.route("roomy", "rate-limit.per-second", "1000", "rate-limit.burst", "100")
			.register(registry);
		for (String service : List.of("quota", "pool", "roomy")) {
			TestRoutes.instance(registry, service, 0, upstream.uri(), "v1");
		}
	}

	@AfterAll
	static void stopFakes() {
		upstream.close();
	}

	@BeforeEach
	void connect() {
		this.edge = new EdgeClient(this.port);
	}

	@Test
	void aBurstAboveTheLimitIsRefusedWith429AndRetryAfterPerApiKey() {
		List<HttpResponse<String>> alice = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			alice.add(this.edge.get("/api/quota/items/" + i, "X-Api-Key", "alice"));
		}
		HttpResponse<String> bob = this.edge.get("/api/quota/items/bob", "X-Api-Key", "bob");

		List<Integer> statuses = alice.stream().map(HttpResponse::statusCode).toList();
		System.out.println("edge rate limit burst 5: 8 requests of one key -> " + statuses);
		assertThat(statuses.subList(0, 5)).containsOnly(200);
		assertThat(alice.subList(5, 8)).allSatisfy((refused) -> {
			assertThat(refused.statusCode()).isEqualTo(429);
			assertThat(refused.headers().firstValue("X-Outrigger-Error")).hasValue("rate_limited");
			assertThat(refused.body()).contains("\"error\":\"rate_limited\"");
			assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 2L);
		});
		assertThat(bob.statusCode()).isEqualTo(200);
		assertThat(upstream.received("/items/")).hasSize(6);
	}

	@Test
	void withoutPerCallerEveryoneSharesOneBucket() {
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			statuses.add(this.edge.get("/api/pool/a/" + i, "X-Api-Key", "alice").statusCode());
			statuses.add(this.edge.get("/api/pool/b/" + i, "X-Api-Key", "bob").statusCode());
		}

		assertThat(statuses).containsExactly(200, 200, 200, 200, 429, 429);
	}

	@Test
	void requestsUnderTheLimitAreNeverRefused() {
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 80; i++) {
			statuses.add(this.edge.get("/api/roomy/roomy/" + i).statusCode());
		}

		assertThat(statuses).containsOnly(200);
	}

}
