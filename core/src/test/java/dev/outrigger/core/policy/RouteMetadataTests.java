package dev.outrigger.core.policy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RouteMetadataTests {

	private static final List<ConfigurationPropertySource> GATEWAY = List.of(new MapConfigurationPropertySource(
			Map.of("outrigger.gateway.retries.attempts", "2", "outrigger.gateway.retries.backoff", "40ms")));

	@Test
	void nestedYamlMetadataBecomesPropertyNames() {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("response-timeout", "1500");
		metadata.put("split", Map.of("v1", 90, "v2", 10));
		metadata.put("match", List.of(Map.of("header", "x-canary", "version", "v2")));
		metadata.put("request-headers", Map.of("add", Map.of("X-Env", "staging"), "remove", List.of("x-debug")));

		assertThat(RouteMetadata.properties(metadata)).containsOnly(Map.entry("response-timeout", "1500"),
				Map.entry("split.v1", "90"), Map.entry("split.v2", "10"), Map.entry("match[0].header", "x-canary"),
				Map.entry("match[0].version", "v2"), Map.entry("request-headers.add.X-Env", "staging"),
				Map.entry("request-headers.remove[0]", "x-debug"));
	}

	@Test
	void indexedPropertiesReadTheSameAsYamlLists() {
		Map<String, Object> metadata = Map.of("match", Map.of("0", Map.of("cookie", "canary")));

		assertThat(RouteMetadata.properties(metadata)).containsOnly(Map.entry("match[0].cookie", "canary"));
	}

	@Test
	void aNameWithADotStaysOneKey() {
		assertThat(RouteMetadata.properties(Map.of("split", Map.of("v1.2", 100))))
			.containsOnly(Map.entry("split[v1.2]", "100"));
	}

	@Test
	void timeoutsReadDurationsOrBareMilliseconds() {
		RoutePolicy policy = bind(Map.of("response-timeout", "2s", "connect-timeout", 750)).policy();

		assertThat(policy.responseTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(policy.connectTimeout()).isEqualTo(Duration.ofMillis(750));
	}

	@Test
	void aRouteWithoutMetadataTakesTheGatewaysRetries() {
		RoutePolicy policy = bind(Map.of()).policy();

		assertThat(policy.responseTimeout()).isNull();
		assertThat(policy.concurrencyLimit()).isNull();
		assertThat(policy.retries().attempts()).isEqualTo(2);
		assertThat(policy.retries().backoff()).isEqualTo(Duration.ofMillis(40));
	}

	@Test
	void aRoutesRetriesBlockOverridesTheGatewaysKeyByKey() {
		RoutePolicy policy = bind(Map.of("retries", Map.of("attempts", "4"))).policy();

		assertThat(policy.retries().attempts()).isEqualTo(4);
		assertThat(policy.retries().backoff()).isEqualTo(Duration.ofMillis(40));
	}

	@Test
	void aRoutesRetriesAreCheckedLikeTheGateways() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("retries", Map.of("attempts", "20"))))
			.havingRootCause()
			.withMessage("retries.attempts must be 0-10, got 20");
	}

	@Test
	void retriesIsABlockNotANumber() {
		assertThatIllegalArgumentException().isThrownBy(() -> bind(Map.of("retries", "3")).requireAllRead())
			.withMessage("unknown metadata key route.retries: the route policy reads none of them");
	}

	@Test
	void aMisspeltKeyIsNotReadByAnyPolicy() {
		assertThat(bind(Map.of("retires", Map.of("attempts", "3"))).unread()).containsExactly("route.retires.attempts");
	}

	@Test
	void aBadTrafficPolicyNamesItsKey() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("split", Map.of("v1", "60", "v2", "30"))))
			.satisfies((ex) -> assertThat(ex.getName().toString()).startsWith("route"))
			.havingRootCause()
			.withMessageContaining("must add up to 100");
	}

	private static RouteMetadata.Bound bind(Map<String, Object> metadata) {
		return RouteMetadata.bind(metadata, "catalog", GATEWAY, BindHandler.DEFAULT);
	}

}
