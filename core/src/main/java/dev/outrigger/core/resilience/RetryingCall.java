package dev.outrigger.core.resilience;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import dev.outrigger.core.error.MeshError;
import dev.outrigger.core.resilience.RetryRules.Reach;

/**
 * The retry decisions of one call over all its attempts: which instance each attempt goes to,
 * whether a failed attempt is tried again (the {@link RetryRules}, the policy's attempts, the
 * retry budget, the deadline), how long to wait before it, and what each attempt tells of its
 * instance. The gateway and the sidecar do the I/O: they send each attempt and report here how
 * it ended.
 * <p>
 * One call's attempts follow one another; the class is not meant for concurrent use.
 */
public final class RetryingCall {

	/** No retry is started with less time than this left before the deadline. */
	public static final Duration MARGIN = Duration.ofMillis(5);

	private final RetryPolicy policy;

	private final RetryBudget budget;

	private final Deadline deadline;

	private final Instances instances;

	private final String method;

	private final boolean hasIdempotencyKey;

	private final Set<String> tried = new HashSet<>(4);

	private boolean bodyKept;

	private int retries;

	/**
	 * Starts a call, counting it as one request in the budget.
	 * @param policy the call's retry policy
	 * @param budget the destination's retry budget
	 * @param deadline the call's one deadline, which all attempts and backoffs share
	 * @param instances where the attempts go
	 * @param method the request method, upper case
	 * @param hasIdempotencyKey whether the request carries {@value RetryRules#IDEMPOTENCY_KEY}
	 */
	public RetryingCall(RetryPolicy policy, RetryBudget budget, Deadline deadline, Instances instances, String method,
			boolean hasIdempotencyKey) {
		this.policy = policy;
		this.budget = budget;
		this.deadline = deadline;
		this.instances = instances;
		this.method = method;
		this.hasIdempotencyKey = hasIdempotencyKey;
		budget.recordRequest();
	}

	/**
	 * The instances of the destination as the call sees them.
	 *
	 * @param service the destination service, for errors
	 * @param pool the health of its instances
	 * @param endpoints its instances that take traffic, asked again for each attempt
	 * @param zone the caller's zone, preferred while it has instances; {@code null} for none
	 * @param strategy how an instance is picked
	 * @param outlier when a failing instance is ejected
	 */
	public record Instances(String service, InstancePool pool, Supplier<List<Endpoint>> endpoints, String zone,
			LoadBalancing strategy, OutlierPolicy outlier) {
	}

	/** What to do after an attempt. */
	public enum Verdict {

		/** Wait {@link #backoff()}, then make the next attempt. */
		RETRY,

		/** Keep the attempt's answer, or its failure. */
		STOP,

		/**
		 * The failure was worth retrying but the retry budget is spent: keep an answer,
		 * or turn a failure into {@link #budgetExhausted(String)}.
		 */
		BUDGET_EXHAUSTED

	}

	/**
	 * Whether a request body is kept in memory so that it can be sent again; a larger or
	 * chunked one is streamed, and its call not retried.
	 * @param contentLength the body's declared length
	 * @param chunked whether the body is sent in chunks of unknown total length
	 */
	public boolean keepsBody(long contentLength, boolean chunked) {
		return !chunked && contentLength <= this.policy.maxBody().toBytes();
	}

	/** Records that the request body is kept, so that the call may be tried again. */
	public void bodyKept() {
		this.bodyKept = true;
	}

	/**
	 * Starts the next attempt, on an instance this call has not tried yet when there is one,
	 * else on any.
	 * @return the attempt, or {@code null} when the destination has no instance
	 */
	public Attempt next() {
		List<Endpoint> endpoints = this.instances.endpoints().get();
		InstancePool pool = this.instances.pool();
		Endpoint endpoint = pool.choose(endpoints, this.tried, this.instances.zone(), this.instances.strategy());
		if (endpoint == null && !this.tried.isEmpty()) {
			endpoint = pool.choose(endpoints, Set.of(), this.instances.zone(), this.instances.strategy());
		}
		if (endpoint == null) {
			return null;
		}
		this.tried.add(endpoint.id());
		return new Attempt(endpoint, endpoints, pool.health(endpoint).attempt());
	}

	/** The wait before the retry just granted, cut short to leave {@link #MARGIN} of the deadline. */
	public Duration backoff() {
		return this.policy.toBackoff().delay(Math.max(1, this.retries), this.deadline, MARGIN);
	}

	/** The retries granted so far. */
	public int retries() {
		return this.retries;
	}

	/** The call's deadline. */
	public Deadline deadline() {
		return this.deadline;
	}

	/**
	 * The error for a failure that was worth retrying when the budget was spent.
	 * @param failure what went wrong with the last attempt
	 */
	public MeshError budgetExhausted(String failure) {
		return MeshError.retryBudgetExhausted(this.instances.service(), failure);
	}

	private Verdict retry(Reach reach) {
		if (!this.bodyKept || this.retries >= this.policy.attempts() || this.deadline.isExpired(MARGIN)
				|| !RetryRules.mayRetry(this.method, this.hasIdempotencyKey, reach)) {
			return Verdict.STOP;
		}
		if (!this.budget.tryAcquireRetry()) {
			return Verdict.BUDGET_EXHAUSTED;
		}
		this.retries++;
		return Verdict.RETRY;
	}

	/** One attempt on one instance, to be reported exactly once. */
	public final class Attempt {

		private final Endpoint endpoint;

		private final List<Endpoint> endpoints;

		private final InstanceHealth.Attempt health;

		private Attempt(Endpoint endpoint, List<Endpoint> endpoints, InstanceHealth.Attempt health) {
			this.endpoint = endpoint;
			this.endpoints = endpoints;
			this.health = health;
		}

		/** The instance the attempt goes to. */
		public Endpoint endpoint() {
			return this.endpoint;
		}

		/**
		 * The instance answered.
		 * @param status the answer's status
		 * @param meshError its {@code X-Outrigger-Error} code, or {@code null}
		 * @param committed whether the response to the client is already under way
		 * @return {@link Verdict#RETRY} when the answer is to be dropped for another attempt
		 */
		public Verdict answered(int status, String meshError, boolean committed) {
			if (status < 500) {
				this.health.succeeded();
				return Verdict.STOP;
			}
			Reach reach = RetryRules.reach(meshError);
			settleFailed(reach);
			if (!RetryRules.isRetryableStatus(status) || committed) {
				return Verdict.STOP;
			}
			return retry(reach);
		}

		/**
		 * The attempt failed without an answer. Once the response to the client is under way
		 * the instance is not judged: the failure may be the client's.
		 * @param failure the failure
		 * @param committed whether the response to the client is already under way
		 */
		public Verdict failed(Throwable failure, boolean committed) {
			if (committed) {
				this.health.abandoned();
				return Verdict.STOP;
			}
			Reach reach = RetryRules.reach(failure);
			settleFailed(reach);
			return retry(reach);
		}

		/** The caller went away before the attempt ended: the instance is not judged. */
		public void abandoned() {
			this.health.abandoned();
		}

		private void settleFailed(Reach reach) {
			InstancePool pool = RetryingCall.this.instances.pool();
			pool.failed(this.health, this.endpoint, this.endpoints, reach == Reach.NOT_SENT,
					RetryingCall.this.instances.outlier());
		}

	}

}
