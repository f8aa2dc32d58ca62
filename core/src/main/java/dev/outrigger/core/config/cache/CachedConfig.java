package dev.outrigger.core.config.cache;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.boot.context.config.ConfigData;
import org.springframework.boot.context.config.ConfigData.Option;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.cloud.config.client.ConfigServerConfigDataLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * One application's config as the config server served it: its property sources in precedence
 * order, with the version and state the server reported.
 *
 * @param identity what was asked of which server
 * @param version the commit id, or {@code null}
 * @param state the backend state, or {@code null}
 * @param servedAt when the server served it
 * @param sources the property sources, highest precedence first
 */
record CachedConfig(Identity identity, String version, String state, Instant servedAt, List<Source> sources) {

	private static final String VERSION_KEY = "config.client.version";

	private static final String STATE_KEY = "config.client.state";

	CachedConfig {
		Objects.requireNonNull(identity, "identity");
		Objects.requireNonNull(servedAt, "servedAt");
		sources = List.copyOf(sources);
	}

	/** Whether {@code data} is a config server answer (and not an optional import it left empty). */
	static boolean isServed(ConfigData data) {
		return data != null && data.getPropertySources()
			.stream()
			.anyMatch((source) -> isClientSource(source.getName()));
	}

	/**
	 * Captures a config server answer. The client's own {@code configClient} source is not kept:
	 * it says that the server answered, which a cached config must not claim.
	 */
	static CachedConfig of(Identity identity, ConfigData data, Instant servedAt) {
		String version = null;
		String state = null;
		List<Source> sources = new ArrayList<>();
		for (PropertySource<?> source : data.getPropertySources()) {
			if (isClientSource(source.getName())) {
				version = text(source.getProperty(VERSION_KEY));
				state = text(source.getProperty(STATE_KEY));
			}
			else {
				sources.add(Source.of(source, data.getOptions(source)));
			}
		}
		return new CachedConfig(identity, version, state, servedAt, sources);
	}

	/** The cached sources as config data, with the options the config client gave them. */
	ConfigData toConfigData() {
		Map<PropertySource<?>, ConfigData.Options> options = new LinkedHashMap<>();
		for (Source source : this.sources) {
			options.put(new MapPropertySource(source.name(), new LinkedHashMap<>(source.properties())),
					ConfigData.Options.of(source.options().toArray(Option[]::new)));
		}
		return new ConfigData(options.keySet(), options::get);
	}

	private static boolean isClientSource(String name) {
		return ConfigServerConfigDataLoader.CONFIG_CLIENT_PROPERTYSOURCE_NAME.equals(name);
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : null;
	}

	/**
	 * What the config was asked for: the cache is only used for the same application, profiles
	 * and label from the same config server.
	 *
	 * @param application the application name asked for
	 * @param profiles the profiles asked for, comma-separated
	 * @param label the label asked for, or {@code null} for the server's default
	 * @param server the config server URI (or URIs, comma-separated)
	 */
	record Identity(String application, String profiles, String label, String server) {

		Identity {
			Objects.requireNonNull(application, "application");
			Objects.requireNonNull(profiles, "profiles");
			Objects.requireNonNull(server, "server");
		}

		/** {@code <application>.json} for the default profile, else {@code <application>-<profiles>.json}. */
		String fileName() {
			String name = ("default".equals(this.profiles) || this.profiles.isEmpty()) ? this.application
					: this.application + "-" + this.profiles;
			return name.replaceAll("[^A-Za-z0-9._,-]", "_") + ".json";
		}

		@Override
		public String toString() {
			return this.application + "/" + this.profiles + ((this.label != null) ? "/" + this.label : "") + " from "
					+ this.server;
		}

	}

	/**
	 * One property source with its values as text (what the server sent as JSON; binding converts
	 * them as it does for any other property source).
	 *
	 * @param name the property source name, e.g. {@code configserver:file:/repo/catalog.yml}
	 * @param options the config data options the config client gave it
	 * @param properties its properties, in the order served
	 */
	record Source(String name, Set<Option> options, Map<String, String> properties) {

		Source {
			Objects.requireNonNull(name, "name");
			options = Set.copyOf(options);
			properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
		}

		static Source of(PropertySource<?> source, ConfigData.Options options) {
			Set<Option> set = EnumSet.noneOf(Option.class);
			for (Option option : Option.values()) {
				if (options.contains(option)) {
					set.add(option);
				}
			}
			Map<String, String> properties = new LinkedHashMap<>();
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String key : enumerable.getPropertyNames()) {
					Object value = source.getProperty(key);
					if (value instanceof OriginTrackedValue tracked) {
						value = tracked.getValue();
					}
					if (value != null) {
						properties.put(key, value.toString());
					}
				}
			}
			return new Source(source.getName(), set, properties);
		}

	}

}
