package dev.outrigger.core.config.cache;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the config cache, read while the config is imported (so from the app's own
 * {@code application.yml}, system properties, environment variables and arguments, never from
 * the config server).
 *
 * @param enabled whether to keep the config server's answer on disk and start from it when the
 * server is unreachable
 * @param dir directory of the cache files, {@code ${java.io.tmpdir}/outrigger-config-cache} if unset
 */
@ConfigurationProperties(ConfigCacheProperties.PREFIX)
public record ConfigCacheProperties(@DefaultValue("true") boolean enabled, Path dir) {

	static final String PREFIX = "outrigger.config-cache";

	/** The cache directory: {@link #dir()}, or the default under the JVM's temporary directory. */
	public Path directory() {
		return (this.dir != null) ? this.dir : Path.of(System.getProperty("java.io.tmpdir"), "outrigger-config-cache");
	}

}
