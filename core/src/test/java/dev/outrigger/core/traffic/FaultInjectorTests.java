package dev.outrigger.core.traffic;

import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static dev.outrigger.core.traffic.VersionSelectorTests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FaultInjectorTests {

	private static final TrafficRequest PLAIN = request(Map.of(), Map.of());

	@Test
	void abortsAboutTheConfiguredShare() {
		FaultInjector injector = new FaultInjector(new FaultPolicy(null, new FaultPolicy.Abort(50, 503), null),
				new SplittableRandom(7)::nextDouble);
		int aborted = 0;
		for (int i = 0; i < 10_000; i++) {
			Fault fault = injector.decide(PLAIN);
			assertThat(fault.delays()).isFalse();
			if (fault.aborts()) {
				assertThat(fault.abortStatus()).isEqualTo(503);
				aborted++;
			}
		}
		assertThat(aborted / 100.0).isCloseTo(50.0, within(2.0));
	}

	@Test
	void delayAndAbortAreDrawnIndependently() {
		FaultInjector injector = new FaultInjector(new FaultPolicy(new FaultPolicy.Delay(100, Duration.ofMillis(200)),
				new FaultPolicy.Abort(100, 500), null), () -> 0.3);
		Fault fault = injector.decide(PLAIN);
		assertThat(fault.delay()).isEqualTo(Duration.ofMillis(200));
		assertThat(fault.abortStatus()).isEqualTo(500);
	}

	@Test
	void whenLimitsTheFaultToMatchingRequests() {
		FaultInjector injector = new FaultInjector(
				new FaultPolicy(null, new FaultPolicy.Abort(100, 503), new FaultPolicy.When("x-chaos", "on", null)),
				() -> 0.0);
		assertThat(injector.decide(PLAIN)).isSameAs(Fault.NONE);
		assertThat(injector.decide(request(Map.of("x-chaos", "off"), Map.of()))).isSameAs(Fault.NONE);
		assertThat(injector.decide(request(Map.of("x-chaos", "on"), Map.of())).aborts()).isTrue();
	}

	@Test
	void offPolicyNeverDraws() {
		FaultInjector injector = new FaultInjector(FaultPolicy.OFF, () -> {
			throw new AssertionError("no draw expected");
		});
		assertThat(injector.isOff()).isTrue();
		assertThat(injector.decide(PLAIN)).isSameAs(Fault.NONE);
	}

}
