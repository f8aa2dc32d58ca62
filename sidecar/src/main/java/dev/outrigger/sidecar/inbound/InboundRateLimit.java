package dev.outrigger.sidecar.inbound;

import java.util.concurrent.atomic.AtomicReference;

import dev.outrigger.core.traffic.RateLimitPolicy;
import dev.outrigger.core.traffic.RateLimiter;

/**
 * The inbound rate limit in force: token buckets per caller that follow the policy; a changed
 * policy starts with new, full buckets, an unchanged one keeps them.
 */
final class InboundRateLimit {

	private final AtomicReference<Active> active = new AtomicReference<>();

	/**
	 * Takes a token for one request.
	 * @param policy the policy in force, not off
	 * @param caller the calling service, or {@code null}
	 * @return 0 if the request may go on, else the seconds to put in {@code Retry-After}
	 */
	long acquire(RateLimitPolicy policy, String caller) {
		Active current = this.active.get();
		if (current == null || (current.policy() != policy && !current.policy().equals(policy))) {
			current = this.active.updateAndGet((previous) -> (previous != null && previous.policy().equals(policy))
					? previous : new Active(policy, new RateLimiter(policy)));
		}
		long wait = current.limiter().tryAcquire(caller);
		return (wait == 0) ? 0 : RateLimiter.retryAfterSeconds(wait);
	}

	private record Active(RateLimitPolicy policy, RateLimiter limiter) {
	}

}
