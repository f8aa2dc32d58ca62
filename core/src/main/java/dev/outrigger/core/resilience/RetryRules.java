package dev.outrigger.core.resilience;

import java.net.ConnectException;
import java.util.Set;

/**
 * Which failed requests may be tried again. A request that provably never reached the upstream
 * may always be retried; one that may have reached it only if repeating it is harmless: an
 * idempotent method, or a request that carries an {@code Idempotency-Key}.
 */
public final class RetryRules {

	/** Request header with which a client marks a non-idempotent request as safe to repeat. */
	public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/** Mesh error code with which an inbound sidecar answers when it could not connect to its app. */
	public static final String APP_UNAVAILABLE = "app_unavailable";

	private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

	// Deep enough for any wrapping seen in practice, short enough to stop on a cause cycle.
	private static final int MAX_CAUSES = 16;

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

	/**
	 * How far an attempt that failed without an answer got: a refused or timed-out connect
	 * (a {@link ConnectException} anywhere in the cause chain, which includes Netty's connect
	 * timeout) never sent the request; a reset or a response timeout may have been processed.
	 */
	public static Reach reach(Throwable failure) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < MAX_CAUSES; depth++) {
			if (current instanceof ConnectException) {
				return Reach.NOT_SENT;
			}
			current = current.getCause();
		}
		return Reach.MAYBE_PROCESSED;
	}

	/**
	 * How far an attempt answered with an error got.
	 * @param meshError the answer's {@code X-Outrigger-Error} code, or {@code null}
	 */
	public static Reach reach(String meshError) {
		return APP_UNAVAILABLE.equals(meshError) ? Reach.NOT_SENT : Reach.MAYBE_PROCESSED;
	}

	/** Whether an upstream answer with this status is worth trying on another instance. */
	public static boolean isRetryableStatus(int status) {
		return status == 502 || status == 503 || status == 504;
	}

}
