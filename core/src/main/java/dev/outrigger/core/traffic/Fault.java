package dev.outrigger.core.traffic;

import java.time.Duration;

/**
 * The fault chosen for one request.
 *
 * @param delay how long to hold the request back, or {@code null} for no delay
 * @param abortStatus status to answer instead of forwarding, or 0 to forward
 */
public record Fault(Duration delay, int abortStatus) {

	/** No fault. */
	public static final Fault NONE = new Fault(null, 0);

	/** Whether the request is held back first. */
	public boolean delays() {
		return this.delay != null;
	}

	/** Whether the request is answered with an error instead of being forwarded. */
	public boolean aborts() {
		return this.abortStatus != 0;
	}

}
