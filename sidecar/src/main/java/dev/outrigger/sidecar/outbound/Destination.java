package dev.outrigger.sidecar.outbound;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import dev.outrigger.core.resilience.InstancePool;
import dev.outrigger.core.resilience.RetryBudget;
import dev.outrigger.core.policy.SidecarProperties;

/**
 * What this sidecar keeps per destination service: its instances' health (one pool for calls
 * to any version, one per version a traffic policy routes to), the retry budget, the circuit
 * breaker and the calls in flight. The breaker and the budget follow the policy: when the
 * policy changes, they are created anew; instance health is kept.
 */
final class Destination {

	private final String service;

	private final InstancePool pool;

	private final Map<String, InstancePool> versionPools;

	private final AtomicInteger inflight;

	private final SidecarProperties.Outbound policy;

	private final RetryBudget budget;

	private final CircuitBreaker breaker;

	private Destination(String service, SidecarProperties.Outbound policy, InstancePool pool,
			Map<String, InstancePool> versionPools, AtomicInteger inflight) {
		this.service = service;
		this.policy = policy;
		this.pool = pool;
		this.versionPools = versionPools;
		this.inflight = inflight;
		this.budget = policy.retries().newBudget();
		this.breaker = policy.circuitBreaker().enabled() ? breaker(service, policy.circuitBreaker()) : null;
	}

	static Destination create(String service, SidecarProperties.Outbound policy) {
		return new Destination(service, policy, new InstancePool(), new ConcurrentHashMap<>(), new AtomicInteger());
	}

	/** This destination under a new policy, keeping instance health and calls in flight. */
	Destination withPolicy(SidecarProperties.Outbound newPolicy) {
		return newPolicy.equals(this.policy) ? this
				: new Destination(this.service, newPolicy, this.pool, this.versionPools, this.inflight);
	}

	String service() {
		return this.service;
	}

	SidecarProperties.Outbound policy() {
		return this.policy;
	}

	/**
	 * The instances of one version, or of all when {@code version} is {@code null}. Each
	 * version has a pool of its own, as a pool forgets the instances missing from the list it
	 * is given.
	 */
	InstancePool pool(String version) {
		return (version != null) ? this.versionPools.computeIfAbsent(version, (v) -> new InstancePool()) : this.pool;
	}

	RetryBudget budget() {
		return this.budget;
	}

	/** The breaker, or {@code null} when the policy turns it off. */
	CircuitBreaker breaker() {
		return this.breaker;
	}

	/**
	 * Takes a slot for a call.
	 * @return whether the call may go on; if so, {@link #release()} must follow
	 */
	boolean tryAcquire() {
		if (this.inflight.incrementAndGet() > this.policy.concurrencyLimit()) {
			this.inflight.decrementAndGet();
			return false;
		}
		return true;
	}

	void release() {
		this.inflight.decrementAndGet();
	}

	private static CircuitBreaker breaker(String service, SidecarProperties.CircuitBreaker settings) {
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(settings.slidingWindow())
			.minimumNumberOfCalls(settings.minimumCalls())
			.failureRateThreshold(settings.failureRateThreshold())
			.waitDurationInOpenState(settings.openFor())
			.permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
			// Half open on the first call after the open time: no timer thread per breaker.
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.writableStackTraceEnabled(false)
			.build();
		return CircuitBreaker.of(service, config);
	}

	@Override
	public String toString() {
		return "Destination[" + this.service + ", " + this.policy + "]";
	}

}
