package dev.outrigger.core.resilience;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BackoffTests {

	private final Backoff backoff = new Backoff(Duration.ofMillis(20), Duration.ofMillis(100));

	@RepeatedTest(20)
	void waitGrowsExponentiallyWithJitterUpToTheMax() {
		assertThat(this.backoff.delay(1)).isBetween(Duration.ofMillis(10), Duration.ofMillis(20));
		assertThat(this.backoff.delay(2)).isBetween(Duration.ofMillis(20), Duration.ofMillis(40));
		assertThat(this.backoff.delay(3)).isBetween(Duration.ofMillis(40), Duration.ofMillis(80));
		assertThat(this.backoff.delay(4)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
		assertThat(this.backoff.delay(30)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
	}

	@Test
	void jitterSpreadsTheWaits() {
		long distinct = java.util.stream.IntStream.range(0, 50).mapToObj((i) -> this.backoff.delay(3)).distinct().count();
		assertThat(distinct).isGreaterThan(10);
	}

	@Test
	void waitNeverEatsTheLastOfTheDeadline() {
		Backoff slow = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(2));
		Deadline deadline = Deadline.of(Duration.ofMillis(300), null);

		assertThat(slow.delay(1, deadline, Duration.ofMillis(50))).isLessThanOrEqualTo(Duration.ofMillis(250));
		assertThat(slow.delay(1, Deadline.of(Duration.ofMillis(10), null), Duration.ofMillis(50))).isZero();
	}

	@Test
	void zeroBaseMeansNoWait() {
		assertThat(new Backoff(Duration.ZERO, Duration.ZERO).delay(3)).isZero();
	}

	@Test
	void refusesMaxBelowBase() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofMillis(1)))
			.withMessageContaining("shorter than the base");
	}

}
