package dev.outrigger.core.resilience;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a caller has seen of one instance: requests in flight, a decaying average of its
 * latency, and its failures in a row, from which it is ejected for a while. After an
 * ejection the instance is on probation: its next answer decides, one more failure ejects it
 * again for longer, a success keeps it.
 */
public final class InstanceHealth {

	// Weight of the past in the latency average halves every second of traffic.
	private static final double DECAY_NANOS = 1_000_000_000.0 / Math.log(2);

	// An instance that gets no traffic looks cheaper with time (e-fold in 3 s), so a once-slow
	// instance (a cold JVM's first answers take 50-100x the usual) is tried again within
	// seconds instead of being starved by light, sequential traffic.
	private static final double IDLE_DECAY_NANOS = 3_000_000_000.0;

	private static final long FAILURE_FLOOR_NANOS = 100_000_000L;

	private final AtomicInteger outstanding = new AtomicInteger();

	private int consecutiveFailures;

	private int ejections;

	private long ejectedUntilNanos;

	private boolean probation;

	private double latencyNanos = -1;

	private long latencyStampNanos;

	/** Counts a request sent to the instance. */
	public void begin() {
		this.outstanding.incrementAndGet();
	}

	/** Requests sent to the instance and not yet answered. */
	public int outstanding() {
		return this.outstanding.get();
	}

	/** Records an answer that is not a failure. */
	public synchronized void succeeded(long latency, long now) {
		this.outstanding.decrementAndGet();
		this.consecutiveFailures = 0;
		if (this.probation) {
			this.probation = false;
		}
		else if (this.ejections > 0 && now - this.ejectedUntilNanos > 60_000_000_000L) {
			// A minute of good behaviour forgets earlier ejections.
			this.ejections = 0;
		}
		recordLatency(latency, now);
	}

	/**
	 * Records a failure, and ejects the instance if it crossed the policy's threshold.
	 * @param latency how long the failed attempt took
	 * @param connectFailure the instance refused or never accepted the connection
	 * @param now current {@link System#nanoTime()}
	 * @param policy the outlier policy
	 * @param mayEject whether the pool allows one more ejection now
	 * @return whether this failure ejected the instance
	 */
	public synchronized boolean failed(long latency, boolean connectFailure, long now, OutlierPolicy policy,
			boolean mayEject) {
		this.outstanding.decrementAndGet();
		this.consecutiveFailures++;
		// A fast failure must not make the instance look attractive: it counts as at least a
		// 100 ms answer (a fixed floor, so that repeated failures do not compound).
		recordLatency(Math.max(latency, FAILURE_FLOOR_NANOS), now);
		boolean crossed = connectFailure || this.probation
				|| this.consecutiveFailures >= policy.consecutiveFailures();
		if (!crossed || !mayEject || isEjected(now)) {
			return false;
		}
		this.ejections++;
		long duration = Math.min(policy.baseEjection().toNanos() * this.ejections, policy.maxEjection().toNanos());
		this.ejectedUntilNanos = now + duration;
		this.probation = true;
		this.consecutiveFailures = 0;
		return true;
	}

	/** Records an attempt that ended without an answer worth judging (cancelled by the caller). */
	public void abandoned() {
		this.outstanding.decrementAndGet();
	}

	/**
	 * Starts an attempt on this instance, to be settled exactly once by one of
	 * {@link Attempt#succeeded}, {@link Attempt#failed} or {@link Attempt#abandoned}.
	 */
	public Attempt attempt() {
		begin();
		return new Attempt(this);
	}

	/** One attempt on an instance; settling it again, or after a cancel, does nothing. */
	public static final class Attempt {

		private final InstanceHealth health;

		private final long startNanos = System.nanoTime();

		private final AtomicBoolean settled = new AtomicBoolean();

		private Attempt(InstanceHealth health) {
			this.health = health;
		}

		InstanceHealth health() {
			return this.health;
		}

		/** Nanoseconds since the attempt started. */
		public long elapsed() {
			return System.nanoTime() - this.startNanos;
		}

		/** Marks the attempt settled; whether it was not settled before. */
		boolean settle() {
			return this.settled.compareAndSet(false, true);
		}

		/** The answer was not a failure. */
		public void succeeded() {
			if (settle()) {
				this.health.succeeded(elapsed(), System.nanoTime());
			}
		}

		/** The caller went away before the answer: the instance is not judged. */
		public void abandoned() {
			if (settle()) {
				this.health.abandoned();
			}
		}

	}

	/** Whether the instance is out of rotation at {@code now}. */
	public synchronized boolean isEjected(long now) {
		return this.ejectedUntilNanos != 0 && now - this.ejectedUntilNanos < 0;
	}

	/** How many times in a row the instance has been ejected recently. */
	public synchronized int ejections() {
		return this.ejections;
	}

	/**
	 * Expected cost of sending one more request here: the latency average times the requests
	 * that would be in flight, so that a slow instance or a busy one both score high (peak-EWMA,
	 * as in Linkerd and Finagle). An instance with no answer yet scores 0 to get tried; the
	 * latency of one that got no answer for a while decays toward 0, so it is tried again.
	 */
	public synchronized double cost(long now) {
		if (this.latencyNanos < 0) {
			return 0;
		}
		double idle = Math.max(0, now - this.latencyStampNanos);
		return this.latencyNanos * Math.exp(-idle / IDLE_DECAY_NANOS) * (this.outstanding.get() + 1);
	}

	private void recordLatency(long latency, long now) {
		if (this.latencyNanos < 0) {
			this.latencyNanos = latency;
		}
		else if (latency > this.latencyNanos) {
			// Peak sensitive: a slow answer raises the average at once,
			this.latencyNanos = latency;
		}
		else {
			// and fast answers bring it down with time.
			double weight = Math.exp(-Math.max(0, now - this.latencyStampNanos) / DECAY_NANOS);
			this.latencyNanos = this.latencyNanos * weight + latency * (1 - weight);
		}
		this.latencyStampNanos = now;
	}

}
