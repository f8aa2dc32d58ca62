package dev.outrigger.gateway.resilience;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.netflix.discovery.EurekaClient;
import com.netflix.discovery.shared.Application;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import dev.outrigger.core.resilience.Endpoint;

/**
 * The instances of a service as the registry lists them: those that take traffic, and the
 * versions registered at all, whatever their status.
 */
public final class ServiceEndpoints {

	/** Instance metadata key of the version a traffic split or match rule chooses by. */
	public static final String VERSION = "version";

	private final DiscoveryClient discovery;

	private final ObjectProvider<EurekaClient> eureka;

	public ServiceEndpoints(DiscoveryClient discovery, ObjectProvider<EurekaClient> eureka) {
		this.discovery = discovery;
		this.eureka = eureka;
	}

	/** The instances of {@code service} that take traffic now. */
	public List<Endpoint> up(String service) {
		List<ServiceInstance> instances = this.discovery.getInstances(service);
		List<Endpoint> endpoints = new ArrayList<>(instances.size());
		for (ServiceInstance instance : instances) {
			String id = (instance.getInstanceId() != null) ? instance.getInstanceId()
					: instance.getHost() + ":" + instance.getPort();
			endpoints.add(new Endpoint(id, instance.getHost(), instance.getPort(), instance.getMetadata().get("zone"),
					instance.getMetadata().get(VERSION)));
		}
		return endpoints;
	}

	/**
	 * The versions of {@code service} with at least one registered instance, up or not: with
	 * Eureka, a canary that is down still counts, so that its share answers 503 rather than
	 * silently going to the other versions.
	 */
	public Set<String> registeredVersions(String service) {
		Set<String> versions = new HashSet<>();
		EurekaClient client = this.eureka.getIfAvailable();
		Application application = (client != null) ? client.getApplication(service) : null;
		if (application != null) {
			application.getInstancesAsIsFromEureka()
				.forEach((instance) -> versions.add(instance.getMetadata().get(VERSION)));
		}
		up(service).forEach((endpoint) -> versions.add(endpoint.version()));
		versions.remove(null);
		return versions;
	}

}
