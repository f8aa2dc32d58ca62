package dev.outrigger.core.policy;

import java.util.Map;
import java.util.function.Supplier;

import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * How a member shows the policies it refused (per destination or route, why): the same health
 * component and info entry on the gateway and on every sidecar, which {@code ./mesh status} reads.
 */
public final class RefusedPolicies {

	private RefusedPolicies() {
	}

	/** Health component {@code policy}: UP (the member keeps serving), with {@code refused}. */
	public static HealthIndicator health(Supplier<Map<String, String>> refused) {
		return () -> Health.up().withDetail("refused", refused.get()).build();
	}

	/** {@code policy.refused} in {@code /actuator/info}. */
	public static InfoContributor info(Supplier<Map<String, String>> refused) {
		return (info) -> info.withDetail("policy", Map.of("refused", refused.get()));
	}

}
