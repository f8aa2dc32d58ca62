package dev.outrigger.core.policy;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.core.annotation.MergedAnnotations;

import dev.outrigger.core.config.ConfigWatchProperties;
import dev.outrigger.core.config.cache.ConfigCacheProperties;
import dev.outrigger.core.traffic.TrafficPolicy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IDE metadata in core's jar names every {@code outrigger.*} key of the policy records: the
 * processor's entries for the {@code @ConfigurationProperties} records, and the additional
 * file's for what is bound by a {@code Binder}.
 */
class ConfigurationMetadataTests {

	private static final String ADDITIONAL = "META-INF/additional-spring-configuration-metadata.json";

	private static final String GENERATED = "META-INF/spring-configuration-metadata.json";

	private static final String ADDITIONAL_SOURCE = "src/main/resources/" + ADDITIONAL + " in core";

	private static final List<Class<?>> CONFIGURATION_PROPERTIES = List.of(SidecarProperties.class,
			EdgePolicy.class, RateLimitProperties.class, ConfigWatchProperties.class, ConfigCacheProperties.class);

	/** Keys bound by a Binder, which the processor cannot see; a map is one key, as Spring has it. */
	private static final List<Root> BINDER_ROOTS = List.of(
			new Root(SidecarPolicies.PREFIX + ".outbound", TrafficPolicy.class),
			new Root(SidecarPolicies.PREFIX + ".destinations", Map.class),
			new Root(SidecarPolicies.OWN, SidecarProperties.Outbound.class),
			new Root(SidecarPolicies.OWN, TrafficPolicy.class), new Root(SidecarPolicies.SERVICES, Map.class));

	@Test
	void everyKeyOfThePolicyRecordsHasMetadata() throws IOException {
		Set<String> missing = new TreeSet<>(walk().keys());
		missing.removeAll(metadata("properties"));
		assertThat(missing)
			.withFailMessage("%d outrigger.* key(s) have no IDE metadata: %s%nThe processor does not see them: "
					+ "add them to %s", missing.size(), missing, ADDITIONAL_SOURCE)
			.isEmpty();
	}

	@Test
	void everyOutriggerPropertyOfTheMetadataIsAKeyOfThePolicyRecords() throws IOException {
		Keys keys = walk();
		Set<String> unknown = new TreeSet<>(metadata("properties"));
		unknown.removeAll(keys.keys());
		unknown.removeAll(keys.groups());
		assertThat(unknown)
			.withFailMessage("%d metadata entr(ies) name no key of the policy records: %s%nRemove or rename them in %s",
					unknown.size(), unknown, ADDITIONAL_SOURCE)
			.isEmpty();
	}

	@Test
	void theWalkFindsTheKeysOfNestedRecordsMapsAndBinderRoots() {
		Keys keys = walk();
		assertThat(keys.keys()).contains("outrigger.sidecar.outbound.retries.max-backoff",
				"outrigger.sidecar.outbound.fault.delay.percent", "outrigger.sidecar.outbound.split",
				"outrigger.sidecar.outbound.match", "outrigger.sidecar.destinations", "outrigger.service.timeout",
				"outrigger.service.request-headers.add", "outrigger.gateway.rate-limit.redis-url",
				"outrigger.config-cache.dir");
		assertThat(keys.keys()).noneMatch((key) -> key.startsWith("outrigger.sidecar.destinations."));
		assertThat(keys.groups()).contains("outrigger.gateway.retries", "outrigger.service.fault.when");
	}

	private static Keys walk() {
		Keys keys = new Keys(new TreeSet<>(), new TreeSet<>());
		Stream.concat(CONFIGURATION_PROPERTIES.stream().map(Root::of), BINDER_ROOTS.stream())
			.forEach((root) -> walk(root.prefix(), root.type(), keys));
		return keys;
	}

	/** Records are walked component by component; anything else, maps and lists included, is one key. */
	private static void walk(String name, Class<?> type, Keys keys) {
		if (!type.isRecord()) {
			keys.keys().add(name);
			return;
		}
		keys.groups().add(name);
		for (RecordComponent component : type.getRecordComponents()) {
			walk(name + "." + DataObjectPropertyName.toDashedForm(component.getName()), component.getType(), keys);
		}
	}

	/** The {@code outrigger.*} names of a section of the merged metadata, generated and additional. */
	private static Set<String> metadata(String section) throws IOException {
		Set<String> names = new TreeSet<>();
		ClassLoader classLoader = ConfigurationMetadataTests.class.getClassLoader();
		for (String location : List.of(GENERATED, ADDITIONAL)) {
			for (URL url : Collections.list(classLoader.getResources(location))) {
				try (InputStream json = url.openStream()) {
					List<String> read = JsonPath.read(json, "$." + section + "[*].name");
					read.stream().filter((name) -> name.startsWith("outrigger.")).forEach(names::add);
				}
			}
		}
		assertThat(names).as("outrigger.* %s in %s and %s", section, GENERATED, ADDITIONAL).isNotEmpty();
		return names;
	}

	private record Root(String prefix, Class<?> type) {

		static Root of(Class<?> type) {
			String prefix = MergedAnnotations.from(type).get(ConfigurationProperties.class).getString("prefix");
			return new Root(prefix, type);
		}

	}

	private record Keys(Set<String> keys, Set<String> groups) {
	}

}
