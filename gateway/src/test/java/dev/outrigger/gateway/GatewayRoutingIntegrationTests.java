package dev.outrigger.gateway;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edge on a random port, with routes as gateway.yml writes them, in front of fake
 * instances found through the simple discovery client instead of Eureka. The jar's own
 * application.yml imports its config from a fake config server that serves nothing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "eureka.client.enabled=false", "outrigger.config-watch.enabled=false",
				"management.tracing.export.enabled=false",
				"spring.cloud.gateway.server.webflux.httpclient.connect-timeout=1000",
				"spring.cloud.gateway.server.webflux.httpclient.response-timeout=5s",
				"spring.cloud.gateway.server.webflux.loadbalancer.use404=false",
				"spring.cloud.circuitbreaker.bulkhead.resilience4j.enabled=false",
				"spring.cloud.circuitbreaker.resilience4j.disable-time-limiter=true",
				"resilience4j.circuitbreaker.configs.default.sliding-window-size=20",
				"resilience4j.circuitbreaker.configs.default.minimum-number-of-calls=10",
				"resilience4j.circuitbreaker.configs.default.failure-rate-threshold=50",
				"resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=5s",
				"resilience4j.circuitbreaker.instances.broken.sliding-window-size=4",
				"resilience4j.circuitbreaker.instances.broken.minimum-number-of-calls=4",
				"resilience4j.circuitbreaker.instances.broken.wait-duration-in-open-state=60s",
				"spring.cloud.gateway.server.webflux.routes[0].id=catalog",
				"spring.cloud.gateway.server.webflux.routes[0].uri=lb://catalog",
				"spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/api/catalog/**",
				"spring.cloud.gateway.server.webflux.routes[0].filters[0]=StripPrefix=2",
				"spring.cloud.gateway.server.webflux.routes[0].filters[1]=CircuitBreaker=catalog",
				"spring.cloud.gateway.server.webflux.routes[1].id=orders",
				"spring.cloud.gateway.server.webflux.routes[1].uri=lb://orders",
				"spring.cloud.gateway.server.webflux.routes[1].predicates[0]=Path=/api/orders/**",
				"spring.cloud.gateway.server.webflux.routes[1].filters[0]=StripPrefix=1",
				"spring.cloud.gateway.server.webflux.routes[1].filters[1]=CircuitBreaker=orders",
				"spring.cloud.gateway.server.webflux.routes[2].id=inventory",
				"spring.cloud.gateway.server.webflux.routes[2].uri=lb://inventory",
				"spring.cloud.gateway.server.webflux.routes[2].predicates[0]=Path=/api/inventory/**",
				"spring.cloud.gateway.server.webflux.routes[2].filters[0]=StripPrefix=2",
				"spring.cloud.gateway.server.webflux.routes[2].filters[1]=CircuitBreaker=inventory",
				"spring.cloud.gateway.server.webflux.routes[3].id=slow",
				"spring.cloud.gateway.server.webflux.routes[3].uri=lb://slow",
				"spring.cloud.gateway.server.webflux.routes[3].predicates[0]=Path=/api/slow/**",
				"spring.cloud.gateway.server.webflux.routes[3].filters[0]=StripPrefix=2",
				"spring.cloud.gateway.server.webflux.routes[3].filters[1]=CircuitBreaker=slow",
				"spring.cloud.gateway.server.webflux.routes[3].metadata.response-timeout=1500",
				"spring.cloud.gateway.server.webflux.routes[4].id=refused",
				"spring.cloud.gateway.server.webflux.routes[4].uri=lb://refused",
				"spring.cloud.gateway.server.webflux.routes[4].predicates[0]=Path=/api/refused/**",
				"spring.cloud.gateway.server.webflux.routes[4].filters[0]=StripPrefix=2",
				"spring.cloud.gateway.server.webflux.routes[4].filters[1]=CircuitBreaker=refused",
				"spring.cloud.gateway.server.webflux.routes[5].id=broken",
				"spring.cloud.gateway.server.webflux.routes[5].uri=lb://broken",
				"spring.cloud.gateway.server.webflux.routes[5].predicates[0]=Path=/api/broken/**",
				"spring.cloud.gateway.server.webflux.routes[5].filters[0]=StripPrefix=2",
				"spring.cloud.gateway.server.webflux.routes[5].filters[1]=CircuitBreaker=broken",
				"spring.cloud.gateway.server.webflux.routes[6].id=ghost",
				"spring.cloud.gateway.server.webflux.routes[6].uri=lb://ghost",
				"spring.cloud.gateway.server.webflux.routes[6].predicates[0]=Path=/api/ghost/**",
				"spring.cloud.gateway.server.webflux.routes[6].filters[0]=StripPrefix=2",
				"spring.cloud.gateway.server.webflux.routes[6].filters[1]=CircuitBreaker=ghost" })
