package dev.outrigger.core.traffic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrafficRulesTests {

	@Test
	void rulesOfAnOffPolicyAreOff() {
		assertThat(TrafficRules.OFF.isOff()).isTrue();
		assertThat(new TrafficRules("catalog", TrafficPolicy.OFF, () -> 0.0).mirrorVersion()).isNull();
	}

	@Test
	void mirrorsTheConfiguredShare() {
		TrafficPolicy policy = new TrafficPolicy(null, null, null, new MirrorPolicy("v2", 10), null, null, null, null);
		assertThat(new TrafficRules("catalog", policy, () -> 0.05).mirrorVersion()).isEqualTo("v2");
		assertThat(new TrafficRules("catalog", policy, () -> 0.15).mirrorVersion()).isNull();
		assertThat(new TrafficRules("catalog", policy, () -> 0.15).isOff()).isFalse();
	}

	@Test
	void aRateLimitAloneLeavesTheRulesOff() {
		TrafficPolicy policy = new TrafficPolicy(null, null, null, null, new RateLimitPolicy(10.0, null, true), null,
				null, null);
		assertThat(new TrafficRules("catalog", policy, () -> 0.0).isOff()).isTrue();
		assertThat(policy.isOff()).isFalse();
	}

}
