package dev.outrigger.configserver.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.outrigger.core.config.ConfigWatchProperties;
import dev.outrigger.core.config.cache.ConfigCacheProperties;
import dev.outrigger.core.policy.BindFailures;
import dev.outrigger.core.policy.ReadKeys;
import dev.outrigger.core.policy.EdgePolicy;
import dev.outrigger.core.policy.SidecarPolicies;

/**
 * Binds a revision the way each member will: the gateway over {@code gateway.yml}, each sidecar
 * over its {@code <service>.yml}, both over {@code application.yml} and the services' own
 * policies, through the very records and binding code of the members. What fails to bind is
 * an error at the line of the key; what no binding reads is an unknown key.
 */
final class MemberViews {

	private static final String APPLICATION = "application";

	private static final String GATEWAY = "gateway";

	private final Map<String, Layer> files = new LinkedHashMap<>();

	private final Layer published;

	private final ReadKeys bound = new ReadKeys();

	private final List<Problem> problems;

	MemberViews(Map<String, List<Setting>> settingsByFile, List<Problem> problems) {
		this.problems = problems;
		Map<String, Object> served = new LinkedHashMap<>();
		Map<ConfigurationPropertyName, Setting> servedFrom = new LinkedHashMap<>();
		ServedPolicies.settings(settingsByFile).forEach((key, setting) -> put(served, servedFrom, key, setting));
		settingsByFile.forEach((file, settings) -> {
			Map<String, Object> values = new LinkedHashMap<>();
			Map<ConfigurationPropertyName, Setting> where = new LinkedHashMap<>();
			for (Setting setting : settings) {
				if (setting.startsWith("outrigger")) {
					put(values, where, setting.key(), setting);
				}
			}
			this.files.put(ConfigValidator.name(file), new Layer(file, new MapConfigurationPropertySource(values), where));
		});
		this.published = new Layer("", new MapConfigurationPropertySource(served), servedFrom);
	}

	/** Binds every member's view of the revision and reports what does not bind or is read by none. */
	void check() {
		for (String name : this.files.keySet()) {
			List<Layer> layers = new ArrayList<>();
			layers.add(this.files.get(name));
			if (!name.equals(APPLICATION) && this.files.containsKey(APPLICATION)) {
				layers.add(this.files.get(APPLICATION));
			}
			layers.add(this.published);
			bindView(name, layers);
		}
		this.files.values().forEach(this::reportUnread);
	}

	/** The sources a gateway reads, for binding its routes' metadata. */
	List<ConfigurationPropertySource> gatewaySources() {
		List<ConfigurationPropertySource> sources = new ArrayList<>();
		for (String name : List.of(GATEWAY, APPLICATION)) {
			if (this.files.containsKey(name)) {
				sources.add(this.files.get(name).source());
			}
		}
		sources.add(this.published.source());
		return sources;
	}

	/** Where a property of the gateway's view was written, or {@code null}. */
	Setting gatewaySetting(ConfigurationPropertyName name) {
		for (String file : List.of(GATEWAY, APPLICATION)) {
			Layer layer = this.files.get(file);
			Setting setting = (layer != null) ? layer.find(name, "") : null;
			if (setting != null) {
				return setting;
			}
		}
		return this.published.find(name, "");
	}

	private void bindView(String name, List<Layer> layers) {
		List<ConfigurationPropertySource> sources = new ArrayList<>();
		layers.forEach((layer) -> sources.add(layer.source()));
		// A sidecar gets its service name and app port from its own environment, not the repo.
		sources.add(new MapConfigurationPropertySource(Map.of(SidecarPolicies.PREFIX + ".service",
				isShared(name) ? "any" : name, SidecarPolicies.PREFIX + ".app-port", "1")));
		Binder binder = new Binder(sources);
		attempt(layers, () -> {
			SidecarPolicies policies = SidecarPolicies.bind(sources, null, this.bound);
			for (String destination : policies.refused().keySet()) {
				attempt(layers, () -> SidecarPolicies.bindDestination(sources, destination, this.bound));
			}
		});
		attempt(layers, () -> binder.bindOrCreate(EdgePolicy.PREFIX, Bindable.of(EdgePolicy.class), this.bound));
		attempt(layers, () -> binder.bindOrCreate("outrigger.config-watch", Bindable.of(ConfigWatchProperties.class),
				this.bound));
		attempt(layers, () -> binder.bindOrCreate("outrigger.config-cache", Bindable.of(ConfigCacheProperties.class),
				this.bound));
	}

	private void attempt(List<Layer> layers, Runnable binding) {
		try {
			binding.run();
		}
		catch (RuntimeException ex) {
			report(ex, layers);
		}
	}

	private void report(RuntimeException failure, List<Layer> layers) {
		ConfigurationPropertyName name = failingName(failure, this.bound);
		for (Layer layer : layers) {
			Setting setting = (name != null) ? layer.find(name, BindFailures.reason(failure)) : null;
			if (setting != null) {
				this.problems.add(setting.error(name + ": " + BindFailures.reason(failure)));
				return;
			}
		}
		this.problems.add(Problem.error(layers.get(0).file, 0, BindFailures.describe(failure)));
	}

	private void reportUnread(Layer layer) {
		layer.where().forEach((name, setting) -> {
			ConfigurationPropertyName read = name;
			if (setting.startsWith("outrigger", "service") && !isShared(ConfigValidator.name(setting.file()))) {
				read = ConfigurationPropertyName.adapt(ServedPolicies.served(ConfigValidator.name(setting.file()), setting),
						'.');
			}
			if (!this.bound.contains(read)) {
				this.problems.add(setting.error(UnknownKeys.describe(setting)));
			}
		});
	}

	static ConfigurationPropertyName failingName(RuntimeException failure, ReadKeys bound) {
		ConfigurationPropertyName name = bound.lastFailure();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof BindException bind) {
				name = (bind.getProperty() != null) ? bind.getProperty().getName() : bind.getName();
			}
		}
		return name;
	}

	private static boolean isShared(String name) {
		return name.equals(APPLICATION) || name.equals(GATEWAY);
	}

	private static void put(Map<String, Object> values, Map<ConfigurationPropertyName, Setting> where, String key,
			Setting setting) {
		if (!ConfigurationPropertyName.isValid(ConfigurationPropertyName.adapt(key, '.').toString())) {
			return;
		}
		values.put(key, setting.value());
		where.put(ConfigurationPropertyName.adapt(key, '.'), setting);
	}

	/**
	 * One file (or the services' policies as served) as the binder reads it, with where each
	 * property was written.
	 */
	record Layer(String file, ConfigurationPropertySource source, Map<ConfigurationPropertyName, Setting> where) {

		/**
		 * The setting of {@code name}, else the one below it whose key the {@code reason} names,
		 * else the first one below it.
		 */
		Setting find(ConfigurationPropertyName name, String reason) {
			Setting exact = this.where.get(name);
			if (exact != null) {
				return exact;
			}
			Setting first = null;
			for (Map.Entry<ConfigurationPropertyName, Setting> entry : this.where.entrySet()) {
				if (name.isAncestorOf(entry.getKey())) {
					String leaf = entry.getKey().getLastElement(ConfigurationPropertyName.Form.DASHED);
					if (reason.contains("." + leaf + " ") || reason.contains(" " + leaf + " ")) {
						return entry.getValue();
					}
					first = (first != null) ? first : entry.getValue();
				}
			}
			return first;
		}

	}

}
