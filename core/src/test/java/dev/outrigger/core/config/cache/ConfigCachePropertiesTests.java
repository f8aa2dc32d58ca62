package dev.outrigger.core.config.cache;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ConfigCachePropertiesTests {

	@Test
	void isOnAndUnderTheTemporaryDirectoryByDefault() {
		ConfigCacheProperties properties = bind(new Binder(new MapConfigurationPropertySource()));

		assertThat(properties.enabled()).isTrue();
		assertThat(properties.directory())
			.isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "outrigger-config-cache"));
	}

	@Test
	void takesItsDirectoryFromAnEnvironmentVariable() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("env",
					Map.of("OUTRIGGER_CONFIG_CACHE_DIR", "/var/run/mesh/config-cache")));

		ConfigCacheProperties properties = bind(new Binder(ConfigurationPropertySources.get(environment)));

		assertThat(properties.directory()).isEqualTo(Path.of("/var/run/mesh/config-cache"));
	}

	@Test
	void rejectsAnEnabledFlagThatIsNotABoolean() {
		Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("outrigger.config-cache.enabled", "sometimes")));

		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind(binder))
			.withMessageContaining("outrigger.config-cache.enabled");
	}

	private static ConfigCacheProperties bind(Binder binder) {
		return binder.bindOrCreate(ConfigCacheProperties.PREFIX, ConfigCacheProperties.class);
	}

}
