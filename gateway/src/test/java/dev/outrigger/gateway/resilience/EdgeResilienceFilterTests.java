package dev.outrigger.gateway.resilience;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.util.unit.DataSize;

import dev.outrigger.core.resilience.LoadBalancing;
import dev.outrigger.core.resilience.OutlierPolicy;
import dev.outrigger.core.resilience.RetryPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EdgeResilienceFilterTests {

	private static final RetryPolicy RETRIES = new RetryPolicy(2, Duration.ofMillis(25), Duration.ofMillis(250), 0.2,
			10, DataSize.ofMegabytes(1));

	private static final EdgePolicy POLICY = new EdgePolicy(LoadBalancing.LEAST_LOADED, 1000, RETRIES,
			OutlierPolicy.DEFAULTS);

	@Test
	void aRouteWithoutRetriesMetadataTakesTheGatewaysRetryPolicy() {
		assertThat(EdgeResilienceFilter.routeRetries(route(Map.of()), POLICY)).isSameAs(RETRIES);
	}

	@Test
	void aRoutesRetriesMetadataSetsTheAttemptsOnly() {
		RetryPolicy retries = EdgeResilienceFilter.routeRetries(route(Map.of("retries", " 5 ")), POLICY);

		assertThat(retries.attempts()).isEqualTo(5);
		assertThat(retries).usingRecursiveComparison().ignoringFields("attempts").isEqualTo(RETRIES);
	}

	@Test
	void aRoutesRetriesMetadataThatIsNotAWholeNumberIsRefused() {
		assertThatIllegalStateException().isThrownBy(() -> EdgeResilienceFilter.routeRetries(route(Map.of("retries",
				"twice")), POLICY))
			.withMessage("route shop: metadata.retries must be a whole number, got 'twice'");
	}

	@Test
	void aRoutesRetriesMetadataOutOfRangeIsRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> EdgeResilienceFilter.routeRetries(route(Map.of("retries", "20")), POLICY))
			.withMessage("route shop: metadata.retries: retries.attempts must be 0-10, got 20");
	}

	private static Route route(Map<String, Object> metadata) {
		return Route.async()
			.id("shop")
			.uri(URI.create("lb://shop"))
			.predicate((exchange) -> true)
			.metadata(metadata)
			.build();
	}

}
