package dev.outrigger.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gateway restarted while its config server answers 503 serves the routes it last loaded,
 * cached on disk by core's config cache, says so in its info, and takes the server's routes
 * once the server is back.
 */
class ConfigCacheGatewayIntegrationTests {

	private static final String ROUTES = "spring.cloud.gateway.server.webflux.routes";

	@TempDir
	Path cacheDir;

	@Test
	void servesTheRoutesItLastLoadedWhenRestartedWhileTheConfigServerIsDown() {
		try (FakeUpstream upstream = FakeUpstream.start(); FakeConfigServer configServer = FakeConfigServer.start()) {
			configServer.serve(route(0, "catalog", "/api/catalog/**"));
			try (ConfigurableApplicationContext gateway = start(configServer.uri(), upstream.uri())) {
				assertThat(edge(gateway).get("/api/catalog/items/1").statusCode()).isEqualTo(200);
			}
			configServer.failWith(503);

			try (ConfigurableApplicationContext gateway = start(configServer.uri(), upstream.uri())) {
				EdgeClient edge = edge(gateway);
				assertThat(edge.get("/api/catalog/items/1").statusCode()).isEqualTo(200);
				assertThat(edge.get("/actuator/info").body()).contains("\"source\":\"cache\"")
					.contains(this.cacheDir.resolve("gateway.json").toString());

				Map<String, String> routes = new HashMap<>(route(0, "catalog", "/api/catalog/**"));
				routes.putAll(route(1, "inventory", "/api/inventory/**"));
				configServer.serve(routes);
				configServer.failWith(0);
				await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
					assertThat(edge.get("/api/inventory/items/1").statusCode()).isEqualTo(200);
					assertThat(edge.get("/actuator/info").body()).contains("\"source\":\"server\"");
				});
			}
		}
	}

	private ConfigurableApplicationContext start(String configServerUrl, String upstreamUri) {
		return new SpringApplicationBuilder(GatewayApplication.class).run("--CONFIG_SERVER_URL=" + configServerUrl,
				"--spring.cloud.config.retry.max-attempts=2", "--spring.cloud.config.retry.initial-interval=50",
				"--outrigger.config-cache.dir=" + this.cacheDir, "--outrigger.config-watch.interval=200ms",
				"--spring.cloud.discovery.client.simple.instances.catalog[0].uri=" + upstreamUri, "--server.port=0",
				"--eureka.client.enabled=false", "--management.tracing.export.enabled=false");
	}

	private static EdgeClient edge(ConfigurableApplicationContext gateway) {
		return new EdgeClient(gateway.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
	}

	private static Map<String, String> route(int index, String id, String path) {
		String route = ROUTES + "[" + index + "].";
		return Map.of(route + "id", id, route + "uri", "lb://catalog", route + "predicates[0]", "Path=" + path,
				route + "filters[0]", "StripPrefix=2");
	}

}
