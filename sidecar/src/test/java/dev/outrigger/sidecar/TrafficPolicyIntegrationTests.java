package dev.outrigger.sidecar;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The outbound traffic policy of a real sidecar: splits, match rules, faults, mirroring,
 * header and path rewrites.
 */
class TrafficPolicyIntegrationTests extends TrafficPolicyMesh {

	@Test
	void split90To10HoldsOver2000Requests() {
		registerBothVersions("split");
		int requests = 2000;

		assertThat(getConcurrently("/split/weighted", requests)).allSatisfy(
				(response) -> assertThat(response.statusCode()).isEqualTo(200));

		long toV1 = v1.count("/weighted");
		long toV2 = v2.count("/weighted");
		double v2Percent = 100.0 * toV2 / (toV1 + toV2);
		System.out.printf("split 90/10 over %d requests: v1 %d, v2 %d (%.1f %%)%n", requests, toV1, toV2, v2Percent);
		assertThat(toV1 + toV2).isEqualTo(requests);
		assertThat(v2Percent).isCloseTo(10.0, within(3.0));
	}

	@Test
	void aMatchingHeaderOrCookieAlwaysGoesToItsVersion() {
		registerBothVersions("canary");

		for (int i = 0; i < 50; i++) {
			assertThat(this.client.get(sidecar.outbound("/canary/header/" + i), "x-canary", "true").statusCode())
				.isEqualTo(200);
			assertThat(this.client.get(sidecar.outbound("/canary/cookie/" + i), "Cookie", "a=b; canary=1")
				.statusCode()).isEqualTo(200);
			assertThat(this.client.get(sidecar.outbound("/canary/plain/" + i), "x-canary", "false").statusCode())
				.isEqualTo(200);
		}

		assertThat(v2.count("/header/")).isEqualTo(50);
		assertThat(v2.count("/cookie/")).isEqualTo(50);
		assertThat(v1.count("/plain/")).isEqualTo(50);
		assertThat(v1.count("/header/") + v1.count("/cookie/") + v2.count("/plain/")).isZero();
	}

