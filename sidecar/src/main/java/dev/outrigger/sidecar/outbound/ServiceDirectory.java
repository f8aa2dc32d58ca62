package dev.outrigger.sidecar.outbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.netflix.appinfo.InstanceInfo;
import com.netflix.discovery.CacheRefreshedEvent;
import com.netflix.discovery.EurekaClient;
import com.netflix.discovery.EurekaEvent;
import com.netflix.discovery.EurekaEventListener;
import com.netflix.discovery.shared.Application;

import dev.outrigger.core.resilience.Endpoint;

/**
 * The instances of each service, read from the Eureka client's local copy of the registry
 * and kept as a ready list until the client fetches a new copy. While the registry is
 * unreachable the client keeps its last copy, and so does this directory: calls go on to the
 * last known instances for as long as the outage lasts.
 */
public final class ServiceDirectory implements EurekaEventListener {

	private final EurekaClient eureka;

	private final Map<String, List<Endpoint>> upInstances = new ConcurrentHashMap<>();

	public ServiceDirectory(EurekaClient eureka) {
		this.eureka = eureka;
		eureka.registerEventListener(this);
	}

	/** Instances of {@code service} that are UP, in the registry's order; empty if none. */
	public List<Endpoint> endpoints(String service) {
		List<Endpoint> endpoints = this.upInstances.get(service);
		if (endpoints == null) {
			endpoints = read(service);
			// Only registered services are kept, so random names asked by an app cost no memory.
			if (!endpoints.isEmpty() || isRegistered(service)) {
				this.upInstances.put(service, endpoints);
			}
		}
		return endpoints;
	}

	/** Whether the registry holds any instance of the service, whatever its status. */
	public boolean isRegistered(String service) {
		Application application = this.eureka.getApplication(service);
		return application != null && !application.getInstancesAsIsFromEureka().isEmpty();
	}

	@Override
	public void onEvent(EurekaEvent event) {
		if (event instanceof CacheRefreshedEvent) {
			this.upInstances.replaceAll((service, old) -> read(service));
		}
	}

	private List<Endpoint> read(String service) {
		Application application = this.eureka.getApplication(service);
		if (application == null) {
			return List.of();
		}
		List<Endpoint> endpoints = new ArrayList<>();
		for (InstanceInfo instance : application.getInstancesAsIsFromEureka()) {
			if (instance.getStatus() == InstanceInfo.InstanceStatus.UP) {
				endpoints.add(new Endpoint(instance.getInstanceId(), instance.getIPAddr(), instance.getPort(),
						instance.getMetadata().get("zone")));
			}
		}
		return List.copyOf(endpoints);
	}

}
