package dev.outrigger.sidecar.outbound;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;

import dev.outrigger.core.error.MeshError;

/**
 * Chooses an instance of a destination service with Spring Cloud LoadBalancer over the
 * registry, and says why when there is none.
 */
public final class InstanceChooser {

	private final LoadBalancerClientFactory loadBalancers;

	private final DiscoveryClient discovery;

	private final Predicate<String> registered;

	private final Set<String> seenServices = ConcurrentHashMap.newKeySet();

	// The factory looks the balancer up in the service's child context on every call; that
	// lookup costs more than the choice itself on the hot path.
	private final Map<String, ReactiveLoadBalancer<ServiceInstance>> balancers = new ConcurrentHashMap<>();

	/**
	 * Creates a chooser.
	 * @param loadBalancers the load balancer of each service
	 * @param discovery the registry's services that have healthy instances
	 * @param registered whether the registry holds an instance of a service, whatever its
	 * status (the discovery client shows only instances that are UP)
	 */
	public InstanceChooser(LoadBalancerClientFactory loadBalancers, DiscoveryClient discovery,
			Predicate<String> registered) {
		this.loadBalancers = loadBalancers;
		this.discovery = discovery;
		this.registered = registered;
	}

	/**
	 * Chooses an instance of {@code service}.
	 * @return the instance, or empty if none is registered and healthy
	 */
	public Mono<ServiceInstance> choose(String service) {
		// Only services the registry lists get a load balancer: an app asking for random names
		// must not create one load-balancer context per name. Once a service has one, the
		// registry scan is skipped: its load balancer answers empty when no instance is left.
		if (!this.seenServices.contains(service)) {
			if (!this.discovery.getServices().contains(service)) {
				return Mono.empty();
			}
			this.seenServices.add(service);
		}
		return Mono.from(this.balancers.computeIfAbsent(service, this.loadBalancers::getInstance).choose())
			.filter(Response::hasServer)
			.map(Response::getServer);
	}

	/** The error to answer when {@link #choose} found no instance. */
	public MeshError noInstance(String service) {
		boolean known = this.seenServices.contains(service) || this.registered.test(service);
		return known ? MeshError.noHealthyInstance(service) : MeshError.unknownService(service);
	}

}
