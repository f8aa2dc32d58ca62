package dev.outrigger.core.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.boot.json.JsonParserFactory;

/**
 * What the config server served at one poll: its version (a git commit id, when it has one)
 * and a digest of the whole answer.
 *
 * @param version the commit id reported by the config server, or {@code null} for a folder
 * @param digest SHA-256 of the served document
 */
public record ConfigSnapshot(String version, String digest) {

	/** Reads a snapshot from the config server's JSON answer for one application. */
	public static ConfigSnapshot of(String body) {
		return new ConfigSnapshot(versionOf(body), sha256(body));
	}

	// Only the top-level field counts: a property named "version" inside a property source
	// must not pass for the commit id when the backend (a folder) has none.
	private static String versionOf(String body) {
		try {
			Object version = JsonParserFactory.getJsonParser().parseMap(body).get("version");
			// Boot's BasicJsonParser (used when Jackson is absent) reads a JSON null as "null"
			return (version instanceof String text && !text.isEmpty() && !text.equals("null")) ? text : null;
		}
		catch (IllegalArgumentException ex) {
			// JsonParseException: not JSON, so no version to read; the digest still tracks changes
			return null;
		}
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
