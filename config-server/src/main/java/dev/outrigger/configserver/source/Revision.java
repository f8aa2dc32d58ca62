package dev.outrigger.configserver.source;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One state of the config repo: the files the config server serves (top-level {@code .yml},
 * {@code .yaml} and {@code .properties} files), and the id that names that state.
 *
 * @param id the git commit id, or for a folder {@code sha256:} and a digest of its files
 * @param files file name to content, sorted by name
 */
public record Revision(String id, SortedMap<String, String> files) {

	public Revision(String id, Map<String, String> files) {
		this(id, new TreeMap<>(files));
	}

	/** Whether a file name is one the config server serves. */
	public static boolean isConfigFile(String name) {
		return !name.startsWith(".") && (name.endsWith(".yml") || name.endsWith(".yaml") || name.endsWith(".properties"));
	}

	/** The first twelve characters of the id, for logs. */
	public String shortId() {
		String bare = this.id.startsWith("sha256:") ? this.id.substring(7) : this.id;
		return bare.substring(0, Math.min(12, bare.length()));
	}

}
