package dev.outrigger.core.traffic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VersionSelectorTests {

	private static final Predicate<String> ALL_REGISTERED = (version) -> true;

	private final Map<String, Integer> split = new LinkedHashMap<>();

	VersionSelectorTests() {
		this.split.put("v1", 90);
		this.split.put("v2", 10);
	}

	@Test
	void split90To10HoldsOverTenThousandSeededDraws() {
		VersionSelector selector = new VersionSelector("catalog", this.split, List.of(),
				new SplittableRandom(42)::nextDouble);
		int v2 = 0;
		for (int i = 0; i < 10_000; i++) {
			if ("v2".equals(selector.select(request(Map.of(), Map.of()), ALL_REGISTERED))) {
				v2++;
			}
		}
		System.out.println("split 90/10 over 10000 seeded draws: v2 got " + v2 / 100.0 + " %");
		assertThat(v2 / 100.0).isCloseTo(10.0, within(1.0));
	}

	@Test
	void matchOverridesSplit() {
		VersionSelector selector = new VersionSelector("catalog", Map.of("v1", 100),
				List.of(new MatchRule("x-canary", null, "true", null, "v2")), () -> 0.0);
		assertThat(selector.select(request(Map.of("x-canary", "true"), Map.of()), ALL_REGISTERED)).isEqualTo("v2");
		assertThat(selector.select(request(Map.of("x-canary", "false"), Map.of()), ALL_REGISTERED)).isEqualTo("v1");
	}

	@Test
	void firstMatchWins() {
		VersionSelector selector = new VersionSelector("catalog", Map.of(),
				List.of(new MatchRule(null, "canary", null, "^(1|yes)$", "v3"),
						new MatchRule("x-canary", null, null, null, "v2")),
				() -> 0.0);
		TrafficRequest both = request(Map.of("x-canary", "anything"), Map.of("canary", "yes"));
		assertThat(selector.select(both, ALL_REGISTERED)).isEqualTo("v3");
		assertThat(selector.select(request(Map.of("x-canary", ""), Map.of("canary", "no")), ALL_REGISTERED))
			.isEqualTo("v2");
		assertThat(selector.select(request(Map.of(), Map.of()), ALL_REGISTERED)).isNull();
	}

	@Test
	void matchedVersionIsChosenEvenWithoutRegisteredInstance() {
		VersionSelector selector = new VersionSelector("catalog", Map.of(),
				List.of(new MatchRule("x-canary", null, null, null, "v2")), () -> 0.0);
		assertThat(selector.select(request(Map.of("x-canary", "1"), Map.of()), (version) -> false)).isEqualTo("v2");
	}

	@Test
	void weightOfVersionWithoutRegisteredInstanceGoesToTheOthers() {
		VersionSelector selector = new VersionSelector("catalog", this.split, List.of(), () -> 0.95);
		assertThat(selector.select(request(Map.of(), Map.of()), "v1"::equals)).isEqualTo("v1");
		assertThat(selector.select(request(Map.of(), Map.of()), ALL_REGISTERED)).isEqualTo("v2");
	}

	@Test
	void noSplitVersionRegisteredMeansAnyInstance() {
		VersionSelector selector = new VersionSelector("catalog", this.split, List.of(), () -> 0.5);
		assertThat(selector.select(request(Map.of(), Map.of()), (version) -> false)).isNull();
	}

	@Test
	void noRulesIsOff() {
		assertThat(new VersionSelector("catalog", Map.of(), List.of(), () -> 0.5).isOff()).isTrue();
	}

	static TrafficRequest request(Map<String, String> headers, Map<String, String> cookies) {
		return new TrafficRequest() {

			@Override
			public String header(String name) {
				return headers.get(name);
			}

			@Override
			public String cookie(String name) {
				return cookies.get(name);
			}

		};
	}

}
