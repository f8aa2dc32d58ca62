package dev.outrigger.configserver.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.outrigger.configserver.source.Revision;
import dev.outrigger.core.policy.SidecarPolicies;

/**
 * The services' own policies as every member is served them: {@code outrigger.service.*} of
 * {@code catalog.yml} becomes {@code outrigger.services.catalog.*}, so that every caller's
 * sidecar and every gateway route to the service applies it.
 */
public final class ServedPolicies {

	private ServedPolicies() {
	}

	/** The served properties of a revision given as file name to content, in file and line order. */
	public static Map<String, String> properties(Map<String, String> files) {
		Map<String, List<Setting>> byFile = new LinkedHashMap<>();
		files.forEach((file, content) -> {
			if (Revision.isConfigFile(file)) {
				byFile.put(file, ConfigFiles.read(file, content, new ArrayList<>()));
			}
		});
		Map<String, String> properties = new LinkedHashMap<>();
		settings(byFile).forEach((key, setting) -> properties.put(key, setting.value()));
		return properties;
	}

	/** The served keys with the settings they come from. */
	static Map<String, Setting> settings(Map<String, List<Setting>> byFile) {
		Map<String, Setting> served = new LinkedHashMap<>();
		byFile.forEach((file, settings) -> {
			String service = ConfigValidator.name(file);
			if (service.equals("application") || service.equals("gateway")) {
				return;
			}
			for (Setting setting : settings) {
				if (setting.startsWith("outrigger", "service")) {
					served.put(served(service, setting), setting);
				}
			}
		});
		return served;
	}

	/** The key under which a setting of {@code outrigger.service} of {@code service} is served. */
	static String served(String service, Setting setting) {
		return SidecarPolicies.SERVICES + "." + service + setting.key().substring(SidecarPolicies.OWN.length());
	}

}
