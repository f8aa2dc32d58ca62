package dev.outrigger.core.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The route predicates and gateway filters the edge gateway offers, by the name a route writes
 * them with and with their shortcut arguments, as generated from the gateway's factory beans
 * (by its {@code GatewayVocabularyTests}) for checks that run without Spring Cloud Gateway.
 */
public final class GatewayVocabulary {

	/** Where the generated list lives on the class path. */
	public static final String RESOURCE = "META-INF/outrigger/gateway-vocabulary.properties";

	private static final String HEADER = """
			# The route predicates and gateway filters the edge gateway offers: <kind>.<Name> as a route
			# writes it = <shortcut type>: <argument names of Name=a, b, ... in order>.
			# Generated from the gateway's factory beans by its GatewayVocabularyTests: do not edit.
			""";

	private final Map<String, Shortcut> predicates;

	private final Map<String, Shortcut> filters;

	/** A vocabulary of these predicates and filters, each by name with its shortcut. */
	public GatewayVocabulary(Map<String, Shortcut> predicates, Map<String, Shortcut> filters) {
		this.predicates = Collections.unmodifiableMap(new TreeMap<>(predicates));
		this.filters = Collections.unmodifiableMap(new TreeMap<>(filters));
	}

	/** The vocabulary generated into this library, read from {@link #RESOURCE}. */
	public static GatewayVocabulary load() {
		return load(RESOURCE);
	}

	/** The vocabulary in a class path resource written like {@link #RESOURCE}. */
	public static GatewayVocabulary load(String resource) {
		try (InputStream in = GatewayVocabulary.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("no " + resource + " on the class path");
			}
			return read(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + resource, ex);
		}
	}

	/** The vocabulary written in {@code text}, as {@link #text()} writes it. */
	public static GatewayVocabulary read(Reader text) throws IOException {
		Properties entries = new Properties();
		entries.load(text);
		Map<String, Shortcut> predicates = new TreeMap<>();
		Map<String, Shortcut> filters = new TreeMap<>();
		for (String key : entries.stringPropertyNames()) {
			int dot = key.indexOf('.');
			String kind = (dot < 0) ? "" : key.substring(0, dot);
			Map<String, Shortcut> names = switch (kind) {
				case "predicate" -> predicates;
				case "filter" -> filters;
				default -> throw new IllegalArgumentException(
						"'" + key + "' is neither predicate.<Name> nor filter.<Name>");
			};
			names.put(key.substring(dot + 1), Shortcut.parse(key, entries.getProperty(key)));
		}
		return new GatewayVocabulary(predicates, filters);
	}

	/** The route predicates by name, sorted, each with its shortcut. */
	public Map<String, Shortcut> predicates() {
		return this.predicates;
	}

	/** The gateway filters by name, sorted, each with its shortcut. */
	public Map<String, Shortcut> filters() {
		return this.filters;
	}

	/** This vocabulary as the text of {@link #RESOURCE}: a header, then one sorted line a name. */
	public String text() {
		StringBuilder text = new StringBuilder(HEADER);
		this.filters.forEach((name, shortcut) -> text.append("filter.").append(name).append('=').append(shortcut)
			.append('\n'));
		this.predicates.forEach((name, shortcut) -> text.append("predicate.").append(name).append('=')
			.append(shortcut).append('\n'));
		return text.toString();
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof GatewayVocabulary that) && this.predicates.equals(that.predicates)
				&& this.filters.equals(that.filters);
	}

	@Override
	public int hashCode() {
		return this.predicates.hashCode() * 31 + this.filters.hashCode();
	}

	@Override
	public String toString() {
		return "GatewayVocabulary of predicates " + this.predicates.keySet() + " and filters " + this.filters.keySet();
	}

	/**
	 * How {@code Name=a, b} maps onto a factory's arguments: the shortcut type as Spring Cloud
	 * Gateway names it ({@code DEFAULT}, {@code GATHER_LIST}, ...) and the argument names in order.
	 *
	 * @param type the name of the factory's {@code ShortcutType}
	 * @param fields the factory's {@code shortcutFieldOrder()}
	 */
	public record Shortcut(String type, List<String> fields) {

		/** Copies the argument names. */
		public Shortcut {
			fields = List.copyOf(fields);
		}

		static Shortcut parse(String key, String value) {
			int colon = value.indexOf(':');
			if (colon < 0) {
				throw new IllegalArgumentException("'" + key + "=" + value + "' is not <shortcut type>: <arguments>");
			}
			String arguments = value.substring(colon + 1).trim();
			List<String> fields = arguments.isEmpty() ? List.of()
					: Arrays.stream(arguments.split(",")).map(String::trim).toList();
			return new Shortcut(value.substring(0, colon).trim(), fields);
		}

		@Override
		public String toString() {
			return this.fields.isEmpty() ? this.type + ":" : this.type + ": " + String.join(", ", this.fields);
		}

	}

}
