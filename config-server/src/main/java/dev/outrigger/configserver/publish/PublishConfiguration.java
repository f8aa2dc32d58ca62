package dev.outrigger.configserver.publish;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Health, metrics and the event stream of the config publisher (registered by the main method). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class PublishConfiguration {

	@Bean
	RevisionEvents revisionEvents(ConfigPublisher publisher) {
		return new RevisionEvents(publisher);
	}

	/**
	 * {@code configRepo} in the health: UP while a good revision is served (a refused one
	 * does not stop the mesh), with the revision, and the refusal and its problems if any.
	 */
	@Bean
	HealthIndicator configRepoHealthIndicator(ConfigPublisher publisher) {
		return () -> {
			PublishState state = publisher.state();
			Health.Builder health = (state.revision() != null) ? Health.up() : Health.down();
			return health.withDetails(RevisionEvents.describe(state)).build();
		};
	}

	@Bean
	PublisherMetrics publisherMetrics(ConfigPublisher publisher, MeterRegistry registry) {
		return new PublisherMetrics(publisher, registry);
	}

	/** {@code outrigger_config_refused} (1 while the repo's newest revision is refused) and counts by outcome. */
	static final class PublisherMetrics {

		PublisherMetrics(ConfigPublisher publisher, MeterRegistry registry) {
			Gauge.builder("outrigger.config.refused", publisher, (p) -> (p.state().refused() != null) ? 1 : 0)
				.description("1 while the newest revision of the config repo is refused, else 0")
				.register(registry);
			publisher.onChange((state) -> registry
				.counter("outrigger.config.revisions", "outcome", (state.refused() != null) ? "refused" : "applied")
				.increment());
		}

	}

}
