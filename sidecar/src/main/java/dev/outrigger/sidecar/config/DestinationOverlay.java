package dev.outrigger.sidecar.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Binds the outbound policy of each destination: what {@code outrigger.sidecar.destinations.<service>}
 * sets, and for everything else the mesh-wide {@code outrigger.sidecar.outbound}. Binding the
 * mesh-wide prefix through a property source that first answers from the destination's prefix
 * merges the two key by key, nested keys included, with the same validation as the defaults.
 */
final class DestinationOverlay {

	private static final ConfigurationPropertyName OUTBOUND = ConfigurationPropertyName.of("outrigger.sidecar.outbound");

	private DestinationOverlay() {
	}

	/**
	 * The effective outbound policy of each destination named in {@code destinations}.
	 * @throws IllegalArgumentException or a bind exception if a destination's policy is invalid
	 */
	static Map<String, SidecarProperties.Outbound> bind(ConfigurableEnvironment environment,
			Iterable<String> destinations) {
		Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.get(environment);
		Map<String, SidecarProperties.Outbound> policies = new HashMap<>();
		for (String destination : destinations) {
			ConfigurationPropertyName prefix = ConfigurationPropertyName
				.of("outrigger.sidecar.destinations." + destination);
			List<ConfigurationPropertySource> layered = new ArrayList<>();
			layered.add(new Redirected(sources, prefix));
			sources.forEach(layered::add);
			policies.put(destination,
					new Binder(layered).bindOrCreate(OUTBOUND.toString(), SidecarProperties.Outbound.class));
		}
		return Map.copyOf(policies);
	}

	/** Answers {@code outrigger.sidecar.outbound.x} with the value of {@code <prefix>.x}, if set. */
	private record Redirected(Iterable<ConfigurationPropertySource> sources,
			ConfigurationPropertyName prefix) implements ConfigurationPropertySource {

		@Override
		public ConfigurationProperty getConfigurationProperty(ConfigurationPropertyName name) {
			if (!OUTBOUND.isAncestorOf(name)) {
				return null;
			}
			ConfigurationPropertyName target = ConfigurationPropertyName
				.of(this.prefix + "." + name.subName(OUTBOUND.getNumberOfElements()));
			for (ConfigurationPropertySource source : this.sources) {
				ConfigurationProperty property = source.getConfigurationProperty(target);
				if (property != null) {
					return property;
				}
			}
			return null;
		}

		@Override
		public ConfigurationPropertyState containsDescendantOf(ConfigurationPropertyName name) {
			return ConfigurationPropertyState.UNKNOWN;
		}

	}

}
