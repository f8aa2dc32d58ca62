package dev.outrigger.core.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the config watcher.
 *
 * @param enabled whether to poll the config server and refresh on change
 * @param serverUrl base URL of the config server
 * @param interval time between two polls
 * @param timeout time allowed for one poll
 */
@ConfigurationProperties("outrigger.config-watch")
public record ConfigWatchProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("http://localhost:8888") String serverUrl, @DefaultValue("1s") Duration interval,
		@DefaultValue("2s") Duration timeout) {
}
