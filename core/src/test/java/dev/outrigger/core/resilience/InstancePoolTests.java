package dev.outrigger.core.resilience;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InstancePoolTests {

	private static final OutlierPolicy POLICY = new OutlierPolicy(3, Duration.ofSeconds(10), Duration.ofMinutes(1),
			50);

	private static final long MS = 1_000_000L;

	private final InstancePool pool = new InstancePool();

	private final Endpoint a = new Endpoint("a", "10.0.0.1", 80, "z1");

	private final Endpoint b = new Endpoint("b", "10.0.0.2", 80, "z1");

	private final Endpoint c = new Endpoint("c", "10.0.0.3", 80, "z2");

	private final List<Endpoint> all = List.of(this.a, this.b, this.c);

	@Test
	void roundRobinTakesEachInTurn() {
		Map<String, Integer> counts = choose(300, LoadBalancing.ROUND_ROBIN, null);
		assertThat(counts).containsEntry("a", 100).containsEntry("b", 100).containsEntry("c", 100);
	}

	@Test
	void leastLoadedSendsLessToASlowInstance() {
		warm(this.a, 1);
		warm(this.b, 1);
		warm(this.c, 50);
		Map<String, Integer> counts = choose(3000, LoadBalancing.LEAST_LOADED, null);
		assertThat(counts.getOrDefault("c", 0)).isLessThan(counts.get("a") / 5);
	}

	@Test
	void leastLoadedAvoidsAnInstanceWithManyRequestsInFlight() {
		warm(this.a, 5);
		warm(this.b, 5);
		for (int i = 0; i < 20; i++) {
			this.pool.health(this.a).begin();
		}
		Map<String, Integer> counts = choose(1000, LoadBalancing.LEAST_LOADED, null, List.of(this.a, this.b));
		assertThat(counts.get("b")).isEqualTo(1000);
	}

	@Test
	void anIdleInstanceLooksCheaperWithTimeSoItIsTriedAgain() {
		InstanceHealth slow = new InstanceHealth();
		slow.begin();
		slow.succeeded(100 * MS, 0);

		assertThat(slow.cost(0)).isEqualTo(100.0 * MS);
		assertThat(slow.cost(3_000 * MS)).isCloseTo(100.0 * MS / Math.E, org.assertj.core.data.Offset.offset(1.0));
		assertThat(slow.cost(15_000 * MS)).isLessThan(MS);
	}

	@Test
	void localZoneIsPreferredWhileItHasInstances() {
		assertThat(choose(100, LoadBalancing.ROUND_ROBIN, "z2")).containsOnlyKeys("c");
		assertThat(choose(100, LoadBalancing.ROUND_ROBIN, "elsewhere")).containsOnlyKeys("a", "b", "c");
	}

	@Test
	void triedInstancesAreAvoidedAndNoneLeftMeansNull() {
		assertThat(this.pool.choose(this.all, Set.of("a", "b"), null, LoadBalancing.LEAST_LOADED)).isEqualTo(this.c);
		assertThat(this.pool.choose(this.all, Set.of("a", "b", "c"), null, LoadBalancing.LEAST_LOADED)).isNull();
		assertThat(this.pool.choose(List.of(), Set.of(), null, LoadBalancing.LEAST_LOADED)).isNull();
	}

	@Test
	void consecutiveFailuresEjectAnInstance() {
		fail(this.a, false);
		fail(this.a, false);
		assertThat(this.pool.ejected()).isEmpty();
		assertThat(fail(this.a, false)).isTrue();
		assertThat(this.pool.ejected()).containsExactly("a");
		assertThat(choose(100, LoadBalancing.ROUND_ROBIN, null)).doesNotContainKey("a");
	}

	@Test
	void aSuccessResetsTheFailureCount() {
		fail(this.a, false);
		fail(this.a, false);
		this.pool.health(this.a).begin();
		this.pool.health(this.a).succeeded(MS, System.nanoTime());
		fail(this.a, false);
		fail(this.a, false);
		assertThat(this.pool.ejected()).isEmpty();
	}

	@Test
	void aRefusedConnectionEjectsAtOnce() {
		assertThat(fail(this.b, true)).isTrue();
		assertThat(this.pool.ejected()).containsExactly("b");
	}

	@Test
	void neverMoreThanHalfAreEjected() {
		assertThat(fail(this.a, true)).isTrue();
		assertThat(fail(this.b, true)).isFalse();
		assertThat(fail(this.c, true)).isFalse();
		assertThat(this.pool.ejected()).containsExactly("a");
	}

	@Test
	void withEveryCandidateEjectedItStillChoosesOne() {
		List<Endpoint> one = List.of(this.a);
		this.pool.failed(this.pool.health(this.a).attempt(), this.a, one, true, POLICY);
		assertThat(this.pool.ejected()).containsExactly("a");
		assertThat(this.pool.choose(one, Set.of(), null, LoadBalancing.LEAST_LOADED)).isEqualTo(this.a);
	}

	@Test
	void ejectionExpiresAndARepeatedEjectionLastsLonger() {
		InstanceHealth health = new InstanceHealth();
		long now = 0;
		health.begin();
		assertThat(health.failed(MS, true, now, POLICY, true)).isTrue();
		assertThat(health.isEjected(now + 9_999 * MS)).isTrue();
		assertThat(health.isEjected(now + 10_001 * MS)).isFalse();
		// On probation: one more failure ejects it again, for twice as long.
		now += 10_001 * MS;
		health.begin();
		assertThat(health.failed(MS, false, now, POLICY, true)).isTrue();
		assertThat(health.isEjected(now + 19_999 * MS)).isTrue();
		assertThat(health.isEjected(now + 20_001 * MS)).isFalse();
		assertThat(health.ejections()).isEqualTo(2);
	}

	@Test
	void aSuccessAfterEjectionEndsProbation() {
		InstanceHealth health = new InstanceHealth();
		health.begin();
		health.failed(MS, true, 0, POLICY, true);
		long later = 10_001 * MS;
		health.begin();
		health.succeeded(MS, later);
		health.begin();
		assertThat(health.failed(MS, false, later, POLICY, true)).isFalse();
	}

	@Test
	void anInstanceThatLeftTheListComesBackWithACleanRecord() {
		fail(this.a, true);
		assertThat(this.pool.ejected()).containsExactly("a");

		this.pool.choose(List.of(this.b, this.c), Set.of(), null, LoadBalancing.ROUND_ROBIN);
		Map<String, Integer> counts = choose(300, LoadBalancing.ROUND_ROBIN, null);

		assertThat(this.pool.ejected()).isEmpty();
		assertThat(counts).containsEntry("a", 100);
	}

	@Test
	void anAttemptIsSettledOnceSoACancelAfterAnAnswerCountsNothing() {
		InstanceHealth health = this.pool.health(this.a);
		InstanceHealth.Attempt attempt = health.attempt();
		assertThat(health.outstanding()).isEqualTo(1);

		attempt.succeeded();
		attempt.abandoned();
		assertThat(this.pool.failed(attempt, this.a, this.all, true, POLICY)).isFalse();

		assertThat(health.outstanding()).isZero();
		assertThat(this.pool.ejected()).isEmpty();
	}

	@Test
	void repeatedFailuresDoNotMakeAnInstanceLookSlowForever() {
		for (int i = 0; i < 50; i++) {
			fail(this.a, false);
		}
		InstanceHealth health = this.pool.health(this.a);

		assertThat(health.cost(System.nanoTime())).isLessThanOrEqualTo(100.0 * MS);
	}

	@Test
	void forgottenInstancesLoseTheirRecord() {
		fail(this.a, true);
		this.pool.retain(Set.of("b", "c"));
		assertThat(this.pool.ejected()).isEmpty();
	}

	private void warm(Endpoint endpoint, long latencyMillis) {
		for (int i = 0; i < 5; i++) {
			InstanceHealth health = this.pool.health(endpoint);
			health.begin();
			health.succeeded(latencyMillis * MS, System.nanoTime());
		}
	}

	private boolean fail(Endpoint endpoint, boolean connectFailure) {
		return this.pool.failed(this.pool.health(endpoint).attempt(), endpoint, this.all, connectFailure, POLICY);
	}

	private Map<String, Integer> choose(int times, LoadBalancing strategy, String zone) {
		return choose(times, strategy, zone, this.all);
	}

	private Map<String, Integer> choose(int times, LoadBalancing strategy, String zone, List<Endpoint> endpoints) {
		Map<String, Integer> counts = new HashMap<>();
		for (int i = 0; i < times; i++) {
			counts.merge(this.pool.choose(endpoints, Set.of(), zone, strategy).id(), 1, Integer::sum);
		}
		return counts;
	}

}
