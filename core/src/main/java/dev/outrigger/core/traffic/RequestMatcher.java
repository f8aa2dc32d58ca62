package dev.outrigger.core.traffic;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A compiled condition on one request header or cookie: present, equal to a value, or fully
 * matching a regular expression.
 */
public final class RequestMatcher {

	private final boolean cookie;

	private final String name;

	private final String value;

	private final Pattern pattern;

	private RequestMatcher(boolean cookie, String name, String value, Pattern pattern) {
		this.cookie = cookie;
		this.name = name;
		this.value = value;
		this.pattern = pattern;
	}

	/**
	 * Checks and compiles a condition.
	 * @param key the policy key the condition is written under, for error messages
	 * @param header header name, or {@code null}
	 * @param cookie cookie name, or {@code null} (exactly one of header and cookie)
	 * @param value exact value, or {@code null}
	 * @param regex regular expression, or {@code null} (at most one of value and regex)
	 * @throws IllegalArgumentException naming {@code key} if the condition is malformed
	 */
	public static RequestMatcher of(String key, String header, String cookie, String value, String regex) {
		boolean hasHeader = header != null && !header.isBlank();
		boolean hasCookie = cookie != null && !cookie.isBlank();
		if (hasHeader == hasCookie) {
			throw new IllegalArgumentException(key + " needs exactly one of header or cookie, got header "
					+ quoted(header) + " and cookie " + quoted(cookie));
		}
		if (value != null && regex != null) {
			throw new IllegalArgumentException(key + " takes value or regex, not both, got value " + quoted(value)
					+ " and regex " + quoted(regex));
		}
		return new RequestMatcher(hasCookie, hasCookie ? cookie : header, value, compile(key, regex));
	}

	/** Whether the request satisfies this condition. */
	public boolean matches(TrafficRequest request) {
		String actual = this.cookie ? request.cookie(this.name) : request.header(this.name);
		if (actual == null) {
			return false;
		}
		if (this.value != null) {
			return this.value.equals(actual);
		}
		return this.pattern == null || this.pattern.matcher(actual).matches();
	}

	@Override
	public String toString() {
		return (this.cookie ? "cookie '" : "header '") + this.name + "'";
	}

	/** Compiles {@code <key>.regex}; {@code null} stays {@code null}. */
	static Pattern compile(String key, String regex) {
		if (regex == null) {
			return null;
		}
		try {
			return Pattern.compile(regex);
		}
		catch (PatternSyntaxException ex) {
			throw new IllegalArgumentException(
					key + ".regex '" + regex + "' is not a valid regular expression: " + ex.getDescription());
		}
	}

	private static String quoted(String text) {
		return (text != null) ? "'" + text + "'" : "none";
	}

}
