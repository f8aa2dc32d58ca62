package dev.outrigger.core.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.outrigger.core.traffic.TrafficPolicy;

/**
 * Binds a gateway route's {@code metadata} to the mesh's policy records: the route's
 * {@link RoutePolicy} and its {@link TrafficPolicy}. Route metadata arrives as nested maps and
 * lists when written in YAML, and as maps keyed {@code "0"}, {@code "1"} when written as indexed
 * properties; both are flattened into property names ({@code split.v1}, {@code match[0].header})
 * that the {@code Binder} reads like any other configuration, so a key reads the same in a
 * route's metadata as under {@code outrigger.*}.
 */
public final class RouteMetadata {

	/** The name under which the metadata is bound; errors name keys as {@code route.<key>}. */
	public static final String PREFIX = "route";

	private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_-]+");

	private static final Pattern INDEX = Pattern.compile("\\[?(\\d+)]?");

	private RouteMetadata() {
	}

	/**
	 * Binds the policy of one route. Per key, the route's metadata wins over the service's own
	 * policy ({@code outrigger.services.<service>}: its {@code timeout} is the route's
	 * {@code response-timeout}, its {@code retries} and traffic blocks apply as they are), which
	 * wins over the gateway's {@code outrigger.gateway}.
	 * @param metadata the route's metadata, as Spring Cloud Gateway holds it
	 * @param service the {@code lb://} service of the route, or {@code null}
	 * @param environment the gateway's configuration
	 * @param handler the bind handler ({@link BindHandler#DEFAULT} outside the validator)
	 * @return the route's policies
	 * @throws RuntimeException a bind exception or an {@link IllegalArgumentException} that
	 * names the key, when the metadata does not bind
	 */
	public static Bound bind(Map<String, Object> metadata, String service,
			Iterable<ConfigurationPropertySource> environment, BindHandler handler) {
		return bind(source(metadata), service, environment, handler);
	}

	/** Binds a route's metadata already given as a property source whose names start with {@link #PREFIX}. */
	public static Bound bind(ConfigurationPropertySource metadata, String service,
			Iterable<ConfigurationPropertySource> environment, BindHandler handler) {
		ReadKeys read = new ReadKeys(handler);
		List<ConfigurationPropertySource> sources = new ArrayList<>();
		sources.add(metadata);
		String own = (service != null) ? SidecarPolicies.SERVICES + "." + service : null;
		if (own != null) {
			sources.add(Layers.redirect(environment, own + ".retries", PREFIX + ".retries"));
			sources.add(Layers.redirect(environment, own + ".timeout", PREFIX + ".response-timeout"));
		}
		sources.add(Layers.redirect(environment, EdgePolicy.PREFIX + ".retries", PREFIX + ".retries"));
		RoutePolicy policy = new Binder(sources).bindOrCreate(PREFIX, Bindable.of(RoutePolicy.class), read);
		TrafficPolicy traffic = TrafficPolicy.OFF;
		if (own != null) {
			traffic = TrafficBlocks.overlay(environment, own, traffic, read);
		}
		traffic = TrafficBlocks.overlay(List.of(metadata), PREFIX, traffic, read);
		List<String> unread = new ArrayList<>();
		if (metadata instanceof IterableConfigurationPropertySource names) {
			names.stream().filter((name) -> !read.contains(name)).forEach((name) -> unread.add(name.toString()));
		}
		return new Bound(policy, traffic, List.copyOf(unread));
	}

	/** The metadata as a property source, names prefixed with {@link #PREFIX}. */
	public static ConfigurationPropertySource source(Map<String, Object> metadata) {
		Map<String, Object> prefixed = new LinkedHashMap<>();
		properties(metadata).forEach((name, value) -> prefixed.put(PREFIX + "." + name, value));
		return new MapConfigurationPropertySource(prefixed);
	}

	/** The keys of {@code metadata} as flat properties, sorted; empty for none. */
	public static Map<String, Object> properties(Map<String, Object> metadata) {
		Map<String, Object> flat = new TreeMap<>();
		if (metadata != null) {
			metadata.forEach((key, value) -> {
				String name = element(key);
				flatten(name.startsWith(".") ? name.substring(1) : name, value, flat);
			});
		}
		return flat;
	}

	private static void flatten(String name, Object value, Map<String, Object> flat) {
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, nested) -> flatten(name + element(String.valueOf(key)), nested, flat));
		}
		else if (value instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				flatten(name + "[" + i + "]", list.get(i), flat);
			}
		}
		else if (value != null) {
			flat.put(name, value.toString());
		}
	}

	private static String element(String key) {
		var index = INDEX.matcher(key);
		if (index.matches()) {
			return "[" + index.group(1) + "]";
		}
		// A name with a dot or another odd character (a header name, a version) stays one element.
		return PLAIN_NAME.matcher(key).matches() ? "." + key : "[" + key + "]";
	}

	/**
	 * The policies of one route.
	 *
	 * @param policy its resilience keys
	 * @param traffic its traffic policy
	 * @param unread the metadata keys that no policy reads (typos, or keys of something else)
	 */
	public record Bound(RoutePolicy policy, TrafficPolicy traffic, List<String> unread) {

		/**
		 * This, or an exception naming the keys nothing reads: a misspelt key would otherwise
		 * be ignored without a word.
		 * @throws IllegalArgumentException when a key is not read
		 */
		public Bound requireAllRead() {
			if (!this.unread.isEmpty()) {
				throw new IllegalArgumentException("unknown metadata key" + ((this.unread.size() > 1) ? "s " : " ")
						+ String.join(", ", this.unread) + ": the route policy reads none of them");
			}
			return this;
		}

	}

}
