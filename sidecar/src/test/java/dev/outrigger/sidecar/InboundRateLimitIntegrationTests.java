package dev.outrigger.sidecar;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbound rate limit of a real sidecar: a token bucket per calling service
 * ({@code x-outrigger-caller}), 429 with {@code Retry-After} and a JSON error beyond it.
 */
class InboundRateLimitIntegrationTests {

	private static TestRegistry registry;

	private static FakeConfigServer configServer;

	private static FakeApp app;

	private static RunningSidecar sidecar;

	private final MeshClient client = MeshClient.direct();

	@BeforeAll
	static void startMesh() {
		registry = new TestRegistry();
		configServer = new FakeConfigServer();
		app = new FakeApp();
		sidecar = new RunningSidecar("catalog", app.port(), registry, configServer,
				Map.of("outrigger.sidecar.inbound.rate-limit.per-second", "5",
						"outrigger.sidecar.inbound.rate-limit.burst", "10"));
	}

	@AfterAll
	static void stopMesh() {
		sidecar.close();
		app.close();
		configServer.close();
		registry.close();
	}

	@Test
	void aBurstAboveTheLimitIsAnswered429WithRetryAfter() {
		int limited = 0;
		for (int i = 0; i < 40; i++) {
			HttpResponse<String> response = this.client.get(sidecar.inbound("/items/" + i), "x-outrigger-caller",
					"greedy");
			if (response.statusCode() == 429) {
				limited++;
				assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
				assertThat(response.headers().firstValue("X-Outrigger-Error")).hasValue("rate_limited");
				assertThat(response.body()).contains("\"error\":\"rate_limited\"").contains("service 'catalog'");
			}
			else {
				assertThat(response.statusCode()).isEqualTo(200);
			}
		}

		System.out.printf("rate limit 5/s, burst 10: %d of 40 burst requests answered 429%n", limited);
		assertThat(limited).isBetween(15, 30);
	}

	@Test
	void callersUnderTheLimitAreNeverRefused() {
		for (int i = 0; i < 10; i++) {
			HttpResponse<String> response = this.client.get(sidecar.inbound("/items/" + i), "x-outrigger-caller",
					"modest");
			assertThat(response.statusCode()).isEqualTo(200);
		}
	}

}
