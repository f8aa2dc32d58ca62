package dev.outrigger.core.config.cache;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.outrigger.core.config.cache.ConfigSource.Kind;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigSourceTests {

	private static final Instant SERVED_AT = Instant.parse("2026-11-25T10:15:30.250Z");

	private static final Path FILE = Path.of("/run/mesh/config-cache/catalog.json");

	@Test
	void describesTheServerSource() {
		ConfigSource source = new ConfigSource(Kind.SERVER, "3f1c2b9", null, FILE, SERVED_AT, null);

		assertThat(source.details(SERVED_AT.plusSeconds(60))).containsExactly(entry("source", "server"),
				entry("version", "3f1c2b9"), entry("servedAt", "2026-11-25T10:15:30.250Z"),
				entry("cacheFile", FILE.toString()));
	}

	@Test
	void describesTheCacheSourceWithItsAgeAndCause() {
		ConfigSource source = new ConfigSource(Kind.CACHE, "3f1c2b9", "main", FILE, SERVED_AT,
				"config server http://127.0.0.1:8888 unreachable: ConnectException: Connection refused");

		assertThat(source.details(SERVED_AT.plus(Duration.ofMinutes(90).plusMillis(900)))).containsExactly(
				entry("source", "cache"), entry("version", "3f1c2b9"), entry("label", "main"),
				entry("servedAt", "2026-11-25T10:15:30.250Z"), entry("cacheFile", FILE.toString()),
				entry("age", "PT1H30M"),
				entry("reason", "config server http://127.0.0.1:8888 unreachable: ConnectException: Connection refused"));
	}

	@Test
	void leavesOutWhatIsUnknown() {
		ConfigSource source = new ConfigSource(Kind.SERVER, null, null, null, SERVED_AT, null);

		assertThat(source.details(SERVED_AT)).containsOnlyKeys("source", "servedAt");
	}

	private static Map.Entry<String, Object> entry(String key, Object value) {
		return Map.entry(key, value);
	}

}
