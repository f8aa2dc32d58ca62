package dev.outrigger.core.policy;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;

/**
 * A property source through which one prefix answers for another: binding
 * {@code outrigger.sidecar.outbound} from a list that first holds a source redirected from
 * {@code outrigger.sidecar.destinations.catalog}, then the environment, merges the two key by
 * key, nested keys included, with the validation of the record bound.
 */
final class Layers {

	private Layers() {
	}

	/** A source that answers {@code target.x} with the value of {@code from.x} in {@code sources}, if set. */
	static ConfigurationPropertySource redirect(Iterable<ConfigurationPropertySource> sources, String from,
			String target) {
		return new Redirected(sources, ConfigurationPropertyName.of(from), ConfigurationPropertyName.of(target));
	}

	private record Redirected(Iterable<ConfigurationPropertySource> sources, ConfigurationPropertyName from,
			ConfigurationPropertyName target) implements ConfigurationPropertySource {

		@Override
		public ConfigurationProperty getConfigurationProperty(ConfigurationPropertyName name) {
			if (!this.target.isAncestorOf(name)) {
				return null;
			}
			String rest = name.subName(this.target.getNumberOfElements()).toString();
			ConfigurationPropertyName redirected = ConfigurationPropertyName
				.of(this.from + (rest.startsWith("[") ? "" : ".") + rest);
			for (ConfigurationPropertySource source : this.sources) {
				ConfigurationProperty property = source.getConfigurationProperty(redirected);
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
