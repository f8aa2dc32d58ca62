package dev.outrigger.core.traffic;

/**
 * Sends the requests that carry a header or cookie to one version. Exactly one of
 * {@code header} and {@code cookie}; at most one of {@code value} and {@code regex}, neither
 * meaning the header or cookie only has to be present.
 *
 * @param header name of the request header to look at
 * @param cookie name of the cookie to look at
 * @param value exact value that matches
 * @param regex regular expression the whole value must match
 * @param version the version a matching request goes to
 */
public record MatchRule(String header, String cookie, String value, String regex, String version) {

	public MatchRule {
		RequestMatcher matcher = RequestMatcher.of("match", header, cookie, value, regex);
		if (version == null || version.isBlank()) {
			throw new IllegalArgumentException("match rule on " + matcher + " needs a version");
		}
	}

	/** The compiled condition of this rule. */
	public RequestMatcher matcher() {
		return RequestMatcher.of("match", this.header, this.cookie, this.value, this.regex);
	}

}
