package dev.outrigger.core.config.cache;

import org.springframework.boot.bootstrap.BootstrapRegistry;
import org.springframework.boot.bootstrap.BootstrapRegistryInitializer;
import org.springframework.util.ClassUtils;

/**
 * Puts the config cache around every {@code configserver:} import of an app that uses Spring
 * Cloud Config's client: each config the server serves (at startup and at each refresh) is
 * saved to {@code <outrigger.config-cache.dir>/<application>[-<profiles>].json}, and when the
 * server is unavailable after the client's retries, the import answers from that file instead
 * of failing. Without a usable file it still fails, naming the file and why.
 *
 * <p>
 * Why a {@code LoaderInterceptor} and not a config data location of our own (say
 * {@code outrigger-config:} delegating to {@code configserver:}): the config client offers
 * {@code ConfigServerBootstrapper.LoaderInterceptor} as its hook around each load, and it is
 * where its own retries live ({@code ConfigClientRetryBootstrapper}). Wrapping that interceptor
 * sees the real outcome of the retried load, and the import stays {@code configserver:}, which
 * the client's import check, its health indicator and the context refresher key on. A location
 * of our own would have to delegate to the client's resolver and loader, and would only see an
 * empty result when retries give up, because the client then defers its failure to the end of
 * the bootstrap phase. {@code optional:configserver:} is no option either: without fail-fast
 * there are no retries, and an unavailable server silently leaves the app on its defaults.
 *
 * <p>
 * The cache file holds the property sources with the options the client gave them, so a start
 * from the cache orders them as a start from the server would. It is only used for the same
 * application, profiles, label and config server URI it was written for, and only when the
 * server could not answer (I/O error or 5xx, see {@code ConfigServerFailures}): a 4xx still
 * fails. The {@link ConfigSourceHolder} bean says which of the two the context runs on.
 */
public final class ConfigCacheBootstrapper implements BootstrapRegistryInitializer {

	private static final String CONFIG_CLIENT = "org.springframework.cloud.config.client.ConfigServerBootstrapper";

	@Override
	public void initialize(BootstrapRegistry registry) {
		if (ClassUtils.isPresent(CONFIG_CLIENT, getClass().getClassLoader())) {
			ConfigCacheInterceptor.register(registry);
		}
	}

}
