package dev.outrigger.core.resilience;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import dev.outrigger.core.error.MeshError;
import dev.outrigger.core.resilience.RetryingCall.Attempt;
import dev.outrigger.core.resilience.RetryingCall.Verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RetryingCallTests {

	private static final RetryPolicy TWO_RETRIES = new RetryPolicy(2, Duration.ofMillis(25), Duration.ofMillis(250),
			0.2, 10, DataSize.ofMegabytes(1));

	private static final OutlierPolicy OUTLIER = new OutlierPolicy(5, Duration.ofSeconds(10), Duration.ofMinutes(1),
			100);

	private final InstancePool pool = new InstancePool();

	private final Endpoint a = new Endpoint("a", "10.0.0.1", 80, null);

	private final Endpoint b = new Endpoint("b", "10.0.0.2", 80, null);

	private final Throwable reset = new SocketException("Connection reset");

	@Test
	void idempotentMethodIsRetriedAfterAFailureThatMayHaveBeenProcessed() {
		assertThat(call("GET").next().failed(this.reset, false)).isEqualTo(Verdict.RETRY);
		assertThat(call("PUT").next().failed(new TimeoutException(), false)).isEqualTo(Verdict.RETRY);
		assertThat(call("GET").next().answered(503, null, false)).isEqualTo(Verdict.RETRY);
	}

	@Test
	void postThatMayHaveBeenProcessedIsNotRetriedUnlessItHasAnIdempotencyKey() {
		assertThat(call("POST").next().failed(this.reset, false)).isEqualTo(Verdict.STOP);
		assertThat(call("POST").next().answered(502, null, false)).isEqualTo(Verdict.STOP);
		assertThat(call("POST", true).next().failed(this.reset, false)).isEqualTo(Verdict.RETRY);
	}

	@Test
	void anyMethodIsRetriedWhenTheRequestWasNotSent() {
		assertThat(call("POST").next().failed(new ConnectException("Connection refused"), false))
			.isEqualTo(Verdict.RETRY);
		assertThat(call("PATCH").next().answered(503, RetryRules.APP_UNAVAILABLE, false)).isEqualTo(Verdict.RETRY);
	}

	@Test
	void aConnectFailureWrappedTwoCausesDeepCountsAsNotSent() {
		Throwable wrapped = new IllegalStateException(new IOException(new ConnectException("Connection refused")));
		assertThat(call("POST").next().failed(wrapped, false)).isEqualTo(Verdict.RETRY);
	}

	@Test
	void onlyGatewayErrorsAreRetriedAndOtherAnswersStand() {
		assertThat(call("GET").next().answered(500, null, false)).isEqualTo(Verdict.STOP);
		assertThat(call("GET").next().answered(429, null, false)).isEqualTo(Verdict.STOP);
		assertThat(call("GET").next().answered(200, null, false)).isEqualTo(Verdict.STOP);
	}

	@Test
	void aServerErrorOnACommittedResponseIsNotRetried() {
		assertThat(call("GET").next().answered(503, null, true)).isEqualTo(Verdict.STOP);
		assertThat(call("POST").next().failed(new ConnectException(), true)).isEqualTo(Verdict.STOP);
	}

	@Test
	void noRetryOnceThePolicysAttemptsAreUsed() {
		RetryingCall call = call("GET");
		assertThat(call.next().failed(this.reset, false)).isEqualTo(Verdict.RETRY);
		assertThat(call.next().failed(this.reset, false)).isEqualTo(Verdict.RETRY);
		assertThat(call.next().failed(this.reset, false)).isEqualTo(Verdict.STOP);
		assertThat(call.retries()).isEqualTo(2);
	}

	@Test
	void aStreamedBodyIsNotRetried() {
		RetryingCall call = new RetryingCall(TWO_RETRIES, TWO_RETRIES.newBudget(), deadline(5000), instances(), "PUT",
				false);
		assertThat(call.next().failed(new ConnectException(), false)).isEqualTo(Verdict.STOP);
	}

	@Test
	void onlyASmallBodyOfKnownLengthIsKeptForRetries() {
		RetryingCall call = call("POST");
		assertThat(call.keepsBody(1024, false)).isTrue();
		assertThat(call.keepsBody(DataSize.ofMegabytes(1).toBytes() + 1, false)).isFalse();
		assertThat(call.keepsBody(0, true)).isFalse();
	}

	@Test
	void aSpentBudgetRefusesTheRetryWithRetryBudgetExhausted() {
		RetryBudget spent = new RetryBudget(0, 0);
		RetryingCall call = new RetryingCall(TWO_RETRIES, spent, deadline(5000), instances(), "GET", false);
		call.bodyKept();

		assertThat(call.next().failed(this.reset, false)).isEqualTo(Verdict.BUDGET_EXHAUSTED);
		MeshError error = call.budgetExhausted("service 'shop' failed: SocketException");
		assertThat(error.error()).isEqualTo("retry_budget_exhausted");
		assertThat(error.status()).isEqualTo(503);
		assertThat(error.message()).startsWith("service 'shop' failed: SocketException").contains("budget");
	}

	@Test
	void theBudgetCountsEachCallAndEachRetry() {
		RetryBudget budget = new RetryBudget(0.5, 0);
		RetryingCall first = call(budget, deadline(5000), "GET");
		RetryingCall second = call(budget, deadline(5000), "GET");

		assertThat(first.next().failed(this.reset, false)).isEqualTo(Verdict.RETRY);
		assertThat(second.next().failed(this.reset, false)).isEqualTo(Verdict.BUDGET_EXHAUSTED);
	}

	@Test
	void noRetryIsStartedWithLessThanTheMarginLeft() {
		RetryingCall call = call(TWO_RETRIES.newBudget(), deadline(3), "GET");
		assertThat(call.next().failed(new ConnectException(), false)).isEqualTo(Verdict.STOP);
	}

	@Test
	void theBackoffIsCutShortSoThatTheRetryStillHasTheMarginLeft() {
		RetryPolicy slow = new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(1), 0.2, 10,
				DataSize.ofMegabytes(1));
		RetryingCall call = new RetryingCall(slow, slow.newBudget(), deadline(100), instances(), "GET", false);
		call.bodyKept();

		assertThat(call.next().failed(this.reset, false)).isEqualTo(Verdict.RETRY);
		assertThat(call.backoff()).isLessThanOrEqualTo(Duration.ofMillis(100).minus(RetryingCall.MARGIN));
	}

	@Test
	void aDeadlineThatRunsOutDuringTheBackoffStopsTheRetries() {
		RetryingCall call = call(TWO_RETRIES.newBudget(), deadline(40), "GET");
		assertThat(call.next().failed(this.reset, false)).isEqualTo(Verdict.RETRY);

		await().atMost(Duration.ofSeconds(1)).until(() -> call.deadline().isExpired(RetryingCall.MARGIN));

		assertThat(call.next().failed(this.reset, false)).isEqualTo(Verdict.STOP);
		assertThat(call.retries()).isEqualTo(1);
	}

	@Test
	void theBackoffGrowsWithEachRetryUpToItsMaximum() {
		RetryingCall call = call("GET");
		call.next().failed(this.reset, false);
		assertThat(call.backoff()).isBetween(Duration.ofNanos(12_500_000), Duration.ofMillis(25));
		call.next().failed(this.reset, false);
		assertThat(call.backoff()).isBetween(Duration.ofMillis(25), Duration.ofMillis(50));
	}

	@Test
	void anUntriedInstanceIsPreferredThenAnyInstance() {
		RetryingCall call = call("GET");
		List<String> chosen = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Attempt attempt = call.next();
			chosen.add(attempt.endpoint().id());
			attempt.failed(this.reset, false);
		}
		assertThat(chosen.subList(0, 2)).containsExactlyInAnyOrder("a", "b");
		assertThat(chosen.get(2)).isIn("a", "b");
	}

	@Test
	void noInstanceMeansNoAttempt() {
		RetryingCall call = new RetryingCall(TWO_RETRIES, TWO_RETRIES.newBudget(), deadline(5000),
				new RetryingCall.Instances("shop", this.pool, List::of, null, LoadBalancing.ROUND_ROBIN, OUTLIER),
				"GET", false);
		assertThat(call.next()).isNull();
	}

	@Test
	void aRefusedConnectionEjectsTheInstanceAtOnce() {
		Attempt attempt = call("GET").next();
		attempt.failed(new IOException(new ConnectException("Connection refused")), false);
		assertThat(this.pool.ejected()).containsExactly(attempt.endpoint().id());
	}

	@Test
	void anAppUnavailableAnswerEjectsTheInstanceAtOnce() {
		Attempt attempt = call("GET").next();
		attempt.answered(503, RetryRules.APP_UNAVAILABLE, false);
		assertThat(this.pool.ejected()).containsExactly(attempt.endpoint().id());
	}

	@Test
	void aResetCountsAgainstTheInstanceWithoutEjectingItAtOnce() {
		Attempt attempt = call("GET").next();
		attempt.failed(this.reset, false);
		assertThat(this.pool.ejected()).isEmpty();
		assertThat(this.pool.health(attempt.endpoint()).outstanding()).isZero();
	}

	@Test
	void aFailureAfterTheResponseIsCommittedDoesNotJudgeTheInstance() {
		Attempt attempt = call("GET").next();
		attempt.failed(new ConnectException(), true);
		assertThat(this.pool.ejected()).isEmpty();
		assertThat(this.pool.health(attempt.endpoint()).outstanding()).isZero();
	}

	@Test
	void anAbandonedAttemptDoesNotJudgeTheInstance() {
		Attempt attempt = call("GET").next();
		attempt.abandoned();
		assertThat(this.pool.health(attempt.endpoint()).outstanding()).isZero();
		assertThat(this.pool.ejected()).isEmpty();
	}

	private RetryingCall call(String method) {
		return call(method, false);
	}

	private RetryingCall call(String method, boolean hasIdempotencyKey) {
		RetryingCall call = new RetryingCall(TWO_RETRIES, TWO_RETRIES.newBudget(), deadline(5000), instances(),
				method, hasIdempotencyKey);
		call.bodyKept();
		return call;
	}

	private RetryingCall call(RetryBudget budget, Deadline deadline, String method) {
		RetryingCall call = new RetryingCall(TWO_RETRIES, budget, deadline, instances(), method, false);
		call.bodyKept();
		return call;
	}

	private RetryingCall.Instances instances() {
		return new RetryingCall.Instances("shop", this.pool, () -> List.of(this.a, this.b), null,
				LoadBalancing.ROUND_ROBIN, OUTLIER);
	}

	private static Deadline deadline(long millis) {
		return Deadline.of(Duration.ofMillis(millis), null);
	}

}
