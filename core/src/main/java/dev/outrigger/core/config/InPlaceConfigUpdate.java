package dev.outrigger.core.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.boot.json.JsonParserFactory;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Applies a newer answer of the config server to a running environment by swapping its
 * {@code configserver:*} property sources one by one (each swap atomic, so a reader never
 * sees them missing), then publishes the {@link EnvironmentChangeEvent} with the keys whose
 * values changed. Spring Cloud's environment refresh does the same by rebuilding the whole
 * environment (a second fetch and every config data location): several hundred
 * milliseconds of CPU per member on each commit, which is what kept propagation above a
 * second on a busy machine.
 */
final class InPlaceConfigUpdate {

	private static final String PREFIX = "configserver:";

	private static final String OVERRIDES = "configserver:overrides";

	private static final String CLIENT = "configClient";

	private final ConfigurableApplicationContext context;

	InPlaceConfigUpdate(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Applies the config server's answer.
	 * @return the keys whose values changed, or {@code null} when the environment holds no
	 * property source of the config server to swap (a full refresh is needed)
	 */
	Set<String> apply(String body) {
		Map<String, Object> answer = JsonParserFactory.getJsonParser().parseMap(body);
		List<PropertySource<?>> fresh = sources(answer);
		MutablePropertySources sources = this.context.getEnvironment().getPropertySources();
		List<PropertySource<?>> old = sources.stream().filter(InPlaceConfigUpdate::isServed).toList();
		if (old.isEmpty() || fresh.isEmpty()) {
			return null;
		}
		Set<String> changed = changedKeys(old, fresh);
		String previous = null;
		for (PropertySource<?> source : fresh) {
			if (sources.contains(source.getName())) {
				sources.replace(source.getName(), source);
			}
			else if (previous == null) {
				sources.addBefore(old.get(0).getName(), source);
			}
			else {
				sources.addAfter(previous, source);
			}
			previous = source.getName();
		}
		Set<String> kept = new LinkedHashSet<>();
		fresh.forEach((source) -> kept.add(source.getName()));
		old.stream().filter((source) -> !kept.contains(source.getName())).forEach((source) -> sources.remove(source.getName()));
		if (sources.contains(CLIENT)) {
			Map<String, Object> client = new HashMap<>();
			putIfText(client, "config.client.version", answer.get("version"));
			putIfText(client, "config.client.state", answer.get("state"));
			sources.replace(CLIENT, new MapPropertySource(CLIENT, client));
		}
		this.context.publishEvent(new EnvironmentChangeEvent(this.context, changed));
		return changed;
	}

	private static boolean isServed(PropertySource<?> source) {
		return source.getName().startsWith(PREFIX) && !source.getName().equals(OVERRIDES);
	}

	private static List<PropertySource<?>> sources(Map<String, Object> answer) {
		List<PropertySource<?>> sources = new ArrayList<>();
		if (answer.get("propertySources") instanceof List<?> list) {
			for (Object item : list) {
				if (item instanceof Map<?, ?> source && source.get("source") instanceof Map<?, ?> values) {
					Map<String, Object> properties = new LinkedHashMap<>();
					values.forEach((key, value) -> properties.put(String.valueOf(key), plain(value)));
					sources.add(new MapPropertySource(PREFIX + source.get("name"), properties));
				}
			}
		}
		return sources;
	}

	// a server with origin tracking sends {"value": ..., "origin": ...}
	private static Object plain(Object value) {
		return (value instanceof Map<?, ?> tracked && tracked.containsKey("value")) ? tracked.get("value") : value;
	}

	private static Set<String> changedKeys(List<PropertySource<?>> old, List<PropertySource<?>> fresh) {
		Map<String, Object> before = merged(old);
		Map<String, Object> after = merged(fresh);
		Set<String> keys = new LinkedHashSet<>(before.keySet());
		keys.addAll(after.keySet());
		keys.removeIf((key) -> Objects.equals(text(before.get(key)), text(after.get(key))));
		return keys;
	}

	// the value each key resolves to across the sources, highest precedence first
	private static Map<String, Object> merged(List<PropertySource<?>> sources) {
		Map<String, Object> merged = new HashMap<>();
		for (PropertySource<?> source : sources) {
			if (source.getSource() instanceof Map<?, ?> map) {
				map.forEach((key, value) -> merged.putIfAbsent(String.valueOf(key), value));
			}
		}
		return merged;
	}

	private static String text(Object value) {
		return (value != null) ? String.valueOf(value) : null;
	}

	private static void putIfText(Map<String, Object> map, String key, Object value) {
		if (value instanceof String text && !text.equals("null")) {
			map.put(key, text);
		}
	}

}
