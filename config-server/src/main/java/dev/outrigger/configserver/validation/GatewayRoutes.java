package dev.outrigger.configserver.validation;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.outrigger.core.policy.GatewayVocabulary;
import dev.outrigger.core.policy.GatewayVocabulary.Shortcut;

/**
 * Checks Spring Cloud Gateway routes ({@code spring.cloud.gateway.server.webflux.routes}):
 * each route's id and uri, its predicates and filters by name against those the gateway offers
 * ({@link GatewayVocabulary}), the regexes in their arguments, {@code Weight} groups adding up
 * to 100, and its Outrigger metadata.
 */
final class GatewayRoutes {

	static final String[] PREFIX = { "spring", "cloud", "gateway", "server", "webflux" };

	/** What the gateway offers, generated from its factories into core. */
	private static final GatewayVocabulary GATEWAY = GatewayVocabulary.load();

	private GatewayRoutes() {
	}

	static void check(List<Setting> settings, Set<String> services, List<Problem> problems) {
		check(settings, services, GATEWAY, problems);
	}

	/** Checks the routes against the predicates and filters of {@code gateway}. */
	static void check(List<Setting> settings, Set<String> services, GatewayVocabulary gateway,
			List<Problem> problems) {
		Map<String, Map<Integer, List<Setting>>> routesByFile = new TreeMap<>();
		Map<String, List<Setting>> weightGroups = new LinkedHashMap<>();
		Map<String, Setting> ids = new LinkedHashMap<>();
		for (Setting setting : settings) {
			if (setting.startsWith("spring", "cloud", "gateway", "routes")) {
				problems.add(setting.error("'" + setting.key() + "' is ignored by Spring Cloud Gateway 5 (no route, "
						+ "every request 404): write spring.cloud.gateway.server.webflux.routes"));
			}
			else if (setting.startsWith(PREFIX) && setting.path().size() > PREFIX.length + 1) {
				String section = Setting.canonical(setting.path().get(PREFIX.length));
				List<String> rest = setting.path().subList(PREFIX.length + 1, setting.path().size());
				if (section.equals("routes") && !rest.get(0).startsWith("[")) {
					problems.add(setting.error("routes must be a list (- id: ...), got the key '" + rest.get(0) + "'"));
				}
				else if (section.equals("routes")) {
					int index = Integer.parseInt(rest.get(0).substring(1, rest.get(0).length() - 1));
					routesByFile.computeIfAbsent(setting.file(), (file) -> new TreeMap<>())
						.computeIfAbsent(index, (i) -> new ArrayList<>())
						.add(setting);
				}
				else if (section.equals("defaultfilters")) {
					checkStep(setting, rest, gateway.filters(), "filter", weightGroups, problems);
				}
			}
		}
		routesByFile.values().forEach((routes) -> routes.values()
			.forEach((route) -> checkRoute(route, services, gateway, ids, weightGroups, problems)));
		weightGroups.forEach((group, weights) -> checkWeights(group, weights, problems));
	}

	private static void checkRoute(List<Setting> route, Set<String> services, GatewayVocabulary gateway,
			Map<String, Setting> ids, Map<String, List<Setting>> weightGroups, List<Problem> problems) {
		Setting first = route.get(0);
		boolean hasUri = false;
		boolean hasId = false;
		for (Setting setting : route) {
			List<String> rest = setting.path().subList(PREFIX.length + 2, setting.path().size());
			String field = rest.isEmpty() ? "" : Setting.canonical(rest.get(0));
			switch (field) {
				case "id" -> {
					hasId = true;
					Setting previous = ids.putIfAbsent(setting.value(), setting);
					if (previous != null) {
						problems.add(setting.error("route id '" + setting.value() + "' is used twice (first at "
								+ previous.file() + ":" + previous.line() + ")"));
					}
				}
				case "uri" -> {
					hasUri = true;
					checkUri(setting, services, problems);
				}
				case "predicates" -> checkStep(setting, rest.subList(1, rest.size()), gateway.predicates(),
						"predicate", weightGroups, problems);
				case "filters" -> checkStep(setting, rest.subList(1, rest.size()), gateway.filters(), "filter",
						weightGroups, problems);
				case "metadata", "order" -> {
					// metadata is bound as the gateway binds it, by RouteMetadataCheck
				}
				default -> problems.add(setting.error("unknown route field '" + setting.key()
						+ "': a route has id, uri, predicates, filters, metadata and order"));
			}
		}
		if (!hasUri) {
			problems.add(first.error("route " + Setting.key(first.path().subList(0, PREFIX.length + 2))
					+ " has no uri (e.g. uri: lb://catalog)"));
		}
		if (!hasId) {
			problems.add(first.warning("route " + Setting.key(first.path().subList(0, PREFIX.length + 2))
					+ " has no id: its metrics and logs will carry a random one"));
		}
	}

