package dev.outrigger.core.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.springframework.boot.json.JsonParserFactory;

/**
 * What the config server served at one poll: its version (a git commit id, when it has one)
 * and a digest of the whole answer.
 *
 * @param version the revision (commit id, or a folder's digest) reported by the config server, or {@code null}
 * @param digest SHA-256 of the served document
 */
public record ConfigSnapshot(String version, String digest) {

	/** The property in which the Outrigger config server names the revision it serves. */
	public static final String REVISION_PROPERTY = "outrigger.config.revision";

	/** Reads a snapshot from the config server's JSON answer for one application. */
	public static ConfigSnapshot of(String body) {
		return new ConfigSnapshot(versionOf(body), sha256(body));
	}

	// The Outrigger config server names its revision in a property of every answer; another
	// config server's git backend gives the commit id in the top-level "version" (a property
	// named "version" inside a property source must not pass for it).
	private static String versionOf(String body) {
		try {
			Map<String, Object> answer = JsonParserFactory.getJsonParser().parseMap(body);
			if (answer.get("propertySources") instanceof List<?> sources) {
				for (Object source : sources) {
					if (source instanceof Map<?, ?> map && map.get("source") instanceof Map<?, ?> properties
							&& text(properties.get(REVISION_PROPERTY)) != null) {
						return text(properties.get(REVISION_PROPERTY));
					}
				}
			}
			return text(answer.get("version"));
		}
		catch (IllegalArgumentException ex) {
			// JsonParseException: not JSON, so no version to read; the digest still tracks changes
			return null;
		}
	}

	// Boot's BasicJsonParser (used when Jackson is absent) reads a JSON null as "null"
	private static String text(Object value) {
		return (value instanceof String text && !text.isEmpty() && !text.equals("null")) ? text : null;
	}

	/** A short label for logs: the commit id if known, else the digest prefix. */
	public String label() {
		return (this.version != null) ? this.version : "sha256:" + this.digest.substring(0, 12);
	}

	private static String sha256(String body) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(body.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}
