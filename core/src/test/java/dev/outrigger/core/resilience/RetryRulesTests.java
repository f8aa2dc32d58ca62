package dev.outrigger.core.resilience;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import dev.outrigger.core.resilience.RetryRules.Reach;

import static org.assertj.core.api.Assertions.assertThat;

class RetryRulesTests {

	@Test
	void anyMethodIsRetriedWhenItNeverReachedTheUpstream() {
		assertThat(RetryRules.mayRetry("POST", false, Reach.NOT_SENT)).isTrue();
		assertThat(RetryRules.mayRetry("PATCH", false, Reach.NOT_SENT)).isTrue();
	}

	@Test
	void postThatMayHaveBeenProcessedIsRetriedOnlyWithAnIdempotencyKey() {
		assertThat(RetryRules.mayRetry("POST", false, Reach.MAYBE_PROCESSED)).isFalse();
		assertThat(RetryRules.mayRetry("POST", true, Reach.MAYBE_PROCESSED)).isTrue();
		assertThat(RetryRules.mayRetry("PATCH", false, Reach.MAYBE_PROCESSED)).isFalse();
	}

	@Test
	void idempotentMethodsAreRetried() {
		for (String method : new String[] { "GET", "HEAD", "OPTIONS", "PUT", "DELETE" }) {
			assertThat(RetryRules.mayRetry(method, false, Reach.MAYBE_PROCESSED)).as(method).isTrue();
		}
	}

	@Test
	void onlyGatewayErrorsAreRetryableAnswers() {
		assertThat(RetryRules.isRetryableStatus(502)).isTrue();
		assertThat(RetryRules.isRetryableStatus(503)).isTrue();
		assertThat(RetryRules.isRetryableStatus(504)).isTrue();
		assertThat(RetryRules.isRetryableStatus(500)).isFalse();
		assertThat(RetryRules.isRetryableStatus(429)).isFalse();
		assertThat(RetryRules.isRetryableStatus(200)).isFalse();
	}

	@Test
	void aRefusedOrTimedOutConnectNeverSentTheRequest() {
		assertThat(RetryRules.reach(new ConnectException("Connection refused"))).isEqualTo(Reach.NOT_SENT);
		assertThat(RetryRules.reach(new ConnectTimeout())).isEqualTo(Reach.NOT_SENT);
	}

	@Test
	void aConnectFailureAnywhereInTheCauseChainNeverSentTheRequest() {
		Throwable twoDeep = new IllegalStateException(new IOException(new ConnectException("Connection refused")));
		assertThat(RetryRules.reach(twoDeep)).isEqualTo(Reach.NOT_SENT);
	}

	@Test
	void aResetOrAResponseTimeoutMayHaveBeenProcessed() {
		assertThat(RetryRules.reach(new SocketException("Connection reset"))).isEqualTo(Reach.MAYBE_PROCESSED);
		assertThat(RetryRules.reach(new IOException("Connection reset by peer"))).isEqualTo(Reach.MAYBE_PROCESSED);
		assertThat(RetryRules.reach(new TimeoutException("no answer within 5000 ms"))).isEqualTo(Reach.MAYBE_PROCESSED);
	}

	@Test
	void aCauseCycleDoesNotLoop() {
		Exception first = new Exception("first");
		Exception second = new Exception("second", first);
		first.initCause(second);
		assertThat(RetryRules.reach(first)).isEqualTo(Reach.MAYBE_PROCESSED);
	}

	@Test
	void onlyAnAppUnavailableAnswerWasNotSent() {
		assertThat(RetryRules.reach(RetryRules.APP_UNAVAILABLE)).isEqualTo(Reach.NOT_SENT);
		assertThat(RetryRules.reach("upstream_timeout")).isEqualTo(Reach.MAYBE_PROCESSED);
		assertThat(RetryRules.reach((String) null)).isEqualTo(Reach.MAYBE_PROCESSED);
	}

	/** As Netty's connect timeout, a {@link ConnectException}. */
	private static final class ConnectTimeout extends ConnectException {

		ConnectTimeout() {
			super("connection timed out");
		}

	}

}