	private static void checkUri(Setting setting, Set<String> services, List<Problem> problems) {
		URI uri;
		try {
			uri = URI.create(setting.value());
		}
		catch (IllegalArgumentException ex) {
			problems.add(setting.error("route uri '" + setting.value() + "' is not a URI: " + ex.getMessage()));
			return;
		}
		if ("lb".equals(uri.getScheme())) {
			String service = uri.getHost();
			if (service == null) {
				problems.add(setting.error("route uri '" + setting.value() + "' names no service (lb://<service>)"));
			}
			else if (!services.contains(service)) {
				problems.add(setting.warning("route uri '" + setting.value() + "': no service '" + service
						+ "' in the config repo (no " + service + ".yml); is the name right?"));
			}
		}
	}

	/**
	 * One predicate or filter, written {@code Name=arg1, arg2} or as {@code name:} and
	 * {@code args:}; {@code rest} starts at its list index.
	 */
	private static void checkStep(Setting setting, List<String> rest, Map<String, Shortcut> known, String kind,
			Map<String, List<Setting>> weightGroups, List<Problem> problems) {
		if (rest.size() == 1) {
			String value = setting.value();
			int equals = value.indexOf('=');
			String name = ((equals < 0) ? value : value.substring(0, equals)).trim();
			List<String> args = (equals < 0) ? List.of() : List.of(value.substring(equals + 1).split(",", -1));
			if (checkName(setting, name, known.keySet(), kind, problems)) {
				checkArgs(setting, name, known.get(name), args, weightGroups, problems);
			}
		}
		else if (rest.size() == 2 && Setting.canonical(rest.get(1)).equals("name")) {
			checkName(setting, setting.value().trim(), known.keySet(), kind, problems);
		}
		else if (rest.size() == 3 && Setting.canonical(rest.get(1)).equals("args")) {
			String arg = Setting.canonical(rest.get(2));
			if (arg.equals("regexp") || arg.equals("regex")) {
				checkRegex(setting, setting.value(), problems);
			}
		}
	}

	private static boolean checkName(Setting setting, String name, Set<String> known, String kind,
			List<Problem> problems) {
		if (known.contains(name)) {
			return true;
		}
		String hint = known.stream()
			.filter((candidate) -> distance(candidate.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)) <= 2)
			.min(Comparator.comparingInt((String candidate) -> distance(candidate, name)))
			.map((candidate) -> " (did you mean " + candidate + "?)")
			.orElseGet(() -> ": the gateway offers " + String.join(", ", known));
		problems.add(setting.error("unknown " + kind + " '" + name + "'" + hint));
		return false;
	}

	/** Levenshtein distance: how many one-letter edits turn one name into the other. */
	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	private static void checkArgs(Setting setting, String name, Shortcut shortcut, List<String> args,
			Map<String, List<Setting>> weightGroups, List<Problem> problems) {
		// Header, Query, Cookie, RewritePath and RewriteResponseHeader all call their regex "regexp".
		int regex = shortcut.type().equals("DEFAULT") ? shortcut.fields().indexOf("regexp") : -1;
		if (regex >= 0 && args.size() > regex) {
			checkRegex(setting, args.get(regex).trim(), problems);
		}
		if (name.equals("Weight")) {
			if (args.size() != 2) {
				problems.add(setting.error("Weight takes a group and a weight, e.g. Weight=catalog, 90"));
				return;
			}
			weightGroups.computeIfAbsent(args.get(0).trim(), (group) -> new ArrayList<>()).add(setting);
		}
	}

	static void checkRegex(Setting setting, String regex, List<Problem> problems) {
		try {
			Pattern.compile(regex);
		}
		catch (PatternSyntaxException ex) {
			problems.add(setting.error("bad regex '" + regex + "': " + ex.getDescription() + " at index "
					+ ex.getIndex()));
		}
	}

	private static void checkWeights(String group, List<Setting> weights, List<Problem> problems) {
		int sum = 0;
		List<String> parts = new ArrayList<>();
		for (Setting weight : weights) {
			String value = weight.value().substring(weight.value().lastIndexOf(',') + 1).trim();
			try {
				sum += Integer.parseInt(value);
				parts.add(value);
			}
			catch (NumberFormatException ex) {
				problems.add(weight.error("Weight of group '" + group + "' is not a whole number: '" + value + "'"));
				return;
			}
		}
		if (sum != 100) {
			problems.add(weights.get(0).error("the weights of group '" + group + "' add up to " + sum + " ("
					+ String.join(" + ", parts) + "); they must add up to 100"));
		}
	}

}
