package dev.outrigger.core.config.cache;

import java.nio.file.Path;
import java.time.Instant;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.outrigger.core.config.cache.ConfigSource.Kind;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigCacheAutoConfigurationTests {

	private static final ConfigSource FROM_CACHE = new ConfigSource(Kind.CACHE, "3f1c2b9", null,
			Path.of("/tmp/outrigger-config-cache/catalog.json"), Instant.parse("2026-11-25T10:15:30Z"),
			"config server http://127.0.0.1:8888 unreachable: ConnectException: Connection refused");

	private final ConfigSourceHolder holder = new ConfigSourceHolder();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConfigCacheAutoConfiguration.class));

	@Test
	void reportsNothingWhenTheConfigWasNotImportedFromAServer() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(HealthIndicator.class)
			.doesNotHaveBean(InfoContributor.class)
			.doesNotHaveBean(MeterBinder.class));
	}

	@Test
	void showsTheCacheAsConfigSourceInHealth() {
		this.holder.set(FROM_CACHE);
		this.contextRunner.withBean(ConfigSourceHolder.class, () -> this.holder).run((context) -> {
			Health health = context.getBean("configSourceHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("source", "cache")
				.containsEntry("version", "3f1c2b9")
				.containsEntry("cacheFile", "/tmp/outrigger-config-cache/catalog.json")
				.containsKey("age");
		});
	}

	@Test
	void showsTheConfigSourceInInfo() {
		this.holder.set(FROM_CACHE);
		this.contextRunner.withBean(ConfigSourceHolder.class, () -> this.holder).run((context) -> {
			Info.Builder builder = new Info.Builder();
			context.getBean(InfoContributor.class).contribute(builder);
			assertThat(builder.build().getDetails()).containsKey("configSource");
		});
	}

	@Test
	void gaugesWhetherTheContextRunsOnTheCache() {
		this.contextRunner.withBean(ConfigSourceHolder.class, () -> this.holder).run((context) -> {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(MeterBinder.class).bindTo(registry);
			this.holder.set(FROM_CACHE);
			assertThat(registry.get("outrigger.config.from.cache").gauge().value()).isEqualTo(1);
			this.holder.set(new ConfigSource(Kind.SERVER, "4a5b6c7", null, null, Instant.now(), null));
			assertThat(registry.get("outrigger.config.from.cache").gauge().value()).isZero();
		});
	}

	@Test
	void isUnknownInHealthBeforeAnyImport() {
		this.contextRunner.withBean(ConfigSourceHolder.class, () -> this.holder)
			.run((context) -> assertThat(context.getBean("configSourceHealthIndicator", HealthIndicator.class)
				.health()
				.getStatus()).isEqualTo(Status.UNKNOWN));
	}

}
