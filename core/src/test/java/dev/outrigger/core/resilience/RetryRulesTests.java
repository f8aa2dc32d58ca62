package dev.outrigger.core.resilience;

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

}
