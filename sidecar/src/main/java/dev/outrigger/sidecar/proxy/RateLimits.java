package dev.outrigger.sidecar.proxy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.outrigger.core.traffic.RateLimitPolicy;
import dev.outrigger.core.traffic.RateLimiter;

/**
 * The rate limits in force, one per scope (the inbound side, or one outbound destination):
 * token buckets that follow the policy; a changed policy starts with new, full buckets, an
 * unchanged one keeps them.
 */
public final class RateLimits {

	private final Map<String, Active> active = new ConcurrentHashMap<>();

	/**
	 * Takes a token for one request.
	 * @param scope what the limit applies to, such as a destination service
	 * @param policy the policy in force, not off
	 * @param caller the calling service, or {@code null}
	 * @return 0 if the request may go on, else the seconds to put in {@code Retry-After}
	 */
	public long acquire(String scope, RateLimitPolicy policy, String caller) {
		Active current = this.active.get(scope);
		if (current == null || (current.policy() != policy && !current.policy().equals(policy))) {
			current = this.active.compute(scope, (name, previous) -> (previous != null
					&& previous.policy().equals(policy)) ? previous : new Active(policy, new RateLimiter(policy)));
		}
		long wait = current.limiter().tryAcquire(caller);
		return (wait == 0) ? 0 : RateLimiter.retryAfterSeconds(wait);
	}

	private record Active(RateLimitPolicy policy, RateLimiter limiter) {
	}

}
