package dev.outrigger.core.config.cache;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.config.ConfigData;
import org.springframework.boot.context.config.ConfigData.Option;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.boot.origin.TextResourceOrigin.Location;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

import dev.outrigger.core.config.cache.CachedConfig.Identity;

import static org.assertj.core.api.Assertions.assertThat;

class CachedConfigTests {

	static final Identity IDENTITY = new Identity("catalog", "default", null, "http://127.0.0.1:8888");

	static final Instant SERVED_AT = Instant.parse("2026-11-25T10:15:30Z");

	@Test
	void keepsTheServedSourcesInPrecedenceOrderWithTheirOptions() {
		CachedConfig config = CachedConfig.of(IDENTITY, served(), SERVED_AT);

		assertThat(config.sources()).extracting(CachedConfig.Source::name)
			.containsExactly("configserver:catalog-eu.yml", "configserver:catalog.yml");
		assertThat(config.sources().get(0).options()).containsExactlyInAnyOrder(Option.IGNORE_IMPORTS,
				Option.PROFILE_SPECIFIC, Option.IGNORE_PROFILES);
		assertThat(config.sources().get(1).options()).containsExactly(Option.IGNORE_IMPORTS);
	}

	@Test
	void takesTheVersionAndStateFromTheClientSourceWithoutKeepingIt() {
		CachedConfig config = CachedConfig.of(IDENTITY, served(), SERVED_AT);

		assertThat(config.version()).isEqualTo("3f1c2b9");
		assertThat(config.state()).isEqualTo("s1");
		assertThat(config.sources()).extracting(CachedConfig.Source::name).doesNotContain("configClient");
	}

	@Test
	void keepsValuesAsTextWithoutTheirOrigins() {
		CachedConfig config = CachedConfig.of(IDENTITY, served(), SERVED_AT);

		assertThat(config.sources().get(1).properties()).containsExactly(Map.entry("server.port", "8080"),
				Map.entry("outrigger.sidecar.app-health-path", "/health"));
	}

	@Test
	void givesBackTheSameSourcesAndOptionsAsConfigData() {
		ConfigData data = CachedConfig.of(IDENTITY, served(), SERVED_AT).toConfigData();

		List<PropertySource<?>> sources = data.getPropertySources();
		assertThat(sources).extracting(PropertySource::getName)
			.containsExactly("configserver:catalog-eu.yml", "configserver:catalog.yml");
		assertThat(sources.get(1).getProperty("server.port")).isEqualTo("8080");
		assertThat(data.getOptions(sources.get(0))).isEqualTo(
				ConfigData.Options.of(Option.IGNORE_IMPORTS, Option.PROFILE_SPECIFIC, Option.IGNORE_PROFILES));
		assertThat(data.getOptions(sources.get(1))).isEqualTo(ConfigData.Options.of(Option.IGNORE_IMPORTS));
	}

	@Test
	void tellsAServedAnswerFromAnEmptyOne() {
		assertThat(CachedConfig.isServed(served())).isTrue();
		assertThat(CachedConfig.isServed(null)).isFalse();
		assertThat(CachedConfig.isServed(ConfigData.EMPTY)).isFalse();
	}

	@Test
	void namesTheFileAfterTheApplicationAndItsProfiles() {
		assertThat(IDENTITY.fileName()).isEqualTo("catalog.json");
		assertThat(new Identity("catalog", "dev,eu", null, "http://x").fileName()).isEqualTo("catalog-dev,eu.json");
		assertThat(new Identity("../etc/passwd", "default", null, "http://x").fileName())
			.isEqualTo(".._etc_passwd.json");
	}

	/** What the config client's loader returns for catalog with the profile eu. */
	static ConfigData served() {
		Map<String, Object> base = new LinkedHashMap<>();
		base.put("server.port", OriginTrackedValue.of(8080, new TextResourceOrigin(null, new Location(0, 0))));
		base.put("outrigger.sidecar.app-health-path", "/health");
		PropertySource<?> client = new MapPropertySource("configClient",
				Map.of("config.client.version", "3f1c2b9", "config.client.state", "s1"));
		PropertySource<?> eu = new OriginTrackedMapPropertySource("configserver:catalog-eu.yml",
				Map.of("outrigger.sidecar.zone", "eu"), true);
		PropertySource<?> catalog = new OriginTrackedMapPropertySource("configserver:catalog.yml", base, true);
		return new ConfigData(List.of(client, eu, catalog), (source) -> switch (source.getName()) {
			case "configserver:catalog-eu.yml" ->
				ConfigData.Options.of(Option.IGNORE_IMPORTS, Option.PROFILE_SPECIFIC, Option.IGNORE_PROFILES);
			case "configserver:catalog.yml" -> ConfigData.Options.of(Option.IGNORE_IMPORTS);
			default -> ConfigData.Options.NONE;
		});
	}

}
