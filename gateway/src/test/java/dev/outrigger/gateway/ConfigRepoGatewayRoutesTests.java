package dev.outrigger.gateway;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks the edge routes as the operator wrote them in the config repo's gateway.yml. */
class ConfigRepoGatewayRoutesTests {

	private static final Path GATEWAY_YML = Path.of("..", "config-repo", "gateway.yml");

	private static Binder binder;

	@BeforeAll
	static void loadGatewayYml() throws IOException {
		assertThat(GATEWAY_YML).exists();
		MutablePropertySources sources = new MutablePropertySources();
		List<PropertySource<?>> loaded = new YamlPropertySourceLoader().load("gateway.yml",
				new FileSystemResource(GATEWAY_YML));
		loaded.forEach(sources::addLast);
		binder = new Binder(ConfigurationPropertySources.from(sources));
	}

	@Test
	void definesExactlyTheCatalogAndOrdersRoutesThroughTheRegistry() {
		List<RouteDefinition> routes = routes();

		assertThat(routes).extracting(RouteDefinition::getId).containsExactly("catalog", "orders");
		assertThat(routes).extracting((route) -> route.getUri().toString())
			.containsExactly("lb://catalog", "lb://orders");
	}

	@Test
	void exposesNoRouteToTheInternalPaymentsService() {
		assertThat(routes()).noneMatch((route) -> route.getUri().getHost().equals("payments")
				|| route.getPredicates().toString().contains("payments"));
	}

	@Test
	void stripsTheApiPrefixBeforeTheServiceSeesThePath() {
		assertThat(routes()).extracting((route) -> route.getPredicates().get(0).getArgs().values().toString())
			.containsExactly("[/api/catalog/**]", "[/api/orders/**]");
		assertThat(filter(routes().get(0), "StripPrefix").getArgs()).containsValue("2");
		assertThat(filter(routes().get(1), "StripPrefix").getArgs()).containsValue("1");
	}

	@Test
	void everyRouteHasACircuitBreakerNamedAfterItsService() {
		for (RouteDefinition route : routes()) {
			assertThat(filter(route, "CircuitBreaker").getArgs()).containsValue(route.getUri().getHost());
		}
	}

	@Test
	void usesTheGatewayFivePrefixNotTheSilentlyIgnoredOldOne() {
		assertThat(binder.bind("spring.cloud.gateway.routes", List.class).isBound()).isFalse();
	}

	@Test
	void turnsOffTheBulkheadAndTheOneSecondTimeLimiter() {
		assertThat(binder.bind("spring.cloud.circuitbreaker.bulkhead.resilience4j.enabled", Boolean.class).get())
			.isFalse();
		assertThat(binder.bind("spring.cloud.circuitbreaker.resilience4j.disable-time-limiter", Boolean.class).get())
			.isTrue();
		assertThat(binder.bind("spring.cloud.gateway.server.webflux.loadbalancer.use404", Boolean.class).get())
			.isFalse();
	}

	private static List<RouteDefinition> routes() {
		return binder.bind("spring.cloud.gateway.server.webflux", GatewayProperties.class)
			.orElseThrow(() -> new AssertionError("gateway.yml sets no spring.cloud.gateway.server.webflux.*"))
			.getRoutes();
	}

	private static FilterDefinition filter(RouteDefinition route, String name) {
		return route.getFilters()
			.stream()
			.filter((filter) -> filter.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("route " + route.getId() + " has no " + name + " filter"));
	}

}
