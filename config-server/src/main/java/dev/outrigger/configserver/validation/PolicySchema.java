package dev.outrigger.configserver.validation;

import static dev.outrigger.configserver.validation.Schema.anyKey;
import static dev.outrigger.configserver.validation.Schema.leaf;
import static dev.outrigger.configserver.validation.Schema.listOf;
import static dev.outrigger.configserver.validation.Schema.of;

/**
 * Every {@code outrigger.*} key the gateway and the sidecars read, and the keys of a route's
 * {@code metadata}: the same policy words at the edge and in the mesh.
 */
final class PolicySchema {

	private static final Schema RETRIES = of("attempts", "backoff", "max-backoff", "budget-ratio",
			"budget-min-per-second", "max-body");

	private static final Schema OUTLIER = of("consecutive-failures", "base-ejection", "max-ejection",
			"max-ejected-percent");

	private static final Schema HEADER_MATCH = of("header", "cookie", "value", "regex", "version");

	private static final Schema RATE_LIMIT = of("per-second", "burst", "per-caller");

	private static final Schema HEADER_RULES = of("add", anyKey(leaf()), "remove");

	/** Traffic policy: the same keys per sidecar destination and per gateway route. */
	static final Schema TRAFFIC = of("split", anyKey(leaf()), "match", listOf(HEADER_MATCH), "fault",
			of("delay", of("percent", "duration"), "abort", of("percent", "status"), "when", HEADER_MATCH), "mirror",
			of("version", "percent"), "rate-limit", RATE_LIMIT, "request-headers", HEADER_RULES, "response-headers",
			HEADER_RULES, "rewrite-path", of("regex", "replacement"));

	private static final Schema OUTBOUND = of("connect-timeout", "timeout", "load-balancing", "concurrency-limit",
			"retries", RETRIES, "circuit-breaker",
			of("enabled", "failure-rate-threshold", "sliding-window", "minimum-calls", "open-for", "half-open-calls"),
			"outlier", OUTLIER)
		.with(TRAFFIC);

	/** {@code outrigger.sidecar}. */
	static final Schema SIDECAR = of("service", "app-host", "app-port", "app-health-path", "health-interval",
			"advertise-host", "inbound-port", "outbound-port", "version", "zone", "drain", of("announce", "timeout"),
			"inbound", of("response-timeout", "rate-limit", RATE_LIMIT), "outbound", OUTBOUND, "destinations",
			anyKey(OUTBOUND));

	/** {@code outrigger.gateway}. */
	static final Schema GATEWAY = of("load-balancing", "concurrency-limit", "retries", RETRIES, "outlier", OUTLIER,
			"rate-limit", of("redis-url", "redis-timeout"));

	/** {@code outrigger.config-watch}. */
	static final Schema CONFIG_WATCH = of("enabled", "server-url", "interval", "timeout");

	/** {@code outrigger.config-cache}. */
	static final Schema CONFIG_CACHE = of("enabled", "dir");

	/** A gateway route's {@code metadata}. */
	static final Schema ROUTE_METADATA = of("response-timeout", "retries", "concurrency-limit", "connect-timeout")
		.with(TRAFFIC);

	/** Keys whose value is a duration ({@code 500ms}, {@code 2s}; a plain number is milliseconds). */
	static boolean isDuration(String key) {
		return switch (Setting.canonical(key)) {
			case "timeout", "connecttimeout", "responsetimeout", "backoff", "maxbackoff", "openfor", "baseejection",
					"maxejection", "duration", "interval", "healthinterval", "announce" ->
				true;
			default -> false;
		};
	}

	private PolicySchema() {
	}

}
