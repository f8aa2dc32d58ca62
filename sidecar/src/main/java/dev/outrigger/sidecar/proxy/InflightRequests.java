package dev.outrigger.sidecar.proxy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/** Counts requests being proxied, so a stopping sidecar can wait for them to finish. */
public final class InflightRequests {

	private final AtomicInteger count = new AtomicInteger();

	/** Marks the start of a request. */
	public void begin() {
		this.count.incrementAndGet();
	}

	/** Marks the end of a request. */
	public void end() {
		this.count.decrementAndGet();
	}

	/** Requests currently in flight. */
	public int current() {
		return this.count.get();
	}

	/**
	 * Waits until no request is in flight or the timeout passes.
	 * @return whether all requests finished in time
	 */
	public boolean awaitIdle(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.count.get() > 0) {
			if (System.nanoTime() >= deadline) {
				return false;
			}
			LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
		}
		return true;
	}

}
