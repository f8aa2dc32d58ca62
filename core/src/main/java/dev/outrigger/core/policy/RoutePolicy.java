package dev.outrigger.core.policy;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.outrigger.core.resilience.RetryPolicy;

/**
 * The resilience keys of a gateway route's {@code metadata}; a key left out takes the gateway's
 * value ({@link EdgePolicy}, or Spring Cloud Gateway's {@code httpclient} timeouts). Durations
 * read {@code 250ms}, {@code 2s}, or a bare number of milliseconds.
 *
 * @param responseTimeout the route's one deadline, retries included; negative for none
 * @param connectTimeout longest wait to connect to an instance
 * @param concurrencyLimit requests in flight on the route beyond which new ones are refused
 * with 503 concurrency_limit
 * @param retries when and how often a failed request is tried again, key by key over
 * {@code outrigger.gateway.retries}
 */
public record RoutePolicy(Duration responseTimeout, Duration connectTimeout, Integer concurrencyLimit,
		@DefaultValue RetryPolicy retries) {

	public RoutePolicy {
		if (connectTimeout != null && (connectTimeout.isNegative() || connectTimeout.isZero())) {
			throw new IllegalArgumentException("metadata.connect-timeout must be positive, got " + connectTimeout);
		}
		if (concurrencyLimit != null && concurrencyLimit < 1) {
			throw new IllegalArgumentException("metadata.concurrency-limit must be at least 1, got " + concurrencyLimit);
		}
	}

}
