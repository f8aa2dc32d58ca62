package dev.outrigger.core.config.cache;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.config.ConfigData.Option;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.json.JsonWriter;

import dev.outrigger.core.config.cache.CachedConfig.Identity;
import dev.outrigger.core.config.cache.CachedConfig.Source;

/** The JSON form of a {@link CachedConfig}, checked field by field when read back. */
final class CachedConfigJson {

	/** Version of the file layout; a file of another version is not read. */
	static final int FORMAT = 1;

	private CachedConfigJson() {
	}

	static String write(CachedConfig config) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("format", FORMAT);
		Identity identity = config.identity();
		json.put("application", identity.application());
		json.put("profiles", identity.profiles());
		putIfPresent(json, "label", identity.label());
		json.put("server", identity.server());
		putIfPresent(json, "version", config.version());
		putIfPresent(json, "state", config.state());
		json.put("servedAt", config.servedAt().toString());
		List<Object> sources = new ArrayList<>();
		for (Source source : config.sources()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("name", source.name());
			entry.put("options",
					source.options().stream().sorted(Comparator.naturalOrder()).map(Option::name).toList());
			entry.put("properties", source.properties());
			sources.add(entry);
		}
		json.put("propertySources", sources);
		return JsonWriter.standard().withNewLineAtEnd().writeToString(json);
	}

	static CachedConfig read(String text) throws InvalidConfigCacheException {
		Map<String, Object> json;
		try {
			json = JsonParserFactory.getJsonParser().parseMap(text);
		}
		catch (IllegalArgumentException ex) {
			// JsonParseException: not JSON, or not a JSON object
			throw new InvalidConfigCacheException("it is not a JSON object (" + ex.getMessage() + ")", ex);
		}
		if (json == null) {
			throw new InvalidConfigCacheException("it is not a JSON object");
		}
		Object format = json.get("format");
		if (!(format instanceof Number number) || number.intValue() != FORMAT) {
			throw new InvalidConfigCacheException("its format is " + format + ", not " + FORMAT);
		}
		Identity identity = new Identity(text(json, "application"), text(json, "profiles"), optionalText(json, "label"),
				text(json, "server"));
		return new CachedConfig(identity, optionalText(json, "version"), optionalText(json, "state"),
				instant(json, "servedAt"), sources(json.get("propertySources")));
	}

	private static List<Source> sources(Object value) throws InvalidConfigCacheException {
		if (!(value instanceof List<?> list)) {
			throw new InvalidConfigCacheException("propertySources is not a list");
		}
		List<Source> sources = new ArrayList<>();
		for (Object item : list) {
			if (!(item instanceof Map<?, ?> map)) {
				throw new InvalidConfigCacheException("a property source is not an object");
			}
			String name = text(map, "name");
			sources.add(new Source(name, options(name, map.get("options")), properties(name, map.get("properties"))));
		}
		return sources;
	}

	private static Set<Option> options(String source, Object value) throws InvalidConfigCacheException {
		if (!(value instanceof List<?> names)) {
			throw new InvalidConfigCacheException("the options of " + source + " are not a list");
		}
		Set<Option> options = EnumSet.noneOf(Option.class);
		for (Object name : names) {
			try {
				options.add(Option.valueOf(String.valueOf(name)));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigCacheException("property source " + source + " has an unknown option " + name);
			}
		}
		return options;
	}

	private static Map<String, String> properties(String source, Object value) throws InvalidConfigCacheException {
		if (!(value instanceof Map<?, ?> map)) {
			throw new InvalidConfigCacheException("the properties of " + source + " are not an object");
		}
		Map<String, String> properties = new LinkedHashMap<>();
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			if (!(entry.getValue() instanceof String text)) {
				throw new InvalidConfigCacheException(
						"property " + entry.getKey() + " of " + source + " is not a string: " + entry.getValue());
			}
			properties.put(String.valueOf(entry.getKey()), text);
		}
		return properties;
	}

	private static Instant instant(Map<?, ?> json, String key) throws InvalidConfigCacheException {
		String text = text(json, key);
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidConfigCacheException(key + " is not an instant: " + text, ex);
		}
	}

	private static String text(Map<?, ?> json, String key) throws InvalidConfigCacheException {
		String text = optionalText(json, key);
		if (text == null) {
			throw new InvalidConfigCacheException(key + " is missing");
		}
		return text;
	}

	private static String optionalText(Map<?, ?> json, String key) throws InvalidConfigCacheException {
		Object value = json.get(key);
		if (value != null && !(value instanceof String)) {
			throw new InvalidConfigCacheException(key + " is not a string: " + value);
		}
		return (String) value;
	}

	private static void putIfPresent(Map<String, Object> json, String key, String value) {
		if (value != null) {
			json.put(key, value);
		}
	}

}
