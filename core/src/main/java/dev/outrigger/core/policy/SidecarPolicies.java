package dev.outrigger.core.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;

import dev.outrigger.core.traffic.TrafficPolicy;

/**
 * Everything a sidecar reads from {@code outrigger.sidecar}, bound at once: its
 * {@link SidecarProperties}, the mesh-wide traffic policy of {@code outbound}, and for each
 * destination service the outbound and traffic policy in force. Per key, a caller's
 * {@code destinations.<service>} wins over the service's own policy ({@code outrigger.services.<service>},
 * served from {@code <service>.yml}), which wins over the caller's {@code outbound}. Resilience keys
 * merge key by key; traffic blocks (split, match, fault, ...) replace each other whole, since a
 * split of v1/v2 merged with one of v1/v3 would make no sense. A destination whose policy does
 * not bind keeps its previous policy, and is listed in {@link #refused()}.
 *
 * @param properties the sidecar's settings
 * @param meshWideTraffic the traffic policy of {@code outbound}, for destinations with none of their own
 * @param outbound the outbound policy per destination that sets something of its own
 * @param traffic the traffic policy per destination that sets something of its own
 * @param refused per destination whose policy did not bind, why
 */
public record SidecarPolicies(SidecarProperties properties, TrafficPolicy meshWideTraffic,
		Map<String, SidecarProperties.Outbound> outbound, Map<String, TrafficPolicy> traffic,
		Map<String, String> refused) {

	/** The prefix of a sidecar's settings. */
	public static final String PREFIX = "outrigger.sidecar";

	/** The prefix of a service's own policy in its {@code <service>.yml}, for every caller of the service. */
	public static final String OWN = "outrigger.service";

	/** The prefix under which every member is served the services' own policies. */
	public static final String SERVICES = "outrigger.services";

	private static final String OUTBOUND = PREFIX + ".outbound";

	private static final String DESTINATIONS = PREFIX + ".destinations";

	public SidecarPolicies {
		outbound = Map.copyOf(outbound);
		traffic = Map.copyOf(traffic);
		refused = Map.copyOf(refused);
	}

	/**
	 * Binds the sidecar's settings.
	 * @param sources the configuration
	 * @param previous the settings in force, whose destinations are kept when theirs do not bind;
	 * {@code null} for none
	 * @param handler the bind handler ({@link BindHandler#DEFAULT} outside the validator)
	 * @return the settings
	 * @throws RuntimeException a bind exception or {@link IllegalArgumentException} when the
	 * sidecar's own settings or its mesh-wide {@code outbound} do not bind
	 */
	public static SidecarPolicies bind(Iterable<ConfigurationPropertySource> sources, SidecarPolicies previous,
			BindHandler handler) {
		SidecarProperties properties = new Binder(sources).bindOrCreate(PREFIX, Bindable.of(SidecarProperties.class),
				handler);
		return bind(properties, sources, previous, handler);
	}

	/**
	 * Binds the traffic policy and the destinations' policies of a sidecar whose own settings
	 * are already bound (at start, from its environment).
	 * @param properties the sidecar's settings
	 * @param sources the configuration
	 * @param previous the settings in force, or {@code null}
	 * @param handler the bind handler
	 * @return the settings
	 * @throws RuntimeException when the mesh-wide {@code outbound} traffic policy does not bind
	 */
	public static SidecarPolicies bind(SidecarProperties properties, Iterable<ConfigurationPropertySource> sources,
			SidecarPolicies previous, BindHandler handler) {
		TrafficPolicy meshWide = new Binder(sources).bindOrCreate(OUTBOUND, Bindable.of(TrafficPolicy.class), handler);
		Map<String, SidecarProperties.Outbound> outbound = new HashMap<>();
		Map<String, TrafficPolicy> traffic = new HashMap<>();
		Map<String, String> refused = new TreeMap<>();
		for (String destination : destinations(sources)) {
			try {
				ReadKeys read = new ReadKeys(handler);
				SidecarProperties.Outbound policy = bindOutbound(sources, destination, read);
				TrafficPolicy blocks = bindTraffic(sources, meshWide, destination, read);
				requireAllRead(sources, destination, read);
				traffic.put(destination, blocks);
				outbound.put(destination, policy);
			}
			catch (RuntimeException ex) {
				refused.put(destination, BindFailures.describe(ex));
				if (previous != null) {
					outbound.put(destination, previous.outbound(destination));
					traffic.put(destination, previous.traffic(destination));
				}
			}
		}
		return new SidecarPolicies(properties, meshWide, outbound, traffic, refused);
	}

	/** The outbound policy in force for calls to {@code destination}. */
	public SidecarProperties.Outbound outbound(String destination) {
		return this.outbound.getOrDefault(destination, this.properties.outbound());
	}

	/** The traffic policy in force for calls to {@code destination}. */
	public TrafficPolicy traffic(String destination) {
		return this.traffic.getOrDefault(destination, this.meshWideTraffic);
	}

	/**
	 * Names of the destinations with settings of their own, in the caller's
	 * {@code destinations} or as a service's own policy. Read from the property names, as a
	 * destination with traffic keys only binds no {@link SidecarProperties.Outbound}.
	 */
	public static Set<String> destinations(Iterable<ConfigurationPropertySource> sources) {
		Set<String> names = new TreeSet<>();
		for (String prefix : List.of(DESTINATIONS, SERVICES)) {
			ConfigurationPropertyName parent = ConfigurationPropertyName.of(prefix);
			int index = parent.getNumberOfElements();
			for (ConfigurationPropertySource source : sources) {
				if (source instanceof IterableConfigurationPropertySource iterable) {
					iterable.filter(parent::isAncestorOf)
						.forEach((name) -> names.add(name.getElement(index, ConfigurationPropertyName.Form.ORIGINAL)));
				}
			}
		}
		return names;
	}

	/**
	 * Binds the policy of one destination alone, to learn why it was refused.
	 * @throws RuntimeException the failure that refused it
	 */
	public static void bindDestination(Iterable<ConfigurationPropertySource> sources, String destination,
			BindHandler handler) {
		TrafficPolicy meshWide = new Binder(sources).bindOrCreate(OUTBOUND, Bindable.of(TrafficPolicy.class), handler);
		bindOutbound(sources, destination, handler);
		bindTraffic(sources, meshWide, destination, handler);
	}

	// A misspelt key of a destination would otherwise be ignored without a word.
	private static void requireAllRead(Iterable<ConfigurationPropertySource> sources, String destination,
			ReadKeys read) {
		List<String> unread = new ArrayList<>();
		for (String prefix : List.of(DESTINATIONS, SERVICES)) {
			ConfigurationPropertyName parent = ConfigurationPropertyName.of(prefix + "." + destination);
			for (ConfigurationPropertySource source : sources) {
				if (source instanceof IterableConfigurationPropertySource iterable) {
					iterable.filter(parent::isAncestorOf)
						.stream()
						.filter((name) -> !read.contains(name))
						.forEach((name) -> unread.add(name.toString()));
				}
			}
		}
		if (!unread.isEmpty()) {
			throw new IllegalArgumentException("unknown key" + ((unread.size() > 1) ? "s " : " ")
					+ String.join(", ", unread) + ": no policy reads " + ((unread.size() > 1) ? "them" : "it"));
		}
	}

	private static SidecarProperties.Outbound bindOutbound(Iterable<ConfigurationPropertySource> sources,
			String destination, BindHandler handler) {
		List<ConfigurationPropertySource> layered = new ArrayList<>();
		layered.add(Layers.redirect(sources, DESTINATIONS + "." + destination, OUTBOUND));
		layered.add(Layers.redirect(sources, SERVICES + "." + destination, OUTBOUND));
		sources.forEach(layered::add);
		return new Binder(layered).bindOrCreate(OUTBOUND, Bindable.of(SidecarProperties.Outbound.class), handler);
	}

	private static TrafficPolicy bindTraffic(Iterable<ConfigurationPropertySource> sources, TrafficPolicy meshWide,
			String destination, BindHandler handler) {
		TrafficPolicy service = TrafficBlocks.overlay(sources, SERVICES + "." + destination, meshWide, handler);
		return TrafficBlocks.overlay(sources, DESTINATIONS + "." + destination, service, handler);
	}

}
