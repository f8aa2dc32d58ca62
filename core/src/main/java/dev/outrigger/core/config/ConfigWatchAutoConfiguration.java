package dev.outrigger.core.config;

import java.util.Map;
import java.util.function.BooleanSupplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.autoconfigure.RefreshAutoConfiguration;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import dev.outrigger.core.config.cache.ConfigSourceHolder;

/** Auto-configuration of the {@link ConfigWatcher}. */
@AutoConfiguration(after = RefreshAutoConfiguration.class)
@ConditionalOnBean(ContextRefresher.class)
@ConditionalOnProperty(prefix = "outrigger.config-watch", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(ConfigWatchProperties.class)
public final class ConfigWatchAutoConfiguration {

	@Bean
	ConfigWatcher configWatcher(ConfigWatchProperties properties, ContextRefresher refresher,
			Environment environment, ObjectProvider<ConfigSourceHolder> configSource,
			ConfigurableApplicationContext context) {
		String application = environment.getProperty("spring.application.name", "application");
		String[] active = environment.getActiveProfiles();
		String profiles = (active.length > 0) ? StringUtils.arrayToCommaDelimitedString(active) : "default";
		// set by Spring Cloud Config's client when the context imported a versioned config
		String importedVersion = environment.getProperty("config.client.version");
		// registered by the config cache when the context imported its config from the server
		ConfigSourceHolder source = configSource.getIfAvailable();
		BooleanSupplier runningOnCachedConfig = (source != null) ? source::isCache : () -> false;
		return new ConfigWatcher(properties, application, profiles, importedVersion, runningOnCachedConfig,
				refresher, new InPlaceConfigUpdate(context));
	}

	/**
	 * {@code config.revision} in {@code /actuator/info}: the config repo revision this member
	 * runs on (its environment's, so it changes once a refresh has applied the revision).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(InfoContributor.class)
	static class RevisionInfoConfiguration {

		@Bean
		InfoContributor configRevisionInfoContributor(Environment environment) {
			return (builder) -> builder.withDetail("config",
					Map.of("revision", environment.getProperty(ConfigSnapshot.REVISION_PROPERTY, "unknown")));
		}

	}

}
