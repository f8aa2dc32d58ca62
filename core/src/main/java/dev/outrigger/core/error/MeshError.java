package dev.outrigger.core.error;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A refusal or failure answered by the mesh, written as JSON with its reason in a header.
 *
 * @param status the HTTP status code
 * @param error a stable, machine-readable reason such as {@code no_healthy_instance}
 * @param message one human sentence that explains the reason
 * @param service the destination service, or {@code null} when none applies
 */
public record MeshError(int status, String error, String message, String service) {

	/** Response header that names the reason of a mesh-generated error. */
	public static final String HEADER = "X-Outrigger-Error";

	/** No instance of a known service is registered and healthy. */
	public static MeshError noHealthyInstance(String service) {
		return new MeshError(503, "no_healthy_instance", "no healthy instance of service '" + service + "'",
				service);
	}

	/**
	 * No instance of the version a request was routed to (by a traffic split or match rule) is
	 * healthy; the mesh does not fall back to another version, so a canary that is down shows.
	 * A {@code null} version is the same as {@link #noHealthyInstance(String)}.
	 */
	public static MeshError noHealthyInstance(String service, String version) {
		if (version == null) {
			return noHealthyInstance(service);
		}
		return new MeshError(503, "no_healthy_instance",
				"no healthy instance of version '" + version + "' of service '" + service + "'", service);
	}

	/** The registry knows no service of that name. */
	public static MeshError unknownService(String service) {
		return new MeshError(503, "unknown_service", "service '" + service + "' is not known to the registry",
				service);
	}

	/** The upstream did not answer within the deadline. */
	public static MeshError upstreamTimeout(String service, Duration timeout) {
		return new MeshError(504, "upstream_timeout",
				"service '" + service + "' did not answer within " + timeout.toMillis() + " ms", service);
	}

	/** The upstream could not be reached (connection refused, reset or closed early). */
	public static MeshError upstreamUnreachable(String service, String detail) {
		return new MeshError(503, "upstream_unreachable",
				"service '" + service + "' could not be reached: " + detail, service);
	}

	/** The circuit breaker of the destination is open. */
	public static MeshError circuitOpen(String service) {
		return new MeshError(503, "circuit_open",
				"circuit breaker for service '" + service + "' is open after repeated failures", service);
	}

	/** Too many calls to the destination are in flight already. */
	public static MeshError concurrencyLimit(String service, int limit) {
		return new MeshError(503, "concurrency_limit",
				"more than " + limit + " calls to service '" + service + "' are in flight; try again later", service);
	}

	/**
	 * A call failed and was worth retrying, but the destination's retry budget is spent: too
	 * many calls to it were retried lately.
	 */
	public static MeshError retryBudgetExhausted(String service, String failure) {
		return new MeshError(503, "retry_budget_exhausted",
				failure + "; not retried: the retry budget for service '" + service + "' is spent", service);
	}

	/** The traffic policy injected a failure into this request on purpose (chaos testing). */
	public static MeshError faultInjected(String service, int status) {
		return new MeshError(status, "fault_injected",
				"fault injected by the traffic policy for service '" + service + "'", service);
	}

	/**
	 * The caller sent more requests than the rate limit allows; the answer's
	 * {@code Retry-After} header says when to try again.
	 */
	public static MeshError rateLimited(String service, long retryAfterSeconds) {
		return new MeshError(429, "rate_limited", "rate limit of service '" + service + "' exceeded; retry after "
				+ retryAfterSeconds + " s", service);
	}

	/** No route matches the request path. */
	public static MeshError routeNotFound(String path) {
		return new MeshError(404, "route_not_found", "no route matches path " + path, null);
	}

	/** The local application behind a sidecar is not accepting requests. */
	public static MeshError appUnavailable(String service, String detail) {
		return new MeshError(503, "app_unavailable",
				"the application of service '" + service + "' is not reachable: " + detail, service);
	}

	/** The request itself cannot be routed (missing or malformed target). */
	public static MeshError badRequest(String message) {
		return new MeshError(400, "bad_request", message, null);
	}

	/** An unexpected failure; its detail stays in the log, never in the answer. */
	public static MeshError internalError() {
		return new MeshError(500, "internal_error", "the mesh failed to handle the request; see its log", null);
	}

	/** This error as a compact JSON object. */
	public String toJson() {
		StringBuilder json = new StringBuilder(128).append("{\"status\":").append(this.status);
		json.append(",\"error\":");
		appendString(json, this.error);
		json.append(",\"message\":");
		appendString(json, this.message);
		if (this.service != null) {
			json.append(",\"service\":");
			appendString(json, this.service);
		}
		return json.append('}').toString();
	}

	/** This error as UTF-8 JSON bytes. */
	public byte[] toJsonBytes() {
		return toJson().getBytes(StandardCharsets.UTF_8);
	}

	private static void appendString(StringBuilder json, String value) {
		json.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		json.append('"');
	}

}
