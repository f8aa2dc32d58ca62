package dev.outrigger.gateway.traffic;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The traffic-policy keys of a route's {@code metadata}, flattened into property names
 * ({@code split.v1}, {@code match[0].header}) that a {@code Binder} reads like any other
 * configuration. Route metadata arrives as nested maps and lists when written in YAML, and as
 * maps keyed {@code "0"}, {@code "1"} when written as indexed properties; both read the same.
 */
final class TrafficMetadata {

	/** The route metadata keys of the traffic policy; the other keys are not read here. */
	static final Set<String> KEYS = Set.of("split", "match", "fault", "mirror", "rate-limit", "request-headers",
			"response-headers", "rewrite-path");

	private static final Pattern SIMPLE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

	private static final Pattern INDEX = Pattern.compile("\\[?(\\d+)]?");

	private TrafficMetadata() {
	}

	/**
	 * The traffic keys of {@code metadata} as flat properties, sorted; empty when the route
	 * has no traffic policy.
	 */
	static Map<String, Object> properties(Map<String, Object> metadata) {
		Map<String, Object> flat = new TreeMap<>();
		if (metadata == null) {
			return flat;
		}
		metadata.forEach((key, value) -> {
			if (KEYS.contains(key)) {
				flatten(key, value, flat);
			}
		});
		return flat;
	}

	private static void flatten(String name, Object value, Map<String, Object> flat) {
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, nested) -> flatten(name + element(String.valueOf(key)), nested, flat));
		}
		else if (value instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				flatten(name + "[" + i + "]", list.get(i), flat);
			}
		}
		else if (value != null) {
			flat.put(name, value.toString());
		}
	}

	private static String element(String key) {
		var index = INDEX.matcher(key);
		if (index.matches()) {
			return "[" + index.group(1) + "]";
		}
		// Header names keep their case and any character when written in brackets.
		return SIMPLE_NAME.matcher(key).matches() ? "." + key : "[" + key + "]";
	}

}
