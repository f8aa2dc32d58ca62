package dev.outrigger.core.config.cache;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@link ConfigSource} of the running context, updated at every import from the config
 * server: at startup and at each refresh.
 */
public final class ConfigSourceHolder {

	/** Name of the bean of the application context that holds it. */
	public static final String BEAN_NAME = "outriggerConfigSource";

	private final AtomicReference<ConfigSource> current = new AtomicReference<>();

	/** The source of the last import, or {@code null} before the first. */
	public ConfigSource get() {
		return this.current.get();
	}

	/** Whether the context runs on the cached config because the config server was unreachable. */
	public boolean isCache() {
		ConfigSource source = this.current.get();
		return source != null && source.isCache();
	}

	void set(ConfigSource source) {
		this.current.set(source);
	}

}
