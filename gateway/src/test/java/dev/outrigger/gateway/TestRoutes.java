package dev.outrigger.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.test.context.DynamicPropertyRegistry;

/** Routes and discovered instances for a gateway under test, written as gateway.yml would. */
final class TestRoutes {

	private static final String ROUTES = "spring.cloud.gateway.server.webflux.routes";

	private static final String INSTANCES = "spring.cloud.discovery.client.simple.instances.";

	private final Map<String, String> properties = new LinkedHashMap<>();

	private int routes;

	/**
	 * Adds route {@code id} from {@code /api/<id>/**} to {@code lb://<id>} with
	 * {@code StripPrefix=2}, a circuit breaker and the given metadata (key, value, key, ...).
	 */
	TestRoutes route(String id, String... metadata) {
		String route = ROUTES + "[" + this.routes++ + "].";
		this.properties.put(route + "id", id);
		this.properties.put(route + "uri", "lb://" + id);
		this.properties.put(route + "predicates[0]", "Path=/api/" + id + "/**");
		this.properties.put(route + "filters[0]", "StripPrefix=2");
		this.properties.put(route + "filters[1]", "CircuitBreaker=" + id);
		for (int i = 0; i < metadata.length; i += 2) {
			this.properties.put(route + "metadata." + metadata[i], metadata[i + 1]);
		}
		return this;
	}

	/** The properties, for a config server to serve. */
	Map<String, String> properties() {
		return this.properties;
	}

	/** Registers the routes as test properties. */
	void register(DynamicPropertyRegistry registry) {
		this.properties.forEach((name, value) -> registry.add(name, () -> value));
	}

	/** Registers instance {@code index} of {@code service} at {@code uri} with a version. */
	static void instance(DynamicPropertyRegistry registry, String service, int index, String uri, String version) {
		String instance = INSTANCES + service + "[" + index + "].";
		registry.add(instance + "uri", () -> uri);
		registry.add(instance + "instance-id", () -> service + "-" + version + "-" + index);
		registry.add(instance + "metadata.version", () -> version);
	}

}
