package dev.outrigger.core.config.cache;

import java.time.Clock;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration that reports the {@link ConfigSource} of the context: a {@code configSource}
 * health contributor and info entry, and an {@code outrigger.config.from.cache} gauge.
 */
@AutoConfiguration
@ConditionalOnBean(ConfigSourceHolder.class)
public final class ConfigCacheAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	static class HealthConfiguration {

		@Bean
		HealthIndicator configSourceHealthIndicator(ConfigSourceHolder source) {
			return new ConfigSourceHealthIndicator(source, Clock.systemUTC());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(InfoContributor.class)
	static class InfoConfiguration {

		@Bean
		InfoContributor configSourceInfoContributor(ConfigSourceHolder source) {
			return (builder) -> {
				ConfigSource current = source.get();
				if (current != null) {
					builder.withDetail("configSource", current.details(Clock.systemUTC().instant()));
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class MetricsConfiguration {

		@Bean
		MeterBinder configSourceMeterBinder(ConfigSourceHolder source) {
			return (registry) -> Gauge.builder("outrigger.config.from.cache", source, (holder) -> holder.isCache() ? 1 : 0)
				.description("1 while the context runs on the config cached on disk because the config server was unreachable")
				.register(registry);
		}

	}

}
