package dev.outrigger.gateway.traffic;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import dev.outrigger.core.traffic.RateLimitPolicy;

/**
 * Takes a token from a route's bucket for one caller: from the bucket shared through Redis
 * when one is configured and answers, otherwise from the gateway's own bucket. Redis being
 * down never fails a request; it is said once in the log per outage.
 */
final class EdgeRateLimiter implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(EdgeRateLimiter.class);

	private static final String KEY_PREFIX = "outrigger:rate-limit:";

	private final RedisTokenBuckets redis;

	private final AtomicBoolean redisDown = new AtomicBoolean();

	/**
	 * Creates the limiter.
	 * @param redis the shared buckets, or {@code null} for local buckets only
	 */
	EdgeRateLimiter(RedisTokenBuckets redis) {
		this.redis = redis;
	}

	@Override
	public void close() {
		if (this.redis != null) {
			this.redis.close();
		}
	}

	/**
	 * Takes a token for one request.
	 * @param caller who calls: the API key, else the client address
	 * @return 0 when the request may go on, else the nanoseconds until a token is available
	 */
	Mono<Long> take(RouteTraffic route, String caller) {
		if (this.redis == null) {
			return Mono.just(route.limiter().tryAcquire(caller));
		}
		RateLimitPolicy limit = route.policy().rateLimit();
		String key = KEY_PREFIX + route.routeId() + ":" + (limit.perCaller() ? caller : "*");
		return this.redis.take(key, limit.perSecond(), limit.effectiveBurst())
			.map((wait) -> {
				if (this.redisDown.compareAndSet(true, false)) {
					logger.info("Redis at " + this.redis.location() + " answers again: rate limits are shared again");
				}
				return wait.toNanos();
			})
			.onErrorResume((failure) -> {
				if (this.redisDown.compareAndSet(false, true)) {
					logger.warn("Redis at " + this.redis.location() + " cannot be reached (" + failure
							+ "): rate limits fall back to this gateway's own buckets until it answers again");
				}
				return Mono.fromSupplier(() -> route.limiter().tryAcquire(caller));
			});
	}

}
