package dev.outrigger.configserver.validation;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.outrigger.core.policy.BindFailures;
import dev.outrigger.core.policy.ReadKeys;
import dev.outrigger.core.policy.RouteMetadata;

/**
 * Binds each gateway route's {@code metadata} as the gateway will ({@link RouteMetadata}, over
 * the service's own policy and the gateway's), reporting what does not bind and what it does
 * not read.
 */
final class RouteMetadataCheck {

	private static final int METADATA = GatewayRoutes.PREFIX.length + 2;

	private RouteMetadataCheck() {
	}

	static void check(List<Setting> settings, MemberViews views, List<Problem> problems) {
		Map<String, Route> routes = new TreeMap<>();
		for (Setting setting : settings) {
			if (!setting.startsWith(GatewayRoutes.PREFIX) || setting.path().size() <= METADATA
					|| !Setting.canonical(setting.path().get(GatewayRoutes.PREFIX.length)).equals("routes")
					|| !setting.path().get(GatewayRoutes.PREFIX.length + 1).startsWith("[")) {
				continue;
			}
			Route route = routes.computeIfAbsent(setting.file() + setting.path().get(GatewayRoutes.PREFIX.length + 1),
					(key) -> new Route(new LinkedHashMap<>(), new LinkedHashMap<>(), new String[1]));
			String field = Setting.canonical(setting.path().get(METADATA));
			if (field.equals("uri")) {
				route.service[0] = service(setting.value());
			}
			else if (field.equals("metadata") && setting.path().size() > METADATA + 1) {
				String key = RouteMetadata.PREFIX + "."
						+ Setting.key(setting.path().subList(METADATA + 1, setting.path().size()));
				if (ConfigurationPropertyName.isValid(ConfigurationPropertyName.adapt(key, '.').toString())) {
					route.values.put(key, setting.value());
					route.where.put(ConfigurationPropertyName.adapt(key, '.'), setting);
				}
			}
		}
		routes.values().forEach((route) -> check(route, views, problems));
	}

	private static void check(Route route, MemberViews views, List<Problem> problems) {
		if (route.values.isEmpty()) {
			return;
		}
		ReadKeys bound = new ReadKeys();
		try {
			RouteMetadata.bind(new MapConfigurationPropertySource(route.values), route.service[0],
					views.gatewaySources(), bound);
		}
		catch (RuntimeException ex) {
			ConfigurationPropertyName name = MemberViews.failingName(ex, bound);
			Setting setting = (name != null) ? new MemberViews.Layer("", null, route.where).find(name, BindFailures.reason(ex)) : null;
			if (setting == null && name != null) {
				setting = views.gatewaySetting(name);
			}
			Setting at = (setting != null) ? setting : route.where.values().iterator().next();
			problems.add(at.error(metadataKey(name, at) + ": " + BindFailures.reason(ex)));
			return;
		}
		route.where.forEach((name, setting) -> {
			if (!bound.contains(name)) {
				problems.add(setting.error(UnknownKeys.describe(setting)));
			}
		});
	}

	private static String metadataKey(ConfigurationPropertyName name, Setting at) {
		if (name == null || !name.toString().startsWith(RouteMetadata.PREFIX)) {
			return (name != null) ? name.toString() : at.key();
		}
		String route = Setting.key(at.path().subList(0, METADATA)) + ".metadata";
		return route + name.toString().substring(RouteMetadata.PREFIX.length());
	}

	private static String service(String uri) {
		try {
			URI parsed = URI.create(uri.trim());
			return "lb".equals(parsed.getScheme()) ? parsed.getHost() : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private record Route(Map<String, Object> values, Map<ConfigurationPropertyName, Setting> where, String[] service) {
	}

}
