package dev.outrigger.e2e.mesh;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a {@link SteadyLoad} saw: every request's call, start, end and failure (if any).
 *
 * @param label the scenario, for the log
 * @param outcomes one per request answered, in no particular order
 * @param duration how long the load ran
 * @param marks events (the first is the fault) and when they happened, in nanoseconds since the
 * load started
 */
record LoadReport(String label, List<Outcome> outcomes, Duration duration, Map<String, Long> marks) {

	int requests() {
		return this.outcomes.size();
	}

	List<Outcome> failed() {
		return this.outcomes.stream()
			.filter((outcome) -> outcome.failure() != null)
			.sorted(Comparator.comparingLong(Outcome::endNanos))
			.toList();
	}

	/** Failed requests per call and kind, e.g. {@code GET /x: 503 no_healthy_instance -> 3}. */
	Map<String, Long> failureCounts() {
		return failed().stream()
			.collect(Collectors.groupingBy((outcome) -> outcome.call() + ": " + outcome.failure(), TreeMap::new,
					Collectors.counting()));
	}

	/** Latency percentile ({@code 0 < p <= 100}) of one call's requests, failed ones included. */
	Duration latency(String call, double p) {
		long[] nanos = this.outcomes.stream()
			.filter((outcome) -> outcome.call().equals(call))
			.mapToLong(Outcome::latencyNanos)
			.sorted()
			.toArray();
		if (nanos.length == 0) {
			return Duration.ZERO;
		}
		int index = (int) Math.ceil(p / 100 * nanos.length) - 1;
		return Duration.ofNanos(nanos[Math.max(0, Math.min(index, nanos.length - 1))]);
	}

	/**
	 * Time from the fault to steady state: to the end of the last failed request after the
	 * fault, zero if none failed after it.
	 */
	Duration faultToSteadyState() {
		if (this.marks.isEmpty()) {
			return Duration.ZERO;
		}
		long fault = this.marks.values().iterator().next();
		long lastFailure = failed().stream().mapToLong(Outcome::endNanos).filter((end) -> end > fault).max().orElse(fault);
		return Duration.ofNanos(lastFailure - fault);
	}

	/** Requests of one call. */
	long requests(String call) {
		return this.outcomes.stream().filter((outcome) -> outcome.call().equals(call)).count();
	}

	String summary() {
		StringBuilder text = new StringBuilder();
		text.append(String.format("[%s] %d requests in %.1f s, %d failed", this.label, requests(),
				this.duration.toMillis() / 1000.0, failed().size()));
		if (!this.marks.isEmpty()) {
			text.append(String.format("; steady state %d ms after the fault", faultToSteadyState().toMillis()));
		}
		this.marks.forEach((event, nanos) -> text.append(String.format("%n  at %6.1f s: %s", nanos / 1e9, event)));
		this.outcomes.stream().map(Outcome::call).distinct().sorted().forEach((call) -> {
			text.append(String.format("%n  %-55s %6d requests  p50 %5d ms  p99 %5d ms  max %5d ms", call, requests(call),
					latency(call, 50).toMillis(), latency(call, 99).toMillis(), latency(call, 100).toMillis()));
		});
		failureCounts().forEach((kind, count) -> text.append(String.format("%n  failed %5d x %s", count, kind)));
		List<Outcome> failed = failed();
		if (!failed.isEmpty()) {
			text.append(String.format("%n  failures from %.2f s to %.2f s", failed.get(0).startNanos() / 1e9,
					failed.get(failed.size() - 1).endNanos() / 1e9));
		}
		return text.toString();
	}

	@Override
	public String toString() {
		return summary();
	}

	/**
	 * One request.
	 *
	 * @param call the call's name
	 * @param startNanos when it was sent, since the load started
	 * @param endNanos when its answer (or failure) came, since the load started
	 * @param failure what went wrong, or {@code null} for a success
	 */
	record Outcome(String call, long startNanos, long endNanos, String failure) {

		long latencyNanos() {
			return this.endNanos - this.startNanos;
		}

	}

}
