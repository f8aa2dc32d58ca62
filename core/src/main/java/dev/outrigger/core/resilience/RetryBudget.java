package dev.outrigger.core.resilience;

import java.util.function.LongSupplier;

/**
 * Caps retries to a share of recent requests, as Linkerd and Envoy do, so that a failing
 * service is not buried under retries: over a sliding window of ten seconds, retries may not
 * exceed {@code ratio} × requests plus {@code minPerSecond} × 10.
 * <p>
 * One budget is kept per destination. Thread-safe; the critical sections are a few array
 * updates.
 */
public final class RetryBudget {

	private static final int WINDOW_SECONDS = 10;

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private final double ratio;

	private final int minPerSecond;

	private final LongSupplier nanoTime;

	private final long[] requests = new long[WINDOW_SECONDS];

	private final long[] retries = new long[WINDOW_SECONDS];

	private final long[] bucketSecond = new long[WINDOW_SECONDS];

	/**
	 * Creates a budget.
	 * @param ratio retries allowed per request, e.g. 0.2
	 * @param minPerSecond retries allowed per second whatever the traffic, so that a quiet
	 * service can still retry
	 */
	public RetryBudget(double ratio, int minPerSecond) {
		this(ratio, minPerSecond, System::nanoTime);
	}

	RetryBudget(double ratio, int minPerSecond, LongSupplier nanoTime) {
		if (ratio < 0 || ratio > 10) {
			throw new IllegalArgumentException("retry budget ratio must be between 0 and 10, got " + ratio);
		}
		if (minPerSecond < 0) {
			throw new IllegalArgumentException("retry budget floor must not be negative, got " + minPerSecond);
		}
		this.ratio = ratio;
		this.minPerSecond = minPerSecond;
		this.nanoTime = nanoTime;
		java.util.Arrays.fill(this.bucketSecond, Long.MIN_VALUE);
	}

	/** Counts one original request (not a retry). */
	public synchronized void recordRequest() {
		this.requests[bucket()]++;
	}

	/**
	 * Takes one retry from the budget.
	 * @return whether the retry may be made
	 */
	public synchronized boolean tryAcquireRetry() {
		int current = bucket();
		if (remainingInWindow() < 1) {
			return false;
		}
		this.retries[current]++;
		return true;
	}

	/** The retries the budget would still allow now. */
	public synchronized long remaining() {
		bucket();
		return Math.max(0, (long) Math.floor(remainingInWindow()));
	}

	/** Retries allowed in the window minus those made; the caller holds the lock. */
	private double remainingInWindow() {
		long requestSum = 0;
		long retrySum = 0;
		for (int i = 0; i < WINDOW_SECONDS; i++) {
			requestSum += this.requests[i];
			retrySum += this.retries[i];
		}
		return this.ratio * requestSum + (double) this.minPerSecond * WINDOW_SECONDS - retrySum;
	}

	/** The bucket of the current second, cleared if it last held an older second. */
	private int bucket() {
		long second = Math.floorDiv(this.nanoTime.getAsLong(), NANOS_PER_SECOND);
		int index = (int) Math.floorMod(second, (long) WINDOW_SECONDS);
		if (this.bucketSecond[index] != second) {
			this.bucketSecond[index] = second;
			this.requests[index] = 0;
			this.retries[index] = 0;
		}
		// Buckets not touched for a whole window hold stale counts: clear them too.
		for (int i = 0; i < WINDOW_SECONDS; i++) {
			if (this.bucketSecond[i] != Long.MIN_VALUE && second - this.bucketSecond[i] >= WINDOW_SECONDS) {
				this.bucketSecond[i] = Long.MIN_VALUE;
				this.requests[i] = 0;
				this.retries[i] = 0;
			}
		}
		return index;
	}

}
