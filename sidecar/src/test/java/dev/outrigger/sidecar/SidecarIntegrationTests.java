package dev.outrigger.sidecar;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import com.netflix.appinfo.InstanceInfo;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real sidecar between a fake app and a real Eureka server: registration, health, the
 * inbound and outbound data paths, their errors and trace propagation.
 */
class SidecarIntegrationTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

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
				Map.of("outrigger.sidecar.inbound.response-timeout", "500ms"));
	}

	@AfterAll
	static void stopMesh() {
		sidecar.close();
		app.close();
		configServer.close();
		registry.close();
	}

	@BeforeEach
	void appIsHealthyAndReachableThroughTheMesh() {
		app.health(200);
		await().atMost(Duration.ofSeconds(10)).until(() -> registry.status("catalog") == InstanceStatus.UP);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.client.get(sidecar.outbound("/catalog/ready")).statusCode() == 200);
	}

	@Test
	void registersItsInboundAddressUnderTheServiceNameWithMetadata() {
		InstanceInfo instance = registry.instance("catalog");

		assertThat(instance.getAppName()).isEqualTo("CATALOG");
		assertThat(instance.getInstanceId()).isEqualTo(sidecar.instanceId());
		assertThat(instance.getIPAddr()).isEqualTo("127.0.0.1");
		assertThat(instance.getPort()).isEqualTo(sidecar.inboundPort);
		assertThat(instance.getMetadata()).containsEntry("version", "v7")
			.containsEntry("zone", "zone-a")
			.containsEntry("admin-port", String.valueOf(sidecar.adminPort));
	}

	@Test
	void marksTheInstanceDownWhenTheAppTurnsUnhealthyAndUpWhenItRecovers() {
		app.health(503);
		await().atMost(Duration.ofSeconds(3)).until(() -> registry.status("catalog") == InstanceStatus.DOWN);

		app.health(200);
		await().atMost(Duration.ofSeconds(3)).until(() -> registry.status("catalog") == InstanceStatus.UP);
	}

	@Test
	void inboundForwardsMethodPathQueryHeadersAndBodyIntact() {
		HttpResponse<String> response = this.client.post(sidecar.inbound("/items/1?color=red&size=L%20XL"),
				"{\"name\":\"teapot\"}", "Content-Type", "application/json", "X-Request-Id", "req-42", "Accept",
				"application/json", "Accept", "text/plain");

		FakeApp.Received received = app.lastRequestTo("/items/1");
		assertThat(received.method()).isEqualTo("POST");
		assertThat(received.uri()).isEqualTo("/items/1?color=red&size=L%20XL");
		assertThat(received.body()).isEqualTo("{\"name\":\"teapot\"}");
		assertThat(received.header("X-Request-Id")).isEqualTo("req-42");
		assertThat(received.header("Content-Type")).isEqualTo("application/json");
		assertThat(received.headers().get("Accept")).containsExactly("application/json", "text/plain");
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.headers().firstValue("X-Echo-Method")).hasValue("POST");
		assertThat(response.headers().allValues("Set-Cookie")).containsExactly("a=1", "b=2");
		assertThat(response.body()).isEqualTo("POST /items/1?color=red&size=L%20XL\n{\"name\":\"teapot\"}");
	}

	@Test
	void smallAndLargeBodiesArriveIntactBothWays() {
		for (int size : new int[] { 0, 1, 64 * 1024, 64 * 1024 + 1, 300_000 }) {
			String body = "b".repeat(size);

			HttpResponse<String> inbound = this.client.post(sidecar.inbound("/items/size"), body);
			HttpResponse<String> outbound = this.client.post(sidecar.outbound("/catalog/items/size"), body);

			assertThat(inbound.body()).as("inbound, %d bytes", size).isEqualTo("POST /items/size\n" + body);
			assertThat(outbound.body()).as("outbound, %d bytes", size).isEqualTo("POST /items/size\n" + body);
		}
	}

	@Test
	void inboundDropsTheCallersHopByHopHeaders() {
		HttpResponse<String> response = MeshClient.http2Upgrading().get(sidecar.inbound("/items/hops"));

		FakeApp.Received received = app.lastRequestTo("/items/hops");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(received.headers().keySet()).doesNotContain("Upgrade", "Http2-settings");
	}

	@Test
	void outboundReachesTheServiceByPrefixThroughTheRegistry() {
		HttpResponse<String> response = this.client.get(sidecar.outbound("/catalog/items/1?fields=name"));

		FakeApp.Received received = app.lastRequestTo("/items/1?fields=name");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("GET /items/1?fields=name\n");
		assertThat(received.header("Host")).isEqualTo("catalog");
		assertThat(received.header("X-Outrigger-Caller")).isEqualTo("catalog");
	}

	@Test
	void outboundReachesTheServiceAsAnHttpProxy() {
		HttpResponse<String> response = MeshClient.proxiedBy(sidecar.outboundPort)
			.post("http://catalog/items/2?via=proxy", "hello");

		FakeApp.Received received = app.lastRequestTo("/items/2?via=proxy");
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.body()).isEqualTo("POST /items/2?via=proxy\nhello");
		assertThat(received.header("Host")).isEqualTo("catalog");
	}

	@Test
	void outboundAnswers503NamingAnUnknownService() {
		HttpResponse<String> response = this.client.get(sidecar.outbound("/ghost/items/1"));

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("X-Outrigger-Error")).hasValue("unknown_service");
		assertThat(json(response)).containsEntry("error", "unknown_service")
			.containsEntry("service", "ghost")
			.containsEntry("message", "service 'ghost' is not known to the registry");
	}

	@Test
	void outboundAnswers503NoHealthyInstanceWhileTheServiceIsDown() {
		app.health(503);
		await().atMost(Duration.ofSeconds(3)).until(() -> registry.status("catalog") == InstanceStatus.DOWN);

		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.client.get(sidecar.outbound("/catalog/items/1")).statusCode() == 503);
		HttpResponse<String> response = this.client.get(sidecar.outbound("/catalog/items/1"));

		assertThat(json(response)).containsEntry("error", "no_healthy_instance").containsEntry("service", "catalog");
	}

	@Test
	void outboundAnswers503NoHealthyInstanceForAServiceRegisteredOnlyAsDown() {
		registry.register("payments", RunningSidecar.freePort(), InstanceStatus.DOWN);

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
				json(this.client.get(sidecar.outbound("/payments/charge")))).containsEntry("error", "no_healthy_instance")
			.containsEntry("service", "payments"));
	}

	@Test
	void outboundAnswers503UnreachableWhenTheChosenInstanceRefusesConnections() {
		registry.register("inventory", RunningSidecar.freePort(), InstanceStatus.UP);

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
				json(this.client.get(sidecar.outbound("/inventory/stock")))).containsEntry("error", "upstream_unreachable")
			.containsEntry("message", "service 'inventory' could not be reached: connection refused"));
	}

	@Test
	void inboundAnswers504WhenTheAppIsSlowerThanTheResponseTimeout() {
		HttpResponse<String> response = this.client.get(sidecar.inbound("/slow"));

		assertThat(response.statusCode()).isEqualTo(504);
		assertThat(json(response)).containsEntry("error", "upstream_timeout")
			.containsEntry("message", "service 'catalog' did not answer within 500 ms");
	}

	@Test
	void outboundAnswers400ForATargetWithoutServiceName() {
		HttpResponse<String> response = this.client.get(sidecar.outbound("/_catalog/items"));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response)).containsEntry("error", "bad_request")
			.containsEntry("message", "no service name in request target '/_catalog/items': call "
					+ "http://<service>/<path> through the proxy, or /<service>/<path>");
	}

	@Test
	void inboundContinuesTheCallersTraceWithANewSpan() {
		String callerSpan = "00f067aa0ba902b7";

		this.client.get(sidecar.inbound("/items/traced"), "traceparent", "00-" + TRACE_ID + "-" + callerSpan + "-01");

		String forwarded = app.lastRequestTo("/items/traced").header("traceparent");
		assertThat(forwarded).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01");
		assertThat(forwarded).doesNotContain(callerSpan);
	}

	@Test
	void outboundStartsATraceThatReachesTheApp() {
		this.client.get(sidecar.outbound("/catalog/items/untraced"));

		assertThat(app.lastRequestTo("/items/untraced").header("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
	}

	private static Map<String, Object> json(HttpResponse<String> response) {
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		return JsonPath.read(response.body(), "$");
	}

}