	@Test
	void aSplitVersionWithoutRegisteredInstanceGivesItsWeightToTheOthers() {
		registry.registerVersion("early", "v1", v1.port(), InstanceStatus.UP);
		awaitInstances("early", 1);

		for (int i = 0; i < 50; i++) {
			assertThat(this.client.get(sidecar.outbound("/early/items/" + i)).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void aChosenVersionThatIsDownIsA503NamingServiceAndVersion() {
		registry.registerVersion("down", "v1", v1.port(), InstanceStatus.UP);
		registry.registerVersion("down", "v2", v2.port(), InstanceStatus.DOWN);
		awaitInstances("down", 1);

		HttpResponse<String> response = this.client.get(sidecar.outbound("/down/items/1"), "x-canary", "1");

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("X-Outrigger-Error")).hasValue("no_healthy_instance");
		assertThat(response.body()).contains("version 'v2' of service 'down'");
		assertThat(this.client.get(sidecar.outbound("/down/items/1")).statusCode()).isEqualTo(200);
	}

	@Test
	void halfOfTheRequestsAreAbortedAndTheBreakerStaysClosed() {
		registry.registerVersion("abort", "v1", v1.port(), InstanceStatus.UP);
		awaitInstances("abort", 1);
		int requests = 1000;
		int aborted = 0;

		for (HttpResponse<String> response : getConcurrently("/abort/aborting", requests)) {
			if (response.statusCode() == 503) {
				assertThat(response.headers().firstValue("X-Outrigger-Error")).hasValue("fault_injected");
				assertThat(response.body()).contains("\"error\":\"fault_injected\"");
				aborted++;
			}
			else {
				assertThat(response.statusCode()).isEqualTo(200);
			}
		}

		double percent = 100.0 * aborted / requests;
		System.out.printf("abort 50 %%: %d of %d aborted (%.1f %%)%n", aborted, requests, percent);
		assertThat(percent).isCloseTo(50.0, within(5.0));
	}

	@Test
	void aDelayAddsItsDurationOnlyToMatchingRequests() {
		registry.registerVersion("delay", "v1", v1.port(), InstanceStatus.UP);
		awaitInstances("delay", 1);
		this.client.get(sidecar.outbound("/delay/warm-up"));

		long plain = timeMillis(() -> this.client.get(sidecar.outbound("/delay/items/1")));
		long delayed = timeMillis(() -> this.client.get(sidecar.outbound("/delay/items/1"), "x-chaos", "on"));

		System.out.printf("delay 300 ms: plain call %d ms, delayed call %d ms%n", plain, delayed);
		assertThat(delayed).isBetween(300L, 300L + plain + 400L);
		assertThat(plain).isLessThan(300L);
	}

	@Test
	void theMirrorGetsAboutItsShareOfCopiesWithTheBody() {
		registerBothVersions("mirror");
		int requests = 400;

		for (int i = 0; i < requests; i++) {
			HttpResponse<String> response = this.client.post(sidecar.outbound("/mirror/orders"), "order " + i);
			assertThat(response.statusCode()).isEqualTo(201);
			assertThat(response.body()).isEqualTo("POST /orders\norder " + i);
		}

		AtomicLong seen = new AtomicLong(-1);
		await().pollInterval(Duration.ofMillis(200))
			.atMost(Duration.ofSeconds(5))
			.until(() -> v2.count("/orders") == seen.getAndSet(v2.count("/orders")));
		long copies = v2.count("/orders");
		System.out.printf("mirror 25 %%: %d copies of %d requests (%.1f %%)%n", copies, requests,
				100.0 * copies / requests);
		assertThat(v1.count("/orders")).isEqualTo(requests);
		assertThat(100.0 * copies / requests).isCloseTo(25.0, within(6.0));
		assertThat(v2.lastRequestTo("/orders").body()).startsWith("order ");
		assertThat(v2.lastRequestTo("/orders").header("x-outrigger-caller")).isEqualTo("orders");
	}

	@Test
	void aMirrorThatNeverAnswersChangesNothingForTheCaller() {
		registry.registerVersion("hole", "v1", v1.port(), InstanceStatus.UP);
		registry.registerVersion("hole", "v2", blackHole.getLocalPort(), InstanceStatus.UP);
		awaitInstances("hole", 2);
		this.client.get(sidecar.outbound("/hole/warm-up"));
		long slowest = 0;

		for (int i = 0; i < 150; i++) {
			long start = System.nanoTime();
			HttpResponse<String> response = this.client.get(sidecar.outbound("/hole/items/" + i));
			slowest = Math.max(slowest, (System.nanoTime() - start) / 1_000_000);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).startsWith("GET /items/" + i);
		}

		System.out.printf("mirror to a black hole: 150 calls, slowest %d ms%n", slowest);
		assertThat(slowest).isLessThan(500L);
	}

	@Test
	void headersAndPathAreRewrittenAsThePolicySays() {
		registry.registerVersion("edit", "v1", v1.port(), InstanceStatus.UP);
		awaitInstances("edit", 1);

		HttpResponse<String> response = this.client.get(sidecar.outbound("/edit/old/items/1?q=/old/x"), "x-debug",
				"1", "x-outrigger-caller", "spoofed");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).startsWith("GET /new/items/1?q=/old/x");
		assertThat(response.headers().firstValue("x-served-by")).hasValue("mesh");
		assertThat(response.headers().firstValue("X-Echo-Method")).isEmpty();
		FakeApp.Received received = v1.lastRequestTo("/new/items/1");
		assertThat(received.header("x-env")).isEqualTo("staging");
		assertThat(received.header("x-debug")).isNull();
		assertThat(received.header("x-outrigger-caller")).isEqualTo("orders");
	}

}
