package dev.outrigger.core.config.cache;

import org.junit.jupiter.api.Test;

import org.springframework.boot.bootstrap.BootstrapRegistryInitializer;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.cloud.config.client.ConfigClientRetryBootstrapper;
import org.springframework.cloud.config.client.ConfigServerBootstrapper.LoaderInterceptor;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigCacheBootstrapperTests {

	@Test
	void isFoundAsABootstrapRegistryInitializer() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(BootstrapRegistryInitializer.class))
			.hasAtLeastOneElementOfType(ConfigCacheBootstrapper.class);
	}

	@Test
	void takesTheConfigClientsPlaceWhenItRunsAfterIt() {
		DefaultBootstrapContext context = new DefaultBootstrapContext();

		new ConfigClientRetryBootstrapper().initialize(context);
		new ConfigCacheBootstrapper().initialize(context);

		assertThat(context.get(LoaderInterceptor.class)).isInstanceOf(ConfigCacheInterceptor.class);
	}

	@Test
	void keepsItsPlaceWhenTheConfigClientRunsAfterIt() {
		DefaultBootstrapContext context = new DefaultBootstrapContext();

		new ConfigCacheBootstrapper().initialize(context);
		new ConfigClientRetryBootstrapper().initialize(context);

		assertThat(context.get(LoaderInterceptor.class)).isInstanceOf(ConfigCacheInterceptor.class);
	}

	@Test
	void wrapsTheConfigClientsRetryingInterceptor() {
		assertThat(ConfigCacheInterceptor.configClientInterceptor()).isNotNull()
			.isNotInstanceOf(ConfigCacheInterceptor.class);
	}

	@Test
	void registersNoConfigSourceWhenNothingWasImportedFromTheServer() {
		DefaultBootstrapContext context = new DefaultBootstrapContext();
		new ConfigCacheBootstrapper().initialize(context);

		try (GenericApplicationContext application = new GenericApplicationContext()) {
			context.close(application);

			assertThat(application.getBeanFactory().containsSingleton(ConfigSourceHolder.BEAN_NAME)).isFalse();
		}
	}

}
