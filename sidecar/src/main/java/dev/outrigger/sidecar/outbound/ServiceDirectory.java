package dev.outrigger.sidecar.outbound;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * and kept as ready lists (all UP instances, and those of each version) until the client
 * fetches a new copy. While the registry is unreachable the client keeps its last copy, and
 * so does this directory: calls go on to the last known instances for as long as the outage
 * lasts.
 */
public final class ServiceDirectory implements EurekaEventListener {

	/** Instance metadata key that holds an instance's version. */
	public static final String VERSION_METADATA = "version";

	private static final Instances NONE = new Instances(List.of(), Map.of(), Set.of());

	private final EurekaClient eureka;

	private final Map<String, Instances> instances = new ConcurrentHashMap<>();

	public ServiceDirectory(EurekaClient eureka) {
		this.eureka = eureka;
		eureka.registerEventListener(this);
	}

	/** Instances of {@code service} that are UP, in the registry's order; empty if none. */
	public List<Endpoint> endpoints(String service) {
		return instances(service).up();
	}

	/**
	 * Instances of one version of {@code service} that are UP.
	 * @param version the version, or {@code null} for every version
	 */
	public List<Endpoint> endpoints(String service, String version) {
		Instances known = instances(service);
		return (version != null) ? known.upByVersion().getOrDefault(version, List.of()) : known.up();
	}

	/** Whether the registry holds an instance of this version of the service, whatever its status. */
	public boolean hasVersion(String service, String version) {
		return instances(service).registeredVersions().contains(version);
	}

	/** Whether the registry holds any instance of the service, whatever its status. */
	public boolean isRegistered(String service) {
		Application application = this.eureka.getApplication(service);
		return application != null && !application.getInstancesAsIsFromEureka().isEmpty();
	}

	@Override
	public void onEvent(EurekaEvent event) {
		if (event instanceof CacheRefreshedEvent) {
			this.instances.replaceAll((service, old) -> read(service));
		}
	}

	private Instances instances(String service) {
		Instances known = this.instances.get(service);
		if (known == null) {
			known = read(service);
			// Only registered services are kept, so random names asked by an app cost no memory.
			if (!known.up().isEmpty() || isRegistered(service)) {
				this.instances.put(service, known);
			}
		}
		return known;
	}

	private Instances read(String service) {
		Application application = this.eureka.getApplication(service);
		if (application == null) {
			return NONE;
		}
		List<Endpoint> up = new ArrayList<>();
		Map<String, List<Endpoint>> upByVersion = new HashMap<>();
		Set<String> versions = new HashSet<>();
		for (InstanceInfo instance : application.getInstancesAsIsFromEureka()) {
			String version = instance.getMetadata().get(VERSION_METADATA);
			if (version != null) {
				versions.add(version);
			}
			if (instance.getStatus() == InstanceInfo.InstanceStatus.UP) {
				Endpoint endpoint = new Endpoint(instance.getInstanceId(), instance.getIPAddr(), instance.getPort(),
						instance.getMetadata().get("zone"), version);
				up.add(endpoint);
				if (version != null) {
					upByVersion.computeIfAbsent(version, (v) -> new ArrayList<>()).add(endpoint);
				}
			}
		}
		upByVersion.replaceAll((version, endpoints) -> List.copyOf(endpoints));
		return new Instances(List.copyOf(up), Map.copyOf(upByVersion), Set.copyOf(versions));
	}

	/** What the registry says of one service. */
	private record Instances(List<Endpoint> up, Map<String, List<Endpoint>> upByVersion,
			Set<String> registeredVersions) {
	}

}
