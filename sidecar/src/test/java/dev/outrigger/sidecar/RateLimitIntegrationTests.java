package dev.outrigger.sidecar;

import java.net.http.HttpResponse;

import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Rate limits of a real sidecar: inbound per caller, and outbound per destination. */
class RateLimitIntegrationTests extends TrafficPolicyMesh {

	@Test
	void aBurstAboveTheInboundLimitIsAnswered429WithRetryAfterButOnlyForThatCaller() {
		int limited = 0;
		for (int i = 0; i < 40; i++) {
			HttpResponse<String> response = this.client.get(sidecar.inbound("/limited/" + i), "x-outrigger-caller",
					"greedy");
			if (response.statusCode() == 429) {
				limited++;
				assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
				assertThat(response.headers().firstValue("X-Outrigger-Error")).hasValue("rate_limited");
				assertThat(response.body()).contains("\"error\":\"rate_limited\"").contains("service 'orders'");
			}
			else {
				assertThat(response.statusCode()).isEqualTo(200);
			}
		}

		System.out.printf("inbound rate limit 5/s, burst 10: %d of 40 burst requests answered 429%n", limited);
		assertThat(limited).isBetween(15, 30);
		// another caller, under the limit, has a bucket of its own
		for (int i = 0; i < 10; i++) {
			assertThat(this.client.get(sidecar.inbound("/modest/" + i), "x-outrigger-caller", "modest").statusCode())
				.isEqualTo(200);
		}
	}

	@Test
	void callsToADestinationAboveItsLimitAreAnswered429() {
		registry.registerVersion("quota", "v1", v1.port(), InstanceStatus.UP);
		awaitInstances("quota", 1);

		long limited = getConcurrently("/quota/items/1", 10).stream()
			.filter((response) -> response.statusCode() == 429
					&& response.headers().firstValue("X-Outrigger-Error").orElse("").equals("rate_limited"))
			.count();

		assertThat(limited).isBetween(6L, 7L);
	}

}
