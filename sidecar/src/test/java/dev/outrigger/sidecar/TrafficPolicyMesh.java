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

import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.outrigger.sidecar.outbound.ServiceDirectory;

import static org.awaitility.Awaitility.await;

/**
 * A real sidecar ({@code orders}) against fake instances of two versions registered in a real
 * Eureka server, with a traffic policy per destination (each test has a destination of its
 * own) and an inbound rate limit: the mesh the traffic policy tests run against.
 */
abstract class TrafficPolicyMesh {


	static final String D = "outrigger.sidecar.destinations.";

	static TestRegistry registry;

	static FakeConfigServer configServer;

	static FakeApp app;

	static FakeApp v1;

	static FakeApp v2;

	static ServerSocket blackHole;

	static RunningSidecar sidecar;

	final MeshClient client = MeshClient.direct();

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

	void registerBothVersions(String service) {
		registry.registerVersion(service, "v1", v1.port(), InstanceStatus.UP);
		registry.registerVersion(service, "v2", v2.port(), InstanceStatus.UP);
		awaitInstances(service, 2);
	}

	/** GETs {@code path} through the outbound side {@code requests} times, 16 at a time. */
	List<HttpResponse<String>> getConcurrently(String path, int requests) {
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

	static long timeMillis(Runnable call) {
		long start = System.nanoTime();
		call.run();
		return (System.nanoTime() - start) / 1_000_000;
	}

	void awaitInstances(String service, int count) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> sidecar.context.getBean(ServiceDirectory.class).endpoints(service).size() == count);
	}

}