class GatewayRoutingIntegrationTests {

	private static final FakeUpstream upstream = FakeUpstream.start();

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
		registry.add(instances + "catalog[0].uri", upstream::uri);
		registry.add(instances + "orders[0].uri", upstream::uri);
		registry.add(instances + "slow[0].uri", upstream::uri);
		registry.add(instances + "refused[0].uri", FakeUpstream::refusingUri);
		registry.add(instances + "broken[0].uri", FakeUpstream::refusingUri);
	}

	@AfterAll
	static void stopFakes() {
		upstream.close();
		configServer.close();
	}

	@BeforeEach
	void connect() {
		this.edge = new EdgeClient(this.port);
	}

	@Test
	void catalogRouteReachesTheInstanceWithoutTheApiPrefix() {
		HttpResponse<String> response = this.edge.get("/api/catalog/items/1");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"path\":\"/items/1\"}");
		assertThat(upstream.paths()).contains("/items/1");
	}

	@Test
	void ordersRouteKeepsTheOrdersSegment() {
		HttpResponse<String> response = this.edge.get("/api/orders/7");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"path\":\"/orders/7\"}");
	}

	@Test
	void internalPaymentsServiceIsNotRoutedAndAnswers404Json() {
		HttpResponse<String> response = this.edge.get("/api/payments/x");

		assertMeshError(response, 404, "route_not_found");
		assertThat(response.body()).contains("/api/payments/x");
	}

	@Test
	void serviceWithoutInstancesAnswers503NamingItWithinTwoSeconds() {
		long started = System.nanoTime();

		HttpResponse<String> response = this.edge.get("/api/inventory/items");

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
		assertMeshError(response, 503, "no_healthy_instance");
		assertThat(response.body()).contains("\"service\":\"inventory\"");
	}

	@Test
	void aServiceWithoutInstancesOpensItsCircuitLikeAnyFailingService() {
		for (int i = 0; i < 10; i++) {
			assertMeshError(this.edge.get("/api/ghost/items"), 503, "no_healthy_instance");
		}

		assertMeshError(this.edge.get("/api/ghost/items"), 503, "circuit_open");
	}

	@Test
	void upstreamThatNeverAnswersGets504AtTheRoutesTimeoutNotTheTimeLimitersOneSecond() {
		long started = System.nanoTime();

		HttpResponse<String> response = this.edge.get("/api/slow/hang");

		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
		assertMeshError(response, 504, "upstream_timeout");
		assertThat(response.body()).contains("within 1500 ms").contains("\"service\":\"slow\"");
		assertThat(elapsed).isBetween(Duration.ofMillis(1400), Duration.ofSeconds(4));
	}

	@Test
	void refusedConnectionAnswers503UpstreamUnreachable() {
		HttpResponse<String> response = this.edge.get("/api/refused/items");

		assertMeshError(response, 503, "upstream_unreachable");
		assertThat(response.body()).contains("\"service\":\"refused\"").doesNotContain("127.0.0.1");
	}

	@Test
	void repeatedFailuresOpenTheCircuitAndItAnswers503CircuitOpen() {
		for (int i = 0; i < 4; i++) {
			assertMeshError(this.edge.get("/api/broken/items"), 503, "upstream_unreachable");
		}

		HttpResponse<String> response = this.edge.get("/api/broken/items");

		assertMeshError(response, 503, "circuit_open");
		assertThat(response.body()).contains("\"service\":\"broken\"");
	}

	@Test
	void healthAndPrometheusAreExposed() {
		assertThat(this.edge.get("/actuator/health").statusCode()).isEqualTo(200);
		HttpResponse<String> prometheus = this.edge.get("/actuator/prometheus");
		assertThat(prometheus.statusCode()).isEqualTo(200);
		assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
	}

	@Test
	void gatewayAndEnvEndpointsAreNotReachable() {
		assertMeshError(this.edge.get("/actuator/gateway/routes"), 404, "route_not_found");
		assertMeshError(this.edge.get("/actuator/env"), 404, "route_not_found");
	}

	private static void assertMeshError(HttpResponse<String> response, int status, String error) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("X-Outrigger-Error")).hasValue(error);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.body()).startsWith("{\"status\":" + status + ",\"error\":\"" + error + "\"")
			.doesNotContain("Exception")
			.doesNotContain("\tat ");
	}

}
