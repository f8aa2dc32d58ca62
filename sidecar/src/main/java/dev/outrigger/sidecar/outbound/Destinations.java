package dev.outrigger.sidecar.outbound;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.outrigger.sidecar.config.LiveSettings;
import dev.outrigger.core.policy.SidecarProperties;

/** The {@link Destination} of each service this sidecar's app calls, under the policy in force. */
final class Destinations {

	private final LiveSettings settings;

	private final Map<String, Destination> destinations = new ConcurrentHashMap<>();

	Destinations(LiveSettings settings) {
		this.settings = settings;
	}

	/** The destination of a registered service, with its current policy. */
	Destination get(String service) {
		SidecarProperties.Outbound policy = this.settings.outbound(service);
		Destination destination = this.destinations.get(service);
		if (destination != null && destination.policy() == policy) {
			return destination;
		}
		return this.destinations.compute(service,
				(name, existing) -> (existing != null) ? existing.withPolicy(policy) : Destination.create(name, policy));
	}

}
