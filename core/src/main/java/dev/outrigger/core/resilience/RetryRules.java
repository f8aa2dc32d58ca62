package dev.outrigger.core.resilience;

import java.util.Set;

/**
 * Which failed requests may be tried again. A request that provably never reached the upstream
 * may always be retried; one that may have reached it only if repeating it is harmless: an
 * idempotent method, or a request that carries an {@code Idempotency-Key}.
 */
public final class RetryRules {

	/** Request header with which a client marks a non-idempotent request as safe to repeat. */
	public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

	private RetryRules() {
	}

	/** How far a failed attempt got. */
	public enum Reach {

		/** The request was never written to the upstream (connect refused or timed out). */
		NOT_SENT,

		/** The request may have been processed (reset or timeout after writing, or a 502/503/504). */
		MAYBE_PROCESSED

	}

	/** Whether the method is idempotent by its definition (RFC 9110). */
	public static boolean isIdempotent(String method) {
		return IDEMPOTENT.contains(method);
	}

	/**
	 * Whether an attempt that failed this far may be repeated.
	 * @param method the request method, upper case
	 * @param hasIdempotencyKey whether the request carries {@value #IDEMPOTENCY_KEY}
	 * @param reach how far the failed attempt got
	 */
	public static boolean mayRetry(String method, boolean hasIdempotencyKey, Reach reach) {
		return reach == Reach.NOT_SENT || isIdempotent(method) || hasIdempotencyKey;
	}

	/** Whether an upstream answer with this status is worth trying on another instance. */
	public static boolean isRetryableStatus(int status) {
		return status == 502 || status == 503 || status == 504;
	}

}
