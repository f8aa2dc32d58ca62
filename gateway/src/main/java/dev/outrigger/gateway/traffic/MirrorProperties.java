package dev.outrigger.gateway.traffic;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the edge sends mirrored copies ({@code outrigger.gateway.mirror.*}); which requests are
 * copied is route metadata. Read at start: a change takes a restart.
 *
 * @param maxInFlight copies under way beyond which further copies are dropped
 * @param timeout how long a copy may take before it is abandoned
 */
@ConfigurationProperties("outrigger.gateway.mirror")
public record MirrorProperties(@DefaultValue("64") int maxInFlight, @DefaultValue("5s") Duration timeout) {

	public MirrorProperties {
		if (maxInFlight < 1) {
			throw new IllegalArgumentException(
					"outrigger.gateway.mirror.max-in-flight must be at least 1, got " + maxInFlight);
		}
	}

}
