package dev.outrigger.core.traffic;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How requests to one destination (a sidecar's destination service, a gateway route) are
 * shaped; every part is optional and an absent part is off. Written the same way at the edge
 * and in the sidecar (see the traffic spec).
 *
 * @param split weight per version of the destination, adding up to 100; empty for no split
 * @param match rules that send matching requests to a version; the first match wins and
 * overrides the split
 * @param fault delays and failures injected on purpose
 * @param mirror a copy of some requests sent to another version, its answers discarded
 * @param rateLimit a token bucket that refuses requests over a rate
 * @param requestHeaders headers added to and removed from the request
 * @param responseHeaders headers added to and removed from the answer
 * @param rewritePath a regex rewrite of the request path
 */
public record TrafficPolicy(@DefaultValue Map<String, Integer> split, @DefaultValue List<MatchRule> match,
		@DefaultValue FaultPolicy fault, @DefaultValue MirrorPolicy mirror, @DefaultValue RateLimitPolicy rateLimit,
		@DefaultValue HeaderPolicy requestHeaders, @DefaultValue HeaderPolicy responseHeaders,
		@DefaultValue PathRewrite rewritePath) {

	/** The policy that changes nothing. */
	public static final TrafficPolicy OFF = new TrafficPolicy(null, null, null, null, null, null, null, null);

	public TrafficPolicy {
		split = checkSplit(split);
		match = (match != null) ? List.copyOf(match) : List.of();
		fault = (fault != null) ? fault : FaultPolicy.OFF;
		mirror = (mirror != null) ? mirror : MirrorPolicy.OFF;
		rateLimit = (rateLimit != null) ? rateLimit : RateLimitPolicy.OFF;
		requestHeaders = (requestHeaders != null) ? requestHeaders : HeaderPolicy.OFF;
		responseHeaders = (responseHeaders != null) ? responseHeaders : HeaderPolicy.OFF;
		rewritePath = (rewritePath != null) ? rewritePath : PathRewrite.OFF;
	}

	/** Whether this policy changes nothing. */
	public boolean isOff() {
		return equals(OFF);
	}

	private static Map<String, Integer> checkSplit(Map<String, Integer> split) {
		if (split == null || split.isEmpty()) {
			return Map.of();
		}
		int total = 0;
		StringBuilder sum = new StringBuilder();
		for (Map.Entry<String, Integer> entry : split.entrySet()) {
			Integer weight = entry.getValue();
			if (weight == null || weight < 0 || weight > 100) {
				throw new IllegalArgumentException(
						"split weight of version '" + entry.getKey() + "' must be 0-100, got " + weight);
			}
			total += weight;
			sum.append((sum.length() > 0) ? " + " : "").append(weight);
		}
		if (total != 100) {
			throw new IllegalArgumentException("split weights must add up to 100, got " + sum + " = " + total);
		}
		return Collections.unmodifiableMap(new LinkedHashMap<>(split));
	}

}
