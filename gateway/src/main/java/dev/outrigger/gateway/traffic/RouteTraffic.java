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

	/** Compiles {@code policy} for the route {@code routeId}. */
	static RouteTraffic compile(String routeId, TrafficPolicy policy) {
		RateLimitPolicy limit = policy.rateLimit();
		return new RouteTraffic(routeId, new TrafficRules(routeId, policy, TrafficRules.THREAD_LOCAL_RANDOM),
				limit.isOff() ? null : new RateLimiter(limit));
	}

	/** The policy the route was compiled from. */
	public TrafficPolicy policy() {
		return this.rules.policy();
	}

}
