package dev.outrigger.sidecar;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.outrigger.sidecar.outbound.ServiceDirectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The traffic policy of a real sidecar against fake instances of two versions registered in a
 * real Eureka server: outbound splits, match rules, faults, mirroring, header and path
 * rewrites, each test with a destination of its own; and the inbound rate limit per caller.
 */
class TrafficPolicyIntegrationTests {

	private static final String D = "outrigger.sidecar.destinations.";

	private static TestRegistry registry;

	private static FakeConfigServer configServer;

	private static FakeApp app;

	private static FakeApp v1;

	private static FakeApp v2;

	private static ServerSocket blackHole;

	private static RunningSidecar sidecar;

	private final MeshClient client = MeshClient.direct();

	@BeforeAll
	static void startMesh() throws IOException {
		registry = new TestRegistry();
		configServer = new FakeConfigServer();
		app = new FakeApp();
		v1 = new FakeApp();
		v2 = new FakeApp();
		// accepts connections (the kernel's backlog does) and never answers
		blackHole = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
		sidecar = new RunningSidecar("orders", app.port(), registry, configServer, Map.ofEntries(
				Map.entry(D + "split.split.v1", "90"), Map.entry(D + "split.split.v2", "10"),
				Map.entry(D + "canary.split.v1", "100"), Map.entry(D + "canary.match[0].header", "x-canary"),
				Map.entry(D + "canary.match[0].value", "true"), Map.entry(D + "canary.match[0].version", "v2"),
				Map.entry(D + "canary.match[1].cookie", "canary"), Map.entry(D + "canary.match[1].version", "v2"),
				Map.entry(D + "early.split.v1", "80"), Map.entry(D + "early.split.v2", "20"),
				Map.entry(D + "down.match[0].header", "x-canary"), Map.entry(D + "down.match[0].version", "v2"),
				Map.entry(D + "abort.fault.abort.percent", "50"), Map.entry(D + "abort.fault.abort.status", "503"),
				Map.entry(D + "abort.circuit-breaker.enabled", "true"),
				Map.entry(D + "delay.fault.delay.percent", "100"),
				Map.entry(D + "delay.fault.delay.duration", "300ms"), Map.entry(D + "delay.fault.when.header", "x-chaos"),
				Map.entry(D + "mirror.split.v1", "100"), Map.entry(D + "mirror.mirror.version", "v2"),
				Map.entry(D + "mirror.mirror.percent", "25"), Map.entry(D + "hole.split.v1", "100"),
				Map.entry(D + "hole.mirror.version", "v2"), Map.entry(D + "hole.timeout", "2s"),
				Map.entry(D + "edit.request-headers.add.x-env", "staging"),
				Map.entry(D + "edit.request-headers.remove[0]", "x-debug"),
				Map.entry(D + "edit.response-headers.add.x-served-by", "mesh"),
				Map.entry(D + "edit.response-headers.remove[0]", "x-echo-method"),
				Map.entry(D + "edit.rewrite-path.regex", "^/old/(.*)$"),
				Map.entry(D + "edit.rewrite-path.replacement", "/new/$1"),
				Map.entry(D + "quota.rate-limit.per-second", "1"), Map.entry(D + "quota.rate-limit.burst", "3"),
				Map.entry("outrigger.sidecar.inbound.rate-limit.per-second", "5"),
				Map.entry("outrigger.sidecar.inbound.rate-limit.burst", "10")));
	}

	@AfterAll
	static void stopMesh() throws IOException {
		sidecar.close();
		blackHole.close();
		v2.close();
		v1.close();
		app.close();
		configServer.close();
		registry.close();
	}

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

	private void registerBothVersions(String service) {
		registry.registerVersion(service, "v1", v1.port(), InstanceStatus.UP);
		registry.registerVersion(service, "v2", v2.port(), InstanceStatus.UP);
		awaitInstances(service, 2);
	}

	/** GETs {@code path} through the outbound side {@code requests} times, 16 at a time. */
	private List<HttpResponse<String>> getConcurrently(String path, int requests) {
		List<HttpResponse<String>> responses = new ArrayList<>();
		for (int sent = 0; sent < requests; sent += 16) {
			List<CompletableFuture<HttpResponse<String>>> batch = new ArrayList<>();
			for (int i = sent; i < Math.min(requests, sent + 16); i++) {
				batch.add(this.client.getAsync(sidecar.outbound(path)));
			}
			batch.forEach((response) -> responses.add(response.join()));
		}
		return responses;
	}

	private static long timeMillis(Runnable call) {
		long start = System.nanoTime();
		call.run();
		return (System.nanoTime() - start) / 1_000_000;
	}

	private void awaitInstances(String service, int count) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> sidecar.context.getBean(ServiceDirectory.class).endpoints(service).size() == count);
	}

}
