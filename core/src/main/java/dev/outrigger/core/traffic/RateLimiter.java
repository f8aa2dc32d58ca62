package dev.outrigger.core.traffic;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Token buckets of a {@link RateLimitPolicy}, one per caller (or one for all). Memory stays
 * bounded: a bucket idle long enough to be full again is the same as a new one, so such
 * buckets are dropped when the number of callers reaches a cap; callers beyond the cap share
 * one overflow bucket until idle ones can be dropped.
 */
public final class RateLimiter {

	/** Most callers with a bucket of their own. */
	public static final int DEFAULT_MAX_CALLERS = 10_000;

	private static final long SWEEP_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final double tokensPerNano;

	private final int burst;

	private final boolean perCaller;

	private final int maxCallers;

	private final LongSupplier nanoClock;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final Bucket shared;

	private volatile long lastSweep;

	public RateLimiter(RateLimitPolicy policy) {
		this(policy, DEFAULT_MAX_CALLERS, System::nanoTime);
	}

	/**
	 * A limiter with its own cap and clock.
	 * @param policy the limit; must not be off
	 * @param maxCallers most callers with a bucket of their own
	 * @param nanoClock monotonic clock in nanoseconds
	 */
	public RateLimiter(RateLimitPolicy policy, int maxCallers, LongSupplier nanoClock) {
		if (policy.isOff()) {
			throw new IllegalArgumentException("rate-limit.per-second is not set: no limiter is needed");
		}
		this.tokensPerNano = policy.perSecond() / TimeUnit.SECONDS.toNanos(1);
		this.burst = policy.effectiveBurst();
		this.perCaller = policy.perCaller();
		this.maxCallers = maxCallers;
		this.nanoClock = nanoClock;
		long now = nanoClock.getAsLong();
		this.shared = new Bucket(this.burst, now);
		this.lastSweep = now;
	}

	/**
	 * Takes a token for one request.
	 * @param caller who calls (ignored unless the policy is per caller); {@code null} for
	 * callers that do not say
	 * @return 0 if the request may go on, else nanoseconds until a token is available
	 */
	public long tryAcquire(String caller) {
		long now = this.nanoClock.getAsLong();
		return bucket(caller, now).take(now);
	}

	/** Callers with a bucket of their own now. */
	public int callers() {
		return this.buckets.size();
	}

	/** Whole seconds to put in {@code Retry-After} for a wait: rounded up, at least 1. */
	public static long retryAfterSeconds(long waitNanos) {
		long seconds = (waitNanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
		return Math.max(1, seconds);
	}

	private Bucket bucket(String caller, long now) {
		if (!this.perCaller) {
			return this.shared;
		}
		String key = (caller != null) ? caller : "";
		Bucket bucket = this.buckets.get(key);
		if (bucket != null) {
			return bucket;
		}
		if (this.buckets.size() >= this.maxCallers && !sweep(now)) {
			return this.shared;
		}
		return this.buckets.computeIfAbsent(key, (k) -> new Bucket(this.burst, now));
	}

	/** Drops full buckets, at most once a second; whether there is room for a new one. */
	private boolean sweep(long now) {
		if (now - this.lastSweep >= SWEEP_INTERVAL_NANOS) {
			this.lastSweep = now;
			this.buckets.values().removeIf((bucket) -> bucket.isFull(now));
		}
		return this.buckets.size() < this.maxCallers;
	}

	private final class Bucket {

		private double tokens;

		private long updated;

		Bucket(double tokens, long now) {
			this.tokens = tokens;
			this.updated = now;
		}

		synchronized long take(long now) {
			refill(now);
			if (this.tokens >= 1) {
				this.tokens -= 1;
				return 0;
			}
			return (long) Math.ceil((1 - this.tokens) / RateLimiter.this.tokensPerNano);
		}

		synchronized boolean isFull(long now) {
			refill(now);
			return this.tokens >= RateLimiter.this.burst;
		}

		private void refill(long now) {
			long elapsed = now - this.updated;
			if (elapsed > 0) {
				this.tokens = Math.min(RateLimiter.this.burst, this.tokens + elapsed * RateLimiter.this.tokensPerNano);
				this.updated = now;
			}
		}

	}

}
