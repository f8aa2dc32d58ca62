package dev.outrigger.configserver.validation;

import java.util.List;
import java.util.Locale;

/**
 * One value of a config file with where it was written.
 *
 * @param file the file
 * @param line the 1-based line of the value
 * @param path the key, one element per segment, list indexes as {@code [0]}
 * @param value the value as written
 */
record Setting(String file, int line, List<String> path, String value) {

	/** The key in the form Spring Boot prints, e.g. {@code spring.cloud.gateway.routes[0].id}. */
	String key() {
		return key(this.path);
	}

	static String key(List<String> path) {
		StringBuilder key = new StringBuilder();
		for (String segment : path) {
			if (!segment.startsWith("[") && key.length() > 0) {
				key.append('.');
			}
			key.append(segment);
		}
		return key.toString();
	}

	/** Whether the key starts with the given segments, compared as Spring Boot's relaxed binding does. */
	boolean startsWith(String... prefix) {
		if (this.path.size() < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (!canonical(this.path.get(i)).equals(canonical(prefix[i]))) {
				return false;
			}
		}
		return true;
	}

	/** A key segment as relaxed binding sees it: lower case, without dashes or underscores. */
	static String canonical(String segment) {
		return segment.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
	}

	Problem error(String message) {
		return Problem.error(this.file, this.line, message);
	}

	Problem warning(String message) {
		return Problem.warning(this.file, this.line, message);
	}

}
