package dev.outrigger.core.config.cache;

import java.time.Clock;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports where the config came from. Always up: a sidecar on its cached config still serves
 * traffic, and taking it out for that would turn a control-plane outage into a data-plane one.
 */
final class ConfigSourceHealthIndicator implements HealthIndicator {

	private final ConfigSourceHolder source;

	private final Clock clock;

	ConfigSourceHealthIndicator(ConfigSourceHolder source, Clock clock) {
		this.source = source;
		this.clock = clock;
	}

	@Override
	public Health health() {
		ConfigSource current = this.source.get();
		if (current == null) {
			return Health.unknown().build();
		}
		return Health.up().withDetails(current.details(this.clock.instant())).build();
	}

}
