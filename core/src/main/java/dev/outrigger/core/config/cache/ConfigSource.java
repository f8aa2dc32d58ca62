package dev.outrigger.core.config.cache;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where the config server properties the context runs on came from.
 *
 * @param kind the config server itself, or the cache file because the server was unreachable
 * @param version the commit id of the config, or {@code null} if the server reported none
 * @param label the label asked for, or {@code null} for the server's default
 * @param cacheFile the cache file written (from the server) or read (from the cache)
 * @param servedAt when the config server served this config
 * @param reason why the server's answer is not in use, or {@code null} when it is
 */
public record ConfigSource(Kind kind, String version, String label, Path cacheFile, Instant servedAt,
		String reason) {

	/** Whether the config came from the config server or from the cache. */
	public enum Kind {

		/** Served by the config server at the last import. */
		SERVER,

		/** Read from the cache file: the config server was unreachable. */
		CACHE;

		@Override
		public String toString() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** Whether the context runs on the cached config. */
	public boolean isCache() {
		return this.kind == Kind.CACHE;
	}

	/** Time since the config server served this config. */
	public Duration age(Instant now) {
		return Duration.ofSeconds(Duration.between(this.servedAt, now).toSeconds());
	}

	/** What health and info endpoints show: the source and, for the cache, its file, age and cause. */
	public Map<String, Object> details(Instant now) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("source", this.kind.toString());
		putIfPresent(details, "version", this.version);
		putIfPresent(details, "label", this.label);
		details.put("servedAt", this.servedAt.toString());
		putIfPresent(details, "cacheFile", (this.cacheFile != null) ? this.cacheFile.toString() : null);
		if (isCache()) {
			details.put("age", age(now).toString());
			putIfPresent(details, "reason", this.reason);
		}
		return details;
	}

	private static void putIfPresent(Map<String, Object> details, String key, String value) {
		if (value != null) {
			details.put(key, value);
		}
	}

}
