package dev.outrigger.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway running on the config repo's own application.yml and gateway.yml, served by a
 * fake config server, in front of fake catalog and orders instances.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "eureka.client.enabled=false", "outrigger.config-watch.enabled=false",
				"management.tracing.export.enabled=false" })
class ConfigRepoGatewayIntegrationTests {

	private static final FakeUpstream upstream = FakeUpstream.start();

	private static final FakeConfigServer configServer = FakeConfigServer.start();

	static {
		Map<String, String> served = new LinkedHashMap<>(flatten("application.yml"));
		served.putAll(flatten("gateway.yml"));
		configServer.serve(served);
		configServer.useAsConfigServerOfTheNextGateway();
	}

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	private EdgeClient edge;

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances.catalog[0].uri", upstream::uri);
		registry.add("spring.cloud.discovery.client.simple.instances.orders[0].uri", upstream::uri);
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
	void catalogAndOrdersRoutesReachTheirServices() {
		HttpResponse<String> catalog = this.edge.get("/api/catalog/items/1");
		HttpResponse<String> orders = this.edge.get("/api/orders/7");

		assertThat(catalog.statusCode()).isEqualTo(200);
		assertThat(catalog.body()).isEqualTo("{\"path\":\"/items/1\"}");
		assertThat(orders.statusCode()).isEqualTo(200);
		assertThat(orders.body()).isEqualTo("{\"path\":\"/orders/7\"}");
	}

	@Test
	void paymentsIsNotReachableFromTheEdge() {
		HttpResponse<String> response = this.edge.get("/api/payments/1");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("X-Outrigger-Error")).hasValue("route_not_found");
	}

	@Test
	void breakerDefaultsComeFromGatewayYmlWithoutBulkhead() {
		CircuitBreakerConfig defaults = this.context.getBean(CircuitBreakerRegistry.class).getDefaultConfig();

		assertThat(defaults.getSlidingWindowSize()).isEqualTo(20);
		assertThat(defaults.getMinimumNumberOfCalls()).isEqualTo(10);
		assertThat(defaults.getFailureRateThreshold()).isEqualTo(50f);
		assertThat(defaults.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(5000L);
		// no instance at all counts as a failure, as in the sidecars
		assertThat(defaults.getIgnoreExceptionPredicate()
			.test(NotFoundException.create(false, "Unable to find instance for catalog"))).isFalse();
		assertThat(this.context.getBeanNamesForType(ReactiveResilience4jBulkheadProvider.class)).isEmpty();
	}

	private static Map<String, String> flatten(String file) {
		Map<String, String> flat = new LinkedHashMap<>();
		try {
			new YamlPropertySourceLoader().load(file, new FileSystemResource(Path.of("..", "config-repo", file)))
				.forEach((source) -> {
					EnumerablePropertySource<?> enumerable = (EnumerablePropertySource<?>) source;
					for (String name : enumerable.getPropertyNames()) {
						flat.put(name, String.valueOf(enumerable.getProperty(name)));
					}
				});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return flat;
	}

}
