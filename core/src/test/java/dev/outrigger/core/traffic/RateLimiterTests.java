package dev.outrigger.core.traffic;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RateLimiterTests {

	private final AtomicLong now = new AtomicLong(5_000_000_000L);

	@Test
	void burstPassesThenTheRestWaits() {
		RateLimiter limiter = limiter(new RateLimitPolicy(10.0, 5, true), 100);
		for (int i = 0; i < 5; i++) {
			assertThat(limiter.tryAcquire("orders")).isZero();
		}
		long wait = limiter.tryAcquire("orders");
		assertThat(wait).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
		assertThat(RateLimiter.retryAfterSeconds(wait)).isEqualTo(1);
	}

	@Test
	void bucketRefillsAtTheRate() {
		RateLimiter limiter = limiter(new RateLimitPolicy(10.0, 2, true), 100);
		limiter.tryAcquire("a");
		limiter.tryAcquire("a");
		assertThat(limiter.tryAcquire("a")).isPositive();
		advance(100);
		assertThat(limiter.tryAcquire("a")).isZero();
		assertThat(limiter.tryAcquire("a")).isPositive();
		advance(10_000);
		assertThat(limiter.tryAcquire("a")).isZero();
		assertThat(limiter.tryAcquire("a")).isZero();
		assertThat(limiter.tryAcquire("a")).isPositive();
	}

	@Test
	void callersHaveTheirOwnBuckets() {
		RateLimiter limiter = limiter(new RateLimitPolicy(1.0, 1, true), 100);
		assertThat(limiter.tryAcquire("a")).isZero();
		assertThat(limiter.tryAcquire("a")).isPositive();
		assertThat(limiter.tryAcquire("b")).isZero();
		assertThat(limiter.tryAcquire(null)).isZero();
	}

	@Test
	void oneBucketForAllWhenNotPerCaller() {
		RateLimiter limiter = limiter(new RateLimitPolicy(1.0, 1, false), 100);
		assertThat(limiter.tryAcquire("a")).isZero();
		assertThat(limiter.tryAcquire("b")).isPositive();
		assertThat(limiter.callers()).isZero();
	}

	@Test
	void retryAfterIsWholeSecondsRoundedUpAtLeastOne() {
		assertThat(RateLimiter.retryAfterSeconds(1)).isEqualTo(1);
		assertThat(RateLimiter.retryAfterSeconds(1_000_000_000L)).isEqualTo(1);
		assertThat(RateLimiter.retryAfterSeconds(1_000_000_001L)).isEqualTo(2);
		RateLimiter slow = limiter(new RateLimitPolicy(0.25, 1, true), 100);
		slow.tryAcquire("a");
		assertThat(RateLimiter.retryAfterSeconds(slow.tryAcquire("a"))).isEqualTo(4);
	}

	@Test
	void idleCallersAreEvictedToStayWithinTheCap() {
		RateLimiter limiter = limiter(new RateLimitPolicy(10.0, 1, true), 3);
		limiter.tryAcquire("a");
		limiter.tryAcquire("b");
		limiter.tryAcquire("c");
		assertThat(limiter.callers()).isEqualTo(3);
		// Over the cap while everyone is busy: the newcomer shares the overflow bucket.
		assertThat(limiter.tryAcquire("d")).isZero();
		assertThat(limiter.tryAcquire("e")).isPositive();
		assertThat(limiter.callers()).isEqualTo(3);
		advance(2_000);
		assertThat(limiter.tryAcquire("f")).isZero();
		assertThat(limiter.callers()).isEqualTo(1);
	}

	@Test
	void offPolicyNeedsNoLimiter() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RateLimiter(RateLimitPolicy.OFF))
			.withMessageContaining("rate-limit.per-second is not set");
	}

	private RateLimiter limiter(RateLimitPolicy policy, int maxCallers) {
		return new RateLimiter(policy, maxCallers, this.now::get);
	}

	private void advance(long millis) {
		this.now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
	}

}
