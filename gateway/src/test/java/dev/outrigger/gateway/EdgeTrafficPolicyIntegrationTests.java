package dev.outrigger.gateway;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Route metadata's version split and match rules, injected faults and a refused policy, in
 * front of fake instances of two versions found through the simple discovery client.
 */
@ExtendWith(OutputCaptureExtension.class)
@EdgeIntegrationTest
class EdgeTrafficPolicyIntegrationTests {

	private static final FakeUpstream v1 = FakeUpstream.start();

	private static final FakeUpstream v2 = FakeUpstream.start();

	@LocalServerPort
	private int port;

	private EdgeClient edge;

	@DynamicPropertySource
	static void routes(DynamicPropertyRegistry registry) {
		new TestRoutes()
			.route("shop", "split.v1", "90", "split.v2", "10", "match[0].header", "x-canary", "match[0].value", "true",
					"match[0].version", "v2", "match[1].cookie", "canary", "match[1].value", "1", "match[1].version",
					"v2", "match[2].header", "x-version", "match[2].regex", "v[0-9]+", "match[2].version", "v3")
			.route("chaos", "fault.abort.percent", "50", "fault.abort.status", "503")
			.route("slow", "fault.delay.percent", "100", "fault.delay.duration", "300ms")
			.route("broken", "split.v1", "70", "split.v2", "10")
			.route("plain")
			.register(registry);
		for (String service : List.of("shop", "broken")) {
			TestRoutes.instance(registry, service, 0, v1.uri(), "v1");
			TestRoutes.instance(registry, service, 1, v2.uri(), "v2");
		}
		for (String service : List.of("chaos", "slow", "plain")) {
			TestRoutes.instance(registry, service, 0, v1.uri(), "v1");
		}
	}

	@AfterAll
	static void stopFakes() {
		v1.close();
		v2.close();
	}

	@BeforeEach
	void connect() {
		this.edge = new EdgeClient(this.port);
	}

	@Test
	void aNinetyTenSplitSendsNinetyPercentToV1() {
		int requests = 2000;
		for (int i = 0; i < requests; i++) {
			assertThat(this.edge.get("/api/shop/split/" + i).statusCode()).isEqualTo(200);
		}

		int toV1 = v1.received("/split/").size();
		int toV2 = v2.received("/split/").size();
		double percentV1 = 100.0 * toV1 / requests;
		System.out.printf("edge split 90/10: %d requests -> v1 %d (%.1f %%), v2 %d%n", requests, toV1, percentV1,
				toV2);
		assertThat(toV1 + toV2).isEqualTo(requests);
		assertThat(percentV1).isBetween(87.0, 93.0);
	}

	@Test
	void aMatchingHeaderOrCookieAlwaysGoesToItsVersion() {
		for (int i = 0; i < 100; i++) {
			assertThat(this.edge.get("/api/shop/header/" + i, "x-canary", "true").statusCode()).isEqualTo(200);
			assertThat(this.edge.get("/api/shop/cookie/" + i, "Cookie", "theme=dark; canary=1").statusCode())
				.isEqualTo(200);
		}

		assertThat(v2.received("/header/")).hasSize(100);
		assertThat(v2.received("/cookie/")).hasSize(100);
		assertThat(v1.received("/header/")).isEmpty();
		assertThat(v1.received("/cookie/")).isEmpty();
	}

	@Test
	void aVersionWithoutInstancesAnswers503NamingServiceAndVersion() {
		HttpResponse<String> response = this.edge.get("/api/shop/items/1", "x-version", "v3");

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("X-Outrigger-Error")).hasValue("no_healthy_instance");
		assertThat(response.body()).contains("version 'v3'").contains("service 'shop'");
	}

	@Test
	void aFiftyPercentAbortFailsAboutHalfOfTheRequestsWithoutTrippingTheBreaker() {
		int requests = 1000;
		List<HttpResponse<String>> aborted = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			HttpResponse<String> response = this.edge.get("/api/chaos/abort/" + i);
			if (response.statusCode() != 200) {
				aborted.add(response);
			}
		}

		double percent = 100.0 * aborted.size() / requests;
		System.out.printf("edge abort 50 %%: %d requests -> %d aborted (%.1f %%), %d reached the instance%n",
				requests, aborted.size(), percent, v1.received("/abort/").size());
		assertThat(percent).isBetween(45.0, 55.0);
		assertThat(aborted).allSatisfy((response) -> {
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("X-Outrigger-Error")).hasValue("fault_injected");
			assertThat(response.body()).contains("\"error\":\"fault_injected\"");
		});
		assertThat(v1.received("/abort/")).hasSize(requests - aborted.size());
	}

	@Test
	void aDelayHoldsEachRequestBackForItsDuration() {
		long fastest = Long.MAX_VALUE;
		long baseline = Long.MAX_VALUE;
		for (int i = 0; i < 5; i++) {
			long start = System.nanoTime();
			assertThat(this.edge.get("/api/slow/delay/" + i).statusCode()).isEqualTo(200);
			fastest = Math.min(fastest, (System.nanoTime() - start) / 1_000_000);
			start = System.nanoTime();
			assertThat(this.edge.get("/api/plain/delay/" + i).statusCode()).isEqualTo(200);
			baseline = Math.min(baseline, (System.nanoTime() - start) / 1_000_000);
		}

		System.out.printf("edge delay 300 ms: fastest delayed request %d ms, fastest plain request %d ms%n", fastest,
				baseline);
		assertThat(fastest).isBetween(300L, 300L + baseline + 500L);
	}

	@Test
	void aPolicyThatDoesNotBindIsRefusedAndLeavesEveryRouteWorking(CapturedOutput output) {
		assertThat(output.getAll()).contains("Route 'broken': refusing its policy")
			.contains("split weights must add up to 100");

		assertThat(this.edge.get("/api/broken/items/1").statusCode()).isEqualTo(200);
		assertThat(this.edge.get("/api/plain/items/1").statusCode()).isEqualTo(200);
		assertThat(this.edge.get("/api/shop/items/1").statusCode()).isEqualTo(200);
	}

}
