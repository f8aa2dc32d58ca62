package dev.outrigger.sidecar.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import dev.outrigger.core.traffic.TrafficPolicy;
import dev.outrigger.core.traffic.TrafficRules;
import dev.outrigger.core.policy.SidecarProperties;

import static org.assertj.core.api.Assertions.assertThat;

class LiveSettingsTests {

	private final Map<String, Object> configRepo = new HashMap<>();

	private final StandardEnvironment environment = new StandardEnvironment();

	private LiveSettings settings;

	@BeforeEach
	void bindInitialSettings() {
		this.configRepo.put("outrigger.sidecar.service", "catalog");
		this.configRepo.put("outrigger.sidecar.app-port", "8081");
		this.environment.getPropertySources().addFirst(new MapPropertySource("configserver:catalog.yml", this.configRepo));
		this.settings = new LiveSettings(bind(Map.of("service", "catalog", "app-port", "8081")),
				this.environment);
	}

	@Test
	void servesTheInitialSettingsUntilAChange() {
		assertThat(this.settings.get().outbound().timeout()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void appliesAChangedPolicy() {
		this.configRepo.put("outrigger.sidecar.outbound.timeout", "750ms");
		this.configRepo.put("outrigger.sidecar.app-health-path", "/ready");

		changed("outrigger.sidecar.outbound.timeout", "outrigger.sidecar.app-health-path");

		assertThat(this.settings.get().outbound().timeout()).isEqualTo(Duration.ofMillis(750));
		assertThat(this.settings.get().appHealthPath()).isEqualTo("/ready");
		assertThat(this.settings.get().service()).isEqualTo("catalog");
	}

	@Test
	void appliesARemovedSettingAsItsDefault() {
		this.configRepo.put("outrigger.sidecar.outbound.timeout", "750ms");
		changed("outrigger.sidecar.outbound.timeout");
		this.configRepo.remove("outrigger.sidecar.outbound.timeout");

		changed("outrigger.sidecar.outbound.timeout");

		assertThat(this.settings.get().outbound().timeout()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void keepsThePreviousSettingsWhenTheChangeFailsValidation() {
		SidecarProperties before = this.settings.get();
		this.configRepo.put("outrigger.sidecar.app-health-path", "ready");

		changed("outrigger.sidecar.app-health-path");

		assertThat(this.settings.get()).isSameAs(before);
	}

	@Test
	void keepsThePreviousSettingsWhenTheChangeDoesNotConvert() {
		SidecarProperties before = this.settings.get();
		this.configRepo.put("outrigger.sidecar.outbound.timeout", "soon");

		changed("outrigger.sidecar.outbound.timeout");

		assertThat(this.settings.get()).isSameAs(before);
	}

	@Test
	void appliesAValidChangeAfterAnInvalidOne() {
		this.configRepo.put("outrigger.sidecar.app-port", "0");
		changed("outrigger.sidecar.app-port");
		this.configRepo.put("outrigger.sidecar.app-port", "9090");

		changed("outrigger.sidecar.app-port");

		assertThat(this.settings.get().appPort()).isEqualTo(9090);
	}

	@Test
	void aDestinationOverridesOnlyWhatItSets() {
		this.configRepo.put("outrigger.sidecar.outbound.timeout", "2s");
		this.configRepo.put("outrigger.sidecar.outbound.retries.attempts", "3");
		this.configRepo.put("outrigger.sidecar.destinations.payments.timeout", "800ms");
		this.configRepo.put("outrigger.sidecar.destinations.payments.retries.backoff", "5ms");

		changed("outrigger.sidecar.destinations.payments.timeout");

		SidecarProperties.Outbound payments = this.settings.outbound("payments");
		assertThat(payments.timeout()).isEqualTo(Duration.ofMillis(800));
		assertThat(payments.retries().backoff()).isEqualTo(Duration.ofMillis(5));
		assertThat(payments.retries().attempts()).isEqualTo(3);
		assertThat(payments.retries().maxBackoff()).isEqualTo(Duration.ofMillis(250));
		SidecarProperties.Outbound catalog = this.settings.outbound("catalog");
		assertThat(catalog.timeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(catalog.retries().backoff()).isEqualTo(Duration.ofMillis(25));
	}

	@Test
	void anInvalidDestinationPolicyKeepsThatDestinationsPreviousPolicyOnly() {
		this.configRepo.put("outrigger.sidecar.destinations.payments.timeout", "800ms");
		changed("outrigger.sidecar.destinations.payments.timeout");
		this.configRepo.put("outrigger.sidecar.destinations.payments.timeout", "-1s");
		this.configRepo.put("outrigger.sidecar.app-health-path", "/ready");

		changed("outrigger.sidecar.destinations.payments.timeout", "outrigger.sidecar.app-health-path");

		assertThat(this.settings.outbound("payments").timeout()).isEqualTo(Duration.ofMillis(800));
		assertThat(this.settings.get().appHealthPath()).isEqualTo("/ready");
		assertThat(this.settings.refused()).containsOnlyKeys("payments");
	}

	@Test
	void trafficIsOffUnlessAPolicySaysOtherwise() {
		assertThat(this.settings.traffic("catalog").isOff()).isTrue();
		assertThat(this.settings.traffic("catalog")).isSameAs(TrafficRules.OFF);
	}

	@Test
	void aDestinationsTrafficBlockReplacesTheMeshWideBlockAsAWhole() {
		this.configRepo.put("outrigger.sidecar.outbound.fault.abort.percent", "5");
		this.configRepo.put("outrigger.sidecar.outbound.split.v1", "50");
		this.configRepo.put("outrigger.sidecar.outbound.split.v3", "50");
		this.configRepo.put("outrigger.sidecar.destinations.payments.split.v1", "90");
		this.configRepo.put("outrigger.sidecar.destinations.payments.split.v2", "10");
		this.configRepo.put("outrigger.sidecar.destinations.payments.match[0].header", "x-canary");
		this.configRepo.put("outrigger.sidecar.destinations.payments.match[0].version", "v2");

		changed("outrigger.sidecar.destinations.payments.split.v1");

		TrafficPolicy payments = this.settings.traffic("payments").policy();
		assertThat(payments.split()).containsOnly(Map.entry("v1", 90), Map.entry("v2", 10));
		assertThat(payments.match()).hasSize(1);
		assertThat(payments.fault().abort().percent()).isEqualTo(5);
		assertThat(this.settings.traffic("catalog").policy().split()).containsOnly(Map.entry("v1", 50),
				Map.entry("v3", 50));
	}

	@Test
	void anInvalidTrafficPolicyKeepsThePreviousSettings() {
		this.configRepo.put("outrigger.sidecar.destinations.payments.split.v1", "90");
		this.configRepo.put("outrigger.sidecar.destinations.payments.split.v2", "10");
		changed("outrigger.sidecar.destinations.payments.split.v1");
		this.configRepo.put("outrigger.sidecar.destinations.payments.split.v2", "0");

		changed("outrigger.sidecar.destinations.payments.split.v2");

		assertThat(this.settings.traffic("payments").policy().split()).containsEntry("v2", 10);
	}

	@Test
	void anInvalidDestinationPolicyAtStartIsRefusedWithTheReasonAndTheMeshWidePolicyApplies() {
		this.configRepo.put("outrigger.sidecar.destinations.payments.split.v1", "70");
		this.configRepo.put("outrigger.sidecar.destinations.payments.split.v2", "20");
		SidecarProperties initial = bind(Map.of("service", "orders", "app-port", "8081"));

		LiveSettings started = new LiveSettings(initial, this.environment);

		assertThat(started.traffic("payments").isOff()).isTrue();
		assertThat(started.refused()).containsOnlyKeys("payments");
		assertThat(started.refused().get("payments")).startsWith("outrigger.sidecar.destinations.payments")
			.contains("split weights must add up to 100, got ")
			.endsWith(" = 90");
	}

	@Test
	void aDestinationWhosePolicyNoLongerBindsKeepsItsPreviousPolicyAndTheOthersChange() {
		this.configRepo.put("outrigger.sidecar.destinations.payments.timeout", "1s");
		this.configRepo.put("outrigger.sidecar.destinations.catalog.timeout", "2s");
		changed("outrigger.sidecar.destinations.payments.timeout");
		this.configRepo.put("outrigger.sidecar.destinations.payments.timeout", "soon");
		this.configRepo.put("outrigger.sidecar.destinations.catalog.timeout", "3s");

		changed("outrigger.sidecar.destinations.payments.timeout", "outrigger.sidecar.destinations.catalog.timeout");

		assertThat(this.settings.outbound("payments").timeout()).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.settings.outbound("catalog").timeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(this.settings.refused()).containsOnlyKeys("payments");
		assertThat(this.settings.refused().get("payments")).contains("bad duration 'soon'");
	}

	@Test
	void theInboundRateLimitIsBoundAndChecked() {
		this.configRepo.put("outrigger.sidecar.inbound.rate-limit.per-second", "100");
		changed("outrigger.sidecar.inbound.rate-limit.per-second");
		assertThat(this.settings.get().inbound().rateLimit().effectiveBurst()).isEqualTo(100);

		this.configRepo.put("outrigger.sidecar.inbound.rate-limit.per-second", "-1");
		changed("outrigger.sidecar.inbound.rate-limit.per-second");
		assertThat(this.settings.get().inbound().rateLimit().perSecond()).isEqualTo(100);
	}

	private static SidecarProperties bind(Map<String, String> settings) {
		Map<String, String> prefixed = new HashMap<>();
		settings.forEach((key, value) -> prefixed.put("outrigger.sidecar." + key, value));
		return new Binder(new MapConfigurationPropertySource(prefixed)).bindOrCreate("outrigger.sidecar",
				SidecarProperties.class);
	}

	private void changed(String... keys) {
		this.settings.onApplicationEvent(new EnvironmentChangeEvent(Set.of(keys)));
	}

}
