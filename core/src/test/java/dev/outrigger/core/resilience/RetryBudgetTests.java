package dev.outrigger.core.resilience;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RetryBudgetTests {

	private final AtomicLong now = new AtomicLong(1_000_000_000_000L);

	private final RetryBudget budget = new RetryBudget(0.2, 1, this.now::get);

	@Test
	void allowsTheFloorWithoutTraffic() {
		int allowed = drain();
		assertThat(allowed).isEqualTo(10);
	}

	@Test
	void allowsOneRetryPerFiveRequestsAboveTheFloor() {
		for (int i = 0; i < 100; i++) {
			this.budget.recordRequest();
		}
		assertThat(this.budget.remaining()).isEqualTo(30);
		assertThat(drain()).isEqualTo(30);
		assertThat(this.budget.tryAcquireRetry()).isFalse();
	}

	@Test
	void moreRequestsRefillTheBudget() {
		drain();
		for (int i = 0; i < 5; i++) {
			this.budget.recordRequest();
		}
		assertThat(this.budget.tryAcquireRetry()).isTrue();
		assertThat(this.budget.tryAcquireRetry()).isFalse();
	}

	@Test
	void retriesOlderThanTheWindowNoLongerCount() {
		drain();
		assertThat(this.budget.tryAcquireRetry()).isFalse();
		this.now.addAndGet(5_000_000_000L);
		assertThat(this.budget.tryAcquireRetry()).isFalse();
		this.now.addAndGet(5_000_000_000L);
		assertThat(drain()).isEqualTo(10);
	}

	@Test
	void windowSlidesSecondBySecond() {
		drain();
		// Ten seconds later the retries of the first second have left the window.
		for (int second = 1; second <= 9; second++) {
			this.now.addAndGet(1_000_000_000L);
			assertThat(this.budget.tryAcquireRetry()).as("second %d", second).isFalse();
		}
		this.now.addAndGet(1_000_000_000L);
		assertThat(this.budget.tryAcquireRetry()).isTrue();
	}

	@Test
	void refusesNonsense() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryBudget(-0.1, 1)).withMessageContaining("ratio");
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryBudget(0.2, -1)).withMessageContaining("floor");
	}

	private int drain() {
		int allowed = 0;
		while (this.budget.tryAcquireRetry()) {
			allowed++;
		}
		return allowed;
	}

}
