package dev.outrigger.demo.catalog.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the catalog does to every answer while chaos is on.
 *
 * @param delayMs how long to wait before answering, in milliseconds (0 for no delay)
 * @param failStatus the status to answer every request with instead of serving it (0 to
 * serve normally)
 */
record Fault(long delayMs, int failStatus) {

	/** No fault: answer at once and normally. */
	static final Fault NONE = new Fault(0, 0);

	/** Longest delay accepted, so a typo cannot park the catalog's threads for hours. */
	static final long MAX_DELAY_MS = 60_000;

	private static final Set<String> FIELDS = Set.of("delayMs", "failStatus");

	/**
	 * Reads a fault from a JSON object such as {@code {"delayMs": 2000}}; a missing field
	 * means no such fault.
	 * @throws InvalidFaultException naming every problem, a misspelt field included
	 */
	static Fault from(Map<String, Object> json) {
		List<String> problems = new ArrayList<>();
		json.keySet()
			.stream()
			.filter((name) -> !FIELDS.contains(name))
			.sorted()
			.forEach((name) -> problems.add("unknown field '" + name + "' (known: delayMs, failStatus)"));
		long delayMs = wholeNumber(json, "delayMs", problems);
		long failStatus = wholeNumber(json, "failStatus", problems);
		if (delayMs < 0 || delayMs > MAX_DELAY_MS) {
			problems.add("delayMs must be between 0 and " + MAX_DELAY_MS + ", got " + delayMs);
		}
		if (failStatus != 0 && (failStatus < 400 || failStatus > 599)) {
			problems.add("failStatus must be 0 (off) or an error status between 400 and 599, got " + failStatus);
		}
		if (!problems.isEmpty()) {
			throw new InvalidFaultException(String.join(", ", problems));
		}
		return new Fault(delayMs, (int) failStatus);
	}

	private static long wholeNumber(Map<String, Object> json, String field, List<String> problems) {
		Object value = json.get(field);
		if (value == null) {
			return 0;
		}
		if (value instanceof Integer || value instanceof Long) {
			return ((Number) value).longValue();
		}
		problems.add(field + " must be a whole number, got " + value);
		return 0;
	}

}
