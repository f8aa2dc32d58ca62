package dev.outrigger.sidecar.proxy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InflightRequestsTests {

	private final InflightRequests inflight = new InflightRequests();

	@Test
	void countsRequestsBetweenBeginAndEnd() {
		this.inflight.begin();
		this.inflight.begin();
		this.inflight.end();

		assertThat(this.inflight.current()).isEqualTo(1);
	}

	@Test
	void isIdleAtOnceWithNothingInFlight() {
		assertThat(this.inflight.awaitIdle(Duration.ZERO)).isTrue();
	}

	@Test
	void waitsForTheLastRequestToEnd() {
		this.inflight.begin();
		CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS).execute(this.inflight::end);

		assertThat(this.inflight.awaitIdle(Duration.ofSeconds(5))).isTrue();
		assertThat(this.inflight.current()).isZero();
	}

	@Test
	void givesUpAfterTheTimeoutWhileRequestsAreStillInFlight() {
		this.inflight.begin();

		assertThat(this.inflight.awaitIdle(Duration.ofMillis(50))).isFalse();
		assertThat(this.inflight.current()).isEqualTo(1);
	}

}
