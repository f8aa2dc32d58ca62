package dev.outrigger.core.config.cache;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.commons.logging.Log;

import org.springframework.boot.bootstrap.BootstrapRegistry;
import org.springframework.boot.bootstrap.BootstrapRegistry.InstanceSupplier;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.config.ConfigData;
import org.springframework.boot.logging.DeferredLog;
import org.springframework.cloud.config.client.ConfigClientFailFastException;
import org.springframework.cloud.config.client.ConfigClientProperties;
import org.springframework.cloud.config.client.ConfigClientRetryBootstrapper;
import org.springframework.cloud.config.client.ConfigServerBootstrapper.LoadContext;
import org.springframework.cloud.config.client.ConfigServerBootstrapper.LoaderInterceptor;
import org.springframework.cloud.config.client.ConfigServerConfigDataResource;
import org.springframework.util.StringUtils;

import dev.outrigger.core.config.cache.CachedConfig.Identity;
import dev.outrigger.core.config.cache.ConfigSource.Kind;

/**
 * Loads a {@code configserver:} import through the config client (with its retries), caches
 * what the server served, and answers from the cache when the server was unavailable.
 */
final class ConfigCacheInterceptor implements LoaderInterceptor {

	private final LoaderInterceptor delegate;

	private final ConfigSourceHolder source;

	private final Log logger;

	private final Clock clock;

	ConfigCacheInterceptor(LoaderInterceptor delegate, ConfigSourceHolder source, Log logger, Clock clock) {
		this.delegate = delegate;
		this.source = source;
		this.logger = logger;
		this.clock = clock;
	}

	/**
	 * Registers an interceptor around the config client's own in place of it. Its log lines wait
	 * for the logging system, which is set up after the config is imported.
	 */
	static void register(BootstrapRegistry registry) {
		DeferredLog log = new DeferredLog();
		ConfigSourceHolder source = new ConfigSourceHolder();
		ConfigCacheInterceptor interceptor = new ConfigCacheInterceptor(configClientInterceptor(), source, log,
				Clock.systemUTC());
		// register, not registerIfAbsent: replaces the config client's interceptor if it came first
		registry.register(LoaderInterceptor.class, InstanceSupplier.of(interceptor));
		registry.addCloseListener((event) -> {
			log.switchTo(ConfigCacheInterceptor.class);
			if (source.get() != null) {
				event.getApplicationContext().getBeanFactory().registerSingleton(ConfigSourceHolder.BEAN_NAME, source);
			}
		});
	}

	/**
	 * The interceptor the config client would register: it retries a fail-fast import when
	 * spring-retry is present ({@code spring.cloud.config.retry.*}); without one, a plain load.
	 */
	static LoaderInterceptor configClientInterceptor() {
		DefaultBootstrapContext aside = new DefaultBootstrapContext();
		new ConfigClientRetryBootstrapper().initialize(aside);
		if (aside.isRegistered(LoaderInterceptor.class)) {
			return aside.get(LoaderInterceptor.class);
		}
		return (load) -> load.getInvocation().apply(load.getLoaderContext(), load.getResource());
	}

	@Override
	public ConfigData apply(LoadContext load) {
		ConfigCacheProperties properties = load.getBinder()
			.bindOrCreate(ConfigCacheProperties.PREFIX, ConfigCacheProperties.class);
		if (!properties.enabled()) {
			return this.delegate.apply(load);
		}
		ConfigCacheFile file = new ConfigCacheFile(properties.directory(), identity(load.getResource()));
		ConfigData data;
		try {
			data = this.delegate.apply(load);
		}
		catch (RuntimeException ex) {
			if (!ConfigServerFailures.isUnavailable(ex)) {
				throw ex;
			}
			return loadFromCache(file, ex);
		}
		if (CachedConfig.isServed(data)) {
			save(file, data);
		}
		return data;
	}

	private void save(ConfigCacheFile file, ConfigData data) {
		Instant now = this.clock.instant();
		CachedConfig config = CachedConfig.of(file.identity(), data, now);
		boolean saved = false;
		try {
			file.write(config);
			saved = true;
			this.logger.debug("Cached config " + label(config) + " in " + file.path());
		}
		catch (IOException | RuntimeException ex) {
			this.logger.warn("Could not cache the config in " + file.path() + " (" + ex
					+ "); a restart while the config server is unreachable will not find it");
		}
		this.source.set(new ConfigSource(Kind.SERVER, config.version(), file.identity().label(),
				saved ? file.path() : null, now, null));
	}

	private ConfigData loadFromCache(ConfigCacheFile file, RuntimeException failure) {
		String server = file.identity().server();
		String reason = ConfigServerFailures.describe(failure);
		CachedConfig cached;
		try {
			cached = file.read();
		}
		catch (InvalidConfigCacheException ex) {
			this.logger.error(ex.getMessage() + "; ignoring it");
			throw unavailable(server, reason, ex.getMessage(), failure);
		}
		if (cached == null) {
			throw unavailable(server, reason, "no file " + file.path(), failure);
		}
		ConfigSource source = new ConfigSource(Kind.CACHE, cached.version(), cached.identity().label(), file.path(),
				cached.servedAt(), "config server " + server + " unreachable: " + reason);
		this.logger.warn("Config server " + server + " is unreachable (" + reason + "); starting from the config cached in "
				+ file.path() + ": version " + label(cached) + ", served " + source.age(this.clock.instant())
				+ " ago (" + cached.servedAt() + "). The server's config replaces it once the server answers.");
		this.source.set(source);
		return cached.toConfigData();
	}

	private static ConfigClientFailFastException unavailable(String server, String reason, String cacheProblem,
			RuntimeException failure) {
		return new ConfigClientFailFastException("Config server " + server + " is unreachable (" + reason
				+ ") and there is no cached config to start from: " + cacheProblem + ". " + failure.getMessage(),
				failure);
	}

	private static String label(CachedConfig config) {
		return (config.version() != null) ? config.version() : "(none reported)";
	}

	static Identity identity(ConfigServerConfigDataResource resource) {
		ConfigClientProperties properties = resource.getProperties();
		// Credentials strips any user:password@ from each URI: it must not reach the file or logs
		String server = IntStream.range(0, properties.getUri().length)
			.mapToObj((index) -> properties.getCredentials(index).getUri())
			.collect(Collectors.joining(","));
		String label = StringUtils.hasText(properties.getLabel()) ? properties.getLabel() : null;
		return new Identity(properties.getName(), resource.getProfiles(), label, server);
	}

}
