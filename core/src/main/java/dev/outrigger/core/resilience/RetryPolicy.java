package dev.outrigger.core.resilience;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * When and how often a failed call is tried again. A call is retried when it never reached an
 * instance (any method), or when it may have and repeating it is harmless (an idempotent
 * method, or a request with an {@code Idempotency-Key} header), on another instance when there
 * is one, within the retry budget and the call's deadline. The same settings serve the
 * sidecar ({@code outrigger.sidecar.outbound.retries}) and the gateway
 * ({@code outrigger.gateway.retries}).
 *
 * @param attempts retries after the first attempt (0 turns retries off)
 * @param backoff wait before the first retry, doubling for each further one (with jitter)
 * @param maxBackoff longest wait before a retry
 * @param budgetRatio retries allowed per request over the last 10 s
 * @param budgetMinPerSecond retries allowed per second whatever the traffic
 * @param maxBody largest request body kept in memory so that it can be sent again; a larger
 * or chunked body is streamed and its call not retried
 */
public record RetryPolicy(@DefaultValue("2") int attempts, @DefaultValue("25ms") Duration backoff,
		@DefaultValue("250ms") Duration maxBackoff, @DefaultValue("0.2") double budgetRatio,
		@DefaultValue("10") int budgetMinPerSecond, @DefaultValue("1MB") DataSize maxBody) {

	public RetryPolicy {
		if (attempts < 0 || attempts > 10) {
			throw new IllegalArgumentException("retries.attempts must be 0-10, got " + attempts);
		}
		if (budgetRatio < 0 || budgetMinPerSecond < 0) {
			throw new IllegalArgumentException("retries.budget-ratio and budget-min-per-second must not be negative");
		}
		if (maxBody.isNegative()) {
			throw new IllegalArgumentException("retries.max-body must not be negative, got " + maxBody);
		}
		new Backoff(backoff, maxBackoff);
	}

	/** The backoff between retries. */
	public Backoff toBackoff() {
		return new Backoff(this.backoff, this.maxBackoff);
	}

	/** A new budget for one destination. */
	public RetryBudget newBudget() {
		return new RetryBudget(this.budgetRatio, this.budgetMinPerSecond);
	}

}
