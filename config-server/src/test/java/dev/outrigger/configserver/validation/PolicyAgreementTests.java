package dev.outrigger.configserver.validation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

import dev.outrigger.core.policy.RouteMetadata;
import dev.outrigger.core.policy.SidecarPolicies;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The validator accepts exactly what the members bind: thousands of generated route metadata
 * blocks, destination policies and services' own policies, valid and invalid, each written as
 * YAML, validated, and bound the way the gateway (Spring Cloud Gateway's metadata map, then
 * {@link RouteMetadata}) and a sidecar ({@link SidecarPolicies} over the loaded YAML) bind it.
 */
class PolicyAgreementTests {

	/** Cases per test; the seed is fixed so a disagreement can be replayed, and printed. */
	private static final int CASES = 1000;

	private static final long SEED = Long.getLong("policy.agreement.seed", 20261204L);

	private static final AtomicInteger RUN = new AtomicInteger();

	private static final AtomicInteger ACCEPTED = new AtomicInteger();

	private final ConfigValidator validator = new ConfigValidator();

	@Test
	void theValidatorAcceptsARoutesMetadataExactlyWhenTheGatewayBindsIt() throws IOException {
		PolicyGenerator generator = new PolicyGenerator(new SplittableRandom(SEED));
		List<String> disagreements = new ArrayList<>();
		for (int i = 0; i < CASES; i++) {
			Map<String, Object> route = new LinkedHashMap<>();
			route.put("id", "catalog");
			route.put("uri", "lb://catalog");
			route.put("predicates", List.of("Path=/api/catalog/**"));
			route.put("metadata", generator.routeMetadata());
			String gateway = yaml(Map.of("spring", Map.of("cloud", Map.of("gateway",
					Map.of("server", Map.of("webflux", Map.of("routes", List.of(route))))))));
			compare(accepts(Map.of("gateway.yml", gateway, "catalog.yml", "")), gatewayBinds(gateway), gateway,
					disagreements);
		}
		assertThat(disagreements).as("validator and gateway disagree (seed %d)", SEED).isEmpty();
	}

	@Test
	void theValidatorAcceptsADestinationPolicyExactlyWhenTheSidecarBindsIt() throws IOException {
		PolicyGenerator generator = new PolicyGenerator(new SplittableRandom(SEED + 1));
		List<String> disagreements = new ArrayList<>();
		for (int i = 0; i < CASES; i++) {
			String orders = yaml(Map.of("outrigger",
					Map.of("sidecar", Map.of("destinations", Map.of("catalog", generator.destinationPolicy())))));
			compare(accepts(Map.of("orders.yml", orders, "catalog.yml", "")), sidecarBinds(orders), orders,
					disagreements);
		}
		assertThat(disagreements).as("validator and sidecar disagree (seed %d)", SEED + 1).isEmpty();
	}

	@Test
	void theValidatorAcceptsAServicesOwnPolicyExactlyWhenItsCallersBindIt() throws IOException {
		PolicyGenerator generator = new PolicyGenerator(new SplittableRandom(SEED + 2));
		List<String> disagreements = new ArrayList<>();
		for (int i = 0; i < CASES; i++) {
			String catalog = yaml(Map.of("outrigger", Map.of("service", generator.destinationPolicy())));
			Map<String, String> files = Map.of("catalog.yml", catalog, "orders.yml", "");
			String served = ServedPolicies.properties(files)
				.entrySet()
				.stream()
				.map((entry) -> entry.getKey() + ": '" + entry.getValue().replace("'", "''") + "'")
				.reduce("", (all, line) -> all + line + "\n");
			compare(accepts(files), sidecarBinds(served), catalog, disagreements);
		}
		assertThat(disagreements).as("validator and callers disagree (seed %d)", SEED + 2).isEmpty();
	}

	@AfterAll
	static void report() {
		System.out.println("Policy agreement: " + RUN.get() + " generated cases, " + ACCEPTED.get() + " valid, "
				+ (RUN.get() - ACCEPTED.get()) + " invalid");
	}

	private static void compare(boolean accepted, boolean bound, String yaml, List<String> disagreements) {
		RUN.incrementAndGet();
		if (accepted) {
			ACCEPTED.incrementAndGet();
		}
		if (accepted != bound && disagreements.size() < 5) {
			disagreements.add("validator accepts " + accepted + ", member binds " + bound + ":\n" + yaml);
		}
	}

	private boolean accepts(Map<String, String> files) {
		return this.validator.validate(files).stream().noneMatch(Problem::isError);
	}

	/** As the gateway: Spring Cloud Gateway binds the metadata to a map, then the mesh binds the map. */
	private static boolean gatewayBinds(String gateway) throws IOException {
		StandardEnvironment environment = environment(gateway);
		Map<String, Object> metadata = Binder.get(environment)
			.bind("spring.cloud.gateway.server.webflux.routes[0].metadata",
					Bindable.mapOf(String.class, Object.class))
			.orElse(Map.of());
		try {
			RouteMetadata.bind(metadata, "catalog", ConfigurationPropertySources.get(environment), BindHandler.DEFAULT)
				.requireAllRead();
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/** As a sidecar: its settings bound from the loaded YAML, no destination refused. */
	private static boolean sidecarBinds(String orders) throws IOException {
		StandardEnvironment environment = environment(orders + "\noutrigger.sidecar.service: orders\n"
				+ "outrigger.sidecar.app-port: 8081\n");
		Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.get(environment);
		try {
			return SidecarPolicies.bind(sources, null, BindHandler.DEFAULT).refused().isEmpty();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static StandardEnvironment environment(String yaml) throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		List<PropertySource<?>> loaded = new YamlPropertySourceLoader().load("configserver:test.yml",
				new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
		loaded.forEach(environment.getPropertySources()::addFirst);
		return environment;
	}

	private static String yaml(Object document) {
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		return new Yaml(options).dump(document);
	}

}
