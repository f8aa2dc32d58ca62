package dev.outrigger.core.resilience;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The instances of one destination service as one caller sees them: picks an instance per
 * attempt and keeps each instance's {@link InstanceHealth}, ejecting outliers but never more
 * than the policy allows. When every candidate is ejected it ignores ejection rather than
 * refusing the request (Envoy's "panic mode").
 */
public final class InstancePool {

	private final Map<String, InstanceHealth> health = new ConcurrentHashMap<>();

	private final AtomicInteger next = new AtomicInteger();

	private volatile List<Endpoint> known = List.of();

	/** The health record of an instance, created on first use. */
	public InstanceHealth health(Endpoint endpoint) {
		return this.health.computeIfAbsent(endpoint.id(), (id) -> new InstanceHealth());
	}

	/**
	 * Picks an instance for the next attempt.
	 * @param endpoints the instances the registry lists as up
	 * @param tried ids of instances this request already failed on; avoided while others remain
	 * @param localZone zone of the caller: instances there are preferred; {@code null} for none
	 * @param strategy how to pick among the candidates
	 * @return the instance, or {@code null} if {@code endpoints} is empty or all were tried
	 */
	public Endpoint choose(List<Endpoint> endpoints, Set<String> tried, String localZone, LoadBalancing strategy) {
		forgetDeparted(endpoints);
		if (endpoints.isEmpty()) {
			return null;
		}
		long now = System.nanoTime();
		List<Endpoint> candidates = new ArrayList<>(endpoints.size());
		List<Endpoint> available = new ArrayList<>(endpoints.size());
		for (Endpoint endpoint : endpoints) {
			if (tried.contains(endpoint.id())) {
				continue;
			}
			candidates.add(endpoint);
			if (!health(endpoint).isEjected(now)) {
				available.add(endpoint);
			}
		}
		if (candidates.isEmpty()) {
			return null;
		}
		List<Endpoint> pool = available.isEmpty() ? candidates : available;
		if (localZone != null) {
			List<Endpoint> zoned = new ArrayList<>(pool.size());
			for (Endpoint endpoint : pool) {
				if (localZone.equals(endpoint.zone())) {
					zoned.add(endpoint);
				}
			}
			if (!zoned.isEmpty()) {
				pool = zoned;
			}
		}
		if (pool.size() == 1) {
			return pool.get(0);
		}
		if (strategy == LoadBalancing.ROUND_ROBIN) {
			return pool.get(Math.floorMod(this.next.getAndIncrement(), pool.size()));
		}
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int first = random.nextInt(pool.size());
		int second = random.nextInt(pool.size() - 1);
		if (second >= first) {
			second++;
		}
		Endpoint a = pool.get(first);
		Endpoint b = pool.get(second);
		return (health(b).cost(now) < health(a).cost(now)) ? b : a;
	}

	/**
	 * Settles a failed attempt, ejecting the instance if it became an outlier and the pool
	 * allows one more ejection.
	 * @param attempt the attempt, from {@link InstanceHealth#attempt()}; nothing happens if it
	 * was settled already
	 * @return whether the instance was ejected by this failure
	 */
	public boolean failed(InstanceHealth.Attempt attempt, Endpoint endpoint, List<Endpoint> endpoints,
			boolean connectFailure, OutlierPolicy policy) {
		if (!attempt.settle()) {
			return false;
		}
		long now = System.nanoTime();
		int ejected = 0;
		for (Endpoint other : endpoints) {
			if (!other.id().equals(endpoint.id()) && health(other).isEjected(now)) {
				ejected++;
			}
		}
		boolean mayEject = ejected < policy.maxEjected(endpoints.size());
		return attempt.health().failed(attempt.elapsed(), connectFailure, now, policy, mayEject);
	}

	/** Ids of the instances ejected now. */
	public Set<String> ejected() {
		long now = System.nanoTime();
		Set<String> ids = new TreeSet<>();
		this.health.forEach((id, record) -> {
			if (record.isEjected(now)) {
				ids.add(id);
			}
		});
		return ids;
	}

	/** Forgets instances that left the registry, keeping the records of the others. */
	public void retain(Set<String> ids) {
		this.health.keySet().retainAll(ids);
	}

	/**
	 * An instance that left the registry's list (DOWN, stopped) comes back with a clean
	 * record: its earlier failures and ejections were the registry's business meanwhile.
	 */
	private void forgetDeparted(List<Endpoint> endpoints) {
		List<Endpoint> previous = this.known;
		if (endpoints == previous || endpoints.equals(previous)) {
			return;
		}
		Set<String> ids = new HashSet<>();
		for (Endpoint endpoint : endpoints) {
			ids.add(endpoint.id());
		}
		retain(ids);
		this.known = endpoints;
	}

}
