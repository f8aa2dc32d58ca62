package dev.outrigger.core.resilience;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter between retries: retry n waits a random time between half
 * and all of {@code min(max, base × 2^(n-1))}, so that callers that failed together do not
 * retry together.
 *
 * @param base wait before the first retry (upper bound)
 * @param max longest wait before any retry
 */
public record Backoff(Duration base, Duration max) {

	public Backoff {
		if (base.isNegative() || max.isNegative()) {
			throw new IllegalArgumentException("backoff durations must not be negative, got " + base + " / " + max);
		}
		if (max.compareTo(base) < 0) {
			throw new IllegalArgumentException("max backoff " + max + " is shorter than the base backoff " + base);
		}
	}

	/**
	 * The wait before retry number {@code retry}.
	 * @param retry 1 for the first retry
	 */
	public Duration delay(int retry) {
		long ceiling = this.base.toNanos();
		for (int i = 1; i < retry && ceiling < this.max.toNanos(); i++) {
			ceiling *= 2;
		}
		ceiling = Math.min(ceiling, this.max.toNanos());
		if (ceiling <= 1) {
			return Duration.ZERO;
		}
		long half = ceiling / 2;
		return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
	}

	/**
	 * The wait before retry number {@code retry}, cut short so that at least {@code margin} of
	 * the deadline is left for the retry itself.
	 */
	public Duration delay(int retry, Deadline deadline, Duration margin) {
		Duration delay = delay(retry);
		Duration left = deadline.remaining().minus(margin);
		if (left.isNegative()) {
			return Duration.ZERO;
		}
		return (delay.compareTo(left) > 0) ? left : delay;
	}

}
