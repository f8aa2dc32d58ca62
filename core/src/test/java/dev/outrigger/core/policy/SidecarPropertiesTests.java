package dev.outrigger.core.policy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.util.unit.DataSize;

import dev.outrigger.core.resilience.LoadBalancing;
import dev.outrigger.core.resilience.OutlierPolicy;
import dev.outrigger.core.resilience.RetryPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SidecarPropertiesTests {

	@Test
	void needsOnlyTheServiceAndTheAppPort() {
		SidecarProperties properties = bind(Map.of("service", "catalog", "app-port", "8081"));

		assertThat(properties.appHost()).isEqualTo("127.0.0.1");
		assertThat(properties.appHealthPath()).isEqualTo("/health");
		assertThat(properties.healthInterval()).isEqualTo(Duration.ofSeconds(1));
		assertThat(properties.advertiseHost()).isEqualTo("127.0.0.1");
		assertThat(properties.inboundPort()).isEqualTo(15006);
		assertThat(properties.outboundPort()).isEqualTo(15001);
		assertThat(properties.version()).isEqualTo("v1");
		assertThat(properties.zone()).isEqualTo("local");
		assertThat(properties.drain()).isEqualTo(new SidecarProperties.Drain(Duration.ofSeconds(2), Duration.ofSeconds(10)));
		assertThat(properties.inbound().responseTimeout()).isEqualTo(Duration.ofSeconds(30));
		SidecarProperties.Outbound outbound = properties.outbound();
		assertThat(outbound.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
		assertThat(outbound.timeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(outbound.loadBalancing()).isEqualTo(LoadBalancing.LEAST_LOADED);
		assertThat(outbound.concurrencyLimit()).isEqualTo(1000);
		assertThat(outbound.retries()).isEqualTo(new RetryPolicy(2, Duration.ofMillis(25),
				Duration.ofMillis(250), 0.2, 10, DataSize.ofMegabytes(1)));
		assertThat(outbound.circuitBreaker())
			.isEqualTo(new SidecarProperties.CircuitBreaker(true, 50, 20, 10, Duration.ofSeconds(5), 3));
		assertThat(outbound.outlier()).isEqualTo(OutlierPolicy.DEFAULTS);
	}

	@Test
	void readsTheOutboundPolicyInRelaxedForm() {
		SidecarProperties properties = bind(Map.of("service", "orders", "app-port", "8081",
				"outbound.load-balancing", "round-robin", "outbound.retries.attempts", "0",
				"outbound.circuit-breaker.enabled", "false", "outbound.retries.max-body", "64KB"));

		assertThat(properties.outbound().loadBalancing()).isEqualTo(LoadBalancing.ROUND_ROBIN);
		assertThat(properties.outbound().retries().attempts()).isZero();
		assertThat(properties.outbound().retries().maxBody()).isEqualTo(DataSize.ofKilobytes(64));
		assertThat(properties.outbound().circuitBreaker().enabled()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "outbound.timeout=0s", "outbound.concurrency-limit=0", "outbound.retries.attempts=11",
			"outbound.retries.max-backoff=1ms", "outbound.circuit-breaker.failure-rate-threshold=0",
			"outbound.circuit-breaker.sliding-window=0", "outbound.outlier.consecutive-failures=0",
			"outbound.outlier.max-ejected-percent=101", "outbound.load-balancing=fastest" })
	void refusesAnInvalidOutboundPolicy(String setting) {
		String[] pair = setting.split("=");
		assertThatBindingFails(Map.of("service", "orders", "app-port", "8081", pair[0], pair[1])).isNotBlank();
	}

	@Test
	void buildsTheAppsHealthUrl() {
		SidecarProperties properties = bind(
				Map.of("service", "payments", "app-port", "8090", "app-health-path", "/ready?full=true"));

		assertThat(properties.appHealthUrl()).isEqualTo("http://127.0.0.1:8090/ready?full=true");
	}

	@Test
	void refusesAMissingServiceSayingWhichVariableToSet() {
		assertThatBindingFails(Map.of("app-port", "8081")).isEqualTo(
				"outrigger.sidecar.service is required: set OUTRIGGER_SIDECAR_SERVICE to the app's service name");
	}

	@Test
	void refusesABlankService() {
		assertThatBindingFails(Map.of("service", "  ", "app-port", "8081"))
			.startsWith("outrigger.sidecar.service is required");
	}

	@Test
	void refusesAMissingAppPort() {
		assertThatBindingFails(Map.of("service", "catalog")).isEqualTo(
				"outrigger.sidecar.app-port must be the app's port (1-65535), got null: set OUTRIGGER_SIDECAR_APP_PORT");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-1", "65536", "100000" })
	void refusesAnAppPortOutOfRange(String port) {
		assertThatBindingFails(Map.of("service", "catalog", "app-port", port))
			.isEqualTo("outrigger.sidecar.app-port must be the app's port (1-65535), got " + port
					+ ": set OUTRIGGER_SIDECAR_APP_PORT");
	}

	@Test
	void refusesAnAppPortThatIsNotANumber() {
		assertThatBindingFails(Map.of("service", "catalog", "app-port", "http")).contains("http");
	}

	@Test
	void refusesAHealthPathWithoutLeadingSlash() {
		assertThatBindingFails(Map.of("service", "catalog", "app-port", "8081", "app-health-path", "health"))
			.isEqualTo("outrigger.sidecar.app-health-path must start with '/', got 'health'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0s", "-1s" })
	void refusesAHealthIntervalThatIsNotPositive(String interval) {
		assertThatBindingFails(Map.of("service", "catalog", "app-port", "8081", "health-interval", interval))
			.startsWith("outrigger.sidecar.health-interval must be positive, got ");
	}

	@Test
	void refusesAHealthIntervalThatIsNotADuration() {
		assertThatBindingFails(Map.of("service", "catalog", "app-port", "8081", "health-interval", "often"))
			.contains("often");
	}

	@ParameterizedTest
	@ValueSource(strings = { "inbound-port", "outbound-port" })
	void refusesASidecarPortOutOfRange(String name) {
		assertThatBindingFails(Map.of("service", "catalog", "app-port", "8081", name, "70000"))
			.isEqualTo("outrigger.sidecar." + name + " must be a port (1-65535), got 70000");
	}

	@Test
	void refusesTheSamePortForInboundAndOutbound() {
		assertThatBindingFails(
				Map.of("service", "catalog", "app-port", "8081", "inbound-port", "15001", "outbound-port", "15001"))
			.isEqualTo("outrigger.sidecar.inbound-port and outbound-port must differ, both are 15001");
	}

	static SidecarProperties bind(Map<String, String> settings) {
		Map<String, String> prefixed = new HashMap<>();
		settings.forEach((key, value) -> prefixed.put("outrigger.sidecar." + key, value));
		return new Binder(new MapConfigurationPropertySource(prefixed)).bindOrCreate("outrigger.sidecar",
				SidecarProperties.class);
	}

	private static AbstractStringAssert<?> assertThatBindingFails(Map<String, String> settings) {
		BindException failure = catchThrowableOfType(BindException.class, () -> bind(settings));
		assertThat(failure).as("failure binding %s", settings).isNotNull();
		return assertThat(NestedExceptionUtils.getMostSpecificCause(failure).getMessage());
	}

}
