package dev.outrigger.core.observation;

import io.micrometer.observation.ObservationPredicate;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** Auto-configuration of the {@link ControlPlaneObservationPredicate}. */
@AutoConfiguration
@ConditionalOnClass({ ObservationPredicate.class,
		org.springframework.http.server.reactive.observation.ServerRequestObservationContext.class })
public final class ObservationFilterAutoConfiguration {

	@Bean
	ObservationPredicate controlPlaneObservationPredicate() {
		return new ControlPlaneObservationPredicate();
	}

}
