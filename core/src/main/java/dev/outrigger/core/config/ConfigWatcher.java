package dev.outrigger.core.config;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.SmartLifecycle;

/**
 * Follows the config server: holds its event stream ({@code GET /outrigger/events}) open and
 * fetches this application's config as soon as a new revision is announced, refreshing the
 * context when the served config changed; so a commit to the config repo applies within a
 * second, without a restart. While the stream is down (or the server has none) it polls
 * every {@code interval} instead.
 */
public final class ConfigWatcher implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ConfigWatcher.class);

	private static final Duration RECONCILE_AFTER = Duration.ofSeconds(5);

	private final ConfigWatchProperties properties;

	private final URI configUri;

	private final RevisionStream events;

	private final ContextRefresher refresher;

	private final String importedVersion;

	private final BooleanSupplier runningOnCachedConfig;

	private final HttpClient client;

	private final InPlaceConfigUpdate inPlace;

	private volatile String lastBody;

	private ScheduledFuture<?> reconcile;

	private final AtomicReference<ConfigSnapshot> current = new AtomicReference<>();

	private volatile ScheduledExecutorService scheduler;

	private volatile long lastPoll = System.nanoTime();

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
		this(properties, application, profiles, importedVersion, runningOnCachedConfig, refresher, null);
	}

	/**
	 * Creates a watcher that applies a changed config in place when it can (see
	 * {@link InPlaceConfigUpdate}) and reconciles with a full environment refresh a few
	 * seconds after the last change, which also refreshes the config cache on disk.
	 */
	ConfigWatcher(ConfigWatchProperties properties, String application, String profiles, String importedVersion,
			BooleanSupplier runningOnCachedConfig, ContextRefresher refresher, InPlaceConfigUpdate inPlace) {
		this.inPlace = inPlace;
		this.properties = properties;
		this.configUri = URI.create(stripSlash(properties.serverUrl()) + "/" + application + "/" + profiles);
		this.importedVersion = importedVersion;
		this.runningOnCachedConfig = runningOnCachedConfig;
		this.refresher = refresher;
		this.client = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
		this.events = new RevisionStream(URI.create(stripSlash(properties.serverUrl()) + "/outrigger/events"),
				this.client);
	}

	/** The config last seen, or {@code null} before the first successful poll. */
	public ConfigSnapshot current() {
		return this.current.get();
	}

	/** Fetches the served config once and refreshes the context if it changed since the last poll. */
	public synchronized void poll() {
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
			if (!refreshInPlace(previous.label(), seen.label())) {
				refresh(previous.label(), seen.label());
			}
		}
	}

	private boolean refreshInPlace(String from, String to) {
		ScheduledExecutorService executor = this.scheduler;
		if (this.inPlace == null || executor == null) {
			return false;
		}
		Set<String> changed;
		try {
			changed = this.inPlace.apply(this.lastBody);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not apply config " + to + " in place (" + ex + "); refreshing the environment instead");
			return false;
		}
		if (changed == null) {
			return false;
		}
		logger.info("Config changed " + from + " -> " + to + "; refreshed keys " + changed);
		if (this.reconcile != null) {
			this.reconcile.cancel(false);
		}
		this.reconcile = executor.schedule(this::reconcile, RECONCILE_AFTER.toMillis(), TimeUnit.MILLISECONDS);
		return true;
	}

	// Once the commits have settled: the environment rebuilt as Spring Cloud does it, which
	// also writes the config cache on disk; normally it finds nothing left to change.
	private synchronized void reconcile() {
		try {
			Set<String> changed = this.refresher.refreshEnvironment();
			if (!changed.isEmpty()) {
				logger.info("Config reconciled; refreshed keys " + changed);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Config reconcile failed; keeping the config applied in place", ex);
		}
	}

	// The environment only, not the refresh scope: refreshing the scope would also destroy
	// and re-create the Eureka client (an empty registry until its next fetch) and every
	// other refresh-scoped bean on each commit. Listeners of EnvironmentChangeEvent (the
	// @ConfigurationProperties rebinder, the gateway's routes) follow the new values.
	private void refresh(String from, String to) {
		Set<String> changed = this.refresher.refreshEnvironment();
		logger.info("Config changed " + from + " -> " + to + "; refreshed keys " + changed);
	}

	// An announced revision other than the current one: fetch it now.
	private void onRevision(String revision) {
		ConfigSnapshot seen = this.current.get();
		if (revision == null || seen == null || !revision.equals(seen.version())) {
			pollSafely();
		}
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
			this.lastBody = response.body();
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
		executor.scheduleWithFixedDelay(this::pollUnlessStreaming, 0, interval, TimeUnit.MILLISECONDS);
		this.scheduler = executor;
		this.events.start(this::onRevision);
	}

	// While the stream is open it says when to fetch; a poll each minute still checks.
	private void pollUnlessStreaming() {
		if (!this.events.isOpen() || System.nanoTime() - this.lastPoll > TimeUnit.MINUTES.toNanos(1)) {
			pollSafely();
		}
	}

	private void pollSafely() {
		this.lastPoll = System.nanoTime();
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
		this.events.stop();
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	private static String stripSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
