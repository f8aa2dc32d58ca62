package dev.outrigger.sidecar.config;

import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;

import dev.outrigger.core.traffic.TrafficPolicy;

/**
 * Binds the traffic policy of each destination: each block (split, match, fault, mirror, ...)
 * that {@code outrigger.sidecar.destinations.<service>} sets replaces the mesh-wide block of
 * {@code outrigger.sidecar.outbound} as a whole. Unlike the resilience keys, blocks are not
 * merged key by key: a split of v1/v2 merged with a mesh-wide split of v1/v3 would make no sense.
 */
final class TrafficOverlay {

	private static final String OUTBOUND = "outrigger.sidecar.outbound";

	private static final ConfigurationPropertyName DESTINATIONS = ConfigurationPropertyName
		.of("outrigger.sidecar.destinations");

	private static final String[] BLOCKS = { "split", "match", "fault", "mirror", "rate-limit", "request-headers",
			"response-headers", "rewrite-path" };

	private TrafficOverlay() {
	}

	/**
	 * Names of the destinations with settings of their own. Read from the property names, as a
	 * destination with traffic keys only binds no {@link SidecarProperties.Outbound}.
	 */
	static Set<String> destinations(ConfigurableEnvironment environment) {
		Set<String> names = new TreeSet<>();
		int index = DESTINATIONS.getNumberOfElements();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.filter(DESTINATIONS::isAncestorOf)
					.forEach((name) -> names.add(name.getElement(index, ConfigurationPropertyName.Form.ORIGINAL)));
			}
		}
		return names;
	}

	/** The mesh-wide policy, for destinations that set none of their own. */
	static TrafficPolicy meshWide(ConfigurableEnvironment environment) {
		return Binder.get(environment).bindOrCreate(OUTBOUND, TrafficPolicy.class);
	}

	/**
	 * The policy of one destination over the mesh-wide one.
	 * @throws IllegalArgumentException or a bind exception if the destination's policy is invalid
	 */
	static TrafficPolicy bind(ConfigurableEnvironment environment, TrafficPolicy meshWide, String destination) {
		String prefix = "outrigger.sidecar.destinations." + destination;
		Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.get(environment);
		boolean[] own = new boolean[BLOCKS.length];
		boolean any = false;
		for (int i = 0; i < BLOCKS.length; i++) {
			own[i] = isSet(sources, ConfigurationPropertyName.of(prefix + "." + BLOCKS[i]));
			any |= own[i];
		}
		if (!any) {
			return meshWide;
		}
		TrafficPolicy specific = Binder.get(environment).bindOrCreate(prefix, TrafficPolicy.class);
		return new TrafficPolicy(own[0] ? specific.split() : meshWide.split(),
				own[1] ? specific.match() : meshWide.match(), own[2] ? specific.fault() : meshWide.fault(),
				own[3] ? specific.mirror() : meshWide.mirror(), own[4] ? specific.rateLimit() : meshWide.rateLimit(),
				own[5] ? specific.requestHeaders() : meshWide.requestHeaders(),
				own[6] ? specific.responseHeaders() : meshWide.responseHeaders(),
				own[7] ? specific.rewritePath() : meshWide.rewritePath());
	}

	private static boolean isSet(Iterable<ConfigurationPropertySource> sources, ConfigurationPropertyName name) {
		for (ConfigurationPropertySource source : sources) {
			if (source.getConfigurationProperty(name) != null
					|| source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
				return true;
			}
		}
		return false;
	}

}
