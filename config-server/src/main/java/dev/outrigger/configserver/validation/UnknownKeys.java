package dev.outrigger.configserver.validation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.outrigger.core.config.ConfigWatchProperties;
import dev.outrigger.core.config.cache.ConfigCacheProperties;
import dev.outrigger.core.policy.EdgePolicy;
import dev.outrigger.core.policy.RoutePolicy;
import dev.outrigger.core.policy.SidecarProperties;
import dev.outrigger.core.traffic.TrafficPolicy;

/**
 * Says what an unknown key could have been: the keys at its place, read from the records that
 * the binding of that place uses.
 */
final class UnknownKeys {

	private static final List<String> SECTIONS = List.of("sidecar", "gateway", "service", "config-watch",
			"config-cache");

	private UnknownKeys() {
	}

	/** "unknown key 'outrigger.sidecar.outbound.retries.attempt': 'attempt' is not one of attempts, ..." */
	static String describe(Setting setting) {
		List<String> path = setting.path();
		if (setting.startsWith("outrigger") && path.size() >= 2
				&& !SECTIONS.stream().map(Setting::canonical).toList().contains(Setting.canonical(path.get(1)))) {
			return unknown(setting, path.get(1), SECTIONS);
		}
		String leaf = path.get(path.size() - 1);
		List<String> known = keysAt(setting, path.size() - 1);
		if (known.isEmpty()) {
			return "unknown key '" + setting.key() + "': no member reads it";
		}
		if (known.stream().map(Setting::canonical).toList().contains(Setting.canonical(leaf))) {
			List<String> below = keysAt(setting, path.size());
			return "'" + setting.key() + "' takes the keys " + String.join(", ", below) + ", not a single value";
		}
		return unknown(setting, leaf, known);
	}

	/** The keys the records take after the first {@code length} segments of the setting's key. */
	private static List<String> keysAt(Setting setting, int length) {
		List<String> path = setting.path();
		Set<String> known = new LinkedHashSet<>();
		if (setting.startsWith("outrigger") && path.size() >= 2) {
			List<String> rest = path.subList(2, length);
			switch (Setting.canonical(path.get(1))) {
				case "sidecar" -> sidecar(rest, known);
				case "gateway" -> known.addAll(RecordKeys.after(EdgePolicy.class, rest));
				case "service" -> destination(rest, known);
				case "configwatch" -> known.addAll(RecordKeys.after(ConfigWatchProperties.class, rest));
				case "configcache" -> known.addAll(RecordKeys.after(ConfigCacheProperties.class, rest));
				default -> {
				}
			}
		}
		else if (path.size() > GatewayRoutes.PREFIX.length + 3) {
			List<String> rest = path.subList(GatewayRoutes.PREFIX.length + 3, length);
			known.addAll(RecordKeys.after(RoutePolicy.class, rest));
			known.addAll(RecordKeys.after(TrafficPolicy.class, rest));
		}
		return List.copyOf(known);
	}

	private static void sidecar(List<String> rest, Set<String> known) {
		known.addAll(RecordKeys.after(SidecarProperties.class, rest));
		if (rest.isEmpty()) {
			known.add("destinations");
		}
		else if (Setting.canonical(rest.get(0)).equals("outbound")) {
			known.addAll(RecordKeys.after(TrafficPolicy.class, rest.subList(1, rest.size())));
		}
		else if (Setting.canonical(rest.get(0)).equals("destinations") && rest.size() >= 2) {
			destination(rest.subList(2, rest.size()), known);
		}
	}

	private static void destination(List<String> rest, Set<String> known) {
		known.addAll(RecordKeys.after(SidecarProperties.Outbound.class, rest));
		known.addAll(RecordKeys.after(TrafficPolicy.class, rest));
	}

	private static String unknown(Setting setting, String segment, List<String> known) {
		return "unknown key '" + setting.key() + "': '" + segment + "' is not one of " + String.join(", ", known);
	}

}
