package dev.outrigger.configserver.validation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.convert.DurationStyle;

import dev.outrigger.configserver.source.Revision;

/**
 * Validates a whole revision of the config repo before any member sees it: YAML syntax,
 * unknown Outrigger keys, unknown gateway predicates and filters, bad regexes and durations,
 * split and {@code Weight} weights that do not add up to 100, SpEL, and (as warnings)
 * services no file names. The config server and {@code ./mesh validate} both run this class.
 */
public final class ConfigValidator {

	private static final Map<String, Schema> OUTRIGGER = Map.of("sidecar", PolicySchema.SIDECAR, "gateway",
			PolicySchema.GATEWAY, "configwatch", PolicySchema.CONFIG_WATCH, "configcache", PolicySchema.CONFIG_CACHE);

	/** The problems of a revision given as file name to content, in file and line order. */
	public List<Problem> validate(Map<String, String> files) {
		List<Problem> problems = new ArrayList<>();
		List<Setting> settings = new ArrayList<>();
		Set<String> services = new TreeSet<>();
		files.forEach((file, content) -> {
			if (Revision.isConfigFile(file)) {
				settings.addAll(ConfigFiles.read(file, content, problems));
				services.add(file.substring(0, file.lastIndexOf('.')));
			}
		});
		for (Setting setting : settings) {
			checkSetting(setting, services, problems);
		}
		GatewayRoutes.check(settings, services, problems);
		checkSplits(settings, problems);
		problems.sort(Comparator.comparing(Problem::file).thenComparingInt(Problem::line));
		return problems;
	}

	private static void checkSetting(Setting setting, Set<String> services, List<Problem> problems) {
		if (setting.value().contains("#{")) {
			problems.add(setting.error("SpEL (#{...}) is not allowed in the config repo: '" + setting.key() + "'"));
		}
		boolean routeMetadata = setting.startsWith(GatewayRoutes.PREFIX) && setting.path().size() > 7
				&& Setting.canonical(setting.path().get(7)).equals("metadata");
		if (setting.startsWith("outrigger")) {
			checkOutriggerKey(setting, services, problems);
		}
		else if (!routeMetadata) {
			return;
		}
		String leaf = setting.path().get(setting.path().size() - 1);
		if (setting.value().contains("${")) {
			return;
		}
		if (PolicySchema.isDuration(leaf)) {
			checkDuration(setting, problems);
		}
		switch (Setting.canonical(leaf)) {
			case "regex" -> GatewayRoutes.checkRegex(setting, setting.value(), problems);
			case "percent" -> checkNumber(setting, 0, 100, problems);
			case "status" -> checkNumber(setting, 400, 599, problems);
			default -> {
			}
		}
	}

	private static void checkOutriggerKey(Setting setting, Set<String> services, List<Problem> problems) {
		if (setting.path().size() < 2) {
			problems.add(setting.error("'outrigger' takes keys: " + String.join(", ", OUTRIGGER.keySet())));
			return;
		}
		Schema schema = OUTRIGGER.get(Setting.canonical(setting.path().get(1)));
		if (schema == null) {
			problems.add(setting.error("unknown key '" + setting.key()
					+ "': outrigger.* is one of sidecar, gateway, config-watch, config-cache"));
			return;
		}
		String unknown = schema.check(setting.path().subList(2, setting.path().size()));
		if (unknown != null) {
			problems.add(setting.error("unknown key '" + setting.key() + "': " + unknown));
		}
		else if (setting.startsWith("outrigger", "sidecar", "destinations") && setting.path().size() > 3
				&& !services.contains(setting.path().get(3))) {
			problems.add(setting.warning("destination '" + setting.path().get(3) + "': no service of that name in "
					+ "the config repo (no " + setting.path().get(3) + ".yml); is the name right?"));
		}
	}

	private static void checkDuration(Setting setting, List<Problem> problems) {
		try {
			DurationStyle.detectAndParse(setting.value());
		}
		catch (IllegalArgumentException ex) {
			problems.add(setting.error("bad duration '" + setting.value() + "' for '" + setting.key()
					+ "': write e.g. 250ms, 2s or 1m (a plain number is milliseconds)"));
		}
	}

	private static void checkNumber(Setting setting, double min, double max, List<Problem> problems) {
		try {
			double value = Double.parseDouble(setting.value());
			if (value >= min && value <= max) {
				return;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		problems.add(setting.error("'" + setting.key() + "' must be a number from " + (int) min + " to " + (int) max
				+ ", got '" + setting.value() + "'"));
	}

	// split: { v1: 90, v2: 10 } per destination or route: whole numbers adding up to 100
	private static void checkSplits(List<Setting> settings, List<Problem> problems) {
		Map<String, List<Setting>> splits = new LinkedHashMap<>();
		for (Setting setting : settings) {
			List<String> path = setting.path();
			if (path.size() >= 2 && Setting.canonical(path.get(path.size() - 2)).equals("split")
					&& (setting.startsWith("outrigger") || setting.startsWith(GatewayRoutes.PREFIX))) {
				splits.computeIfAbsent(setting.file() + ":" + Setting.key(path.subList(0, path.size() - 1)),
						(key) -> new ArrayList<>())
					.add(setting);
			}
		}
		for (List<Setting> split : splits.values()) {
			int sum = 0;
			List<String> parts = new ArrayList<>();
			boolean numbers = true;
			for (Setting weight : split) {
				try {
					int value = Integer.parseInt(weight.value().trim());
					if (value < 0) {
						throw new NumberFormatException();
					}
					sum += value;
					parts.add(weight.path().get(weight.path().size() - 1) + " " + value);
				}
				catch (NumberFormatException ex) {
					problems.add(weight.error("split weight '" + weight.key() + "' must be a whole number from 0 "
							+ "to 100, got '" + weight.value() + "'"));
					numbers = false;
				}
			}
			if (numbers && sum != 100) {
				problems.add(split.get(0).error("the split weights add up to " + sum + " (" + String.join(" + ", parts)
						+ "); they must add up to 100"));
			}
		}
	}

}
