package dev.outrigger.core.policy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.outrigger.core.resilience.LoadBalancing;
import dev.outrigger.core.resilience.OutlierPolicy;
import dev.outrigger.core.resilience.RetryPolicy;

/**
 * Policy of every {@code lb://} route of the gateway ({@code outrigger.gateway.*}), in the words
 * the sidecars use for their outbound calls. A route's {@code metadata} may set its own
 * {@link RoutePolicy}; what it leaves out comes from here.
 *
 * @param loadBalancing how an instance is picked for each attempt
 * @param concurrencyLimit requests in flight on one route beyond which new ones are refused
 * with 503 concurrency_limit
 * @param retries when and how often a failed request is tried again
 * @param outlier when a misbehaving instance is taken out of rotation
 * @param rateLimit where the edge keeps its rate-limit buckets (the limits are route metadata)
 */
@ConfigurationProperties("outrigger.gateway")
public record EdgePolicy(@DefaultValue("least-loaded") LoadBalancing loadBalancing,
		@DefaultValue("1000") int concurrencyLimit, @DefaultValue RetryPolicy retries,
		@DefaultValue OutlierPolicy outlier, @DefaultValue RateLimitProperties rateLimit) {

	/** The prefix of these settings. */
	public static final String PREFIX = "outrigger.gateway";

	public EdgePolicy {
		if (concurrencyLimit < 1) {
			throw new IllegalArgumentException(
					"outrigger.gateway.concurrency-limit must be at least 1, got " + concurrencyLimit);
		}
	}

}
