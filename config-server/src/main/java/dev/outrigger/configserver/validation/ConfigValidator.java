package dev.outrigger.configserver.validation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.outrigger.configserver.source.Revision;

/**
 * Validates a whole revision of the config repo before any member sees it: YAML syntax; every
 * {@code outrigger.*} key and every route's {@code metadata} bound as the members bind them
 * (so unknown keys, bad durations, numbers, regexes and split weights are refused exactly when
 * a member would refuse them); unknown gateway predicates and filters; {@code Weight} groups
 * that do not add up to 100; SpEL; and (as warnings) services no file names. The config server
 * and {@code ./mesh validate} both run this class.
 */
public final class ConfigValidator {

	/** The problems of a revision given as file name to content, in file and line order. */
	public List<Problem> validate(Map<String, String> files) {
		List<Problem> problems = new ArrayList<>();
		Map<String, List<Setting>> byFile = new LinkedHashMap<>();
		Set<String> services = new TreeSet<>();
		files.forEach((file, content) -> {
			if (Revision.isConfigFile(file)) {
				byFile.put(file, ConfigFiles.read(file, content, problems));
				services.add(name(file));
			}
		});
		List<Setting> settings = byFile.values().stream().flatMap(List::stream).toList();
		for (Setting setting : settings) {
			checkSetting(setting, services, problems);
		}
		GatewayRoutes.check(settings, services, problems);
		MemberViews views = new MemberViews(byFile, problems);
		views.check();
		RouteMetadataCheck.check(settings, views, problems);
		List<Problem> distinct = new ArrayList<>(new LinkedHashSet<>(problems));
		distinct.sort(Comparator.comparing(Problem::file).thenComparingInt(Problem::line));
		return distinct;
	}

	/** The name of a config file without its extension: the application it configures. */
	static String name(String file) {
		int dot = file.lastIndexOf('.');
		return (dot > 0) ? file.substring(0, dot) : file;
	}

	private static void checkSetting(Setting setting, Set<String> services, List<Problem> problems) {
		if (setting.value().contains("#{")) {
			problems.add(setting.error("SpEL (#{...}) is not allowed in the config repo: '" + setting.key() + "'"));
		}
		if (setting.startsWith("outrigger", "sidecar", "destinations") && setting.path().size() > 3
				&& !services.contains(setting.path().get(3))) {
			problems.add(setting.warning("destination '" + setting.path().get(3) + "': no service of that name in "
					+ "the config repo (no " + setting.path().get(3) + ".yml); is the name right?"));
		}
	}

}
