package dev.outrigger.gateway.traffic;

import dev.outrigger.core.traffic.RateLimitPolicy;
import dev.outrigger.core.traffic.RateLimiter;
import dev.outrigger.core.traffic.TrafficPolicy;
import dev.outrigger.core.traffic.TrafficRules;

/**
 * One route's traffic policy, compiled: the rules consulted per request and the route's local
 * token buckets, which live as long as the policy does.
 *
 * @param routeId the route
 * @param rules the split, match, fault, mirror, header and path rules
 * @param limiter the route's local token buckets, or {@code null} when it has no rate limit
 */
public record RouteTraffic(String routeId, TrafficRules rules, RateLimiter limiter) {

	/**
	 * Compiles {@code policy} for the route {@code routeId}, keeping the token buckets of
	 * {@code previous} when its rate limit is the same, so that editing another key does not
	 * refill every bucket.
	 */
	static RouteTraffic compile(String routeId, TrafficPolicy policy, RouteTraffic previous) {
		RateLimitPolicy limit = policy.rateLimit();
		RateLimiter limiter = null;
		if (!limit.isOff()) {
			boolean same = previous != null && previous.limiter != null && previous.policy().rateLimit().equals(limit);
			limiter = same ? previous.limiter : new RateLimiter(limit);
		}
		return new RouteTraffic(routeId, new TrafficRules(routeId, policy, TrafficRules.THREAD_LOCAL_RANDOM), limiter);
	}

	/** The policy the route was compiled from. */
	public TrafficPolicy policy() {
		return this.rules.policy();
	}

}
