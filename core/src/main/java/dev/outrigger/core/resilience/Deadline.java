package dev.outrigger.core.resilience;

import java.time.Duration;

/**
 * The time left for a request, carried from hop to hop in the {@value #HEADER} header (whole
 * milliseconds remaining when the request was sent) so that inner hops give up when their
 * caller has, instead of working for an answer nobody waits for. A relative time needs no
 * synchronised clocks; the time spent on the wire is not subtracted.
 */
public final class Deadline {

	/** Request header carrying the milliseconds left. */
	public static final String HEADER = "x-outrigger-deadline-ms";

	private static final Duration MIN = Duration.ofMillis(1);

	private final long expiresAtNanos;

	private Deadline(long expiresAtNanos) {
		this.expiresAtNanos = expiresAtNanos;
	}

	/**
	 * The deadline of a request: its own timeout, shortened to what the caller has left.
	 * @param timeout this hop's timeout
	 * @param header value of {@value #HEADER} on the incoming request, or {@code null}
	 */
	public static Deadline of(Duration timeout, String header) {
		Duration effective = timeout;
		Duration inherited = parse(header);
		if (inherited != null && inherited.compareTo(effective) < 0) {
			effective = inherited;
		}
		return new Deadline(System.nanoTime() + effective.toNanos());
	}

	/**
	 * Reads a {@value #HEADER} value.
	 * @return the time left, or {@code null} when the value is absent or not a number
	 */
	public static Duration parse(String header) {
		if (header == null || header.isEmpty() || header.length() > 12) {
			return null;
		}
		long millis = 0;
		for (int i = 0; i < header.length(); i++) {
			char c = header.charAt(i);
			if (c < '0' || c > '9') {
				return null;
			}
			millis = millis * 10 + (c - '0');
		}
		return Duration.ofMillis(millis);
	}

	/** Time left, never less than one millisecond so that it can be used as a timeout. */
	public Duration remaining() {
		long left = this.expiresAtNanos - System.nanoTime();
		return (left <= MIN.toNanos()) ? MIN : Duration.ofNanos(left);
	}

	/** Whether the deadline has passed, or is so close that another attempt makes no sense. */
	public boolean isExpired(Duration margin) {
		return this.expiresAtNanos - System.nanoTime() <= margin.toNanos();
	}

	/** The value to send downstream in {@value #HEADER}. */
	public String headerValue() {
		return Long.toString(Math.max(1, remaining().toMillis()));
	}

}
