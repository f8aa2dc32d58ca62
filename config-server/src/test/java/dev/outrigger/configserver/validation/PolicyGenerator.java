package dev.outrigger.configserver.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Random policies as YAML maps, valid and invalid: each block is a random subset of its keys,
 * each value drawn from good and bad values (a bare number, a duration, a typo, out of range).
 */
final class PolicyGenerator {

	private static final String[] DURATIONS = { "250ms", "2s", "1m", "1500", "PT2S", "~0", "~-1", "~soon", "~2 s",
			"~5 seconds" };

	private static final String[] NUMBERS = { "1", "3", "10", "100", "~0", "~12", "~-1", "~1.5", "~x" };

	private final SplittableRandom random;

	PolicyGenerator(SplittableRandom random) {
		this.random = random;
	}

	/** A gateway route's metadata, with its resilience keys, the traffic blocks and typos. */
	Map<String, Object> routeMetadata() {
		Map<String, Supplier<Object>> keys = new LinkedHashMap<>();
		keys.put("response-timeout", () -> pick(DURATIONS));
		keys.put("connect-timeout", () -> pick(DURATIONS));
		keys.put("concurrency-limit", () -> pick(NUMBERS));
		keys.put("retries", () -> this.random.nextInt(12) == 0 ? pick(NUMBERS) : retries());
		keys.put("retires", this::retries);
		keys.put("splitt", this::split);
		typosOnceIn(keys, 8, "retires", "splitt");
		return block(withTraffic(keys));
	}

	/** A destination's policy (or a service's own), with its resilience keys and the traffic blocks. */
	Map<String, Object> destinationPolicy() {
		Map<String, Supplier<Object>> keys = new LinkedHashMap<>();
		keys.put("timeout", () -> pick(DURATIONS));
		keys.put("connect-timeout", () -> pick(DURATIONS));
		keys.put("load-balancing", () -> pick("least-loaded", "round-robin", "~random"));
		keys.put("concurrency-limit", () -> pick(NUMBERS));
		keys.put("retries", this::retries);
		keys.put("circuit-breaker", () -> block(Map.of("enabled", () -> pick("true", "false", "~maybe"),
				"failure-rate-threshold", () -> pick("50", "20", "~0", "~101", "~x"), "open-for", () -> pick(DURATIONS))));
		keys.put("outlier", () -> block(Map.of("consecutive-failures", () -> pick(NUMBERS), "base-ejection",
				() -> pick(DURATIONS), "max-ejected-percent", () -> pick("50", "~150"))));
		keys.put("timeoutt", () -> pick(DURATIONS));
		typosOnceIn(keys, 8, "timeoutt");
		return block(withTraffic(keys));
	}

	private Map<String, Supplier<Object>> withTraffic(Map<String, Supplier<Object>> keys) {
		keys.put("split", this::split);
		keys.put("match", () -> {
			List<Object> rules = new ArrayList<>();
			for (int i = 0; i <= this.random.nextInt(2); i++) {
				rules.add(block(Map.of("header", () -> "x-canary", "cookie", () -> "canary", "value", () -> "yes",
						"regex", () -> pick("y.*", "~[bad"), "version", () -> "v2")));
			}
			return rules;
		});
		keys.put("fault", this::fault);
		keys.put("mirror", () -> block(Map.of("version", () -> pick("v2", "~ "), "percent", () -> pick("10", "~101"))));
		keys.put("rate-limit", () -> block(Map.of("per-second", () -> pick("5", "0.5", "~0", "~x"), "burst",
				() -> pick("10", "~0"), "per-caller", () -> pick("true", "false"))));
		keys.put("request-headers", () -> block(Map.of("add",
				() -> this.random.nextInt(10) > 0 ? Map.of("X-Env", "staging") : Map.of("X Bad", "1"), "remove",
				() -> this.random.nextBoolean() ? List.of("x-debug") : List.of("x-a", "x-b"))));
		keys.put("rewrite-path", () -> block(Map.of("regex", () -> pick("/api/(?<rest>.*)", "/api/(.*)", "~[bad"),
				"replacement", () -> pick("/${rest}", "/$1", "~/$2"))));
		return keys;
	}

	private Object retries() {
		return block(Map.of("attempts", () -> pick(NUMBERS), "backoff", () -> pick(DURATIONS), "max-backoff",
				() -> pick(DURATIONS), "budget-ratio", () -> pick("0.2", "-1", "x"), "max-body",
				() -> pick("64KB", "1MB", "lots")));
	}

	private Object split() {
		String[] weights = { "0", "10", "50", "90", "100", "~-10", "~x" };
		Map<String, Object> split = new LinkedHashMap<>();
		String v1 = pick(weights);
		split.put("v1", v1);
		// mostly weights that add up to 100
		split.put("v2", (this.random.nextInt(5) > 0 && v1.matches("\\d+")) ? String.valueOf(100 - Integer.parseInt(v1))
				: pick(weights));
		return split;
	}

	private Object fault() {
		String[] percents = { "0", "10", "100", "~150", "~x" };
		return block(Map.of("delay", () -> block(Map.of("percent", () -> pick(percents), "duration",
				() -> pick("100ms", "1s", "~0", "~soon"))), "abort",
				() -> block(Map.of("percent", () -> pick(percents), "status", () -> pick("503", "429", "~200", "~600"))),
				"when", () -> block(Map.of("header", () -> pick("x-chaos", "~ "), "value", () -> "on", "regex",
						() -> pick("o.*", "~(bad"), "cookie", () -> "chaos"))));
	}

	/** Keeps the misspelt keys in only one block of {@code every}, so most blocks can be valid. */
	private void typosOnceIn(Map<String, Supplier<Object>> keys, int every, String... typos) {
		if (this.random.nextInt(every) != 0) {
			for (String typo : typos) {
				keys.remove(typo);
			}
		}
	}

	/** A random non-empty subset of the keys, each with a drawn value, in a stable order. */
	private Map<String, Object> block(Map<String, Supplier<Object>> keys) {
		List<String> names = new ArrayList<>(new TreeSet<>(keys.keySet()));
		Map<String, Object> block = new LinkedHashMap<>();
		while (block.isEmpty()) {
			for (String name : names) {
				if (this.random.nextInt(3) == 0) {
					block.put(name, keys.get(name).get());
				}
			}
		}
		return block;
	}

	/** One of the values; one marked bad ({@code ~x} is {@code x}) is drawn about one time in ten. */
	private String pick(String... values) {
		List<String> good = new ArrayList<>();
		List<String> bad = new ArrayList<>();
		for (String value : values) {
			(value.startsWith("~") ? bad : good).add(value.startsWith("~") ? value.substring(1) : value);
		}
		boolean pickBad = !bad.isEmpty() && (good.isEmpty() || this.random.nextInt(10) == 0);
		List<String> from = pickBad ? bad : good;
		return from.get(this.random.nextInt(from.size()));
	}

}
