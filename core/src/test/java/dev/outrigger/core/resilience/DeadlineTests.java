package dev.outrigger.core.resilience;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlineTests {

	@Test
	void callersShorterDeadlineWins() {
		Deadline deadline = Deadline.of(Duration.ofSeconds(5), "300");
		assertThat(deadline.remaining()).isLessThanOrEqualTo(Duration.ofMillis(300));
		assertThat(deadline.remaining()).isGreaterThan(Duration.ofMillis(200));
	}

	@Test
	void ownTimeoutWinsWhenShorter() {
		Deadline deadline = Deadline.of(Duration.ofMillis(100), "60000");
		assertThat(deadline.remaining()).isLessThanOrEqualTo(Duration.ofMillis(100));
	}

	@Test
	void malformedHeaderIsIgnored() {
		assertThat(Deadline.parse("soon")).isNull();
		assertThat(Deadline.parse("-5")).isNull();
		assertThat(Deadline.parse("")).isNull();
		assertThat(Deadline.parse(null)).isNull();
		assertThat(Deadline.parse("99999999999999999")).isNull();
		assertThat(Deadline.of(Duration.ofSeconds(2), "soon").remaining()).isGreaterThan(Duration.ofSeconds(1));
	}

	@Test
	void expiredDeadlineStillGivesAUsableTimeout() {
		Deadline deadline = Deadline.of(Duration.ofSeconds(5), "0");
		assertThat(deadline.isExpired(Duration.ZERO)).isTrue();
		assertThat(deadline.remaining()).isEqualTo(Duration.ofMillis(1));
		assertThat(deadline.headerValue()).isEqualTo("1");
	}

}
