package dev.outrigger.core.config;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.SmartLifecycle;

/**
 * Polls the config server for this application's config and refreshes the context when the
 * served config changes, so edits in the config repo apply without a restart.
 */
public final class ConfigWatcher implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ConfigWatcher.class);

	private final ConfigWatchProperties properties;

	private final URI configUri;

	private final ContextRefresher refresher;

	private final String importedVersion;

	private final BooleanSupplier runningOnCachedConfig;

	private final HttpClient client;

	private final AtomicReference<ConfigSnapshot> current = new AtomicReference<>();

	private volatile ScheduledExecutorService scheduler;

	private volatile boolean lastPollFailed;

	/** Creates a watcher of the config of one application and its active profiles. */
	public ConfigWatcher(ConfigWatchProperties properties, String application, String profiles,
			ContextRefresher refresher) {
		this(properties, application, profiles, null, refresher);
	}

	/**
	 * Creates a watcher of the config of one application and its active profiles.
	 * @param importedVersion the commit id of the config the context started with, or
	 * {@code null} if unknown; a first poll that sees another commit refreshes
	 */
	public ConfigWatcher(ConfigWatchProperties properties, String application, String profiles,
			String importedVersion, ContextRefresher refresher) {
		this(properties, application, profiles, importedVersion, () -> false, refresher);
	}

	/**
	 * Creates a watcher of the config of one application and its active profiles.
	 * @param importedVersion the commit id of the config the context started with, or
	 * {@code null} if unknown; a first poll that sees another commit refreshes
	 * @param runningOnCachedConfig whether the context runs on the config cached while the
	 * server was unreachable; a poll that finds the server answering again then refreshes
	 */
	public ConfigWatcher(ConfigWatchProperties properties, String application, String profiles,
			String importedVersion, BooleanSupplier runningOnCachedConfig, ContextRefresher refresher) {
		this.properties = properties;
		this.configUri = URI.create(stripSlash(properties.serverUrl()) + "/" + application + "/" + profiles);
		this.importedVersion = importedVersion;
		this.runningOnCachedConfig = runningOnCachedConfig;
		this.refresher = refresher;
		this.client = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
	}

	/** The config last seen, or {@code null} before the first successful poll. */
	public ConfigSnapshot current() {
		return this.current.get();
	}

	/** Fetches the served config once and refreshes the context if it changed since the last poll. */
	public void poll() {
		boolean wasUnreachable = this.lastPollFailed;
		ConfigSnapshot seen = fetch();
		if (seen == null) {
			return;
		}
		ConfigSnapshot previous = this.current.getAndSet(seen);
		if (previous == null) {
			logger.info("Following config " + seen.label() + " from " + this.configUri);
		}
		if ((previous == null || wasUnreachable) && this.runningOnCachedConfig.getAsBoolean()) {
			// the server answers again: its config replaces the cached one, changed or not
			refresh("the cached config", seen.label());
		}
		else if (previous == null) {
			// a commit made while the app was starting, after its config was imported
			if (this.importedVersion != null && seen.version() != null
					&& !seen.version().equals(this.importedVersion)) {
				refresh(this.importedVersion, seen.label());
			}
		}
		else if (!previous.digest().equals(seen.digest())) {
			refresh(previous.label(), seen.label());
		}
	}

	private void refresh(String from, String to) {
		Set<String> changed = this.refresher.refresh();
		logger.info("Config changed " + from + " -> " + to + "; refreshed keys " + changed);
	}

	private ConfigSnapshot fetch() {
		HttpRequest request = HttpRequest.newBuilder(this.configUri)
			.timeout(this.properties.timeout())
			.header("Accept", "application/json")
			.build();
		try {
			HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				return failed("config server answered " + response.statusCode());
			}
			if (this.lastPollFailed) {
				logger.info("Config server " + this.configUri + " is reachable again");
			}
			this.lastPollFailed = false;
			return ConfigSnapshot.of(response.body());
		}
		catch (IOException ex) {
			return failed(ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private ConfigSnapshot failed(String reason) {
		if (!this.lastPollFailed) {
			logger.warn("Cannot poll config at " + this.configUri + " (" + reason
					+ "); keeping the last config until it answers");
		}
		this.lastPollFailed = true;
		return null;
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "outrigger-config-watch");
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.properties.interval().toMillis();
		executor.scheduleWithFixedDelay(this::pollSafely, 0, interval, TimeUnit.MILLISECONDS);
		this.scheduler = executor;
	}

	private void pollSafely() {
		try {
			poll();
		}
		catch (RuntimeException ex) {
			logger.error("Config refresh failed; keeping the previous config", ex);
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.scheduler;
		if (executor != null) {
			executor.shutdownNow();
		}
		this.scheduler = null;
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	private static String stripSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
