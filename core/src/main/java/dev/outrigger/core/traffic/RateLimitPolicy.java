package dev.outrigger.core.traffic;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A local token bucket: requests over the rate are answered 429 with {@code Retry-After}.
 *
 * @param perSecond tokens added per second, above 0; {@code null} for no limit
 * @param burst bucket size, at least 1; {@code null} for the per-second rate rounded up
 * @param perCaller one bucket per caller rather than one for all
 */
public record RateLimitPolicy(Double perSecond, Integer burst, @DefaultValue("true") boolean perCaller) {

	/** No limit. */
	public static final RateLimitPolicy OFF = new RateLimitPolicy(null, null, true);

	public RateLimitPolicy {
		if (perSecond == null) {
			if (burst != null) {
				throw new IllegalArgumentException("rate-limit.per-second is required when rate-limit.burst is set");
			}
		}
		else if (!(perSecond > 0) || perSecond.isInfinite()) {
			throw new IllegalArgumentException("rate-limit.per-second must be above 0, got " + perSecond);
		}
		if (burst != null && burst < 1) {
			throw new IllegalArgumentException("rate-limit.burst must be at least 1, got " + burst);
		}
	}

	/** Whether every request is let through. */
	public boolean isOff() {
		return this.perSecond == null;
	}

	/** The bucket size in force: {@code burst}, or the per-second rate rounded up. */
	public int effectiveBurst() {
		return (this.burst != null) ? this.burst : (int) Math.max(1, Math.ceil(this.perSecond));
	}

}
