package dev.outrigger.gateway;

import java.net.ConnectException;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.config.client.ConfigClientFailFastException;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The gateway will not start on defaults: without its config server it retries, then fails. */
class ConfigServerImportIntegrationTests {

	@Test
	void refusesToStartWhenTheConfigServerCannotBeReached() {
		assertThatExceptionOfType(ConfigClientFailFastException.class)
			.isThrownBy(() -> start(FakeUpstream.refusingUri(), 1))
			.withMessageContaining("fail fast")
			.withRootCauseInstanceOf(ConnectException.class);
	}

	@Test
	void retriesAFailingConfigServerBeforeGivingUp() {
		try (FakeConfigServer configServer = FakeConfigServer.start()) {
			configServer.failWith(503);

			assertThatExceptionOfType(ConfigClientFailFastException.class)
				.isThrownBy(() -> start(configServer.uri(), 3))
				.withMessageContaining("fail fast");
			assertThat(configServer.requests()).isEqualTo(3);
		}
	}

	private static ConfigurableApplicationContext start(String configServerUrl, int attempts) {
		return new SpringApplicationBuilder(GatewayApplication.class).run("--CONFIG_SERVER_URL=" + configServerUrl,
				"--spring.cloud.config.retry.max-attempts=" + attempts,
				"--spring.cloud.config.retry.initial-interval=50", "--server.port=0",
				"--eureka.client.enabled=false", "--outrigger.config-watch.enabled=false",
				"--management.tracing.export.enabled=false");
	}

}
