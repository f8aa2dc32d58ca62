package dev.outrigger.gateway.traffic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrafficMetadataTests {

	@Test
	void nestedYamlMetadataBecomesPropertyNames() {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("response-timeout", "1500");
		metadata.put("split", Map.of("v1", 90, "v2", 10));
		metadata.put("match", List.of(Map.of("header", "x-canary", "version", "v2")));
		metadata.put("request-headers", Map.of("add", Map.of("X-Env", "staging"), "remove", List.of("x-debug")));

		assertThat(TrafficMetadata.properties(metadata)).containsOnly(Map.entry("split.v1", "90"),
				Map.entry("split.v2", "10"), Map.entry("match[0].header", "x-canary"),
				Map.entry("match[0].version", "v2"), Map.entry("request-headers.add[X-Env]", "staging"),
				Map.entry("request-headers.remove[0]", "x-debug"));
	}

	@Test
	void indexedPropertiesReadTheSameAsYamlLists() {
		Map<String, Object> metadata = Map.of("match", Map.of("0", Map.of("cookie", "canary")));

		assertThat(TrafficMetadata.properties(metadata)).containsOnly(Map.entry("match[0].cookie", "canary"));
	}

	@Test
	void aRouteWithoutTrafficKeysHasNoProperties() {
		assertThat(TrafficMetadata.properties(Map.of("retries", "2"))).isEmpty();
		assertThat(TrafficMetadata.properties(null)).isEmpty();
	}

}
