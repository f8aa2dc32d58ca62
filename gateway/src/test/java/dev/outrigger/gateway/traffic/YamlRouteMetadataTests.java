package dev.outrigger.gateway.traffic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.env.StandardEnvironment;

import dev.outrigger.core.traffic.TrafficPolicy;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's example route, bound from YAML the way gateway.yml reaches the gateway. */
class YamlRouteMetadataTests {

	private static final String GATEWAY_YML = """
			spring.cloud.gateway.server.webflux.routes:
			  - id: catalog
			    uri: lb://catalog
			    predicates:
			      - Path=/api/catalog/**
			    metadata:
			      response-timeout: 1500
			      split: { v1: 90, v2: 10 }
			      match:
			        - { header: x-canary, value: "true", version: v2 }
			        - { cookie: canary, regex: "^(1|yes)$", version: v2 }
			      fault:
			        delay: { percent: 10, duration: 200ms }
			        abort: { percent: 5, status: 503 }
			      mirror: { version: v2, percent: 10 }
			      rate-limit: { per-second: 100, burst: 200 }
			      request-headers: { add: { X-Env: prod }, remove: [ x-debug ] }
			      response-headers: { remove: [ server ] }
			      rewrite-path: { regex: "^/old/(.*)$", replacement: "/new/$1" }
			""";

	@Test
	void theReadmeExampleBindsEveryKey() throws IOException {
		RouteDefinition definition = routes().get(0);
		Route route = Route.async(definition).predicate((exchange) -> true).build();

		TrafficPolicy policy = new RoutePolicies(Flux::empty, new StandardEnvironment()).forRoute(route).policy();

		assertThat(policy.split()).containsEntry("v1", 90).containsEntry("v2", 10);
		assertThat(policy.match()).hasSize(2);
		assertThat(policy.match().get(1).version()).isEqualTo("v2");
		assertThat(policy.fault().delay().duration()).isEqualTo(Duration.ofMillis(200));
		assertThat(policy.fault().abort().status()).isEqualTo(503);
		assertThat(policy.mirror().version()).isEqualTo("v2");
		assertThat(policy.rateLimit().effectiveBurst()).isEqualTo(200);
		assertThat(policy.requestHeaders().add()).containsEntry("X-Env", "prod");
		assertThat(policy.requestHeaders().remove()).containsExactly("x-debug");
		assertThat(policy.responseHeaders().remove()).containsExactly("server");
		assertThat(policy.rewritePath().replacement()).isEqualTo("/new/$1");
	}

	private static List<RouteDefinition> routes() throws IOException {
		MutablePropertySources sources = new MutablePropertySources();
		List<PropertySource<?>> loaded = new YamlPropertySourceLoader().load("gateway.yml",
				new ByteArrayResource(GATEWAY_YML.getBytes(StandardCharsets.UTF_8)));
		loaded.forEach(sources::addLast);
		return new Binder(ConfigurationPropertySources.from(sources))
			.bind("spring.cloud.gateway.server.webflux", GatewayProperties.class)
			.get()
			.getRoutes();
	}

}
