package dev.outrigger.core.policy;

import java.time.Duration;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

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
			String problem = redisUrlProblem(redisUrl.trim());
			if (problem != null) {
				throw new IllegalArgumentException("outrigger.gateway.rate-limit.redis-url must be a Redis URL such as "
						+ "redis://127.0.0.1:6379, got '" + redisUrl + "': " + problem);
			}
		}
		if (redisTimeout.isNegative() || redisTimeout.isZero()) {
			throw new IllegalArgumentException(
					"outrigger.gateway.rate-limit.redis-timeout must be positive, got " + redisTimeout);
		}
	}

	private static final Set<String> SCHEMES = Set.of("redis", "rediss", "redis-socket", "redis-sentinel");

	private static String redisUrlProblem(String url) {
		try {
			URI uri = new URI(url);
			if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme())) {
				return "the scheme must be one of " + String.join(", ", SCHEMES.stream().sorted().toList());
			}
			return null;
		}
		catch (URISyntaxException ex) {
			return ex.getMessage();
		}
	}

}
