package dev.outrigger.gateway;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

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
 * Route edits served by the config server reach the running gateway: core's ConfigWatcher sees
 * the new config, refreshes the context, and the gateway rebuilds its routes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "eureka.client.enabled=false", "management.tracing.export.enabled=false",
				"outrigger.config-watch.interval=200ms" })
class GatewayRouteRefreshIntegrationTests {

	private static final String ROUTES = "spring.cloud.gateway.server.webflux.routes";

	private static final FakeUpstream upstream = FakeUpstream.start();

	private static final FakeConfigServer configServer = FakeConfigServer.start();

	static {
		configServer.serve(routes(false));
		configServer.useAsConfigServerOfTheNextGateway();
	}

	@LocalServerPort
	private int port;

	private EdgeClient edge;

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances.catalog[0].uri", upstream::uri);
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
	void routeAddedInTheConfigRepoServesTrafficWithoutRestart() {
		assertThat(this.edge.get("/api/inventory/items/1").statusCode()).isEqualTo(404);

		configServer.serve(routes(true));

		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			HttpResponse<String> response = this.edge.get("/api/inventory/items/1");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("{\"path\":\"/items/1\"}");
		});
	}

	@Test
	void routeRemovedFromTheConfigRepoAnswers404WithoutRestart() {
		configServer.serve(routes(true));
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.edge.get("/api/inventory/items/1").statusCode() == 200);

		configServer.serve(routes(false));

		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			HttpResponse<String> response = this.edge.get("/api/inventory/items/1");
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(response.headers().firstValue("X-Outrigger-Error")).hasValue("route_not_found");
		});
		assertThat(this.edge.get("/api/catalog/items/1").statusCode()).isEqualTo(200);
	}

	private static Map<String, String> routes(boolean withInventory) {
		Map<String, String> routes = new HashMap<>(route(0, "catalog", "/api/catalog/**"));
		if (withInventory) {
			// A second path to the same service, as an operator would add for a new API.
			routes.putAll(route(1, "inventory", "/api/inventory/**"));
		}
		return routes;
	}

	private static Map<String, String> route(int index, String id, String path) {
		String route = ROUTES + "[" + index + "].";
		return Map.of(route + "id", id, route + "uri", "lb://catalog", route + "predicates[0]", "Path=" + path,
				route + "filters[0]", "StripPrefix=2", route + "filters[1]", "CircuitBreaker=catalog");
	}

}
