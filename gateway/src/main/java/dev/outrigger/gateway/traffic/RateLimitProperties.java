package dev.outrigger.gateway.traffic;

import java.time.Duration;

import io.lettuce.core.RedisURI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the edge keeps its rate-limit buckets ({@code outrigger.gateway.rate-limit.*}); the
 * limits themselves are route metadata. Read at start: a change takes a restart.
 *
 * @param redisUrl Redis shared by every gateway, e.g. {@code redis://127.0.0.1:6379}, so that
 * they share each limit; empty for buckets of this gateway alone
 * @param redisTimeout how long a request waits for Redis before this gateway's own bucket
 * decides instead
 */
@ConfigurationProperties("outrigger.gateway.rate-limit")
public record RateLimitProperties(String redisUrl, @DefaultValue("100ms") Duration redisTimeout) {

	public RateLimitProperties {
		if (redisUrl != null && !redisUrl.isBlank()) {
			try {
				RedisURI.create(redisUrl.trim());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("outrigger.gateway.rate-limit.redis-url must be a Redis URL such as "
						+ "redis://127.0.0.1:6379, got '" + redisUrl + "': " + ex.getMessage(), ex);
			}
		}
		if (redisTimeout.isNegative() || redisTimeout.isZero()) {
			throw new IllegalArgumentException(
					"outrigger.gateway.rate-limit.redis-timeout must be positive, got " + redisTimeout);
		}
	}

}
