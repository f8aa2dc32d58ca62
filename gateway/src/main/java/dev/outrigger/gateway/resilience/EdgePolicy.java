package dev.outrigger.gateway.resilience;

import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.outrigger.core.resilience.LoadBalancing;
import dev.outrigger.core.resilience.OutlierPolicy;
import dev.outrigger.core.resilience.RetryPolicy;

/**
 * Resilience policy of every {@code lb://} route of the gateway ({@code outrigger.gateway.*}),
 * in the words the sidecars use for their outbound calls. The deadline of a route is the
 * gateway's {@code response-timeout} (or the route's {@code metadata.response-timeout}); a
 * route may also set {@code metadata.retries} (attempts) and {@code metadata.concurrency-limit}.
 *
 * @param loadBalancing how an instance is picked for each attempt
 * @param concurrencyLimit requests in flight on one route beyond which new ones are refused
 * with 503 concurrency_limit
 * @param retries when and how often a failed request is tried again
 * @param outlier when a misbehaving instance is taken out of rotation
 */
public record EdgePolicy(@DefaultValue("least-loaded") LoadBalancing loadBalancing,
		@DefaultValue("1000") int concurrencyLimit, @DefaultValue RetryPolicy retries,
		@DefaultValue OutlierPolicy outlier) {

	public EdgePolicy {
		if (concurrencyLimit < 1) {
			throw new IllegalArgumentException(
					"outrigger.gateway.concurrency-limit must be at least 1, got " + concurrencyLimit);
		}
	}

}
