package dev.outrigger.core.resilience;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When an instance is taken out of a caller's rotation.
 *
 * @param consecutiveFailures failures in a row (5xx answers, connect errors, timeouts) that
 * eject an instance; a refused connection ejects at once
 * @param baseEjection how long the first ejection lasts; the n-th lasts n times as long
 * @param maxEjection longest ejection
 * @param maxEjectedPercent share of a service's instances that may be ejected at once
 */
public record OutlierPolicy(@DefaultValue("5") int consecutiveFailures, @DefaultValue("10s") Duration baseEjection,
		@DefaultValue("5m") Duration maxEjection, @DefaultValue("50") int maxEjectedPercent) {

	/** Defaults: 5 failures, 10 s growing to at most 5 min, at most half of the instances. */
	public static final OutlierPolicy DEFAULTS = new OutlierPolicy(5, Duration.ofSeconds(10), Duration.ofMinutes(5),
			50);

	public OutlierPolicy {
		if (consecutiveFailures < 1) {
			throw new IllegalArgumentException("outlier.consecutive-failures must be at least 1, got "
					+ consecutiveFailures);
		}
		if (baseEjection.isNegative() || maxEjection.compareTo(baseEjection) < 0) {
			throw new IllegalArgumentException("outlier ejection times must satisfy 0 <= base-ejection <= "
					+ "max-ejection, got " + baseEjection + " / " + maxEjection);
		}
		if (maxEjectedPercent < 0 || maxEjectedPercent > 100) {
			throw new IllegalArgumentException("outlier.max-ejected-percent must be 0-100, got " + maxEjectedPercent);
		}
	}

	/** How many of {@code instances} may be ejected at once (at least one, so two can fail over). */
	public int maxEjected(int instances) {
		return Math.max(1, instances * this.maxEjectedPercent / 100);
	}

}
