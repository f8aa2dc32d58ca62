package dev.outrigger.core.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the config server served at one poll: its version (a git commit id, when it has one)
 * and a digest of the whole answer.
 *
 * @param version the commit id reported by the config server, or {@code null} for a folder
 * @param digest SHA-256 of the served document
 */
public record ConfigSnapshot(String version, String digest) {

	private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]*)\"");

	/** Reads a snapshot from the config server's JSON answer for one application. */
	public static ConfigSnapshot of(String body) {
		Matcher matcher = VERSION.matcher(body);
		String version = matcher.find() ? matcher.group(1) : null;
		return new ConfigSnapshot(version, sha256(body));
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
