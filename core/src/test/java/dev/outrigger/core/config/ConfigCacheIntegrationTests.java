package dev.outrigger.core.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.cloud.config.client.ConfigClientFailFastException;
import org.springframework.context.ConfigurableApplicationContext;

import dev.outrigger.core.config.cache.ConfigSource;
import dev.outrigger.core.config.cache.ConfigSourceHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** A real Spring Boot app importing its config from a fake config server that goes away. */
class ConfigCacheIntegrationTests {

	private static final String VERSION_A = config("aaaa", "hello");

	private static final String VERSION_B = config("bbbb", "hola");

	@TempDir
	Path cacheDir;

	@Test
	void startsFromTheLastGoodConfigWhileTheServerIsDownAndTakesTheServersOnceItAnswers() throws IOException {
		int port;
		try (FakeConfigServer server = new FakeConfigServer()) {
			server.serve(VERSION_A);
			port = server.port();
			try (ConfigurableApplicationContext app = start(server.url())) {
				assertThat(greeting(app)).isEqualTo("hello");
				assertThat(source(app).kind()).isEqualTo(ConfigSource.Kind.SERVER);
			}
		}
		assertThat(this.cacheDir.resolve("catalog.json")).exists();

		try (ConfigurableApplicationContext app = start("http://127.0.0.1:" + port)) {
			assertThat(greeting(app)).isEqualTo("hello");
			assertThat(source(app).kind()).isEqualTo(ConfigSource.Kind.CACHE);
			assertThat(source(app).version()).isEqualTo("aaaa");
			assertThat(health(app)).containsEntry("source", "cache")
				.containsEntry("cacheFile", this.cacheDir.resolve("catalog.json").toString());

			try (FakeConfigServer back = new FakeConfigServer(port)) {
				back.serve(VERSION_B);
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					assertThat(greeting(app)).isEqualTo("hola");
					assertThat(health(app)).containsEntry("source", "server").containsEntry("version", "bbbb");
				});
			}
		}
	}

	@Test
	void refusesToStartWhenTheServerIsDownAndNothingIsCached() {
		assertThatExceptionOfType(ConfigClientFailFastException.class)
			.isThrownBy(() -> start("http://127.0.0.1:" + refusingPort()))
			.withMessageContaining("there is no cached config to start from")
			.withMessageContaining(this.cacheDir.resolve("catalog.json").toString())
			.withMessageContaining("fail fast");
	}

	@Test
	void refusesToStartFromACacheFileItCannotRead() throws IOException {
		Files.writeString(this.cacheDir.resolve("catalog.json"), "{\"format\":1,\"application\":");

		assertThatExceptionOfType(ConfigClientFailFastException.class)
			.isThrownBy(() -> start("http://127.0.0.1:" + refusingPort()))
			.withMessageContaining("catalog.json is unusable: it is not a JSON object");
	}

	private ConfigurableApplicationContext start(String configServerUrl) {
		return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.run("--spring.application.name=catalog", "--spring.config.import=configserver:" + configServerUrl,
					"--spring.cloud.config.fail-fast=true", "--spring.cloud.config.retry.max-attempts=2",
					"--spring.cloud.config.retry.initial-interval=50", "--spring.cloud.config.retry.max-interval=100",
					"--outrigger.config-cache.dir=" + this.cacheDir,
					"--outrigger.config-watch.server-url=" + configServerUrl,
					"--outrigger.config-watch.interval=100ms", "--spring.main.banner-mode=off");
	}

	private static String greeting(ConfigurableApplicationContext app) {
		return app.getEnvironment().getProperty("outrigger.test.greeting");
	}

	private static ConfigSource source(ConfigurableApplicationContext app) {
		return app.getBean(ConfigSourceHolder.class).get();
	}

	private static java.util.Map<String, Object> health(ConfigurableApplicationContext app) {
		return app.getBean("configSourceHealthIndicator", HealthIndicator.class).health().getDetails();
	}

	private static String config(String version, String greeting) {
		return "{\"name\":\"catalog\",\"profiles\":[\"default\"],\"label\":null,\"version\":\"" + version
				+ "\",\"state\":null,\"propertySources\":[{\"name\":\"file:/repo/catalog.yml\","
				+ "\"source\":{\"outrigger.test.greeting\":\"" + greeting + "\"}}]}";
	}

	/** A port nothing listens on: it was free a moment ago. */
	private static int refusingPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
