package dev.outrigger.core.config;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.autoconfigure.RefreshAutoConfiguration;
import org.springframework.cloud.context.refresh.ContextRefresher;

import dev.outrigger.core.config.cache.ConfigSourceHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

class ConfigWatchAutoConfigurationTests {

	private FakeConfigServer server;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void startServer() throws IOException {
		this.server = new FakeConfigServer();
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ConfigWatchAutoConfiguration.class))
			.withPropertyValues("outrigger.config-watch.server-url=" + this.server.url());
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void watchesByDefaultWhenTheContextCanBeRefreshed() {
		this.contextRunner.withBean(ContextRefresher.class, () -> mock(ContextRefresher.class))
			.run((context) -> assertThat(context).hasSingleBean(ConfigWatcher.class));
	}

	@Test
	void watchesWithSpringCloudsOwnContextRefresher() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(RefreshAutoConfiguration.class, ConfigWatchAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(ConfigWatcher.class));
	}

	@Test
	void doesNotWatchWhenDisabled() {
		this.contextRunner.withBean(ContextRefresher.class, () -> mock(ContextRefresher.class))
			.withPropertyValues("outrigger.config-watch.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ConfigWatcher.class));
	}

	@Test
	void doesNotWatchWithoutAContextRefresher() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(ConfigWatcher.class));
	}

	@Test
	void bindsItsSettingsWithDefaults() {
		this.contextRunner.withBean(ContextRefresher.class, () -> mock(ContextRefresher.class))
			.withPropertyValues("outrigger.config-watch.interval=250ms")
			.run((context) -> {
				ConfigWatchProperties properties = context.getBean(ConfigWatchProperties.class);
				assertThat(properties.interval()).isEqualTo(Duration.ofMillis(250));
				assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.enabled()).isTrue();
			});
	}

	@Test
	void pollsTheApplicationNameAndActiveProfilesOnceStarted() {
		this.contextRunner.withBean(ContextRefresher.class, () -> mock(ContextRefresher.class))
			.withPropertyValues("spring.application.name=orders", "spring.profiles.active=dev,eu")
			.run((context) -> await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(this.server.requestedPaths()).contains("/orders/dev,eu")));
	}

	@Test
	void pollsTheDefaultProfileOfApplicationWhenNothingIsNamed() {
		this.contextRunner.withBean(ContextRefresher.class, () -> mock(ContextRefresher.class))
			.run((context) -> await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(this.server.requestedPaths()).contains("/application/default")));
	}

	@Test
	void catchesUpWithACommitMadeAfterTheConfigWasImported() {
		ContextRefresher refresher = mock(ContextRefresher.class);
		this.server.serve("{\"name\":\"orders\",\"version\":\"bbbb\",\"propertySources\":[]}");
		this.contextRunner.withBean(ContextRefresher.class, () -> refresher)
			.withPropertyValues("config.client.version=aaaa")
			.run((context) -> await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> then(refresher).should().refreshEnvironment()));
	}

	@Test
	void refreshesOnceTheServerAnswersWhenTheContextStartedFromTheCachedConfig() {
		ContextRefresher refresher = mock(ContextRefresher.class);
		ConfigSourceHolder source = mock(ConfigSourceHolder.class);
		given(source.isCache()).willReturn(true);
		this.contextRunner.withBean(ContextRefresher.class, () -> refresher)
			.withBean(ConfigSourceHolder.class, () -> source)
			.run((context) -> await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> then(refresher).should().refreshEnvironment()));
	}

	@Test
	void rejectsAnIntervalThatIsNotADuration() {
		this.contextRunner.withBean(ContextRefresher.class, () -> mock(ContextRefresher.class))
			.withPropertyValues("outrigger.config-watch.interval=soon")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("soon"));
	}

}
